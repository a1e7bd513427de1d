/** The map's store on a real SQLite file: migrations, documents, versions, statuses, reports, priority. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse.js';
import { priorityFactors, priorityOf } from '../../src/map/priority.js';
import { saveReport } from '../../src/map/service.js';
import type { Report } from '../../src/model.js';
import { migrate, openDatabase } from '../../src/store/db.js';
import { documentStore } from '../../src/store/documents.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { ROOT } from '../../src/paths.js';
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

describe('documents on the map', () => {
  it('saves a file once: same bytes → same version, same path → new version, else a new document', () => {
    const file = dbFile();
    const store = documentStore(openDatabase(file));
    const [a, b] = [...reports.values()];
    const first = saveReport(store, a!, { path: 'caf/refus.txt', author: 'agent-1' });
    expect(first).toEqual({ documentId: expect.any(Number), version: 1, outcome: 'new-document' });
    expect(saveReport(store, a!, { path: 'ailleurs/copie.txt' })).toEqual({ ...first, outcome: 'unchanged' });
    const second = saveReport(store, b!, { path: 'caf/refus.txt' });
    expect(second).toEqual({ documentId: first.documentId, version: 2, outcome: 'new-version' });
    const doc = store.get(first.documentId);
    expect(doc.latestVersion).toBe(2);
    expect(doc.score).toBe(b!.score.value);
    expect(doc.type).toBe(b!.documentType.id);
    expect(store.versions(first.documentId).map((v) => v.number)).toEqual([1, 2]);
    // The stored report is the report, whole.
    expect(store.version(first.documentId, 1).report).toEqual(a);
    // Reopened: nothing lost.
    const again = documentStore(openDatabase(file));
    expect(again.get(first.documentId).latestVersion).toBe(2);
    expect(again.history(first.documentId)).toEqual([
      { from: null, to: 'identifie', author: 'agent-1', comment: 'Document ajouté à la cartographie.', at: expect.any(String) },
    ]);
  });

  it('titles a new document from its subject line', () => {
    const store = documentStore(openDatabase(':memory:'));
    const r = [...reports.values()].find((x) => /^Objet\s*:/im.test(x.text))!;
    const { documentId } = saveReport(store, r);
    expect(store.get(documentId).title).toBe(/^Objet\s*:\s*(.+)$/im.exec(r.text)![1]!.trim());
  });

  it('keeps the missing mentions of the latest version and filters on them', () => {
    const store = documentStore(openDatabase(':memory:'));
    for (const [f, r] of reports) saveReport(store, r, { path: f });
    const withoutRecourse = [...reports].filter(([, r]) => r.mentions.some((m) => m.id === 'recourse' && (m.status === 'missing' || m.status === 'partial')));
    const listed = store.list({ missing: 'recourse', perPage: 200 });
    expect(listed.total).toBe(withoutRecourse.length);
    expect(listed.items.map((d) => d.path).sort()).toEqual(withoutRecourse.map(([f]) => f).sort());
    for (const d of listed.items) expect(d.missingMentions.map((m) => m.id)).toContain('recourse');
  });

  it('lists with filters, sorts and pages', () => {
    const store = documentStore(openDatabase(':memory:'));
    let i = 0;
    for (const [f, r] of reports) saveReport(store, r, { path: f, meta: { service: i++ % 2 ? 'CAF' : 'Préfecture' } });
    const all = store.list({ perPage: 200 });
    expect(all.total).toBe(reports.size);
    const priorities = all.items.map((d) => d.priority.value);
    expect(priorities).toEqual([...priorities].sort((x, y) => y - x));
    expect(all.items[0]!.priority.rank).toBe(1);
    const byScore = store.list({ sort: 'score', perPage: 200 }).items.map((d) => d.score!);
    expect(byScore).toEqual([...byScore].sort((x, y) => x - y));
    const caf = store.list({ service: 'CAF', perPage: 200 });
    expect(caf.total).toBe(Math.floor(reports.size / 2));
    expect(caf.items.every((d) => d.service === 'CAF')).toBe(true);
    const grade = all.items[0]!.grade!;
    expect(store.list({ grade, perPage: 200 }).items.every((d) => d.grade === grade)).toBe(true);
    const p1 = store.list({ perPage: 5, page: 1 });
    const p2 = store.list({ perPage: 5, page: 2 });
    expect(p1.items).toHaveLength(5);
    expect(p2.items[0]!.id).toBe(all.items[5]!.id);
    expect(store.list({ q: all.items[3]!.path!.slice(0, 8) }).items.map((d) => d.id)).toContain(all.items[3]!.id);
    expect(store.list({ q: '%' }).total).toBe(0);
  });

  it('moves through the statuses with history, and refuses a move the process does not allow', () => {
    const store = documentStore(openDatabase(':memory:'));
    const { documentId: id } = saveReport(store, [...reports.values()][0]!);
    expect(() => store.setStatus(id, 'publie')).toThrow(/Passage impossible de « identifié » à « publié »/);
    store.setStatus(id, 'a-reecrire', 'comms-1', 'Trop de jargon.');
    store.setStatus(id, 'en-reecriture', 'comms-1');
    store.setStatus(id, 'a-reecrire', 'expert-1', 'Reprendre les voies de recours.');
    expect(store.get(id).status).toBe('a-reecrire');
    expect(store.get(id).statusLabel).toBe('à réécrire');
    store.setStatus(id, 'abandonne');
    expect(() => store.setStatus(id, 'en-reecriture')).toThrow(/Possibles : « identifié »/);
    expect(store.history(id).map((h) => `${h.from}>${h.to}`)).toEqual([
      'null>identifie',
      'identifie>a-reecrire',
      'a-reecrire>en-reecriture',
      'en-reecriture>a-reecrire',
      'a-reecrire>abandonne',
    ]);
    expect(store.history(id)[3]!.comment).toBe('Reprendre les voies de recours.');
    expect(() => store.setStatus(9999, 'a-reecrire')).toThrow(/Document inconnu/);
  });

  it('computes an explainable priority that follows reports and yearly volume', () => {
    const store = documentStore(openDatabase(':memory:'));
    const r = [...reports.values()][0]!;
    const { documentId: id } = saveReport(store, r);
    const before = store.get(id).priority;
    // Anyone can recompute it from the factors and weights shown.
    expect(priorityOf(before.factors, before.weights)).toBe(before.value);
    expect(before.factors.clarity).toBeCloseTo((100 - r.score.value) / 100, 3);
    const withReports = store.addReport(id, 'incompréhensible', 12, 'Appels au standard.');
    expect(withReports.reports).toBe(12);
    expect(withReports.priority.value).toBeGreaterThan(before.value);
    const withVolume = store.update(id, { yearlyVolume: 1_000_000 });
    expect(withVolume.priority.factors.reach).toBe(1);
    expect(withVolume.priority.value).toBe(priorityOf(priorityFactors({ score: r.score.value, legalRisk: before.factors.legal, yearlyVolume: 1_000_000, reports: 12 }), before.weights));
    expect(store.reports(id)).toEqual([{ kind: 'incompréhensible', count: 12, comment: 'Appels au standard.', author: null, at: expect.any(String) }]);
  });

  it('recomputes every priority when the configured weights change', () => {
    const file = dbFile();
    const store = documentStore(openDatabase(file));
    expect(store.syncWeights()).toBe(0);
    for (const [f, r] of reports) saveReport(store, r, { path: f });
    const weights = { clarity: 0, legal: 1, reach: 0, reports: 0 };
    const other = documentStore(openDatabase(file), weights);
    expect(other.syncWeights()).toBe(reports.size);
    expect(other.syncWeights()).toBe(0);
    for (const d of other.list({ perPage: 200 }).items) expect(d.priority.value).toBe(Math.round(d.priority.factors.legal * 10000) / 100);
  });

  it('ranks by priority, and sees the writes of another process', () => {
    const file = dbFile();
    const a = documentStore(openDatabase(file));
    const rs = [...reports.values()];
    for (const [i, r] of rs.slice(0, 4).entries()) saveReport(a, r, { path: `p${i}` });
    const ranked = a.list({ perPage: 200 }).items;
    expect(ranked.map((d) => d.priority.rank)).toEqual(ranked.map((d) => 1 + ranked.filter((o) => o.priority.value > d.priority.value).length));
    const top = ranked[0]!;
    // Another connection (e.g. `clarte audit --save` while the server runs) adds a document above all.
    const b = documentStore(openDatabase(file));
    const { documentId } = saveReport(b, rs[5]!, { path: 'autre' });
    b.addReport(documentId, 'incompréhensible', 1000);
    b.update(documentId, { yearlyVolume: 5_000_000 });
    const above = b.get(documentId).priority.value > top.priority.value;
    expect(a.get(top.id).priority.rank).toBe(above ? 2 : 1);
    expect(above).toBe(true);
  });

  it('computes the yearly indicators, in all and by service', () => {
    const store = documentStore(openDatabase(':memory:'));
    const rs = [...reports.values()];
    const a = saveReport(store, rs[0]!, { path: 'a', meta: { service: 'CAF' } }).documentId;
    saveReport(store, rs[1]!, { path: 'b', meta: { service: 'CAF' } });
    const c = saveReport(store, rs[2]!, { path: 'c', meta: { service: 'DGFiP' } }).documentId;
    saveReport(store, rs[3]!, { path: 'a' }); // a rewritten
    for (const s of ['a-reecrire', 'en-reecriture', 'validation-experte', 'test-usagers', 'publie'] as const) store.setStatus(a, s);
    store.setStatus(c, 'a-reecrire');
    const year = new Date().getFullYear();
    const all = store.indicators(year);
    expect(all).toMatchObject({ year, service: null, mapped: 3, rewritten: 1, released: 1, byStatus: { publie: 1, 'a-reecrire': 1, identifie: 1 } });
    expect(all.meanScoreBefore).toBeCloseTo(rs[0]!.score.value, 1);
    expect(all.meanScoreAfter).toBeCloseTo(rs[3]!.score.value, 1);
    const complete = [rs[3]!, rs[1]!, rs[2]!].filter((r) => !r.mentions.some((m) => m.status === 'missing' || m.status === 'partial')).length;
    expect(all.withAllMentions).toBeCloseTo(complete / 3, 3);
    expect(all.byService.map((s) => [s.service, s.mapped, s.rewritten, s.released])).toEqual([
      ['CAF', 2, 1, 1],
      ['DGFiP', 1, 0, 0],
    ]);
    expect(store.indicators(year, 'DGFiP')).toMatchObject({ mapped: 1, rewritten: 0, byStatus: { 'a-reecrire': 1 } });
    expect(store.indicators(year - 1)).toMatchObject({ mapped: 0, rewritten: 0, released: 0, meanScoreBefore: null, withAllMentions: null });
  });
});

describe('near-duplicate signatures', () => {
  it('signs, when the map opens, versions stored without a signature (added through the API before the fix)', async () => {
    const { openMap, signatureBytes } = await import('../../src/map/service.js');
    const { DEFAULT_WEIGHTS } = await import('../../src/map/priority.js');
    const file = dbFile();
    const store = openMap(openDatabase(file), DEFAULT_WEIGHTS);
    const [a, b] = [...reports.values()];
    const { documentId } = saveReport(store, a!, { path: 'a.txt' });
    // A version added without its signature, as the versions route did.
    store.addVersion(documentId, { report: b!, sha256: b!.source.sha256, bytes: b!.source.bytes, format: b!.source.format, filename: null, author: null, comment: null });
    expect(store.signatures().map((r) => r.id)).not.toContain(documentId);
    const reopened = openMap(openDatabase(file), DEFAULT_WEIGHTS);
    const signed = reopened.signatures().find((r) => r.id === documentId);
    expect(signed && Buffer.compare(signed.signature, Buffer.from(signatureBytes(b!.text)))).toBe(0);
  });
});
