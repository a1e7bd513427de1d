/** Lenient matching of volunteers' answers, the figures of a campaign against known values, and panels (the store: test/store/campaigns.test.ts). */
import { describe, expect, it } from 'vitest';
import { matchAnswer, normaliseAnswer } from '../../src/campaigns/answers.js';
import { comprehension, correlation, preference, rate, ratingSummary, signTest } from '../../src/campaigns/stats.js';
import { balancedPanel } from '../../src/store/campaigns.js';

const text = (accepted: string[], answer: string) => matchAnswer({ kind: 'text', accepted }, { text: answer });

describe('normalised answers', () => {
  it('reads dates in every common form as the same date, and a neighbouring date as another', () => {
    const forms = ['15 mars 2026', 'le 15/03/2026', '15.03.2026', '15-03-26', '2026-03-15', 'mercredi 15 mars 2026', 'le quinze mars 2026'];
    for (const f of forms) expect(normaliseAnswer(f), f).toMatch(/2026-03-15/);
    expect(normaliseAnswer('16 mars 2026')).not.toMatch(/2026-03-15/);
    expect(normaliseAnswer('le 1er avril')).toBe('le 04-01');
  });
  it('writes numbers in words, amounts and times as figures', () => {
    expect(normaliseAnswer('vingt et un jours')).toBe('21 jours');
    expect(normaliseAnswer('quatre-vingt-dix-sept')).toBe('97');
    expect(normaliseAnswer('soixante-dix')).toBe('70');
    expect(normaliseAnswer('deux mille vingt-six')).toBe('2026');
    expect(normaliseAnswer('trois cent quatre-vingts euros')).toBe('380 euros');
    expect(normaliseAnswer('deux et trois')).toBe('2 et 3');
    expect(normaliseAnswer('soixante et onze ans')).toBe('71 ans');
    expect(normaliseAnswer('mille neuf cent quatre-vingt-dix-neuf')).toBe('1999');
    expect(normaliseAnswer('1 234,56 €')).toBe(normaliseAnswer('1234.56 euros'));
    expect(normaliseAnswer('14 h 30')).toBe('14:30');
    expect(normaliseAnswer('14h30')).toBe('14:30');
    expect(normaliseAnswer('À L’ŒUVRE, ça !')).toBe('a l oeuvre ca');
  });
});

describe('lenient matching', () => {
  it('accepts the answer in other words, more words, other case and accents, and a typo on a long answer', () => {
    const whom = ['commission de recours amiable'];
    expect(text(whom, 'À la Commission de Recours Amiable')).toBe(true);
    expect(text(whom, 'il faut écrire à la commission de recours amiable de la Caf')).toBe(true);
    expect(text(whom, 'la comission de recours amiable')).toBe(true);
    expect(text(['deux mois'], 'dans les 2 mois')).toBe(true);
    expect(text(['15 mars 2026'], 'avant le 15/03/2026')).toBe(true);
  });
  it('refuses another number or date, a negated answer, and a typo on a short one', () => {
    expect(text(['15 mars 2026'], '16 mars 2026')).toBe(false);
    expect(text(['15 mars 2026'], '15 mars')).toBe(false);
    expect(text(['deux mois'], 'trois mois')).toBe(false);
    expect(text(['2 mois'], '12 mois')).toBe(false);
    expect(text(['commission de recours amiable'], 'pas à la commission de recours amiable')).toBe(false);
    expect(text(['Caf'], 'Cpf')).toBe(false);
    expect(text(['tribunal administratif'], 'au maire')).toBe(false);
  });
  it('checks choices: one right option, or exactly the right set', () => {
    const single = { kind: 'choice' as const, options: ['a', 'b', 'c'], accepted: [1] };
    expect(matchAnswer(single, { choice: [1] })).toBe(true);
    expect(matchAnswer(single, { choice: [1, 2] })).toBe(false);
    expect(matchAnswer(single, { text: 'b' })).toBe(false);
    const several = { kind: 'choice' as const, options: ['a', 'b', 'c'], accepted: [0, 2], multiple: true };
    expect(matchAnswer(several, { choice: [2, 0] })).toBe(true);
    expect(matchAnswer(several, { choice: [0] })).toBe(false);
    expect(matchAnswer({ kind: 'text', accepted: ['b'] }, { choice: [1] })).toBe(false);
  });
});

