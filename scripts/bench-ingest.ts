/**
 * `node --expose-gc dist/scripts/bench-ingest.js`: measures document ingestion.
 *
 * 1. Extraction speed and memory of Clarté's path (a started IngestPool of one worker, `pool.extract()`
 *    with the hand-off to the worker included) against bare libraries on the main thread (pdf.js text
 *    items, mammoth raw text, a regex over the ODT's content.xml), on generated letters of 2 and 50 pages.
 * 2. The two PDF engines (unpdf, pdf-parse): cold time and memory on every PDF of the evaluation
 *    fixtures, outcomes against the manifest, warm speed per page, and a text-quality checklist.
 * 3. A soak of the real HTTP server: 200 uploads of the fixtures, 4 at a time, while /health is polled
 *    and the server's RSS is sampled.
 *
 * Prints French lines with medians and ratios and writes the figures to dist/bench-ingest-results.json.
 * No assertions. As in scripts/bench.ts, every measurement that matters runs in its own child process
 * (`node --expose-gc dist/scripts/bench-ingest.js --child MODE ARGS…`): caches are cold where they should
 * be, peak RSS belongs to one measurement, and the two PDF engines (two different pdf.js builds, which
 * cannot share a process) never meet.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';
import yauzl from 'yauzl';
import { ingestLimits, loadConfig } from '../src/config.js';
import { isAppError } from '../src/errors.js';
import { polyfillTransfer } from '../src/ingest/pdf/polyfill.js';
import { isFurniture, PDF_ENGINES, type Block, type PdfEngineName } from '../src/ingest/types.js';
import { ROOT } from '../src/paths.js';
import { countWords } from './bench-corpus.js';
import { FOOTER_TEXT, HEADER_TEXT, LIST_ITEMS, makeLetterDocx, makeLetterOdt, makeLetterPdf, REJECTED_SENTENCE } from './documents.js';
import { fr, gc, machineFacts, maxRssMiB, median, ok, writeResults } from './bench-util.js';

// ---------------------------------------------------------------------------------------------------
// Settings

/** Extraction runs per child: warm-up runs are not measured. */
const WARMUP_RUNS = 1;
const MEASURED_RUNS = 7;
/** The overhead ratio: both paths timed alternately in one process. */
const PAIRED_WARMUP = 3;
const PAIRED_RUNS = 11;
/** Warm engine comparison on the 50-page PDF. */
const ENGINE_WARM_RUNS = 5;
/** Words of one "equivalent page" for formats without pages (DOCX, ODT). */
const WORDS_PER_PAGE = 350;
/** Generated letters: pages of the PDFs, body paragraphs (about 74 words each) of the DOCX and ODT. */
const SMALL_PAGES = 2;
const LARGE_PAGES = 50;
// Calibrated on scripts/documents.ts: 4 paragraphs ≈ 560 words (the 2-page PDF has ≈ 580),
// 244 paragraphs ≈ 18 270 words (the 50-page PDF has ≈ 18 290). The words are counted and printed.
const SMALL_PARAGRAPHS = 4;
const LARGE_PARAGRAPHS = 244;
/** A cold engine run is stopped after this (counted as TIMEOUT). */
const COLD_TIMEOUT_MS = 30_000;
/** Cold runs slower than this are counted apart. */
const SLOW_MS = 5_000;
/** HTTP soak. */
const SOAK_UPLOADS = 200;
const SOAK_CONCURRENCY = 4;
const HEALTH_EVERY_MS = 50;
const RSS_EVERY_MS = 100;
/** Two engines whose figures differ by less than this share are tied on that criterion. */
const TIE = 0.05;

const GOALS = { ratio50: 1.2, healthMs: 100, rssGrowth: 1.5 };

const SELF = fileURLToPath(import.meta.url);
const SERVER = join(ROOT, 'dist', 'src', 'server.js');
const RESULTS = join(ROOT, 'dist', 'bench-ingest-results.json');
const FIXTURES = join(ROOT, '..', 'shared', 'eval', 'fixtures');
const MANIFEST = join(FIXTURES, 'MANIFEST.json');
const MiB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------------
// Shared helpers

/** Nearest-rank percentile (p in 0–100) of a list; NaN when empty. */
function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));


/** Peak memory of a child: RSS sampled every few ms, and the kernel's high-water mark. */
interface RssPeak {
  /** The higher of the two, the figure printed. */
  peakRssMiB: number;
  sampledPeakMiB: number;
  maxRssMiB: number;
}

/** Starts sampling this process's RSS every few milliseconds (worker threads included). */
function rssSampler(everyMs = 5): { peak: () => RssPeak; stop: () => void } {
  let max = process.memoryUsage.rss();
  const timer = setInterval(() => {
    max = Math.max(max, process.memoryUsage.rss());
  }, everyMs);
  timer.unref();
  return {
    peak: () => {
      max = Math.max(max, process.memoryUsage.rss());
      const kernel = maxRssMiB();
      return { peakRssMiB: round1(Math.max(max / MiB, kernel)), sampledPeakMiB: round1(max / MiB), maxRssMiB: round1(kernel) };
    },
    stop: () => clearInterval(timer),
  };
}

/**
 * Runs `once` for the warm-up runs then the measured runs; returns the measured times. No GC is forced
 * between runs: a forced GC on the main thread slows the next pdf.js run there by about a third, and
 * it cannot reach our worker's heap, so forcing it would favour our path over the bare baselines.
 */
