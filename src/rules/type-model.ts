/**
 * The lexical part of the document-type classifier: a multinomial logistic regression over the set
 * of words a letter uses (lower case, digits folded to 0), trained on the letters the team labelled
 * (corpora/, development sets of corpora/jeux.json) by `npm run train:types`, and shipped as data
 * (rules/types/modele-lexical.tsv: one weight per word and type, readable and reviewable).
 *
 * Why: hand-written signals catch the wordings someone thought of; on letters written by others they
 * classified 75 % right, the lexical model alone 86 %, the two together 89 % (chronological measure
 * over control sets 2–16, each classified by the signals of its time and a model trained on the sets
 * before it: `npm run eval:types-history`; README.md). Their errors differ: the signals know negation
 * and conditions, the words know a letter's whole vocabulary.
 */
import { DOCUMENT_TYPES, type Span } from '../model.js';
import { lowerCached } from '../analysis/normalize.js';

export type DocumentTypeId = (typeof DOCUMENT_TYPES)[number];

/** File name of the model in a rules folder's `types/` (an organisation's file replaces ours). */
export const TYPE_MODEL_FILE = 'modele-lexical.tsv';

/** Training settings (written in the model file's header so that a reader knows how it was made). */
export interface TrainingSettings {
  iterations: number;
  rate: number;
  momentum: number;
  l2: number;
  minLetters: number;
  /** Weigh each letter by the inverse frequency of its type, so that frequent types do not dominate. */
  balanced?: boolean;
}
export const TRAINING: TrainingSettings = { iterations: 500, rate: 1, momentum: 0.9, l2: 0.0001, minLetters: 2, balanced: true };

/** Below this many known words, the text says too little for the lexical model: the signals decide alone. */
export const MIN_KNOWN_WORDS = 20;

/** A letter of the model's words, in lower case: a-z, à-ÿ but ÷, œ. */
const isWordLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 0xe0 && c <= 0xff && c !== 0xf7) || c === 0x153;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const ZEROS = Array.from({ length: 16 }, (_, n) => '0'.repeat(n));

/** The distinct features of a text (word → offset of its first occurrence). */
export function typeFeatures(text: string): Map<string, number> {
  const out = new Map<string, number>();
  eachWord(text, (w, at) => {
    if (!out.has(w)) out.set(w, at);
  });
  return out;
}

/**
 * Visits every word of a text as the model reads it, with its offset: runs of lower-case letters, and
 * runs of digits folded to zeros. (Read by hand: a regex's match arrays were a seventh of what an
 * analysis allocated.)
 */
function eachWord(text: string, visit: (word: string, at: number) => void): void {
  // The lower case the rule patterns search (computed once per text); apostrophes are no word letters.
  const lower = lowerCached(text);
  const n = lower.length;
  let i = 0;
  while (i < n) {
    const c = lower.charCodeAt(i);
    let j = i + 1;
    if (isWordLetter(c)) {
      while (j < n && isWordLetter(lower.charCodeAt(j))) j++;
      visit(lower.slice(i, j), i);
    } else if (isDigit(c)) {
      while (j < n && isDigit(lower.charCodeAt(j))) j++;
      visit(ZEROS[j - i] ?? '0'.repeat(j - i), i);
    }
    i = j;
  }
}

/** A trained model: per type a bias, and per word one weight per type (in the order of `types`). */
export interface TypeModelData {
  types: DocumentTypeId[];
  bias: number[];
  weights: Map<string, number[]>;
}

