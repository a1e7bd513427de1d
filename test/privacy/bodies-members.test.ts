import { describe, expect, it } from 'vitest';
import { ofType } from '../helpers/personal-data.js';

const HEAD = `INSTITUT RÉGIONAL DE FORMATION
Service des examens
8, quai des Chartrons – 33000 Bordeaux
Tél. : 05 56 00 00 00

`;
const RECIPIENT = `Madame Léonie FAURIEL
14, rue du Pas-Saint-Georges
33000 Bordeaux

Bordeaux, le 9 mars 2027

Objet : votre examen

Madame,

`;
const SIGN = `

Veuillez agréer, Madame, nos salutations distinguées.

Le directeur,
Hugo Lanne
`;
const letter = (body: string): string => HEAD + RECIPIENT + body + SIGN;

describe('members and officers of a body', () => {
  it('reads the members listed after « Jury : » as the body’s', () => {
    const t = letter('Jury : Mme Odette Brana, M. Luc Serres, Mme Anaïs Peyrot (rapporteure), M. Jon Etxe (président).');
    expect(ofType(t, 'NOM')).toEqual(['Léonie FAURIEL']);
  });
  it('reads the items under a heading « Composition du jury » as the body’s', () => {
    const t = letter(`Composition du jury (décision du 2 février 2027) :
– Mme Odette Brana, maîtresse de conférences, présidente ;
– M. Luc Serres, formateur.
`);
    expect(ofType(t, 'NOM')).toEqual(['Léonie FAURIEL']);
  });
  it('still reads the person’s former employer named after « votre ancien employeur »', () => {
    const t = letter('Votre ancien employeur, M. Rémi DUCASSE, pharmacien retraité, n’a pas répondu.');
    expect(ofType(t, 'NOM')).toContain('Rémi DUCASSE');
  });
  it('reads the contact given in brackets for a body’s unit as the body’s', () => {
    const t = letter('Le service du personnel de la société (Mme Nadia Ferrer, 05 56 12 34 56) a confirmé votre contrat.');
    expect(ofType(t, 'NOM')).toEqual(['Léonie FAURIEL']);
    expect(ofType(t, 'TELEPHONE')).toEqual([]);
  });
  it('reads a body as the addressee: its officer « à l’attention de » and its seat’s address are no person’s', () => {
    const t = `INSTITUT RÉGIONAL DE FORMATION
8, quai des Chartrons – 33000 Bordeaux

Bordeaux, le 9 mars 2027

Association Les Amis du Port
À l'attention de M. Gérard Lasserre, président
Maison des sports, 5, rue Judaïque
33000 Bordeaux

Objet : convention de stage de Mme Léonie FAURIEL

Monsieur le Président,

Nous vous transmettons la convention de stage.
${SIGN}`;
    expect(ofType(t, 'NOM')).toEqual(['Léonie FAURIEL']);
    expect(ofType(t, 'ADRESSE')).toEqual([]);
  });
  it('reads a number given to an act named with its authority before it as no person’s', () => {
    const t = letter('Textes applicables : arrêté du directeur régional n° 2024-DR-117 relatif aux examens.');
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual([]);
  });
  it('reads a name set after a rank or a superior’s title as an official’s', () => {
    const t = letter('Le capitaine du port de plaisance, M. Loïc Brenot, ne délivre pas cette attestation. Le supérieur de la communauté, M. Alain Pujos, la signera.');
    expect(ofType(t, 'NOM')).toEqual(['Léonie FAURIEL']);
  });
});
