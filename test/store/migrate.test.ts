/**
 * `clarte migrate --to postgres://…`: a SQLite database holding every kind of row (documents with
 * versions and history, accounts, tokens and sessions, an audit with its files, the audit log,
 * volunteers, a campaign with questions, invitations, answers and a review) is copied whole into an
 * empty PostgreSQL database by the real command line; every table is then compared row by row, and the
 * map reads the same documents from PostgreSQL and goes on numbering after the copied ids.
 * Runs when CLARTE_TEST_POSTGRES_URL names a server (always in CI).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse.js';
import { saveReport } from '../../src/map/service.js';
import { ROOT } from '../../src/paths.js';
import { campaignStore } from '../../src/store/campaigns.js';
import { auditStore } from '../../src/store/audits.js';
import { auditLog } from '../../src/store/audit-log.js';
import { COPY_ORDER } from '../../src/store/copy.js';
import { openDatabase } from '../../src/store/db.js';
import { documentStore } from '../../src/store/documents.js';
import { postgresSql, sqliteSql } from '../../src/store/sql.js';
import { userStore } from '../../src/store/users.js';
import { loadConfig } from '../../src/config.js';
import { clarte } from '../helpers/cli.js';
import { freshPostgres, POSTGRES_URL } from '../helpers/databases.js';
import { ourLibrary } from '../helpers/library.js';

const LETTERS = join(ROOT, 'corpora', 'lettres');
const file = join(mkdtempSync(join(tmpdir(), 'clarte-migrate-')), 'clarte.db');

/** Rows as comparable values: Buffers as hex, numbers as numbers, in the table's key order. */
function normalise(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Buffer.isBuffer(v) ? `x${v.toString('hex')}` : v])));
}

beforeAll(async () => {
  if (!POSTGRES_URL) return;
  const lib = await ourLibrary();
  const db = openDatabase(file);
  const sql = sqliteSql(db);
  const map = documentStore(sql);
  const names = readdirSync(LETTERS).filter((f) => f.endsWith('.txt')).sort().slice(0, 5);
  const ids: number[] = [];
  for (const f of names) {
    const text = readFileSync(join(LETTERS, f), 'utf8');
    ids.push((await saveReport(map, analyse({ text, filename: f, format: 'txt', bytes: Buffer.byteLength(text) }, lib), { path: f, author: 'comms-1', meta: { service: 'CAF' } })).documentId);
  }
  const v2 = `${readFileSync(join(LETTERS, names[0]!), 'utf8')}\nVous pouvez contester cette décision dans un délai de deux mois.`;
  await saveReport(map, analyse({ text: v2, filename: 'v2.txt', format: 'txt', bytes: Buffer.byteLength(v2) }, lib), { path: names[0]! });
  await map.setStatus(ids[0]!, 'a-reecrire', 'comms-1', 'Jargon.');
  await map.addReport(ids[1]!, 'incompréhensible', 3, 'Appels.');
  await map.remove(ids[4]!);
  const users = userStore(sqliteSql(db));
  const comms = await users.add({ login: 'Marie.Comm', role: 'comms', password: 'une phrase de passe assez longue' });
  await users.createToken(comms.id, 'scripts');
  await users.openSession(comms.id, 8);
  await users.add({ login: 'agent-caf', role: 'agent', service: 'CAF' });
  await auditLog(sql).record('comms-1', 'document.status', `document:${ids[0]}`, { from: 'identifie', to: 'a-reecrire' });
  await auditStore(sql).create('audit-1', 'lettre', true, [{ path: 'a.txt', data: Buffer.from('Madame, votre dossier est complet.') }, { path: 'b.txt', data: Buffer.from([0, 1, 2, 255]) }], 'comms-1');
  const config = loadConfig({ DATABASE_PATH: file });
  const campaigns = campaignStore(sql, config);
  const { volunteer } = await campaigns.register({ pseudonym: 'Abeille', contact: 'abeille@example.org', ageBand: '25-39', digitalEase: 'moyenne', languages: 'fr' });
  await campaigns.register({ pseudonym: 'Castor', contact: '06 00 00 00 01' });
  const campaign = await campaigns.create(ids[0]!, { version: 2, compareWith: 1, title: 'Refus réécrit', panelSize: 2, questions: [{ prompt: 'Que faire ?', kind: 'choice', options: ['Rien', 'Contester'], accepted: [1] }, { prompt: 'Quel délai ?', kind: 'text', accepted: ['deux mois'] }] }, 'comms-1');
  const { created } = await campaigns.invite(campaign.id, { volunteerIds: [volunteer.id] });
  const questions = campaign.questions;
  await campaigns.answer(created[0]!.token, { answers: [{ questionId: questions[0]!.id, choice: [1] }, { questionId: questions[1]!.id, text: '2 mois' }], rating: 8, preference: 'new', comment: 'Plus clair.' });
  await campaigns.review(ids[0]!, 2, 'approved', 'Sens conservé.', 'juriste');
  await sql.close();
}, 120_000);

