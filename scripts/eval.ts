/**
 * `npm run eval -- [DIR]`: measures Clarté on the development data of ../shared/eval exactly as its
 * README and score.py define (through `clarte analyze --input-jsonl`, default profile), and prints one
 * JSON line per measure plus a French summary.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { labelAgreement } from './eval-labels.js';
import { evaluatePersonalData } from './eval-personal-data.js';
import { labelledSets, lexicalCrossValidation, typeExamples } from './type-training.js';
import { ROOT } from '../src/paths.js';
import { RuleLibrary } from '../src/rules/load.js';

const CLI = join(ROOT, 'dist', 'src', 'clarte.mjs');

interface MiniReport {
  id?: string;
  text?: string;
  sentences?: { start: number; end: number }[];
  alerts?: { category: string; start: number; end: number }[];
  score?: { value: number };
}

function loadJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** Runs the CLI on (id, text) items and returns the reports by id. */
export function runCli(items: [string, string][]): Map<string, MiniReport> {
  const dir = mkdtempSync(join(tmpdir(), 'clarte-eval-'));
  const file = join(dir, 'in.jsonl');
  writeFileSync(file, items.map(([id, text]) => JSON.stringify({ id, text })).join('\n') + '\n');
  const p = spawnSync(process.execPath, [CLI, 'analyze', '--input-jsonl', file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  rmSync(dir, { recursive: true, force: true });
  const out = new Map<string, MiniReport>();
  for (const line of p.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const r = JSON.parse(line) as MiniReport;
    if (r.id !== undefined) out.set(String(r.id), r);
  }
  if (out.size === 0) process.stderr.write(p.stderr.slice(-2000));
  return out;
}

function prf(tp: number, fp: number, fn: number) {
  const P = tp + fp ? tp / (tp + fp) : 0;
  const R = tp + fn ? tp / (tp + fn) : 0;
  return { P: +P.toFixed(4), R: +R.toFixed(4), F1: +(P + R ? (2 * P * R) / (P + R) : 0).toFixed(4) };
}

const overlaps = (a: [number, number], b: [number, number]): boolean => a[0] < b[1] && b[0] < a[1];

interface PassiveRow {
  text: string;
  passive_aux: boolean;
  passive_spans: { participle: [number, number] }[];
}

/** Passive voice at sentence and span level. */
export function evalPassive(path: string) {
  const rows = loadJsonl<PassiveRow>(path);
  const reps = runCli(rows.map((r, i) => [String(i), r.text]));
  let tp = 0, fp = 0, fn = 0, stp = 0, sfp = 0, sfn = 0, missing = 0;
  rows.forEach((r, i) => {
    const rep = reps.get(String(i));
    if (!rep) missing++;
    const pred = (rep?.alerts ?? []).filter((a) => a.category === 'passive-voice').map((a) => [a.start, a.end] as [number, number]);
    if (pred.length && r.passive_aux) tp++;
    else if (pred.length) fp++;
    else if (r.passive_aux) fn++;
    const parts = r.passive_spans.map((s) => [s.participle[0], s.participle[1]] as [number, number]);
    stp += parts.filter((g) => pred.some((p) => overlaps(g, p))).length;
    sfn += parts.filter((g) => !pred.some((p) => overlaps(g, p))).length;
    sfp += pred.filter((p) => !parts.some((g) => overlaps(g, p))).length;
  });
  const s = prf(tp, fp, fn);
  const sp = prf(stp, sfp, sfn);
  return { sentences: rows.length, missing_reports: missing, ...s, span_P: sp.P, span_R: sp.R, span_F1: sp.F1 };
}

interface SegRow {
  text: string;
  sentences: { start: number; end: number }[];
}

/** Sentence boundaries: end offsets of every sentence but the last, trailing white space removed. */
export function evalSegmentation(path: string) {
  const rows = loadJsonl<SegRow>(path);
  const reps = runCli(rows.map((r, i) => [String(i), r.text]));
  const ends = (text: string, spans: { start: number; end: number }[]): Set<number> => {
    const e = new Set<number>();
    for (const s of spans.slice(0, -1)) {
      let x = s.end;
      while (x > s.start && /\s/.test(text[x - 1]!)) x--;
      e.add(x);
    }
    return e;
  };
  let tp = 0, fp = 0, fn = 0, missing = 0;
  rows.forEach((r, i) => {
    const rep = reps.get(String(i));
    if (!rep) {
      missing++;
      return;
    }
    const g = ends(r.text, r.sentences);
    const p = ends(rep.text ?? r.text, rep.sentences ?? []);
    for (const x of p) {
      if (g.has(x)) tp++;
      else fp++;
    }
    for (const x of g) if (!p.has(x)) fn++;
  });
  return { documents: rows.length, missing_reports: missing, ...prf(tp, fp, fn) };
}

interface Passage {
  id: string;
  topic: string;
  label: 'simple' | 'complex';
  text: string;
}

/** Readability: AUC of score.value (simple above complex) and within-topic pair accuracy. */
export function evalReadability(path: string) {
  const rows = loadJsonl<Passage>(path);
  const reps = runCli(rows.map((r) => [r.id, r.text]));
  const score = (id: string): number | undefined => reps.get(id)?.score?.value;
  const pos: number[] = [];
  const neg: number[] = [];
  const byTopic = new Map<string, { simple: number[]; complex: number[] }>();
  for (const r of rows) {
    const s = score(r.id);
    if (s === undefined) continue;
    (r.label === 'simple' ? pos : neg).push(s);
    const t = byTopic.get(r.topic) ?? { simple: [], complex: [] };
    t[r.label].push(s);
    byTopic.set(r.topic, t);
  }
  const cmp = (a: number, b: number): number => (a > b ? 1 : a === b ? 0.5 : 0);
  let wins = 0;
  for (const a of pos) for (const b of neg) wins += cmp(a, b);
  let w = 0, n = 0;
  for (const t of byTopic.values()) for (const a of t.simple) for (const b of t.complex) {
    n++;
    w += cmp(a, b);
  }
  return { passages: rows.length, scored: pos.length + neg.length, AUC: +(wins / (pos.length * neg.length || 1)).toFixed(4), topic_pair_acc: +(n ? w / n : 0).toFixed(4) };
}

interface FixtureEntry {
  file: string;
  expect: string[];
}

/** Fixtures through the CLI: each must end, within the time limit, in one of its expected outcomes. */
export function evalFixtures(dir: string) {
  const manifest = JSON.parse(readFileSync(join(dir, 'MANIFEST.json'), 'utf8')) as FixtureEntry[];
  let ok = 0;
  const failures: string[] = [];
  for (const f of manifest) {
    const t0 = Date.now();
    const p = spawnSync(process.execPath, [CLI, 'analyze', join(dir, f.file), '--format', 'json'], { encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 28 });
    const code = p.status === 0 && p.stdout.includes('"schema":"clarte/report@1"') ? 'report' : /: ([A-Z_]+): /.exec(p.stderr)?.[1] ?? (p.signal ? 'TIMEOUT' : 'CRASH');
    if (f.expect.includes(code)) ok++;
    else failures.push(`${f.file}: ${code} (${Date.now() - t0} ms) ∉ ${f.expect.join('|')}`);
  }
  return { files: manifest.length, as_expected: ok, share: +(ok / manifest.length).toFixed(4), failures: failures.slice(0, 80) };
}

async function main(): Promise<void> {
  const base = resolve(process.argv[2] ?? join(ROOT, '..', 'shared', 'eval'));
  if (!existsSync(base)) {
    console.error(`Données d'évaluation absentes : ${base}`);
    process.exit(2);
  }
  const only = process.argv[3];
  const t0 = Date.now();
  const results: Record<string, unknown> = {};
  if (!only || only === 'passive') results.passive = evalPassive(join(base, 'ud', 'passive.jsonl'));
  if (!only || only === 'segmentation') results.segmentation = evalSegmentation(join(base, 'ud', 'segmentation.jsonl'));
  if (!only || only === 'readability') results.readability = evalReadability(join(base, 'readability', 'passages.jsonl'));
  if (!only || only === 'fixtures') results.fixtures = evalFixtures(join(base, 'fixtures'));
  if (!only || only === 'labels') results.labels = labelAgreement(await RuleLibrary.load());
  // Control sets are written without looking at the rules (corpora/jeux.json). Once measured and used
  // to improve the rules, a set becomes a development set and trains the lexical model of types.
  const sets = labelledSets();
  const named: [string, string][] = [
    ...sets.development.filter((f) => f !== 'lettres').map((f): [string, string] => [f.replace('controle', 'development'), f]),
    ['control', sets.control],
  ];
  for (const [name, folder] of named) {
    const dir = join(ROOT, 'corpora', folder);
    if ((!only || only === name || (only === 'control' && name.startsWith('development'))) && existsSync(join(dir, 'labels.jsonl'))) {
      results[name] = labelAgreement(await RuleLibrary.load(), dir);
    }
  }
  // Recourse paragraphs in many wordings, written blind (corpora/recours-variantes, -2…): each excerpt
  // checked with its type declared.
  for (const folder of readdirSync(join(ROOT, 'corpora')).filter((f) => f.startsWith('recours-variantes')).sort()) {
    const name = folder.replace('recours-variantes', 'recourse-variants');
    const dir = join(ROOT, 'corpora', folder);
    if ((!only || only === name) && existsSync(join(dir, 'labels.jsonl'))) {
      const { typeAccuracy: _t, typesSeen: _s, ...agreement } = labelAgreement(await RuleLibrary.load(), dir, { declaredTypes: true, mentions: ['recourse'] });
      results[name] = agreement;
    }
  }
  // Personal data (corpora/donnees-personnelles): each set as written, and as a DOCX comes out of our
  // readers (one paragraph per line); controle-* sets are written blind, dev* sets tune the detector.
  const pdRoot = join(ROOT, 'corpora', 'donnees-personnelles');
  if ((!only || only === 'personal-data') && existsSync(pdRoot)) {
    let warm = false; // the first set warms the compiler up for the others
    for (const folder of readdirSync(pdRoot, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
      for (const wordProcessor of [false, true]) {
        const e = await evaluatePersonalData(join(pdRoot, folder), { wordProcessor, warmUp: warm ? 200 : 3000 });
        warm = true;
        const perType = Object.fromEntries(Object.entries(e.perType).map(([t, f]) => [t, `${f.found}/${f.gold}`]));
        results[`personal-data-${folder}${wordProcessor ? '-docx' : ''}`] = {
          files: e.files,
          recall: +e.recall.toFixed(4),
          found: `${e.found}/${e.gold}`,
          falsePositiveRate: +e.falsePositiveRate.toFixed(4),
          falsePositives: `${e.falsePositives}/${e.detections}`,
          perType,
          meanMs: +e.meanMs.toFixed(3),
        };
      }
    }
  }
  if (!only || only === 'control' || only === 'types') results['types-lexical-leave-one-set-out'] = lexicalCrossValidation(typeExamples(sets.development));
  for (const [k, v] of Object.entries(results)) console.log(JSON.stringify({ measure: k, ...(v as object) }));
  console.error(`évaluation terminée en ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

await main();