async function timeRuns(warmup: number, measured: number, once: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < warmup + measured; i++) {
    const t0 = performance.now();
    await once();
    const ms = performance.now() - t0;
    if (i >= warmup) out.push(round1(ms));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Child processes

/** What the "ours" child returns: Clarté's pool path on one file. */
interface OursResult {
  format: string;
  pages?: number;
  words: number;
  runsMs: number[];
  /** pool.run() (extraction and analysis), when asked for. */
  analyseRunsMs?: number[];
  alerts?: number;
  /** Memory during pool.start() and the extractions only (before any analysis). */
  memory: RssPeak;
  startMs: number;
  pdfEngine: PdfEngineName;
}

/** What a "bare" child returns: a bare library on the main thread. */
interface BareResult {
  library: string;
  chars: number;
  runsMs: number[];
  memory: RssPeak;
}

/** What a "cold" child returns: one extractDocument() call in a fresh process. */
interface ColdResult {
  ms: number;
  outcome: string;
  /** True when the library threw something other than an AppError (the worker would answer UNREADABLE). */
  rawException: boolean;
  pages?: number;
  memory: RssPeak;
}

/** What a "warm" child returns: one engine's speed on the large PDF and its blocks of the small one. */
interface WarmResult {
  engine: PdfEngineName;
  pages: number;
  runsMs: number[];
  memory: RssPeak;
  blocks: Block[];
}

/** Clarté's path: a started pool of one worker, extractions (and optionally full analyses) of one file. */
async function childOurs(file: string, analyseToo: boolean): Promise<OursResult> {
  const sampler = rssSampler();
  const { IngestPool } = await import('../src/ingest/pool.js');
  const config = loadConfig();
  const pool = new IngestPool({
    size: 1,
    queueMax: 4,
    rulesDir: undefined,
    profile: 'lettre',
    limits: ingestLimits(config),
    pdfEngine: config.PDF_ENGINE,
  });
  try {
    const t0 = performance.now();
    await pool.start();
    const startMs = performance.now() - t0;
    const bytes = readFileSync(file);
    const job = { bytes, filename: basename(file), profile: 'lettre', maxChars: config.MAX_TEXT_CHARS };
    const last = await pool.extract(job);
    const runsMs = await timeRuns(WARMUP_RUNS, MEASURED_RUNS, () => pool.extract(job));
    const memory = sampler.peak();
    const result: OursResult = {
      format: last.format,
      words: countWords(last.text.slice(0, last.bodyEnd)),
      runsMs,
      memory,
      startMs: round1(startMs),
      pdfEngine: config.PDF_ENGINE,
    };
    if (last.pages !== undefined) result.pages = last.pages;
    if (analyseToo) {
      let alerts = 0;
      result.analyseRunsMs = await timeRuns(WARMUP_RUNS, MEASURED_RUNS, async () => {
        alerts = (await pool.run(job)).alerts.length;
      });
      result.alerts = alerts;
    }
    return result;
  } finally {
    sampler.stop();
    await pool.close();
  }
}

/** What the bare PDF baseline needs of a pdf.js build (pdfjs-dist's own, or the one bundled in unpdf). */
type PdfJsLib = Pick<typeof PdfJs, 'getDocument' | 'version'>;

/** Text of a PDF the bare way: every page's text items joined by spaces. */
async function pdfjsText(pdfjs: PdfJsLib, bytes: Uint8Array): Promise<string> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      pages.push((await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' '));
    }
    return pages.join('\n');
  } finally {
    await doc.destroy();
  }
}

