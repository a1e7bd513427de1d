/**
 * Rule patterns: the start index (prefix.ts) must never change what a pattern finds. Every pattern of
 * every rule file and of the type classifier is searched, indexed and by a plain scan, in long texts
 * made of the team's letters and of hostile variants (upper case, digits, typographic apostrophes,
 * words glued by hyphens and apostrophes, astral characters): the matches must be the same.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskPlaceholders } from '../../src/analysis/placeholders.js';
import { ROOT } from '../../src/paths.js';
import { isLatinText, LATIN_RANGES, latinSource, lowerPatternSource, PatternRegex } from '../../src/rules/pattern.js';
import { firstKeys, TextIndex } from '../../src/rules/prefix.js';
import { rulePatternLists } from '../helpers/patterns.js';

/** Long texts: the team's letters, and variants that stress case, digits and word edges. */
function texts(): string[] {
  const corpora = join(ROOT, 'corpora');
  const dirs = readdirSync(corpora)
    .filter((d) => d === 'lettres' || d.startsWith('controle'))
    .map((d) => join(corpora, d));
  const letters = dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => readFileSync(join(d, f), 'utf8')),
  );
  const variants = letters.map((t, i) => {
    switch (i % 6) {
      case 0:
        return t.toUpperCase();
      case 1:
        return t.replace(/'/g, '’').replace(/\d/g, (d) => String((Number(d) * 7) % 10));
      case 2:
        // Words glued to the previous one (a match must not start inside a word).
        return t.replace(/ (\p{L})/gu, 'x$1');
      case 3:
        return t.replace(/ /g, '-').replace(/\n/g, '\n\t ');
      case 4:
        return `𝒜𝒷 ${t.replace(/e/g, 'é').replace(/\./g, ' … ')} 😀ſ`;
      default:
        return t.replace(/([.,;:])/g, '$1$1').replace(/\b(\w)/g, (c) => c.toUpperCase());
    }
  });
  // Each is searched whole (the index is used from 1,024 characters on).
  // Templates as the mention patterns read them: merge fields masked.
  const masked = letters.map(maskPlaceholders).filter((t, i) => t !== letters[i]);
  return [...letters, ...masked, ...variants].map((t) => (t.length >= 1024 ? t : t.repeat(Math.ceil(1024 / Math.max(1, t.length)))));
}

const all = (re: PatternRegex, text: string): [number, number][] => [...re.matches(text)].map((m) => [m.index, m[0].length]);

/** Holds `re` to what `reference` finds in a text (naming the rule and the text when they differ); returns the count. */
function sameMatches(where: string, re: PatternRegex, reference: PatternRegex, text: string): number {
  const a = all(re, text);
  const b = all(reference, text);
  if (JSON.stringify(a) !== JSON.stringify(b)) expect({ where, text: text.slice(0, 80), a }).toEqual({ where, text: text.slice(0, 80), a: b });
  return b.length;
}

