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
import type { Sql } from './sql.js';

/** What a purge removed (or would remove, dry run). */
export interface PurgeResult {
  versions: number;
  audits: number;
  sessions: number;
  volunteers: number;
}

const DAY_MS = 86_400_000;

/** Removes what is past its retention (one transaction); with `dryRun`, only counts it. */
export async function purge(
  db: Sql,
  config: Pick<Config, 'VERSION_RETENTION_DAYS' | 'AUDIT_RETENTION_DAYS'> & Partial<Pick<Config, 'VOLUNTEER_RETENTION_DAYS'>>,
  opts: { now?: Date; dryRun?: boolean } = {},
): Promise<PurgeResult> {
  const now = opts.now ?? new Date();
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const versionsWhere = `created_at < @cutoff AND id NOT IN (SELECT latest_version_id FROM documents WHERE latest_version_id IS NOT NULL)`;
  const auditsWhere = `coalesce(finished_at, created_at) < @cutoff AND status = 'done'`;
  // Counted, or deleted: the number of rows either way.
  const apply = async (tx: Sql, table: string, where: string, cutoff: string): Promise<number> =>
    opts.dryRun ? (await tx.get<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, { cutoff }))!.n : (await tx.run(`DELETE FROM ${table} WHERE ${where}`, { cutoff })).changes;
  return db.transaction(async (tx): Promise<PurgeResult> => {
    const result: PurgeResult = { versions: 0, audits: 0, sessions: 0, volunteers: 0 };
    if (config.VERSION_RETENTION_DAYS > 0) result.versions = await apply(tx, 'versions', versionsWhere, before(config.VERSION_RETENTION_DAYS));
    if (config.AUDIT_RETENTION_DAYS > 0) result.audits = await apply(tx, 'audits', auditsWhere, before(config.AUDIT_RETENTION_DAYS));
    const volunteerDays = config.VOLUNTEER_RETENTION_DAYS ?? 0;
    if (volunteerDays > 0) {
      const stale = await tx.all<{ id: number }>('SELECT id FROM volunteers WHERE erased_at IS NULL AND last_active_at < ?', [before(volunteerDays)]);
      result.volunteers = stale.length;
      if (!opts.dryRun) {
        const at = now.toISOString();
        for (const { id } of stale) {
          await tx.run('DELETE FROM invitations WHERE volunteer_id = ? AND used_at IS NULL', [id]);
          await tx.run(
            'UPDATE volunteers SET pseudonym = NULL, contact = NULL, age_band = NULL, digital_ease = NULL, languages = NULL, manage_hash = NULL, unsubscribed_at = coalesce(unsubscribed_at, ?), erased_at = ? WHERE id = ?',
            [at, at, id],
          );
        }
      }
    }
    result.sessions = await apply(tx, 'sessions', 'expires_at <= @cutoff', now.toISOString());
    return result;
  });
}
