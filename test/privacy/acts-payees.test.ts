import { describe, expect, it } from 'vitest';
import { ofType } from '../helpers/personal-data.js';

const HEAD = `RÉGIE DES EAUX DU PAYS BASQUE
2, allée du Port – 64100 Bayonne

Madame Ainhoa ETCHART
12, rue Pannecau
64100 Bayonne

Bayonne, le 2 avril 2027

Madame,

`;
const SIGN = `

Veuillez agréer, Madame, nos salutations distinguées.

La directrice,
Maite Irigoyen
`;
const letter = (body: string): string => HEAD + body + SIGN;

describe('numbers and accounts that are a body’s', () => {
  it('reads a route’s number (« circuit n° ») as no person’s', () => {
    expect(ofType(letter('Votre enfant empruntera le circuit n° 64-027 à la rentrée.'), 'NUMERO_DOSSIER')).toEqual([]);
  });
  it('reads an act numbered after its authority and its court as no person’s', () => {
    const t = letter('Le médiateur a été désigné par décision du président du tribunal administratif de Pau n° E27000045/64 du 3 mars 2027.');
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual([]);
  });
  it('reads the account of the payee « à l’ordre de » a body as no person’s, but not a person’s', () => {
    const body = letter('Paiement par virement : FR76 3000 4000 3000 0123 4567 880 – à l’ordre de la Régie des eaux.');
    expect(ofType(body, 'IBAN')).toEqual([]);
    const person = letter('Remboursement par virement sur votre compte : FR76 3000 4000 3000 0123 4567 880, à l’ordre de Mme Ainhoa ETCHART.');
    expect(ofType(person, 'IBAN')).toEqual(['FR76 3000 4000 3000 0123 4567 880']);
  });
  it('reads a name followed by « rapporteur » as an official’s', () => {
    expect(ofType(letter('L’avis est rendu sur le rapport de M. Xabier Bidart, rapporteur.'), 'NOM')).toEqual(['Ainhoa ETCHART']);
  });
  it('reads a mobile number given for an on-call duty (« astreinte ») as a service’s', () => {
    expect(ofType(letter('En dehors des heures d’ouverture, le technicien d’astreinte répond au 06 40 11 22 33.'), 'TELEPHONE')).toEqual([]);
  });
  it('reads the children named after « vos deux enfants mineurs, »', () => {
    expect(ofType(letter('Vos trois enfants mineurs, Eneko, Ane et Julen, ne sont pas convoqués.'), 'NOM').join(' ')).toContain('Eneko');
  });
  it('reads a birth listed after « à votre dossier : », but not a file « né le »', () => {
    expect(ofType(letter('Données enregistrées à votre dossier : née le 4 juin 1987 à Bayonne, téléphone connu.'), 'DATE_NAISSANCE')).toEqual(['4 juin 1987']);
    expect(ofType(letter('Le dossier né le 4 juin 2019 a été clos.'), 'DATE_NAISSANCE')).toEqual([]);
  });
  it('reads a staff number of capitals and four digits after « matricule »', () => {
    expect(ofType(letter('Le véhicule était conduit par M. Peio ARRIETA, livreur (matricule LGX-2208), le 3 mars.'), 'NUMERO_DOSSIER')).toEqual(['LGX-2208']);
  });
  it('reads a code given with « – n° » right after a person’s name', () => {
    expect(ofType(letter('Contrat de prêt : Ainhoa ETCHART – n° PRT-0412-883105'), 'NUMERO_DOSSIER')).toEqual(['PRT-0412-883105']);
  });
  it('reads a name after a sports instructor’s role as the staff’s', () => {
    expect(ofType(letter('Cours du mercredi (groupe « Tortues », maître-nageur : M. Iban Larre).'), 'NOM')).toEqual(['Ainhoa ETCHART']);
  });
});
