/**
 * Distributed audits (AUDIT_QUEUE, on PostgreSQL): an audit sent to any instance is recorded with its
 * files and, in the same transaction, one job per file goes into a pg-boss queue in the same database.
 * `clarte worker` processes, on any number of machines, take jobs, analyse the files with their own
 * reading threads and record each result (and the file on the map) in one transaction that locks the
 * audit's row: a file already recorded is skipped, so a job run twice (its worker killed, or too slow
 * and given to another) never puts a file twice on the map. A job left by a dead worker expires after
 * AUDIT_JOB_EXPIRE_SECONDS and goes back to the queue. Progress is in the database, seen by every
 * instance; the audit is done when its last file is recorded.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { createRequire } from 'node:module';
import type PgBoss from 'pg-boss';
import { auditRow, failedRow, type AuditRow } from '../audit.js';
import type { Config } from '../config.js';
import type { Ingestor } from '../ingest/ingest.js';
import { tooLarge } from '../ingest/sniff.js';
import type { Report } from '../model.js';
import { auditStore } from '../store/audits.js';
import { documentStore, type DocumentStore } from '../store/documents.js';
import type { Sql } from '../store/sql.js';
import { saveReport, sameModelFinder, signatureBytes, type Saved } from './service.js';
import { AppError } from '../errors.js';

/** The queue of audit files. */
export const AUDIT_QUEUE = 'clarte-audit-file';
/** Files whose job failed every attempt: recorded as errors, so that their audit ends. */
export const FAILED_QUEUE = 'clarte-audit-file-failed';
/** The schema pg-boss keeps its tables in, next to ours. */
const QUEUE_SCHEMA = 'clarte_queue';
/** Attempts of a file's job before it fails for good (a worker killed each time). */
const RETRY_LIMIT = 5;

/** A file's job. */
export interface FileJob {
  audit: string;
  seq: number;
}

type QueueConfig = Pick<Config, 'DATABASE_URL' | 'AUDIT_JOB_EXPIRE_SECONDS' | 'AUDIT_QUEUE_CHECK_SECONDS'>;

/** Connects to the queue (creating its tables and the audit queue when missing). */
export async function openQueue(config: QueueConfig, onError: (err: unknown) => void): Promise<PgBoss> {
  // NOTE: loaded on first use, like pg: a SQLite deployment never pays for it.
  const Boss = createRequire(import.meta.url)('pg-boss') as typeof PgBoss;
  const boss = new Boss({
    connectionString: config.DATABASE_URL,
    schema: QUEUE_SCHEMA,
    max: 4,
    application_name: 'clarte-queue',
    maintenanceIntervalSeconds: config.AUDIT_QUEUE_CHECK_SECONDS,
  });
  boss.on('error', onError);
  await boss.start();
  try {
    const ensure = async (name: string, options: PgBoss.Queue) => {
      for (let attempt = 1; ; attempt++) {
        try {
          if (!(await boss.getQueue(name))) await boss.createQueue(name, options);
          break;
        } catch (e) {
          // instances and workers starting together on a new database race to create it (a
          // uniqueness violation, or a deadlock between their table creations): look again
          if (attempt >= 6) throw e;
          await new Promise((r) => setTimeout(r, 100 * attempt + Math.random() * 200));
        }
      }
      await boss.updateQueue(name, options);
    };
    const expireInSeconds = config.AUDIT_JOB_EXPIRE_SECONDS;
    await ensure(FAILED_QUEUE, { name: FAILED_QUEUE, retryLimit: RETRY_LIMIT, expireInSeconds });
    await ensure(AUDIT_QUEUE, { name: AUDIT_QUEUE, retryLimit: RETRY_LIMIT, expireInSeconds, deadLetter: FAILED_QUEUE });
  } catch (e) {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw e;
  }
  return boss;
}

