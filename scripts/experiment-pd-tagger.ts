/**
 * EXPERIMENT: would a learned tagger, alone or with the rules, generalise better than the rules alone?
 *
 * Leave-one-set-out cross-validation over the development sets of corpora/donnees-personnelles: for
 * each set S, the tagger (src/privacy/tagger.ts) is trained on the other sets and evaluated on S.
 * Systems compared:
 *   (a) rules alone (findPersonalData);
 *   (b) the tagger alone (no rule output among its features);
 *   (c) rules ∪ tagger (b): the tagger's spans that overlap no rule span are added to the rules';
 *   (d) the tagger with the rule output as features, its own decisions;
 *   (e) rules ∪ tagger (d), same union as (c).
 * Matching and figures are those of scripts/eval-personal-data.ts (parseAnnotated, matches).
 *
 * Caveat printed with the figures: the rules were tuned on every development set, the held-out one
 * included, so (a), (c), (d) and (e) are optimistic on a held-out set; (b) is not.
 *
 * With --historique, the rules are also taken as they were when each set was still blind: the
 * detector (src/privacy) of the commit before the set was added to the repository (git archive into
 * a temporary folder; dev and dev2 came with the detector, so they get the version blind to dev3).
 * Over dev3…dev11 this gives the true blind figures of the rules (A) and:
 *   (C) blind rules ∪ tagger (b);
 *   (D) the tagger trained with each training set's own blind rule output as features, read with
 *       the held-out set's blind rules (it learns how far rules can be trusted on unseen letters);
 *   (E) blind rules ∪ tagger (D);
 *   (F) the tagger (d), trained with today's rules as features, read with the blind rules: what
 *       training on the rules' in-sample output gives on new letters.
 *
 *   npx tsx scripts/experiment-pd-tagger.ts [--docx] [--epochs N] [--sets dev,dev2,…] [--historique]
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findPersonalData, type PersonalDataSpan, type PersonalDataType } from '../src/privacy/personal-data.js';
import { FeatureSpace, encodeLetter, trainEncoded, type EncodedLetter, type ScoredSpan } from '../src/privacy/tagger.js';
import { PERSONAL_DATA_TYPES, asWordProcessorText, matches, parseAnnotated } from './eval-personal-data.js';

export const ROOT = 'corpora/donnees-personnelles';
export const SETS = ['dev', 'dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7', 'dev8', 'dev9', 'dev10', 'dev11', 'dev12', 'dev13', 'dev14', 'dev15', 'dev16', 'dev17', 'dev18', 'dev19', 'dev20', 'dev21', 'dev22', 'dev23', 'dev24', 'dev25', 'dev26'];

/**
 * For each set, the last commit whose detector had never seen it (the commit before the set was added;
 * for dev12 and dev13, written while the set before was being tuned, the commit each was measured on).
 */
