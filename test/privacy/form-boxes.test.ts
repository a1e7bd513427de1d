import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../../src/privacy/personal-data.js';
import { ofType } from '../helpers/personal-data.js';

describe('a form whose boxes are coded « A1 », « B2 »', () => {
  const t = `CENTRE DE LOISIRS INTERCOMMUNAL
4, rue des Écoles – 47000 Agen

Fiche d'inscription

Partie A – Enfant
A1 Nom : LABORDE
A2 Prénoms : Margaux Hélène
A3 Téléphone du responsable : 06.22.41.87.30
A4 Adresse : 11, rue Montesquieu
     47000 Agen
`;
  it('reads the field after the box code', () => {
    expect(ofType(t, 'TELEPHONE')).toEqual(['06.22.41.87.30']);
    expect(ofType(t, 'ADRESSE').length).toBe(1);
    expect(ofType(t, 'NOM')).toContain('LABORDE');
  });
  it('leaves a lone code alone', () => {
    const one = 'Imprimer au format :\nA4 Paysage : oui\n';
    expect(findPersonalData(one)).toEqual([]);
  });
});

describe('labels of the person who files or declares', () => {
  it('reads the name after « Déposant : » and the birth name after it', () => {
    const t = `LABORATOIRE D'ANALYSES
Reçu n° R-27-0042

Déposant : Solange VERDIER née LACAZE
Téléphone : 05 53 00 11 22
`;
    expect(ofType(t, 'NOM')).toEqual(['Solange VERDIER', 'LACAZE']);
  });
});

describe('a relative designated as the contact', () => {
  it('reads the contacts of a relative « désignée comme interlocutrice »', () => {
    const t = `OFFICE DES FORÊTS
1, route du Col – 65000 Tarbes

Monsieur Marc ABADIE
3, chemin du Lac
65200 Bagnères-de-Bigorre

Monsieur,

Votre sœur, Mme Lucie ABADIE, désignée comme interlocutrice pendant votre absence : lucie.abadie@free.fr, 06 71 20 33 48.

Veuillez agréer, Monsieur, nos salutations.

Le chef de service,
Jean Pujo
`;
    expect(ofType(t, 'EMAIL')).toEqual(['lucie.abadie@free.fr']);
    expect(ofType(t, 'TELEPHONE')).toEqual(['06 71 20 33 48']);
  });
});

describe('digits written one per box', () => {
  it('reads a date of birth and a NIR written one digit per box, not boxes of a reference or an amount', () => {
    const t =
      'Centre hospitalier\n\nJe soussigné(e)\nNom : MARTY        Prénom : Odile\n' +
      'Date de naissance : |1|4| |0|3| |1|9|6|2|\n' +
      'N° de sécurité sociale : |2|6|2|0|3|1|5|0|1|4|2|0|6| |5|0|\n' +
      'Montant : |1|2|5|0| |0|0| euros\n';
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['1|4| |0|3| |1|9|6|2']);
    expect(ofType(t, 'NIR')).toEqual(['2|6|2|0|3|1|5|0|1|4|2|0|6| |5|0']);
  });

  it('reads a date typed in boxes with a box for each slash, and a date a character recogniser misread around its slashes', () => {
    const t = 'Formulaire\n\nNom : DURAND    Prénom : Kévin\nNé le : O3 / ll / l988 à Nantes\nDate de naissance : 2 | 9 | / | 1 | 1 | / | 1 | 9 | 9 | 2\n';
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['O3 / ll / l988', '2 | 9 | / | 1 | 1 | / | 1 | 9 | 9 | 2']);
  });
});
