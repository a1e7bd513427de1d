/**
 * Rule patterns compiled into one regex, with the word edge at the start of a match checked in code.
 *
 * A look-behind such as `(?<![\p{L}\p{N}_])` at the head of a regex is evaluated at every position of
 * the text and keeps V8 from skipping ahead on the first characters of the alternatives: measured five
 * times slower on a letter than the same regex without it. So the regex is compiled without it, and a
 * match that starts inside a word is refused here and searched again one position further on: the
 * result is the leftmost match that satisfies the edge, exactly what the look-behind gave.
 *
 * In a long text (a whole letter), a pattern whose possible first characters are known is not run over
 * the text at all: it is tried, sticky, only where the text's start index says a match may begin
 * (see prefix.ts). Same matches, a fraction of the work, as each letter is searched by a hundred patterns.
 */

import { lowerCached, lowerKeepOffsets } from '../analysis/normalize.js';
import { firstKeys, hasKeys, TextIndex, type StartKeys } from './prefix.js';

/** Lets "'" in a pattern match the typographic apostrophe too, inside or outside a character class. */
export function bothApostrophes(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
    } else if (c === '[' && !inClass) {
      inClass = true;
      out += c;
    } else if (c === ']' && inClass) {
      inClass = false;
      out += c;
    } else if (c === "'") out += inClass ? "'’" : "['’]";
    else out += c;
  }
  return out;
}

const WORD_CHAR_AT_END = /[\p{L}\p{N}_]$/u;

/** True when the character just before `index` is a letter, a digit or "_" (the match would start inside a word). */
export function wordCharBefore(text: string, index: number): boolean {
  if (index <= 0) return false;
  const c = text.charCodeAt(index - 1);
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
  return WORD_CHAR_AT_END.test(text.slice(Math.max(0, index - 2), index));
}

/** Properties whose letters change with case: under the `i` flag `\p{Lu}` matches every cased letter. */
const CASED_PROPERTY = /^\\([pP])\{(?:Lu|Ll|Lt|LC|L&|Uppercase_Letter|Lowercase_Letter|Titlecase_Letter|Cased_Letter)\}/;

/**
 * A case-insensitive pattern rewritten to run without the `i` flag on a text in lower case (same
 * offsets): V8 compiles a Unicode regex with `i` about twice as slowly (case closures of every
 * class) and runs it slower. Letters become lower case; a cased letter property becomes `\p{Ll}`
 * (what every cased letter is once lowered). Null when the pattern says something this cannot
 * follow (a character by its code, a case property other than these, a class range that lowering
 * would turn around): such a pattern keeps the `i` flag. A test holds both forms to the same matches.
 */
export function lowerPatternSource(source: string): string | null {
  // Lowered once (a loop of one-character calls cost tens of milliseconds over every rule at start-up).
  const folded = lowerKeepOffsets(source);
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const rest = source.slice(i);
      const cased = CASED_PROPERTY.exec(rest);
      if (cased) {
        out += `\\${cased[1]}{Ll}`;
        i += cased[0].length - 1;
        continue;
      }
      const next = source[i + 1] ?? '';
      if (next === 'u' || next === 'x' || next === 'c') return null;
      if ((next === 'p' || next === 'P') && /^\\[pP]\{[^}]*(?:case|upper|lower|title)/i.test(rest)) return null;
      const end = next === 'p' || next === 'P' || next === 'k' ? source.indexOf(next === 'k' ? '>' : '}', i) : i + 1;
      if (end < 0) return null;
      out += source.slice(i, end + 1);
      i = end;
      continue;
    }
    if (!inClass && c === '(' && source.startsWith('(?<', i) && /[A-Za-z]/.test(source[i + 3] ?? '')) {
      const end = source.indexOf('>', i);
      out += source.slice(i, end + 1);
      i = end;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    else if (inClass && c === '-' && out.length > 0 && source[i + 1] !== ']' && source[i - 1] !== '[' && source[i - 2] !== '\\') {
      // A range: both ends lowered must keep their order ([A-Z] → [a-z]; [Z-a] would turn around).
      if ((folded[i + 1] ?? '') < folded[i - 1]!) return null;
    }
    out += folded[i];
  }
  return out;
}

