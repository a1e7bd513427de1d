/**
 * The ingestion door shared by the CLI and the HTTP API: recognise the bytes, read plain text at
 * once, send every other format to the worker pool (started on first need), return the Report.
 */
import { createHash } from 'node:crypto';
import { analyse } from '../analyse.js';
import { ingestLimits, type Config } from '../config.js';
import { AppError } from '../errors.js';
import type { PersonalDataMode, Report } from '../model.js';
import type { RuleLibrary } from '../rules/load.js';
import { IngestPool, type DocumentTypeName } from './pool.js';
import { analyseTextJob, type TextJob } from './text-job.js';
import { emptyFile, isEncryptedOffice, sniff, tooLarge, unsupported } from './sniff.js';

/** Plain texts up to this size are analysed on the calling thread (pasted-letter sizes). */
const INLINE_TEXT_BYTES = 256 * 1024;
import { decodeText } from './text.js';

/** Options of one document. */
export interface DocumentOptions {
  profile: string;
  /** The document type declared by the caller (it wins over the classifier). */
  documentType?: DocumentTypeName;
  filename?: string;
  id?: string;
  /** Count personal data, or replace it before the analysis (a version to be stored). */
  personalData?: PersonalDataMode;
}

/** Reads and analyses uploaded documents. */
export class Ingestor {
  private pool: IngestPool | undefined;

  constructor(
    private readonly config: Config,
    private readonly library: RuleLibrary,
    private readonly rulesDir: string | undefined,
    private readonly poolSize = config.INGEST_WORKERS,
    /** Long-lived processes (the server) keep their workers' memory flat; see WorkerData.collectGarbage. */
    private readonly collectGarbage = false,
    /** Documents a worker reads before a fresh one replaces it (a restart costs ~0.5 s of a batch). */
    private readonly recycleAfter = 100,
  ) {}

  /** Starts the workers now rather than on the first document (the server does, to answer at once). */
  async start(): Promise<void> {
    await this.ensurePool().start();
  }

  /** Analyses one document given as bytes (with `transfer`, the caller gives the buffer away). */
  async analyseBytes(bytes: Uint8Array, options: DocumentOptions & { transfer?: boolean; inline?: boolean }): Promise<Report> {
    const limits = ingestLimits(this.config);
    if (bytes.length > limits.maxBytes) {
      throw tooLarge(bytes.length, limits.maxBytes);
    }
    this.library.ruleSet(options.profile); // an unknown profile fails before any work
    const kind = sniff(bytes);
    if (kind === 'empty') throw emptyFile();
    if (kind === 'ole' && isEncryptedOffice(bytes)) {
      throw new AppError('ENCRYPTED', 'Ce document Word est protégé par un mot de passe : enregistrez une copie sans mot de passe puis envoyez-la.');
    }
    if (kind === 'ole' || kind === 'binary') throw unsupported(kind);
    // A long text goes to a worker too: its analysis then has a time limit and leaves the event loop free.
    // (A batch sends every file to the pool instead, `inline: false`: its work then spreads over the workers.)
    if (kind === 'text' && bytes.length <= INLINE_TEXT_BYTES && options.inline !== false) {
      // Plain text needs no parser: decoded and analysed here, like pasted text.
      // A blank text is EMPTY_DOCUMENT from analyse() itself, like pasted text.
      const { text } = decodeText(bytes);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return analyse(
        { text, format: 'txt', bytes: bytes.length, sha256, ...(options.filename !== undefined ? { filename: options.filename } : {}), ...(options.id !== undefined ? { id: options.id } : {}) },
        this.library,
        {
          profile: options.profile,
          maxChars: this.config.MAX_TEXT_CHARS,
          ...(options.documentType ? { documentType: options.documentType } : {}),
          ...(options.personalData ? { personalData: options.personalData } : {}),
        },
      );
    }
    return this.ensurePool().run({
      bytes,
      profile: options.profile,
      maxChars: this.config.MAX_TEXT_CHARS,
      ...(options.documentType ? { documentType: options.documentType } : {}),
      ...(options.personalData ? { personalData: options.personalData } : {}),
      ...(options.transfer ? { transfer: true } : {}),
      ...(options.filename !== undefined ? { filename: options.filename } : {}),
      ...(options.id !== undefined ? { id: options.id } : {}),
    });
  }

  /**
   * Analyses pasted text and returns the report serialised as JSON: here for a letter, in a worker for
   * a text longer than a pasted letter (its analysis then has a time limit and the event loop stays
   * free). Letters are not sent to idle workers: measured on two cores shared with the load generator,
   * it gained no throughput and lengthened the slowest answers (p99 605-969 ms against 385-635 ms).
   */
  async analyseTextJson(input: { text: string; filename?: string; id?: string }, options: DocumentOptions): Promise<string> {
    this.library.ruleSet(options.profile); // an unknown profile fails before any work
    const job: TextJob = {
      text: input.text,
      profile: options.profile,
      maxChars: this.config.MAX_TEXT_CHARS,
      ...(options.documentType ? { documentType: options.documentType } : {}),
      ...(options.personalData ? { personalData: options.personalData } : {}),
      ...(input.filename !== undefined ? { filename: input.filename } : {}),
      ...(input.id !== undefined ? { id: input.id } : {}),
    };
    if (input.text.length > INLINE_TEXT_BYTES) return this.ensurePool().runText(job);
    return JSON.stringify(analyseTextJob(job, this.library));
  }

  /** Documents being read and waiting for a worker; workers started and ready. */
  load(): { busy: number; queued: number; workers: number; ready: number } {
    return this.pool?.load() ?? { busy: 0, queued: 0, workers: 0, ready: 0 };
  }

  /** True once the workers were started (`start`), false while they are started on first use. */
  get started(): boolean {
    return this.pool !== undefined;
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }

  private ensurePool(): IngestPool {
    this.pool ??= new IngestPool({
      size: this.poolSize,
      queueMax: this.config.INGEST_QUEUE,
      rulesDir: this.rulesDir,
      profile: this.config.DEFAULT_PROFILE,
      limits: ingestLimits(this.config),
      pdfEngine: this.config.PDF_ENGINE,
      rssLimitMb: this.config.INGEST_RSS_LIMIT_MB,
      collectGarbage: this.collectGarbage,
      recycleAfter: this.recycleAfter,
    });
    return this.pool;
  }
}