/** pg-boss statements run inside one of our transactions (its SQL has no `?` or `@`, which our executor would read as parameters). */
function inTransaction(tx: Sql): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      if (/[?@]/.test(text)) throw new Error('pg-boss : requête non prise en charge dans une transaction');
      return { rows: await tx.all(text, values ?? []) };
    },
  };
}

/**
 * Puts one job per file of an audit in the queue, inside the transaction that records the audit. Each
 * job carries its expiry (AUDIT_JOB_EXPIRE_SECONDS of the instance that received the audit): the
 * queue's own default is whatever the last instance started set, and instances configured differently
 * would otherwise change it for each other's audits.
 */
export async function enqueueAudit(boss: PgBoss, tx: Sql, audit: string, files: number, expireInSeconds: number): Promise<void> {
  const jobs = Array.from({ length: files }, (_, seq) => ({ name: AUDIT_QUEUE, data: { audit, seq } satisfies FileJob, expireInSeconds }));
  // a few thousand jobs per statement (one JSON parameter each)
  for (let i = 0; i < jobs.length; i += 2000) await boss.insert(jobs.slice(i, i + 2000), { db: inTransaction(tx) });
}

/** What a worker needs. */
export interface WorkerDeps {
  config: Config;
  sql: Sql;
  ingestor: Ingestor;
  log: (msg: string, details?: Record<string, unknown>) => void;
}

/** A worker's view of one audit (cached: profile, saving, author, where renamed models come from). */
interface AuditContext {
  profile: string;
  save: boolean;
  author: string | null;
  /** A mapped document this file may be a renamed copy of (checked again when recording). */
  sameModel: (sig: Uint8Array) => Promise<number | undefined>;
}

/** Why a file's row says it failed when its job failed every attempt. */
const ABANDONED = 'Analyse abandonnée après plusieurs tentatives (lecteur arrêté ou base de données injoignable).';

