/**
 * `npm run bench`: measures Clarté's speed and memory on 1,000 generated letters against peers measured
 * in the same run (retext with readability/passive/simplify, and a bare loop of 50 regexes per sentence),
 * then the whole command (`clarte analyze --input-jsonl`) and one letter from the command line.
 * Prints medians and ratios in French, and writes the figures to dist/bench-results.json. No assertions.
 *
 * Every measurement that matters runs in its own child process (`node --expose-gc dist/scripts/bench.js
 * --child MODE FILE`), so that caches are cold where they should be and peak RSS belongs to one tool.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../src/paths.js';
import { countWords, generateCorpus, readJsonl, writeJsonl } from './bench-corpus.js';
import { fr, gc, machineFacts, maxRssMiB, median, ok, writeResults } from './bench-util.js';

const LETTERS = 1000;
const MEAN_WORDS = 350;
const SEED = 20260214;
const WARMUP_PASSES = 1;
const MEASURED_PASSES = 5;
const LOAD_RUNS = 5;
const CLI_JSONL_RUNS = 3;
const CLI_ONE_RUNS = 5;

const GOALS = {
  speedupVsRetext: 10,
  lettersPerSec: 1100,
  peakRssMiB: 80,
  cliShareOfRetext: 1 / 6,
  oneLetterSec: 0.3,
};

const SELF = fileURLToPath(import.meta.url);
const CLI = join(ROOT, 'dist', 'src', 'clarte.mjs');
/** The `clarte` command as installed (npm bin): a one-off analysis starts from the startup snapshot. */
const LAUNCHER = join(ROOT, 'dist', 'src', 'clarte');
const PEER_RETEXT = join(ROOT, 'dist', 'scripts', 'bench-peer-retext.js');
const RESULTS = join(ROOT, 'dist', 'bench-results.json');

// ---------------------------------------------------------------------------------------------------
// Shared helpers


/** What a child process prints (one JSON line on stdout). */
interface PassResult {
  tool: string;
  letters: number;
  /** Wall time of each measured pass, in milliseconds. */
  passesMs: number[];
  /** Findings (alerts, messages, matches) per pass: a sanity check that work was done. */
  findings: number;
  /** Peak resident set size of the child over its whole life, in MiB. */
  peakRssMiB: number;
  /** Milliseconds spent before the first pass (imports, rule loading). */
  setupMs: number;
  note?: string;
}

interface LoadResult {
  importMs: number;
  loadMs: number;
  activeRules: number;
  totalRules: number;
}

// ---------------------------------------------------------------------------------------------------
// Child processes

/** Runs warm-up and measured passes of `check` over every letter; returns the child's result. */
function runPasses(tool: string, file: string, setupStart: number, check: (text: string) => number, note?: string): PassResult {
  // Words are counted by the parent: counting here would add its own garbage to the child's peak RSS.
  const letters = readJsonl(file);
  const setupMs = performance.now() - setupStart;
  const passesMs: number[] = [];
  let findings = 0;
  for (let pass = 0; pass < WARMUP_PASSES + MEASURED_PASSES; pass++) {
    gc();
    let found = 0;
    const t0 = performance.now();
    for (const l of letters) found += check(l.text);
    const ms = performance.now() - t0;
    if (pass >= WARMUP_PASSES) passesMs.push(ms);
    findings = found;
  }
  const r: PassResult = { tool, letters: letters.length, passesMs, findings, peakRssMiB: maxRssMiB(), setupMs };
  if (note !== undefined) r.note = note;
  return r;
}

async function childLoad(): Promise<LoadResult> {
  const t0 = performance.now();
  const { RuleLibrary } = await import('../src/rules/load.js');
  const t1 = performance.now();
  const library = await RuleLibrary.load();
  const set = library.ruleSet('lettre');
  const t2 = performance.now();
  return { importMs: t1 - t0, loadMs: t2 - t1, activeRules: set.rules.length, totalRules: library.rules.size };
}

