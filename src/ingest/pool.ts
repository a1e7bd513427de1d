/**
 * The ingestion pool: worker threads that extract and analyse documents, never on the event loop.
 * Each document has a wall-time limit (its worker is killed and replaced) and each worker a heap
 * limit; a crash, a kill or an exhausted heap fails that document only. Workers are recycled after
 * a number of documents so that memory held by the PDF library returns to the system.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../errors.js';
import type { PersonalDataMode, Report, Warning } from '../model.js';

/** A document type id (CONTRACT.md). */
export type DocumentTypeName = Report['documentType']['id'];
import { ROOT } from '../paths.js';
import { startWorker } from '../threads.js';
import type { Assembled } from './assemble.js';
import type { TextJob } from './text-job.js';
import type { IngestLimits, PdfEngineName, SourceFormat } from './types.js';

/** What a worker is started with. */
export interface WorkerData {
  rulesDir: string | undefined;
  profile: string;
  limits: IngestLimits;
  pdfEngine: PdfEngineName;
  /**
   * Collect the worker's garbage after a document once its heap has grown past 16 MiB (the server:
   * memory stays flat). A short-lived batch (the command line) leaves it to V8: forced collections
   * cost a batch of small documents half its time.
   */
  collectGarbage?: boolean;
}

/** One document sent to a worker. */
export interface WorkerJob {
  seq: number;
  bytes: Uint8Array;
  sha256: string;
  filename?: string;
  id?: string;
  profile: string;
  maxChars: number;
  /** The document type declared by the caller (it wins over the classifier). */
  documentType?: DocumentTypeName;
  /** Count personal data, or replace it before the analysis. */
  personalData?: PersonalDataMode;
  /** Extraction only (benchmarks, diagnostics): the assembled text and source map, no analysis. */
  extractOnly?: boolean;
  /** The caller gives its buffer away: it may be moved to the worker instead of copied. */
  transfer?: boolean;
  /** Pasted text, analysed as given (no extraction; `bytes` is empty); the reply is the report as JSON. */
  text?: string;
}

/** What an extraction-only job returns. */
export interface ExtractedText extends Assembled {
  format: SourceFormat;
  pages?: number;
  warnings: Warning[];
}

/** A worker's answer. */
export type WorkerReply =
  | { seq: number; report: Report }
  | { seq: number; extracted: ExtractedText }
  | { seq: number; json: string }
  | { seq: number; error: { code: ErrorCode; message: string; details?: unknown } };

/** A document to analyse. */
export interface IngestJob {
  bytes: Uint8Array;
  documentType?: DocumentTypeName;
  personalData?: PersonalDataMode;
  /** The caller will not read `bytes` again: they may be moved to the worker without a copy. */
  transfer?: boolean;
  filename?: string;
  id?: string;
  profile: string;
  maxChars: number;
}

/** Options of the pool. */
export interface PoolOptions extends WorkerData {
  size: number;
  /** Documents allowed to wait for a worker; beyond, BUSY. */
  queueMax: number;
  /** Documents a worker reads before it is replaced by a fresh one. */
  recycleAfter?: number;
  /** The worker script (default: the bundle built next to the CLI). */
  workerFile?: string;
  /**
   * Resident memory of the whole process beyond which the worker with the oldest document is killed
   * (its document gets TOO_LARGE). The heap limit of a worker does not cover the buffers a parser
   * inflates (a compressed stream that expands to gigabytes): this watchdog does. In MiB.
   */
  rssLimitMb?: number;
  /** A worker that is not ready after this long is replaced (ms). */
  startTimeoutMs?: number;
}

interface Pending {
  job: WorkerJob;
  resolve: (r: Report | ExtractedText | string) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  current?: Pending;
  /** When the current document was handed over. */
  since: number;
  timer?: NodeJS.Timeout;
  startTimer?: NodeJS.Timeout;
  done: number;
  retired: boolean;
}

/** The bundled worker script. */
export const INGEST_WORKER_FILE = join(ROOT, 'dist', 'src', 'clarte-ingest.mjs');

/** A pool of ingestion workers. */
export class IngestPool {
  private slots: Slot[] = [];
  private queue: Pending[] = [];
  private seq = 0;
  private closed = false;
  private startFailures = 0;
  /** Workers replaced after a timeout, crash or memory exhaustion (for the logs and benchmarks). */
  restarts = 0;
  private watchdog: NodeJS.Timeout | undefined;

