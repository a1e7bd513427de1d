/**
 * `node dist/scripts/bench-map.js`: measures the map of complex documents.
 *
 * 1. Audit of 1,000 letters (generated from the corpus as in bench.ts, ~350 words each; every other
 *    one as a DOCX) by the real command line (`clarte audit DIR --out FILE.json`), with 1 and with 2
 *    ingestion workers, runs alternated, wall time; then once with `--save` into a fresh database. The
 *    machine's own ceiling for two-way parallelism is measured alongside: the same letters analysed by
 *    one `clarte analyze --input-jsonl` process, then in halves by two processes started together.
 * 2. Map queries over 100,000 documents: the database is filled in one transaction with documents
 *    whose figures (service, status, type, score, grade, missing mentions, volume, reports, priority)
 *    are drawn at random with a fixed seed, through the real schema (no version texts: the list does
 *    not read them); each query then runs through the real HTTP route (`app.inject`), medians of 30.
 *
 * Prints French lines and writes dist/bench-map-results.json. No assertions.
 * `node dist/scripts/bench-map.js queries` measures the queries only.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { DOCUMENT_TYPES, MENTION_IDS } from '../src/model.js';
import { MENTION_WEIGHTS, priorityFactors, priorityOf, DEFAULT_WEIGHTS } from '../src/map/priority.js';
import { STATUSES } from '../src/map/statuses.js';
import { ROOT } from '../src/paths.js';
import { RuleLibrary } from '../src/rules/load.js';
import { openDatabase } from '../src/store/db.js';
import { userStore } from '../src/store/users.js';
import { generateCorpus, mulberry32 } from './bench-corpus.js';
import { fr, median, ok } from './bench-util.js';
import { sqliteSql } from '../src/store/sql.js';

const LETTERS = 1000;
const AUDIT_RUNS = 2;
const MAP_DOCUMENTS = 100_000;
const QUERY_RUNS = 30;
const GOALS = { auditSec: 10, queryMs: 50 };
const CLI = join(ROOT, 'dist', 'src', 'clarte.mjs');

const out: string[] = [];
const w = (s = ''): void => {
  out.push(s);
  process.stdout.write(s + '\n');
};

async function writeLetters(dir: string): Promise<{ txt: number; docx: number }> {
  mkdirSync(dir, { recursive: true });
  let txt = 0;
  let docx = 0;
  for (const [i, l] of generateCorpus(LETTERS).entries()) {
    const name = join(dir, `lettre-${String(i).padStart(4, '0')}`);
    if (i % 2) {
      const doc = new Document({ sections: [{ children: l.text.split(/\n+/).map((p) => new Paragraph({ children: [new TextRun(p)] })) }] });
      writeFileSync(`${name}.docx`, await Packer.toBuffer(doc));
      docx++;
    } else {
      writeFileSync(`${name}.txt`, l.text);
      txt++;
    }
  }
  return { txt, docx };
}

function timeAudit(dir: string, workers: number, save?: string): { ms: number; status: number | null } {
  const t0 = performance.now();
  const args = [CLI, 'audit', dir, '--out', join(tmpdir(), `clarte-bench-audit-${process.pid}.json`), ...(save ? ['--save'] : [])];
  const p = spawnSync(process.execPath, args, {
    env: { ...process.env, AUDIT_WORKERS: String(workers), ...(save ? { DATABASE_PATH: save } : {}) },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const ms = performance.now() - t0;
  if (p.status !== 0) w(`  attention : code de sortie ${p.status} ; ${p.stderr.slice(-300)}`);
  return { ms, status: p.status };
}

/** Wall time of `clarte analyze --input-jsonl` over each file, all processes at once. */
async function timeConcurrentAnalyses(files: string[]): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    files.map(
      (f) =>
        new Promise<void>((done, fail) => {
          const p = spawn(process.execPath, [CLI, 'analyze', '--input-jsonl', f, '--format', 'json'], { stdio: ['ignore', 'ignore', 'inherit'] });
          p.on('error', fail);
          p.on('exit', (code) => (code === 0 ? done() : fail(new Error(`clarte analyze: exit ${code}`))));
        }),
    ),
  );
  return performance.now() - t0;
}

/**
 * What this machine gives two processes that share nothing: the same letters analysed by one process,
 * then split in halves between two processes running at once. No pool can beat this ratio.
 */
