/**
 * French verb morphology from the Lefff-derived tables generated at build time (dist/lexiques):
 * past participles → lemmas, and full conjugation tables loaded lazily for the few verbs that need them.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_DIR, LEXICONS_DIR } from '../paths.js';

/** Tense keys of the Lefff tables, in the column order of verbes.lefff.tsv. */
export const TENSES = ['P', 'S', 'Y', 'I', 'G', 'K', 'J', 'T', 'F', 'C', 'W'] as const;
/** A tense key: P présent, S subjonctif, Y impératif, I imparfait, G participe présent, K participe passé,
 * J passé simple, T subjonctif imparfait, F futur, C conditionnel, W infinitif. */
export type Tense = (typeof TENSES)[number];

/** The conjugation table of one verb. */
export type VerbTable = Readonly<Record<Tense, readonly string[]>>;

/** A conjugated form located in its table. */
export interface FormSlot {
  lemma: string;
  tense: Tense;
  index: number;
}

function readLines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0 && !l.startsWith('#'));
}

function requireGenerated(name: string): string {
  const p = join(GENERATED_DIR, name);
  if (!existsSync(p)) throw new Error(`Lexique généré absent : ${p}. Lancez « npm run build ».`);
  return p;
}

let verbIndex: Record<string, [number, number]> | null = null;
const tableCache = new Map<string, VerbTable | null>();

interface ParticipleIndex {
  /** The sorted participle file ("forme\tlemme,lemme" lines) and where each line starts. */
  text: string;
  starts: Int32Array;
  supplement: Map<string, string[]>;
}

let participleIndex: ParticipleIndex | null = null;

function loadParticiples(): ParticipleIndex {
  const raw = readFileSync(requireGenerated('participes.lefff.tsv'), 'utf8');
  // Skip the comment header; the rest is sorted by code units (build-data.ts).
  let from = 0;
  while (raw.startsWith('#', from)) from = raw.indexOf('\n', from) + 1;
  const text = raw.slice(from);
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  const starts = new Int32Array(n);
  let k = 0;
  starts[k++] = 0;
  for (let i = text.indexOf('\n'); i !== -1 && k < n; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
  const supplement = new Map<string, string[]>();
  const path = join(LEXICONS_DIR, 'participes-supplement.txt');
  if (existsSync(path)) {
    for (const line of readLines(path)) {
      const [form, lemma] = line.split('=').map((x) => x.trim());
      if (form && lemma) supplement.set(form, [...(supplement.get(form) ?? []), lemma]);
    }
  }
  return { text, starts, supplement };
}

/** Compares `key` with the text at `pos` (code units), as strings compare. */
function compareAt(text: string, pos: number, key: string): number {
  for (let i = 0; i < key.length; i++) {
    const a = text.charCodeAt(pos + i);
    const b = key.charCodeAt(i);
    if (Number.isNaN(a)) return -1;
    if (a !== b) return a - b;
  }
  return 0;
}

/**
 * Lemmas of a past participle form (any gender and number), or undefined: a binary search in the
 * sorted Lefff-derived file kept as one string (no per-form objects), plus our supplement.
 */
export function participleLemmas(form: string): readonly string[] | undefined {
  participleIndex ??= loadParticiples();
  const { text, starts, supplement } = participleIndex;
  const extra = supplement.get(form);
  const key = `${form}\t`;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareAt(text, starts[mid]!, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  if (lo < starts.length && compareAt(text, starts[lo]!, key) === 0) {
    const start = starts[lo]! + key.length;
    const end = text.indexOf('\n', start);
    const lemmas = text.slice(start, end === -1 ? text.length : end).split(',');
    return extra ? [...lemmas, ...extra] : lemmas;
  }
  return extra;
}

/** The conjugation table of a verb (infinitive), or undefined when the Lefff does not know it. */
export function verbTable(lemma: string): VerbTable | undefined {
  const cached = tableCache.get(lemma);
  if (cached !== undefined) return cached ?? undefined;
  verbIndex ??= JSON.parse(readFileSync(requireGenerated('verbes.lefff.index.json'), 'utf8')) as Record<string, [number, number]>;
  const at = Object.hasOwn(verbIndex, lemma) ? verbIndex[lemma] : undefined;
  if (!at) {
    tableCache.set(lemma, null);
    return undefined;
  }
  const buf = Buffer.alloc(at[1]);
  const fd = openSync(requireGenerated('verbes.lefff.tsv'), 'r');
  try {
    readSync(fd, buf, 0, at[1], at[0]);
  } finally {
    closeSync(fd);
  }
  const line = buf.toString('utf8');
  const cols = line.split('\t').slice(1);
  const table = {} as Record<Tense, string[]>;
  TENSES.forEach((t, i) => {
    table[t] = (cols[i] ?? '').split(',');
  });
  tableCache.set(lemma, table);
  return table;
}

/** Every conjugated form of a verb with its slot (several slots may share a form). */
export function formsOf(lemma: string): FormSlot[] {
  const table = verbTable(lemma);
  if (!table) return [];
  const out: FormSlot[] = [];
  for (const tense of TENSES) {
    table[tense].forEach((form, index) => {
      if (form) out.push({ lemma, tense, index });
    });
  }
  return out;
}

/** The form of a verb in a given slot, or undefined. */
export function conjugate(lemma: string, tense: Tense, index: number): string | undefined {
  const f = verbTable(lemma)?.[tense][index];
  return f ? f : undefined;
}
