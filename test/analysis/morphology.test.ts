import { describe, expect, it } from 'vitest';
import { buildDoc } from '../../src/analysis/document.js';
import { findPassives } from '../../src/analysis/passive.js';
import { syllables } from '../../src/analysis/syllables.js';
import { conjugate, isFiniteVerbForm, participleLemmas } from '../../src/analysis/verbs.js';
import { kandelMoles, lix } from '../../src/analysis/readability.js';

function passives(text: string) {
  const doc = buildDoc(text);
  return doc.sentences.flatMap((s) =>
    findPassives(s.tokens, doc.text).map((h) => ({ span: doc.text.slice(s.tokens[h.from]!.start, s.tokens[h.participle]!.end), ...h })),
  );
}

describe('Lefff-derived lexicon', () => {
  it('knows participles in every gender and number, with their lemma', () => {
    for (const f of ['rejeté', 'rejetée', 'rejetés', 'rejetées', 'pris', 'prise', 'dû', 'transmis', 'abaissé', 'zébrées']) {
      expect(participleLemmas(f)).toBeDefined();
    }
    expect(participleLemmas('examinée')).toContain('examiner');
    expect(participleLemmas('été')).toEqual(['être']);
    for (const f of ['table', 'demande', 'zzz', 'a', '']) expect(participleLemmas(f)).toBeUndefined();
    // Our supplement: 1990 spellings and irregular participles the Lefff tables lack.
    expect(participleLemmas('entrainée')).toEqual(['entraîner']);
    expect(participleLemmas('résolu')).toContain('résoudre');
  });
  it('knows conjugated forms (present, imperfect, future, conditional), not other words', () => {
    for (const f of ['examinons', 'étudions', 'rejettera', 'pourriez', 'avait', 'est']) expect(isFiniteVerbForm(f)).toBe(true);
    for (const f of ['rapidement', 'administration', 'examiné', 'de', 'plus', '']) expect(isFiniteVerbForm(f)).toBe(false);
    expect(conjugate('demander', 'P', 4)).toBe('demandez');
  });
});

describe('passive voice', () => {
  it('finds être + participle in every tense, with inversions and compound forms', () => {
    expect(passives('Votre demande a été rejetée par le service.').map((p) => p.span)).toEqual(['a été rejetée']);
    expect(passives('Le dossier sera-t-il examiné ?').map((p) => p.span)).toEqual(['sera-t-il examiné']);
    expect(passives('Les pièces étaient transmises. Il fut nommé. Ayant été informé, il vient.').map((p) => p.span)).toEqual([
      'étaient transmises', 'fut nommé', 'Ayant été informé',
    ]);
    expect(passives('Le dossier doit être complété.').map((p) => p.span)).toEqual(['être complété']);
    expect(passives("Votre dossier n'a pas encore été transmis.").map((p) => p.span)).toEqual(['a pas encore été transmis']);
    expect(passives('La demande est en revanche acceptée.').map((p) => p.span)).toEqual(['est en revanche acceptée']);
    // "peut-être" written for "peut être" before a participle; the adverb after an auxiliary stays an adverb.
    expect(passives('Cette pièce peut-être jointe au dossier.').map((p) => p.span)).toEqual(['peut-être jointe']);
    expect(passives('Il a peut-être compris. Il viendra peut-être demain. Le dossier est peut-être transmis.').map((p) => p.span)).toEqual(['est peut-être transmis']);
    // A multi-word adverbial between avoir and été.
    expect(passives("Le dossier a d'ailleurs été transmis. Il avait en réalité été signé.").map((p) => p.span)).toEqual(["a d'ailleurs été transmis", 'avait en réalité été signé']);
    expect(passives('Il a été également entrainé par son père.').map((p) => p.active)).toEqual(['a entraîné']);
  });
  it('excludes être-verbs of movement, pronominal forms and frozen expressions', () => {
    expect(passives('Il est venu. Elle est partie. Ils sont arrivés hier.')).toEqual([]);
    expect(passives("Elle s'est inscrite. Vous vous êtes présentés. Ils se sont rendus au guichet.")).toEqual([]);
    expect(passives('Étant donné votre situation, la décision est favorable.')).toEqual([]);
    expect(passives('Votre demande est complète.')).toEqual([]);
  });
  it('marks stative readings', () => {
    const [p] = passives('Le bureau est situé au premier étage.');
    expect(p?.stative).toBe(true);
    expect(passives('Vous êtes invité à venir.')[0]?.stative).toBe(true);
    expect(passives('Votre demande est rejetée.')[0]?.stative).toBe(false);
  });
  it('names the agent and puts the verb in the active voice', () => {
    const [a] = passives('Votre demande a été rejetée par le service des aides.');
    expect(a?.agent).toBe('le service des aides');
    expect(a?.active).toBe('a rejeté');
    const [b] = passives('Les dossiers seront examinés par les agents.');
    expect(b?.active).toBe('examineront');
    const [c] = passives('Votre dossier sera examiné.');
    expect(c?.agent).toBeUndefined();
    expect(c?.active).toBe('examinerons');
    expect(passives('Le dossier doit être complété.')[0]?.active).toBeUndefined();
    expect(passives('Vous avez été convoqué par le service.')[0]?.active).toBe('a convoqué');
    expect(passives('Vous avez été convoqués par les agents.')[0]?.active).toBe('ont convoqué');
    expect(passives('Votre dossier est suivi par : Mme Durand.')[0]?.agent).toBe('Mme Durand');
  });
});

describe('syllables and readability', () => {
  it('counts French syllables with silent endings', () => {
    expect(syllables('table')).toBe(1);
    expect(syllables('parlent')).toBe(1 + 1);
    expect(syllables('administration')).toBe(5);
    expect(syllables('année')).toBe(2);
    expect(syllables('poésie')).toBe(3);
  });
  it('computes Kandel & Moles and LIX by their formulas', () => {
    expect(kandelMoles(100, 5, 150)).toBeCloseTo(207 - 1.015 * 20 - 73.6 * 1.5, 6);
    expect(lix(100, 5, 30)).toBeCloseTo(20 + 30, 6);
  });
});