function softmax(z: number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/**
 * Trains the model by full-batch gradient descent with momentum on the mean cross-entropy plus a
 * small L2 penalty: deterministic and independent of the order of the letters (stochastic descent
 * gave a leave-one-set-out accuracy that moved by ±4 points with the shuffling seed). Words seen in
 * fewer than `minLetters` letters are left out (they name a place or a person, not a type); each
 * letter's words are scaled by 1/√(their number) so that long letters do not weigh more. Settings
 * chosen on the leave-one-set-out accuracy (README.md).
 */
export function trainTypeModel(examples: readonly { text: string; type: DocumentTypeId }[], settings: TrainingSettings = TRAINING): TypeModelData {
  const types = [...DOCUMENT_TYPES].sort();
  const seen = new Map<string, number>();
  const sets = examples.map((e) => [...typeFeatures(e.text).keys()]);
  for (const s of sets) for (const w of s) seen.set(w, (seen.get(w) ?? 0) + 1);
  const vocab = [...seen].filter(([, n]) => n >= settings.minLetters).map(([w]) => w).sort();
  const index = new Map(vocab.map((w, i) => [w, i]));
  const rows = sets.map((s, i) => ({ x: s.flatMap((w) => index.get(w) ?? []), y: types.indexOf(examples[i]!.type) }));
  const K = types.length;
  const perType = types.map((_, c) => rows.filter((r) => r.y === c).length);
  const present = perType.filter((n) => n > 0).length;
  const weightOf = (y: number): number => (settings.balanced ? rows.length / (present * perType[y]!) : 1);
  const n = Math.max(1, rows.length);
  const W = types.map(() => new Float64Array(vocab.length));
  const bias = new Float64Array(K);
  const velocityW = types.map(() => new Float64Array(vocab.length));
  const velocityB = new Float64Array(K);
  const gradW = types.map(() => new Float64Array(vocab.length));
  const gradB = new Float64Array(K);
  for (let it = 0; it < settings.iterations; it++) {
    for (let c = 0; c < K; c++) gradW[c]!.fill(0);
    gradB.fill(0);
    for (const { x, y } of rows) {
      const scale = 1 / Math.sqrt(Math.max(1, x.length));
      const p = softmax(types.map((_, c) => bias[c]! + scale * x.reduce((s, f) => s + W[c]![f]!, 0)));
      for (let c = 0; c < K; c++) {
        const g = ((p[c]! - (c === y ? 1 : 0)) * weightOf(y)) / n;
        gradB[c]! += g;
        const row = gradW[c]!;
        for (const f of x) row[f]! += g * scale;
      }
    }
    for (let c = 0; c < K; c++) {
      velocityB[c] = settings.momentum * velocityB[c]! - settings.rate * gradB[c]!;
      bias[c]! += velocityB[c]!;
      const w = W[c]!;
      const v = velocityW[c]!;
      const g = gradW[c]!;
      for (let f = 0; f < w.length; f++) {
        v[f] = settings.momentum * v[f]! - settings.rate * (g[f]! + settings.l2 * w[f]!);
        w[f]! += v[f]!;
      }
    }
  }
  const weights = new Map<string, number[]>();
  vocab.forEach((w, f) => weights.set(w, types.map((_, c) => W[c]![f]!)));
  return { types, bias: [...bias], weights };
}

const r4 = (v: number): string => String(Math.round(v * 10000) / 10000);

/** The model as the data file: a commented header, the column line, the bias line, one line per word. */
export function formatTypeModel(m: TypeModelData, header: string[]): string {
  const lines = header.map((h) => `# ${h}`);
  lines.push(['mot', ...m.types].join('\t'), ['(biais)', ...m.bias.map(r4)].join('\t'));
  for (const [w, ws] of [...m.weights].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    // Words whose weights round to nothing carry no information: left out of the file.
    if (ws.every((v) => Math.abs(v) < 0.00005)) continue;
    lines.push([w, ...ws.map(r4)].join('\t'));
  }
  return lines.join('\n') + '\n';
}

/** Reads a model file; throws a French message naming the file and the line on any defect. */
export function parseTypeModel(text: string, file: string): TypeModelData {
  const lines = text.split('\n');
  let types: DocumentTypeId[] | undefined;
  let bias: number[] | undefined;
  const weights = new Map<string, number[]>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (!line.trim() || line.startsWith('#')) continue;
    const cells = line.split('\t');
    const where = `${file}, ligne ${i + 1}`;
    if (!types) {
      if (cells[0] !== 'mot') throw new Error(`${where} : la première ligne de données doit être « mot » suivi des types`);
      const named = cells.slice(1);
      const unknown = named.find((t) => !(DOCUMENT_TYPES as readonly string[]).includes(t));
      if (unknown !== undefined || named.length === 0 || new Set(named).size !== named.length) {
        throw new Error(`${where} : types invalides (${unknown ?? named.join(', ')}) ; attendus : ${DOCUMENT_TYPES.join(', ')}`);
      }
      types = named as DocumentTypeId[];
      continue;
    }
    const values = cells.slice(1).map(Number);
    if (values.length !== types.length || values.some((v) => !Number.isFinite(v))) {
      throw new Error(`${where} : ${types.length} nombres attendus après « ${cells[0]} »`);
    }
    if (!bias) {
      if (cells[0] !== '(biais)') throw new Error(`${where} : la deuxième ligne de données doit être « (biais) »`);
      bias = values;
      continue;
    }
    weights.set(cells[0]!, values);
  }
  if (!types || !bias) throw new Error(`${file} : modèle vide (lignes « mot » et « (biais) » attendues)`);
  return { types, bias, weights };
}

