/**
 * A small token-level sequence tagger for personal data: BIO tags over the eight personal-data types,
 * an averaged structured perceptron decoded with Viterbi (first-order transitions, BIO constraints).
 * Features are lexical (word, shape, affixes), contextual (two words either side), layout-based (the
 * label before a colon on the line, position in the line and in the letter, header / body / signature
 * zone) and, optionally, the rule detector's own output for the token ("hints").
 *
 * Deterministic: a fixed seed shuffles the training letters, a fixed number of epochs. No dependency.
 * A model serialises to JSON (features with a non-zero weight only). The model shipped with Clarté is
 * trained at build time and reads, with the rules, the texts Clarté stores (second-opinion.ts);
 * scripts/experiment-pd-tagger.ts compares the ways of combining the two.
 */
import { mulberry32 } from '../random.js';
import { givenName } from './given-names.js';
import type { PersonalDataSpan, PersonalDataType } from './personal-data.js';

export const TAGGER_TYPES: readonly PersonalDataType[] = ['NIR', 'IBAN', 'TELEPHONE', 'EMAIL', 'ADRESSE', 'DATE_NAISSANCE', 'NOM', 'NUMERO_DOSSIER'];

/** Tag 0 is O; type k has B = 1 + 2k and I = 2 + 2k. */
export const TAGS: readonly string[] = ['O', ...TAGGER_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];
const NT = TAGS.length;
const typeOfTag = (tag: number): PersonalDataType => TAGGER_TYPES[(tag - 1) >> 1]!;
const isInside = (tag: number): boolean => tag > 0 && tag % 2 === 0;

/** Transition constraint: I-X only after B-X or I-X (also from the start of the letter). */
const ALLOWED = new Uint8Array((NT + 1) * NT);
for (let p = 0; p <= NT; p++)
  for (let t = 0; t < NT; t++) {
    // p === NT stands for the start of the letter
    const ok = !isInside(t) || (p < NT && p > 0 && (p === t || p === t - 1));
    ALLOWED[p * NT + t] = ok ? 1 : 0;
  }

export interface Token {
  start: number;
  end: number;
  text: string;
  /** Index of the line holding the token. */
  line: number;
}

export interface ScoredSpan extends PersonalDataSpan {
  /** Mean margin of the span's tags over O (higher: more confident). */
  score: number;
}

const TOKEN_RE = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

/** Words (letters and digits) and single punctuation signs, with their line. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let line = 0;
  let scanned = 0;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    for (let i = scanned; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    scanned = m.index;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], line });
  }
  return out;
}

/** One tag per token: B-X on the first token overlapping a span of type X, I-X on the others, O elsewhere. */
export function tagTokens(tokens: readonly Token[], spans: readonly PersonalDataSpan[]): Uint8Array {
  const tags = new Uint8Array(tokens.length);
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let from = 0;
  for (const s of sorted) {
    const k = TAGGER_TYPES.indexOf(s.type);
    if (k < 0) continue;
    while (from < tokens.length && tokens[from]!.end <= s.start) from++;
    let first = true;
    for (let i = from; i < tokens.length && tokens[i]!.start < s.end; i++) {
      if (tags[i] !== 0) break; // already taken by an overlapping span
      tags[i] = first ? 1 + 2 * k : 2 + 2 * k;
      first = false;
    }
  }
  return tags;
}

// ---------------------------------------------------------------------------------------------
// Features

/** "Dupont" -> "Xxxxxx", truncated to 8 characters. */
function fullShape(w: string): string {
  let s = '';
  for (const ch of w) {
    if (s.length >= 8) break;
    if (/\p{Lu}/u.test(ch)) s += 'X';
    else if (/\p{Ll}/u.test(ch)) s += 'x';
    else if (/\p{N}/u.test(ch)) s += 'd';
    else s += ch;
  }
  return s;
}

/** The shape with runs collapsed: "Dupont" -> "Xx", "DUPONT" -> "X", "75011" -> "d", "2A" -> "dX". */
function shortShape(full: string): string {
  let s = '';
  for (const ch of full) if (s[s.length - 1] !== ch) s += ch;
  return s;
}

function bucket(n: number, limits: readonly number[]): string {
  for (const l of limits) if (n <= l) return String(l);
  return `>${limits[limits.length - 1]}`;
}

const OBJECT_RE = /^\s*(?:objet|obj\.)\s*:/iu;
const SALUTATION_RE = /^\s*(?:madame|monsieur|maître|cher|chère|mesdames|messieurs)\b[^.\n]{0,60},\s*$/iu;
const CLOSING_RE = /\b(?:agréer|salutations|sentiments|considération|cordialement)\b/iu;

interface LineInfo {
  start: number;
  zone: string;
  /** First word of the line, lower-cased. */
  first: string;
  /** Leading blanks. */
  indent: number;
}

function lineInfos(text: string): LineInfo[] {
  const raw = text.split('\n');
  let objet = -1;
  let salutation = -1;
  let closing = -1;
  raw.forEach((l, i) => {
    if (objet < 0 && OBJECT_RE.test(l)) objet = i;
    if (salutation < 0 && SALUTATION_RE.test(l)) salutation = i;
    if (CLOSING_RE.test(l)) closing = i;
  });
  const bodyStart = objet >= 0 ? objet : salutation >= 0 ? salutation : -1;
  // a closing formula in the first half is not the letter's end
  const sigStart = closing > raw.length / 2 ? closing : -1;
  const out: LineInfo[] = [];
  let at = 0;
  raw.forEach((l, i) => {
    const zone = bodyStart >= 0 && i < bodyStart ? 'H' : sigStart >= 0 && i > sigStart ? 'S' : bodyStart < 0 && i < raw.length * 0.2 ? 'h' : 'B';
    const first = /[\p{L}\p{N}]+/u.exec(l)?.[0]?.toLowerCase() ?? '';
    out.push({ start: at, zone, first, indent: /^[ \t]*/.exec(l)![0].replace(/\t/g, '        ').length });
    at += l.length + 1;
  });
  return out;
}

/**
 * Runs of digit groups separated by a blank, a dot, a dash or a slash on one line ("06 12 34 56 78",
 * "1 78 02 59 350 217 49"): for each token of a run, the run's digit count (0 elsewhere).
 */