/** A pattern that starts at a line start needs no word edge (and must not get one). */
const ANCHORED = /^\(\?:\^\|\\n\)|^\\n|^\^/;

/** Name of the empty group that marks a match of the word-bounded alternatives when both sorts are mixed. */
const BOUNDED_MARK = 'clarteWordStart';

export interface PatternOptions {
  caseSensitive?: boolean;
  /** Matches start at a word edge (patterns anchored at a line start excepted). Default true. */
  wordStart?: boolean;
  /** Matches end at a word edge. Default false (a pattern may stop inside a date or a word). */
  wordEnd?: boolean;
  /** "^" and "$" match at line ends too. */
  multiline?: boolean;
  /** Search long texts through their start index (default true; false scans, for comparison). */
  indexed?: boolean;
  /** Run a case-insensitive pattern in lower case without the `i` flag (default true; false, for comparison). */
  lowerCase?: boolean;
  /** Search texts of Latin letters with the Latin form (default true; false, for comparison). */
  latin?: boolean;
}

/** Texts at least this long are searched through their start index. */
const INDEX_FROM = 1024;

// The index of the last texts searched: every pattern of one analysis searches the same text.
const indexes: TextIndex[] = [];

function indexOf(text: string): TextIndex {
  for (const ix of indexes) if (ix.text === text) return ix;
  const ix = new TextIndex(text);
  indexes.unshift(ix);
  if (indexes.length > 2) indexes.pop();
  return ix;
}

/**
 * Letters and numbers of the texts Clarté reads nearly always: ASCII, Latin-1, and œ/Œ. A Unicode
 * property class (`\p{L}`: some 650 ranges) compiles to a large regex, slow to build and heavy in
 * memory (the agent-identity pattern: 0.9 MB of code per form); on a text whose letters and numbers
 * all belong here, these ranges match exactly the same characters. Each pattern gets a second form with
 * them ("Latin form"), used on such texts; any other text (a name in Polish or Greek) gets the
 * Unicode form. A test holds these ranges to the Unicode properties over every character they cover.
 */
export const LATIN_RANGES: Readonly<Record<'L' | 'Ll' | 'Lu' | 'N', string>> = {
  L: 'A-Za-z\\u00aa\\u00b5\\u00ba\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u00ff\\u0152\\u0153',
  Ll: 'a-z\\u00b5\\u00df-\\u00f6\\u00f8-\\u00ff\\u0153',
  Lu: 'A-Z\\u00c0-\\u00d6\\u00d8-\\u00de\\u0152',
  N: '0-9\\u00b2\\u00b3\\u00b9\\u00bc-\\u00be',
};

/**
 * The source with its `\p{L}`, `\p{Ll}`, `\p{Lu}` and `\p{N}` written as LATIN_RANGES (also negated,
 * outside a class), or null when it uses none (nothing to gain) or one this cannot write (`\P{…}`
 * inside a class). Only for a regex without the `i` flag: case closure would widen the ranges.
 */
export function latinSource(source: string): string | null {
  let out = '';
  let inClass = false;
  let changed = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const m = /^\\([pP])\{(L|Ll|Lu|N)\}/.exec(source.slice(i, i + 6));
      if (m) {
        const ranges = LATIN_RANGES[m[2] as keyof typeof LATIN_RANGES];
        const negated = m[1] === 'P';
        if (inClass && negated) return null;
        out += inClass ? ranges : `[${negated ? '^' : ''}${ranges}]`;
        i += m[0].length - 1;
        changed = true;
        continue;
      }
      const next = source[i + 1] ?? '';
      if (next === 'p' || next === 'P') {
        const end = source.indexOf('}', i);
        if (end < 0) return null;
        out += source.slice(i, end + 1);
        i = end;
        continue;
      }
      out += c + next;
      i++;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return changed ? out : null;
}

