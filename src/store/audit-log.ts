/** The audit log: who changed what in the map and the accounts (never a document's text). */
import type { Principal } from '../auth/roles.js';
import type { Sql } from './sql.js';

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

/** The audit log over a database (SQLite or PostgreSQL). */
export function auditLog(db: Sql) {
  const q = {
    insert: 'INSERT INTO audit_log (at, user_id, actor, action, target, details) VALUES (?, ?, ?, ?, ?, ?)',
    // typed parameters: PostgreSQL cannot guess the type of a parameter only compared with NULL
    recent:
      'SELECT * FROM audit_log WHERE (CAST(@target AS TEXT) IS NULL OR target = @target) AND (CAST(@before AS BIGINT) IS NULL OR id < @before) ORDER BY id DESC LIMIT @limit',
  };
  return {
    /** Records an action by a person (a principal) or by the system (a name such as "clarte users"). */
    async record(actor: Principal | string, action: string, target: string | null, details?: unknown): Promise<void> {
      const who = typeof actor === 'string' ? { id: null, name: actor } : { id: actor.userId, name: actor.login };
      await db.run(q.insert, [new Date().toISOString(), who.id, who.name, action, target, details === undefined ? null : JSON.stringify(details)]);
    },
    /** The latest entries, newest first (optionally for one target such as "document:12"). */
    async list(opts: { target?: string | undefined; before?: number | undefined; limit?: number | undefined } = {}): Promise<LogEntry[]> {
      const rows = await db.all<LogRow>(q.recent, { target: opts.target ?? null, before: opts.before ?? null, limit: opts.limit ?? 100 });
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
