/** Audits over HTTP on the real app and store (SQLite, and PostgreSQL when CLARTE_TEST_POSTGRES_URL is set): many files or a zip, progress, results, exports, resumption after a stop. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { makeLetterDocx, makeZip } from '../scripts/documents.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { ROOT } from '../src/paths.js';
import { ourLibrary } from './helpers/library.js';
import { multipart } from './helpers/multipart.js';
import { actAs } from './helpers/accounts.js';
import { ENGINES, type TestDatabase } from './helpers/databases.js';

const LETTERS = join(ROOT, 'corpora', 'lettres');
const letters = readdirSync(LETTERS).filter((f) => f.endsWith('.txt')).sort();
const apps: FastifyInstance[] = [];
const accounts = new Map<string, number>();

type Where = TestDatabase['env'];
const place = (env: Where): string => ('DATABASE_URL' in env ? env.DATABASE_URL : env.DATABASE_PATH);

/** An app on the database, opened by the app itself as the server does. */
async function start(env: Where, resumeAudits = false): Promise<FastifyInstance> {
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', ...env }), library: await ourLibrary(), resumeAudits });
  apps.push(app);
  // One account per app on a database: comms-1, comms-2…
  const n = (accounts.get(place(env)) ?? 0) + 1;
  accounts.set(place(env), n);
  await actAs(app, place(env), { login: `comms-${n}`, role: 'comms' });
  return app;
}
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