  constructor(private readonly options: PoolOptions) {}

  /** Kills the worker holding the oldest document when the process uses more memory than allowed. */
  private watch(): void {
    const limit = (this.options.rssLimitMb ?? 1536) * 1024 * 1024;
    const busy = this.slots.filter((s) => s.current);
    if (busy.length === 0) {
      clearInterval(this.watchdog);
      this.watchdog = undefined;
      return;
    }
    if (process.memoryUsage.rss() <= limit) return;
    const oldest = busy.reduce((a, b) => (b.since < a.since ? b : a));
    this.fail(
      oldest,
      'TOO_LARGE',
      `La lecture du document demandait trop de mémoire (plus de ${this.options.rssLimitMb ?? 1536} Mio pour le service) : elle a été arrêtée.`,
    );
  }

  /** Starts the workers and waits until each has loaded the rules. */
  async start(): Promise<void> {
    while (this.slots.length < this.options.size) this.spawn();
    await Promise.all(
      this.slots.map((s) =>
        s.ready
          ? undefined
          : new Promise<void>((r) => {
              s.worker.once('message', () => r());
              s.worker.once('exit', () => r());
            }),
      ),
    );
  }

  /** Documents being read and waiting, and workers (those that have loaded the rules: ready). */
  load(): { busy: number; queued: number; workers: number; ready: number } {
    return { busy: this.slots.filter((s) => s.current).length, queued: this.queue.length, workers: this.slots.length, ready: this.slots.filter((s) => s.ready).length };
  }

  /** Extracts and analyses one document in a worker. */
  run(job: IngestJob): Promise<Report> {
    return this.submit(job, false) as Promise<Report>;
  }

  /** Extracts one document in a worker, without analysing it. */
  extract(job: IngestJob): Promise<ExtractedText> {
    return this.submit(job, true) as Promise<ExtractedText>;
  }

  /** Analyses pasted text in a worker; resolves to the report serialised as JSON. */
  runText(job: TextJob): Promise<string> {
    return this.enqueue<string>(() => ({ seq: ++this.seq, bytes: new Uint8Array(0), sha256: '', ...job }));
  }

  private submit(job: IngestJob, extractOnly: boolean): Promise<Report | ExtractedText> {
    return this.enqueue<Report | ExtractedText>(() => {
      const sha256 = createHash('sha256').update(job.bytes).digest('hex');
      const wj: WorkerJob = { seq: ++this.seq, bytes: job.bytes, sha256, profile: job.profile, maxChars: job.maxChars, ...(extractOnly ? { extractOnly } : {}), ...(job.transfer ? { transfer: true } : {}), ...(job.documentType ? { documentType: job.documentType } : {}), ...(job.personalData ? { personalData: job.personalData } : {}) };
      if (job.filename !== undefined) wj.filename = job.filename;
      if (job.id !== undefined) wj.id = job.id;
      return wj;
    });
  }