async function childClarte(file: string): Promise<PassResult> {
  const t0 = performance.now();
  const [{ analyse }, { RuleLibrary }] = await Promise.all([import('../src/analyse.js'), import('../src/rules/load.js')]);
  const library = await RuleLibrary.load();
  const set = library.ruleSet('lettre');
  return runPasses('clarte', file, t0, (text) => analyse({ text }, library).alerts.length, `${set.rules.length} règles actives sur ${library.rules.size}, profil lettre`);
}

async function childRetext(file: string): Promise<PassResult> {
  const t0 = performance.now();
  const { createRetextPeer } = await import('./bench-peer-retext.js');
  const check = createRetextPeer();
  return runPasses('retext', file, t0, (text) => check(text).length, 'retext 9 + readability + passive + simplify (processSync)');
}

/** A case-insensitive word-list pattern with Unicode-aware word edges (`\b` ignores accented letters). */
const wordRe = (source: string, flags = 'giu'): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, flags);

/** 50 fixed French patterns of the administrative style: a floor for "regex over sentences". */
const FIFTY_REGEXES: readonly RegExp[] = [
  'afin de', 'afin que', 'conformément à', 'nonobstant', 'ledit|ladite|lesdits|lesdites',
  'susmentionnée?s?', 'susvisée?s?', 'ci-(?:dessus|dessous|après|joint|jointe)', 'en vertu d(?:e|u|es)', 'il vous appartient de',
  'veuillez', 'dûment', 'préalablement', 'le cas échéant', 'à compter d(?:e|u)',
  'en application d(?:e|u|es)', 'dans le cadre d(?:e|u|es)', 'en l[\'’]absence d(?:e|u|es)', 'relati(?:f|ve|fs|ves) (?:à|aux?)', 'au titre d(?:e|u|es)',
  's[\'’]agissant d(?:e|u|es)', 'sous réserve d(?:e|u|es)', 'par conséquent', 'toutefois', 'néanmoins',
  'en outre', 'par ailleurs', 'compte tenu d(?:e|u|es)', 'eu égard (?:à|aux?)', 'aux fins d(?:e|u|es)',
  'à l[\'’]effet de', 'en vue d(?:e|u|es)', 's[\'’]av[èé]r(?:e|ent|er)', 'procéder à', 'effectu(?:er|é|ée|és|ées)',
  'être en mesure de', 'fai(?:re|t) l[\'’]objet d(?:e|u|es)', 'font l[\'’]objet d(?:e|u|es)', 's[\'’]il y a lieu', 'ne\\s+(?:\\S+\\s+){0,3}pas',
  '(?:est|sont|a été|ont été|sera|seront|serait|seraient)\\s+\\p{L}+(?:é|ée|és|ées|is|ise|ises|it|ite|its|ites|u|ue|us|ues)',
  'délai de (?:deux|2) mois', 'recours (?:gracieux|hiérarchique|contentieux)', 'tribunal administratif', 'je vous prie d[\'’]agréer',
  'l[\'’]expression de (?:mes|nos) (?:salutations|sentiments)', 'distingué(?:e|s|es)?', 'pièces? justificatives?',
]
  .map((source) => wordRe(source))
  .concat([wordRe('[A-Z]{2,}', 'gu'), wordRe('\\d{5,}', 'gu')]);

const SENTENCE_SPLIT = /(?<=[.!?…])\s+|\n\s*\n/u;

function regexLoop(text: string): number {
  let n = 0;
  for (const sentence of text.split(SENTENCE_SPLIT)) {
    for (const re of FIFTY_REGEXES) {
      re.lastIndex = 0;
      while (re.exec(sentence) !== null) n++;
    }
  }
  return n;
}

