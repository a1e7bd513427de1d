/** Lenient matching of volunteers' answers, the figures of a campaign against known values, and panels. */
import { describe, expect, it } from 'vitest';
import { matchAnswer, normaliseAnswer } from '../../src/campaigns/answers.js';
import { comprehension, correlation, preference, rate, ratingSummary, signTest } from '../../src/campaigns/stats.js';
import { scoreAgreement } from '../../src/campaigns/results.js';
import { loadConfig } from '../../src/config.js';
import { balancedPanel, campaignStore } from '../../src/store/campaigns.js';
import { openDatabase } from '../../src/store/db.js';

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

describe('agreement between the automatic score and comprehension', () => {
  it('is shown from eight tested versions, with the correlation of their scores and comprehension rates', () => {
    const db = openDatabase(':memory:');
    const store = campaignStore(db, loadConfig({}));
    const at = new Date().toISOString();
    const scores = [40, 48, 55, 61, 66, 72, 80, 88];
    // comprehension out of 4 answers (2 volunteers × 2 questions): rises with the score, with one exception
    const right = [1, 2, 2, 3, 2, 3, 4, 4];
    scores.forEach((score, i) => {
      const id = i + 1;
      db.prepare("INSERT INTO documents (id, title, status, created_at, updated_at) VALUES (?, ?, 'test-usagers', ?, ?)").run(id, `Modèle ${id}`, at, at);
      db.prepare("INSERT INTO versions (document_id, number, sha256, format, bytes, text, report, score, grade, doc_type, created_at) VALUES (?, 1, ?, 'txt', 1, 't', '{}', ?, 'C', 'autre', ?)").run(id, `h${id}`, score, at);
      const c = store.create(id, { version: 1, title: 'Test', panelSize: 2, questions: [{ prompt: 'Quoi ?', kind: 'text', accepted: ['oui'] }, { prompt: 'Quand ?', kind: 'text', accepted: ['demain'] }] }, 'equipe');
      const v1 = store.register({ pseudonym: `A${id}`, contact: `a${id}@example.org` }).volunteer.id;
      const v2 = store.register({ pseudonym: `B${id}`, contact: `b${id}@example.org` }).volunteer.id;
      const links = store.invite(c.id, { volunteerIds: [v1, v2] }).created.map((x) => x.token);
      const [q1, q2] = c.questions.map((q) => q.id);
      links.forEach((link, k) => {
        const good = right[i]! - 2 * k; // first volunteer takes the first two right answers
        store.answer(link, { answers: [{ questionId: q1!, text: good >= 1 ? 'oui' : 'non' }, { questionId: q2!, text: good >= 2 ? 'demain' : 'hier' }], rating: 7 });
      });
      const a = scoreAgreement(store);
      expect(a.versions).toBe(id);
      expect(a.shown).toBe(id >= 8);
    });
    const a = scoreAgreement(store);
    const comp = right.map((r) => r / 4);
    expect(a.result!.n).toBe(8);
    // by hand: Pearson of the scores and the rates 0.25 0.5 0.5 0.75 0.5 0.75 1 1
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    const [mx, my] = [mean(scores), mean(comp)];
    const sxy = scores.reduce((acc, x, i) => acc + (x - mx) * (comp[i]! - my), 0);
    const sxx = scores.reduce((acc, x) => acc + (x - mx) ** 2, 0);
    const syy = comp.reduce((acc, y) => acc + (y - my) ** 2, 0);
    expect(a.result!.pearson).toBeCloseTo(sxy / Math.sqrt(sxx * syy), 10);
    expect(a.result!.pearson).toBeGreaterThan(0.8);
    expect(a.result!.pValue).toBeLessThan(0.05);
    db.close();
  });
});