// Whether a UTF-16 unit above U+00FF is a letter or a number outside LATIN_RANGES (0: not yet known,
// 1: no, 2: yes), filled as met: a text is read character by character, without a Unicode class.
const BEYOND = new Uint8Array(0x10000);
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

function beyondLatin(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0xff) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      // A character outside the BMP (its surrogate pair read as one code point).
      if (LETTER_OR_NUMBER.test(String.fromCodePoint(text.codePointAt(i)!))) return true;
      i++;
      continue;
    }
    let k = BEYOND[c]!;
    if (k === 0) BEYOND[c] = k = c !== 0x152 && c !== 0x153 && LETTER_OR_NUMBER.test(text[i]!) ? 2 : 1;
    if (k === 2) return true;
  }
  return false;
}

// Whether the last subjects searched hold only letters and numbers of LATIN_RANGES (a letter's text is
// searched by some ninety patterns).
const latinChecked: { text: string; latin: boolean }[] = [];

/** True when every letter and number of the text is in LATIN_RANGES (cached for the last texts). */
export function isLatinText(text: string): boolean {
  for (const e of latinChecked) if (e.text === text) return e.latin;
  const latin = !beyondLatin(text);
  latinChecked.unshift({ text, latin });
  if (latinChecked.length > 4) latinChecked.pop();
  return latin;
}

/** Compiled rule patterns: `exec` gives the leftmost match whose start respects the word edge. */
export class PatternRegex {
  /** The regex source (all the patterns) and its flags, without "g" or "y". */
  readonly source: string;
  /** The pattern looks behind its match: searched in a part of a text, it must still see what comes before. */
  readonly looksBehind: boolean;
  private readonly flags: string;
  /** What is compiled: the source, or its lower-case form run on the text in lower case. */
  private readonly compiled: string;
  /** The compiled source with its Unicode letter and number classes as LATIN_RANGES, or null. */
  private latin: string | null;
  private readonly lower: boolean;
  /** 0: no edge check; 1: every match checked; 2: only matches of the marked (bounded) alternatives. */
  private readonly check: 0 | 1 | 2;
  /** The first characters of its matches: null when unknown (the text is scanned). */
  private readonly keys: StartKeys | null = null;
  // The regexes are made on first use: a Unicode regex full of \p{L} costs to build, a pattern may only
  // ever search short texts (scanned) or long ones (indexed, sticky), and most texts take the Latin form.
  private scanRe: RegExp | null = null;
  private stickyRe: RegExp | null = null;
  private scanLatinRe: RegExp | null = null;
  private stickyLatinRe: RegExp | null = null;
  private lastText: string | null = null;
  private lastPositions: number[] = [];

