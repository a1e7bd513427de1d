/** Word familiarity from a frequency-ranked list of French word forms (generated at build time). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_DIR } from '../paths.js';

let ranks: Map<string, number> | null = null;

/** Frequency rank (1 = most frequent) of each known form; forms outside the list are absent. */
export function frequencyRanks(): ReadonlyMap<string, number> {
  if (ranks) return ranks;
  const path = join(GENERATED_DIR, 'frequences.opensubtitles.txt');
  if (!existsSync(path)) throw new Error(`Lexique généré absent : ${path}. Lancez « npm run build ».`);
  const map = new Map<string, number>();
  let r = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    r++;
    if (!map.has(line)) map.set(line, r);
  }
  ranks = map;
  return map;
}