async function child(mode: string | undefined, file: string | undefined): Promise<void> {
  let result: PassResult | LoadResult;
  if (mode === 'load') result = await childLoad();
  else if (!file) throw new Error(`--child ${mode ?? ''}: missing FILE`);
  else if (mode === 'clarte') result = await childClarte(file);
  else if (mode === 'retext') result = await childRetext(file);
  else if (mode === 'harness') result = runPasses('harness', file, performance.now(), (text) => text.length, 'lecture du corpus seule, sans outil');
  else if (mode === 'regex') {
    if (FIFTY_REGEXES.length !== 50) throw new Error(`expected 50 regexes, got ${FIFTY_REGEXES.length}`);
    result = runPasses('regex', file, performance.now(), regexLoop, `${FIFTY_REGEXES.length} expressions régulières par phrase`);
  } else throw new Error(`unknown child mode: ${mode ?? ''}`);
  process.stdout.write(JSON.stringify(result) + '\n');
}

// ---------------------------------------------------------------------------------------------------
// Parent: orchestration and report

const sec = (ms: number): string => `${fr(ms / 1000, 3)} s`;

class ChildError extends Error {}

/** Runs this file as a child in a given mode and parses its JSON line. */
function spawnChild<T>(mode: string, file?: string): T {
  const args = ['--expose-gc', SELF, '--child', mode, ...(file ? [file] : [])];
  const p = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = p.stdout
    ?.split('\n')
    .filter((l) => l.startsWith('{'))
    .pop();
  if (p.status !== 0 || !line) throw new ChildError(`le processus enfant « ${mode} » a échoué (code ${p.status ?? p.signal}) :\n${(p.stderr ?? '').slice(-2000)}`);
  return JSON.parse(line) as T;
}

/** Wall time of one fresh process whose stdout goes to /dev/null. */
function timeCommand(args: string[]): { ms: number; status: number | null; stderr: string } {
  const t0 = performance.now();
  // The `clarte` launcher is run as users run it; anything else is a node script.
  const [command, rest] = args[0] === LAUNCHER ? [LAUNCHER, args.slice(1)] : [process.execPath, args];
  const p = spawnSync(command, rest, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  return { ms, status: p.status, stderr: p.stderr ?? '' };
}

function timeRuns(label: string, args: string[], runs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = timeCommand(args);
    if (r.status !== 0) {
      process.stdout.write(`  attention : ${label}, essai ${i + 1} : code de sortie ${r.status ?? 'signal'}\n${r.stderr.slice(-600)}\n`);
    }
    out.push(r.ms);
  }
  return out;
}

interface ToolFigures {
  lettersPerSec: number;
  wordsPerSec: number;
  medianPassMs: number;
  passesMs: number[];
  peakRssMiB: number;
  findingsPerLetter: number;
  setupMs: number;
  note?: string;
}

function figures(r: PassResult, words: number): ToolFigures {
  const ms = median(r.passesMs);
  const f: ToolFigures = {
    lettersPerSec: r.letters / (ms / 1000),
    wordsPerSec: words / (ms / 1000),
    medianPassMs: ms,
    passesMs: r.passesMs.map((x) => Math.round(x * 10) / 10),
    peakRssMiB: Math.round(r.peakRssMiB * 10) / 10,
    findingsPerLetter: r.findings / r.letters,
    setupMs: Math.round(r.setupMs),
  };
  if (r.note !== undefined) f.note = r.note;
  return f;
}

function printTool(label: string, f: ToolFigures): void {
  const w = (s: string): boolean => process.stdout.write(s + '\n');
  w(`  ${label}`);
  if (f.note) w(`    (${f.note})`);
  w(`    lettres/s (médiane)    : ${fr(f.lettersPerSec)}`);
  w(`    mots/s (médiane)       : ${fr(f.wordsPerSec)}`);
  w(`    passe médiane          : ${sec(f.medianPassMs)}  (passes : ${f.passesMs.map((x) => fr(x / 1000, 2)).join(' ; ')} s)`);
  w(`    mémoire (pic RSS)      : ${fr(f.peakRssMiB, 1)} Mio`);
  w(`    résultats par lettre   : ${fr(f.findingsPerLetter, 1)}`);
}

