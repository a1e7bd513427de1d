/**
 * Load and soak test: `npm run load [-- --secondes 300] [--connexions 50]`.
 *
 * 1. Baseline: the in-process analysis rate of one core, on the same letters, measured in this
 *    process before the server starts (warm median of several passes).
 * 2. The real server (`node dist/src/server.js`, as `npm start`) on loopback, with a fresh database
 *    and a comms account whose API token sends the audit. The rate limit is raised for the run
 *    (RATE_LIMIT_PER_MINUTE), as an operator would for a trusted internal client.
 * 3. Phase « analyses seules »: single-letter analyses (~350 words, JSON text, a different letter at
 *    each request) at N connections, driven by autocannon. Its rate against the baseline is the
 *    ticket's figure.
 * 4. Phase « charge mixte » for the set time: the same analyses, plus DOCX uploads on two
 *    connections and audits of a zip of 100 letters one after the other; the server's RSS is read
 *    every second (/proc/PID/status) to see whether it stays flat.
 * Prints the figures in French and writes them to dist/load-results.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { ROOT } from '../src/paths.js';
import { generateCorpus } from './bench-corpus.js';
import { fr, median, ok, writeResults } from './bench-util.js';
import { makeLetterDocx, makeZip } from './documents.js';
import { sqliteSql } from '../src/store/sql.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} : nombre positif attendu`);
  return v;
};
const MIXED_SECONDS = arg('secondes', 60);
const CONNECTIONS = arg('connexions', 50);
const ALONE_SECONDS = arg('secondes-seules', 20);
const startedMs = performance.now();
const w = (s = ''): void => void process.stdout.write(s + '\n');

/** A free loopback port. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Resident memory of a process, in MiB (Linux). */
function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** One multipart body with a single file field. */
function multipart(field: string, filename: string, type: string, data: Buffer, fields: Record<string, string> = {}): { body: Buffer; type: string } {
  const boundary = `----clarte-load-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`), data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

interface Phase {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  timeouts: number;
}

const phaseOf = (r: autocannon.Result): Phase => ({
  requests: r.requests.total,
  perSecond: r.requests.total / (r.duration || 1),
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors,
  non2xx: r.non2xx,
  timeouts: r.timeouts,
});