export const BLIND_DETECTOR: Record<string, string> = {
  dev3: '572571e688ea108d44e7db8a166e80d87bf961e1',
  dev4: '453982ac47ce4cb0510c5e687953fa92399396ff',
  dev5: '38e6207e16124760e58b970f51f54bb902bf329a',
  dev6: '9826a32012d73f85ced567ee971b1eb2c6dbfdbf',
  dev7: 'e496da1909cb449bb6265a13749f873f2cf17e3c',
  dev8: '2d2fbd4f90de79e4b15f589fc7926d4c39ad3801',
  dev9: '487b070dc35e0c39b9876a7bdc62c6da6f1c9665',
  dev10: 'e9083d30cbeff30c6a02cf20fa97ead8ace6ac65',
  dev11: 'ef0140c44d6e07a8ad5eff8716bb8e9f7ed467ac',
  dev12: '354a38198e9acf2a018c9e32e1d386e9afbf3a28',
  dev13: '28fa908f3f3872a0badbffdb633f9fe03587c996',
  dev14: '544835362b8d720620beddcbd048dae069ff516c',
  dev15: 'f441e041f8cb0bbf80a8cc4f9365a49406653204',
  dev16: '25f0bca220c7f6d5da915f50e01ddbecdeea1bc8',
  dev17: '85288974affbb8e72c63e4b372ad7944de0d6f70',
  dev18: '85288974affbb8e72c63e4b372ad7944de0d6f70',
  dev19: '85288974affbb8e72c63e4b372ad7944de0d6f70',
  dev20: 'c73fd2299ee8a08199a9b68991e3eeff302c090e',
  dev21: '66ddb9b18ae55be6932c98ce8f96bcbfb1d3150b',
  dev22: '2435e5aaa302e79c0ed03ad4705dacddba69f4e6',
  dev23: '95de4646a9fcfb891d81edef523f3b80d3597cab',
  dev24: '27f608e45ccf10298e993b1fafa1d03127983eb5',
  dev25: 'ba2d9eac12bb32f1ab02fe0f39c79c87acb21b43',
  dev26: 'b4986a886f2745661feabb89def1e64f023325f1',
};
const BLIND_SETS = Object.keys(BLIND_DETECTOR);
/** dev and dev2 were written with the detector: the version blind to dev3 stands for theirs. */
const blindDetectorOf = (set: string): string => BLIND_DETECTOR[set] ?? BLIND_DETECTOR.dev3!;

type Detector = (text: string) => PersonalDataSpan[];