/** Processes the audit files of the queue; `stop()` finishes the files in hand and stops taking more. */
export async function startWorker(deps: WorkerDeps, boss: PgBoss): Promise<{ stop(): Promise<void>; processed(): number }> {
  const { config, sql, ingestor } = deps;
  const audits = auditStore(sql);
  const map: DocumentStore = documentStore(sql, config.PRIORITY_WEIGHTS);
  const contexts = new Map<string, Promise<AuditContext | undefined>>();
  let processed = 0;

  const context = (id: string): Promise<AuditContext | undefined> => {
    let c = contexts.get(id);
    if (!c) {
      c = (async () => {
        const info = await audits.get(id);
        if (!info) return undefined;
        return { profile: info.profile, save: info.save, author: info.author, sameModel: sameModelFinder(map, await audits.paths(id)) };
      })();
      // a failed lookup (the database a moment away) is not kept: the next file asks again
      c.catch(() => contexts.delete(id));
      contexts.set(id, c);
      if (contexts.size > 100) contexts.delete(contexts.keys().next().value!);
    }
    return c;
  };

  const processFile = async ({ audit, seq }: FileJob): Promise<void> => {
    const ctx = await context(audit);
    const file = ctx && (await audits.file(audit, seq));
    if (!ctx || !file || file.state !== 'pending') return; // an audit deleted, or a file another worker did
    let row: AuditRow;
    let report: Report | undefined;
    let known: Saved | undefined;
    const bytes = file.data ?? Buffer.alloc(0);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    // a file already on the map (same bytes) is not analysed again; a database error here fails the
    // job (it is tried again), it is not the file's result
    const found = ctx.save ? await map.findBySha(sha256) : undefined;
    if (found) {
      report = (await map.version(found.documentId, found.number)).report;
      known = { documentId: found.documentId, version: found.number, outcome: 'unchanged' };
      row = auditRow(file.path, report);
    } else {
      try {
        if (bytes.length > config.MAX_UPLOAD_BYTES) throw tooLarge(bytes.length, config.MAX_UPLOAD_BYTES);
        report = await ingestor.analyseBytes(bytes, { profile: ctx.profile, filename: basename(file.path), inline: false, personalData: ctx.save ? 'pseudonymise' : 'count' });
        row = auditRow(file.path, report);
      } catch (e) {
        row = failedRow(file.path, e);
      }
    }
    // the renamed model of a path not yet mapped is looked for outside the lock (the map's index is this
    // worker's), and taken inside only if no other file of the audit went to that document meanwhile
    const renamed = ctx.save && report && !known && !row.error && (await map.findByPath(file.path)) === undefined;
    const candidate = report && renamed ? await ctx.sameModel(signatureBytes(report.text)) : undefined;
    const recorded = await audits.recordOnce(audit, seq, async (tx) => {
      if (ctx.save && report && !row.error) {
        const sameModel = async () => (candidate !== undefined && !(await auditStore(tx).usesDocument(audit, candidate)) ? candidate : undefined);
        const saved = known ?? (await saveReport(documentStore(tx, config.PRIORITY_WEIGHTS), report, { path: file.path, author: ctx.author, sameModel }));
        Object.assign(row, { document: saved.documentId, version: saved.version, saved: saved.outcome });
      }
      return { row, sha256: row.error ? undefined : sha256 };
    });
    if (recorded) processed++;
  };

  /** A file whose job failed every attempt: its row says so, and its audit can end. */
  const abandonFile = async ({ audit, seq }: FileJob): Promise<void> => {
    const file = await audits.file(audit, seq);
    if (!file || file.state !== 'pending') return;
    await audits.recordOnce(audit, seq, async () => ({ row: failedRow(file.path, new AppError('UNREADABLE', ABANDONED)), sha256: undefined }));
  };

  // Files in hand: twice the reading threads, so that a thread never waits for the database. Jobs are
  // fetched as soon as a slot frees (pg-boss's own `work` loop pauses between batches).
  const slots = Math.max(2, config.AUDIT_WORKERS * 2);
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let wake: (() => void) | undefined;
  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const loop = (async () => {
    while (!stopping) {
      let got = 0;
      // the abandoned files first (few, and their audits wait for them), then the queue
      for (const [queue, handle] of [
        [FAILED_QUEUE, abandonFile],
        [AUDIT_QUEUE, processFile],
      ] as const) {
        const free = slots - inFlight.size;
        if (free <= 0 || stopping) break;
        let jobs: PgBoss.Job<FileJob>[] = [];
        try {
          jobs = (await boss.fetch<FileJob>(queue, { batchSize: free })) ?? [];
        } catch (err) {
          deps.log('audit queue: fetch failed', { err: (err as Error).message });
          await idle(1000);
        }
        got += jobs.length;
        for (const job of jobs) {
          // a file that fails to read is a result (its row says why); only a failure to record (the
          // database gone) fails the job, which then goes back to the queue
          const run: Promise<void> = handle(job.data)
            .then(
              () => boss.complete(queue, job.id),
              (err: unknown) => {
                deps.log('audit file failed', { audit: job.data.audit, seq: job.data.seq, err: (err as Error).message });
                return boss.fail(queue, job.id, { message: (err as Error).message });
              },
            )
            .catch((err: unknown) => deps.log('audit queue: job not closed', { err: (err as Error).message }))
            .finally(() => inFlight.delete(run));
          inFlight.add(run);
        }
      }
      if (stopping) break;
      if (inFlight.size >= slots) await Promise.race(inFlight);
      else if (got === 0) await Promise.race([...inFlight, idle(500)]);
    }
    await Promise.allSettled(inFlight);
  })();
  deps.log('audit worker ready', { queue: AUDIT_QUEUE, slots });
  return {
    /** Takes no more files, records those in hand, and leaves the queue. */
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      await boss.stop({ graceful: true, wait: true, timeout: config.SHUTDOWN_TIMEOUT_MS });
    },
    processed: () => processed,
  };
}