describe('campaign figures', () => {
  it('gives Wilson intervals', () => {
    const r = rate(8, 10);
    expect(r.value).toBe(0.8);
    expect(r.low).toBeCloseTo(0.4902, 4);
    expect(r.high).toBeCloseTo(0.9433, 4);
    expect(rate(0, 10).high).toBeCloseTo(0.2775, 4);
    expect(rate(0, 0)).toEqual({ value: null, low: null, high: null });
  });
  it('summarises ratings', () => {
    const s = ratingSummary([9, 8, 8, 10, 7, 9, 8, 6, 9, 10, 8, 5]);
    expect(s).toMatchObject({ count: 12, median: 8 });
    expect(s.mean).toBeCloseTo(97 / 12, 10);
    expect(s.shareAtLeast8.value).toBe(0.75);
    expect(s.distribution[8]).toBe(4);
    expect(ratingSummary([3, 9, 4]).median).toBe(4);
    expect(ratingSummary([]).mean).toBeNull();
  });
  it('tests a preference with the exact sign test', () => {
    expect(signTest(9, 10)).toBeCloseTo(0.0215, 4);
    expect(signTest(6, 10)).toBeCloseTo(0.7539, 4);
    expect(signTest(5, 10)).toBe(1);
    const p = preference(9, 2, 1);
    expect(p).toMatchObject({ chose: 11, indifferent: 1, significant: false });
    expect(p.preferNew.value).toBeCloseTo(9 / 11, 10);
    expect(p.pValue).toBeCloseTo(0.0654, 3);
    expect(preference(6, 4, 0).significant).toBe(false);
    expect(preference(10, 1, 0).pValue).toBeCloseTo(0.01172, 4);
    expect(preference(10, 1, 0).significant).toBe(true);
  });
  it('pools comprehension over the questions', () => {
    const c = comprehension([{ correct: 11, total: 12 }, { correct: 6, total: 12 }]);
    expect(c.overall.value).toBeCloseTo(17 / 24, 10);
    expect(c.perQuestion[1]!.value).toBe(0.5);
  });
  it('computes Pearson with its p-value and Spearman with tied ranks (scipy values)', () => {
    const r = correlation([3, 1, 4, 1, 5, 9, 2, 6, 5, 3], [2, 7, 1, 8, 2, 8, 1, 8, 2, 8]);
    expect(r.pearson).toBeCloseTo(0.104923, 5);
    expect(r.spearman).toBeCloseTo(0.134715, 5);
    expect(r.pValue).toBeCloseTo(0.772991, 4);
    expect(correlation([1, 2], [3, 4]).pearson).toBeNull();
    expect(correlation([1, 1, 1], [3, 4, 5]).pearson).toBeNull();
  });
});

describe('panels', () => {
  it('mixes profiles, least recently asked first within each', () => {
    const pool = [
      { id: 1, ageBand: '25-44 ans', digitalEase: 'grande' },
      { id: 2, ageBand: '25-44 ans', digitalEase: 'grande' },
      { id: 3, ageBand: '25-44 ans', digitalEase: 'grande' },
      { id: 4, ageBand: '65 ans et plus', digitalEase: 'faible' },
      { id: 5, ageBand: null, digitalEase: null },
      { id: 6, ageBand: '65 ans et plus', digitalEase: 'faible' },
    ];
    expect(balancedPanel(pool, 4)).toEqual([1, 4, 5, 2]);
    expect(balancedPanel(pool, 10)).toEqual([1, 4, 5, 2, 6, 3]);
    expect(balancedPanel([], 3)).toEqual([]);
  });
});
