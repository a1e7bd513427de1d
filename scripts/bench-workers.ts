/**
 * Distributed audits on PostgreSQL: `npm run bench:workers [-- --lettres 5000]`.
 *
 * Needs a PostgreSQL server where databases may be created: CLARTE_BENCH_POSTGRES_URL, else
 * CLARTE_TEST_POSTGRES_URL (`eval "$(scripts/postgres-test.sh start)"` starts a throwaway one).
 * The same generated letters (~350 words) are audited and saved on the map three times, each time in
 * a fresh database:
 * 1. baseline: one instance runs the audit itself (AUDIT_QUEUE off), two reading threads;
 * 2. the audit sent to an instance with AUDIT_QUEUE, two `clarte worker` processes (one thread each);
 * 3. the same, one worker killed (SIGKILL) half-way; the other finishes, the killed worker's files
 *    included once their jobs expire (AUDIT_JOB_EXPIRE_SECONDS=10).
 * Each run checks that every file is on the map exactly once. Prints the figures in French and
 * writes them to dist/bench-workers.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { ROOT } from '../src/paths.js';
import { RuleLibrary } from '../src/rules/load.js';
import { userStore } from '../src/store/users.js';
import { migratePostgres } from '../src/store/db.js';
import { postgresSql } from '../src/store/sql.js';
import { generateCorpus } from './bench-corpus.js';
import { fr, writeResults } from './bench-util.js';

const args = process.argv.slice(2);
const i = args.indexOf('--lettres');
const LETTERS = i >= 0 ? Number(args[i + 1]) : 5000;
const BASE = process.env.CLARTE_BENCH_POSTGRES_URL || process.env.CLARTE_TEST_POSTGRES_URL;
const CLI = join(ROOT, 'dist', 'src', 'clarte.mjs');
const startedMs = performance.now();
const w = (s = ''): void => void process.stdout.write(s + '\n');

if (!BASE) {
  process.stderr.write('bench:workers : indiquez un serveur PostgreSQL (CLARTE_BENCH_POSTGRES_URL ; eval "$(scripts/postgres-test.sh start)" en démarre un).\n');
  process.exit(2);
}

/** A new, migrated database on the server; its URL. */
async function freshDatabase(): Promise<string> {
  const name = `clarte_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgresSql(BASE!, { max: 1 });
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  const u = new URL(BASE!);
  u.pathname = `/${name}`;
  const url = u.toString();
  const sql = postgresSql(url, { max: 1 });
  await migratePostgres(sql);
  await sql.close();
  return url;
}

async function dropDatabase(url: string): Promise<void> {
  const admin = postgresSql(BASE!, { max: 1 });
  await admin.exec(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  await admin.close();
}

/** A multipart body of the letters as text files. */
function multipart(letters: { id: string; text: string }[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----clarte${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const l of letters) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${l.id}.txt"\r\nContent-Type: text/plain\r\n\r\n`), Buffer.from(l.text), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function worker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'worker'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Travailleur prêt')) resolve(child);
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`worker exited (${code}): ${out}`)));
  });
}

interface Run {
  name: string;
  seconds: number;
  perSecond: number;
  documents: number;
  versions: number;
  onceEach: boolean;
  killedAt?: number;
}

async function run(name: string, mode: 'local' | 'queue', kill: boolean, letters: { id: string; text: string }[], library: RuleLibrary): Promise<Run> {
  const url = await freshDatabase();
  const env: Record<string, string> = {
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    AUDIT_QUEUE: mode === 'queue' ? 'true' : 'false',
    AUDIT_WORKERS: '1',
    INGEST_WORKERS: '2',
    AUDIT_JOB_EXPIRE_SECONDS: '10',
    AUDIT_QUEUE_CHECK_SECONDS: '2',
  };
  const sql = postgresSql(url, { max: 2 });
  const users = userStore(sql);
  const account = await users.add({ login: 'bench', role: 'comms' });
  const { token } = await users.createToken(account.id, 'bench');
  const app: FastifyInstance = await buildApp({ config: loadConfig(env), library });
  const workers = mode === 'queue' ? await Promise.all([worker(env), worker(env)]) : [];
  const body = multipart(letters);
  const t0 = performance.now();
  const sent = await app.inject({ method: 'POST', url: '/api/v1/audits', payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${token}` } });
  if (sent.statusCode !== 202) throw new Error(`audit refused: ${sent.statusCode} ${sent.body}`);
  const id = sent.json().id as string;
  let killedAt: number | undefined;
  let status = 'running';
  let done = 0;
  while (status !== 'done') {
    await new Promise((r) => setTimeout(r, 200));
    const a = (await app.inject({ url: `/api/v1/audits/${id}`, headers: { authorization: `Bearer ${token}` } })).json();
    status = a.status;
    done = a.done;
    if (kill && killedAt === undefined && done >= letters.length / 2) {
      killedAt = done;
      workers[0]!.kill('SIGKILL');
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const counts = (await sql.get<{ documents: number; paths: number; versions: number; files: number }>(
    `SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(DISTINCT path) FROM documents) AS paths,
            (SELECT count(*) FROM versions) AS versions, (SELECT count(DISTINCT document_id) FROM audit_files WHERE audit_id = ?) AS files`,
    [id],
  ))!;
  for (const c of workers) c.kill('SIGTERM');
  await Promise.all(workers.map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.on('exit', r)))));
  await app.close();
  await sql.close();
  await dropDatabase(url);
  // letters with the same text are one document (the map keeps one copy of the same bytes)
  const distinct = new Set(letters.map((l) => l.text)).size;
  const onceEach = done === letters.length && counts.documents === distinct && counts.paths === distinct && counts.versions === distinct && counts.files === distinct;
  return { name, seconds, perSecond: letters.length / seconds, documents: counts.documents, versions: counts.versions, onceEach, ...(killedAt !== undefined ? { killedAt } : {}) };
}

const letters = generateCorpus(LETTERS, 350, 20261129).map((l, n) => ({ id: `lettre-${String(n + 1).padStart(5, '0')}`, text: l.text }));
const library = await RuleLibrary.load(undefined, 'lettre');
w(`Audits répartis sur PostgreSQL : ${fr(LETTERS)} lettres générées (~350 mots), enregistrées sur la carte ; ${cpus().length} cœurs (${cpus()[0]?.model ?? '?'}), Node ${process.version}`);
const runs: Run[] = [];
for (const [name, mode, kill] of [
  ['une instance seule (sans file), 2 fils de lecture', 'local', false],
  ['file + 2 travailleurs (1 fil chacun)', 'queue', false],
  ['file + 2 travailleurs, l’un tué (SIGKILL) à mi-chemin', 'queue', true],
] as const) {
  const r = await run(name, mode, kill, letters, library);
  runs.push(r);
  w(`  ${r.name} : ${fr(r.seconds, 1)} s, ${fr(r.perSecond, 0)} lettres/s ; ${fr(r.documents)} documents, ${fr(r.versions)} versions (${fr(new Set(letters.map((l) => l.text)).size)} textes distincts)${r.killedAt !== undefined ? ` ; tué après ${fr(r.killedAt)} fichiers` : ''} ; chaque fichier une fois : ${r.onceEach ? "oui" : "NON"}`);
}
w(`  rapport file / instance seule : ${fr(runs[1]!.seconds / runs[0]!.seconds, 2)} × le temps`);
writeResults(join(ROOT, 'dist', 'bench-workers.json'), { letters: LETTERS, runs }, startedMs, w);
if (!runs.every((r) => r.onceEach)) process.exitCode = 1;