async function machineCeiling(dir: string): Promise<{ one: number[]; two: number[] }> {
  const lines = generateCorpus(LETTERS).map((l, i) => JSON.stringify({ id: String(i), text: l.text }));
  const all = join(dir, 'all.jsonl');
  const halves = [join(dir, 'half-1.jsonl'), join(dir, 'half-2.jsonl')];
  writeFileSync(all, lines.join('\n') + '\n');
  writeFileSync(halves[0]!, lines.filter((_, i) => i % 2 === 0).join('\n') + '\n');
  writeFileSync(halves[1]!, lines.filter((_, i) => i % 2 === 1).join('\n') + '\n');
  const one: number[] = [];
  const two: number[] = [];
  for (let r = 0; r < AUDIT_RUNS + 1; r++) {
    one.push(await timeConcurrentAnalyses([all]));
    two.push(await timeConcurrentAnalyses(halves));
  }
  return { one, two };
}

function fillMap(path: string): void {
  const db = openDatabase(path);
  const rnd = mulberry32(20261128);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const services = Array.from({ length: 40 }, (_, i) => `Service ${String(i + 1).padStart(2, '0')}`);
  const words = ['refus', 'accusé de réception', 'demande de pièces', 'notification', 'relance', 'attestation', 'décision', 'information', 'convocation', 'rappel'];
  const insertDoc = db.prepare(
    `INSERT INTO documents (title, path, service, channel, yearly_volume, status, doc_type, score, grade, missing_count, legal_risk, reports_count, priority, created_at, updated_at)
     VALUES (@title, @path, @service, 'courrier', @volume, @status, @type, @score, @grade, @missing, @legal, @reports, @priority, @at, @at)`,
  );
  const insertMention = db.prepare("INSERT INTO document_mentions (document_id, mention, status) VALUES (?, ?, 'missing')");
  const grade = (s: number): string => (s >= 80 ? 'A' : s >= 65 ? 'B' : s >= 50 ? 'C' : s >= 35 ? 'D' : 'E');
  db.transaction(() => {
    for (let i = 0; i < MAP_DOCUMENTS; i++) {
      const score = Math.round((20 + 80 * (rnd() + rnd()) / 2) * 10) / 10;
      const missing = MENTION_IDS.filter(() => rnd() < 0.12);
      const legal = Math.min(1, missing.reduce((s, m) => s + (MENTION_WEIGHTS[m] ?? 0.3), 0));
      const volume = Math.round(10 ** (rnd() * 6.5));
      const reports = rnd() < 0.8 ? 0 : Math.floor(rnd() * 200);
      const priority = priorityOf(priorityFactors({ score, legalRisk: legal, yearlyVolume: volume, reports }), DEFAULT_WEIGHTS);
      const info = insertDoc.run({
        title: `${pick(words)} ${i}`,
        path: `modeles/${i}.docx`,
        service: pick(services),
        volume,
        status: pick(STATUSES),
        type: pick(DOCUMENT_TYPES),
        score,
        grade: grade(score),
        missing: missing.length,
        legal,
        reports,
        priority,
        at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      });
      for (const m of missing) insertMention.run(info.lastInsertRowid, m);
    }
  })();
  db.pragma('optimize');
  db.close();
}

