/**
 * The audits' store on each engine (SQLite always, PostgreSQL when CLARTE_TEST_POSTGRES_URL is set, as
 * in CI): an audit and its files recorded at once, progress seen from another connection (another
 * instance), bytes dropped once a file is analysed, unfinished audits found again.
 */
import { describe, expect, it } from 'vitest';
import type { AuditRow } from '../../src/audit.js';
import { auditStore } from '../../src/store/audits.js';
import { auditLog } from '../../src/store/audit-log.js';
import { ENGINES } from '../helpers/databases.js';

const row = (file: string, extra: Partial<AuditRow> = {}): AuditRow => ({ file, format: 'txt', pages: 1, words: 120, score: 71, grade: 'B', alerts: 3, ...extra }) as AuditRow;

describe.each(ENGINES)('audits ($name)', (engine) => {
  it('records an audit with its files, shows progress to another instance, drops each file’s bytes once analysed', async () => {
    const db = await engine.fresh();
    const a = auditStore(db.sql);
    const b = auditStore(await db.reopen());
    const files = [
      { path: 'caf/refus.txt', data: Buffer.from('Madame, votre demande est refusée.') },
      { path: 'caf/binaire.bin', data: Buffer.from([0, 1, 2, 255, 0]) },
      { path: 'caf/vide.txt', data: Buffer.alloc(0) },
    ];
    await a.create('a1', 'lettre', true, files, 'comms-1');
    expect(await b.get('a1')).toMatchObject({ id: 'a1', status: 'running', profile: 'lettre', save: true, total: 3, done: 0, failed: 0, author: 'comms-1', finishedAt: null });
    expect(await b.pending('a1')).toEqual([
      { seq: 0, path: 'caf/refus.txt', bytes: files[0]!.data.length },
      { seq: 1, path: 'caf/binaire.bin', bytes: 5 },
      { seq: 2, path: 'caf/vide.txt', bytes: 0 },
    ]);
    expect(Buffer.compare(await b.data('a1', 1), files[1]!.data)).toBe(0);
    expect(await b.paths('a1')).toEqual(files.map((f) => f.path));

    await a.finishFile('a1', 0, row('caf/refus.txt'), 'ab'.repeat(32));
    await a.finishFile('a1', 1, row('caf/binaire.bin', { error: { code: 'UNSUPPORTED_FORMAT', message: 'Format non reconnu.' } }), undefined);
    expect(await b.get('a1')).toMatchObject({ done: 2, failed: 1 });
    expect((await b.rows('a1')).map((r) => r.file)).toEqual(['caf/refus.txt', 'caf/binaire.bin']);
    expect((await b.data('a1', 0)).length).toBe(0); // bytes dropped once analysed
    expect(await b.pending('a1')).toHaveLength(1);
    expect(await b.unfinished()).toEqual(['a1']);

    await a.finishFile('a1', 2, row('caf/vide.txt', { error: { code: 'EMPTY_DOCUMENT', message: 'Document vide.' } }), undefined);
    await a.setStatus('a1', 'done');
    const done = await b.get('a1');
    expect(done).toMatchObject({ status: 'done', done: 3, failed: 2 });
    expect(done!.finishedAt).toEqual(expect.any(String));
    expect(await b.unfinished()).toEqual([]);
    expect(await b.get('inconnu')).toBeUndefined();
  });

  it('lists the latest audits first, and creates an audit all or nothing', async () => {
    const db = await engine.fresh();
    const store = auditStore(db.sql);
    await store.create('premier', 'lettre', false, [{ path: 'a.txt', data: Buffer.from('a') }], null);
    await new Promise((r) => setTimeout(r, 5));
    await store.create('second', 'formulaire', true, [{ path: 'b.txt', data: Buffer.from('b') }], 'comms-1');
    expect((await store.list()).map((a) => a.id)).toEqual(['second', 'premier']);
    // the same id again: refused, and no file of it recorded
    await expect(store.create('second', 'lettre', true, [{ path: 'c.txt', data: Buffer.from('c') }], null)).rejects.toThrow();
    expect(await store.paths('second')).toEqual(['b.txt']);
  });
});

describe.each(ENGINES)('audit log ($name)', (engine) => {
  it('records who did what, newest first, by target and by page', async () => {
    const db = await engine.fresh();
    const log = auditLog(db.sql);
    await log.record('clarte users', 'user.create', 'user:1', { login: 'marie', role: 'comms' });
    await log.record({ userId: 1, login: 'marie', name: 'Marie', role: 'comms', service: null, via: 'token' }, 'document.status', 'document:4', { from: 'identifie', to: 'a-reecrire' });
    await log.record('démarrage', 'document.delete', 'document:5');
    const all = await auditLog(await db.reopen()).list();
    expect(all.map((e) => [e.actor, e.action, e.target, e.userId])).toEqual([
      ['démarrage', 'document.delete', 'document:5', null],
      ['marie', 'document.status', 'document:4', 1],
      ['clarte users', 'user.create', 'user:1', null],
    ]);
    expect(all[1]!.details).toEqual({ from: 'identifie', to: 'a-reecrire' });
    expect(all[0]!.details).toBeNull();
    expect((await log.list({ target: 'document:4' })).map((e) => e.action)).toEqual(['document.status']);
    expect((await log.list({ before: all[0]!.id, limit: 1 })).map((e) => e.action)).toEqual(['document.status']);
  });
});
