/** The real server: `clarte serve` on a socket, answering over HTTP, stopping cleanly on SIGTERM; on SQLite and on PostgreSQL (DATABASE_URL). */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../src/paths.js';
import { freshPostgres, POSTGRES_URL } from './helpers/databases.js';

const CLI = join(ROOT, 'dist', 'src', 'clarte.mjs');

/** Starts `clarte serve` on a free port; its address, the process and its log so far. */
async function serve(env: Record<string, string>) {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { log: '' };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listen line:\n${out.log}`)), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      out.log += d.toString();
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out.log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${out.log}`)));
  });
  return { child, url, out };
}

describe('clarte serve', () => {
  it('listens, analyses over a real socket and shuts down on SIGTERM', async () => {
    const { child, url, out } = await serve({ DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'clarte-serve-')), 'clarte.db') });
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const res = await fetch(`${url}/api/v1/analyses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Votre dossier sera examiné par la commission.' }),
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { alerts: { category: string }[] };
    expect(report.alerts.map((a) => a.category)).toContain('passive-voice');
    // Ready: database, rules and the reading workers (started with the server).
    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(200);
    const checks = ((await ready.json()) as { checks: Record<string, { ok: boolean; detail: string }> }).checks;
    expect(checks.workers!.detail).toMatch(/prêts sur/);
    expect(checks.database!.detail).toMatch(/schéma \d+/);
    // No account yet: the log says how to create the first admin.
    expect(out.log).toContain('clarte users add');
    // A long analysis in flight when SIGTERM arrives (a text this long goes to a worker thread: the event
    // loop sees the signal at once) still gets its answer before the process stops.
    const long = 'Votre dossier sera examiné par la commission départementale. '.repeat(12_000);
    const inFlight = fetch(`${url}/api/v1/analyses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: long }) });
    await new Promise((r) => setTimeout(r, 150));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    child.kill('SIGTERM');
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { stats: { sentences: number } }).stats.sentences).toBeGreaterThan(10_000);
    // (exit 0: its keep-alive connection, closed after the answer, did not hold the shutdown to its limit)
    expect(await exited).toBe(0);
    // No letter text in the logs: nothing of the analysed text is stored or logged.
    expect(out.log).not.toContain('commission');
  });

  it('refuses to start, in one French line, when PostgreSQL is out of reach', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'server.js')], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATABASE_URL: 'postgres://clarte:secret@127.0.0.1:1/clarte' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Clarté ne démarre pas : PostgreSQL \(DATABASE_URL\) : .*ECONNREFUSED/);
    expect(run.stderr).not.toContain('secret');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    // the same through `clarte serve`, whose server module is loaded outside the command line's bundle
    const serve = spawnSync(process.execPath, [CLI, 'serve', '--port', '0'], {
      env: { ...process.env, HOST: '127.0.0.1', DATABASE_URL: 'postgres://clarte:secret@127.0.0.1:1/clarte' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(serve.status).toBe(1);
    expect(serve.stderr).toMatch(/^clarte : PostgreSQL \(DATABASE_URL\) : .*ECONNREFUSED.*\n$/);
    expect(serve.stderr).not.toContain('secret');
    const bad = spawnSync(process.execPath, [CLI, 'serve'], { env: { ...process.env, DATABASE_URL: 'mysql://x@y/z' }, encoding: 'utf8', timeout: 30_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/DATABASE_URL doit commencer par postgres:\/\//);
  });

  it.skipIf(!POSTGRES_URL)('runs on PostgreSQL: the first admin, the map and readiness in the shared database', async () => {
    const DATABASE_URL = await freshPostgres();
    const { child, url } = await serve({ DATABASE_URL, ADMIN_LOGIN: 'admin', ADMIN_PASSWORD: 'une phrase de passe assez longue' });
    try {
      const ready = (await (await fetch(`${url}/ready`)).json()) as { status: string; checks: Record<string, { detail: string }> };
      expect(ready.status).toBe('ready');
      expect(ready.checks.database!.detail).toMatch(/^PostgreSQL, schéma \d+$/);
      // a token made by the command line on the same database opens the server's map
      const made = spawnSync(process.execPath, [CLI, 'users', 'token', 'create', 'admin', '--label', 'test'], { env: { ...process.env, DATABASE_URL }, encoding: 'utf8' });
      expect(made.status, made.stderr).toBe(0);
      const token = /clt_[\w-]+/.exec(made.stdout)![0];
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const saved = await fetch(`${url}/api/v1/documents`, { method: 'POST', headers: auth, body: JSON.stringify({ text: 'Madame, votre demande est refusée. Vous pouvez contester cette décision.', title: 'Refus' }) });
      expect(saved.status).toBe(201);
      const list = (await (await fetch(`${url}/api/v1/documents`, { headers: auth })).json()) as { total: number; items: { title: string }[] };
      expect(list.total).toBe(1);
      expect(list.items[0]!.title).toBe('Refus');
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
