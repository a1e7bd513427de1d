import { describe, expect, it } from 'vitest';
import { ofType } from '../helpers/personal-data.js';

const HEAD = `COMMUNE DE SAINT-ALBAN – Service enfance
3, place de la Mairie – 31140 Saint-Alban
Tél. : 05 61 00 00 00

Saint-Alban, le 4 février 2027

Objet : liste des inscrits

Madame,

`;
const SIGN = `

Veuillez agréer, Madame, nos salutations distinguées.

Le chef de service,
Paul Segond
`;
const letter = (body: string): string => HEAD + body + SIGN;

describe('lists of several households', () => {
  it('reads the contact line of a numbered family entry as the family’s, not an agent’s', () => {
    const t = letter(`1. Inscription n° AL-2027-0031 – enfant Noé CASTEX, né le 02/09/2024
   Parents : Julien CASTEX et Amandine PONS – 7, rue des Tilleuls, 31140 Saint-Alban
   Contact : 06 48 21 93 17 – jours : lundi et mardi

2. Inscription n° AL-2027-0040 – enfant Lila MARQUIÉ, née le 11/12/2024
   Parents : Yves et Carole MARQUIÉ – adresse : voir dossier
`);
    expect(ofType(t, 'TELEPHONE')).toEqual(['06 48 21 93 17']);
    expect(ofType(t, 'ADRESSE')).toEqual(['7, rue des Tilleuls, 31140 Saint-Alban']);
    const names = ofType(t, 'NOM').join(' | ');
    for (const n of ['Noé CASTEX', 'Julien CASTEX', 'Amandine PONS', 'Lila MARQUIÉ']) expect(names).toContain(n);
  });
  it('keeps a « Contact : » line outside such an entry an agent’s', () => {
    const t = letter(`Votre demande est enregistrée.
Contact : Mme Odile Ferrand, 05 61 00 00 12
`);
    expect(ofType(t, 'TELEPHONE')).toEqual([]);
    expect(ofType(t, 'NOM')).toEqual([]);
  });
  it('reads a child named right after « enfant » before its birth', () => {
    expect(ofType(letter('Dossier de l’enfant Timéo VIGUIER, né le 15/03/2025, complet.'), 'NOM')).toEqual(['Timéo VIGUIER']);
  });
  it('reads the pupils and guardians of a transport list, and the pupils’ card numbers', () => {
    const t = letter(`Arrêt « Les Granges » (7 h 40)
– GALY Pauline, CM1 – carte BS31-27-004102 – responsable : Sophie GALY, 06 52 18 47 90
– GALY Arthur, CE1 – carte BS31-27-004103 – même responsable
– SOULA Maël, 6e – carte BS31-27-005521 – responsable : Didier SOULA, 05 61 27 44 08
`);
    const names = ofType(t, 'NOM').join(' | ');
    for (const n of ['GALY Pauline', 'Sophie GALY', 'GALY Arthur', 'SOULA Maël', 'Didier SOULA']) expect(names).toContain(n);
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['BS31-27-004102', 'BS31-27-004103', 'BS31-27-005521']);
    expect(ofType(t, 'TELEPHONE')).toEqual(['06 52 18 47 90', '05 61 27 44 08']);
  });
  it('does not read a list of services with a « responsable : » as persons', () => {
    const t = letter(`– Service des sports, gymnase – responsable : voir l’accueil
– Médiathèque – ouverte le samedi
`);
    expect(ofType(t, 'NOM')).toEqual([]);
  });
});

describe('a flattened PDF form with numbered boxes', () => {
  it('reads the field after the box number « Case N : »', () => {
    const t = `FÉDÉRATION DÉPARTEMENTALE DE PÊCHE
2, allée des Saules – 46000 Cahors

Formulaire de demande de carte annuelle

Case 1 : Nom : LASCOMBES
Case 2 : Prénom(s) : Mathieu, Pierre
Case 3 : Adresse : 9, impasse du Moulin
          46090 Mercuès
Case 4 : Téléphone : 0565301122
Case 5 : Identifiant fédéral du pêcheur : FDP46-220417
`;
    expect(ofType(t, 'ADRESSE')).toEqual(['9, impasse du Moulin\n          46090 Mercuès']);
    expect(ofType(t, 'TELEPHONE')).toEqual(['0565301122']);
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['FDP46-220417']);
    expect(ofType(t, 'NOM').join(' ')).toContain('Mathieu');
  });
});
