/**
 * Start index: where a long text may hold a match of a rule pattern, found without running the regex.
 *
 * `firstKeys(source)` reads a regex source and returns every possible start of a match, in lower case,
 * up to six characters ("accus", "d'", "\n" followed by anything…), or null when a match may start with
 * a character it cannot name (a `\p{L}`, a `\s`, a `.`). It over-approximates, never under-approximates:
 * a key too short or too wide only costs a useless try.
 *
 * `TextIndex` reads a text once and gives every pattern whose keys are known the positions where one
 * of its starts stands (at the start of a run of letters or digits, any other visible character, a
 * line break), through one hash table of the starts of every pattern. The pattern is then tried only
 * there, with a sticky regex, instead of scanning the whole text once per pattern.
 */
import { lowerCached, lowerSameLength } from '../analysis/normalize.js';

/** Keys of a pattern: the folded starts (one to six characters) a match may begin with. */
export interface StartKeys {
  starts: string[];
  /** The match may start at the very start of the text (a `^` without the multiline flag). */
  textStart: boolean;
}

interface Item {
  s: string;
  /** The next atom may still extend it. */
  open: boolean;
}

/** Longest start read (longer starts try fewer positions); a pattern with too many is read to two. */
const LONG = 6;
const SHORT = 2;
const MAX_ITEMS = 400;
const MAX_CLASS = 64;
const UNKNOWN = null;

/** A character class or escape as the list of characters it may match (lower case), or null when too wide. */
type Chars = string[] | null;

/** Every digit is indexed as "0": a pattern's `\d` is one start, not ten. */
const DIGITS = ['0'];

