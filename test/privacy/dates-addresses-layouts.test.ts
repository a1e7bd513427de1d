import { describe, expect, it } from 'vitest';
import { ofType } from '../helpers/personal-data.js';

const HEAD = `Caisse primaire d'assurance maladie de la Sarthe
Service des prestations
12, boulevard Carnot – 72000 Le Mans
Tél. : 02 43 11 11 11

`;
const RECIPIENT = `                                        Monsieur Bastien COLLIN
                                        9, rue des Pivoines
                                        72100 Le Mans

Le Mans, le 4 mars 2026

Objet : votre dossier

Monsieur,

`;
const SIGN = `

Veuillez agréer, Monsieur, nos salutations distinguées.

La responsable du service,
Odile Marchand
`;
const letter = (body: string): string => HEAD + RECIPIENT + body + SIGN;

describe('birth dates written in other forms', () => {
  it('keeps the weekday before a birth date', () => {
    expect(ofType(letter('Votre fils Lucas, né le mardi 3 mars 2009, est rattaché à votre dossier.'), 'DATE_NAISSANCE')).toEqual(['mardi 3 mars 2009']);
  });
  it('reads a birth date in boxes under a « jour | mois | année » heading, and a NIR whose key follows « – Clé : »', () => {
    expect(ofType(letter('Date de naissance :   jour | mois | année\n                      14 | 06 | 1981\nLieu de naissance : Tours'), 'DATE_NAISSANCE')).toEqual(['14 | 06 | 1981']);
    expect(ofType(letter('Numéro d’immatriculation : 1 84 12 06 088 215 – Clé : 90'), 'NIR')).toEqual(['1 84 12 06 088 215 – Clé : 90']);
  });
  it('reads a birth date with a shortened month or weekday (« 12 déc. 1958 », « ven. 18 juillet 2003 »)', () => {
    expect(ofType(letter('M. Frantz DORVAL, né le 12 déc. 1958 au Gosier, est l’assuré.'), 'DATE_NAISSANCE')).toEqual(['12 déc. 1958']);
    expect(ofType(letter('Née le : ven. 18 juillet 2003 à Saint-Denis'), 'DATE_NAISSANCE')).toEqual(['ven. 18 juillet 2003']);
    expect(ofType(letter('Votre fille, née le 3 janv. 2011, est rattachée au dossier.'), 'DATE_NAISSANCE')).toEqual(['3 janv. 2011']);
  });
  it('reads a birth date spelled out in words', () => {
    expect(ofType(letter("L'acte indique que Léna est née le douze octobre deux mille onze à Tanger."), 'DATE_NAISSANCE')).toEqual(['douze octobre deux mille onze']);
    expect(ofType(letter('Votre père, né le trente et un mai mil neuf cent quarante-six, est décédé.'), 'DATE_NAISSANCE')).toEqual(['trente et un mai mil neuf cent quarante-six']);
  });
  it('reads the same birth date given again in another form', () => {
    const t = letter("Date de naissance : 05/09/1979 (selon l'acte étranger : 1979-09-05)\nLe dossier a été ouvert le 06/09/2025.");
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['05/09/1979', '1979-09-05']);
  });
});

describe('tables and layouts', () => {
  it('keeps the empty first cell of a bar table header, so that the columns stay aligned', () => {
    const t = letter('Composition du foyer :\n| | Nom et prénom | Date de naissance |\n| Demandeur | ROCHE Alain | 14/02/1975 |\n| Conjointe | VIGNAL Chloé | 30/06/1978 |\n\nMerci.');
    expect(ofType(t, 'NOM')).toContain('VIGNAL Chloé');
    expect(ofType(t, 'NOM')).not.toContain('Demandeur');
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['14/02/1975', '30/06/1978']);
  });
  it('reads the right column of a two-column header split by a bar', () => {
    const t = `Maison de l'emploi du Mans                         |  Madame Inès TALBI
3, place d'Alger – 72000 Le Mans                   |  Foyer des jeunes actifs Les Tilleuls
Tél. : 02 43 00 00 00                              |  chambre 12 – 5, rue Voltaire
www.mde-lemans.fr                                  |  72000 Le Mans

Le Mans, le 4 mars 2026

Madame,

Votre contrat est signé.${SIGN}`;
    expect(ofType(t, 'ADRESSE')).toEqual(['Foyer des jeunes actifs Les Tilleuls', 'chambre 12 – 5, rue Voltaire', '72000 Le Mans']);
  });
  it('reads a recipient block under a foreign civility', () => {
    const t = `${HEAD}                                        Signora
                                        Giulia RENZI
                                        Via Garibaldi 41
                                        10122 Torino (TO)
                                        ITALIE

Le Mans, le 4 mars 2026

Madame,

Votre dossier est complet.${SIGN}`;
    expect(ofType(t, 'ADRESSE')).toEqual(['Via Garibaldi 41\n                                        10122 Torino (TO)\n                                        ITALIE']);
  });
  it('reads a quoted message below the signature as the person’s', () => {
    const t = `${letter('Nous avons bien reçu votre message.')}
> ----- Message d'origine -----
> De : a.vernet@orange.fr
> À : contact@cpam-sarthe.fr
> Objet : ma demande
>
> Mon adresse : Appartement 7, résidence Les Acacias, 4 rue Gambetta, 72000 Le Mans.
> Merci`;
    expect(ofType(t, 'ADRESSE')).toContain('Appartement 7, résidence Les Acacias, 4 rue Gambetta, 72000 Le Mans');
  });
});

