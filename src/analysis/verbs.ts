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

let participleIndex: Map<string, readonly string[]> | null = null;
let verbIndex: Record<string, [number, number]> | null = null;
const tableCache = new Map<string, VerbTable | null>();

/** Past participle forms (all genders and numbers) → their lemmas; Lefff plus our supplement. */
export function participles(): ReadonlyMap<string, readonly string[]> {
  if (participleIndex) return participleIndex;
  const map = new Map<string, readonly string[]>();
  for (const line of readLines(requireGenerated('participes.lefff.tsv'))) {
    const tab = line.indexOf('\t');
    map.set(line.slice(0, tab), line.slice(tab + 1).split(','));
  }
  const supplement = join(LEXICONS_DIR, 'participes-supplement.txt');
  if (existsSync(supplement)) {
    for (const line of readLines(supplement)) {
      const [form, lemma] = line.split('=').map((x) => x.trim());
      if (form && lemma) map.set(form, [...(map.get(form) ?? []), lemma]);
    }
  }
  participleIndex = map;
  return map;
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
