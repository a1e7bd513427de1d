/**
 * Retention: what the database keeps, and for how long (configurable; 0 keeps for ever).
 * - Versions replaced by a newer one (not the latest of their document): deleted after
 *   VERSION_RETENTION_DAYS; the document keeps its latest version, its status history and its figures.
 * - Audits: their files' results after AUDIT_RETENTION_DAYS (the documents they put on the map stay);
 *   files still waiting for analysis are never dropped.
 * - Web sessions: as soon as they expire.
 * - Volunteers: their personal data (pseudonym, contact, profile) after VOLUNTEER_RETENTION_DAYS
 *   without activity (registration, invitation, answer), with their unused invitations; their
 *   anonymous answers stay in the figures.
 * Run by `clarte purge` and once a day inside the server.
 */
import type { Config } from '../config.js';
import type { Db } from './db.js';

/** What a purge removed (or would remove, dry run). */
export interface PurgeResult {
  versions: number;
  audits: number;
  sessions: number;
  volunteers: number;
}

const DAY_MS = 86_400_000;

/** Removes what is past its retention; with `dryRun`, only counts it. */
export function purge(db: Db, config: Pick<Config, 'VERSION_RETENTION_DAYS' | 'AUDIT_RETENTION_DAYS'> & Partial<Pick<Config, 'VOLUNTEER_RETENTION_DAYS'>>, opts: { now?: Date; dryRun?: boolean } = {}): PurgeResult {
  const now = opts.now ?? new Date();
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const versionsWhere = `created_at < @cutoff AND id NOT IN (SELECT latest_version_id FROM documents WHERE latest_version_id IS NOT NULL)`;
  const auditsWhere = `coalesce(finished_at, created_at) < @cutoff AND status = 'done'`;
  const run = db.transaction((): PurgeResult => {
    const result: PurgeResult = { versions: 0, audits: 0, sessions: 0, volunteers: 0 };
    if (config.VERSION_RETENTION_DAYS > 0) {
      const cutoff = before(config.VERSION_RETENTION_DAYS);
      result.versions = opts.dryRun
        ? (db.prepare(`SELECT count(*) AS n FROM versions WHERE ${versionsWhere}`).get({ cutoff }) as { n: number }).n
        : db.prepare(`DELETE FROM versions WHERE ${versionsWhere}`).run({ cutoff }).changes;
    }
    if (config.AUDIT_RETENTION_DAYS > 0) {
      const cutoff = before(config.AUDIT_RETENTION_DAYS);
      result.audits = opts.dryRun
        ? (db.prepare(`SELECT count(*) AS n FROM audits WHERE ${auditsWhere}`).get({ cutoff }) as { n: number }).n
        : db.prepare(`DELETE FROM audits WHERE ${auditsWhere}`).run({ cutoff }).changes;
    }
    const volunteerDays = config.VOLUNTEER_RETENTION_DAYS ?? 0;
    if (volunteerDays > 0) {
      const cutoff = before(volunteerDays);
      const stale = db.prepare('SELECT id FROM volunteers WHERE erased_at IS NULL AND last_active_at < ?').all(cutoff) as { id: number }[];
      result.volunteers = stale.length;
      if (!opts.dryRun) {
        const at = now.toISOString();
        const drop = db.prepare('DELETE FROM invitations WHERE volunteer_id = ? AND used_at IS NULL');
        const erase = db.prepare(
          'UPDATE volunteers SET pseudonym = NULL, contact = NULL, age_band = NULL, digital_ease = NULL, languages = NULL, manage_hash = NULL, unsubscribed_at = coalesce(unsubscribed_at, ?), erased_at = ? WHERE id = ?',
        );
        for (const { id } of stale) {
          drop.run(id);
          erase.run(at, at, id);
        }
      }
    }
    const cutoff = now.toISOString();
    result.sessions = opts.dryRun
      ? (db.prepare('SELECT count(*) AS n FROM sessions WHERE expires_at <= @cutoff').get({ cutoff }) as { n: number }).n
      : db.prepare('DELETE FROM sessions WHERE expires_at <= @cutoff').run({ cutoff }).changes;
    return result;
  });
  return run();
}