class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly multiline: boolean,
    private readonly k: number,
  ) {}

  /** Parses the whole source; null when it cannot be read (a syntax we do not follow). */
  parse(): Item[] | null {
    const r = this.alternation();
    return this.i === this.src.length ? r : null;
  }

  private alternation(): Item[] | null {
    let out: Item[] | null = this.sequence();
    while (this.src[this.i] === '|') {
      this.i++;
      const next = this.sequence();
      out = out && next ? dedupe([...out, ...next]) : null;
      // Keep parsing even when unknown, to reach the end of the group.
    }
    return out && out.length <= MAX_ITEMS ? out : null;
  }

  private sequence(): Item[] | null {
    let acc: Item[] | null = [{ s: '', open: true }];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      const q = this.quantifier();
      if (atom === 'skip') continue;
      if (acc === null) continue;
      acc = extend(acc, atom, q, this.k);
      if (acc && acc.length > MAX_ITEMS) acc = null;
    }
    return acc;
  }

  /** One atom: the items it may match (null: unknown characters; 'skip': zero-width). */
  private atom(): Item[] | null | 'skip' | 'start' {
    const c = this.src[this.i]!;
    if (c === '(') return this.group();
    if (c === '[') return fromChars(this.charClass());
    if (c === '\\') return this.escape();
    this.i++;
    if (c === '^') return this.multiline ? UNKNOWN : 'start';
    if (c === '$') return 'skip';
    if (c === '.') return UNKNOWN;
    return [{ s: fold(c), open: true }];
  }

  private group(): Item[] | null | 'skip' {
    const src = this.src;
    this.i++; // (
    let lookaround = false;
    if (src[this.i] === '?') {
      if (src[this.i + 1] === ':') this.i += 2;
      else if (src[this.i + 1] === '=' || src[this.i + 1] === '!') {
        this.i += 2;
        lookaround = true;
      } else if (src[this.i + 1] === '<' && (src[this.i + 2] === '=' || src[this.i + 2] === '!')) {
        this.i += 3;
        lookaround = true;
      } else if (src[this.i + 1] === '<') {
        const end = src.indexOf('>', this.i);
        if (end < 0) throw new SyntaxError('group name');
        this.i = end + 1;
      } else throw new SyntaxError('group');
    }
    const inner = this.alternation();
    if (src[this.i] !== ')') throw new SyntaxError('unclosed group');
    this.i++;
    // A look-around consumes nothing: transparent (an over-approximation).
    return lookaround ? 'skip' : inner;
  }

  private escape(): Item[] | null | 'skip' {
    const n = this.src[this.i + 1] ?? '';
    this.i += 2;
    if (n === 'b' || n === 'B') return 'skip';
    if (n === 'p' || n === 'P') {
      const end = this.src.indexOf('}', this.i);
      if (this.src[this.i] === '{' && end > 0) this.i = end + 1;
      return UNKNOWN;
    }
    if (n === 'u' && this.src[this.i] === '{') {
      const end = this.src.indexOf('}', this.i);
      const cp = parseInt(this.src.slice(this.i + 1, end), 16);
      this.i = end + 1;
      return [{ s: fold(String.fromCodePoint(cp)), open: true }];
    }
    if (n === 'u' || n === 'x') {
      const len = n === 'u' ? 4 : 2;
      const cp = parseInt(this.src.slice(this.i, this.i + len), 16);
      this.i += len;
      return [{ s: fold(String.fromCharCode(cp)), open: true }];
    }
    return fromChars(escapeChars(n));
  }

  /** Quantifier after an atom: [min, max] (max Infinity), or undefined. A lazy "?" is read too. */
  private quantifier(): [number, number] | undefined {
    const src = this.src;
    const c = src[this.i];
    let q: [number, number] | undefined;
    if (c === '?') q = [0, 1];
    else if (c === '*') q = [0, Infinity];
    else if (c === '+') q = [1, Infinity];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(this.i));
      if (m) {
        q = [Number(m[1]), m[2] === undefined ? Number(m[1]) : m[3] ? Number(m[3]) : Infinity];
        this.i += m[0].length - 1;
      }
    }
    if (!q) return undefined;
    this.i++;
    if (src[this.i] === '?') this.i++;
    return q;
  }

  /** A bracketed class: its characters, or null (negated, or too wide to list). */
  private charClass(): Chars {
    const src = this.src;
    this.i++; // [
    const negated = src[this.i] === '^';
    if (negated) this.i++;
    const out = new Set<string>();
    let wide = negated;
    let first = true;
    while (this.i < src.length && (src[this.i] !== ']' || first)) {
      first = false;
      let lo: string | null;
      if (src[this.i] === '\\') {
        const n = src[this.i + 1] ?? '';
        this.i += 2;
        if (n === 'p' || n === 'P') {
          const end = src.indexOf('}', this.i);
          if (src[this.i] === '{' && end > 0) this.i = end + 1;
          wide = true;
          continue;
        }
        const chars = escapeChars(n);
        if (chars === null) {
          wide = true;
          continue;
        }
        if (chars.length !== 1) {
          for (const ch of chars) out.add(ch);
          continue;
        }
        lo = chars[0]!;
      } else {
        lo = src[this.i]!;
        this.i++;
      }
      // A range a-z (not a final "-").
      if (src[this.i] === '-' && src[this.i + 1] !== ']' && this.i + 1 < src.length) {
        let hi = src[this.i + 1]!;
        this.i += 2;
        if (hi === '\\') {
          hi = src[this.i]!;
          this.i++;
        }
        const from = lo.charCodeAt(0);
        const to = hi.charCodeAt(0);
        if (to - from > MAX_CLASS) wide = true;
        else for (let cp = from; cp <= to; cp++) out.add(fold(String.fromCharCode(cp)));
        continue;
      }
      out.add(fold(lo));
    }
    this.i++; // ]
    if (wide || out.size > MAX_CLASS) return null;
    return [...out];
  }
}

/** The characters an escape stands for (lower case), or null when it stands for too many. */
function escapeChars(n: string): Chars {
  if (n === 'd') return DIGITS;
  if (n === 'n') return ['\n'];
  if (n === 't') return ['\t'];
  if (n === 'r') return ['\r'];
  if (n === 'f') return ['\f'];
  if (n === 'v') return ['\v'];
  if (/[sSwWDkcux0-9]/.test(n)) return null;
  return [fold(n)];
}

/** What the index compares: lower case (same length), "'" for the typographic apostrophe, "0" for every ASCII digit. */
export function fold(text: string): string {
  return lowerSameLength(text).replace(/[1-9]/g, '0');
}

function fromChars(chars: Chars): Item[] | null {
  return chars ? chars.map((s) => ({ s, open: true })) : UNKNOWN;
}

