/** Operations on the real database: readiness, online backup while another process writes, restore, retention. */
import { spawn } from 'node:child_process';
import { mkdtempSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { Ingestor } from '../src/ingest/ingest.js';
import { ROOT } from '../src/paths.js';
import { checkDatabase } from '../src/store/backup.js';
import { openDatabase } from '../src/store/db.js';
import { purge } from '../src/store/retention.js';
import { clarte } from './helpers/cli.js';
import { ourLibrary } from './helpers/library.js';
import { actAs } from './helpers/accounts.js';
import { multipart } from './helpers/multipart.js';
import { sqliteSql } from '../src/store/sql.js';

const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

describe('readiness', () => {
  it('answers 200 when the database, the rules and the readers are ready, and 503 naming what is not', async () => {
    const library = await ourLibrary();
    const config = loadConfig({ LOG_LEVEL: 'silent', INGEST_WORKERS: '1' });
    const ingestor = new Ingestor(config, library, undefined, 1);
    await ingestor.start();
    const db = openDatabase(':memory:');
    const app = await buildApp({ config, library, db, ingestor });
    try {
      const ok = await app.inject({ url: '/ready' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ status: 'ready', checks: { database: { ok: true }, rules: { ok: true }, workers: { ok: true } } });
      expect(ok.json().checks.workers.detail).toMatch(/^1 prêts sur 1/);
      expect(ok.json().checks.rules.detail).toMatch(/\d+ règles \(profil lettre\)/);
      db.close();
      const down = await app.inject({ url: '/ready' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ status: 'not-ready', checks: { database: { ok: false, detail: 'la base ne répond pas' }, rules: { ok: true } } });
      expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('backup and restore', () => {
  it('backs up a consistent copy while another process keeps writing, and restores it', async () => {
    const dir = tmp('clarte-backup-');
    const DATABASE_PATH = join(dir, 'clarte.db');
    const seed = openDatabase(DATABASE_PATH);
    // Some bulk, so that the copy takes several steps.
    const insert = seed.prepare("INSERT INTO audit_log (at, actor, action, target, details) VALUES ('2026-01-01', 'seed', 'seed', NULL, ?)");
    seed.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run('x'.repeat(2000));
    })();
    seed.close();
    // Another process writes pairs of rows, each pair in one transaction, until told to stop.
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]); db.pragma('busy_timeout = 5000');
         const ins = db.prepare("INSERT INTO audit_log (at, actor, action) VALUES ('2026-01-01', 'writer', ?)");
         const pair = db.transaction(() => { ins.run('a'); ins.run('b'); });
         let n = 0; const tick = () => { pair(); n++; if (n === 20) process.stdout.write('go\\n'); setTimeout(tick, 1); }; tick();
         process.on('SIGTERM', () => { db.close(); process.exit(0); });`,
        DATABASE_PATH,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => writer.stdout.once('data', () => resolve()));
    const backups = [join(dir, 'sauvegardes', 'b1.db'), join(dir, 'sauvegardes', 'b2.db')];
    const runs = backups.map((b) => clarte(['backup', b], undefined, { DATABASE_PATH }));
    writer.kill('SIGTERM');
    await new Promise((r) => writer.on('exit', r));
    for (const [i, r] of runs.entries()) {
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/Sauvegarde vérifiée/);
      const copy = openDatabase(backups[i]!);
      const counts = copy.prepare("SELECT action, count(*) AS n FROM audit_log WHERE actor = 'writer' GROUP BY action").all() as { action: string; n: number }[];
      const a = counts.find((c) => c.action === 'a')?.n ?? 0;
      const b = counts.find((c) => c.action === 'b')?.n ?? 0;
      expect(a).toBeGreaterThanOrEqual(20);
      expect(b).toBe(a); // never half a transaction
      expect((copy.prepare("SELECT count(*) AS n FROM audit_log WHERE actor = 'seed'").get() as { n: number }).n).toBe(3000);
      copy.close();
    }
    expect(readdirSync(join(dir, 'sauvegardes')).filter((f) => f.endsWith('.partiel'))).toEqual([]);

    // Restore into the live path: the old file is kept beside it.
    const restored = clarte(['restore', backups[0]!], undefined, { DATABASE_PATH });
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Base restaurée/);
    const kept = /gardée : (.+)$/m.exec(restored.stdout)?.[1];
    expect(kept && existsSync(kept)).toBe(true);
    expect(checkDatabase(DATABASE_PATH).schema).toBeGreaterThanOrEqual(4);
    // A file that is not a database is refused, and the live database is untouched.
    const junk = join(dir, 'pas-une-base.db');
    writeFileSync(junk, 'ceci n’est pas une base SQLite'.repeat(200));
    const refused = clarte(['restore', junk], undefined, { DATABASE_PATH });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/UNREADABLE/);
    expect(checkDatabase(DATABASE_PATH).schema).toBeGreaterThanOrEqual(4);
    expect(clarte(['backup'], undefined, { DATABASE_PATH }).status).toBe(2);
  });
});

/** Runs the real command line without blocking this process (an audit goes on meanwhile). */
function clarteAsync(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'clarte.mjs'), ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('backup during a batch audit', () => {
  it('restores to a consistent database, whose unfinished audit then completes without duplicates', async () => {
    const dir = tmp('clarte-backup-audit-');
    const DATABASE_PATH = join(dir, 'clarte.db');
    const library = await ourLibrary();
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', DATABASE_PATH, INGEST_WORKERS: '1' }), library });
    await actAs(app, DATABASE_PATH, { login: 'comms', role: 'comms' });
    const letters = readdirSync(join(ROOT, 'corpora', 'lettres')).filter((f) => f.endsWith('.txt'));
    const files = letters.flatMap((f) => [1, 2].map((n) => ({ name: 'file', filename: `${n}-${f}`, content: `${readFileSync(join(ROOT, 'corpora', 'lettres', f), 'utf8')}\nCopie ${n}.\n` })));
    const started = await app.inject({ method: 'POST', url: '/api/v1/audits', ...multipart(files) });
    expect(started.statusCode).toBe(202);
    const id = started.json().id as string;
    const progress = async () => (await app.inject({ url: `/api/v1/audits/${id}` })).json() as { status: string; done: number; total: number };
    while ((await progress()).done < 5) await new Promise((r) => setTimeout(r, 20));
    const backupFile = join(dir, 'pendant-audit.db');
    const backup = await clarteAsync(['backup', backupFile], { DATABASE_PATH });
    const during = await progress();
    await app.close(); // the audit stops here; the live database is not needed any more
    expect(backup.status, backup.stderr).toBe(0);
    expect(during.done).toBeLessThan(during.total); // the audit was still running when the copy was taken

    const RESTORED = join(dir, 'restauree', 'clarte.db');
    expect((await clarteAsync(['restore', backupFile], { DATABASE_PATH: RESTORED })).status).toBe(0);
    const db = openDatabase(RESTORED);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const orphans = db.prepare('SELECT count(*) AS n FROM documents d LEFT JOIN versions v ON v.id = d.latest_version_id WHERE v.id IS NULL OR v.document_id != d.id').get() as { n: number };
    expect(orphans.n).toBe(0);
    const saved = db.prepare("SELECT count(*) AS n FROM audit_files WHERE audit_id = ? AND state = 'done'").get(id) as { n: number };
    expect((db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(saved.n);
    db.close();

    // The restored database resumes the audit and completes it: every file once on the map.
    const resumed = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', DATABASE_PATH: RESTORED, INGEST_WORKERS: '1' }), library, resumeAudits: true });
    try {
      await actAs(resumed, RESTORED, { login: 'comms-2', role: 'comms' });
      for (let i = 0; i < 1200; i++) {
        const p = (await resumed.inject({ url: `/api/v1/audits/${id}` })).json() as { status: string };
        if (p.status === 'done') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const map = (await resumed.inject({ url: '/api/v1/documents?perPage=200' })).json() as { total: number; items: { path: string }[] };
      expect(map.total).toBe(files.length);
      expect(new Set(map.items.map((d) => d.path)).size).toBe(files.length);
    } finally {
      await resumed.close();
    }
  });
});

describe('retention', () => {
  it('deletes replaced versions and finished audits past their retention, and expired sessions, never a latest version', async () => {
    const db = openDatabase(':memory:');
    const old = '2020-01-01T00:00:00.000Z';
    const now = new Date('2026-11-28T12:00:00Z');
    db.exec(`INSERT INTO documents (id, title, status, created_at, updated_at) VALUES (1, 'Refus', 'identifie', '${old}', '${old}')`);
    const v = db.prepare(
      "INSERT INTO versions (document_id, number, sha256, format, bytes, text, report, score, grade, doc_type, created_at) VALUES (1, ?, ?, 'txt', 1, 't', '{}', 50, 'C', 'autre', ?)",
    );
    v.run(1, 'a', old);
    v.run(2, 'b', '2026-11-01T00:00:00.000Z');
    const latest = v.run(3, 'c', old).lastInsertRowid;
    db.prepare('UPDATE documents SET latest_version_id = ? WHERE id = 1').run(latest);
    db.exec(`INSERT INTO audits (id, status, profile, save, total, created_at, finished_at) VALUES ('vieux', 'done', 'lettre', 1, 0, '${old}', '${old}'),
      ('recent', 'done', 'lettre', 1, 0, '2026-11-20T00:00:00.000Z', '2026-11-20T00:00:00.000Z'), ('en-cours', 'running', 'lettre', 1, 0, '${old}', NULL)`);
    db.exec(`INSERT INTO users (id, login, name, role, created_at, updated_at) VALUES (1, 'u', 'u', 'comms', '${old}', '${old}')`);
    db.exec(`INSERT INTO sessions (hash, user_id, csrf, created_at, expires_at) VALUES (x'01', 1, 'c', '${old}', '${old}'), (x'02', 1, 'c', '${old}', '2027-01-01T00:00:00.000Z')`);
    const config = { VERSION_RETENTION_DAYS: 365, AUDIT_RETENTION_DAYS: 30 };
    expect(await purge(sqliteSql(db), config, { now, dryRun: true })).toEqual({ versions: 1, audits: 1, sessions: 1, volunteers: 0 });
    expect((db.prepare('SELECT count(*) AS n FROM versions').get() as { n: number }).n).toBe(3);
    expect(await purge(sqliteSql(db), config, { now })).toEqual({ versions: 1, audits: 1, sessions: 1, volunteers: 0 });
    expect((db.prepare('SELECT number FROM versions ORDER BY number').all() as { number: number }[]).map((r) => r.number)).toEqual([2, 3]);
    expect((db.prepare('SELECT id FROM audits ORDER BY id').all() as { id: string }[]).map((r) => r.id)).toEqual(['en-cours', 'recent']);
    expect(await purge(sqliteSql(db), { VERSION_RETENTION_DAYS: 0, AUDIT_RETENTION_DAYS: 0 }, { now: new Date('2030-01-01') })).toEqual({ versions: 0, audits: 0, sessions: 1, volunteers: 0 });
    db.close();
  });

  it('erases volunteers without activity past their retention, keeping their anonymous answers', async () => {
    const db = openDatabase(':memory:');
    const old = '2023-01-01T00:00:00.000Z';
    const recent = '2026-11-01T00:00:00.000Z';
    const now = new Date('2026-11-28T12:00:00Z');
    const add = db.prepare(
      "INSERT INTO volunteers (id, pseudonym, contact, consent_version, consent_at, manage_hash, created_at, last_active_at) VALUES (?, ?, ?, '2026-11', ?, randomblob(32), ?, ?)",
    );
    add.run(1, 'Ancien', 'ancien@example.org', old, old, old);
    add.run(2, 'Actif', 'actif@example.org', old, old, recent);
    db.exec(`INSERT INTO documents (id, title, status, created_at, updated_at) VALUES (1, 'Refus', 'identifie', '${old}', '${old}')`);
    db.exec(`INSERT INTO campaigns (id, document_id, version_number, title, panel_size, status, created_at) VALUES (1, 1, 1, 'Test', 5, 'open', '${old}')`);
    db.exec(`INSERT INTO invitations (campaign_id, volunteer_id, hash, created_at, expires_at) VALUES (1, 1, randomblob(32), '${old}', '2030-01-01')`);
    db.exec(`INSERT INTO responses (campaign_id, rating, answered_at) VALUES (1, 9, '2023-01-02')`);
    const config = { VERSION_RETENTION_DAYS: 0, AUDIT_RETENTION_DAYS: 0, VOLUNTEER_RETENTION_DAYS: 730 };
    expect((await purge(sqliteSql(db), config, { now, dryRun: true })).volunteers).toBe(1);
    expect((await purge(sqliteSql(db), config, { now })).volunteers).toBe(1);
    expect(db.prepare('SELECT id, pseudonym, contact, erased_at IS NOT NULL AS erased FROM volunteers ORDER BY id').all()).toEqual([
      { id: 1, pseudonym: null, contact: null, erased: 1 },
      { id: 2, pseudonym: 'Actif', contact: 'actif@example.org', erased: 0 },
    ]);
    expect((db.prepare('SELECT count(*) AS n FROM invitations').get() as { n: number }).n).toBe(0);
    expect((db.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n).toBe(1);
    expect((await purge(sqliteSql(db), config, { now })).volunteers).toBe(0);
    db.close();
  });

  it('clarte purge reports what it removes', () => {
    const DATABASE_PATH = join(tmp('clarte-purge-'), 'clarte.db');
    const r = clarte(['purge', '--dry-run'], undefined, { DATABASE_PATH });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/À supprimer : 0 version\(s\) remplacée\(s\) depuis plus de 1095 jours, 0 audit\(s\) terminé\(s\) depuis plus de 90 jours/);
  });
});
