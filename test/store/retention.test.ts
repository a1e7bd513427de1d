/**
 * Retention on each engine (SQLite always, PostgreSQL when CLARTE_TEST_POSTGRES_URL is set, as in CI):
 * replaced versions and finished audits past their time go, a document's latest version and running
 * audits never do, expired sessions go; a dry run only counts.
 */
import { describe, expect, it } from 'vitest';
import { auditStore } from '../../src/store/audits.js';
import { purge } from '../../src/store/retention.js';
import { userStore } from '../../src/store/users.js';
import { ENGINES } from '../helpers/databases.js';

const OLD = '2020-01-01T00:00:00.000Z';

describe.each(ENGINES)('retention ($name)', (engine) => {
  it('purges what is past its time, never a latest version nor a running audit', async () => {
    const { sql } = await engine.fresh();
    const doc = (await sql.get<{ id: number }>("INSERT INTO documents (title, status, created_at, updated_at) VALUES ('Refus', 'identifie', @at, @at) RETURNING id", { at: OLD }))!.id;
    const version = (n: number, at: string) =>
      sql.get<{ id: number }>(
        "INSERT INTO versions (document_id, number, sha256, format, bytes, text, report, score, grade, doc_type, created_at) VALUES (?, ?, ?, 'txt', 1, 't', '{}', 50, 'C', 'autre', ?) RETURNING id",
        [doc, n, `sha-${n}`, at],
      );
    await version(1, OLD);
    await version(2, new Date().toISOString());
    const latest = (await version(3, OLD))!.id;
    await sql.run('UPDATE documents SET latest_version_id = ? WHERE id = ?', [latest, doc]);
    const audits = auditStore(sql);
    for (const id of ['vieux', 'en-cours']) await audits.create(id, 'lettre', true, [], null);
    await audits.setStatus('vieux', 'done');
    await sql.run("UPDATE audits SET created_at = ?, finished_at = CASE WHEN status = 'done' THEN ? END", [OLD, OLD]);
    const users = userStore(sql);
    const u = await users.add({ login: 'marie', role: 'comms' });
    await users.openSession(u.id, -1);
    await users.openSession(u.id, 8);
    const config = { VERSION_RETENTION_DAYS: 365, AUDIT_RETENTION_DAYS: 30 };
    expect(await purge(sql, config, { dryRun: true })).toEqual({ versions: 1, audits: 1, sessions: 1, volunteers: 0 });
    expect(await sql.get('SELECT count(*) AS n FROM versions')).toEqual({ n: 3 });
    expect(await purge(sql, config)).toEqual({ versions: 1, audits: 1, sessions: 1, volunteers: 0 });
    expect((await sql.all<{ number: number }>('SELECT number FROM versions ORDER BY number')).map((r) => r.number)).toEqual([2, 3]);
    expect(await audits.unfinished()).toEqual(['en-cours']);
    expect(await purge(sql, config)).toEqual({ versions: 0, audits: 0, sessions: 0, volunteers: 0 });
  });
});