/** The detector of an old commit, extracted with git archive into a temporary folder and imported. */
export async function historicalDetector(rev: string): Promise<Detector> {
  if (!/^[0-9a-f]{40}$/.test(rev)) throw new Error(`révision invalide : ${rev}`);
  const root = join(tmpdir(), 'clarte-pd-history-src');
  const dir = join(root, rev);
  if (!existsSync(join(dir, 'src/privacy/personal-data.ts'))) {
    await mkdir(dir, { recursive: true });
    const tar = execFileSync('git', ['archive', '--format=tar', rev, 'src'], { maxBuffer: 64 << 20 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
  }
  // the old detector resolves its packages (ibantools, libphonenumber-js) from ours
  if (!existsSync(join(root, 'node_modules'))) await symlink(resolve('node_modules'), join(root, 'node_modules'), 'dir');
  const mod = (await import(pathToFileURL(join(dir, 'src/privacy/personal-data.ts')).href)) as { findPersonalData: Detector };
  return mod.findPersonalData;
}

interface Letter {
  set: string;
  file: string;
  text: string;
  gold: PersonalDataSpan[];
  rules: PersonalDataSpan[];
  plain: EncodedLetter;
  hinted: EncodedLetter;
  /** With --historique: the output of the detector blind to the letter's set, and the letter encoded with it. */
  blindRules?: PersonalDataSpan[];
  blindHinted?: EncodedLetter;
}

/** Counts for one system on some letters. */
export interface Counts {
  gold: Record<PersonalDataType, number>;
  found: Record<PersonalDataType, number>;
  detections: Record<PersonalDataType, number>;
  falsePositives: Record<PersonalDataType, number>;
}

const zero = (): Record<PersonalDataType, number> => Object.fromEntries(PERSONAL_DATA_TYPES.map((t) => [t, 0])) as Record<PersonalDataType, number>;
export const emptyCounts = (): Counts => ({ gold: zero(), found: zero(), detections: zero(), falsePositives: zero() });
const overlaps = (a: PersonalDataSpan, b: PersonalDataSpan): boolean => Math.min(a.end, b.end) > Math.max(a.start, b.start);

/** Adds one letter's figures, with the rules of evaluatePersonalData (a detection overlapping no gold span is false). */
export function score(counts: Counts, gold: readonly PersonalDataSpan[], dets: readonly PersonalDataSpan[]): void {
  for (const g of gold) {
    counts.gold[g.type]++;
    if (dets.some((d) => matches(g, d))) counts.found[g.type]++;
  }
  for (const d of dets) {
    counts.detections[d.type]++;
    if (!gold.some((g) => overlaps(g, d))) counts.falsePositives[d.type]++;
  }
}

function add(into: Counts, from: Counts): void {
  for (const k of ['gold', 'found', 'detections', 'falsePositives'] as const) for (const t of PERSONAL_DATA_TYPES) into[k][t] += from[k][t];
}

const sum = (r: Record<PersonalDataType, number>): number => PERSONAL_DATA_TYPES.reduce((n, t) => n + r[t], 0);
const pct = (x: number): string => `${(100 * x).toFixed(1).replace('.', ',')} %`;

/** Rules' spans plus the tagger's spans that overlap none of them. */
export function union(rules: readonly PersonalDataSpan[], model: readonly PersonalDataSpan[]): PersonalDataSpan[] {
  const out = [...rules];
  for (const m of model) if (!rules.some((r) => overlaps(r, m))) out.push({ start: m.start, end: m.end, type: m.type });
  return out.sort((a, b) => a.start - b.start);
}

const SYSTEMS = ['a', 'b', 'c', 'd', 'e', 'A', 'C', 'D', 'E', 'F'] as const;
type System = (typeof SYSTEMS)[number];
const SYSTEM_NAMES: Record<System, string> = {
  a: '(a) règles seules',
  b: '(b) modèle seul',
  c: '(c) règles ∪ modèle (b)',
  d: '(d) modèle + sortie des règles',
  e: '(e) règles ∪ modèle (d)',
  A: '(A) règles à l’aveugle',
  C: '(C) règles aveugles ∪ modèle (b)',
  D: '(D) modèle + règles aveugles',
  E: '(E) règles aveugles ∪ modèle (D)',
  F: '(F) modèle (d) + règles aveugles',
};
const HISTORICAL: readonly System[] = ['A', 'C', 'D', 'E', 'F'];

async function loadSets(sets: readonly string[], wordProcessor: boolean, space: FeatureSpace, historical: boolean): Promise<Letter[]> {
  const out: Letter[] = [];
  const detectors = new Map<string, Detector>();
  for (const set of sets) {
    const rev = blindDetectorOf(set);
    if (historical && !detectors.has(rev)) detectors.set(rev, await historicalDetector(rev));
    const blind = historical ? detectors.get(rev)! : null;
    const dir = join(ROOT, set);
    const names = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort();
    for (const file of names) {
      const source = await readFile(join(dir, file), 'utf8');
      const { text, gold } = parseAnnotated(wordProcessor ? asWordProcessorText(source) : source);
      const rules = findPersonalData(text);
      const letter: Letter = { set, file, text, gold, rules, plain: encodeLetter(text, space, null, gold), hinted: encodeLetter(text, space, rules, gold) };
      if (blind) {
        letter.blindRules = blind(text);
        letter.blindHinted = encodeLetter(text, space, letter.blindRules, gold);
      }
      out.push(letter);
    }
  }
  return out;
}

function row(label: string, c: Counts): string {
  const gold = sum(c.gold);
  const found = sum(c.found);
  const dets = sum(c.detections);
  const fp = sum(c.falsePositives);
  return `${label.padEnd(34)}${pct(gold ? found / gold : 1).padStart(9)} (${String(found).padStart(4)}/${String(gold).padEnd(4)})${pct(dets ? fp / dets : 0).padStart(9)} (${String(fp).padStart(3)}/${String(dets).padEnd(4)})`;
}

function table(lines: string[], title: string, counts: Record<System, Counts>, systems: readonly System[]): void {
  lines.push(title);
  lines.push(`${'système'.padEnd(34)}${'rappel'.padStart(22)}${'faux positifs'.padStart(22)}`);
  for (const s of systems) lines.push(row(SYSTEM_NAMES[s], counts[s]));
  lines.push('');
}

function perTypeTable(lines: string[], title: string, counts: Record<System, Counts>, systems: readonly System[]): void {
  lines.push(title);
  lines.push(`${'type'.padEnd(16)}${'attendues'.padStart(10)}${systems.map((s) => `(${s}) rappel`.padStart(11) + 'FP'.padStart(5)).join('')}`);
  for (const t of PERSONAL_DATA_TYPES) {
    const g = counts[systems[0]!].gold[t];
    lines.push(`${t.padEnd(16)}${String(g).padStart(10)}${systems.map((s) => pct(g ? counts[s].found[t] / g : 1).padStart(11) + String(counts[s].falsePositives[t]).padStart(5)).join('')}`);
  }
  lines.push('');
}

const newCounts = (): Record<System, Counts> => Object.fromEntries(SYSTEMS.map((s) => [s, emptyCounts()])) as Record<System, Counts>;

/** Thresholds on the tagger's span score for a gated union (reported as a curve: chosen on no set). */
const GATES = [0, 150, 200, 250, 300, 400];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const wordProcessor = args.includes('--docx');
  const historical = args.includes('--historique');
  const epochsArg = args.indexOf('--epochs');
  const epochs = epochsArg >= 0 ? Number(args[epochsArg + 1]) : 10;
  const setsArg = args.indexOf('--sets');
  const sets = setsArg >= 0 ? args[setsArg + 1]!.split(',') : SETS;

  const space = new FeatureSpace();
  const t0 = performance.now();
  const letters = await loadSets(sets, wordProcessor, space, historical);
  const loadMs = performance.now() - t0;
  space.frozen = true;

  const perSet = new Map<string, Record<System, Counts>>();
  // gated unions: blind rules (or today's without --historique) ∪ tagger (b) spans scoring at least the gate
  const gated = new Map<string, Counts[]>();
  const trainMs: number[] = [];
  let predictMs = 0;
  let predicted = 0;
  for (const held of sets) {
    const train = letters.filter((l) => l.set !== held);
    const test = letters.filter((l) => l.set === held);
    const t1 = performance.now();
    const options = { epochs, seed: 1 };
    const plainModel = trainEncoded(
      train.map((l) => l.plain),
      space,
      false,
      options,
    );
    const hintModel = trainEncoded(
      train.map((l) => l.hinted),
      space,
      true,
      options,
    );
    const blindModel = historical
      ? trainEncoded(
          train.map((l) => l.blindHinted!),
          space,
          true,
          options,
        )
      : null;
    trainMs.push((performance.now() - t1) / (historical ? 3 : 2));
    const counts = newCounts();
    const gates = GATES.map(emptyCounts);
    for (const l of test) {
      const t2 = performance.now();
      const b: ScoredSpan[] = plainModel.predictEncoded(l.plain);
      predictMs += performance.now() - t2;
      predicted++;
      const d: ScoredSpan[] = hintModel.predictEncoded(l.hinted);
      score(counts.a, l.gold, l.rules);
      score(counts.b, l.gold, b);
      score(counts.c, l.gold, union(l.rules, b));
      score(counts.d, l.gold, d);
      score(counts.e, l.gold, union(l.rules, d));
      const base = blindModel && BLIND_DETECTOR[held] ? l.blindRules! : l.rules;
      GATES.forEach((g, k) =>
        score(
          gates[k]!,
          l.gold,
          union(
            base,
            b.filter((x) => x.score >= g),
          ),
        ),
      );
      if (blindModel && BLIND_DETECTOR[held]) {
        const D = blindModel.predictEncoded(l.blindHinted!);
        const F = hintModel.predictEncoded(l.blindHinted!);
        score(counts.A, l.gold, l.blindRules!);
        score(counts.C, l.gold, union(l.blindRules!, b));
        score(counts.D, l.gold, D);
        score(counts.E, l.gold, union(l.blindRules!, D));
        score(counts.F, l.gold, F);
      }
    }
    perSet.set(held, counts);
    gated.set(held, gates);
    process.stderr.write(`  ${held} : ${((performance.now() - t1) / 1000).toFixed(1)} s\n`);
  }

  const lines: string[] = [];
  lines.push(`Données personnelles — validation croisée « un jeu laissé de côté » (${letters.length} courriers, ${sets.length} jeux${wordProcessor ? ', mis en page comme un DOCX' : ', texte brut'}, ${epochs} passes)`);
  lines.push('Attention : les règles actuelles ont été mises au point sur tous ces jeux, jeu laissé de côté compris ; (a), (c), (d), (e) y sont donc optimistes.');
  if (historical) lines.push('(A) à (F) : règles telles qu’elles étaient quand le jeu était encore inédit (dev3 à dev11 seulement).');
  lines.push('');
  const current: System[] = ['a', 'b', 'c', 'd', 'e'];
  const shown = (set: string): System[] => (historical && BLIND_DETECTOR[set] ? [...current, ...HISTORICAL] : current);
  const pooled = newCounts();
  const pooledBlind = newCounts();
  const late = newCounts();
  const latest = ['dev7', 'dev8', 'dev9', 'dev10', 'dev11'];
  for (const held of sets) {
    const c = perSet.get(held)!;
    table(lines, `Jeu ${held}`, c, shown(held));
    for (const s of SYSTEMS) {
      add(pooled[s], c[s]);
      if (BLIND_DETECTOR[held]) add(pooledBlind[s], c[s]);
      if (latest.includes(held)) add(late[s], c[s]);
    }
  }
  table(lines, 'Tous les jeux réunis', pooled, current);
  if (historical) table(lines, 'Jeux dev3 à dev11 réunis', pooledBlind, [...current, ...HISTORICAL]);
  table(lines, 'Jeux dev7 à dev11 réunis (les plus récents, écrits à l’aveugle)', late, historical ? [...current, ...HISTORICAL] : current);
  perTypeTable(lines, 'Rappel par type, tous les jeux réunis', pooled, current);
  if (historical) perTypeTable(lines, 'Rappel par type, jeux dev3 à dev11 réunis, règles à l’aveugle', pooledBlind, HISTORICAL);

  lines.push(`Union filtrée : ${historical ? 'règles à l’aveugle' : 'règles'} ∪ spans du modèle (b) de score ≥ seuil (courbe, seuil choisi sur aucun jeu)`);
  lines.push(`${'seuil'.padEnd(8)}${'jeux'.padEnd(14)}${'rappel'.padStart(22)}${'faux positifs'.padStart(22)}`);
  const groups: [string, string[]][] = historical ? [['dev3-dev11', BLIND_SETS.filter((x) => sets.includes(x))], ['dev7-dev11', latest.filter((x) => sets.includes(x))]] : [['tous', sets], ['dev7-dev11', latest.filter((x) => sets.includes(x))]];
  // a blind set given with --sets (controle-*) gets its own curve: nothing was tuned on it
  for (const s of sets.filter((x) => x.startsWith('controle-'))) groups.push([s, [s]]);
  GATES.forEach((g, k) => {
    for (const [name, members] of groups) {
      const c = emptyCounts();
      for (const m of members) add(c, gated.get(m)![k]!);
      lines.push(`${String(g).padEnd(8)}${name.padEnd(14)}${row("", c).slice(34)}`);
    }
  });
  lines.push('');
  const meanTrain = trainMs.reduce((a, b) => a + b, 0) / Math.max(1, trainMs.length);
  lines.push(`Lecture et encodage : ${(loadMs / 1000).toFixed(1).replace('.', ',')} s (règles comprises) ; ${space.size} traits`);
  lines.push(`Entraînement moyen d’un modèle (${Math.round(letters.length * (1 - 1 / sets.length))} courriers environ, ${epochs} passes) : ${(meanTrain / 1000).toFixed(1).replace('.', ',')} s`);
  lines.push(`Prédiction moyenne par courrier, modèle (b) (décodage, encodage non compris) : ${(predictMs / Math.max(1, predicted)).toFixed(2).replace('.', ',')} ms`);
  console.log(lines.join('\n'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(`Expérience impossible : ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