async function parent(): Promise<void> {
  const started = performance.now();
  const w = (s = ''): boolean => process.stdout.write(s + '\n');
  const now = new Date();
  const machine = machineFacts();

  w('Clarté — banc d’essai de performance');
  w('====================================');
  w(`Date        : ${now.toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' })}`);
  w(`Machine     : ${machine.cpu}, ${machine.cores} cœurs, ${fr(machine.memoryGiB, 1)} Gio de mémoire, ${machine.os}`);
  w(`Node.js     : ${machine.node}`);
  w(`Méthode     : médianes ; chaque outil dans son propre processus (node --expose-gc), ${WARMUP_PASSES} passe d’échauffement + ${MEASURED_PASSES} passes mesurées, un seul fil d’exécution JavaScript.`);
  w();

  // 1. Corpus
  const dir = mkdtempSync(join(tmpdir(), 'clarte-bench-'));
  try {
    const letters = generateCorpus(LETTERS, MEAN_WORDS, SEED);
    const file = join(dir, 'lettres.jsonl');
    writeJsonl(file, letters);
    const oneLetter = join(dir, 'lettre.txt');
    writeFileSync(oneLetter, letters[0]!.text);
    const wordsPer = letters.map((l) => countWords(l.text));
    const totalWords = wordsPer.reduce((a, b) => a + b, 0);
    const corpus = {
      letters: letters.length,
      totalWords,
      meanWords: totalWords / letters.length,
      minWords: Math.min(...wordsPer),
      maxWords: Math.max(...wordsPer),
      distinctTexts: new Set(letters.map((l) => l.text)).size,
      bytes: letters.reduce((n, l) => n + Buffer.byteLength(l.text, 'utf8'), 0),
      seed: SEED,
    };
    w('1. Corpus');
    w(`  ${fr(corpus.letters)} lettres générées (graine ${SEED}) à partir des paragraphes de corpora/lettres/*.txt`);
    w(`  ${fr(corpus.totalWords)} mots au total, ${fr(corpus.meanWords, 1)} mots par lettre en moyenne (de ${corpus.minWords} à ${corpus.maxWords}), ${fr(corpus.bytes / 1024 ** 2, 2)} Mio`);
    w(`  ${fr(corpus.distinctTexts)} textes distincts ; fichier JSON Lines temporaire : ${file}`);
    w();

    // 2. Rule-set load, cold
    w(`2. Chargement des règles (RuleLibrary.load() + ruleSet('lettre'), à froid, ${LOAD_RUNS} processus neufs)`);
    const loads: LoadResult[] = [];
    for (let i = 0; i < LOAD_RUNS; i++) loads.push(spawnChild<LoadResult>('load'));
    const load = {
      medianMs: median(loads.map((l) => l.loadMs)),
      runsMs: loads.map((l) => Math.round(l.loadMs * 10) / 10),
      importMedianMs: median(loads.map((l) => l.importMs)),
      activeRules: loads[0]!.activeRules,
      totalRules: loads[0]!.totalRules,
    };
    w(`  médiane : ${fr(load.medianMs, 1)} ms (essais : ${load.runsMs.map((x) => fr(x, 1)).join(' ; ')} ms)`);
    w(`  import des modules (en plus) : ${fr(load.importMedianMs, 1)} ms ; règles actives : ${load.activeRules} sur ${load.totalRules}`);
    w();

    // 2–3. In-process throughput and memory, each tool in its own child
    w(`3. Débit en processus, ${fr(corpus.letters)} lettres, toutes les règles actives`);
    const clarte = figures(spawnChild<PassResult>('clarte', file), totalWords);
    printTool('Clarté', clarte);
    const retext = figures(spawnChild<PassResult>('retext', file), totalWords);
    printTool('retext (pair de référence)', retext);
    const regex = figures(spawnChild<PassResult>('regex', file), totalWords);
    printTool('Boucle nue de 50 regex par phrase (plancher)', regex);
    const harness = figures(spawnChild<PassResult>('harness', file), totalWords);
    w(`  Harnais seul (même processus de mesure, lecture du corpus, sans outil) : pic RSS ${fr(harness.peakRssMiB, 1)} Mio`);
    const ratioRetext = clarte.lettersPerSec / retext.lettersPerSec;
    const ratioRegex = clarte.lettersPerSec / regex.lettersPerSec;
    w(`  Rapport Clarté / retext       : ${fr(ratioRetext, 2)} × (lettres/s)`);
    w(`  Rapport Clarté / boucle regex : ${fr(ratioRegex, 3)} × (lettres/s)`);
    w();

    // 4. Whole commands
    w(`4. Commandes complètes (temps écoulé, processus neuf à chaque essai, sortie vers /dev/null)`);
    const cliRuns = timeRuns('clarte analyze --input-jsonl', [LAUNCHER, 'analyze', '--input-jsonl', file, '--format', 'json'], CLI_JSONL_RUNS);
    const retextRuns = timeRuns('pair retext', [PEER_RETEXT, file], CLI_JSONL_RUNS);
    const oneRuns = timeRuns('clarte analyze lettre.txt', [LAUNCHER, 'analyze', oneLetter, '--format', 'json'], CLI_ONE_RUNS);
    const oneBundleRuns = timeRuns('node clarte.mjs analyze lettre.txt', [CLI, 'analyze', oneLetter, '--format', 'json'], CLI_ONE_RUNS);
    const nodeRuns = timeRuns('node à vide', ['-e', ''], CLI_ONE_RUNS);
    const cli = {
      nodeStartupMedianMs: median(nodeRuns),
      jsonlMedianMs: median(cliRuns),
      jsonlRunsMs: cliRuns.map((x) => Math.round(x)),
      retextMedianMs: median(retextRuns),
      retextRunsMs: retextRuns.map((x) => Math.round(x)),
      share: median(cliRuns) / median(retextRuns),
      oneLetterMedianMs: median(oneRuns),
      oneLetterRunsMs: oneRuns.map((x) => Math.round(x)),
      oneLetterBundleMedianMs: median(oneBundleRuns),
      oneLetterWords: wordsPer[0]!,
    };
    w(`  clarte analyze --input-jsonl (${fr(corpus.letters)} lettres, --format json) : ${sec(cli.jsonlMedianMs)} (médiane de ${CLI_JSONL_RUNS} ; essais : ${cliRuns.map((x) => fr(x / 1000, 2)).join(' ; ')} s)`);
    w(`  pair retext, processus complet (mêmes lettres, JSON par lettre)   : ${sec(cli.retextMedianMs)} (médiane de ${CLI_JSONL_RUNS} ; essais : ${retextRuns.map((x) => fr(x / 1000, 2)).join(' ; ')} s)`);
    w(`  Rapport Clarté / retext : ${fr(cli.share, 3)} (soit 1/${fr(1 / cli.share, 1)})`);
    w(`  clarte analyze lettre.txt --format json (une lettre, ${cli.oneLetterWords} mots) : ${sec(cli.oneLetterMedianMs)} (médiane de ${CLI_ONE_RUNS} ; essais : ${oneRuns.map((x) => fr(x / 1000, 3)).join(' ; ')} s)`);
    w(`  la même sans l'instantané de démarrage (node dist/src/clarte.mjs) : ${sec(cli.oneLetterBundleMedianMs)} (médiane de ${CLI_ONE_RUNS} ; essais : ${oneBundleRuns.map((x) => fr(x / 1000, 3)).join(' ; ')} s)`);
    w(`  pour comparaison, démarrage de Node.js à vide (node -e '') : ${sec(cli.nodeStartupMedianMs)} (médiane de ${CLI_ONE_RUNS})`);
    w();

    // 5. Summary
    const goals = {
      speedupVsRetext: { goal: `≥ ${GOALS.speedupVsRetext} ×`, value: ratioRetext, met: ratioRetext >= GOALS.speedupVsRetext },
      lettersPerSec: { goal: `≥ ${GOALS.lettersPerSec} lettres/s`, value: clarte.lettersPerSec, met: clarte.lettersPerSec >= GOALS.lettersPerSec },
      peakRssMiB: { goal: `≤ ${GOALS.peakRssMiB} Mio`, value: clarte.peakRssMiB, met: clarte.peakRssMiB <= GOALS.peakRssMiB },
      cliShareOfRetext: { goal: '≤ 1/6', value: cli.share, met: cli.share <= GOALS.cliShareOfRetext },
      oneLetterSec: { goal: `≤ ${fr(GOALS.oneLetterSec, 1)} s`, value: cli.oneLetterMedianMs / 1000, met: cli.oneLetterMedianMs / 1000 <= GOALS.oneLetterSec },
    };
    w('Résumé (objectifs du ticket)');
    w('----------------------------');
    const rows: [string, string, string, boolean][] = [
      ['Débit, rapport Clarté / retext', `${fr(ratioRetext, 1)} ×`, goals.speedupVsRetext.goal, goals.speedupVsRetext.met],
      ['Débit de Clarté, un cœur', `${fr(clarte.lettersPerSec)} lettres/s`, `≈ ${fr(GOALS.lettersPerSec)} lettres/s`, goals.lettersPerSec.met],
      ['Mémoire, pic RSS sur tout le dossier', `${fr(clarte.peakRssMiB, 1)} Mio`, goals.peakRssMiB.goal, goals.peakRssMiB.met],
      [`CLI ${fr(corpus.letters)} lettres, part du temps retext`, `1/${fr(1 / cli.share, 1)} (${fr(cli.jsonlMedianMs / 1000, 2)} s / ${fr(cli.retextMedianMs / 1000, 2)} s)`, goals.cliShareOfRetext.goal, goals.cliShareOfRetext.met],
      ['CLI, une lettre', sec(cli.oneLetterMedianMs), goals.oneLetterSec.goal, goals.oneLetterSec.met],
    ];
    const c1 = Math.max(...rows.map((r) => r[0].length));
    const c2 = Math.max(...rows.map((r) => r[1].length));
    const c3 = Math.max(...rows.map((r) => r[2].length));
    for (const [label, value, goal, met] of rows) w(`  ${label.padEnd(c1)}  ${value.padEnd(c2)}  objectif ${goal.padEnd(c3)}  ${ok(met)}`);
    w(`  Machine : ${machine.cpu}, ${machine.cores} cœurs, Node.js ${machine.node} ; ${now.toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' })}`);

    const results = {
      schema: 'clarte/bench@1',
      date: now.toISOString(),
      machine,
      method: { warmupPasses: WARMUP_PASSES, measuredPasses: MEASURED_PASSES, loadRuns: LOAD_RUNS, cliJsonlRuns: CLI_JSONL_RUNS, cliOneRuns: CLI_ONE_RUNS, statistic: 'median' },
      corpus: { ...corpus, meanWords: Math.round(corpus.meanWords * 10) / 10 },
      ruleLoad: { ...load, medianMs: Math.round(load.medianMs * 10) / 10, importMedianMs: Math.round(load.importMedianMs * 10) / 10 },
      inProcess: { clarte, retext, regex50: regex, harnessPeakRssMiB: harness.peakRssMiB, ratioClarteRetext: ratioRetext, ratioClarteRegex: ratioRegex },
      cli: { ...cli, nodeStartupMedianMs: Math.round(cli.nodeStartupMedianMs), jsonlMedianMs: Math.round(cli.jsonlMedianMs), retextMedianMs: Math.round(cli.retextMedianMs), oneLetterMedianMs: Math.round(cli.oneLetterMedianMs), oneLetterBundleMedianMs: Math.round(cli.oneLetterBundleMedianMs) },
      goals,
    };
    writeResults(RESULTS, results, started, w);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------

const argv = process.argv.slice(2);
try {
  if (argv[0] === '--child') await child(argv[1], argv[2]);
  else await parent();
} catch (e) {
  if (e instanceof ChildError) {
    process.stderr.write(`bench : ${e.message}\n`);
    process.exitCode = 1;
  } else throw e;
}