function dedupe(items: Item[]): Item[] {
  const seen = new Map<string, Item>();
  for (const it of items) {
    const key = `${it.open ? 1 : 0}${it.s}`;
    if (!seen.has(key)) seen.set(key, it);
  }
  return [...seen.values()];
}

/** Appends an atom (with its quantifier) to the items read so far. */
function extend(acc: Item[], atom: Item[] | null | 'start', q: [number, number] | undefined, K: number): Item[] | null {
  const [min, max] = q ?? [1, 1];
  const out: Item[] = [];
  for (const a of acc) {
    if (!a.open || a.s.length >= K) {
      out.push(a);
      continue;
    }
    if (atom === 'start') {
      // "^" at the head of a match: the text start; elsewhere it only narrows the match.
      out.push(a.s === '' ? { s: '^', open: false } : a);
      continue;
    }
    if (min === 0) out.push(a);
    if (max === 0) continue;
    if (atom === null) {
      // Unknown characters: what was read stays a prefix (nothing when nothing was read).
      if (a.s === '') return null;
      out.push({ s: a.s, open: false });
      continue;
    }
    // The atom min times (at least once), then, when it may repeat further, stop there: the next
    // character may be the atom again or what follows.
    let reps: Item[] = [a];
    for (let r = 0; r < Math.max(1, min) && reps.some((x) => x.open && x.s.length < K); r++) {
      const next: Item[] = [];
      for (const x of reps) {
        if (!x.open || x.s.length >= K) next.push(x);
        else for (const b of atom) next.push({ s: (x.s + b.s).slice(0, K), open: b.open });
      }
      reps = dedupe(next);
      if (reps.length > MAX_ITEMS) return null;
    }
    if (max === Infinity) {
      for (const x of reps) out.push({ s: x.s, open: x.open && x.s.length < K && max <= Math.max(1, min) });
      continue;
    }
    // A bounded repeat (\d{1,4}): each count up to the maximum, then what follows.
    let cur = reps;
    const all = [...reps];
    for (let r = Math.max(1, min); r < max && cur.some((x) => x.open && x.s.length < K); r++) {
      const next: Item[] = [];
      for (const x of cur) if (x.open && x.s.length < K) for (const b of atom) next.push({ s: (x.s + b.s).slice(0, K), open: b.open });
      cur = dedupe(next);
      all.push(...cur);
      if (all.length > MAX_ITEMS) return null;
    }
    for (const x of all) out.push({ s: x.s, open: x.open && x.s.length < K });
  }
  return dedupe(out);
}

// Keys already read, by flags and source: the rules cache stores them, so that a one-letter command
// line does not read every pattern again.
const memo = new Map<string, StartKeys | null>();

/** The keys read so far (for the rules cache). */
export function knownKeys(): [string, StartKeys | null][] {
  return [...memo];
}

/** Keys read by an earlier process (from the rules cache). */
export function primeKeys(entries: readonly [string, StartKeys | null][]): void {
  for (const [k, v] of entries) memo.set(k, v);
}

/** True when the keys of this source were read already (in this process or, through the cache, an earlier one). */
export function hasKeys(source: string, multiline = false): boolean {
  return memo.has(`${multiline ? 'm' : '-'}${source}`);
}

/**
 * Start keys of a regex source, or null when a match may start with characters we cannot list. The keys
 * join the table of starts at once: a text's index then serves every pattern compiled before it was read
 * (a key set first met afterwards scans the text's positions one by one: 10 of 13 seconds on 5 MB).
 */
export function firstKeys(source: string, multiline = false): StartKeys | null {
  const id = `${multiline ? 'm' : '-'}${source}`;
  let keys = memo.get(id);
  if (keys === undefined) memo.set(id, (keys = readKeys(source, multiline)));
  if (keys) idOf(keys);
  return keys;
}

