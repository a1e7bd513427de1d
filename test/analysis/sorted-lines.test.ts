/**
 * The generated sorted files are searched by dichotomy on character offsets (no line table): every
 * line of the frequency ranks must be found with its rank, and forms that are not there (before the
 * first line, after the last, between two lines, a prefix of a line) must not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frequencyRank } from '../../src/analysis/frequency.js';
import { isFiniteVerbForm, participleLemmas } from '../../src/analysis/verbs.js';
import { GENERATED_DIR } from '../../src/paths.js';

const lines = (name: string): string[] =>
  readFileSync(join(GENERATED_DIR, name), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));

describe('sorted generated files', () => {
  it('finds every form of the frequency list with its rank, and nothing else', () => {
    const rows = lines('frequences.rangs.tsv').map((l) => l.split('\t') as [string, string]);
    expect(rows.length).toBeGreaterThan(20_000);
    for (const [form, rank] of rows) expect(frequencyRank(form), form).toBe(Number(rank));
    const forms = rows.map(([f]) => f);
    const absent = ['', '\u0001', '\uffff', `${forms[0]}\u0001`, `${forms[forms.length - 1]}zz`, 'zzzzzzzz', 'qwxkj'];
    for (const f of absent) if (!forms.includes(f)) expect(frequencyRank(f), JSON.stringify(f)).toBeUndefined();
    // A proper prefix of a form is not the form.
    const long = forms.find((f) => f.length > 6 && !forms.includes(f.slice(0, -1)))!;
    expect(frequencyRank(long.slice(0, -1))).toBeUndefined();
    expect(frequencyRank('de')).toBe(1);
  });

  it('finds the first, middle and last conjugated forms and participles', () => {
    const forms = lines('formes-conjuguees.lefff.txt');
    for (const f of [forms[0]!, forms[Math.floor(forms.length / 2)]!, forms[forms.length - 1]!]) expect(isFiniteVerbForm(f), f).toBe(true);
    expect(isFiniteVerbForm('examinerions')).toBe(true);
    expect(isFiniteVerbForm('examin')).toBe(false);
    const parts = lines('participes.lefff.tsv');
    const [first, lemmas] = parts[0]!.split('\t') as [string, string];
    expect(participleLemmas(first)).toEqual(lemmas.split(','));
    expect(participleLemmas('examiné')).toContain('examiner');
    expect(participleLemmas('xyzzyé')).toBeUndefined();
  });
});
