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
 * The feature strings of each token. `hints`: tags of the rule detector's spans (see tagTokens), or
 * null for a model without them.
 */
function tokenFeatures(text: string, tokens: readonly Token[], hints: Uint8Array | null): string[][] {
  const lines = lineInfos(text);
  const lower = tokens.map((t) => t.text.toLowerCase());
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
  // runs of digit groups separated by a blank, a dot or a dash ("06 12 34 56 78", "1 78 02 59 350 217 49"): their digit count
  const runDigits = new Int32Array(n);
  for (let i = 0; i < n; ) {
    if (!/^\d+$/.test(tokens[i]!.text)) {
      i++;
      continue;
    }
    let j = i;
    let digits = tokens[i]!.text.length;
    for (;;) {
      const k = j + 1;
      const sep = k < n && /^[.\-/]$/.test(tokens[k]!.text) && tokens[k]!.start === tokens[j]!.end ? k : -1;
      const next = sep >= 0 ? sep + 1 : k;
      if (next >= n || !/^\d+$/.test(tokens[next]!.text) || tokens[next]!.line !== tokens[j]!.line) break;
      if (tokens[next]!.start - tokens[sep >= 0 ? sep : j]!.end > 1) break;
      digits += tokens[next]!.text.length;
      j = next;
    }
    for (let k = i; k <= j; k++) runDigits[k] = digits;
    i = j + 1;
  }
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
      for (let p = 0; p < NT; p++) {
        if (!ALLOWED[p * NT + t]) continue;
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
function spansOf(letter: EncodedLetter, tags: Uint8Array, e: Float64Array): ScoredSpan[] {
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
  letter.tokens.forEach((tok, i) => {
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
    return spansOf(letter, viterbi(e, letter.tokens.length, this.transitions), e);
  }

  /** Spans of personal data in a text; `hints` (the rule detector's spans) are required when the model uses them. */
  predict(text: string, hints: readonly PersonalDataSpan[] = []): ScoredSpan[] {
    const frozen = this.space.frozen;
    this.space.frozen = true;
    try {
      return this.predictEncoded(encodeLetter(text, this.space, this.useHints ? hints : null));
    } finally {
      this.space.frozen = frozen;
    }
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