function readKeys(source: string, multiline: boolean): StartKeys | null {
  let items: Item[] | null = null;
  for (const k of [LONG, SHORT]) {
    try {
      items = new Parser(source, multiline, k).parse();
    } catch {
      return null;
    }
    if (items) break;
  }
  if (!items) return null;
  let textStart = false;
  const starts = new Set<string>();
  for (const it of items) {
    if (it.s === '^') textStart = true;
    else if (it.s === '') return null;
    // Blanks other than a line break are not indexed: a pattern that may start with one scans.
    else if (/^\s/.test(it.s) && it.s[0] !== '\n') return null;
    else starts.add(it.s);
  }
  // A start that begins with another start adds no position: keep the shorter one.
  const sorted = [...starts].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const kept: string[] = [];
  for (const st of sorted) if (!kept.some((k) => st.startsWith(k))) kept.push(st);
  return { starts: kept, textStart };
}

const ALNUM = /[\p{L}\p{N}]/u;

/** A letter or a digit (one UTF-16 unit: a surrogate counts as neither, which only adds positions). */
function computeAlnum(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba || c === 0xb2 || c === 0xb3 || c === 0xb9 || (c >= 0xbc && c <= 0xbe);
  if (c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  return ALNUM.test(String.fromCharCode(c));
}

// Kind of each UTF-16 unit for the index, filled as met: 0 unknown, 1 blank (never a start),
// 2 letter or digit (a start only after a non-letter), 3 anything else (always a start).
const KIND = new Uint8Array(0x10000);

function kindOf(c: number): number {
  let k = KIND[c]!;
  if (k === 0) KIND[c] = k = c === 0x20 || c === 0x09 || c === 0x0d ? 1 : computeAlnum(c) ? 2 : 3;
  return k;
}

/** Starts are looked up by the hash of their first one to six characters (all of a start: LONG). */
const DEPTH = 6;

/** Hash of the first `len` characters of `s` (the same as the index computes incrementally). */
function hashOf(s: string, len: number): number {
  let h = 0;
  for (let k = 0; k < len; k++) h = (Math.imul(h, 31) + s.charCodeAt(k)) | 0;
  return h;
}

// Every key set searched so far, numbered, and one hash table of all their starts: a text is read once
// and each of its positions is looked up there, which gives every pattern its positions at once.
const keyIds = new WeakMap<StartKeys, number>();
const allKeys: StartKeys[] = [];

interface StartTable {
  mask: number;
  /** heads[d − 1][bucket]: last entry whose first d characters hash there (−1: none). */
  heads: Int32Array[];
  /** prefixes[d − 1][bucket]: 1 when some start's first d characters hash there (deeper look-ups stop at 0). */
  prefixes: Uint8Array[];
  next: Int32Array;
  /** Per entry (one per distinct start): its start, its depth (min(DEPTH, length)), and the key sets
   * it belongs to: owners[ownerFrom[e]] … owners[ownerFrom[e + 1] − 1]. */
  start: string[];
  depth: Uint8Array;
  ownerFrom: Int32Array;
  owners: Int32Array;
}

let table: StartTable | null = null;

function idOf(keys: StartKeys): number {
  let id = keyIds.get(keys);
  if (id === undefined) {
    id = allKeys.length;
    allKeys.push(keys);
    keyIds.set(keys, id);
    table = null;
  }
  return id;
}

function startTable(): StartTable {
  if (table) return table;
  // A start shared by many patterns ("\n", "votre") is one entry, compared once at each position.
  const byStart = new Map<string, number[]>();
  allKeys.forEach((k, id) => {
    for (const st of k.starts) {
      const ids = byStart.get(st);
      if (ids) ids.push(id);
      else byStart.set(st, [id]);
    }
  });
  const start = [...byStart.keys()];
  const groups = [...byStart.values()];
  const ownerFrom = new Int32Array(start.length + 1);
  groups.forEach((ids, e) => (ownerFrom[e + 1] = ownerFrom[e]! + ids.length));
  let buckets = 256;
  while (buckets < start.length * 2) buckets *= 2;
  const t: StartTable = {
    mask: buckets - 1,
    heads: Array.from({ length: DEPTH }, () => new Int32Array(buckets).fill(-1)),
    prefixes: Array.from({ length: DEPTH }, () => new Uint8Array(buckets)),
    next: new Int32Array(start.length),
    start,
    depth: new Uint8Array(start.length),
    ownerFrom,
    owners: Int32Array.from(groups.flat()),
  };
  start.forEach((st, e) => {
    const d = Math.min(DEPTH, st.length);
    const b = hashOf(st, d) & t.mask;
    t.depth[e] = d;
    for (let k = 1; k <= d; k++) t.prefixes[k - 1]![hashOf(st, k) & t.mask] = 1;
    t.next[e] = t.heads[d - 1]![b]!;
    t.heads[d - 1]![b] = e;
  });
  return (table = t);
}

const NONE: number[] = [];

/**
 * Positions of a text where a match may start, for every pattern at once. The text is read once:
 * at each position that may start a match (the first character of every run of letters and digits,
 * every other character but blanks, every line break), the hashes of its first one to six
 * characters are looked up in the table of every pattern's starts; each pattern gets its positions,
 * in text order. A pattern first seen after the text was read gets its positions by a slower search.
 */
export class TextIndex {
  /** The text in lower case (same offsets), as the rule patterns search it. */
  private readonly lower: string;
  private folded: string | null = null;
  /** Positions that may start a match, in text order (for key sets met after the text was read). */
  private pos: number[] | null = null;
  /** Positions of each key set (by number), for the key sets known when the text was read. */
  private readonly lists: (number[] | undefined)[];
  private readonly known: number;

  constructor(readonly text: string) {
    // The lower case is the one the patterns search (computed once per text); the fold of each
    // character ("'" for "’", "0" for a digit) is applied as it is read, without a folded copy.
    const lower = (this.lower = lowerCached(text));
    const n = lower.length;
    this.known = allKeys.length;
    const lists: (number[] | undefined)[] = (this.lists = new Array<number[] | undefined>(this.known));
    if (this.known === 0) return;
    const t = startTable();
    const { heads, prefixes, next, start, depth, ownerFrom, owners, mask } = t;
    let prev = 1;
    for (let p = 0; p < n; p++) {
      const k = kindOf(lower.charCodeAt(p));
      const candidate = k === 3 || (k === 2 && prev !== 2);
      prev = k;
      if (!candidate) continue;
      let h = 0;
      for (let d = 1; d <= DEPTH && p + d <= n; d++) {
        h = (Math.imul(h, 31) + foldCode(lower.charCodeAt(p + d - 1))) | 0;
        if (prefixes[d - 1]![h & mask] === 0) break;
        for (let e = heads[d - 1]![h & mask]!; e >= 0; e = next[e]!) {
          if (depth[e] !== d) continue;
          if (!foldedAt(lower, start[e]!, p)) continue;
          for (let o = ownerFrom[e]!, end = ownerFrom[e + 1]!; o < end; o++) {
            const id = owners[o]!;
            const l = lists[id];
            if (!l) lists[id] = [p];
            else if (l[l.length - 1] !== p) l.push(p);
          }
        }
      }
    }
  }

  /** Every position that may start a match (computed when first needed). */
  private candidates(): number[] {
    if (this.pos) return this.pos;
    const pos: number[] = [];
    let prev = 1;
    for (let p = 0; p < this.lower.length; p++) {
      const k = kindOf(this.lower.charCodeAt(p));
      if (k === 3 || (k === 2 && prev !== 2)) pos.push(p);
      prev = k;
    }
    return (this.pos = pos);
  }

  /** Sorted positions where a match with these keys may start. */
  positions(keys: StartKeys): number[] {
    const id = idOf(keys);
    let list: number[];
    if (id < this.known) list = this.lists[id] ?? NONE;
    else {
      list = [];
      const folded = (this.folded ??= this.lower.replace(/’/g, "'").replace(/[1-9]/g, '0'));
      for (const p of this.candidates()) if (keys.starts.some((st) => folded.startsWith(st, p))) list.push(p);
    }
    return keys.textStart && list[0] !== 0 ? [0, ...list] : list;
  }
}

/** A character code as the index compares it (see `fold`): "'" for "’", "0" for a digit 1–9. */
function foldCode(c: number): number {
  return c === 0x2019 ? 0x27 : c >= 0x31 && c <= 0x39 ? 0x30 : c;
}

/** True when `st` (folded) stands at `p` in `lower` once folded (a check without a string). */
function foldedAt(lower: string, st: string, p: number): boolean {
  if (p + st.length > lower.length) return false;
  for (let k = 0; k < st.length; k++) if (foldCode(lower.charCodeAt(p + k)) !== st.charCodeAt(k)) return false;
  return true;
}

