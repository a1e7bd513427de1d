/**
 * Audit jobs in the database: an audit, its files (bytes kept until each is analysed) and each file's
 * result row, so that progress is visible from any request and an interrupted audit resumes.
 */
import type { AuditRow } from '../audit.js';
import type { Sql } from './sql.js';

/** The state of an audit. */
export type AuditStatus = 'running' | 'done' | 'interrupted';

/** An audit as the API shows it. */
export interface AuditInfo {
  id: string;
  status: AuditStatus;
  profile: string;
  save: boolean;
  total: number;
  done: number;
  failed: number;
  author: string | null;
  createdAt: string;
  finishedAt: string | null;
}

interface AuditDbRow {
  id: string;
  status: AuditStatus;
  profile: string;
  save: number;
  total: number;
  author: string | null;
  created_at: string;
  finished_at: string | null;
  done: number;
  failed: number;
}

const COLUMNS = `a.*, (SELECT count(*) FROM audit_files f WHERE f.audit_id = a.id AND f.state != 'pending') AS done,
  (SELECT count(*) FROM audit_files f WHERE f.audit_id = a.id AND f.state = 'error') AS failed`;

/** The audit repository over a database (SQLite or PostgreSQL). */
export function auditStore(db: Sql) {
  const q = {
    insert: 'INSERT INTO audits (id, status, profile, save, total, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    insertFile: "INSERT INTO audit_files (audit_id, seq, path, bytes, state, data) VALUES (?, ?, ?, ?, 'pending', ?)",
    get: `SELECT ${COLUMNS} FROM audits a WHERE a.id = ?`,
    list: `SELECT ${COLUMNS} FROM audits a ORDER BY a.created_at DESC LIMIT ?`,
    pending: "SELECT seq, path, length(data) AS bytes FROM audit_files WHERE audit_id = ? AND state = 'pending' ORDER BY seq",
    data: 'SELECT data FROM audit_files WHERE audit_id = ? AND seq = ?',
    finishFile: `UPDATE audit_files SET state = @state, sha256 = @sha256, error_code = @errorCode, error_message = @errorMessage, document_id = @documentId,
       version_number = @version, result = @result, data = NULL WHERE audit_id = @auditId AND seq = @seq`,
    rows: "SELECT result FROM audit_files WHERE audit_id = ? AND state != 'pending' ORDER BY seq",
    setStatus: 'UPDATE audits SET status = ?, finished_at = ? WHERE id = ?',
    unfinished: "SELECT id FROM audits WHERE status IN ('running', 'interrupted') ORDER BY created_at",
    paths: 'SELECT path FROM audit_files WHERE audit_id = ? ORDER BY seq',
    file: 'SELECT state, path, data FROM audit_files WHERE audit_id = ? AND seq = ?',
    state: 'SELECT state FROM audit_files WHERE audit_id = ? AND seq = ?',
    // the audit row locked until the end of the transaction: the files of one audit are recorded one
    // at a time across workers, so that the last one sees every other (SQLite: BEGIN IMMEDIATE does it)
    lock: db.dialect === 'postgres' ? 'SELECT id FROM audits WHERE id = ? FOR UPDATE' : 'SELECT id FROM audits WHERE id = ?',
    usesDocument: 'SELECT 1 AS yes FROM audit_files WHERE audit_id = ? AND document_id = ? LIMIT 1',
    finishIfComplete: `UPDATE audits SET status = 'done', finished_at = ? WHERE id = ? AND status = 'running'
       AND NOT EXISTS (SELECT 1 FROM audit_files f WHERE f.audit_id = audits.id AND f.state = 'pending')`,
  };
  const info = (r: AuditDbRow | undefined): AuditInfo | undefined =>
    r && {
      id: r.id,
      status: r.status,
      profile: r.profile,
      save: r.save === 1,
      total: r.total,
      done: r.done,
      failed: r.failed,
      author: r.author,
      createdAt: r.created_at,
      finishedAt: r.finished_at,
    };
  return {
    /**
     * Records an audit and its files (their bytes kept until analysed), in one transaction; `then`
     * runs in it too (the audit's jobs put in the queue: both are there, or neither).
     */
    create(id: string, profile: string, save: boolean, files: { path: string; data: Buffer }[], author: string | null, then?: (tx: Sql) => Promise<void>): Promise<void> {
      return db.transaction(async (tx) => {
        await tx.run(q.insert, [id, 'running', profile, save ? 1 : 0, files.length, author, new Date().toISOString()]);
        for (const [i, f] of files.entries()) await tx.run(q.insertFile, [id, i, f.path, f.data.length, f.data]);
        await then?.(tx);
      });
    },

    /** Whether a file of the audit already went to this document. */
    usesDocument: async (id: string, documentId: number): Promise<boolean> => (await db.get(q.usesDocument, [id, documentId])) !== undefined,

    /** One file of an audit: its state, path and bytes (none once analysed). */
    file: (id: string, seq: number): Promise<{ state: 'pending' | 'done' | 'error'; path: string; data: Buffer | null } | undefined> => db.get(q.file, [id, seq]),

    /**
     * Records a file's result unless another worker did it first, in one transaction with `save` (the
     * file put on the map): true when this call recorded it. The audit is done with its last file.
     */
    recordOnce(id: string, seq: number, save: (tx: Sql) => Promise<{ row: AuditRow; sha256: string | undefined }>): Promise<boolean> {
      return db.transaction(async (tx) => {
        await tx.get(q.lock, [id]);
        if ((await tx.get<{ state: string }>(q.state, [id, seq]))?.state !== 'pending') return false;
        const { row, sha256 } = await save(tx);
        await auditStore(tx).finishFile(id, seq, row, sha256);
        await tx.run(q.finishIfComplete, [new Date().toISOString(), id]);
        return true;
      });
    },

    /** The audit with its progress, if it exists. */
    async get(id: string): Promise<AuditInfo | undefined> {
      return info(await db.get<AuditDbRow>(q.get, [id]));
    },

    /** The latest audits, newest first. */
    async list(limit = 50): Promise<AuditInfo[]> {
      return (await db.all<AuditDbRow>(q.list, [limit])).map((r) => info(r)!);
    },

    /** The files of an audit not analysed yet (without their bytes). */
    pending(id: string): Promise<{ seq: number; path: string; bytes: number }[]> {
      return db.all<{ seq: number; path: string; bytes: number }>(q.pending, [id]);
    },

    /** The bytes of a pending file. */
    async data(id: string, seq: number): Promise<Buffer> {
      return (await db.get<{ data: Buffer | null }>(q.data, [id, seq]))?.data ?? Buffer.alloc(0);
    },

    /** Records a file's result and drops its bytes. */
    async finishFile(id: string, seq: number, row: AuditRow, sha256: string | undefined): Promise<void> {
      await db.run(q.finishFile, {
        auditId: id,
        seq,
        state: row.error ? 'error' : 'done',
        sha256: sha256 ?? null,
        errorCode: row.error?.code ?? null,
        errorMessage: row.error?.message ?? null,
        documentId: row.document ?? null,
        version: row.version ?? null,
        result: JSON.stringify(row),
      });
    },

    /** The result rows of the files analysed so far, in the audit's order. */
    async rows(id: string): Promise<AuditRow[]> {
      return (await db.all<{ result: string }>(q.rows, [id])).map((r) => JSON.parse(r.result) as AuditRow);
    },

    /** Sets the audit's status (and its end time when it is over). */
    async setStatus(id: string, status: AuditStatus): Promise<void> {
      await db.run(q.setStatus, [status, status === 'running' ? null : new Date().toISOString(), id]);
      // A finished audit's uploaded bytes are gone from SQLite's tables (zeroed: secure_delete); the
      // write-ahead log still holds copies of them until it is folded back and emptied.
      // (PostgreSQL: the old row versions go at the next vacuum, automatic by default.)
      if (status === 'done' && db.dialect === 'sqlite') await db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    },

    /** The paths of every file of an audit. */
    async paths(id: string): Promise<string[]> {
      return (await db.all<{ path: string }>(q.paths, [id])).map((r) => r.path);
    },

    /** Audits left running or interrupted (by a stop of the server). */
    async unfinished(): Promise<string[]> {
      return (await db.all<{ id: string }>(q.unfinished)).map((r) => r.id);
    },
  };
}

/** The audit repository. */
export type AuditStore = ReturnType<typeof auditStore>;