/** The addresses found, but the recipient block's. */
const bodyAddresses = (t: string): string[] => ofType(t, 'ADRESSE').filter((a) => !a.startsWith('9, rue des Pivoines'));

describe('addresses', () => {
  it('reads an Italian street, a province in brackets and the country in its language', () => {
    const t = letter("Je travaille en France mais j'habite Via Roma 27, 16121 Genova (GE), ITALIA depuis deux ans.");
    expect(bodyAddresses(t)).toEqual(['Via Roma 27, 16121 Genova (GE), ITALIA']);
  });
  it('reads an address after a person’s name and their relation to the addressee', () => {
    const t = letter('Obligés alimentaires :\n1. Paul COLLIN, frère, 9, impasse des Ajoncs, 35000 Rennes ;\n2. Agnès COLLIN, sœur de votre épouse, 3, rue du Port, 56100 Lorient.');
    expect(bodyAddresses(t)).toEqual(['9, impasse des Ajoncs, 35000 Rennes', '3, rue du Port, 56100 Lorient']);
  });
  it('reads a place abroad with no postcode, closed by its country', () => {
    const t = letter('Votre frère, M. Ousmane COLLIN, est domicilié quartier Almadies, BP 5012, Dakar, SÉNÉGAL. Il peut nous écrire.');
    expect(bodyAddresses(t)).toEqual(['quartier Almadies, BP 5012, Dakar, SÉNÉGAL']);
  });
  it('reads the place of an inspected installation, with a lieu-dit between the street and the postcode', () => {
    const t = letter('Installation : 14, chemin des Vignes, lieu-dit La Brosse, 72230 Arnage\nLe contrôle a eu lieu le 2 mars.');
    expect(bodyAddresses(t)).toEqual(['14, chemin des Vignes, lieu-dit La Brosse, 72230 Arnage']);
  });
});

describe('addresses abroad and blocks of their own', () => {
  it('reads an address abroad written on one line and closed by its country', () => {
    const t = letter('Votre fille, qui réside en Belgique (Vaartstraat 19, 3000 Leuven, BELGIQUE), recevra une copie.');
    expect(bodyAddresses(t)).toEqual(['Vaartstraat 19, 3000 Leuven, BELGIQUE']);
    const t2 = letter('Votre beau-frère, M. Jordi PUIG, sera témoin.\n\nTémoins :\n1. Jordi PUIG, Carrer de Mallorca, 112, 2n 3a, 08036 Barcelona, ESPAGNE\n2. Anna PUIG, même adresse.');
    expect(bodyAddresses(t2)).toContain('Carrer de Mallorca, 112, 2n 3a, 08036 Barcelona, ESPAGNE');
    const t3 = letter("Il habite en partie à Londres, à l'adresse Flat 7, 18 Camden Road, London NW1 9DP, ROYAUME-UNI.");
    expect(bodyAddresses(t3)).toEqual(['Flat 7, 18 Camden Road, London NW1 9DP, ROYAUME-UNI']);
  });
  it('reads a recipient block abroad: a German street, a British postcode, a civility in German', () => {
    const de = `${HEAD}Herrn
Jonas WEBER
Lindenstraße 14
79539 Lörrach
ALLEMAGNE

Le Mans, le 4 mars 2026

Monsieur,

Votre dossier est complet.${SIGN}`;
    expect(ofType(de, 'ADRESSE')).toEqual(['Lindenstraße 14\n79539 Lörrach\nALLEMAGNE']);
    const uk = `${HEAD}Madame Olivia BROWN
Flat 2, 9 Gloucester Avenue
London NW1 7BA
ROYAUME-UNI

Le Mans, le 4 mars 2026

Madame,

Votre dossier est complet.${SIGN}`;
    expect(ofType(uk, 'ADRESSE')).toEqual(['Flat 2, 9 Gloucester Avenue\nLondon NW1 7BA\nROYAUME-UNI']);
  });
  it('reads an address block of its own under the person’s identity fields', () => {
    const t = `${HEAD}CONVOCATION

Nom : MARCHAL
Prénom : Théo
Né le : 02/05/2001

Foyer des jeunes actifs Les Tilleuls – chambre 8
3, rue Voltaire
72000 Le Mans

Le Mans, le 4 mars 2026

Monsieur,

Vous êtes convoqué.${SIGN}`;
    expect(ofType(t, 'ADRESSE')).toEqual(['Foyer des jeunes actifs Les Tilleuls – chambre 8\n3, rue Voltaire\n72000 Le Mans']);
  });
});