/** Waits for an audit to end (a guard against a hang, not a measure: up to two minutes on a loaded machine). */
async function finished(app: FastifyInstance, id: string) {
  for (let i = 0; i < 2400; i++) {
    const res = await app.inject({ url: `/api/v1/audits/${id}` });
    const body = res.json();
    if (body.status !== 'running') return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('audit not finished');
}

describe.each(ENGINES)('audits over HTTP ($name)', (engine) => {
  const database = async (): Promise<Where> => (await engine.fresh()).env;
  it('audits many files, saves them on the map, and exports the results', async () => {
    const app = await start(await database());
    const body = multipart([
      ...letters.slice(0, 3).map((f) => ({ name: 'file', filename: f, content: readFileSync(join(LETTERS, f)) })),
      { name: 'file', filename: 'modele.docx', content: await makeLetterDocx() },
      { name: 'file', filename: 'casse.pdf', content: '%PDF-1.4 tronqué' },
    ]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/audits', ...body });
    expect(res.statusCode).toBe(202);
    const { id, total } = res.json();
    expect(total).toBe(5);
    expect(res.headers.location).toBe(`/api/v1/audits/${id}`);
    const audit = await finished(app, id);
    expect(audit).toMatchObject({ status: 'done', total: 5, done: 5, failed: 1, author: 'comms-1', save: true });
    expect(audit.summary).toMatchObject({ analysed: 4, failed: 1, errors: { UNREADABLE: 1 }, newDocuments: 4 });
    expect(audit.files.map((f: { file: string }) => f.file)).toEqual([...letters.slice(0, 3), 'modele.docx', 'casse.pdf']);
    const map = (await app.inject({ url: '/api/v1/documents' })).json();
    expect(map.total).toBe(4);
    expect(map.items.map((d: { path: string }) => d.path).sort()).toEqual([...letters.slice(0, 3), 'modele.docx'].sort());
    const csv = (await app.inject({ url: `/api/v1/audits/${id}/results.csv` })).body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv).toHaveLength(6);
    expect(csv[5]).toMatch(/^casse\.pdf;.*;UNREADABLE;/);
    const json = (await app.inject({ url: `/api/v1/audits/${id}/results.json` })).json();
    expect(json.schema).toBe('clarte/audit@1');
    expect(json.documents).toHaveLength(5);
    expect((await app.inject({ url: '/api/v1/audits' })).json().items[0].id).toBe(id);
    // The same files again: nothing new on the map.
    const again = await app.inject({ method: 'POST', url: '/api/v1/audits', ...body });
    expect((await finished(app, again.json().id)).summary).toMatchObject({ newDocuments: 0, unchanged: 4 });
    expect((await app.inject({ url: '/api/v1/documents' })).json().total).toBe(4);
  });

  it('opens a zip, keeps its folders in the paths, skips hidden entries, and can leave the map alone', async () => {
    const app = await start(await database());
    const zip = await makeZip([
      { name: `caf/${letters[0]}`, data: readFileSync(join(LETTERS, letters[0]!)) },
      { name: `impots/${letters[4]}`, data: readFileSync(join(LETTERS, letters[4]!)) },
      { name: '__MACOSX/caf/._x.txt', data: 'junk' },
      { name: 'caf/.DS_Store', data: 'junk' },
    ]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/audits', ...multipart([{ name: 'file', filename: 'modeles.zip', content: zip }, { name: 'save', content: 'false' }]) });
    expect(res.statusCode).toBe(202);
    const audit = await finished(app, res.json().id);
    expect(audit.files.map((f: { file: string }) => f.file)).toEqual([`caf/${letters[0]}`, `impots/${letters[4]}`]);
    expect(audit.save).toBe(false);
    expect((await app.inject({ url: '/api/v1/documents' })).json().total).toBe(0);
  });

  it('refuses bad requests clearly', async () => {
    const app = await start(await database());
    expect((await app.inject({ method: 'POST', url: '/api/v1/audits', payload: { text: 'x' } })).statusCode).toBe(400);
    const bad = await app.inject({ method: 'POST', url: '/api/v1/audits', ...multipart([{ name: 'file', filename: 'a.txt', content: 'Bonjour.' }, { name: 'profile', content: 'inconnu' }]) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('UNKNOWN_PROFILE');
    const broken = await app.inject({ method: 'POST', url: '/api/v1/audits', ...multipart([{ name: 'file', filename: 'lot.zip', content: 'PK\u0003\u0004 pas une archive' }]) });
    expect(broken.statusCode).toBe(422);
    expect((await app.inject({ url: '/api/v1/audits/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/audits/pas-un-id' })).statusCode).toBe(400);
  });

  it('resumes an audit cut short by a stop, without analysing or saving a file twice', async () => {
    const db = await database();
    const first = await start(db);
    // Enough work to be cut in the middle: every letter six times, each copy distinct.
    const files = letters.flatMap((f) => [1, 2, 3, 4, 5, 6].map((n) => ({ name: 'file', filename: `${n}-${f}`, content: `${readFileSync(join(LETTERS, f), 'utf8')}\nCopie ${n}.\n` })));
    const res = await first.inject({ method: 'POST', url: '/api/v1/audits', ...multipart(files) });
    const { id } = res.json();
    await first.close(); // stops taking files at once
    apps.splice(apps.indexOf(first), 1);
    const second = await start(db);
    const cut = (await second.inject({ url: `/api/v1/audits/${id}` })).json();
    expect(cut.status).toBe('running');
    expect(cut.done).toBeLessThan(files.length);
    await second.close();
    apps.splice(apps.indexOf(second), 1);

    const third = await start(db, true);
    const audit = await finished(third, id);
    expect(audit).toMatchObject({ status: 'done', total: files.length, done: files.length, failed: 0 });
    expect(audit.files).toHaveLength(files.length);
    // every file saved once, as a new document, whether before the stop (its row recorded with its save,
    // cut.done of them) or after the resume; none found again on the map and called unchanged
    expect(audit.summary.newDocuments).toBe(files.length);
    expect(audit.summary.unchanged).toBe(0);
    const paths: string[] = [];
    for (let page = 1; page <= 2; page++) paths.push(...(await third.inject({ url: `/api/v1/documents?perPage=200&page=${page}` })).json().items.map((d: { path: string }) => d.path));
    expect(paths).toHaveLength(files.length);
    expect(new Set(paths).size).toBe(files.length);
  }, 180_000);
});