async function main(): Promise<void> {
  w('Clarté — essai de charge et d’endurance');
  w('=======================================');
  w(`Machine : ${cpus()[0]?.model.trim() ?? '?'}, ${cpus().length} cœurs, ${platform()}, Node.js ${process.version}`);
  w(`Date    : ${new Date().toLocaleString('fr-FR', { timeZone: 'UTC' })} UTC`);
  const letters = generateCorpus(300, 350).map((l) => l.text);
  const bodies = letters.map((text) => JSON.stringify({ text }));
  const words = median(letters.map((t) => t.split(/\s+/).filter(Boolean).length));
  w(`Lettres : ${letters.length} lettres générées, ${fr(words)} mots en médiane ; ${CONNECTIONS} connexions`);
  w('');

  // 1. The baseline: one core, in process, the same letters.
  const [{ analyse }, { RuleLibrary }] = await Promise.all([import('../src/analyse.js'), import('../src/rules/load.js')]);
  const library = await RuleLibrary.load();
  // The same work as the route: the report counts the personal data it finds.
  const work = (text: string): unknown => analyse({ text }, library, { personalData: 'count' });
  for (const t of letters) work(t);
  const rates: number[] = [];
  for (let pass = 0; pass < 5; pass++) {
    const t0 = performance.now();
    for (const t of letters) work(t);
    rates.push(letters.length / ((performance.now() - t0) / 1000));
  }
  const baseline = median(rates);
  w('1. Référence : analyse en processus, un cœur, mêmes lettres, données personnelles comptées comme par l’API (médiane de 5 passes chaudes)');
  w(`  ${fr(baseline)} lettres/s (passes : ${rates.map((r) => fr(r)).join(' ; ')})`);
  w('');

  // 2. The server, as `npm start` runs it.
  const dir = mkdtempSync(join(tmpdir(), 'clarte-load-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATABASE_PATH: join(dir, 'clarte.db'), LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000' };
  // The account that audits: created in the database before the server opens it, like `clarte users`.
  let token = '';
  {
    const [{ openDatabase }, { userStore }] = await Promise.all([import('../src/store/db.js'), import('../src/store/users.js')]);
    const db = openDatabase(env.DATABASE_PATH);
    const users = userStore(sqliteSql(db));
    const user = await users.add({ login: 'charge', role: 'comms', name: 'Essai de charge', password: 'un mot de passe pour l’essai de charge' });
    token = (await users.createToken(user.id, 'essai de charge')).token;
    db.close();
  }
  const server: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'server.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const stop = (): void => void server.kill('SIGTERM');
  process.once('exit', stop);
  const t0 = performance.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`le serveur s’est arrêté (code ${server.exitCode})`);
    try {
      if ((await fetch(`${base}/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > 60_000) throw new Error('le serveur n’est pas prêt après 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = server.pid!;
  w(`2. Serveur : node dist/src/server.js sur ${base}, prêt en ${fr((performance.now() - t0) / 1000, 1)} s, ${fr(rssMiB(pid))} Mio au repos`);
  w('');

  let next = 0;
  const analyses = (seconds: number): Promise<autocannon.Result> =>
    autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/analyses',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length]! }),
        },
      ],
    });

  // 3. Analyses alone, after 5 s of the same load to warm the server's code up (not counted).
  const warm = phaseOf(await analyses(5));
  const alone = phaseOf(await analyses(ALONE_SECONDS));
  const ratio = alone.perSecond / baseline;
  w(`3. Analyses seules (${ALONE_SECONDS} s, ${CONNECTIONS} connexions, POST /api/v1/analyses en JSON), après 5 s d’échauffement non comptées`);
  w(`  échauffement : ${fr(warm.perSecond)} requêtes/s ; p50 ${fr(warm.p50)} ms, p99 ${fr(warm.p99)} ms ; erreurs ${warm.errors + warm.non2xx + warm.timeouts}`);
  w(`  ${fr(alone.perSecond)} requêtes/s ; latence p50 ${fr(alone.p50)} ms, p99 ${fr(alone.p99)} ms ; erreurs ${alone.errors}, réponses non 2xx ${alone.non2xx}, délais dépassés ${alone.timeouts}`);
  w(`  rapport à la référence d’un cœur : ${fr(ratio, 2)} ×`);
  w('');

  // 4. Mixed load for the set time: analyses + uploads + audits, RSS sampled every second.
  const docx = multipart('file', 'lettre.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', await makeLetterDocx({ paragraphs: 12 }));
  const zip = await makeZip(letters.slice(0, 100).map((text, i) => ({ name: `lettre-${String(i + 1).padStart(3, '0')}.txt`, data: text })));
  const audit = multipart('file', 'lettres.zip', 'application/zip', zip, { save: 'true' });
  const samples: { s: number; rss: number }[] = [];
  const tMixed = performance.now();
  const sampler = setInterval(() => samples.push({ s: (performance.now() - tMixed) / 1000, rss: rssMiB(pid) }), 1000);
  let mixedRunning = true;
  const audits: { files: number; failed: number; seconds: number; status: string }[] = [];
  const auditLoop = (async () => {
    while (mixedRunning) {
      const a0 = performance.now();
      const res = await fetch(`${base}/api/v1/audits`, { method: 'POST', headers: { 'content-type': audit.type, authorization: `Bearer ${token}` }, body: audit.body });
      if (res.status !== 202) {
        audits.push({ files: 0, failed: 0, seconds: 0, status: `HTTP ${res.status}` });
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      const { id } = (await res.json()) as { id: string };
      for (;;) {
        await new Promise((r) => setTimeout(r, 500));
        const info = (await (await fetch(`${base}/api/v1/audits/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { status: string; total: number; failed: number };
        if (info.status !== 'running') {
          audits.push({ files: info.total, failed: info.failed, seconds: (performance.now() - a0) / 1000, status: info.status });
          break;
        }
      }
    }
  })();
  const [mixedAnalyses, uploads] = await Promise.all([
    analyses(MIXED_SECONDS),
    autocannon({ url: `${base}/api/v1/analyses`, connections: 2, duration: MIXED_SECONDS, method: 'POST', headers: { 'content-type': docx.type }, body: docx.body }),
  ]);
  mixedRunning = false;
  await auditLoop;
  clearInterval(sampler);
  const mixed = phaseOf(mixedAnalyses);
  const up = phaseOf(uploads);
  // RSS: after the first tenth of the run (warm-up), its first and last tenths compared.
  const settled = samples.filter((x) => x.s >= MIXED_SECONDS / 10);
  const tenth = Math.max(1, Math.floor(settled.length / 10));
  const rssStart = median(settled.slice(0, tenth).map((x) => x.rss));
  const rssEnd = median(settled.slice(-tenth).map((x) => x.rss));
  const rssMax = Math.max(...samples.map((x) => x.rss));
  const drift = rssEnd / rssStart - 1;
  const auditsDone = audits.filter((a) => a.status === 'done');
  w(`4. Charge mixte (${MIXED_SECONDS} s) : analyses (${CONNECTIONS} connexions) + envois de DOCX (2 connexions) + audits d’une archive de 100 lettres, l’un après l’autre`);
  w(`  analyses : ${fr(mixed.perSecond)} requêtes/s ; p50 ${fr(mixed.p50)} ms, p99 ${fr(mixed.p99)} ms ; erreurs ${mixed.errors}, non 2xx ${mixed.non2xx}, délais dépassés ${mixed.timeouts}`);
  w(`  envois DOCX : ${fr(up.perSecond, 1)} requêtes/s ; p50 ${fr(up.p50)} ms, p99 ${fr(up.p99)} ms ; erreurs ${up.errors}, non 2xx ${up.non2xx}`);
  w(`  audits : ${auditsDone.length} terminés (${fr(auditsDone.reduce((n, a) => n + a.files, 0))} fichiers, ${fr(auditsDone.reduce((n, a) => n + a.failed, 0))} en échec), durée médiane ${fr(median(auditsDone.map((a) => a.seconds)), 1)} s${audits.length > auditsDone.length ? ` ; autres : ${audits.filter((a) => a.status !== 'done').map((a) => a.status).join(', ')}` : ''}`);
  w(`  mémoire du serveur (RSS) : ${fr(rssStart)} Mio après l’échauffement, ${fr(rssEnd)} Mio à la fin (${drift >= 0 ? '+' : ''}${fr(drift * 100, 1)} %), maximum ${fr(rssMax)} Mio`);
  const curve = samples.filter((_, i) => i % Math.max(1, Math.floor(samples.length / 12)) === 0);
  w(`  courbe : ${curve.map((x) => `${fr(x.s)} s ${fr(x.rss)}`).join(' · ')} Mio`);
  w('');

  const errorsTotal = warm.errors + warm.non2xx + warm.timeouts + alone.errors + alone.non2xx + mixed.errors + mixed.non2xx + up.errors + up.non2xx + alone.timeouts + mixed.timeouts;
  const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(1, n - s.length));
  w('Résumé (objectifs du ticket)');
  w('----------------------------');
  w(`  ${pad('Analyses HTTP / référence un cœur', 42)}${pad(`${fr(ratio, 2)} ×`, 18)}${pad('objectif ≥ 0,85 ×', 22)}${ok(ratio >= 0.85)}`);
  w(`  ${pad('Latence p99, analyses seules', 42)}${pad(`${fr(alone.p99)} ms`, 18)}${pad('objectif ≤ 50 ms', 22)}${ok(alone.p99 <= 50)}`);
  w(`  ${pad('Erreurs (toutes phases)', 42)}${pad(String(errorsTotal), 18)}${pad('objectif 0', 22)}${ok(errorsTotal === 0)}`);
  w(`  ${pad(`RSS stable sur ${MIXED_SECONDS} s de charge mixte`, 42)}${pad(`${drift >= 0 ? '+' : ''}${fr(drift * 100, 1)} %`, 18)}${pad('objectif ± 10 % (sur 300 s)', 22)}${ok(Math.abs(drift) <= 0.1)}`);

  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
  writeResults(
    join(ROOT, 'dist', 'load-results.json'),
    { connections: CONNECTIONS, baseline, alone, ratio, mixedSeconds: MIXED_SECONDS, mixed, uploads: up, audits, rss: { start: rssStart, end: rssEnd, max: rssMax, drift, samples } },
    startedMs,
    w,
  );
}

await main();