function digitRuns(tokens: readonly Token[], isNumber: (i: number) => boolean): Int32Array {
  const n = tokens.length;
  const runDigits = new Int32Array(n);
  for (let i = 0; i < n; ) {
    if (!isNumber(i)) {
      i++;
      continue;
    }
    let j = i;
    let digits = tokens[i]!.text.length;
    for (;;) {
      const k = j + 1;
      const sep = k < n && tokens[k]!.start === tokens[j]!.end && (tokens[k]!.text === '.' || tokens[k]!.text === '-' || tokens[k]!.text === '/') ? k : -1;
      const next = sep >= 0 ? sep + 1 : k;
      if (next >= n || !isNumber(next) || tokens[next]!.line !== tokens[j]!.line) break;
      if (tokens[next]!.start - tokens[sep >= 0 ? sep : j]!.end > 1) break;
      digits += tokens[next]!.text.length;
      j = next;
    }
    for (let k = i; k <= j; k++) runDigits[k] = digits;
    i = j + 1;
  }
  return runDigits;
}

/**
 * The feature strings of each token. `hints`: tags of the rule detector's spans (see tagTokens), or
 * null for a model without them.
 */
function tokenFeatures(text: string, tokens: readonly Token[], hints: Uint8Array | null): string[][] {
  const lines = lineInfos(text);
  const lower = tokens.map((t) => t.text.toLowerCase());
  const given = lower.map((w) => givenName(w) ?? '');
  const full = tokens.map((t) => fullShape(t.text));
  const short = full.map(shortShape);
  const n = tokens.length;
  const w = (i: number): string => (i < 0 ? '<s>' : i >= n ? '</s>' : lower[i]!);
  const sh = (i: number): string => (i < 0 ? '<s>' : i >= n ? '</s>' : short[i]!);
  const hint = (i: number): string => (hints && i >= 0 && i < n ? TAGS[hints[i]!]! : 'O');
  // the blank-delimited chunk of each token ("jean.dupont@free.fr", "AB-2025-1234"): its shape and whether it holds an "@"
  const chunkOf = new Int32Array(n);
  const chunks: { first: number; last: number; at: boolean; digits: number; shape: string }[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 0 || tokens[i]!.start !== tokens[i - 1]!.end) chunks.push({ first: i, last: i, at: false, digits: 0, shape: '' });
    const c = chunks[chunks.length - 1]!;
    c.last = i;
    if (tokens[i]!.text === '@') c.at = true;
    c.digits += tokens[i]!.text.replace(/\D/g, '').length;
    if (c.shape.length < 12) c.shape += short[i];
    chunkOf[i] = chunks.length - 1;
  }
  const runDigits = digitRuns(tokens, (i) => /^\d+$/.test(tokens[i]!.text));
  const out: string[][] = [];
  // per line: index of the line's first token; colons seen so far on the line
  let lineFirst = 0;
  let lastColon = -1;
  for (let i = 0; i < n; i++) {
    const tok = tokens[i]!;
    if (i === 0 || tokens[i - 1]!.line !== tok.line) {
      lineFirst = i;
      lastColon = -1;
    }
    const li = lines[tok.line]!;
    const col = tok.start - li.start;
    const posInLine = i - lineFirst;
    const before = tok.start > 0 ? text[tok.start - 1]! : '\n';
    const after = tok.end < text.length ? text[tok.end]! : '\n';
    // blanks before the token on its line (a wide gap: another column)
    let gap = 0;
    for (let k = tok.start - 1; k >= li.start && (text[k] === ' ' || text[k] === '\t'); k--) gap += text[k] === '\t' ? 4 : 1;
    const wi = lower[i]!;
    const f: string[] = [
      'b',
      `w=${wi}`,
      `sh=${short[i]}`,
      `fs=${full[i]}`,
      `p2=${wi.slice(0, 2)}`,
      `p3=${wi.slice(0, 3)}`,
      `s2=${wi.slice(-2)}`,
      `s3=${wi.slice(-3)}`,
      `len=${bucket(tok.text.length, [1, 2, 3, 4, 6, 9])}`,
      `w-1=${w(i - 1)}`,
      `w-2=${w(i - 2)}`,
      `w+1=${w(i + 1)}`,
      `w+2=${w(i + 2)}`,
      `w-1|w=${w(i - 1)}|${wi}`,
      `w|w+1=${wi}|${w(i + 1)}`,
      `w-2|w-1=${w(i - 2)}|${w(i - 1)}`,
      `sh-1=${sh(i - 1)}`,
      `sh+1=${sh(i + 1)}`,
      `sh-1|sh=${sh(i - 1)}|${sh(i)}`,
      `sh|sh+1=${sh(i)}|${sh(i + 1)}`,
      `sh-1|sh|sh+1=${sh(i - 1)}|${sh(i)}|${sh(i + 1)}`,
      `pb=${before === '\n' ? 'NL' : before === ' ' || before === '\t' ? 'SP' : before}`,
      `pa=${after === '\n' ? 'NL' : after === ' ' || after === '\t' ? 'SP' : after}`,
      `gap=${gap >= 3 ? 'wide' : gap}`,
      `pil=${bucket(posInLine, [0, 1, 2, 3, 5])}`,
      `col=${bucket(col, [0, 10, 30, 50])}`,
      `ind=${bucket(li.indent, [0, 4, 20])}`,
      `z=${li.zone}`,
      `z|sh=${li.zone}|${short[i]}`,
      `ln=${bucket(tok.line, [0, 1, 2, 3, 4, 6, 8, 12, 20, 30])}`,
      `lf=${li.first}`,
      `plf=${tok.line > 0 ? lines[tok.line - 1]!.first || 'BLANK' : '<s>'}`,
    ];
    const chunk = chunks[chunkOf[i]!]!;
    if (chunk.first !== chunk.last) {
      f.push(`cks=${chunk.shape}`, `ckd=${bucket(chunk.digits, [0, 2, 4, 6, 8, 10, 13, 15, 20])}`, `ckp=${i === chunk.first ? 'F' : i === chunk.last ? 'L' : 'M'}`);
      if (chunk.at) f.push('ck@');
    }
    if (runDigits[i]) f.push(`run=${Math.min(runDigits[i]!, 30)}`);
    if (lastColon >= 0) {
      // the label before the nearest colon on the line (up to three words, stopping at a wide gap)
      const words: string[] = [];
      for (let k = lastColon - 1; k >= lineFirst && words.length < 3; k--) {
        const t = tokens[k]!;
        if (/[\p{L}\p{N}]/u.test(t.text)) words.unshift(lower[k]!);
        else if (t.text !== '.' && t.text !== "'" && t.text !== '’' && t.text !== '°') break;
        if (k > lineFirst && t.start - tokens[k - 1]!.end >= 3) break;
      }
      const last = words[words.length - 1] ?? '';
      f.push(`lab1=${last}`, `lab=${words.join(' ')}`, `labd=${bucket(i - lastColon, [1, 2, 3, 5, 8])}`, `lab1|sh=${last}|${short[i]}`);
      for (const x of words) f.push(`labw=${x}`);
    } else f.push('nolab');
    if (hints) {
      const h = hint(i);
      f.push(`h=${h}`, `h-1=${hint(i - 1)}`, `h+1=${hint(i + 1)}`, `h|sh=${h}|${short[i]}`, `h-1|h=${hint(i - 1)}|${h}`, `h|h+1=${h}|${hint(i + 1)}`, `h|z=${h}|${li.zone}`);
    }
    // a given name of the lexicon (corpora/lexiques/prenoms.txt): here, before, after
    if (given[i]) f.push(`g=${given[i]}`, `g|sh=${given[i]}|${short[i]}`);
    if (i > 0 && given[i - 1]) f.push(`g-1=${given[i - 1]}`);
    if (i + 1 < n && given[i + 1]) f.push(`g+1=${given[i + 1]}`);
    out.push(f);
    if (tok.text === ':') lastColon = i;
  }
  return out;
}