  constructor(patterns: readonly string[], options: PatternOptions = {}) {
    const wordStart = options.wordStart ?? true;
    const after = options.wordEnd ? '(?![\\p{L}\\p{N}_])' : '';
    const wrap = (p: string): string => `(?:${bothApostrophes(p)})${after}`;
    const anchored = wordStart ? patterns.filter((p) => ANCHORED.test(p)).map(wrap) : [];
    const bounded = (wordStart ? patterns.filter((p) => !ANCHORED.test(p)) : patterns).map(wrap);
    let source: string;
    if (!wordStart || bounded.length === 0) {
      source = [...anchored, ...bounded].join('|');
      this.check = 0;
    } else if (anchored.length === 0) {
      source = bounded.join('|');
      this.check = 1;
    } else {
      // The line-start patterns keep their place first in the alternation.
      source = `${anchored.join('|')}|(?<${BOUNDED_MARK}>)(?:${bounded.join('|')})`;
      this.check = 2;
    }
    this.source = source || '(?!)';
    this.looksBehind = /\(\?<[=!]/.test(this.source);
    const lowered = options.caseSensitive || options.lowerCase === false ? null : lowerPatternSource(this.source);
    this.lower = lowered !== null;
    this.compiled = lowered ?? this.source;
    this.flags = `${options.caseSensitive || this.lower ? '' : 'i'}${options.multiline ? 'm' : ''}u`;
    this.latin = this.flags.includes('i') || options.latin === false ? null : latinSource(this.compiled);
    // Only matches that start at a word edge or a line start are sure to sit at indexed positions.
    const indexable = wordStart && source !== '' && options.indexed !== false;
    // A pattern read in an earlier process (the rules cache) compiled then; any other is compiled now,
    // so that a bad pattern stops the loading of its rule file.
    if (!indexable || !hasKeys(this.source, options.multiline)) this.scan(this.latin !== null);
    if (indexable) this.keys = firstKeys(this.source, options.multiline);
  }

  /** The scanning regex, in its Latin form or its Unicode form. */
  private scan(latin: boolean): RegExp {
    if (latin && (this.scanLatinRe ??= this.latinRegex('g'))) return this.scanLatinRe;
    return (this.scanRe ??= new RegExp(this.compiled, `g${this.flags}`));
  }

  /** The sticky regex (tried at one position), in its Latin form or its Unicode form. */
  private sticky(latin: boolean): RegExp {
    if (latin && (this.stickyLatinRe ??= this.latinRegex('y'))) return this.stickyLatinRe;
    return (this.stickyRe ??= new RegExp(this.compiled, `y${this.flags}`));
  }

  /**
   * The Latin form, made when first needed (not at loading: parsing it costs); null, and the Unicode
   * form from then on, should the rewriting of an organisation's pattern not compile.
   */
  private latinRegex(flag: string): RegExp | null {
    try {
      return new RegExp(this.latin!, `${flag}${this.flags}`);
    } catch {
      this.latin = null;
      return null;
    }
  }

  /**
   * The leftmost acceptable match at or after `from`, or null. Read its index and length only: a
   * case-insensitive pattern searches the text in lower case, so `m[0]` may be in lower case.
   */
  exec(text: string, from = 0): RegExpExecArray | null {
    if (this.keys && text.length >= INDEX_FROM) return this.execIndexed(text, from);
    const subject = this.lower ? lowerCached(text) : text;
    const re = this.scan(this.latin !== null && isLatinText(subject));
    re.lastIndex = from;
    for (;;) {
      const m = re.exec(subject);
      if (!m) return null;
      const edged = this.check === 1 || (this.check === 2 && m.groups?.[BOUNDED_MARK] !== undefined);
      if (!edged || !wordCharBefore(text, m.index)) return m;
      // Search again from the next character (the next code point: a surrogate pair is one character).
      const c = text.charCodeAt(m.index);
      re.lastIndex = m.index + (c >= 0xd800 && c <= 0xdbff ? 2 : 1);
    }
  }

  private execIndexed(text: string, from: number): RegExpExecArray | null {
    if (this.lastText !== text) {
      this.lastPositions = indexOf(text).positions(this.keys!);
      this.lastText = text;
    }
    const positions = this.lastPositions;
    const subject = this.lower ? lowerCached(text) : text;
    const re = this.sticky(this.latin !== null && isLatinText(subject));
    // First position at or after `from` (binary search), then each in turn.
    let lo = 0;
    let hi = positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (positions[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < positions.length; i++) {
      const p = positions[i]!;
      re.lastIndex = p;
      const m = re.exec(subject);
      if (!m) continue;
      const edged = this.check === 1 || (this.check === 2 && m.groups?.[BOUNDED_MARK] !== undefined);
      if (!edged || !wordCharBefore(text, p)) return m;
    }
    return null;
  }

  /** True when the text holds an acceptable match. */
  test(text: string): boolean {
    return this.exec(text) !== null;
  }

  /** Every acceptable match at or after `from`, left to right, without overlaps; an empty match moves one character on. */
  *matches(text: string, from = 0): Generator<RegExpExecArray> {
    for (let m = this.exec(text, from); m; m = this.exec(text, from)) {
      yield m;
      from = m.index + (m[0].length || 1);
      if (from > text.length) return;
    }
  }
}
