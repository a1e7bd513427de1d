import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../../src/privacy/personal-data.js';
import { ofType } from '../helpers/personal-data.js';

describe('examples given by a letter', () => {
  const HEAD3 = `MAIRIE DE VIENNE – Police municipale
Place de l'Hôtel-de-Ville – 38200 Vienne

Note aux riverains

`;
  it('reads nothing in the block under « Exemple … : »', () => {
    const t = HEAD3 + `Exemple de demande bien remplie (personne fictive) :
   Nom : MARTIN      Prénom : Paul
   Adresse : 3, place du Modèle – 38200 Vienne
   Courriel : paul.martin@courriel.fr

Les demandes incomplètes seront retournées.
`;
    expect(findPersonalData(t)).toEqual([]);
  });
  it('reads nothing after « Exemple … : » on its line, but reads the next line', () => {
    const t = HEAD3 + `Exemple d'aperçu (données de test) : « Bonjour Madame Lise MARTIN, votre dossier DV-27-001234 est complet. »
Demandeur : M. Hervé RICHARD, dossier DV-27-004411.
`;
    expect(ofType(t, 'NOM')).toEqual(['Hervé RICHARD']);
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['DV-27-004411']);
  });
});
