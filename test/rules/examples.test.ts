/**
 * The rule contract (LanguageTool's): every bad example of every rule gives exactly one alert of that
 * rule at the marked span with the expected suggestions; applying the first suggestion gives none;
 * every good example gives none.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse.js';
import { ourLibrary, parseMarked } from '../helpers/library.js';

const library = await ourLibrary();
const rules = [...library.rules.values()];

describe('rule examples', () => {
  it('covers every rule file', () => {
    expect(rules.length).toBeGreaterThanOrEqual(12);
  });
  for (const { id, rule } of rules) {
    describe(id, () => {
      rule.examples.bad.forEach((ex, k) => {
        it(`bad example ${k + 1} gives exactly one alert at the marked span`, () => {
          const { text, start, end } = parseMarked(ex.text);
          const opts = { profile: ex.profile ?? 'lettre', ...(ex.type ? { documentType: ex.type } : {}) };
          const report = analyse({ text }, library, opts);
          const mine = report.alerts.filter((a) => a.rule === id);
          expect(mine.map((a) => report.text.slice(a.start, a.end))).toEqual([text.slice(start, end)]);
          expect([mine[0]!.start, mine[0]!.end]).toEqual([start, end]);
          expect(mine[0]!.message.length).toBeGreaterThan(10);
          if (ex.suggestions) expect(mine[0]!.suggestions).toEqual(ex.suggestions);
          if (ex.missing) expect(report.mentions.find((m) => rule.kind === 'mention' && m.id === rule.mention)?.missing).toEqual(ex.missing);
          const first = mine[0]!.suggestions[0];
          if (first !== undefined) {
            const fixed = text.slice(0, start) + first + text.slice(end);
            const again = analyse({ text: fixed }, library, opts);
            expect(again.alerts.filter((a) => a.rule === id)).toEqual([]);
          }
        });
      });
      rule.examples.good.forEach((g, k) => {
        const text = typeof g === 'string' ? g : g.text;
        const profile = typeof g === 'string' ? 'lettre' : (g.profile ?? 'lettre');
        const type = typeof g === 'string' ? undefined : g.type;
        it(`good example ${k + 1} gives no alert`, () => {
          const report = analyse({ text }, library, { profile, ...(type ? { documentType: type } : {}) });
          expect(report.alerts.filter((a) => a.rule === id)).toEqual([]);
        });
      });
    });
  }
});
