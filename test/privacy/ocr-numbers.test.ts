/**
 * A scanned letter pasted after character recognition: digits read as letters (O for 0, l or I for 1) are put back
 * for a second reading of the numbers, the text keeping its length; what it finds holds a mended character.
 */
import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../../src/privacy/personal-data.js';
import { ofType } from '../helpers/personal-data.js';

const SCAN = `[Texte extrait par reconnaissance optique – page 1/1]

ATTESTATl0N EMPLOYEUR DESTlNEE A FRANCE TRAVAlL

2 - SALARlE
Nom de naissance : PERRIGAUD          Prénoms : Maëlle Anne
N° de sécurité sociale : 2 9l lO 72 l8l 033 28
Née le : l2/lO/l99l   à : Le Mans (72)
Date d'entrée : 0l/O9/2O11     Date de fin de contrat : 3l/l0/2026
lndemnité légale de licenciement : l2 6l4,37 €
`;

describe('numbers read by a character recogniser', () => {
  it('finds a social-security number and a birth date whose digits were read as letters, where they are', () => {
    expect(ofType(SCAN, 'NIR')).toEqual(['2 9l lO 72 l8l 033 28']);
    expect(ofType(SCAN, 'DATE_NAISSANCE')).toEqual(['l2/lO/l99l']);
  });

  it('leaves the dates of the contract and the amounts alone, as in a clean letter', () => {
    // (the names under their labels, read the first time; nothing else: no contract date, no amount)
    expect(findPersonalData(SCAN).map((s) => s.type)).toEqual(['NOM', 'NOM', 'NIR', 'DATE_NAISSANCE']);
  });

  it('does not read a letter without such confusions twice', () => {
    const t = 'Madame Lise ORTEGA\n12 rue des Lilas\n72000 Le Mans\n\nVotre numéro de sécurité sociale : 2 91 10 72 181 033 28.\n';
    expect(ofType(t, 'NIR')).toEqual(['2 91 10 72 181 033 28']);
  });
});

describe('names a character recogniser misread', () => {
  it('reads the names of a scanned form whose digits stand for letters, and fields whose dots run up to the value', () => {
    const t =
      '[Document numérisé – texte reconnu automatiquement]\n\nDÉPÔT D’UN D0SSIER\n\n1. V0TRE IDENTITÉ\n' +
      'Nom de naissance : ......CH0W-CHINE..........................\n' +
      'Nom d’usage : .......LAF0NTAINE...........................\n' +
      'Prénom(s) : .........Mé1issa Rose.........................\n' +
      'Date de naissance : l2 / O5 / l99O     Lieu : CAYENNE\n\n' +
      'Fait à : NANTES ...... le : 2l/O6/2O27 ..... Signature : Mé1issa Laf0ntaine\n';
    const names = ofType(t, 'NOM');
    expect(names).toEqual(expect.arrayContaining(['CH0W-CHINE', 'LAF0NTAINE', 'Mé1issa Rose']));
    // (no word of the form's own text: "D0SSIER", "V0TRE")
    expect(names.some((n) => /D0SSIER|V0TRE/.test(n))).toBe(false);
  });
});
