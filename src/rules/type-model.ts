/**
 * The lexical part of the document-type classifier: a multinomial logistic regression over the set
 * of words a letter uses (lower case, digits folded to 0), trained on the letters the team labelled
 * (corpora/, development sets of corpora/jeux.json) by `npm run train:types`, and shipped as data
 * (rules/types/modele-lexical.tsv: one weight per word and type, readable and reviewable).
 *
 * Why: hand-written signals catch the wordings someone thought of; on letters written by others they
 * classified 73 % right, the lexical model alone 75 %, and the two together 86 % (chronological
 * measure over control sets 2–10, each classified by the signals of its time and a model trained on
 * the sets before it; README.md). Their errors differ: the signals know negation and conditions, the
 * words know a letter's whole vocabulary.
 */
import { DOCUMENT_TYPES, type Span } from '../model.js';
import { lowerSameLength } from '../analysis/normalize.js';

export type DocumentTypeId = (typeof DOCUMENT_TYPES)[number];

/** File name of the model in a rules folder's `types/` (an organisation's file replaces ours). */
export const TYPE_MODEL_FILE = 'modele-lexical.tsv';

/** Training settings (kept with the model file's header so that a reader knows how it was made). */
export const TRAINING = { epochs: 30, rate: 0.5, l2: 0.01, minLetters: 2, seed: 1 } as const;

/** Below this many known words, the text says too little for the lexical model: the signals decide alone. */
export const MIN_KNOWN_WORDS = 20;

const WORD = /[a-zà-öø-ÿœæ]+|\d+/gu;

/** The distinct features of a text (word → offset of its first occurrence). */
export function typeFeatures(text: string): Map<string, number> {
  const lower = lowerSameLength(text);
  const out = new Map<string, number>();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lower); m; m = WORD.exec(lower)) {
    const w = m[0].charCodeAt(0) < 58 ? m[0].replace(/\d/g, '0') : m[0];
    if (!out.has(w)) out.set(w, m.index);
  }
  return out;
}

/** A trained model: per type a bias, and per word one weight per type (in the order of `types`). */
export interface TypeModelData {
  types: DocumentTypeId[];
  bias: number[];
  weights: Map<string, number[]>;
}

/** A deterministic pseudo-random generator (mulberry32), so that training gives the same file everywhere. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function softmax(z: number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/**
 * Trains the model by stochastic gradient descent with L2 decay. Words seen in fewer than
 * `minLetters` letters are left out (they name a place or a person, not a type); each letter's
 * contribution is scaled by 1/√(its number of words) so that long letters do not weigh more.
 */
export function trainTypeModel(examples: readonly { text: string; type: DocumentTypeId }[], settings = TRAINING): TypeModelData {
  const types = [...DOCUMENT_TYPES].sort();
  const seen = new Map<string, number>();
  const sets = examples.map((e) => [...typeFeatures(e.text).keys()]);
  for (const s of sets) for (const w of s) seen.set(w, (seen.get(w) ?? 0) + 1);
  const vocab = [...seen].filter(([, n]) => n >= settings.minLetters).map(([w]) => w).sort();
  const index = new Map(vocab.map((w, i) => [w, i]));
  const rows = sets.map((s, i) => ({ x: s.flatMap((w) => index.get(w) ?? []), y: types.indexOf(examples[i]!.type) }));
  const W = types.map(() => new Float64Array(vocab.length));
  const bias = types.map(() => 0);
  const order = rows.map((_, i) => i);
  const next = random(settings.seed);
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const r of order) {
      const { x, y } = rows[r]!;
      const scale = 1 / Math.sqrt(Math.max(1, x.length));
      const p = softmax(types.map((_, c) => bias[c]! + scale * x.reduce((s, f) => s + W[c]![f]!, 0)));
      for (let c = 0; c < types.length; c++) {
        const g = p[c]! - (c === y ? 1 : 0);
        bias[c]! -= settings.rate * g;
        const row = W[c]!;
        for (const f of x) row[f]! -= settings.rate * (g * scale + settings.l2 * row[f]!);
      }
    }
  }
  const weights = new Map<string, number[]>();
  vocab.forEach((w, f) => weights.set(w, types.map((_, c) => W[c]![f]!)));
  return { types, bias, weights };
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

/** What the lexical model says of a text. */
export interface LexicalReading {
  /** Probability of each type. */
  probabilities: Partial<Record<DocumentTypeId, number>>;
  /** Words of the text that the model knows. */
  known: number;
  /** The words that weigh most for a type, as spans of their first occurrence. */
  evidence(type: DocumentTypeId, n: number): Span[];
}

/** A loaded model, ready to read texts. */
export class TypeModel {
  constructor(private readonly data: TypeModelData) {}

  read(text: string): LexicalReading {
    const { types, bias, weights } = this.data;
    const found: [string, number, number[]][] = [];
    for (const [w, at] of typeFeatures(text)) {
      const ws = weights.get(w);
      if (ws) found.push([w, at, ws]);
    }
    const scale = 1 / Math.sqrt(Math.max(1, found.length));
    const z = bias.slice();
    for (const [, , ws] of found) for (let c = 0; c < z.length; c++) z[c]! += scale * ws[c]!;
    const p = softmax(z);
    const probabilities: Partial<Record<DocumentTypeId, number>> = {};
    types.forEach((t, c) => (probabilities[t] = p[c]!));
    return {
      probabilities,
      known: found.length,
      evidence: (type, n) => {
        const c = types.indexOf(type);
        if (c < 0) return [];
        return found
          .filter(([, , ws]) => ws[c]! > 0)
          .sort((a, b) => b[2][c]! - a[2][c]! || a[1] - b[1])
          .slice(0, n)
          .map(([w, at]) => ({ start: at, end: at + w.length }));
      },
    };
  }
}
