/**
 * French verb morphology from the Lefff-derived tables generated at build time (dist/lexiques):
 * past participles → lemmas, and full conjugation tables loaded lazily for the few verbs that need them.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { LEXICONS_DIR } from '../paths.js';
import { generatedPath, SortedLines } from './sorted-lines.js';

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


let verbIndex: Record<string, [number, number]> | null = null;
const tableCache = new Map<string, VerbTable | null>();

let participleIndex: SortedLines | null = null;
let participleSupplement: Map<string, string[]> | null = null;
let finiteForms: SortedLines | null = null;

function loadSupplement(): Map<string, string[]> {
  const supplement = new Map<string, string[]>();
  const path = join(LEXICONS_DIR, 'participes-supplement.txt');
  if (existsSync(path)) {
    for (const line of readLines(path)) {
      const [form, lemma] = line.split('=').map((x) => x.trim());
      if (form && lemma) supplement.set(form, [...(supplement.get(form) ?? []), lemma]);
    }
  }
  return supplement;
}

/** Lemmas of a past participle form (any gender and number), or undefined: the Lefff index plus our supplement. */
export function participleLemmas(form: string): readonly string[] | undefined {
  participleIndex ??= new SortedLines('participes.lefff.tsv');
  participleSupplement ??= loadSupplement();
  const extra = participleSupplement.get(form);
  const found = participleIndex.find(`${form}\t`);
  if (found === undefined) return extra;
  const lemmas = found.split(',');
  return extra ? [...lemmas, ...extra] : lemmas;
}

/** True when the form is a conjugated verb (present, imperfect, future or conditional) in the Lefff. */
export function isFiniteVerbForm(form: string): boolean {
  finiteForms ??= new SortedLines('formes-conjuguees.lefff.txt');
  return finiteForms.has(form);
}

/** The conjugation table of a verb (infinitive), or undefined when the Lefff does not know it. */
export function verbTable(lemma: string): VerbTable | undefined {
  const cached = tableCache.get(lemma);
  if (cached !== undefined) return cached ?? undefined;
  verbIndex ??= JSON.parse(readFileSync(generatedPath('verbes.lefff.index.json'), 'utf8')) as Record<string, [number, number]>;
  const at = Object.hasOwn(verbIndex, lemma) ? verbIndex[lemma] : undefined;
  if (!at) {
    tableCache.set(lemma, null);
    return undefined;
  }
  const buf = Buffer.alloc(at[1]);
  const fd = openSync(generatedPath('verbes.lefff.tsv'), 'r');
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
