/**
 * Distributed audits on PostgreSQL, end to end: two instances of the app share one database; an audit
 * sent to one goes into the queue; two real `clarte worker` processes analyse its files; one is
 * killed (SIGKILL) in the middle; the other finishes, the killed worker's files included once their
 * jobs expire; both instances show the progress; every file is on the map exactly once.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { ROOT } from '../src/paths.js';
import { postgresSql } from '../src/store/sql.js';
import { AUDIT_QUEUE, openQueue } from '../src/map/audit-queue.js';
import { sendToken, createAccount } from './helpers/accounts.js';
import { freshPostgres, POSTGRES_URL } from './helpers/databases.js';
import { ourLibrary } from './helpers/library.js';
import { multipart } from './helpers/multipart.js';

const LETTERS = join(ROOT, 'corpora', 'lettres');
const names = () => readdirSync(LETTERS).filter((f) => f.endsWith('.txt')).sort();
const CLI = join(ROOT, 'dist', 'src', 'clarte.mjs');
const children: ChildProcessWithoutNullStreams[] = [];
const apps: FastifyInstance[] = [];

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const a of apps) await a.close();
});

/** A `clarte worker` process, once it says it is ready. */
async function worker(env: Record<string, string>): Promise<{ child: ChildProcessWithoutNullStreams; out: { text: string } }> {
  const child = spawn(process.execPath, [CLI, 'worker'], { env: { ...process.env, ...env } });
  children.push(child);
  const out = { text: '' };
  child.stdout.on('data', (d: Buffer) => (out.text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out.text += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker not ready:\n${out.text}`)), 30_000);
    child.stdout.on('data', () => {
      if (out.text.includes('Travailleur prêt')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`worker exited (${code}):\n${out.text}`)));
  });
  return { child, out };
}

/** A fresh database, an instance with the queue (jobs expire after 3 s) sending a comms account's token, and a letter. */
async function queuedInstance(): Promise<{ env: Record<string, string>; config: ReturnType<typeof loadConfig>; app: FastifyInstance; letter: string }> {
  const DATABASE_URL = await freshPostgres();
  const env = { DATABASE_URL, AUDIT_QUEUE: 'true', AUDIT_JOB_EXPIRE_SECONDS: '3', AUDIT_QUEUE_CHECK_SECONDS: '1', AUDIT_WORKERS: '1', LOG_LEVEL: 'silent' };
  const config = loadConfig(env);
  const token = await createAccount(DATABASE_URL, { login: 'comms', role: 'comms' });
  const app = await buildApp({ config, library: await ourLibrary() });
  sendToken(app, token);
  apps.push(app);
  return { env, config, app, letter: readFileSync(join(LETTERS, names()[0]!), 'utf8') };
}

describe.skipIf(!POSTGRES_URL)('distributed audits (PostgreSQL, clarte worker)', () => {
  it('runs an audit on two workers, one killed in the middle, with every file once on the map and progress seen from both instances', async () => {
    const DATABASE_URL = await freshPostgres();
    // a killed worker's jobs come back after 3 s (checked every second); one reading thread per worker
    const env = { DATABASE_URL, AUDIT_QUEUE: 'true', AUDIT_JOB_EXPIRE_SECONDS: '3', AUDIT_QUEUE_CHECK_SECONDS: '1', AUDIT_WORKERS: '1', LOG_LEVEL: 'silent' };
    const config = loadConfig(env);
    const token = await createAccount(DATABASE_URL, { login: 'comms', role: 'comms' });
    for (let i = 0; i < 2; i++) {
      const app = await buildApp({ config, library: await ourLibrary() });
      sendToken(app, token);
      apps.push(app);
    }
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    // started together on a new database: both create the queue at once
    const [first, second] = await Promise.all([worker(env), worker(env)]);

    // every letter of the corpus three times, each copy distinct: enough work to cut in the middle
    const files = names().flatMap((f) => [1, 2, 3].map((n) => ({ name: 'file', filename: `${n}-${f}`, content: `${readFileSync(join(LETTERS, f), 'utf8')}\nCopie ${n}.\n` })));
    const sent = await a.inject({ method: 'POST', url: '/api/v1/audits', ...multipart(files) });
    expect(sent.statusCode).toBe(202);
    const id = sent.json().id as string;

    // the other instance sees the audit progress; the first worker is killed once files are done
    let seen = 0;
    for (let i = 0; i < 600 && seen < 10; i++) {
      seen = (await b.inject({ url: `/api/v1/audits/${id}` })).json().done as number;
      if (seen < 10) await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen).toBeGreaterThanOrEqual(10);
    expect(seen).toBeLessThan(files.length);
    const killed = new Promise<NodeJS.Signals | null>((resolve) => first.child.on('exit', (_c, s) => resolve(s)));
    first.child.kill('SIGKILL');
    expect(await killed).toBe('SIGKILL');

    let audit: { status: string; done: number; failed: number; total: number } = { status: 'running', done: 0, failed: 0, total: 0 };
    for (let i = 0; i < 1200 && audit.status !== 'done'; i++) {
      audit = (await a.inject({ url: `/api/v1/audits/${id}` })).json();
      if (audit.status !== 'done') await new Promise((r) => setTimeout(r, 100));
    }
    expect(audit).toMatchObject({ status: 'done', done: files.length, failed: 0, total: files.length });
    expect((await b.inject({ url: `/api/v1/audits/${id}` })).json()).toMatchObject({ status: 'done', done: files.length });

    // every file once on the map: one document per path, one version each
    const sql = postgresSql(DATABASE_URL, { max: 1 });
    try {
      const counts = (await sql.get<{ documents: number; paths: number; versions: number }>(
        'SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(DISTINCT path) FROM documents) AS paths, (SELECT count(*) FROM versions) AS versions',
      ))!;
      expect(counts).toEqual({ documents: files.length, paths: files.length, versions: files.length });
      const rows = await sql.all<{ state: string; document_id: number | null }>('SELECT state, document_id FROM audit_files WHERE audit_id = ?', [id]);
      expect(rows.every((r) => r.state === 'done' && r.document_id !== null)).toBe(true);
      expect(new Set(rows.map((r) => r.document_id)).size).toBe(files.length);
      // the killed worker held files: their jobs expired and were done again by the other
      const retried = await sql.get<{ n: number }>("SELECT count(*) AS n FROM clarte_queue.job WHERE name = 'clarte-audit-file' AND retry_count > 0");
      expect(retried!.n).toBeGreaterThan(0);
    } finally {
      await sql.close();
    }
    const csv = (await b.inject({ url: `/api/v1/audits/${id}/results.csv` })).body.trim().split('\r\n');
    expect(csv).toHaveLength(files.length + 1);

    // the survivor stops cleanly, saying how many files it recorded
    const stopped = new Promise<number | null>((resolve) => second.child.on('exit', (c) => resolve(c)));
    second.child.kill('SIGTERM');
    expect(await stopped).toBe(0);
    const recorded = Number(/Travailleur arrêté : (\d+) fichier/.exec(second.out.text)?.[1]);
    // (how the files split between the two depends on timing: the survivor did at least the retried ones)
    expect(recorded).toBeGreaterThan(0);
    expect(recorded).toBeLessThanOrEqual(files.length);
  }, 240_000);

  it('gives the job of each file the expiry of the instance that received its audit, whatever another instance set', async () => {
    const { config, app, letter } = await queuedInstance();
    const send = (name: string) => app.inject({ method: 'POST', url: '/api/v1/audits', ...multipart([{ name: 'file', filename: name, content: letter }]) });
    expect((await send('a.txt')).statusCode).toBe(202);
    // another instance, configured otherwise, starts: it sets the queue's default to its own value
    const boss = await openQueue({ ...config, AUDIT_JOB_EXPIRE_SECONDS: 120 }, () => {});
    try {
      expect((await send('b.txt')).statusCode).toBe(202);
      const jobs = (await boss.fetch(AUDIT_QUEUE, { batchSize: 10 })) ?? [];
      expect(jobs.map((j) => Number(j.expireInSeconds))).toEqual([3, 3]);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  }, 60_000);

  it('records a file whose job failed every attempt as an error, and its audit ends', async () => {
    const { env, config, app, letter } = await queuedInstance();
    const sent = await app.inject({ method: 'POST', url: '/api/v1/audits', ...multipart([{ name: 'file', filename: 'a.txt', content: letter }, { name: 'file', filename: 'b.txt', content: `${letter}\nB.\n` }]) });
    const id = sent.json().id as string;
    // no worker yet: the two jobs fail every attempt (as if each worker taking them died)
    const boss = await openQueue(config, () => {});
    try {
      for (let attempt = 0; attempt < 10; attempt++) {
        const jobs = await boss.fetch(AUDIT_QUEUE, { batchSize: 10 });
        if (!jobs?.length) break;
        for (const job of jobs) await boss.fail(AUDIT_QUEUE, job.id, { message: 'arrêté' });
      }
      expect(await boss.getQueueSize(AUDIT_QUEUE)).toBe(0);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    expect((await app.inject({ url: `/api/v1/audits/${id}` })).json()).toMatchObject({ status: 'running', done: 0 });
    const { child } = await worker(env);
    let audit = { status: 'running', done: 0, failed: 0 };
    for (let i = 0; i < 300 && audit.status !== 'done'; i++) {
      audit = (await app.inject({ url: `/api/v1/audits/${id}` })).json();
      if (audit.status !== 'done') await new Promise((r) => setTimeout(r, 100));
    }
    expect(audit).toMatchObject({ status: 'done', done: 2, failed: 2 });
    const rows = (await app.inject({ url: `/api/v1/audits/${id}/results.json` })).json();
    expect(JSON.stringify(rows)).toContain('Analyse abandonnée après plusieurs tentatives');
    child.kill('SIGTERM');
  }, 120_000);
});