describe.skipIf(!POSTGRES_URL)('clarte migrate --to postgres://', () => {
  it('copies every table whole into an empty PostgreSQL database, ids included, and the map goes on from there', async () => {
    const url = await freshPostgres();
    const run = clarte(['migrate', '--to', url], undefined, { DATABASE_PATH: file });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Base copiée dans PostgreSQL \(schéma \d+\) : \d+ lignes dans 19 tables/);

    const lite = openDatabase(file);
    const pg = postgresSql(url);
    try {
      let nonEmpty = 0;
      for (const table of COPY_ORDER) {
        const columns = (lite.prepare(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`).all() as { name: string }[]).map((c) => c.name);
        const order = columns.includes('id') ? 'id' : columns.slice(0, 2).join(', ');
        const list = columns.map((c) => `"${c}"`).join(', ');
        const expected = normalise(lite.prepare(`SELECT ${list} FROM ${table} ORDER BY ${order}`).all() as Record<string, unknown>[]);
        const copied = normalise(await pg.all(`SELECT ${list} FROM ${table} ORDER BY ${order}`));
        expect(copied, table).toEqual(expected);
        if (expected.length) nonEmpty++;
      }
      expect(nonEmpty).toBeGreaterThanOrEqual(17); // every kind of row was there to copy

      // The map on PostgreSQL: the same documents, in the same order; a new one numbered after the copied ids.
      const fromLite = await documentStore(sqliteSql(openDatabase(file))).list({ perPage: 200 });
      const fromPg = documentStore(pg);
      const listed = await fromPg.list({ perPage: 200 });
      expect(listed.items.map((d) => [d.id, d.title, d.status, d.priority.rank])).toEqual(fromLite.items.map((d) => [d.id, d.title, d.status, d.priority.rank]));
      const maxId = Math.max(...listed.items.map((d) => d.id));
      const id = await fromPg.create({ title: 'Nouveau modèle' }, null, 'comms-1');
      expect(id).toBeGreaterThan(maxId);
      // the login is still unique whatever its case
      await expect(pg.run("INSERT INTO users (login, name, role, created_at, updated_at) VALUES ('marie.comm', 'x', 'comms', '2026', '2026')")).rejects.toMatchObject({ code: '23505' });
    } finally {
      lite.close();
      await pg.close();
    }

    // Again into the same database: refused, nothing changed.
    const again = clarte(['migrate', '--to', url], undefined, { DATABASE_PATH: file });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/n'est pas vide \(table documents\)/);
  }, 120_000);

  it('refuses a missing or non-PostgreSQL target, and an unreachable server, with clear words', async () => {
    const usage = clarte(['migrate'], undefined, { DATABASE_PATH: file });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--to doit être une adresse postgres:\/\//);
    const down = clarte(['migrate', '--to', 'postgres://clarte@127.0.0.1:9/rien'], undefined, { DATABASE_PATH: file });
    expect(down.status).toBe(1);
    expect(down.stderr).toMatch(/clarte migrate : PostgreSQL : .*Rien n'a été copié/);
    const none = clarte(['migrate', '--to', POSTGRES_URL!], undefined, { DATABASE_PATH: join(tmpdir(), 'absente', 'clarte.db') });
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/aucune base SQLite à copier/);
  }, 60_000);
});
