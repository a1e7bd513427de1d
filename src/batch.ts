/**
 * JSON Lines batches (`clarte analyze --input-jsonl`): one function analyses a line, and a pool of
 * worker threads runs it on every core for large inputs, writing results in input order.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { analyse, type AnalysisOptions } from './analyse.js';
import { AppError, isAppError } from './errors.js';
import { formatText } from './report/format-text.js';
import type { RuleLibrary } from './rules/load.js';
import { startWorker } from './threads.js';

/** The output of one input line: a report to print, or an error line for stderr. */
export interface LineResult {
  out?: string;
  err?: string;
}

/** How to render and analyse lines. */
export interface BatchOptions extends AnalysisOptions {
  format: 'json' | 'text';
  color: boolean;
}

/** Analyses one JSON Lines input line (`{"id", "text"}`); undefined for a blank line. Never throws. */
export function analyseJsonLine(line: string, where: string, library: RuleLibrary, opts: BatchOptions): LineResult | undefined {
  if (!line.trim()) return undefined;
  try {
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      throw new AppError('UNREADABLE', 'Ligne JSON invalide.');
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new AppError('UNREADABLE', 'La ligne doit être un objet JSON {"id": …, "text": …}.');
    const o = obj as { id?: unknown; text?: unknown };
    if (o.id !== undefined && typeof o.id !== 'string' && typeof o.id !== 'number') throw new AppError('UNREADABLE', 'Le champ « id » doit être un texte ou un nombre.');
    if (typeof o.text !== 'string') throw new AppError('UNREADABLE', 'Champ « text » manquant ou non textuel.');
    const report = analyse({ text: o.text, ...(o.id !== undefined ? { id: String(o.id) } : {}) }, library, opts);
    return { out: opts.format === 'json' ? JSON.stringify(report) + '\n' : formatText(report, opts.color) + '\n' };
  } catch (e) {
    // One bad line never stops the batch: an unexpected error is reported for that line only.
    if (isAppError(e)) return { err: `${where}: ${e.code}: ${e.message}\n` };
    return { err: `${where}: INTERNAL: Erreur interne pendant l'analyse de cette ligne (${(e as Error).message}).\n` };
  }
}

/** Inputs below this many lines are analysed on the main thread: starting workers costs more. */
export const POOL_THRESHOLD = 200;
const CHUNK = 25;

interface Chunk {
  seq: number;
  lines: [string, string][];
}

/**
 * Analyses lines on `workers` threads (each loads the rules once) and, with `here`, on this thread
 * too, and calls `write` with each line's result in input order. Work goes out in chunks; each
 * worker holds two, so that it never waits for this thread (busy with its own chunk) to hand it the
 * next. A worker that dies fails its chunks' lines and is replaced.
 */
export function runPool(
  lines: [where: string, line: string][],
  workers: number,
  workerUrl: URL,
  workerData: { rulesDir: string | undefined; opts: BatchOptions },
  write: (r: LineResult) => void,
  here?: (line: string, where: string) => LineResult | undefined,
): Promise<void> {
  const chunks: Chunk[] = [];
  for (let i = 0; i < lines.length; i += CHUNK) chunks.push({ seq: chunks.length, lines: lines.slice(i, i + CHUNK) });
  const done = new Map<number, LineResult[]>();
  let next = 0;
  let flushed = 0;
  let finished = false;
  return new Promise((resolve, reject) => {
    const flush = (): void => {
      while (done.has(flushed)) {
        for (const r of done.get(flushed)!) write(r);
        done.delete(flushed);
        flushed++;
      }
      if (flushed === chunks.length && !finished) {
        finished = true;
        for (const w of pool) void w.terminate();
        resolve();
      }
    };
    const pool: Worker[] = [];
    const start = (): void => {
      const w = startWorker(workerUrl, { workerData });
      const held: Chunk[] = [];
      const give = (): void => {
        const c = chunks[next++];
        if (!c) return;
        held.push(c);
        w.postMessage(c);
      };
      w.on('message', (msg: { seq: number; results: LineResult[] }) => {
        const i = held.findIndex((c) => c.seq === msg.seq);
        if (i >= 0) held.splice(i, 1);
        done.set(msg.seq, msg.results);
        give();
        flush();
      });
      w.on('error', (e) => {
        const i = pool.indexOf(w);
        if (i >= 0) pool.splice(i, 1);
        if (held.length === 0 && next === 0) return reject(e);
        for (const c of held.splice(0)) done.set(c.seq, c.lines.map(([where]) => ({ err: `${where}: INTERNAL: Analyse interrompue (${e.message}).\n` })));
        if (next < chunks.length) start();
        flush();
      });
      pool.push(w);
      give();
      give();
    };
    if (chunks.length === 0) {
      resolve();
      return;
    }
    for (let i = 0; i < Math.min(workers, chunks.length); i++) start();
    if (here) {
      // This thread takes a chunk at a time and yields between them, so that the workers' results
      // and requests for work are served.
      const step = (): void => {
        const c = chunks[next++];
        if (!c) return;
        const results: LineResult[] = [];
        for (const [where, line] of c.lines) {
          const r = here(line, where);
          if (r) results.push(r);
        }
        done.set(c.seq, results);
        flush();
        setImmediate(step);
      };
      setImmediate(step);
    }
  });
}

/**
 * Worker threads worth starting beside the main thread (which analyses too): none under four cores,
 * else one per core but one, at most 4. Measured on two cores: each thread pays the JIT warm-up again
 * and the compiler threads compete, so 1,000 letters take about as long with one worker beside the
 * main thread as on the main thread alone, with twice the memory.
 */
export function poolSize(): number {
  const cores = availableParallelism();
  return cores < 4 ? 0 : Math.min(4, cores - 1);
}
