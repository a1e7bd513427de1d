/**
 * The map's store on real databases, the same tests on each engine (SQLite always, PostgreSQL when
 * CLARTE_TEST_POSTGRES_URL is set, as in CI): migrations, documents, versions, statuses, conflicts
 * between instances, reports, priority, indicators.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse.js';
import { priorityFactors, priorityOf } from '../../src/map/priority.js';
import { saveReport } from '../../src/map/service.js';
import type { Report } from '../../src/model.js';
import { migrate, migratePostgres, openDatabase, schemaVersion } from '../../src/store/db.js';
import { documentStore, type DocumentSummary } from '../../src/store/documents.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { POSTGRES_MIGRATIONS } from '../../src/store/migrations-postgres.js';
import { postgresSql } from '../../src/store/sql.js';
import { ROOT } from '../../src/paths.js';
import { ENGINES, freshPostgres, POSTGRES_URL } from '../helpers/databases.js';
import { ourLibrary } from '../helpers/library.js';

const LETTERS = join(ROOT, 'corpora', 'lettres');
const reports = new Map<string, Report>();

function dbFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'clarte-store-')), 'sub', 'clarte.db');
}

beforeAll(async () => {
  const lib = await ourLibrary();
  for (const f of readdirSync(LETTERS).filter((f) => f.endsWith('.txt')).sort().slice(0, 12)) {
    const text = readFileSync(join(LETTERS, f), 'utf8');
    reports.set(f, analyse({ text, filename: f, format: 'txt', bytes: Buffer.byteLength(text) }, lib));
  }
});

describe('database', () => {
  it('creates the file and its folder, applies the migrations once, and refuses a newer schema', () => {
    const file = dbFile();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(migrate(db)).toBe(0);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openDatabase(file)).toThrow(/plus récente/);
  });

  it('rolls a failed migration back entirely', () => {
    const db = openDatabase(':memory:');
    const bad = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'bad', sql: 'CREATE TABLE t (x); INSERT INTO nope VALUES (1);' }];
    expect(() => migrate(db, bad)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't'").get()).toEqual({ n: 0 });
  });
});

describe.each(ENGINES)('documents on the map ($name)', (engine) => {
  it('saves a file once: same bytes → same version, same path → new version, else a new document', async () => {
    const db = await engine.fresh();
    const store = documentStore(db.sql);
    const [a, b] = [...reports.values()];
    const first = await saveReport(store, a!, { path: 'caf/refus.txt', author: 'agent-1' });
    expect(first).toEqual({ documentId: expect.any(Number), version: 1, outcome: 'new-document' });
    expect(await saveReport(store, a!, { path: 'ailleurs/copie.txt' })).toEqual({ ...first, outcome: 'unchanged' });
    const second = await saveReport(store, b!, { path: 'caf/refus.txt' });
    expect(second).toEqual({ documentId: first.documentId, version: 2, outcome: 'new-version' });
    const doc = await store.get(first.documentId);
    expect(doc.latestVersion).toBe(2);
    expect(doc.score).toBe(b!.score.value);
    expect(doc.type).toBe(b!.documentType.id);
    expect((await store.versions(first.documentId)).map((v) => v.number)).toEqual([1, 2]);
    // The stored report is the report, whole.
    expect((await store.version(first.documentId, 1)).report).toEqual(a);
    // Another connection: nothing lost.
    const again = documentStore(await db.reopen());
    expect((await again.get(first.documentId)).latestVersion).toBe(2);
    expect(await again.history(first.documentId)).toEqual([
      { from: null, to: 'identifie', author: 'agent-1', comment: 'Document ajouté à la cartographie.', at: expect.any(String) },
    ]);
    await expect(store.get(9999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.version(first.documentId, 9)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('titles a new document from its subject line', async () => {
    const store = documentStore((await engine.fresh()).sql);
    const r = [...reports.values()].find((x) => /^Objet\s*:/im.test(x.text))!;
    const { documentId } = await saveReport(store, r);
    expect((await store.get(documentId)).title).toBe(/^Objet\s*:\s*(.+)$/im.exec(r.text)![1]!.trim());
  });

  it('keeps the missing mentions of the latest version and filters on them', async () => {
    const store = documentStore((await engine.fresh()).sql);
    for (const [f, r] of reports) await saveReport(store, r, { path: f });
    const withoutRecourse = [...reports].filter(([, r]) => r.mentions.some((m) => m.id === 'recourse' && (m.status === 'missing' || m.status === 'partial')));
    const listed = await store.list({ missing: 'recourse', perPage: 200 });
    expect(listed.total).toBe(withoutRecourse.length);
    expect(listed.items.map((d) => d.path).sort()).toEqual(withoutRecourse.map(([f]) => f).sort());
    for (const d of listed.items) expect(d.missingMentions.map((m) => m.id)).toContain('recourse');
  });

  it('lists with filters, sorts and pages', async () => {
    const store = documentStore((await engine.fresh()).sql);
    let i = 0;
    for (const [f, r] of reports) await saveReport(store, r, { path: f, meta: { service: i++ % 2 ? 'CAF' : 'Préfecture' } });
    const all = await store.list({ perPage: 200 });
    expect(all.total).toBe(reports.size);
    const priorities = all.items.map((d) => d.priority.value);
    expect(priorities).toEqual([...priorities].sort((x, y) => y - x));
    expect(all.items[0]!.priority.rank).toBe(1);
    const byScore = (await store.list({ sort: 'score', perPage: 200 })).items.map((d) => d.score!);
    expect(byScore).toEqual([...byScore].sort((x, y) => x - y));
    const caf = await store.list({ service: 'CAF', perPage: 200 });
    expect(caf.total).toBe(Math.floor(reports.size / 2));
    expect(caf.items.every((d) => d.service === 'CAF')).toBe(true);
    const grade = all.items[0]!.grade!;
    expect((await store.list({ grade, perPage: 200 })).items.every((d) => d.grade === grade)).toBe(true);
    const p1 = await store.list({ perPage: 5, page: 1 });
    const p2 = await store.list({ perPage: 5, page: 2 });
    expect(p1.items).toHaveLength(5);
    expect(p2.items[0]!.id).toBe(all.items[5]!.id);
    const path = all.items[3]!.path!;
    expect((await store.list({ q: path.slice(0, 8) })).items.map((d) => d.id)).toContain(all.items[3]!.id);
    // the search ignores case on both engines, and takes % and _ literally
    expect((await store.list({ q: path.slice(0, 8).toUpperCase() })).items.map((d) => d.id)).toContain(all.items[3]!.id);
    expect((await store.list({ q: '%' })).total).toBe(0);
    // by title, whatever the case
    await store.update(all.items[0]!.id, { title: 'zzz dernier' });
    await store.update(all.items[1]!.id, { title: 'AAB second' });
    await store.update(all.items[2]!.id, { title: 'aaa premier' });
    const titles = (await store.list({ sort: 'title', perPage: 200 })).items.map((d) => d.title);
    expect(titles.slice(0, 2)).toEqual(['aaa premier', 'AAB second']);
    expect(titles.at(-1)).toBe('zzz dernier');
  });

  it('moves through the statuses with history, and refuses a move the process does not allow', async () => {
    const store = documentStore((await engine.fresh()).sql);
    const { documentId: id } = await saveReport(store, [...reports.values()][0]!);
    await expect(store.setStatus(id, 'publie')).rejects.toThrow(/Passage impossible de « identifié » à « publié »/);
    await store.setStatus(id, 'a-reecrire', 'comms-1', 'Trop de jargon.');
    await store.setStatus(id, 'en-reecriture', 'comms-1');
    await store.setStatus(id, 'a-reecrire', 'expert-1', 'Reprendre les voies de recours.');
    expect((await store.get(id)).status).toBe('a-reecrire');
    expect((await store.get(id)).statusLabel).toBe('à réécrire');
    await store.setStatus(id, 'abandonne');
    await expect(store.setStatus(id, 'en-reecriture')).rejects.toThrow(/Possibles : « identifié »/);
    const history = await store.history(id);
    expect(history.map((h) => `${h.from}>${h.to}`)).toEqual([
      'null>identifie',
      'identifie>a-reecrire',
      'a-reecrire>en-reecriture',
      'en-reecriture>a-reecrire',
      'a-reecrire>abandonne',
    ]);
    expect(history[3]!.comment).toBe('Reprendre les voies de recours.');
    await expect(store.setStatus(9999, 'a-reecrire')).rejects.toThrow(/Document inconnu/);
  });

  it('two instances changing the same status: one wins, the other gets a clear conflict and nothing half-written', async () => {
    const db = await engine.fresh();
    const a = documentStore(db.sql);
    const b = documentStore(await db.reopen());
    const { documentId: id } = await saveReport(a, [...reports.values()][0]!);
    // Both people saw « identifié » and chose a different next status, at the same moment.
    const results = await Promise.allSettled([a.setStatus(id, 'a-reecrire', 'comms-1', null, 'identifie'), b.setStatus(id, 'abandonne', 'comms-2', null, 'identifie')]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ code: 'CONFLICT' });
    expect(String(lost[0]!.reason.message)).toMatch(/a changé entre-temps/);
    const winner = (won[0] as PromiseFulfilledResult<DocumentSummary>).value.status;
    expect((await b.get(id)).status).toBe(winner);
    expect((await a.history(id)).map((h) => h.to)).toEqual(['identifie', winner]);
  });

  it('two instances saving the same new file at once make one document, and two files of one path one document with two versions', async () => {
    const db = await engine.fresh();
    const a = documentStore(db.sql);
    const b = documentStore(await db.reopen());
    const [r1, r2, r3] = [...reports.values()];
    for (let round = 0; round < 3; round++) {
      // the same bytes under two paths, from two instances
      const same = await Promise.all([saveReport(a, r1!, { path: `a-${round}.txt` }), saveReport(b, r1!, { path: `b-${round}.txt` })]);
      expect(same[0].documentId).toBe(same[1].documentId);
      expect(same.map((x) => x.outcome).sort()).toEqual(round === 0 ? ['new-document', 'unchanged'] : ['unchanged', 'unchanged']);
    }
    // two different files under one new path, from two instances: one document, versions 1 and 2
    const placed = await Promise.all([saveReport(a, r2!, { path: 'commun.txt' }), saveReport(b, r3!, { path: 'commun.txt' })]);
    expect(placed[0].documentId).toBe(placed[1].documentId);
    expect(placed.map((x) => x.version).sort()).toEqual([1, 2]);
    expect((await a.list({ perPage: 100 })).total).toBe(2);
  });

  it('two instances adding versions to one document at once number them without a gap or a clash', async () => {
    const db = await engine.fresh();
    const a = documentStore(db.sql);
    const b = documentStore(await db.reopen());
    const rs = [...reports.values()];
    const { documentId: id } = await saveReport(a, rs[0]!, { path: 'x' });
    const add = (s: typeof a, r: Report) => s.addVersion(id, { report: r, sha256: r.source.sha256, bytes: r.source.bytes, format: r.source.format });
    const added = await Promise.all([add(a, rs[1]!), add(b, rs[2]!), add(a, rs[3]!), add(b, rs[4]!)]);
    expect(added.map((v) => v.number).sort()).toEqual([2, 3, 4, 5]);
    expect((await a.versions(id)).map((v) => v.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it('computes an explainable priority that follows reports and yearly volume', async () => {
    const store = documentStore((await engine.fresh()).sql);
    const r = [...reports.values()][0]!;
    const { documentId: id } = await saveReport(store, r);
    const before = (await store.get(id)).priority;
    // Anyone can recompute it from the factors and weights shown.
    expect(priorityOf(before.factors, before.weights)).toBe(before.value);
    expect(before.factors.clarity).toBeCloseTo((100 - r.score.value) / 100, 3);
    const withReports = await store.addReport(id, 'incompréhensible', 12, 'Appels au standard.');
    expect(withReports.reports).toBe(12);
    expect(withReports.priority.value).toBeGreaterThan(before.value);
    const withVolume = await store.update(id, { yearlyVolume: 1_000_000 });
    expect(withVolume.priority.factors.reach).toBe(1);
    expect(withVolume.priority.value).toBe(priorityOf(priorityFactors({ score: r.score.value, legalRisk: before.factors.legal, yearlyVolume: 1_000_000, reports: 12 }), before.weights));
    expect(await store.reports(id)).toEqual([{ kind: 'incompréhensible', count: 12, comment: 'Appels au standard.', author: null, at: expect.any(String) }]);
  });

  it('recomputes every priority when the configured weights change', async () => {
    const db = await engine.fresh();
    const store = documentStore(db.sql);
    expect(await store.syncWeights()).toBe(0);
    for (const [f, r] of reports) await saveReport(store, r, { path: f });
    const weights = { clarity: 0, legal: 1, reach: 0, reports: 0 };
    const other = documentStore(await db.reopen(), weights);
    expect(await other.syncWeights()).toBe(reports.size);
    expect(await other.syncWeights()).toBe(0);
    for (const d of (await other.list({ perPage: 200 })).items) expect(d.priority.value).toBe(Math.round(d.priority.factors.legal * 10000) / 100);
  });

  it('ranks by priority, and sees the writes of another process', async () => {
    const db = await engine.fresh();
    const a = documentStore(db.sql);
    const rs = [...reports.values()];
    for (const [i, r] of rs.slice(0, 4).entries()) await saveReport(a, r, { path: `p${i}` });
    const ranked = (await a.list({ perPage: 200 })).items;
    expect(ranked.map((d) => d.priority.rank)).toEqual(ranked.map((d) => 1 + ranked.filter((o) => o.priority.value > d.priority.value).length));
    const top = ranked[0]!;
    // Another connection (e.g. `clarte audit --save` while the server runs, another instance) adds a document above all.
    const b = documentStore(await db.reopen());
    const { documentId } = await saveReport(b, rs[5]!, { path: 'autre' });
    await b.addReport(documentId, 'incompréhensible', 1000);
    await b.update(documentId, { yearlyVolume: 5_000_000 });
    const above = (await b.get(documentId)).priority.value > top.priority.value;
    expect((await a.get(top.id)).priority.rank).toBe(above ? 2 : 1);
    expect(above).toBe(true);
  });

  it('computes the yearly indicators, in all and by service', async () => {
    const store = documentStore((await engine.fresh()).sql);
    const rs = [...reports.values()];
    const a = (await saveReport(store, rs[0]!, { path: 'a', meta: { service: 'CAF' } })).documentId;
    await saveReport(store, rs[1]!, { path: 'b', meta: { service: 'CAF' } });
    const c = (await saveReport(store, rs[2]!, { path: 'c', meta: { service: 'DGFiP' } })).documentId;
    await saveReport(store, rs[3]!, { path: 'a' }); // a rewritten
    for (const s of ['a-reecrire', 'en-reecriture', 'validation-experte', 'test-usagers', 'publie'] as const) await store.setStatus(a, s);
    await store.setStatus(c, 'a-reecrire');
    const year = new Date().getFullYear();
    const all = await store.indicators(year);
    expect(all).toMatchObject({ year, service: null, mapped: 3, rewritten: 1, released: 1, byStatus: { publie: 1, 'a-reecrire': 1, identifie: 1 } });
    expect(all.meanScoreBefore).toBeCloseTo(rs[0]!.score.value, 1);
    expect(all.meanScoreAfter).toBeCloseTo(rs[3]!.score.value, 1);
    const complete = [rs[3]!, rs[1]!, rs[2]!].filter((r) => !r.mentions.some((m) => m.status === 'missing' || m.status === 'partial')).length;
    expect(all.withAllMentions).toBeCloseTo(complete / 3, 3);
    expect(all.byService.map((s) => [s.service, s.mapped, s.rewritten, s.released])).toEqual([
      ['CAF', 2, 1, 1],
      ['DGFiP', 1, 0, 0],
    ]);
    expect(await store.indicators(year, 'DGFiP')).toMatchObject({ mapped: 1, rewritten: 0, byStatus: { 'a-reecrire': 1 } });
    expect(await store.indicators(year - 1)).toMatchObject({ mapped: 0, rewritten: 0, released: 0, meanScoreBefore: null, withAllMentions: null });
  });

  it('deletes a document with its versions, history and reports', async () => {
    const store = documentStore((await engine.fresh()).sql);
    const rs = [...reports.values()];
    const { documentId: id } = await saveReport(store, rs[0]!, { path: 'a' });
    await saveReport(store, rs[1]!, { path: 'a' });
    await store.addReport(id, 'incompréhensible', 2);
    const kept = (await saveReport(store, rs[2]!, { path: 'b' })).documentId;
    expect((await store.remove(id)).id).toBe(id);
    await expect(store.get(id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await store.versions(kept)).toHaveLength(1);
    for (const table of ['versions', 'status_history', 'user_reports', 'document_mentions']) {
      expect(await store.sql.get(`SELECT count(*) AS n FROM ${table} WHERE document_id = ?`, [id])).toEqual({ n: 0 });
    }
    expect(await store.findBySha(rs[0]!.source.sha256)).toBeUndefined();
  });
});

describe.each(ENGINES)('near-duplicate signatures ($name)', (engine) => {
  it('signs, when the map opens, versions stored without a signature (added through the API before the fix)', async () => {
    const { openMap, signatureBytes } = await import('../../src/map/service.js');
    const { DEFAULT_WEIGHTS } = await import('../../src/map/priority.js');
    const db = await engine.fresh();
    const store = await openMap(db.sql, DEFAULT_WEIGHTS);
    const [a, b] = [...reports.values()];
    const { documentId } = await saveReport(store, a!, { path: 'a.txt' });
    // A version added without its signature, as the versions route did.
    await store.addVersion(documentId, { report: b!, sha256: b!.source.sha256, bytes: b!.source.bytes, format: b!.source.format, filename: null, author: null, comment: null });
    expect((await store.signatures()).map((r) => r.id)).not.toContain(documentId);
    const reopened = await openMap(await db.reopen(), DEFAULT_WEIGHTS);
    const signed = (await reopened.signatures()).find((r) => r.id === documentId);
    expect(signed && Buffer.compare(signed.signature, Buffer.from(signatureBytes(b!.text)))).toBe(0);
  });
});

describe.skipIf(!POSTGRES_URL)('PostgreSQL schema', () => {
  it('has the tables and columns of the SQLite schema, migrates once even when two instances start together, and refuses a newer schema', async () => {
    const url = await freshPostgres();
    const [a, b] = [postgresSql(url), postgresSql(url)];
    try {
      // freshPostgres migrated it; two more instances starting at once apply nothing
      expect(await Promise.all([migratePostgres(a), migratePostgres(b)])).toEqual([0, 0]);
      expect(await schemaVersion(a)).toBe(MIGRATIONS.at(-1)!.version);
      const lite = openDatabase(':memory:');
      const tables = (lite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
      for (const table of tables) {
        const liteColumns = (lite.prepare(`SELECT name FROM pragma_table_info('${table}') ORDER BY name`).all() as { name: string }[]).map((c) => c.name);
        const pgColumns = (await a.all<{ name: string }>('SELECT column_name AS name FROM information_schema.columns WHERE table_name = ? ORDER BY column_name COLLATE "C"', [table])).map((c) => c.name);
        expect(pgColumns, table).toEqual(liteColumns);
      }
      await a.run('UPDATE schema_migrations SET version = 99 WHERE version = (SELECT max(version) FROM schema_migrations)');
      await expect(migratePostgres(b)).rejects.toThrow(/plus récente/);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('rolls a failed migration back entirely', async () => {
    const sql = postgresSql(await freshPostgres());
    try {
      const bad = [...POSTGRES_MIGRATIONS, { version: 6, name: 'bad', sql: 'CREATE TABLE t (x integer); INSERT INTO nope VALUES (1);' }];
      await expect(migratePostgres(sql, bad)).rejects.toThrow();
      expect(await schemaVersion(sql)).toBe(POSTGRES_MIGRATIONS.at(-1)!.version);
      expect(await sql.get("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 't'")).toEqual({ n: 0 });
    } finally {
      await sql.close();
    }
  });
});
