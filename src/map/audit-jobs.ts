/**
 * Audits run by the server (POST /api/v1/audits): recorded with their files in the database, run in
 * the background by the ingestion pool, each result stored as it comes (progress visible from any
 * request), each file saved on the map. An audit cut short by a stop of the server resumes at its
 * next start from its first file not analysed; files already saved are not saved twice.
 * With AUDIT_QUEUE (PostgreSQL), the audit's files go to the queue instead, for `clarte worker`
 * processes (src/map/audit-queue.ts); this instance only records and shows them.
 */
import type PgBoss from 'pg-boss';
import { randomUUID } from 'node:crypto';
import { runAudit } from '../audit.js';
import type { Config } from '../config.js';
import type { Ingestor } from '../ingest/ingest.js';
import type { AuditInfo, AuditStore } from '../store/audits.js';
import type { DocumentStore } from '../store/documents.js';
import { mapSaver } from './service.js';
import { enqueueAudit, openQueue } from './audit-queue.js';

/** What an audit runner needs: the stores (opened on first use) and the ingestion pool. */
export interface AuditJobDeps {
  config: Config;
  ingestor: Ingestor;
  stores: () => { audits: AuditStore };
  /** The map's store (opened on first use). */
  map: () => Promise<DocumentStore>;
  log?: (msg: string, err?: unknown) => void;
}

/** The server's audit runner. */
export class AuditJobs {
  private readonly running = new Map<string, Promise<void>>();
  private readonly stop = new AbortController();
  /** The queue of audit files, connected on first use (AUDIT_QUEUE). */
  private queue: Promise<PgBoss> | undefined;

  constructor(private readonly deps: AuditJobDeps) {}

  private boss(): Promise<PgBoss> {
    this.queue ??= openQueue(this.deps.config, (err) => this.deps.log?.('audit queue error', err)).catch((e: unknown) => {
      this.queue = undefined;
      throw e;
    });
    return this.queue;
  }

  /** Records an audit of these files and starts it; returns it at once (status `running`). */
  async start(files: { path: string; data: Buffer }[], options: { profile: string; save: boolean; author: string | null }): Promise<AuditInfo> {
    const { audits } = this.deps.stores();
    const id = randomUUID();
    if (this.deps.config.AUDIT_QUEUE) {
      const boss = await this.boss();
      // the audit and its jobs are recorded together: both, or neither
      await audits.create(id, options.profile, options.save, files, options.author, (tx) => enqueueAudit(boss, tx, id, files.length, this.deps.config.AUDIT_JOB_EXPIRE_SECONDS));
      return (await audits.get(id))!;
    }
    await audits.create(id, options.profile, options.save, files, options.author);
    const info = (await audits.get(id))!;
    this.launch(id);
    return info;
  }

  /** Starts again the audits a stop of the server left unfinished; returns how many. */
  async resume(): Promise<number> {
    if (this.deps.config.AUDIT_QUEUE) return 0; // the queue keeps them: workers go on
    const ids = await this.deps.stores().audits.unfinished();
    for (const id of ids) this.launch(id);
    return ids.length;
  }

  /** Resolves when the audit is over (or at once when it is not running here). */
  async settled(id: string): Promise<void> {
    await this.running.get(id);
  }

  /** Stops taking files (those in flight are not reported, unless already saved on the map) and waits; unfinished audits stay `running`, to resume. */
  async close(): Promise<void> {
    this.stop.abort();
    await Promise.allSettled(this.running.values());
    const queue = this.queue;
    this.queue = undefined;
    if (queue) await (await queue.catch(() => undefined))?.stop({ graceful: false, wait: true });
  }

  private launch(id: string): void {
    const job = this.run(id)
      .catch(async (e: unknown) => {
        this.deps.log?.(`audit ${id} failed`, e);
        await this.deps
          .stores()
          .audits.setStatus(id, 'interrupted')
          .catch((again: unknown) => this.deps.log?.(`audit ${id}: status not recorded`, again));
      })
      .finally(() => this.running.delete(id));
    this.running.set(id, job);
  }

  private async run(id: string): Promise<void> {
    const { audits } = this.deps.stores();
    const info = await audits.get(id);
    if (!info) return;
    await audits.setStatus(id, 'running');
    const pending = await audits.pending(id);
    const sources = pending.map((p) => ({ shown: p.path, size: () => p.bytes, read: () => audits.data(id, p.seq) }));
    const saver = info.save ? mapSaver(await this.deps.map(), await audits.paths(id), info.author) : undefined;
    const { config, ingestor } = this.deps;
    await runAudit(
      sources,
      ingestor,
      info.profile,
      config.INGEST_WORKERS * 2,
      (_done, row, i, sha256) => audits.finishFile(id, pending[i]!.seq, row, sha256),
      config.MAX_UPLOAD_BYTES,
      saver,
      this.stop.signal,
    );
    if (!this.stop.signal.aborted) await audits.setStatus(id, 'done');
  }
}
