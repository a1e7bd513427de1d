/** Dot leaders read as colons: the hand-written reader does exactly what the former regex did. */
import { describe, expect, it } from 'vitest';
import { leadersAsColons } from '../../src/privacy/personal-data.js';
import { mulberry32 } from '../../src/random.js';

/**
 * The regex the reader replaced (it began with a look-behind, tried at every character), with the rule added since: the
 * dots that fill a field after its value (a label's colon and a value before them on the line) are blanks.
 */
const former = (text: string): string =>
  text.replace(/(?<=\p{L}[ \t]*)\.{3,}(?=[ \t]*\S)|(?<=\p{L}[ \t]+)\.\.(?=[ \t]+\S)|(?<=:[ \t]*)\.{3,}(?=[ \t]*[^\s.])/gu, (m, offset: number) =>
    text[offset - 1] === ':' || /:[ \t]*$/.test(text.slice(0, offset)) || /:[ \t.]*[^\s:.][^:]*$/u.test(text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset))
      ? ' '.repeat(m.length)
      : ':' + ' '.repeat(m.length - 1),
  );

describe('dot leaders', () => {
  it('reads a form line as « label : value », same length', () => {
    expect(leadersAsColons('Numéro de demande ........ VAE-2025-01962')).toBe('Numéro de demande :        VAE-2025-01962');
    expect(leadersAsColons('Date de naissance .. 12/08/2003')).toBe('Date de naissance :  12/08/2003');
    expect(leadersAsColons('Et ensuite... rien.')).toBe('Et ensuite:   rien.');
    expect(leadersAsColons('Nom ....\nSuite')).toBe('Nom :  .\nSuite');
    expect(leadersAsColons('12 .. 13 et 4...5')).toBe('12 .. 13 et 4...5');
    expect(leadersAsColons('Nom : ABDOU ..... Prénom : Saïd ..... fin')).toBe('Nom : ABDOU       Prénom : Saïd       fin');
    expect(leadersAsColons('Nom d’usage : .......LAFONTAINE.......')).toBe('Nom d’usage :        LAFONTAINE      .');
  });
  it('agrees with the former regex on 20,000 random lines of letters, dots, blanks and digits', () => {
    const rand = mulberry32(20261129);
    const alphabet = ['a', 'É', '𝐀', '.', '.', '.', ' ', '\t', '\n', '1', ':', '\u00a0', '-'];
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      const n = 1 + Math.floor(rand() * 24);
      for (let k = 0; k < n; k++) s += alphabet[Math.floor(rand() * alphabet.length)];
      expect(leadersAsColons(s), JSON.stringify(s)).toBe(former(s));
    }
  });
});
