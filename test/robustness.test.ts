/**
 * Adversarial inputs found in review: each must end with a consistent report, in time linear in its
 * size (a quadratic path would run for minutes on these sizes and fail by the test timeout).
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../src/analyse.js';
import { bothApostrophes } from '../src/rules/pattern.js';
import type { Report } from '../src/model.js';
import { ourLibrary } from './helpers/library.js';

const library = await ourLibrary();

function consistent(r: Report): void {
  let prev = 0;
  for (const s of r.sentences) {
    expect(s.start).toBeGreaterThanOrEqual(prev);
    expect(s.end).toBeLessThanOrEqual(r.text.length);
    prev = s.end;
  }
  for (const a of r.alerts) expect(a.end).toBeLessThanOrEqual(r.text.length);
}

describe('adversarial input', () => {
  const cases: [string, string][] = [
    ['an e-mail then a long run of dashes', 'a@b.fr\n' + '-'.repeat(400_000)],
    ['a long run of "a." before an @', 'a.'.repeat(200_000) + ' @'],
    ['stacked elisions', "l'".repeat(200_000) + 'x'],
    ['stacked clitics', 'x' + '-le'.repeat(130_000)],
    ['a long run of blanks without a newline', '\u00a0' + ' '.repeat(400_000) + 'x'],
    ['many spaced straight quotes', '" x. " b '.repeat(60_000)],
  ];
  for (const [name, text] of cases) {
    it(`${name}: a report`, () => {
      try {
        consistent(analyse({ text }, library));
      } catch (e) {
        expect((e as { code?: string }).code).toBe('EMPTY_DOCUMENT');
      }
    });
  }
  it('keeps offsets inside the text when lower-casing changes lengths (İ)', () => {
    const text = `${'mot '.repeat(34)}FİLS-LE. ${'İ'.repeat(50)} Contactez la CAF, caisse d'allocations familiales.`;
    const r = analyse({ text }, library);
    consistent(r);
    expect(r.alerts.filter((a) => a.rule === 'sigle-non-defini')).toEqual([]);
  });
  it('never takes a suggestion from the object prototype', () => {
    const r = analyse({ text: 'Le constructor transmettre les pièces.' }, library);
    for (const a of r.alerts) for (const s of a.suggestions) expect(s).not.toContain('function');
  });
  it('keeps emoji sequences whole (the zero-width joiner stays)', () => {
    expect(analyse({ text: 'Bravo 👨‍👩‍👧 pour votre dossier.' }, library).text).toContain('👨‍👩‍👧');
  });
  it('lets rule patterns use an apostrophe inside a character class', () => {
    expect(bothApostrophes("d[^' ]+ l'")).toBe("d[^'’ ]+ l['’]");
    expect(() => new RegExp(bothApostrophes("d[^' ]+"), 'u')).not.toThrow();
  });
});