async function main(): Promise<void> {
  const started = performance.now();
  w('Clarté — banc d’essai de la cartographie (audits et requêtes)');
  w('=============================================================');
  w(`Date        : ${new Date().toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })} (UTC)`);
  w(`Machine     : ${cpus()[0]?.model.trim() ?? '?'}, ${availableParallelism()} cœurs, Node.js ${process.version}`);
  w();

  // 1. Audits
  const dir = mkdtempSync(join(tmpdir(), 'clarte-bench-map-'));
  const only = process.argv[2];
  const folder = join(dir, 'lettres');
  const made = only === 'queries' ? { txt: 0, docx: 0 } : await writeLetters(folder);
  w(`1. Audit de ${fr(LETTERS)} lettres (${made.txt} en texte, ${made.docx} en DOCX ; ~350 mots), clarte audit DOSSIER --out FICHIER.json`);
  const runs: Record<1 | 2, number[]> = { 1: [], 2: [] };
  for (let r = 0; r < (only === 'queries' ? 0 : AUDIT_RUNS); r++) for (const n of [1, 2] as const) runs[n].push(timeAudit(folder, n).ms);
  const one = median(runs[1]);
  const two = median(runs[2]);
  w(`  1 fil de lecture  : ${fr(one / 1000, 2)} s (essais : ${runs[1].map((x) => fr(x / 1000, 2)).join(' ; ')}) — ${fr(LETTERS / (one / 1000), 0)} lettres/s`);
  w(`  2 fils de lecture : ${fr(two / 1000, 2)} s (essais : ${runs[2].map((x) => fr(x / 1000, 2)).join(' ; ')}) — ${fr(LETTERS / (two / 1000), 0)} lettres/s`);
  w(`  accélération 2 fils / 1 fil : ${fr(one / two, 2)} ×`);
  const ceiling = only === 'queries' ? { one: [NaN], two: [NaN] } : await machineCeiling(dir);
  const ceilingRatio = median(ceiling.one) / median(ceiling.two);
  w(
    `  plafond de la machine : les mêmes lettres (texte) analysées par un processus (${fr(median(ceiling.one) / 1000, 2)} s), puis par deux processus indépendants lancés ensemble, une moitié chacun (${fr(median(ceiling.two) / 1000, 2)} s) : ${fr(ceilingRatio, 2)} ×`,
  );
  w(`  accélération des fils rapportée à ce plafond : ${fr(one / two / ceilingRatio, 2)}`);
  const saved = only === 'queries' ? { ms: NaN } : timeAudit(folder, 2, join(dir, 'clarte.db'));
  w(`  2 fils, avec --save (cartographie neuve) : ${fr(saved.ms / 1000, 2)} s`);
  w();

  // 2. Map queries
  w(`2. Requêtes de la cartographie sur ${fr(MAP_DOCUMENTS)} documents (route HTTP réelle, app.inject ; médiane et 90e centile de ${QUERY_RUNS})`);
  const db = join(dir, 'carte.db');
  const t0 = performance.now();
  fillMap(db);
  w(`  remplissage de la base : ${fr((performance.now() - t0) / 1000, 1)} s`);
  // The map is read with a comms account's token, as a program would.
  const handle = openDatabase(db);
  const users = userStore(sqliteSql(handle));
  const token = (await users.createToken((await users.add({ login: 'banc-essai', role: 'comms' })).id, 'banc d’essai')).token;
  handle.close();
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', DATABASE_PATH: db }), library: await RuleLibrary.load() });
  const queries: [string, string][] = [
    ['par priorité, page 1 (50)', '/api/v1/documents'],
    ['statut « à réécrire », par score', '/api/v1/documents?status=a-reecrire&sort=score'],
    ['un service + recours manquant', '/api/v1/documents?service=Service%2007&missing=recourse'],
    ['note E, par priorité, page 20', '/api/v1/documents?grade=E&page=20'],
    ['type décision défavorable, score décroissant', '/api/v1/documents?type=decision-defavorable&sort=-score'],
    ['recherche « relance » dans les titres', '/api/v1/documents?q=relance'],
    ['par titre, page 500', '/api/v1/documents?sort=title&page=500'],
    ['indicateurs de l’année', '/api/v1/indicators?year=2026'],
  ];
  const results: { label: string; medianMs: number; p90Ms: number }[] = [];
  for (const [label, url] of queries) {
    const times: number[] = [];
    for (let i = 0; i < QUERY_RUNS + 3; i++) {
      const t = performance.now();
      const res = await app.inject({ url, headers: { authorization: `Bearer ${token}` } });
      const ms = performance.now() - t;
      // A refused or failed query would measure the error path: the figures would be false.
      if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      if (i >= 3) times.push(ms);
    }
    times.sort((a, b) => a - b);
    const r = { label, medianMs: median(times), p90Ms: times[Math.floor(times.length * 0.9)]! };
    results.push(r);
    w(`  ${label.padEnd(46)} ${fr(r.medianMs, 1).padStart(6)} ms (90e centile ${fr(r.p90Ms, 1)} ms)`);
  }
  await app.close();
  const worst = Math.max(...results.filter((r) => !r.label.startsWith('indicateurs')).map((r) => r.medianMs));
  w();
  w('Résumé (objectifs du ticket)');
  w('----------------------------');
  w(`  Audit de ${fr(LETTERS)} lettres texte/DOCX, 2 fils    ${fr(two / 1000, 2)} s   objectif < ${GOALS.auditSec} s   ${ok(two / 1000 < GOALS.auditSec)}`);
  w(`  Accélération 2 fils / 1 fil                 ${fr(one / two, 2)} ×   objectif : presque linéaire (2 ×) ; plafond de la machine ${fr(ceilingRatio, 2)} ×`);
  w(`  Requêtes de liste, pire médiane             ${fr(worst, 1)} ms   objectif < ${GOALS.queryMs} ms   ${ok(worst < GOALS.queryMs)}`);
  writeFileSync(
    join(ROOT, 'dist', 'bench-map-results.json'),
    JSON.stringify({ date: new Date().toISOString(), audit: { letters: LETTERS, ...made, oneWorkerMs: runs[1], twoWorkersMs: runs[2], savedMs: saved.ms, ceiling }, queries: results }, null, 2) + '\n',
  );
  rmSync(dir, { recursive: true, force: true });
  w();
  w(`Chiffres écrits dans dist/bench-map-results.json (durée totale : ${fr((performance.now() - started) / 1000, 0)} s).`);
}

// `node dist/scripts/bench-map.js fill FILE`: only fills a database (to study query plans).
if (process.argv[2] === 'fill' && process.argv[3]) fillMap(process.argv[3]);
else await main();
