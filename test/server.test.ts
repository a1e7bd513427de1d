/** The real server: `clarte serve` on a socket, answering over HTTP, stopping cleanly on SIGTERM. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../src/paths.js';

describe('clarte serve', () => {
  it('listens, analyses over a real socket and shuts down on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'clarte.mjs'), 'serve', '--port', '0'], {
      env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'clarte-serve-')), 'clarte.db') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listen line:\n${log}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        log += d.toString();
        const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${log}`)));
    });
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
    expect(log).toContain('clarte users add');
    // A long analysis in flight when SIGTERM arrives still gets its answer before the process stops.
    const long = 'Votre dossier sera examiné par la commission départementale. '.repeat(12_000);
    const inFlight = fetch(`${url}/api/v1/analyses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: long }) });
    await new Promise((r) => setTimeout(r, 150));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    child.kill('SIGTERM');
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { stats: { sentences: number } }).stats.sentences).toBeGreaterThan(10_000);
    expect(await exited).toBe(0);
    // No letter text in the logs: nothing of the analysed text is stored or logged.
    expect(log).not.toContain('commission');
  });
});
