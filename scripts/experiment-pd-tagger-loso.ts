/**
 * EXPERIMENT: how well the personal-data tagger generalises to a set it was not trained on, with the rules as they
 * were when that set was still blind. For each held set S (default dev12…, those with a blind detector), the tagger
 * (no rule output among its features, as shipped) is trained on every other development set and read on S:
 *   b: the tagger alone;  A: the blind rules alone;  C: blind rules ∪ the tagger's spans of score ≥ the gate.
 * Matching and figures are those of scripts/eval-personal-data.ts; the blind detectors are those of
 * scripts/experiment-pd-tagger.ts (git archive of the commit, imported from a temporary folder).
 *
 *   npx tsx scripts/experiment-pd-tagger-loso.ts [dev12,dev13,…] [--gate 150]
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type PersonalDataSpan } from '../src/privacy/personal-data.js';
import { TAGGER_GATE } from '../src/privacy/second-opinion.js';
import { FeatureSpace, encodeLetter, trainEncoded, type EncodedLetter } from '../src/privacy/tagger.js';
import { parseAnnotated } from './eval-personal-data.js';
import { BLIND_DETECTOR, ROOT, SETS, emptyCounts, historicalDetector, score, union, type Counts } from './experiment-pd-tagger.js';

const args = process.argv.slice(2);
const gateAt = args.indexOf('--gate');
const gate = gateAt >= 0 ? Number(args[gateAt + 1]) : TAGGER_GATE;
const listed = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--gate');
const held = listed ? listed.split(',') : SETS.filter((s) => Number(s.slice(3)) >= 12 && BLIND_DETECTOR[s]);

const space = new FeatureSpace();
const letters: { set: string; gold: PersonalDataSpan[]; encoded: EncodedLetter; blind: PersonalDataSpan[] | null }[] = [];
for (const set of SETS) {
  const blind = held.includes(set) ? await historicalDetector(BLIND_DETECTOR[set]!) : null;
  const dir = join(ROOT, set);
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort()) {
    const { text, gold } = parseAnnotated(await readFile(join(dir, file), 'utf8'));
    letters.push({ set, gold, encoded: encodeLetter(text, space, null, gold), blind: blind ? blind(text) : null });
  }
}
space.frozen = true;

const total = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);
const pct = (x: number): string => `${(100 * x).toFixed(1).replace('.', ',')} %`;
const line = (c: Counts): string => `${pct(total(c.found) / total(c.gold))} (${total(c.found)}/${total(c.gold)}), faux positifs ${pct(total(c.falsePositives) / total(c.detections))}`;
const all = { b: emptyCounts(), A: emptyCounts(), C: emptyCounts() };
for (const h of held) {
  const model = trainEncoded(
    letters.filter((l) => l.set !== h).map((l) => l.encoded),
    space,
    false,
    { epochs: 10, seed: 1 },
  );
  const one = { b: emptyCounts(), A: emptyCounts(), C: emptyCounts() };
  for (const l of letters.filter((x) => x.set === h)) {
    const b = model.predictEncoded(l.encoded);
    const runs: [keyof typeof one, PersonalDataSpan[]][] = [
      ['b', b],
      ['A', l.blind!],
      ['C', union(l.blind!, b.filter((x) => x.score >= gate))],
    ];
    for (const [k, spans] of runs) {
      score(one[k], l.gold, spans);
      score(all[k], l.gold, spans);
    }
  }
  console.log(`${h.padEnd(6)} étiqueteur seul ${line(one.b)} | règles à l'aveugle ${line(one.A)} | règles ∪ étiqueteur (≥ ${gate}) ${line(one.C)}`);
}
console.log(`réunis étiqueteur seul ${line(all.b)} | règles à l'aveugle ${line(all.A)} | règles ∪ étiqueteur (≥ ${gate}) ${line(all.C)}`);