/** The model as it is read and cached (JSON: parsed natively, faster than the data file at start-up). */
export interface SerializedTypeModel {
  types: DocumentTypeId[];
  bias: number[];
  words: string[];
  /** One row of weights per word, in the order of `words`. */
  weights: number[];
}

export function serializeTypeModel(m: TypeModelData): SerializedTypeModel {
  return { types: m.types, bias: m.bias, words: [...m.weights.keys()], weights: [...m.weights.values()].flat() };
}

/** What the lexical model says of a text. */
export interface LexicalReading {
  /** Probability of each type. */
  probabilities: Partial<Record<DocumentTypeId, number>>;
  /** The most probable type. */
  best: DocumentTypeId;
  /** Words of the text that the model knows. */
  known: number;
  /** The words that weigh most for a type, as spans of their first occurrence. */
  evidence(type: DocumentTypeId, n: number): Span[];
}

/** A loaded model, ready to read texts: one row of weights per word, in one flat array (`serializeTypeModel`). */
export class TypeModel {
  private readonly rows = new Map<string, number>();
  private readonly flat: Float64Array;
  private readonly k: number;
  private marks?: Uint32Array;
  private readings = 0;

  constructor(private readonly data: SerializedTypeModel) {
    this.k = data.types.length;
    this.flat = Float64Array.from(data.weights);
    data.words.forEach((w, r) => this.rows.set(w, r));
  }

  read(text: string): LexicalReading {
    const { types, bias } = this.data;
    const { k, flat, rows } = this;
    // The distinct known words (as typeFeatures reads them) and where each first occurs. A word counts
    // once: its row is marked with this reading's number.
    const mark = (this.marks ??= new Uint32Array(rows.size));
    const reading = ++this.readings;
    const known: number[] = [];
    const at: number[] = [];
    eachWord(text, (w, index) => {
      const r = rows.get(w);
      if (r === undefined || mark[r] === reading) return;
      mark[r] = reading;
      known.push(r);
      at.push(index, index + w.length);
    });
    const scale = 1 / Math.sqrt(Math.max(1, known.length));
    const z = bias.slice();
    for (const r of known) for (let c = 0; c < k; c++) z[c]! += scale * flat[r * k + c]!;
    const p = softmax(z);
    const probabilities: Partial<Record<DocumentTypeId, number>> = {};
    types.forEach((t, c) => (probabilities[t] = p[c]!));
    return {
      probabilities,
      best: types[p.indexOf(Math.max(...p))]!,
      known: known.length,
      evidence: (type, n) => {
        const c = types.indexOf(type);
        if (c < 0) return [];
        // The n heaviest positive words, kept in a small sorted list (no sort of every word).
        const best: { weight: number; i: number }[] = [];
        known.forEach((r, i) => {
          const weight = flat[r * k + c]!;
          if (weight <= 0 || (best.length === n && weight <= best[n - 1]!.weight)) return;
          let j = best.length;
          while (j > 0 && best[j - 1]!.weight < weight) j--;
          best.splice(j, 0, { weight, i });
          if (best.length > n) best.pop();
        });
        return best.map(({ i }) => ({ start: at[2 * i]!, end: at[2 * i + 1]! }));
      },
    };
  }
}
