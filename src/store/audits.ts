/**
 * Audit jobs in the database: an audit, its files (bytes kept until each is analysed) and each file's
 * result row, so that progress is visible from any request and an interrupted audit resumes.
 */
import type { AuditRow } from '../audit.js';
import type { Db } from './db.js';

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

/** The audit repository over a database handle. */
export function auditStore(db: Db) {
  const st = {
    insert: db.prepare('INSERT INTO audits (id, status, profile, save, total, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    insertFile: db.prepare("INSERT INTO audit_files (audit_id, seq, path, bytes, state, data) VALUES (?, ?, ?, ?, 'pending', ?)"),
    get: db.prepare(
      `SELECT a.*, (SELECT count(*) FROM audit_files f WHERE f.audit_id = a.id AND f.state != 'pending') AS done,
       (SELECT count(*) FROM audit_files f WHERE f.audit_id = a.id AND f.state = 'error') AS failed FROM audits a WHERE a.id = ?`,
    ),
    list: db.prepare(
      `SELECT a.*, (SELECT count(*) FROM audit_files f WHERE f.audit_id = a.id AND f.state != 'pending') AS done,
       (SELECT count(*) FROM audit_files f WHERE f.audit_id = a.id AND f.state = 'error') AS failed FROM audits a ORDER BY a.created_at DESC LIMIT ?`,
    ),
    pending: db.prepare("SELECT seq, path, length(data) AS bytes FROM audit_files WHERE audit_id = ? AND state = 'pending' ORDER BY seq"),
    data: db.prepare('SELECT data FROM audit_files WHERE audit_id = ? AND seq = ?'),
    finishFile: db.prepare(
      `UPDATE audit_files SET state = @state, sha256 = @sha256, error_code = @errorCode, error_message = @errorMessage, document_id = @documentId,
       version_number = @version, result = @result, data = NULL WHERE audit_id = @auditId AND seq = @seq`,
    ),
    rows: db.prepare("SELECT result FROM audit_files WHERE audit_id = ? AND state != 'pending' ORDER BY seq"),
    setStatus: db.prepare('UPDATE audits SET status = ?, finished_at = ? WHERE id = ?'),
    unfinished: db.prepare("SELECT id FROM audits WHERE status IN ('running', 'interrupted') ORDER BY created_at"),
    paths: db.prepare('SELECT path FROM audit_files WHERE audit_id = ? ORDER BY seq'),
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
    /** Records an audit and its files (their bytes kept until analysed), in one transaction. */
    create: db.transaction((id: string, profile: string, save: boolean, files: { path: string; data: Buffer }[], author: string | null): void => {
      st.insert.run(id, 'running', profile, save ? 1 : 0, files.length, author, new Date().toISOString());
      files.forEach((f, i) => st.insertFile.run(id, i, f.path, f.data.length, f.data));
    }),

    /** The audit with its progress, if it exists. */
    get(id: string): AuditInfo | undefined {
      return info(st.get.get(id) as AuditDbRow | undefined);
    },

    /** The latest audits, newest first. */
    list(limit = 50): AuditInfo[] {
      return (st.list.all(limit) as AuditDbRow[]).map((r) => info(r)!);
    },

    /** The files of an audit not analysed yet (without their bytes). */
    pending(id: string): { seq: number; path: string; bytes: number }[] {
      return st.pending.all(id) as { seq: number; path: string; bytes: number }[];
    },

    /** The bytes of a pending file. */
    data(id: string, seq: number): Buffer {
      return (st.data.get(id, seq) as { data: Buffer | null } | undefined)?.data ?? Buffer.alloc(0);
    },

    /** Records a file's result and drops its bytes. */
    finishFile(id: string, seq: number, row: AuditRow, sha256: string | undefined): void {
      st.finishFile.run({
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
    rows(id: string): AuditRow[] {
      return (st.rows.all(id) as { result: string }[]).map((r) => JSON.parse(r.result) as AuditRow);
    },

    /** Sets the audit's status (and its end time when it is over). */
    setStatus(id: string, status: AuditStatus): void {
      st.setStatus.run(status, status === 'running' ? null : new Date().toISOString(), id);
      // A finished audit's uploaded bytes are gone from the tables (zeroed: secure_delete); the
      // write-ahead log still holds copies of them until it is folded back and emptied.
      if (status === 'done') db.pragma('wal_checkpoint(TRUNCATE)');
    },

    /** The paths of every file of an audit. */
    paths(id: string): string[] {
      return (st.paths.all(id) as { path: string }[]).map((r) => r.path);
    },

    /** Audits left running or interrupted (by a stop of the server). */
    unfinished(): string[] {
      return (st.unfinished.all() as { id: string }[]).map((r) => r.id);
    },
  };
}

/** The audit repository. */
export type AuditStore = ReturnType<typeof auditStore>;