/** Feature strings to dense ids, shared by every letter of an experiment. */
export class FeatureSpace {
  readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  /** When frozen, unknown features are dropped instead of added. */
  frozen = false;

  id(name: string): number {
    const known = this.ids.get(name);
    if (known !== undefined) return known;
    if (this.frozen) return -1;
    const id = this.names.length;
    this.ids.set(name, id);
    this.names.push(name);
    return id;
  }

  get size(): number {
    return this.names.length;
  }
}

/** A letter turned into feature ids: token i's features are feats[offsets[i] .. offsets[i + 1]). */
export interface EncodedLetter {
  tokens: Token[];
  offsets: Int32Array;
  feats: Int32Array;
  /** Gold tags, when the letter is annotated. */
  gold?: Uint8Array;
}

/** Encodes a letter; `hints` (the rule detector's spans) only when the model uses them. */
export function encodeLetter(text: string, space: FeatureSpace, hints: readonly PersonalDataSpan[] | null, gold?: readonly PersonalDataSpan[]): EncodedLetter {
  const tokens = tokenize(text);
  const features = tokenFeatures(text, tokens, hints ? tagTokens(tokens, hints) : null);
  const offsets = new Int32Array(tokens.length + 1);
  const ids: number[] = [];
  features.forEach((fs, i) => {
    offsets[i] = ids.length;
    for (const name of fs) {
      const id = space.id(name);
      if (id >= 0) ids.push(id);
    }
  });
  offsets[tokens.length] = ids.length;
  return { tokens, offsets, feats: Int32Array.from(ids), ...(gold ? { gold: tagTokens(tokens, gold) } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Fast encoding for prediction (frozen space)

type Ids1 = Map<string, number>;
type Ids2 = Map<string, Ids1>;
type Ids3 = Map<string, Ids2>;
const NO_IDS1: Ids1 = new Map();
const NO_IDS2: Ids2 = new Map();
const NO_IDS3: Ids3 = new Map();

const LEN_LIMITS = [1, 2, 3, 4, 6, 9];
const PIL_LIMITS = [0, 1, 2, 3, 5];
const COL_LIMITS = [0, 10, 30, 50];
const IND_LIMITS = [0, 4, 20];
const LN_LIMITS = [0, 1, 2, 3, 4, 6, 8, 12, 20, 30];
const CKD_LIMITS = [0, 2, 4, 6, 8, 10, 13, 15, 20];
const LABD_LIMITS = [1, 2, 3, 5, 8];

/** Index of `bucket(n, limits)` in [...limits, beyond]. */
function bucketIndex(n: number, limits: readonly number[]): number {
  for (let k = 0; k < limits.length; k++) if (n <= limits[k]!) return k;
  return limits.length;
}

/** fullShape without a regular expression for ASCII characters (the same result). */
function fastFullShape(w: string): string {
  let s = '';
  for (let k = 0; k < w.length && s.length < 8; k++) {
    const c = w.charCodeAt(k);
    if (c < 128) s += c >= 65 && c <= 90 ? 'X' : c >= 97 && c <= 122 ? 'x' : c >= 48 && c <= 57 ? 'd' : w[k]!;
    else {
      const ch = String.fromCodePoint(w.codePointAt(k)!);
      if (ch.length === 2) k++;
      s += /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    }
  }
  return s;
}

/**
 * The features whose value is a token's lower-cased text ("<s>", "</s>" beyond the letter), as slots
 * of FrozenIndex.packed (-1: no weight).
 */
interface WordIds {
  /** w, p2, p3, s2, s3 */
  w: number;
  p2: number;
  p3: number;
  s2: number;
  s3: number;
  /** This word as the value of w-1, w-2, w+1, w+2. */
  wm1: number;
  wm2: number;
  wp1: number;
  wp2: number;
  /** The pair templates with this word first: their ids by the second word. */
  wm1w: Ids1;
  wwp1: Ids1;
  wm2wm1: Ids1;
}

/** The same for a token's short shape. */
interface ShapeIds {
  sh: number;
  shm1: number;
  shp1: number;
  shm1sh: Ids1;
  shshp1: Ids1;
  shm1shshp1: Ids2;
}

/** What a token's features need of its text alone; one per distinct token text in a letter. */
interface TokenInfo {
  lower: string;
  short: string;
  /** The lower-cased text or the shape holds a "|" (the "|" token): compound features are then looked up whole. */
  pipe: boolean;
  /** Count of the ASCII digits; all of the text is ASCII digits. */
  digits: number;
  number: boolean;
  /** Holds a letter or a digit (a label word). */
  word: boolean;
  words: WordIds;
  shapes: ShapeIds;
  fs: number;
  len: number;
  /** Its class in the given-name lexicon ('' when none). */
  given: string;
}

/**
 * The names of a frozen space by template, then by value ("w-1|w=le|dossier": template "w-1|w", values
 * "le" and "dossier"), so that prediction builds no feature string; the ids of every word and shape of
 * the model are gathered once, so that a token costs one look-up of its word and one of its shape. A
 * compound name whose values hold a "|" of their own is only in the space's own map: the features of
 * such values are looked up there, whole (`whole`).
 */
class FrozenIndex {
  /** Size of the space when indexed: the index is rebuilt if the space grew since. */
  readonly size: number;
  private readonly one = new Map<string, Ids1>();
  private readonly two = new Map<string, Ids2>();
  private readonly three = new Map<string, Ids3>();
  private readonly words = new Map<string, WordIds>();
  private readonly shapes = new Map<string, ShapeIds>();
  readonly b: number;
  readonly nolab: number;
  readonly ckAt: number;
  private readonly w: Ids1;
  private readonly sh: Ids1;
  readonly fs: Ids1;
  private readonly p2: Ids1;
  private readonly p3: Ids1;
  private readonly s2: Ids1;
  private readonly s3: Ids1;
  private readonly wm1: Ids1;
  private readonly wm2: Ids1;
  private readonly wp1: Ids1;
  private readonly wp2: Ids1;
  private readonly wm1w: Ids2;
  private readonly wwp1: Ids2;
  private readonly wm2wm1: Ids2;
  private readonly shm1: Ids1;
  private readonly shp1: Ids1;
  private readonly shm1sh: Ids2;
  private readonly shshp1: Ids2;
  private readonly shm1shshp1: Ids3;
  readonly pb: Ids1;
  readonly pa: Ids1;
  readonly z: Ids1;
  readonly zsh: Ids2;
  readonly lf: Ids1;
  readonly plf: Ids1;
  readonly cks: Ids1;
  readonly lab1: Ids1;
  readonly lab: Ids1;
  readonly lab1sh: Ids2;
  readonly labw: Ids1;
  readonly h: Ids1;
  readonly hm1: Ids1;
  readonly hp1: Ids1;
  readonly hsh: Ids2;
  readonly hm1h: Ids2;
  readonly hhp1: Ids2;
  readonly hz: Ids2;
  readonly g: Ids1;
  readonly gsh: Ids2;
  readonly gm1: Ids1;
  readonly gp1: Ids1;
  /** Ids of the values of the bucketed templates, by bucket index. */
  readonly len: Int32Array;
  readonly pil: Int32Array;
  readonly col: Int32Array;
  readonly ind: Int32Array;
  readonly ln: Int32Array;
  readonly ckd: Int32Array;
  readonly labd: Int32Array;
  /** gap=0, 1, 2, wide. */
  readonly gap: Int32Array;
  /** run=0 … 30. */
  readonly run: Int32Array;
  /** ckp=F, L, M. */
  readonly ckp: Int32Array;
  /** pb= and pa= by character code (< 128; NL, SP included), -2 for "look it up". */
  readonly pbByCode: Int32Array;
  readonly paByCode: Int32Array;

  /**
   * The non-zero weights of the features, by slot: at a feature's slot s, packed[s] is the set of their
   * tags (bit t for tag t), then come their weights by increasing tag. The maps of the index give slots,
   * not feature ids.
   */
  readonly packed: Float64Array;
  /** Slot of each feature id; -1 for a feature without weights (that adds nothing to any score). */
  private readonly slotOf: Int32Array;

  constructor(
    readonly space: FeatureSpace,
    weights: Float64Array,
  ) {
    this.size = space.size;
    const limit = Math.min(space.size, weights.length / NT);
    this.slotOf = new Int32Array(space.size).fill(-1);
    let length = 0;
    for (let f = 0; f < limit; f++) {
      let c = 0;
      for (let t = 0; t < NT; t++) if (weights[f * NT + t] !== 0) c++;
      if (c > 0) {
        this.slotOf[f] = length;
        length += 1 + c;
      }
    }
    this.packed = new Float64Array(length);
    for (let f = 0; f < limit; f++) {
      let at = this.slotOf[f]!;
      if (at < 0) continue;
      const tagsAt = at++;
      let set = 0;
      for (let t = 0; t < NT; t++) {
        const x = weights[f * NT + t]!;
        if (x === 0) continue;
        this.packed[at++] = x;
        set |= 1 << t;
      }
      this.packed[tagsAt] = set;
    }
    space.names.forEach((name, f) => {
      const id = this.slotOf[f]!;
      if (id < 0) return;
      const eq = name.indexOf('=');
      if (eq < 0) return; // read from the space's map below
      const template = name.slice(0, eq);
      const value = name.slice(eq + 1);
      const parts = template.split('|').length;
      const cut = value.split('|');
      if (parts === 1) setIn(this.one, template, value, id);
      else if (parts === 2 && cut.length === 2) setIn(getOrAdd(this.two, template), cut[0]!, cut[1]!, id);
      else if (parts === 3 && cut.length === 3) setIn(getOrAdd(getOrAdd(this.three, template), cut[0]!), cut[1]!, cut[2]!, id);
    });
    const bare = (name: string): number => this.whole(name);
    const one = (t: string): Ids1 => this.one.get(t) ?? NO_IDS1;
    const two = (t: string): Ids2 => this.two.get(t) ?? NO_IDS2;
    const buckets = (t: string, limits: readonly number[]): Int32Array => {
      const m = one(t);
      return Int32Array.from([...limits.map(String), `>${limits[limits.length - 1]}`], (v) => m.get(v) ?? -1);
    };
    this.b = bare('b');
    this.nolab = bare('nolab');
    this.ckAt = bare('ck@');
    this.w = one('w');
    this.sh = one('sh');
    this.fs = one('fs');
    this.p2 = one('p2');
    this.p3 = one('p3');
    this.s2 = one('s2');
    this.s3 = one('s3');
    this.wm1 = one('w-1');
    this.wm2 = one('w-2');
    this.wp1 = one('w+1');
    this.wp2 = one('w+2');
    this.wm1w = two('w-1|w');
    this.wwp1 = two('w|w+1');
    this.wm2wm1 = two('w-2|w-1');
    this.shm1 = one('sh-1');
    this.shp1 = one('sh+1');
    this.shm1sh = two('sh-1|sh');
    this.shshp1 = two('sh|sh+1');
    this.shm1shshp1 = this.three.get('sh-1|sh|sh+1') ?? NO_IDS3;
    this.pb = one('pb');
    this.pa = one('pa');
    this.z = one('z');
    this.zsh = two('z|sh');
    this.lf = one('lf');
    this.plf = one('plf');
    this.cks = one('cks');
    this.lab1 = one('lab1');
    this.lab = one('lab');
    this.lab1sh = two('lab1|sh');
    this.labw = one('labw');
    this.h = one('h');
    this.hm1 = one('h-1');
    this.hp1 = one('h+1');
    this.hsh = two('h|sh');
    this.hm1h = two('h-1|h');
    this.hhp1 = two('h|h+1');
    this.hz = two('h|z');
    this.g = one('g');
    this.gsh = two('g|sh');
    this.gm1 = one('g-1');
    this.gp1 = one('g+1');
    this.len = buckets('len', LEN_LIMITS);
    this.pil = buckets('pil', PIL_LIMITS);
    this.col = buckets('col', COL_LIMITS);
    this.ind = buckets('ind', IND_LIMITS);
    this.ln = buckets('ln', LN_LIMITS);
    this.ckd = buckets('ckd', CKD_LIMITS);
    this.labd = buckets('labd', LABD_LIMITS);
    const gap = one('gap');
    this.gap = Int32Array.from(['0', '1', '2', 'wide'], (v) => gap.get(v) ?? -1);
    const run = one('run');
    this.run = Int32Array.from({ length: 31 }, (_, v) => run.get(String(v)) ?? -1);
    const ckp = one('ckp');
    this.ckp = Int32Array.from(['F', 'L', 'M'], (v) => ckp.get(v) ?? -1);
    const side = (m: Ids1): Int32Array =>
      Int32Array.from({ length: 128 }, (_, c) => {
        const ch = String.fromCharCode(c);
        return m.get(ch === '\n' ? 'NL' : ch === ' ' || ch === '\t' ? 'SP' : ch) ?? -1;
      });
    this.pbByCode = side(this.pb);
    this.paByCode = side(this.pa);
    // every word and shape of the model, with its ids
    for (const m of [this.w, this.wm1, this.wm2, this.wp1, this.wp2, this.wm1w, this.wwp1, this.wm2wm1])
      for (const word of m.keys()) if (!this.words.has(word)) this.words.set(word, this.wordIds(word));
    for (const m of [this.sh, this.shm1, this.shp1, this.shm1sh, this.shshp1, this.shm1shshp1])
      for (const shape of m.keys()) if (!this.shapes.has(shape)) this.shapes.set(shape, this.shapeIds(shape));
  }

  /** The id of a whole feature name (for values holding a "|"). */
  whole(name: string): number {
    const f = this.space.ids.get(name);
    return f === undefined ? -1 : this.slotOf[f]!;
  }

  /** Id of `template=a|b`, `m` being the template's map. */
  pair(template: string, m: Ids2, a: string, b: string): number {
    if (a.includes('|') || b.includes('|')) return this.whole(`${template}=${a}|${b}`);
    return m.get(a)?.get(b) ?? -1;
  }

  private wordIds(lower: string): WordIds {
    return {
      w: this.w.get(lower) ?? -1,
      p2: this.p2.get(lower.slice(0, 2)) ?? -1,
      p3: this.p3.get(lower.slice(0, 3)) ?? -1,
      s2: this.s2.get(lower.slice(-2)) ?? -1,
      s3: this.s3.get(lower.slice(-3)) ?? -1,
      wm1: this.wm1.get(lower) ?? -1,
      wm2: this.wm2.get(lower) ?? -1,
      wp1: this.wp1.get(lower) ?? -1,
      wp2: this.wp2.get(lower) ?? -1,
      wm1w: this.wm1w.get(lower) ?? NO_IDS1,
      wwp1: this.wwp1.get(lower) ?? NO_IDS1,
      wm2wm1: this.wm2wm1.get(lower) ?? NO_IDS1,
    };
  }

  private shapeIds(short: string): ShapeIds {
    return {
      sh: this.sh.get(short) ?? -1,
      shm1: this.shm1.get(short) ?? -1,
      shp1: this.shp1.get(short) ?? -1,
      shm1sh: this.shm1sh.get(short) ?? NO_IDS1,
      shshp1: this.shshp1.get(short) ?? NO_IDS1,
      shm1shshp1: this.shm1shshp1.get(short) ?? NO_IDS2,
    };
  }

  /** The ids of a token's text; `lower` and `short` may also be "<s>" or "</s>" (beyond the letter). */
  info(text: string, lower: string, short: string, full: string): TokenInfo {
    let digits = 0;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c >= 48 && c <= 57) digits++;
    }
    return {
      lower,
      short,
      pipe: lower.includes('|') || short.includes('|'),
      digits,
      number: digits > 0 && digits === text.length,
      word: /[\p{L}\p{N}]/u.test(text),
      words: this.words.get(lower) ?? this.wordIds(lower),
      shapes: this.shapes.get(short) ?? this.shapeIds(short),
      fs: this.fs.get(full) ?? -1,
      len: this.len[bucketIndex(text.length, LEN_LIMITS)]!,
      given: lower === '<s>' || lower === '</s>' ? '' : (givenName(lower) ?? ''),
    };
  }
}

function getOrAdd<V>(m: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = m.get(key);
  if (!inner) m.set(key, (inner = new Map()));
  return inner;
}

function setIn(m: Map<string, Ids1>, key: string, value: string, id: number): void {
  getOrAdd(m, key).set(value, id);
}

/**
 * emissions(encodeLetter(text, space, hints), weights) for a frozen space, through its index, bit for
 * bit: each tag's score sums the same non-zero weights in the same order (features in the order of
 * tokenFeatures, which each step below mirrors), without building feature strings. Leaving out the zero
 * weights changes no sum: a sum that starts at +0 is never -0, and x + 0 = x for any other x.
 */
function emissionsFrozen(text: string, index: FrozenIndex, hintSpans: readonly PersonalDataSpan[] | null): { tokens: Token[]; e: Float64Array } {
  const tokens = tokenize(text);
  const hints = hintSpans ? tagTokens(tokens, hintSpans) : null;
  const lines = lineInfos(text);
  const n = tokens.length;
  const byText = new Map<string, TokenInfo>();
  const infos: TokenInfo[] = new Array<TokenInfo>(n);
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!.text;
    let inf = byText.get(t);
    if (!inf) {
      const full = fastFullShape(t);
      inf = index.info(t, t.toLowerCase(), shortShape(full), full);
      byText.set(t, inf);
    }
    infos[i] = inf;
  }
  const start = index.info('', '<s>', '<s>', '');
  const end = index.info('', '</s>', '</s>', '');
  const at = (i: number): TokenInfo => (i < 0 ? start : i >= n ? end : infos[i]!);
  const hint = (i: number): string => (hints && i >= 0 && i < n ? TAGS[hints[i]!]! : 'O');
  // chunks, as in tokenFeatures, with the ids of their features
  const chunkOf = new Int32Array(n);
  const chunks: { first: number; last: number; at: boolean; digits: number; shape: string; cks: number; ckd: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 0 || tokens[i]!.start !== tokens[i - 1]!.end) chunks.push({ first: i, last: i, at: false, digits: 0, shape: '', cks: -1, ckd: -1 });
    const c = chunks[chunks.length - 1]!;
    c.last = i;
    if (tokens[i]!.text === '@') c.at = true;
    c.digits += infos[i]!.digits;
    if (c.shape.length < 12) c.shape += infos[i]!.short;
    chunkOf[i] = chunks.length - 1;
  }
  for (const c of chunks)
    if (c.first !== c.last) {
      c.cks = index.cks.get(c.shape) ?? -1;
      c.ckd = index.ckd[bucketIndex(c.digits, CKD_LIMITS)]!;
    }
  const runDigits = digitRuns(tokens, (i) => infos[i]!.number);
  const e = new Float64Array(n * NT);
  const packed = index.packed;
  let row = 0;
  /** Adds a feature's weights to the token's scores. */
  const ids = {
    push(slot: number): void {
      if (slot < 0) return;
      let j = slot + 1;
      for (let set = packed[slot]!; set !== 0; set &= set - 1) e[row + 31 - Math.clz32(set & -set)]! += packed[j++]!;
    },
  };
  let lineFirst = 0;
  let lastColon = -1;
  // the label before the colon, found again when the colon changes
  let labColon = -2;
  let last = '';
  let labIds: number[] = [];
  let lab1sh: Ids1 = NO_IDS1;
  // the line's features
  let li = lines[0]!;
  let zsh: Ids1 = NO_IDS1;
  let z = -1;
  let ind = -1;
  let ln = -1;
  let lf = -1;
  let plf = -1;
  for (let i = 0; i < n; i++) {
    row = i * NT;
    const tok = tokens[i]!;
    if (i === 0 || tokens[i - 1]!.line !== tok.line) {
      lineFirst = i;
      lastColon = -1;
      li = lines[tok.line]!;
      zsh = index.zsh.get(li.zone) ?? NO_IDS1;
      z = index.z.get(li.zone) ?? -1;
      ind = index.ind[bucketIndex(li.indent, IND_LIMITS)]!;
      ln = index.ln[bucketIndex(tok.line, LN_LIMITS)]!;
      lf = index.lf.get(li.first) ?? -1;
      plf = index.plf.get(tok.line > 0 ? lines[tok.line - 1]!.first || 'BLANK' : '<s>') ?? -1;
    }
    const col = tok.start - li.start;
    const posInLine = i - lineFirst;
    const before = tok.start > 0 ? text.charCodeAt(tok.start - 1) : 10;
    const after = tok.end < text.length ? text.charCodeAt(tok.end) : 10;
    let gap = 0;
    for (let k = tok.start - 1; k >= li.start; k--) {
      const c = text.charCodeAt(k);
      if (c === 32) gap += 1;
      else if (c === 9) gap += 4;
      else break;
    }
    const me = infos[i]!;
    const p1 = at(i - 1);
    const p2 = at(i - 2);
    const n1 = at(i + 1);
    const n2 = at(i + 2);
    const mw = me.words;
    const ms = me.shapes;
    ids.push(index.b);
    ids.push(mw.w);
    ids.push(ms.sh);
    ids.push(me.fs);
    ids.push(mw.p2);
    ids.push(mw.p3);
    ids.push(mw.s2);
    ids.push(mw.s3);
    ids.push(me.len);
    ids.push(p1.words.wm1);
    ids.push(p2.words.wm2);
    ids.push(n1.words.wp1);
    ids.push(n2.words.wp2);
    ids.push(p1.pipe || me.pipe ? index.whole(`w-1|w=${p1.lower}|${me.lower}`) : (p1.words.wm1w.get(me.lower) ?? -1));
    ids.push(me.pipe || n1.pipe ? index.whole(`w|w+1=${me.lower}|${n1.lower}`) : (mw.wwp1.get(n1.lower) ?? -1));
    ids.push(p2.pipe || p1.pipe ? index.whole(`w-2|w-1=${p2.lower}|${p1.lower}`) : (p2.words.wm2wm1.get(p1.lower) ?? -1));
    ids.push(p1.shapes.shm1);
    ids.push(n1.shapes.shp1);
    ids.push(p1.pipe || me.pipe ? index.whole(`sh-1|sh=${p1.short}|${me.short}`) : (p1.shapes.shm1sh.get(me.short) ?? -1));
    ids.push(me.pipe || n1.pipe ? index.whole(`sh|sh+1=${me.short}|${n1.short}`) : (ms.shshp1.get(n1.short) ?? -1));
    ids.push(p1.pipe || me.pipe || n1.pipe ? index.whole(`sh-1|sh|sh+1=${p1.short}|${me.short}|${n1.short}`) : (p1.shapes.shm1shshp1.get(me.short)?.get(n1.short) ?? -1));
    ids.push(before < 128 ? index.pbByCode[before]! : (index.pb.get(text[tok.start - 1]!) ?? -1));
    ids.push(after < 128 ? index.paByCode[after]! : (index.pa.get(text[tok.end]!) ?? -1));
    ids.push(index.gap[gap >= 3 ? 3 : gap]!);
    ids.push(index.pil[bucketIndex(posInLine, PIL_LIMITS)]!);
    ids.push(index.col[bucketIndex(col, COL_LIMITS)]!);
    ids.push(ind);
    ids.push(z);
    ids.push(me.pipe ? index.whole(`z|sh=${li.zone}|${me.short}`) : (zsh.get(me.short) ?? -1));
    ids.push(ln);
    ids.push(lf);
    ids.push(plf);
    const chunk = chunks[chunkOf[i]!]!;
    if (chunk.first !== chunk.last) {
      ids.push(chunk.cks);
      ids.push(chunk.ckd);
      ids.push(index.ckp[i === chunk.first ? 0 : i === chunk.last ? 1 : 2]!);
      if (chunk.at) ids.push(index.ckAt);
    }
    if (runDigits[i]) ids.push(index.run[Math.min(runDigits[i]!, 30)]!);
    if (lastColon >= 0) {
      if (labColon !== lastColon) {
        labColon = lastColon;
        const words: string[] = [];
        for (let k = lastColon - 1; k >= lineFirst && words.length < 3; k--) {
          const t = tokens[k]!;
          if (infos[k]!.word) words.unshift(infos[k]!.lower);
          else if (t.text !== '.' && t.text !== "'" && t.text !== '’' && t.text !== '°') break;
          if (k > lineFirst && t.start - tokens[k - 1]!.end >= 3) break;
        }
        last = words[words.length - 1] ?? '';
        labIds = [index.lab1.get(last) ?? -1, index.lab.get(words.join(' ')) ?? -1];
        for (const x of words) labIds.push(index.labw.get(x) ?? -1);
        lab1sh = index.lab1sh.get(last) ?? NO_IDS1;
      }
      ids.push(labIds[0]!);
      ids.push(labIds[1]!);
      ids.push(index.labd[bucketIndex(i - lastColon, LABD_LIMITS)]!);
      ids.push(last.includes('|') || me.pipe ? index.whole(`lab1|sh=${last}|${me.short}`) : (lab1sh.get(me.short) ?? -1));
      for (let k = 2; k < labIds.length; k++) ids.push(labIds[k]!);
    } else ids.push(index.nolab);
    if (hints) {
      const h = hint(i);
      const hm1 = hint(i - 1);
      const hp1 = hint(i + 1);
      ids.push(index.h.get(h) ?? -1);
      ids.push(index.hm1.get(hm1) ?? -1);
      ids.push(index.hp1.get(hp1) ?? -1);
      ids.push(index.pair('h|sh', index.hsh, h, me.short));
      ids.push(index.pair('h-1|h', index.hm1h, hm1, h));
      ids.push(index.pair('h|h+1', index.hhp1, h, hp1));
      ids.push(index.pair('h|z', index.hz, h, li.zone));
    }
    if (me.given) {
      ids.push(index.g.get(me.given) ?? -1);
      ids.push(index.pair('g|sh', index.gsh, me.given, me.short));
    }
    if (i > 0 && p1.given) ids.push(index.gm1.get(p1.given) ?? -1);
    if (i + 1 < n && n1.given) ids.push(index.gp1.get(n1.given) ?? -1);
    if (tok.text === ':') lastColon = i;
  }
  return { tokens, e };
}