describe('rule patterns through the start index', () => {
  const lists = rulePatternLists();
  const corpus = texts();

  it('reads most of our patterns (those it cannot read are scanned, not wrong)', () => {
    const read = lists.filter((l) => firstKeys(new PatternRegex(l.patterns, l.options).source) !== null).length;
    expect(lists.length).toBeGreaterThan(80);
    expect(read / lists.length).toBeGreaterThan(0.8);
  });

  it('indexes every long pattern list (one pattern whose start it cannot read would have the whole list scanned)', () => {
    const scanned = lists.filter((l) => {
      const source = new PatternRegex(l.patterns, l.options).source;
      return source.length > 1000 && firstKeys(source) === null;
    });
    expect(scanned.map((l) => l.where)).toEqual([]);
  });

  // Every pattern over some 1,400 long texts: tens of seconds on two cores, hence the longer timeouts.
  it('finds exactly what a plain scan finds, for every pattern of every rule, in every text', () => {
    let compared = 0;
    let found = 0;
    for (const l of lists) {
      const indexed = new PatternRegex(l.patterns, l.options);
      const scanned = new PatternRegex(l.patterns, { ...l.options, indexed: false });
      for (const t of corpus) {
        found += sameMatches(l.where, indexed, scanned, t);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(found).toBeGreaterThan(1000);
  }, 240_000);

  it('finds in lower case exactly what the `i` flag finds, for every pattern of every rule, in every text', () => {
    let lowered = 0;
    for (const l of lists) {
      if (l.options.caseSensitive || lowerPatternSource(new PatternRegex(l.patterns, l.options).source) === null) continue;
      lowered++;
      // Both through the start index (the test above holds it to a plain scan): the regex is what differs.
      const fast = new PatternRegex(l.patterns, l.options);
      const flagged = new PatternRegex(l.patterns, { ...l.options, lowerCase: false });
      for (const t of corpus) sameMatches(l.where, fast, flagged, t);
    }
    expect(lowered / lists.length).toBeGreaterThan(0.9);
  }, 240_000);

  it('finds with Latin ranges exactly what the Unicode classes find, for every pattern of every rule, in every text', () => {
    // Names in other scripts make a text take the Unicode form: both kinds of text are searched.
    const others = corpus.filter((_, i) => i % 7 === 0).map((t) => t.replace(/Madame|Monsieur/g, 'Łukasz Wiśniewski, Σοφία Παππά'));
    // Long texts go through the start index (sticky regexes), lines are scanned (global regexes).
    const lines = [...corpus.slice(0, 12), ...others.slice(0, 4)].flatMap((t) => t.split('\n').filter((l) => l.length > 20 && l.length < 1024));
    const texts = [...corpus, ...others, ...lines];
    expect(lines.length).toBeGreaterThan(200);
    expect(texts.filter((t) => isLatinText(t)).length / texts.length).toBeGreaterThan(0.7);
    let latin = 0;
    for (const l of lists) {
      const fast = new PatternRegex(l.patterns, l.options);
      if (latinSource(fast.source) === null && latinSource(lowerPatternSource(fast.source) ?? '') === null) continue;
      latin++;
      const unicode = new PatternRegex(l.patterns, { ...l.options, latin: false });
      for (const t of texts) sameMatches(l.where, fast, unicode, t);
    }
    expect(latin / lists.length).toBeGreaterThan(0.2);
  }, 240_000);

  it('keeps word edges: no match inside a word, a match after an apostrophe or a hyphen', () => {
    const re = new PatternRegex(['être', 'hui', 'état']);
    const text = `${'x '.repeat(600)}peut-être aujourd'hui l’état retreat étatique`;
    expect(all(re, text).map(([i, n]) => text.slice(i, i + n))).toEqual(['être', 'hui', 'état', 'état']);
  });
});

describe('patterns in lower case', () => {
  it('lowers letters and cased letter properties, keeps escapes, group names and back-references', () => {
    expect(lowerPatternSource(String.raw`(?<Agent>\p{Lu}[\p{L}A-Z]+)\s+M\.\k<Agent>\P{Lu}\p{L}ÉTÉ`)).toBe(String.raw`(?<Agent>\p{Ll}[\p{L}a-z]+)\s+m\.\k<Agent>\P{Ll}\p{L}été`);
  });

  it('gives up on characters by code and ranges that lowering would turn around', () => {
    expect(lowerPatternSource(String.raw`\u00C9t`)).toBeNull();
    expect(lowerPatternSource(String.raw`\x41`)).toBeNull();
    expect(lowerPatternSource('[Z-a]')).toBeNull();
    expect(lowerPatternSource(String.raw`\p{Uppercase}`)).toBeNull();
  });

  it('matches upper-case text and gives offsets of the original text', () => {
    const re = new PatternRegex([String.raw`\p{Lu}\p{L}+ DURAND`]);
    const text = 'Affaire suivie par MONSIEUR durand.';
    const m = re.exec(text)!;
    expect(text.slice(m.index, m.index + m[0].length)).toBe('MONSIEUR durand');
  });
});

describe('Latin form of the Unicode classes', () => {
  it('gives exactly the Unicode letters and numbers of every character it covers', () => {
    const covered = [...Array.from({ length: 0x100 }, (_, c) => c), 0x152, 0x153].map((c) => String.fromCharCode(c));
    for (const [name, ranges] of Object.entries(LATIN_RANGES)) {
      const latin = new RegExp(`[${ranges}]`, 'u');
      const unicode = new RegExp(`\\p{${name}}`, 'u');
      expect(covered.filter((c) => latin.test(c) !== unicode.test(c)).map((c) => `${name} U+${c.charCodeAt(0).toString(16)}`)).toEqual([]);
    }
  });

  it('rewrites the letter and number classes, inside and outside a class, negated outside one', () => {
    expect(latinSource(String.raw`[\p{L}'-]{2,30}\p{Ll}\P{N}\p{Lu}\\p{L}\p{Sc}`)).toBe(
      `[${LATIN_RANGES.L}'-]{2,30}[${LATIN_RANGES.Ll}][^${LATIN_RANGES.N}][${LATIN_RANGES.Lu}]\\\\p{L}\\p{Sc}`,
    );
    expect(latinSource(String.raw`[^\p{L}\p{N}_]`)).toBe(`[^${LATIN_RANGES.L}${LATIN_RANGES.N}_]`);
    expect(latinSource(String.raw`[\P{L}x]`)).toBeNull();
    expect(latinSource('abc|\\d+')).toBeNull();
  });

  it('tells a text of Latin letters from one with letters or numbers of other scripts', () => {
    expect(isLatinText('Cœur, façade, Straße : 12 ½ € « ok » – l’été…')).toBe(true);
    expect(isLatinText('M. Łukasz Wiśniewski')).toBe(false);
    expect(isLatinText('Σοφία')).toBe(false);
    expect(isLatinText('n° ٣')).toBe(false);
    expect(isLatinText('𝒜 mathématique')).toBe(false);
    expect(isLatinText('un emoji 😀 reste latin')).toBe(true);
  });

  it('finds a name in another script with the Unicode form', () => {
    const re = new PatternRegex(['m\\. \\p{Lu}\\p{L}+']);
    const text = 'Dossier suivi par M. Łukasz, puis par M. Dupont.';
    expect(all(re, text).map(([i, n]) => text.slice(i, i + n))).toEqual(['M. Łukasz', 'M. Dupont']);
    expect(all(re, 'Dossier suivi par M. Dupont.').map(([, n]) => n)).toEqual([9]);
  });
});

describe('start keys', () => {
  const starts = (src: string): string[] | null => firstKeys(src)?.starts.sort() ?? null;
  it('lists the starts of literal words, classes and optional parts, in lower case', () => {
    expect(starts('accus[ée]s? de')).toEqual(['accuse', 'accusé']);
    expect(starts('(?:Nous|je) (?:vous )?ref')).toEqual(['je ref', 'je vou', 'nous r', 'nous v']);
    expect(starts("l['’]agent")).toEqual(["l'agen"]);
  });
  it('folds digits and expands bounded repeats', () => {
    expect(starts('\\d{1,2} ?h')).toEqual(['0 h', '00 h', '00h', '0h']);
    expect(starts('3\\d{3}')).toEqual(['0000']);
    expect(starts('x*y')).toEqual(['x', 'y']);
  });
  it('gives up where a match may start with a character it cannot list', () => {
    for (const src of ['\\p{L}+ x', '[^a]b', '\\s*x', '.x', '(?:a|\\w)', 'a|']) expect(starts(src), src).toBeNull();
  });
  it('reads look-arounds as transparent and ^ as the text start', () => {
    expect(starts('(?=a)ab')).toEqual(['ab']);
    expect(firstKeys('(?:^|\\n)Mme')).toEqual({ starts: ['\nmme'], textStart: true });
  });
  it('indexes word starts, punctuation and line breaks, not the inside of words nor blanks', () => {
    const text = `Le dossier n°12\n  est « complet ».${' '.repeat(1100)}`;
    const ix = new TextIndex(text);
    expect(ix.positions({ starts: ['do'], textStart: false })).toEqual([3]);
    expect(ix.positions({ starts: ['ss'], textStart: false })).toEqual([]);
    expect(ix.positions({ starts: ['0'], textStart: false })).toEqual([13]);
    expect(ix.positions({ starts: ['\n'], textStart: true })).toEqual([0, 15]);
    expect(ix.positions({ starts: ['«'], textStart: false })).toEqual([22]);
  });
});
