import { describe, expect, it } from 'vitest';
import { placeholderSpans } from '../../src/analysis/placeholders.js';
import { findPersonalData, PLACEHOLDERS, pseudonymise, type PersonalDataType } from '../../src/privacy/personal-data.js';

const LETTER = `Caisse primaire d'assurance maladie du Rhône
69907 Lyon Cedex 20
Tél. : 3646

Dossier suivi par : M. Olivier Garnier

                                        Madame Inès CARVALHO
                                        3, rue des Jardins
                                        69003 Lyon

Lyon, le 2 mars 2026

Objet : vos remboursements

Madame Carvalho,

Votre numéro de sécurité sociale : 2 91 07 99 234 567 12.
Votre fille Lina, née le 4 juin 2015, est rattachée à votre dossier (n° de dossier : C2S-2026-00417).
Nous vous rembourserons sur votre compte FR76 3000 4005 1200 0101 2345 678.
Nous avons noté votre portable 06 12 34 56 78 et votre courriel ines.carvalho@orange.fr.

Veuillez agréer, Madame, nos salutations distinguées.

Olivier Garnier
`;

describe('PLACEHOLDERS', () => {
  it('are read as merge fields by placeholderSpans', () => {
    for (const [type, placeholder] of Object.entries(PLACEHOLDERS)) {
      const text = `Madame ${placeholder}, votre dossier.`;
      expect(placeholderSpans(text), type).toEqual([{ start: 7, end: 7 + placeholder.length }]);
    }
  });
  it('has one placeholder per type', () => {
    expect(PLACEHOLDERS).toEqual({
      NIR: '[NIR]',
      IBAN: '[IBAN]',
      TELEPHONE: '[TÉLÉPHONE]',
      EMAIL: '[COURRIEL]',
      ADRESSE: '[ADRESSE]',
      DATE_NAISSANCE: '[DATE DE NAISSANCE]',
      NOM: '[NOM]',
      NUMERO_DOSSIER: '[NUMÉRO DE DOSSIER]',
    });
  });
});

describe('pseudonymise', () => {
  const p = pseudonymise(LETTER);

  it('replaces each datum with its placeholder and counts them', () => {
    expect(p.text).toContain('Madame [NOM]\n                                        [ADRESSE]\n\nLyon, le 2 mars 2026');
    expect(p.text).toContain('Madame [NOM],');
    expect(p.text).toContain('Votre numéro de sécurité sociale : [NIR].');
    expect(p.text).toContain('Votre fille [NOM], née le [DATE DE NAISSANCE], est rattachée à votre dossier (n° de dossier : [NUMÉRO DE DOSSIER]).');
    expect(p.text).toContain('sur votre compte [IBAN].');
    expect(p.text).toContain('votre portable [TÉLÉPHONE] et votre courriel [COURRIEL].');
    // the service and the agent stay
    expect(p.text).toContain('Dossier suivi par : M. Olivier Garnier');
    expect(p.text).toContain('Tél. : 3646');
    expect(p.text.endsWith('Olivier Garnier\n')).toBe(true);
    expect(p.counts).toEqual({ NOM: 3, ADRESSE: 1, NIR: 1, DATE_NAISSANCE: 1, NUMERO_DOSSIER: 1, IBAN: 1, TELEPHONE: 1, EMAIL: 1 });
  });

  it('gives the spans in the original text', () => {
    expect(p.spans).toEqual(findPersonalData(LETTER));
    for (const s of p.spans) expect(LETTER.slice(s.start, s.end)).not.toMatch(/^\s|\s$/);
    expect(p.spans.map((s) => s.type).sort()).toEqual(
      (['ADRESSE', 'DATE_NAISSANCE', 'EMAIL', 'IBAN', 'NIR', 'NOM', 'NOM', 'NOM', 'NUMERO_DOSSIER', 'TELEPHONE'] as PersonalDataType[]).sort(),
    );
  });

  it('maps offsets of the original text to the new text', () => {
    // before any span: unchanged
    expect(p.mapOffset(0)).toBe(0);
    const first = p.spans[0]!;
    expect(p.mapOffset(first.start - 1)).toBe(first.start - 1);
    // inside a span: the placeholder's start, or its end for an end offset
    const nir = p.spans.find((s) => s.type === 'NIR')!;
    const at = p.mapOffset(nir.start + 3);
    expect(p.text.slice(at, at + PLACEHOLDERS.NIR.length)).toBe('[NIR]');
    expect(p.mapOffset(nir.start + 3, 'end')).toBe(at + PLACEHOLDERS.NIR.length);
    expect(p.mapOffset(nir.start)).toBe(at);
    expect(p.mapOffset(nir.end)).toBe(at + PLACEHOLDERS.NIR.length);
    // after a span: shifted by the difference of lengths
    const word = LETTER.indexOf('Veuillez agréer');
    expect(p.text.slice(p.mapOffset(word), p.mapOffset(word) + 15)).toBe('Veuillez agréer');
    expect(p.mapOffset(LETTER.length)).toBe(p.text.length);
    // a range around a span maps to a range around its placeholder
    const a = p.mapOffset(nir.start - 2);
    const b = p.mapOffset(nir.end + 1, 'end');
    expect(p.text.slice(a, b)).toBe(': [NIR].');
  });

  it('is idempotent: a pseudonymised text holds nothing more', () => {
    const again = pseudonymise(p.text);
    expect(again.spans).toEqual([]);
    expect(again.text).toBe(p.text);
    expect(again.counts).toEqual({});
  });

  it('returns the same string and empty counts when nothing is found', () => {
    const text = 'Caisse des écoles\n\nMadame, Monsieur,\n\nLa cantine ouvre le 2 septembre. Appelez le 3939.\n';
    const r = pseudonymise(text);
    expect(r.text).toBe(text);
    expect(r.counts).toEqual({});
    expect(r.spans).toEqual([]);
    expect(r.mapOffset(10)).toBe(10);
    expect(r.mapOffset(10, 'end')).toBe(10);
  });
});