// ---------------------------------------------------------------------------------------------
// Decoding and training

/** Emission scores, token by tag. */
function emissions(letter: EncodedLetter, weights: Float64Array): Float64Array {
  const n = letter.tokens.length;
  const e = new Float64Array(n * NT);
  const { offsets, feats } = letter;
  const limit = weights.length / NT;
  for (let i = 0; i < n; i++) {
    const row = i * NT;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const f = feats[k]!;
      if (f >= limit) continue;
      const base = f * NT;
      for (let t = 0; t < NT; t++) e[row + t]! += weights[base + t]!;
    }
  }
  return e;
}

/** The allowed previous tags of tag t (ascending): PREV[PREV_START[t] .. PREV_START[t + 1]). */
const PREV_START = new Int32Array(NT + 1);
const PREV: number[] = [];
for (let t = 0; t < NT; t++) {
  PREV_START[t] = PREV.length;
  for (let p = 0; p < NT; p++) if (ALLOWED[p * NT + t]) PREV.push(p);
}
PREV_START[NT] = PREV.length;
const PREV_TAGS = Int32Array.from(PREV);

/** Best tag sequence (Viterbi); `trans` is (NT + 1) x NT, row NT being the start. */
function viterbi(e: Float64Array, n: number, trans: Float64Array): Uint8Array {
  const tags = new Uint8Array(n);
  if (n === 0) return tags;
  const score = new Float64Array(n * NT);
  const back = new Uint8Array(n * NT);
  for (let t = 0; t < NT; t++) score[t] = ALLOWED[NT * NT + t] ? e[t]! + trans[NT * NT + t]! : -Infinity;
  for (let i = 1; i < n; i++) {
    const row = i * NT;
    const prev = row - NT;
    for (let t = 0; t < NT; t++) {
      let best = -Infinity;
      let arg = 0;
      // the allowed previous tags only, in increasing order as over all of them
      for (let q = PREV_START[t]!, qEnd = PREV_START[t + 1]!; q < qEnd; q++) {
        const p = PREV_TAGS[q]!;
        const s = score[prev + p]! + trans[p * NT + t]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[row + t] = best + e[row + t]!;
      back[row + t] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  for (let t = 0; t < NT; t++)
    if (score[(n - 1) * NT + t]! > best) {
      best = score[(n - 1) * NT + t]!;
      arg = t;
    }
  for (let i = n - 1; i >= 0; i--) {
    tags[i] = arg;
    arg = back[i * NT + arg]!;
  }
  return tags;
}

/** Spans from BIO tags, with the mean margin of their tags over O. */
function spansOf(tokens: readonly Token[], tags: Uint8Array, e: Float64Array): ScoredSpan[] {
  const out: ScoredSpan[] = [];
  let cur: ScoredSpan | null = null;
  let margin = 0;
  let count = 0;
  const close = (): void => {
    if (cur) {
      cur.score = margin / count;
      out.push(cur);
    }
    cur = null;
  };
  tokens.forEach((tok, i) => {
    const tag = tags[i]!;
    if (tag === 0 || !isInside(tag)) close();
    if (tag === 0) return;
    if (!cur) {
      cur = { start: tok.start, end: tok.end, type: typeOfTag(tag), score: 0 };
      margin = 0;
      count = 0;
    }
    cur.end = tok.end;
    margin += e[i * NT + tag]! - e[i * NT]!;
    count++;
  });
  close();
  return out;
}

export interface TrainOptions {
  /** Passes over the training letters (default 10). */
  epochs?: number;
  /** Seed of the shuffling of the letters between passes (default 1). */
  seed?: number;
}

export interface TaggerJSON {
  format: 'clarte-personal-data-tagger';
  version: 1;
  useHints: boolean;
  /** What the model was trained on, for the people who ship it. */
  source?: string;
  tags: string[];
  /** (tags + 1) x tags transition weights, the last row being the start of the letter. */
  transitions: number[];
  /** Feature name -> one weight per tag. */
  weights: Record<string, number[]>;
}

export class Tagger {
  /**
   * For predict, built at its first call: the space by template and value, with the non-zero weights
   * (a copy: a model's weights do not change once it is trained).
   */
  private index: FrozenIndex | undefined;

  constructor(
    readonly space: FeatureSpace,
    readonly weights: Float64Array,
    readonly transitions: Float64Array,
    /** True when the model reads the rule detector's output as features. */
    readonly useHints: boolean,
  ) {}

  /** Spans of an encoded letter (encoded with this model's space). */
  predictEncoded(letter: EncodedLetter): ScoredSpan[] {
    const e = emissions(letter, this.weights);
    return spansOf(letter.tokens, viterbi(e, letter.tokens.length, this.transitions), e);
  }

  /** Spans of personal data in a text; `hints` (the rule detector's spans) are required when the model uses them. */
  predict(text: string, hints: readonly PersonalDataSpan[] = []): ScoredSpan[] {
    // the same as predictEncoded(encodeLetter(text, space, …)) with the space frozen, without feature strings
    if (this.index?.size !== this.space.size) this.index = new FrozenIndex(this.space, this.weights);
    const { tokens, e } = emissionsFrozen(text, this.index, this.useHints ? hints : null);
    return spansOf(tokens, viterbi(e, tokens.length, this.transitions), e);
  }

  toJSON(): TaggerJSON {
    const weights: Record<string, number[]> = {};
    const round = (x: number): number => Math.round(x * 1e4) / 1e4;
    this.space.names.forEach((name, f) => {
      if (f * NT >= this.weights.length) return;
      const row = Array.from(this.weights.subarray(f * NT, f * NT + NT), round);
      if (row.some((x) => x !== 0)) weights[name] = row;
    });
    return { format: 'clarte-personal-data-tagger', version: 1, useHints: this.useHints, tags: [...TAGS], transitions: Array.from(this.transitions, round), weights };
  }

  static fromJSON(json: TaggerJSON): Tagger {
    if (json.format !== 'clarte-personal-data-tagger' || json.version !== 1) throw new Error('unknown tagger model format');
    if (json.tags.join() !== TAGS.join()) throw new Error('tagger model tags differ from this version');
    const space = new FeatureSpace();
    const names = Object.keys(json.weights);
    const weights = new Float64Array(names.length * NT);
    names.forEach((name, f) => {
      space.id(name);
      weights.set(json.weights[name]!, f * NT);
    });
    space.frozen = true;
    return new Tagger(space, weights, Float64Array.from(json.transitions), json.useHints);
  }
}

/**
 * Averaged structured perceptron over encoded letters (all encoded with `space`, with gold tags).
 * The letters are shuffled before each pass with a fixed seed: same input, same model.
 */
export function trainEncoded(letters: readonly EncodedLetter[], space: FeatureSpace, useHints: boolean, options: TrainOptions = {}): Tagger {
  const epochs = options.epochs ?? 10;
  const rand = mulberry32(options.seed ?? 1);
  const nf = space.size;
  const w = new Float64Array(nf * NT);
  // for the averaging: sum of (step x update), the average being w - u / steps
  const u = new Float64Array(nf * NT);
  const trans = new Float64Array((NT + 1) * NT);
  const ut = new Float64Array((NT + 1) * NT);
  let step = 1;
  const order = letters.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const idx of order) {
      const letter = letters[idx]!;
      const gold = letter.gold;
      if (!gold) throw new Error('training letters need gold tags');
      const n = letter.tokens.length;
      const pred = viterbi(emissions(letter, w), n, trans);
      for (let i = 0; i < n; i++) {
        const g = gold[i]!;
        const p = pred[i]!;
        const gp = i === 0 ? NT : gold[i - 1]!;
        const pp = i === 0 ? NT : pred[i - 1]!;
        if (g !== p) {
          for (let k = letter.offsets[i]!; k < letter.offsets[i + 1]!; k++) {
            const base = letter.feats[k]! * NT;
            w[base + g]! += 1;
            u[base + g]! += step;
            w[base + p]! -= 1;
            u[base + p]! -= step;
          }
        }
        if (g !== p || gp !== pp) {
          trans[gp * NT + g]! += 1;
          ut[gp * NT + g]! += step;
          trans[pp * NT + p]! -= 1;
          ut[pp * NT + p]! -= step;
        }
      }
      step++;
    }
  }
  for (let k = 0; k < w.length; k++) w[k] = w[k]! - u[k]! / step;
  for (let k = 0; k < trans.length; k++) trans[k] = trans[k]! - ut[k]! / step;
  return new Tagger(space, w, trans, useHints);
}

export interface TrainingExample {
  text: string;
  /** The gold spans. */
  spans: readonly PersonalDataSpan[];
  /** The rule detector's spans (used when training with hints). */
  hints?: readonly PersonalDataSpan[];
}

/** Trains a tagger from annotated texts; with `useHints`, each example's `hints` become features. */
export function trainTagger(examples: readonly TrainingExample[], options: TrainOptions & { useHints?: boolean } = {}): Tagger {
  const space = new FeatureSpace();
  const useHints = options.useHints ?? false;
  const letters = examples.map((x) => encodeLetter(x.text, space, useHints ? (x.hints ?? []) : null, x.spans));
  space.frozen = true;
  return trainEncoded(letters, space, useHints, options);
}
