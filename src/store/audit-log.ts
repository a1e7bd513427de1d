/** The audit log: who changed what in the map and the accounts (never a document's text). */
import type { Principal } from '../auth/roles.js';
import type { Db } from './db.js';

/** One entry. */
export interface LogEntry {
  id: number;
  at: string;
  userId: number | null;
  actor: string;
  action: string;
  target: string | null;
  details: unknown;
}

interface LogRow {
  id: number;
  at: string;
  user_id: number | null;
  actor: string;
  action: string;
  target: string | null;
  details: string | null;
}

/** The audit log over a database handle. */
export function auditLog(db: Db) {
  const st = {
    insert: db.prepare('INSERT INTO audit_log (at, user_id, actor, action, target, details) VALUES (?, ?, ?, ?, ?, ?)'),
    recent: db.prepare('SELECT * FROM audit_log WHERE (@target IS NULL OR target = @target) AND (@before IS NULL OR id < @before) ORDER BY id DESC LIMIT @limit'),
  };
  return {
    /** Records an action by a person (a principal) or by the system (a name such as "clarte users"). */
    record(actor: Principal | string, action: string, target: string | null, details?: unknown): void {
      const who = typeof actor === 'string' ? { id: null, name: actor } : { id: actor.userId, name: actor.login };
      st.insert.run(new Date().toISOString(), who.id, who.name, action, target, details === undefined ? null : JSON.stringify(details));
    },
    /** The latest entries, newest first (optionally for one target such as "document:12"). */
    list(opts: { target?: string | undefined; before?: number | undefined; limit?: number | undefined } = {}): LogEntry[] {
      const rows = st.recent.all({ target: opts.target ?? null, before: opts.before ?? null, limit: opts.limit ?? 100 }) as LogRow[];
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        userId: r.user_id,
        actor: r.actor,
        action: r.action,
        target: r.target,
        details: r.details === null ? null : (JSON.parse(r.details) as unknown),
      }));
    },
  };
}

export type AuditLog = ReturnType<typeof auditLog>;
