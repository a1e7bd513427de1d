/**
 * Golden test: each letter of corpora/lettres/ analysed with the default profile must give exactly the
 * reviewed expected output in corpora/lettres/attendus/ (regenerate with `npm run golden`, then review the diff).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../src/paths.js';
import { goldenOf } from '../scripts/golden.js';
import { ourLibrary } from './helpers/library.js';

const library = await ourLibrary();

const dir = join(ROOT, 'corpora', 'lettres');
const letters = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

describe('corpus of letters (golden)', () => {
  it('has at least 20 letters', () => {
    expect(letters.length).toBeGreaterThanOrEqual(20);
  });
  for (const file of letters) {
    it(file, () => {
      const expected = JSON.parse(readFileSync(join(dir, 'attendus', file.replace(/\.txt$/, '.json')), 'utf8')) as unknown;
      expect(goldenOf(file, readFileSync(join(dir, file), 'utf8'), library)).toEqual(expected);
    });
  }
});