  /** Queues a job (made only once it is accepted), or refuses it with BUSY when stopping or when the queue is full. */
  private enqueue<T extends Report | ExtractedText | string>(make: () => WorkerJob): Promise<T> {
    if (this.closed) return Promise.reject(new AppError('BUSY', 'Le service s’arrête : réessayez dans un instant.'));
    const idle = this.slots.some((s) => s.ready && !s.current);
    if (!idle && this.queue.length >= this.options.queueMax) {
      return Promise.reject(new AppError('BUSY', 'Le service lit déjà beaucoup de documents : réessayez dans un instant.'));
    }
    while (this.slots.length < this.options.size) this.spawn();
    const job = make();
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ job, resolve: resolve as Pending['resolve'], reject });
      this.dispatch();
    });
  }

  /** Stops every worker; waiting documents fail with BUSY. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    for (const p of this.queue.splice(0)) p.reject(new AppError('BUSY', 'Le service s’arrête : réessayez dans un instant.'));
    await Promise.all(
      this.slots.map((s) => {
        s.retired = true;
        if (s.timer) clearTimeout(s.timer);
        s.current?.reject(new AppError('BUSY', 'Le service s’arrête : réessayez dans un instant.'));
        return s.worker.terminate();
      }),
    );
    this.slots = [];
  }

  private spawn(): Slot {
    const { rulesDir, profile, limits, pdfEngine, collectGarbage } = this.options;
    const worker = startWorker(this.options.workerFile ?? INGEST_WORKER_FILE, {
      workerData: { rulesDir, profile, limits, pdfEngine, collectGarbage } satisfies WorkerData,
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      // Libraries may print warnings: never onto our stdout (JSON Lines) or the service logs.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    const slot: Slot = { worker, ready: false, done: 0, retired: false, since: 0 };
    this.slots.push(slot);
    // A worker that never says it is ready (stuck while loading) is replaced like a crashed one.
    slot.startTimer = setTimeout(() => {
      if (!slot.ready) this.fail(slot, 'INTERNAL', 'Le lecteur de documents n’a pas démarré à temps.');
    }, this.options.startTimeoutMs ?? 30_000);
    slot.startTimer.unref();
    worker.on('message', (msg: WorkerReply | { ready: true }) => {
      if ('ready' in msg) {
        slot.ready = true;
        clearTimeout(slot.startTimer);
        this.startFailures = 0;
        this.dispatch();
        return;
      }
      const p = slot.current;
      if (!p || p.job.seq !== msg.seq) return;
      this.finish(slot);
      if ('report' in msg) p.resolve(msg.report);
      else if ('extracted' in msg) p.resolve(msg.extracted);
      else if ('json' in msg) p.resolve(msg.json);
      else p.reject(new AppError(msg.error.code, msg.error.message, msg.error.details));
      // Recycling returns what a PDF library holds; pasted text leaves nothing of the kind (and a fresh
      // worker's warm-up would cost more than the hundred analyses it follows).
      if (p.job.text === undefined) slot.done++;
      if (slot.done >= (this.options.recycleAfter ?? 100)) this.replace(slot);
      this.dispatch();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const oom = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.fail(
        slot,
        oom ? 'TOO_LARGE' : 'UNREADABLE',
        oom
          ? `Le document demande plus de mémoire que la limite fixée (${limits.memoryMb} Mio) : il n’a pas pu être lu.`
          : 'La lecture du document a échoué (erreur interne du lecteur) : il est probablement endommagé.',
      );
    });
    worker.on('exit', () => {
      if (!slot.retired) this.fail(slot, 'UNREADABLE', 'La lecture du document s’est interrompue : il est probablement endommagé.');
    });
    return slot;
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.current = undefined;
  }

  /** The slot's worker died or must die: fail its document, replace it. */
  private fail(slot: Slot, code: ErrorCode, message: string): void {
    if (slot.retired) return;
    const p = slot.current;
    this.finish(slot);
    if (!slot.ready) this.startFailures++;
    p?.reject(new AppError(code, message));
    this.restarts++;
    this.replace(slot);
  }

  private replace(slot: Slot): void {
    slot.retired = true;
    clearTimeout(slot.startTimer);
    this.slots = this.slots.filter((s) => s !== slot);
    void slot.worker.terminate();
    if (this.closed) return;
    if (this.startFailures > 3 && !this.slots.some((s) => s.ready)) {
      // The worker cannot even start (missing build?): fail what waits instead of looping.
      for (const p of this.queue.splice(0)) p.reject(new AppError('INTERNAL', 'Le service ne peut pas lire de documents pour le moment (lecteur indisponible).'));
      return;
    }
    if (this.slots.length < this.options.size) this.spawn();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.current || slot.retired) continue;
      const p = this.queue.shift()!;
      slot.current = p;
      slot.since = Date.now();
      this.watchdog ??= setInterval(() => this.watch(), 250);
      slot.timer = setTimeout(() => {
        if (slot.current !== p) return;
        this.finish(slot);
        p.reject(new AppError('TIMEOUT', `La lecture du document a dépassé ${Math.round(this.options.limits.timeoutMs / 1000)} secondes : elle a été arrêtée.`));
        this.restarts++;
        this.replace(slot);
      }, this.options.limits.timeoutMs);
      // The worker receives the bytes without a copy when they own their whole buffer (an upload);
      // a slice of a shared buffer (Node's small-buffer pool) is copied first.
      const b = p.job.bytes;
      const owned = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer;
      const bytes = owned && p.job.transfer ? b : new Uint8Array(b);
      slot.worker.postMessage({ ...p.job, bytes }, [bytes.buffer as ArrayBuffer]);
    }
  }
}
