/** Word familiarity from a frequency-ranked list of French word forms (generated at build time). */
import { SortedLines } from './sorted-lines.js';

let ranks: SortedLines | null = null;

/** Frequency rank (1 = most frequent) of a form as written in the list, or undefined when it is not there. */
export function frequencyRank(form: string): number | undefined {
  ranks ??= new SortedLines('frequences.rangs.tsv');
  const r = ranks.find(`${form}\t`);
  return r === undefined ? undefined : Number(r);
}