describe('addresses given abroad or as a new address', () => {
  it('reads the address lines under « votre nouvelle adresse … : », with the country below a foreign town', () => {
    expect(ofType(letter('Vous nous avez indiqué votre nouvelle adresse pour l’envoi de ce courrier :\n4, rue Haute\n72000 Le Mans\n\nMerci.'), 'ADRESSE')).toContain('4, rue Haute\n72000 Le Mans');
    expect(ofType(letter('Votre nouvelle adresse :\nRua de São Vicente, 118, 2.º Esq.\n4710-312 Braga\nPORTUGAL\n\nMerci.'), 'ADRESSE')).toContain('Rua de São Vicente, 118, 2.º Esq.\n4710-312 Braga\nPORTUGAL');
  });
  it('reads a place with no number after a person’s name and their trade (« Mme X, maraîchère à La Touche, 35630 … »)', () => {
    expect(ofType(letter('Un stage de trois mois chez Mme Soizic TRÉGUER, maraîchère à La Touche-Ès-Roux, 35630 Hédé-Bazouges.'), 'ADRESSE')).toContain('La Touche-Ès-Roux, 35630 Hédé-Bazouges');
  });
  it('reads a British address after « résidant à », closed by its town and postcode', () => {
    expect(ofType(letter('Votre fille, Mme Emma SHAW, résidant à 14 Kensington Place, Bath BA1 2QP, est la personne à contacter.'), 'ADRESSE')).toContain('14 Kensington Place, Bath BA1 2QP');
  });
  it('reads the address lines under a heading when a word processor sets a blank line between them', () => {
    const t = letter('Votre nouvelle adresse :\n\nRua de São Vicente, 118, 2.º Esq.\n\n4710-312 Braga\n\nPORTUGAL\n\nMerci.');
    expect(ofType(t, 'ADRESSE').some((a) => a.startsWith('Rua de São Vicente') && a.includes('4710-312 Braga'))).toBe(true);
  });
  it('reads an address abroad with no number that ends with the country’s official name', () => {
    expect(ofType(letter('Adresse : Quartier Badjanani, Moroni, Grande Comore, UNION DES COMORES'), 'ADRESSE')).toContain('Quartier Badjanani, Moroni, Grande Comore, UNION DES COMORES');
  });
});

describe('the business a person runs, in their block', () => {
  it('does not read the business line between the name and the address as an address line', () => {
    const t = `${HEAD}                                        Monsieur Baptiste CHAZAL
                                        EARL du Puy Mary
                                        Lieu-dit Le Falgoux-Bas
                                        15380 Le Falgoux

Monsieur,

Votre dossier est à jour.${SIGN}`;
    const a = ofType(t, 'ADRESSE');
    expect(a).toEqual(['Lieu-dit Le Falgoux-Bas\n                                        15380 Le Falgoux']);
  });
});

describe('hosts in the recipient block', () => {
  it('reads the host named on a line « hébergés chez M. X » (plural too), not as an address line', () => {
    const t = `${HEAD}                                        À l'attention de M. Giorgi BERIDZE et de Mme Nino BERIDZE\n                                        hébergés chez M. Zurab KAPANADZE\n                                        9, rue des Pivoines\n                                        72100 Le Mans\n\nMonsieur, Madame,\n\nVotre dossier est à jour.${SIGN}`;
    expect(ofType(t, 'NOM')).toContain('Zurab KAPANADZE');
    expect(ofType(t, 'ADRESSE')).toEqual(['9, rue des Pivoines\n                                        72100 Le Mans']);
  });
});

describe('an animal’s details in a word processor’s paragraphs', () => {
  it('leaves an animal’s name and birth alone under « Chien détenu : », blank lines apart', () => {
    const t = letter('Chien détenu :\n\nNom : Titan – Race : rottweiler\n\nSexe : mâle – Né le 14/05/2024\n\nVotre permis est délivré.');
    expect(ofType(t, 'NOM').filter((n) => !/COLLIN/.test(n))).toEqual([]);
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual([]);
  });
});

describe('mentions on an envelope’s window', () => {
  it('does not read « PLI CONFIDENTIEL » above the recipient as a name (a word processor’s paragraphs)', () => {
    const t = ['Centre hospitalier', '95, boulevard Pinel – 69678 Bron Cedex', 'Tél. : 04 37 91 55 55', 'Bron, le 18 novembre 2026', 'PLI CONFIDENTIEL', 'Madame Véronique CHARPENTIER', '8, montée du Gourguillon', '69005 Lyon', 'Objet : information', 'Madame,', 'Nous vous informons de la décision.', 'Le directeur,', 'Paul Martin'].join('\n\n');
    expect(ofType(t, 'NOM')).toEqual(['Véronique CHARPENTIER']);
  });
});