/** The content.xml of an ODT, read with yauzl. */
function contentXml(bytes: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('zip'));
      zip.on('error', reject);
      zip.on('end', () => reject(new Error('content.xml not found')));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== 'content.xml') return zip.readEntry();
        zip.openReadStream(entry, (err2, stream) => {
          if (err2 || !stream) return reject(err2 ?? new Error('stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks));
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** Text of an ODT the bare way: content.xml read with yauzl, tags stripped by a regex. */
async function odtText(bytes: Buffer): Promise<string> {
  return (await contentXml(bytes)).toString('utf8').replace(/<[^>]+>/g, ' ');
}

/** Text of an ODT read the bare streaming way: content.xml through saxes, text nodes collected. */
async function odtSaxText(bytes: Buffer): Promise<string> {
  const { SaxesParser } = await import('saxes');
  const xml = await contentXml(bytes);
  const parser = new SaxesParser();
  const parts: string[] = [];
  parser.on('text', (t) => parts.push(t));
  parser.write(xml.toString('utf8')).close();
  return parts.join(' ');
}

/**
 * A bare library, on the main thread: pdfjs (pdfjs-dist), unpdf-pdfjs (the pdf.js build our engine
 * runs), mammoth-html (the call our DOCX reader makes), mammoth (raw text), odt-sax (content.xml
 * through saxes, what our ODT reader parses), odt-regex (tags stripped).
 */
async function bareExtractor(kind: string, bytes: Buffer): Promise<{ library: string; extract: () => Promise<string> }> {
  polyfillTransfer();
  if (kind === 'pdfjs') {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    return { library: `pdfjs-dist ${pdfjs.version}`, extract: () => pdfjsText(pdfjs, bytes) };
  }
  if (kind === 'unpdf-pdfjs') {
    const { getResolvedPDFJS } = await import('unpdf');
    const pdfjs = (await getResolvedPDFJS()) as unknown as PdfJsLib;
    return { library: `pdf.js ${pdfjs.version} (build d’unpdf)`, extract: () => pdfjsText(pdfjs, bytes) };
  }
  if (kind === 'mammoth-html' || kind === 'mammoth') {
    const mammoth = (await import('mammoth')).default;
    if (kind === 'mammoth') return { library: 'mammoth.extractRawText', extract: async () => (await mammoth.extractRawText({ buffer: bytes })).value };
    return { library: 'mammoth.convertToHtml', extract: async () => (await mammoth.convertToHtml({ buffer: bytes })).value };
  }
  if (kind === 'odt-sax') return { library: 'yauzl + saxes sur content.xml', extract: () => odtSaxText(bytes) };
  if (kind === 'odt-regex') return { library: 'yauzl + regex sur content.xml', extract: () => odtText(bytes) };
  throw new Error(`unknown bare kind: ${kind}`);
}

/** A bare library alone in its process: speed and peak memory. */
async function childBare(kind: string, file: string): Promise<BareResult> {
  const sampler = rssSampler();
  const { library, extract } = await bareExtractor(kind, readFileSync(file));
  let chars = 0;
  const runsMs = await timeRuns(WARMUP_RUNS, MEASURED_RUNS, async () => {
    chars = (await extract()).length;
  });
  const memory = sampler.peak();
  sampler.stop();
  return { library, chars, runsMs, memory };
}

/** What a "paired" child returns: our path and the bare library, timed alternately in one process. */
interface PairedResult {
  library: string;
  oursMs: number[];
  bareMs: number[];
}

/**
 * The overhead figure: our path (pool.extract, worker hand-off included) and the bare library timed
 * alternately in the same process, after the same warm-up, so that machine noise hits both alike.
 */
async function childPaired(kind: string, file: string): Promise<PairedResult> {
  const { IngestPool } = await import('../src/ingest/pool.js');
  const config = loadConfig();
  const pool = new IngestPool({ size: 1, queueMax: 4, rulesDir: undefined, profile: 'lettre', limits: ingestLimits(config), pdfEngine: config.PDF_ENGINE });
  await pool.start();
  try {
    const bytes = readFileSync(file);
    const { library, extract } = await bareExtractor(kind, bytes);
    const job = { bytes, filename: basename(file), profile: 'lettre', maxChars: config.MAX_TEXT_CHARS };
    const oursMs: number[] = [];
    const bareMs: number[] = [];
    for (let i = 0; i < PAIRED_WARMUP + PAIRED_RUNS; i++) {
      const t0 = performance.now();
      await pool.extract(job);
      const t1 = performance.now();
      await extract();
      const t2 = performance.now();
      if (i >= PAIRED_WARMUP) {
        oursMs.push(round1(t1 - t0));
        bareMs.push(round1(t2 - t1));
      }
    }
    return { library, oursMs, bareMs };
  } finally {
    await pool.close();
  }
}

/** One cold extractDocument() in this fresh process (the engine module is loaded by the call itself). */
async function childCold(engine: PdfEngineName, file: string): Promise<ColdResult> {
  const sampler = rssSampler();
  const { extractDocument } = await import('../src/ingest/extract.js');
  const limits = ingestLimits(loadConfig());
  const bytes = readFileSync(file);
  gc(); // the garbage of the imports, collected before the clock starts (the same for both engines)
  let outcome = 'report';
  let rawException = false;
  let pages: number | undefined;
  const t0 = performance.now();
  try {
    pages = (await extractDocument(bytes, limits, engine)).pages;
  } catch (e) {
    if (isAppError(e)) outcome = e.code;
    else {
      outcome = 'UNREADABLE';
      rawException = true;
    }
  }
  const ms = performance.now() - t0;
  const memory = sampler.peak();
  sampler.stop();
  return { ms: round1(ms), outcome, rawException, memory, ...(pages !== undefined ? { pages } : {}) };
}

/** One engine warm: extractDocument() on the large PDF, then the blocks of the small one. */
async function childWarm(engine: PdfEngineName, largeFile: string, smallFile: string): Promise<WarmResult> {
  const sampler = rssSampler();
  const { extractDocument } = await import('../src/ingest/extract.js');
  const limits = ingestLimits(loadConfig());
  const large = readFileSync(largeFile);
  let pages = 0;
  const runsMs = await timeRuns(WARMUP_RUNS, ENGINE_WARM_RUNS, async () => {
    pages = (await extractDocument(large, limits, engine)).pages ?? 0;
  });
  const memory = sampler.peak();
  sampler.stop();
  const { blocks } = await extractDocument(readFileSync(smallFile), limits, engine);
  return { engine, pages, runsMs, memory, blocks };
}

const isEngine = (s: string | undefined): s is PdfEngineName => (PDF_ENGINES as readonly string[]).includes(s ?? '');

/** Dispatches a child mode and prints its result as one JSON line. */
async function child(args: string[]): Promise<void> {
  const [mode, a, b, c] = args;
  let result: unknown;
  if (mode === 'ours' && a) result = await childOurs(a, b === 'analyse');
  else if (mode === 'bare' && a && b) result = await childBare(a, b);
  else if (mode === 'paired' && a && b) result = await childPaired(a, b);
  else if (mode === 'cold' && isEngine(a) && b) result = await childCold(a, b);
  else if (mode === 'warm' && isEngine(a) && b && c) result = await childWarm(a, b, c);
  else throw new Error(`bad child arguments: ${args.join(' ')}`);
  process.stdout.write(JSON.stringify(result) + '\n');
  // A library may leave handles behind (pdf.js fake worker): the measurement is over.
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------------
// Parent: spawning children

class ChildError extends Error {}

/** Runs this file as a child and parses its last JSON line; throws a ChildError when it fails. */
function spawnChild<T>(args: string[]): T {
  const p = spawnSync(process.execPath, ['--expose-gc', SELF, '--child', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = p.stdout
    ?.split('\n')
    .filter((l) => l.startsWith('{'))
    .pop();
  if (p.status !== 0 || !line) throw new ChildError(`le processus enfant « ${args.join(' ')} » a échoué (code ${p.status ?? p.signal}) :\n${(p.stderr ?? '').slice(-2000)}`);
  return JSON.parse(line) as T;
}

/** A cold engine run in its own process, stopped after COLD_TIMEOUT_MS; failures become outcomes. */
function spawnCold(engine: PdfEngineName, file: string): ColdResult & { wallMs: number } {
  const t0 = performance.now();
  const p = spawnSync(process.execPath, ['--expose-gc', SELF, '--child', 'cold', engine, file], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    timeout: COLD_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  const wallMs = round1(performance.now() - t0);
  const line = p.stdout
    ?.split('\n')
    .filter((l) => l.startsWith('{'))
    .pop();
  if (p.status === 0 && line) return { ...(JSON.parse(line) as ColdResult), wallMs };
  const timedOut = (p.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  // Exit code 13: the extraction never settled (a promise left pending), as a worker that never answers.
  const outcome = timedOut || p.status === 13 ? 'TIMEOUT' : `CRASH (${p.status ?? p.signal})`;
  const ms = timedOut ? COLD_TIMEOUT_MS : wallMs;
  return { ms, outcome, rawException: false, memory: { peakRssMiB: NaN, sampledPeakMiB: NaN, maxRssMiB: NaN }, wallMs };
}

// ---------------------------------------------------------------------------------------------------
// Parent: formatting

const ms = (v: number): string => `${fr(v, v < 100 ? 1 : 0)} ms`;
/** Milliseconds per page, with the digits that matter. */
const perPage = (v: number): string => fr(v, v < 1 ? 3 : v < 10 ? 2 : 1);
const sec = (v: number): string => `${fr(v / 1000, 1)} s`;
const mib = (v: number): string => `${fr(v, 0)} Mio`;
const kib = (bytes: number): string => (bytes >= MiB ? `${fr(bytes / MiB, 1)} Mio` : `${fr(bytes / 1024, 1)} Kio`);
const pct = (part: number, whole: number): string => `${fr(whole ? (100 * part) / whole : NaN, 0)} %`;
const w = (s = ''): void => void process.stdout.write(s + '\n');

/** Prints rows as a left-aligned table (first row: the header), indented by two spaces. */
function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const r of rows) w('  ' + r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
}

/** Version of an installed package, read from its package.json. */
function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string }).version ?? '?';
  } catch {
    return '?';
  }
}

// ---------------------------------------------------------------------------------------------------
// Parent: 1. extraction speed and memory

interface DocSpec {
  key: string;
  label: string;
  format: 'pdf' | 'docx' | 'odt';
  large: boolean;
  make: () => Promise<Buffer>;
}

const DOCS: readonly DocSpec[] = [
  { key: 'pdf-2p', label: `lettre PDF ${SMALL_PAGES} p.`, format: 'pdf', large: false, make: () => makeLetterPdf({ pages: SMALL_PAGES }) },
  { key: 'pdf-50p', label: `lettre PDF ${LARGE_PAGES} p.`, format: 'pdf', large: true, make: () => makeLetterPdf({ pages: LARGE_PAGES }) },
  { key: 'docx-small', label: `lettre DOCX ${SMALL_PARAGRAPHS} §`, format: 'docx', large: false, make: () => makeLetterDocx({ paragraphs: SMALL_PARAGRAPHS }) },
  { key: 'docx-large', label: `lettre DOCX ${LARGE_PARAGRAPHS} §`, format: 'docx', large: true, make: () => makeLetterDocx({ paragraphs: LARGE_PARAGRAPHS }) },
  { key: 'odt-small', label: `lettre ODT ${SMALL_PARAGRAPHS} §`, format: 'odt', large: false, make: () => makeLetterOdt({ paragraphs: SMALL_PARAGRAPHS }) },
  { key: 'odt-large', label: `lettre ODT ${LARGE_PARAGRAPHS} §`, format: 'odt', large: true, make: () => makeLetterOdt({ paragraphs: LARGE_PARAGRAPHS }) },
];

/** The bare baseline of each format: the library call our reader is built on. */
const BARE_KIND = { pdf: 'unpdf-pdfjs', docx: 'mammoth-html', odt: 'odt-sax' } as const;
/** Another bare baseline, for information: another pdf.js build, plain-text extractions. */
const OTHER_KIND = { pdf: 'pdfjs', docx: 'mammoth', odt: 'odt-regex' } as const;

interface SpeedFigures {
  medianMs: number;
  runsMs: number[];
  msPerPage: number;
  peakRssMiB: number;
  memory: RssPeak;
}

interface DocFigures {
  key: string;
  label: string;
  format: string;
  /** One of the long documents (the goal applies to them). */
  large: boolean;
  bytes: number;
  words: number;
  /** PDF pages, or words / 350 for DOCX and ODT. */
  pages: number;
  pagesEquivalent: boolean;
  ours: SpeedFigures & { poolStartMs: number; analyseMedianMs?: number; analyseRunsMs?: number[]; alerts?: number };
  bare: SpeedFigures & { library: string; chars: number };
  /** Our median over the bare median, both timed alternately in one process (the goal's figure). */
  ratio: number;
  paired: PairedResult & { oursMedianMs: number; bareMedianMs: number };
  /** Another bare baseline, in its own process, for information. */
  bareOther: SpeedFigures & { library: string; ratio: number };
  goalMet?: boolean;
}

/** Median time, time per page and peak memory of one set of runs. */
function speed(runsMs: number[], pages: number, memory: RssPeak): SpeedFigures {
  const m = median(runsMs);
  return { medianMs: round1(m), runsMs, msPerPage: round3(m / pages), peakRssMiB: memory.peakRssMiB, memory };
}

/** Section 1: generates the letters, measures our path and the bare baselines on each, prints the table. */
async function sectionExtraction(dir: string): Promise<{ docs: DocFigures[]; files: Record<string, string> }> {
  w(`1. Extraction : vitesse et mémoire (${WARMUP_RUNS} essai d’échauffement + ${MEASURED_RUNS} mesurés, médianes ; un processus neuf par mesure)`);
  w('  Notre chemin : IngestPool d’un worker déjà démarré, pool.extract() (envoi au worker et retour compris) ;');
  w('  référence nue, sur le fil principal : la bibliothèque sur laquelle notre lecteur est bâti (pdf.js d’unpdf : getTextContent,');
  w('  items joints ; mammoth.convertToHtml ; saxes sur content.xml), sans structure, sans worker.');
  const files: Record<string, string> = {};
  const docs: DocFigures[] = [];
  for (const spec of DOCS) {
    const bytes = await spec.make();
    const file = join(dir, `${spec.key}.${spec.format}`);
    writeFileSync(file, bytes);
    files[spec.key] = file;
    const ours = spawnChild<OursResult>(['ours', file, spec.large ? 'analyse' : 'extract']);
    const bare = spawnChild<BareResult>(['bare', BARE_KIND[spec.format], file]);
    const other = spawnChild<BareResult>(['bare', OTHER_KIND[spec.format], file]);
    const paired = spawnChild<PairedResult>(['paired', BARE_KIND[spec.format], file]);
    const pagesEquivalent = spec.format !== 'pdf';
    const pages = pagesEquivalent ? ours.words / WORDS_PER_PAGE : (ours.pages ?? NaN);
    const o = speed(ours.runsMs, pages, ours.memory);
    const b = speed(bare.runsMs, pages, bare.memory);
    const x = speed(other.runsMs, pages, other.memory);
    const oursMedianMs = round1(median(paired.oursMs));
    const bareMedianMs = round1(median(paired.bareMs));
    const fig: DocFigures = {
      key: spec.key,
      label: spec.label,
      format: spec.format,
      large: spec.large,
      bytes: bytes.length,
      words: ours.words,
      pages: round1(pages),
      pagesEquivalent,
      ours: { ...o, poolStartMs: ours.startMs },
      bare: { ...b, library: bare.library, chars: bare.chars },
      ratio: oursMedianMs / bareMedianMs,
      paired: { ...paired, oursMedianMs, bareMedianMs },
      bareOther: { ...x, library: other.library, ratio: o.medianMs / x.medianMs },
    };
    if (ours.analyseRunsMs) {
      fig.ours.analyseRunsMs = ours.analyseRunsMs;
      fig.ours.analyseMedianMs = round1(median(ours.analyseRunsMs));
      if (ours.alerts !== undefined) fig.ours.alerts = ours.alerts;
    }
    // The issue's goal compares with a bare pdf.js extraction: it applies to the PDFs. DOCX and ODT
    // are compared with their own bare library, for information.
    if (spec.large && spec.format === 'pdf') fig.goalMet = fig.ratio < GOALS.ratio50;
    docs.push(fig);
  }

  const pagesCell = (d: DocFigures): string => (d.pagesEquivalent ? `≈ ${fr(d.pages, 1)}` : fr(d.pages));
  table([
    ['Document', 'Taille', 'Mots', 'Pages', 'Notre chemin', 'ms/page', 'pic RSS', 'Référence nue', 'ms/page', 'pic RSS', 'Nous / nu'],
    ...docs.map((d) => [
      d.label,
      kib(d.bytes),
      fr(d.words),
      pagesCell(d),
      ms(d.ours.medianMs),
      perPage(d.ours.msPerPage),
      mib(d.ours.peakRssMiB),
      ms(d.bare.medianMs),
      perPage(d.bare.msPerPage),
      mib(d.bare.peakRssMiB),
      `${fr(d.ratio, 2)} ×`,
    ]),
  ]);
  w(`  « ≈ » : pages équivalentes (DOCX, ODT) = mots du corps / ${WORDS_PER_PAGE}. Pic RSS de notre chemin : tout le processus, worker compris.`);
  w(`  Références nues : ${[...new Set(docs.map((d) => d.bare.library))].join(' ; ')}.`);
  w(`  Rapport nous / nu : médianes de ${PAIRED_RUNS} essais alternés dans un même processus (après ${PAIRED_WARMUP} d’échauffement),`);
  w('  pour que le bruit de la machine touche les deux chemins de la même façon :');
  for (const d of docs) {
    w(`    ${d.label.padEnd(20)} nous ${ms(d.paired.oursMedianMs).padEnd(9)} nu ${ms(d.paired.bareMedianMs).padEnd(9)} → ${fr(d.ratio, 2)} ×${d.goalMet !== undefined ? `   objectif < ${fr(GOALS.ratio50, 1)} × : ${ok(d.goalMet)}` : ''}`);
  }
  w(`  L’objectif du ticket (< ${fr(GOALS.ratio50, 1)} ×, fichiers de ${LARGE_PAGES} pages) compare à une extraction pdf.js nue : il porte sur les PDF.`);
  w('  DOCX et ODT sont comparés, pour information, à la bibliothèque nue sous notre lecteur : notre part (structure, en-têtes');
  w('  et pieds de page, envoi au worker) y pèse davantage car la lecture nue est très rapide.');
  w('  Pour information, une autre référence nue (son propre processus) :');
  for (const d of docs) {
    w(`    ${d.label.padEnd(20)} ${d.bareOther.library} : ${ms(d.bareOther.medianMs)} (pic RSS ${mib(d.bareOther.peakRssMiB)}) ; nous / elle : ${fr(d.bareOther.ratio, 2)} ×`);
  }
  w('  Pour information, pool.run() (extraction + analyse complète, profil lettre) :');
  for (const d of docs.filter((x) => x.ours.analyseMedianMs !== undefined)) {
    w(`    ${d.label.padEnd(20)} médiane ${ms(d.ours.analyseMedianMs!)} (${perPage(d.ours.analyseMedianMs! / d.pages)} ms/page, ${fr(d.ours.alerts ?? NaN)} alertes)`);
  }
  w();
  return { docs, files };
}

// ---------------------------------------------------------------------------------------------------
// Parent: 2. PDF engines

interface ManifestEntry {
  file: string;
  category: string;
  expect: string[];
  size?: number;
}

interface QualityCheck {
  id: string;
  label: string;
  passed: boolean;
}

const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The text-quality checklist on the blocks of the generated 2-page letter. */
function qualityChecks(blocks: readonly Block[]): QualityCheck[] {
  const body = blocks.filter((b) => !isFurniture(b.kind));
  const furniture = blocks.filter((b) => isFurniture(b.kind));
  const bodyText = body.map((b) => flat(b.text)).join('\n');
  const bodyLines = body.flatMap((b) => b.text.split('\n')).map(flat);
  const inFurniture = (s: string): boolean => furniture.some((b) => flat(b.text).includes(s));
  const left = ['Direction de la citoyenneté', 'Bureau des permis'];
  const right = ['Monsieur Jean Martin', '12 rue des Lilas'];
  const joined = bodyLines.join('\n');
  const at = (s: string): number => joined.indexOf(s);
  const ordered = [...left, ...right].every((s) => at(s) >= 0) && Math.max(...left.map(at)) < Math.min(...right.map(at));
  const interleaved = bodyLines.some((line) => left.some((l) => line.includes(l)) && right.some((r) => line.includes(r)));
  const stripBullet = (s: string): string => flat(s).replace(/^[•◦▪‣·*–-]\s*/u, '');
  return [
    { id: 'hyphenation', label: 'césure recollée (« l’administration compétente »)', passed: /l['’]administration compétente/.test(bodyText) },
    { id: 'header', label: 'en-tête courant en bloc d’en-tête/pied, absent du corps', passed: inFurniture(HEADER_TEXT) && !bodyText.includes(HEADER_TEXT) },
    { id: 'footer', label: 'pied de page en bloc d’en-tête/pied, absent du corps', passed: inFurniture(FOOTER_TEXT) && !bodyText.includes(FOOTER_TEXT) },
    { id: 'columns', label: 'en-tête de lettre : colonne gauche avant la droite, sans mélange sur une ligne', passed: ordered && !interleaved },
    { id: 'page', label: 'phrase de rejet dans un bloc de la page 2', passed: blocks.some((b) => b.page === 2 && flat(b.text).includes(REJECTED_SENTENCE)) },
    { id: 'page-number', label: 'pas de « Page 1 / 2 » dans le corps', passed: !/Page\s+1\s*\/\s*2/.test(bodyText) },
    {
      id: 'list-items',
      label: 'chaque élément de liste est un bloc « list-item »',
      passed: LIST_ITEMS.every((item) => blocks.some((b) => b.kind === 'list-item' && stripBullet(b.text) === flat(item))),
    },
  ];
}

interface ColdRun {
  file: string;
  category: string;
  expect: string[];
  ms: number;
  wallMs: number;
  outcome: string;
  rawException: boolean;
  expected: boolean;
  peakRssMiB: number;
}

interface EngineFigures {
  engine: PdfEngineName;
  version: string;
  cold: { files: number; medianMs: number; p90Ms: number; maxMs: number; medianWallMs: number; medianRssMiB: number; maxRssMiB: number; overSlow: number; timeouts: number; runs: ColdRun[] };
  robustness: { expected: number; total: number; rawExceptions: number; unexpected: { file: string; outcome: string; expect: string[] }[] };
  warm?: { pages: number; medianMs: number; msPerPage: number; runsMs: number[]; peakRssMiB: number };
  quality?: { passed: number; total: number; checks: QualityCheck[] };
}

/** Which engine a criterion favours (values closer than `tie`, a share of the larger, are a tie). */
function favour(values: Record<PdfEngineName, number>, lowerIsBetter: boolean, tie = TIE): PdfEngineName | 'égalité' {
  const [a, b] = PDF_ENGINES;
  const va = values[a];
  const vb = values[b];
  if (!Number.isFinite(va) || !Number.isFinite(vb) || Math.abs(va - vb) <= tie * Math.max(Math.abs(va), Math.abs(vb))) return 'égalité';
  return (va < vb) === lowerIsBetter ? a : b;
}

/** Section 2: cold runs, outcomes, warm speed and text quality of each PDF engine; prints a table per engine and a conclusion. */
async function sectionEngines(files: Record<string, string>, manifest: ManifestEntry[] | undefined) {
  w('2. Moteurs PDF : unpdf contre pdf-parse (chaque mesure dans son propre processus)');
  const pdfs = (manifest ?? []).filter((e) => e.file.toLowerCase().endsWith('.pdf'));
  if (!manifest) w(`  Manifeste introuvable (${MANIFEST}) : mesures à froid et robustesse omises.`);
  else w(`  a) à froid : un processus neuf par PDF des fixtures (${pdfs.length} fichiers), extractDocument() sans worker`);
  if (manifest) w(`     (durée de l’appel, import du moteur compris ; arrêt du processus à ${fr(COLD_TIMEOUT_MS / 1000)} s, compté TIMEOUT)`);
  w(`  b) robustesse : issue de chaque fichier (report, code d’erreur ou TIMEOUT) comparée aux issues admises du manifeste`);
  w(`  c) à chaud : PDF de ${LARGE_PAGES} pages, ${WARMUP_RUNS} échauffement + ${ENGINE_WARM_RUNS} mesures ; d) qualité du texte : lettre générée de ${SMALL_PAGES} pages`);
  const engines: EngineFigures[] = [];
  for (const engine of PDF_ENGINES) {
    const runs: ColdRun[] = pdfs.map((e) => {
      const r = spawnCold(engine, join(FIXTURES, e.file));
      return {
        file: e.file,
        category: e.category,
        expect: e.expect,
        ms: r.ms,
        wallMs: r.wallMs,
        outcome: r.outcome,
        rawException: r.rawException,
        expected: e.expect.includes(r.outcome),
        peakRssMiB: r.memory.peakRssMiB,
      };
    });
    const coldMs = runs.map((r) => r.ms);
    const rss = runs.map((r) => r.peakRssMiB).filter(Number.isFinite);
    const fig: EngineFigures = {
      engine,
      version: packageVersion(engine),
      cold: {
        files: runs.length,
        medianMs: round1(median(coldMs)),
        p90Ms: round1(percentile(coldMs, 90)),
        maxMs: round1(Math.max(...coldMs)),
        medianWallMs: round1(median(runs.map((r) => r.wallMs))),
        medianRssMiB: round1(median(rss)),
        maxRssMiB: round1(rss.length ? Math.max(...rss) : NaN),
        overSlow: runs.filter((r) => r.ms > SLOW_MS).length,
        timeouts: runs.filter((r) => r.outcome === 'TIMEOUT').length,
        runs,
      },
      robustness: {
        expected: runs.filter((r) => r.expected).length,
        total: runs.length,
        rawExceptions: runs.filter((r) => r.rawException).length,
        unexpected: runs.filter((r) => !r.expected).map((r) => ({ file: r.file, outcome: r.outcome, expect: r.expect })),
      },
    };
    const warm = spawnChild<WarmResult>(['warm', engine, files['pdf-50p']!, files['pdf-2p']!]);
    const warmMedian = median(warm.runsMs);
    fig.warm = { pages: warm.pages, medianMs: round1(warmMedian), msPerPage: round3(warmMedian / warm.pages), runsMs: warm.runsMs, peakRssMiB: warm.memory.peakRssMiB };
    const checks = qualityChecks(warm.blocks);
    fig.quality = { passed: checks.filter((c) => c.passed).length, total: checks.length, checks };
    engines.push(fig);

    w();
    w(`  ${engine} ${fig.version}`);
    const rows: string[][] = [['Mesure', 'Valeur']];
    if (runs.length) {
      rows.push(
        ['à froid, médiane', ms(fig.cold.medianMs)],
        ['à froid, 90e centile', ms(fig.cold.p90Ms)],
        ['à froid, maximum', ms(fig.cold.maxMs)],
        ['processus complet (démarrage compris), médiane', ms(fig.cold.medianWallMs)],
        ['pic RSS, médiane / maximum', `${mib(fig.cold.medianRssMiB)} / ${mib(fig.cold.maxRssMiB)}`],
        [`fichiers au-delà de ${fr(SLOW_MS / 1000)} s (dont TIMEOUT)`, `${fig.cold.overSlow} (${fig.cold.timeouts})`],
        ['issues attendues', `${fig.robustness.expected} / ${fig.robustness.total} (${pct(fig.robustness.expected, fig.robustness.total)})`],
        ['exceptions brutes (hors AppError)', String(fig.robustness.rawExceptions)],
      );
    }
    rows.push(
      [`à chaud, PDF de ${warm.pages} pages`, `${ms(fig.warm.medianMs)} (${perPage(fig.warm.msPerPage)} ms/page)`],
      ['qualité du texte', `${fig.quality.passed} / ${fig.quality.total} (${pct(fig.quality.passed, fig.quality.total)})`],
    );
    table(rows);
    for (const u of fig.robustness.unexpected) w(`    issue inattendue : ${u.file} → ${u.outcome} (admises : ${u.expect.join(', ')})`);
    for (const c of checks.filter((x) => !x.passed)) w(`    contrôle échoué : ${c.label}`);
  }

  // Conclusion: each of speed, memory and robustness favours one engine or neither.
  const by = (f: (e: EngineFigures) => number): Record<PdfEngineName, number> =>
    Object.fromEntries(engines.map((e) => [e.engine, f(e)])) as Record<PdfEngineName, number>;
  // Speed: geometric mean of the cold median and the warm time per page, each relative to the first
  // engine so that neither dominates (warm figures alone when there were no cold runs).
  const ref = engines[0]!;
  const relative = (v: number, r: number): number => (Number.isFinite(v) && Number.isFinite(r) && r > 0 ? v / r : 1);
  const speedScore = by((e) => Math.sqrt(relative(e.cold.medianMs, ref.cold.medianMs) * relative(e.warm!.msPerPage, ref.warm!.msPerPage)));
  const criteria = {
    vitesse: favour(speedScore, true),
    mémoire: favour(by((e) => (Number.isFinite(e.cold.maxRssMiB) ? e.cold.maxRssMiB : e.warm!.peakRssMiB)), true),
    robustesse: favour(by((e) => e.robustness.expected), false, 0),
  };
  const wins = Object.fromEntries(PDF_ENGINES.map((n) => [n, Object.values(criteria).filter((c) => c === n).length])) as Record<PdfEngineName, number>;
  const [a, b] = PDF_ENGINES;
  const favoured: PdfEngineName | undefined = wins[a] > wins[b] ? a : wins[b] > wins[a] ? b : undefined;
  const detail = Object.entries(criteria)
    .map(([k, v]) => `${k} : ${v}`)
    .join(', ');
  const quality = engines.map((e) => `${e.engine} ${e.quality!.passed}/${e.quality!.total}`).join(', ');
  w();
  w(
    favoured
      ? `  Conclusion : les chiffres favorisent ${favoured} (${detail} ; qualité du texte, pour information : ${quality}).`
      : `  Conclusion : les chiffres ne départagent pas les moteurs (${detail} ; qualité du texte, pour information : ${quality}).`,
  );
  w();
  return { engines, criteria, favoured: favoured ?? null };
}

// ---------------------------------------------------------------------------------------------------
// Parent: 3. HTTP soak

/** A free loopback port: bind port 0, read it, close. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** VmRSS of a process, in MiB (NaN once it is gone). */
function vmRssMiB(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The `error.code` of an error body, or "?" when the body is not the JSON error envelope. */
function errorCode(body: string): string {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? '?';
  } catch {
    return '?';
  }
}

/** GET /health; its latency in ms, or undefined when it fails or times out. */
async function health(base: string, timeoutMs = 5000): Promise<number | undefined> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.text();
    return res.ok ? performance.now() - t0 : undefined;
  } catch {
    return undefined;
  }
}

/** Section 3: the real server under 200 uploads, with /health latency and server RSS; stops the server at the end. */
async function sectionSoak(manifest: ManifestEntry[] | undefined) {
  w(`3. Endurance HTTP : serveur réel (node dist/src/server.js), ${SOAK_UPLOADS} envois des fixtures, ${SOAK_CONCURRENCY} à la fois`);
  if (!manifest) {
    w(`  Manifeste introuvable (${MANIFEST}) : section omise.`);
    w();
    return null;
  }
  const fixtures = manifest.map((e) => ({ name: basename(e.file), bytes: readFileSync(join(FIXTURES, e.file)) }));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [SERVER], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  server.stderr.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString('utf8')).slice(-4000);
  });
  let exited = false;
  const exitedP = new Promise<void>((r) =>
    server.once('exit', () => {
      exited = true;
      r();
    }),
  );
  const pid = server.pid!;
  let rssTimer: NodeJS.Timeout | undefined;
  let uploading = true;
  try {
    const t0 = performance.now();
    while ((await health(base, 1000)) === undefined) {
      if (exited) throw new ChildError(`le serveur s’est arrêté au démarrage :\n${stderr}`);
      if (performance.now() - t0 > 30_000) throw new ChildError(`le serveur ne répond pas sur ${base}/health après 30 s :\n${stderr}`);
      await sleep(100);
    }
    const readyMs = performance.now() - t0;
    const rssStart = vmRssMiB(pid);
    const rssSamples: number[] = [rssStart];
    rssTimer = setInterval(() => {
      const v = vmRssMiB(pid);
      if (Number.isFinite(v)) rssSamples.push(v);
    }, RSS_EVERY_MS);

    // /health every 50 ms while the uploads run.
    const healthMs: number[] = [];
    let healthFailures = 0;
    const poller = (async () => {
      while (uploading) {
        const started = performance.now();
        const lat = await health(base);
        if (lat === undefined) healthFailures++;
        else healthMs.push(lat);
        await sleep(Math.max(0, HEALTH_EVERY_MS - (performance.now() - started)));
      }
    })();

    // Uploads: SOAK_CONCURRENCY lanes take the next fixture, cycling through the manifest.
    const statuses: Record<string, number> = {};
    const codes: Record<string, number> = {};
    const uploadMs: number[] = [];
    let next = 0;
    let failures = 0;
    // RSS once every fixture has been read once: growth after it is not warm-up (libraries loaded in each worker).
    let completed = 0;
    let firstCycle: { rssMiB: number; sampleIndex: number } | undefined;
    const tUploads = performance.now();
    const lane = async (): Promise<void> => {
      for (let i = next++; i < SOAK_UPLOADS; i = next++) {
        const fx = fixtures[i % fixtures.length]!;
        const form = new FormData();
        form.append('file', new Blob([fx.bytes]), fx.name);
        const started = performance.now();
        try {
          const res = await fetch(`${base}/api/v1/analyses`, { method: 'POST', body: form, signal: AbortSignal.timeout(60_000) });
          const body = await res.text();
          uploadMs.push(performance.now() - started);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          const code = res.ok ? 'report' : errorCode(body);
          codes[code] = (codes[code] ?? 0) + 1;
        } catch {
          failures++;
        }
        if (++completed === fixtures.length) firstCycle = { rssMiB: vmRssMiB(pid), sampleIndex: rssSamples.length };
      }
    };
    await Promise.all(Array.from({ length: SOAK_CONCURRENCY }, lane));
    const uploadsWallMs = performance.now() - tUploads;
    uploading = false;
    await poller;
    clearInterval(rssTimer);
    const aliveLatency = await health(base);
    const alive = !exited && aliveLatency !== undefined;
    const rssFinal = vmRssMiB(pid);
    if (Number.isFinite(rssFinal)) rssSamples.push(rssFinal);
    const rssMax = Math.max(...rssSamples);

    const figures = {
      port,
      readyMs: Math.round(readyMs),
      uploads: uploadMs.length,
      networkFailures: failures,
      wallMs: Math.round(uploadsWallMs),
      uploadMedianMs: round1(median(uploadMs)),
      uploadMaxMs: round1(Math.max(...uploadMs)),
      statuses,
      codes,
      health: {
        polls: healthMs.length,
        failures: healthFailures,
        medianMs: round1(median(healthMs)),
        p99Ms: round1(percentile(healthMs, 99)),
        maxMs: round1(Math.max(...healthMs)),
        goalMet: healthFailures === 0 && percentile(healthMs, 99) < GOALS.healthMs,
      },
      rss: {
        startMiB: round1(rssStart),
        maxMiB: round1(rssMax),
        finalMiB: round1(rssFinal),
        growth: Math.round((rssMax / rssStart) * 100) / 100,
        samples: rssSamples.length,
        goalMet: rssMax / rssStart <= GOALS.rssGrowth,
      },
      aliveAtEnd: alive,
      afterFirstCycle: firstCycle
        ? { rssMiB: round1(firstCycle.rssMiB), maxAfterMiB: round1(Math.max(firstCycle.rssMiB, ...rssSamples.slice(firstCycle.sampleIndex))) }
        : null,
    };
    const sorted = (r: Record<string, number>): string =>
      Object.entries(r)
        .sort((x, y) => y[1] - x[1])
        .map(([k, v]) => `${k} : ${v}`)
        .join(', ');
    w(`  serveur prêt en ${sec(figures.readyMs)} (port ${port}) ; ${fixtures.length} fichiers du manifeste envoyés en boucle (champ « file »)`);
    w(`  envois terminés : ${figures.uploads} / ${SOAK_UPLOADS} en ${sec(figures.wallMs)}${failures ? ` (${failures} échecs réseau)` : ''} ; durée d’un envoi : médiane ${ms(figures.uploadMedianMs)}, maximum ${ms(figures.uploadMaxMs)}`);
    w(`  codes HTTP : ${sorted(statuses)}`);
    w(`  issues : ${sorted(codes)}`);
    w(
      `  /health toutes les ${HEALTH_EVERY_MS} ms : ${figures.health.polls} réponses${healthFailures ? `, ${healthFailures} sans réponse` : ''} ; médiane ${ms(figures.health.medianMs)}, 99e centile ${ms(figures.health.p99Ms)}${figures.health.polls < 100 ? ' (moins de 100 mesures : c’est le maximum)' : ''}, maximum ${ms(figures.health.maxMs)} — objectif 99e centile < ${GOALS.healthMs} ms : ${ok(figures.health.goalMet)}`,
    );
    w(
      `  RSS du serveur (VmRSS, toutes les ${RSS_EVERY_MS} ms) : départ ${mib(figures.rss.startMiB)}, maximum ${mib(figures.rss.maxMiB)}, fin ${mib(figures.rss.finalMiB)} ; maximum / départ ${fr(figures.rss.growth, 2)} — objectif ≤ ${fr(GOALS.rssGrowth, 1)} : ${ok(figures.rss.goalMet)}`,
    );
    if (figures.afterFirstCycle) {
      const c = figures.afterFirstCycle;
      w(`  pour information, après un premier tour des ${fixtures.length} fichiers : RSS ${mib(c.rssMiB)} ; maximum ensuite ${mib(c.maxAfterMiB)} (rapport ${fr(c.maxAfterMiB / c.rssMiB, 2)})`);
    }
    w(`  serveur toujours vivant après la boucle (répond à /health) : ${alive ? 'oui' : 'NON'}`);
    w();
    return figures;
  } finally {
    uploading = false;
    clearInterval(rssTimer);
    if (!exited) {
      server.kill('SIGTERM');
      const killer = setTimeout(() => server.kill('SIGKILL'), 5000);
      await exitedP;
      clearTimeout(killer);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Parent

/** Runs the three sections, prints the summary and writes the JSON results. */
async function parent(): Promise<void> {
  const started = performance.now();
  const now = new Date();
  const machine = machineFacts();
  const versions = { unpdf: packageVersion('unpdf'), 'pdf-parse': packageVersion('pdf-parse'), 'pdfjs-dist': packageVersion('pdfjs-dist'), mammoth: packageVersion('mammoth') };
  w('Clarté — banc d’essai de l’ingestion (PDF, DOCX, ODT)');
  w('=====================================================');
  w(`Date        : ${now.toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' })}`);
  w(`Machine     : ${machine.cpu}, ${machine.cores} cœurs, ${fr(machine.memoryGiB, 1)} Gio de mémoire, ${machine.os}`);
  w(`Node.js     : ${machine.node} ; unpdf ${versions.unpdf}, pdf-parse ${versions['pdf-parse']}, pdfjs-dist ${versions['pdfjs-dist']}, mammoth ${versions.mammoth}`);
  w('Méthode     : médianes ; chaque mesure dans son propre processus (node --expose-gc), sans GC forcé entre les essais ;');
  w('              pic RSS = maximum du RSS échantillonné toutes les 5 ms et de maxRSS du noyau.');
  w();

  const manifest = existsSync(MANIFEST) ? (JSON.parse(readFileSync(MANIFEST, 'utf8')) as ManifestEntry[]) : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'clarte-bench-ingest-'));
  try {
    // `bench-ingest.js soak` runs the HTTP soak alone (the other sections take a few minutes).
    if (ONLY === 'soak') {
      await sectionSoak(manifest);
      return;
    }
    const { docs, files } = await sectionExtraction(dir);
    const engines = await sectionEngines(files, manifest);
    const soak = await sectionSoak(manifest);

    w('Résumé (objectifs du ticket)');
    w('----------------------------');
    const rows: string[][] = [];
    for (const d of docs.filter((x) => x.goalMet !== undefined)) rows.push([`Extraction ${d.label}, nous / pdf.js nu`, `${fr(d.ratio, 2)} ×`, `< ${fr(GOALS.ratio50, 1)} ×`, ok(d.goalMet!)]);
    for (const d of docs.filter((x) => x.large && x.goalMet === undefined)) rows.push([`Extraction ${d.label}, nous / nu`, `${fr(d.ratio, 2)} ×`, '', `pour information (${d.bare.library})`]);
    if (soak) {
      rows.push(['Endurance, /health 99e centile', ms(soak.health.p99Ms), `< ${GOALS.healthMs} ms`, ok(soak.health.goalMet)]);
      rows.push(['Endurance, RSS maximum / départ', `${fr(soak.rss.growth, 2)}`, `≤ ${fr(GOALS.rssGrowth, 1)}`, ok(soak.rss.goalMet)]);
      rows.push(['Endurance, serveur vivant à la fin', soak.aliveAtEnd ? 'oui' : 'non', 'oui', ok(soak.aliveAtEnd)]);
    }
    for (const r of rows) w(`  ${r[0]!.padEnd(40)} ${r[1]!.padEnd(10)} ${r[2] ? `objectif ${r[2].padEnd(9)} ` : ''}${r[3]}`);
    w(`  Moteur PDF favorisé par les chiffres : ${engines.favoured ?? 'aucun (égalité)'}`);

    const results = {
      schema: 'clarte/bench-ingest@1',
      date: now.toISOString(),
      machine,
      versions,
      method: {
        warmupRuns: WARMUP_RUNS,
        measuredRuns: MEASURED_RUNS,
        engineWarmRuns: ENGINE_WARM_RUNS,
        wordsPerEquivalentPage: WORDS_PER_PAGE,
        coldTimeoutMs: COLD_TIMEOUT_MS,
        soak: { uploads: SOAK_UPLOADS, concurrency: SOAK_CONCURRENCY, healthEveryMs: HEALTH_EVERY_MS, rssEveryMs: RSS_EVERY_MS },
        statistic: 'median',
      },
      goals: GOALS,
      extraction: docs,
      engines,
      soak,
    };
    writeResults(RESULTS, results, started, w);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------

const argv = process.argv.slice(2);
const ONLY = argv[0] === '--child' ? undefined : argv[0];
try {
  if (argv[0] === '--child') await child(argv.slice(1));
  else await parent();
} catch (e) {
  if (e instanceof ChildError) {
    process.stderr.write(`bench-ingest : ${e.message}\n`);
    process.exitCode = 1;
  } else throw e;
}
