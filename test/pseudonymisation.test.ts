/**
 * Personal data never reaches the store: a letter saved on the map (text or DOCX, by the API or an
 * audit) is stored with typed placeholders, its report consistent with the stored text; an ephemeral
 * analysis only counts it.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import type { Report } from '../src/model.js';
import { findPersonalData } from '../src/privacy/personal-data.js';
import { findPersonalDataToStore } from '../src/privacy/second-opinion.js';
import { openDatabase, type Db } from '../src/store/db.js';
import { actAs } from './helpers/accounts.js';
import { parseAnnotated } from '../scripts/eval-personal-data.js';
import { ROOT } from '../src/paths.js';
import { clarte } from './helpers/cli.js';
import { ourLibrary } from './helpers/library.js';
import { multipart } from './helpers/multipart.js';

const NIR = '2 85 05 78 006 084 36';
const IBAN = 'FR76 3000 6000 0112 3456 7890 189';
const LETTER = `Caisse d'allocations familiales de la Gironde
Service des prestations
Tél. : 05 56 11 22 33

Madame Sophie Lambert
12 rue des Lilas
33000 Bordeaux

Bordeaux, le 3 mars 2026

Objet : refus de l'aide au logement
N° allocataire : 1234567 B

Madame Lambert,

Votre demande d'aide au logement a été examinée par la commission le 28 février 2026. Elle a été rejetée, car vos ressources dépassent le plafond fixé par l'article R. 822-2 du code de la construction et de l'habitation.

Nous avons bien noté votre numéro de sécurité sociale ${NIR}, votre compte ${IBAN}, votre téléphone portable 06 12 34 56 78 et votre adresse électronique sophie.lambert@example.org.

Vous pouvez contester cette décision dans un délai de deux mois à compter de sa notification, par un recours gracieux auprès du directeur de la Caf, puis devant le tribunal administratif de Bordeaux.

Dossier suivi par : M. Paul Girard, conseiller.

Le directeur,
Jean Moreau
`;
const SECRETS = [NIR, IBAN, 'Lambert', '12 rue des Lilas', '06 12 34 56 78', 'sophie.lambert@example.org', '1234567 B'];

/**
 * A crèche's waiting list (a development letter of corpora/donnees-personnelles): the rules miss most of
 * its children and parents, the learned tagger (trained on it, as on every development letter) finds them.
 */
const LIST = parseAnnotated(readFileSync(join(ROOT, 'corpora', 'donnees-personnelles', 'dev21', '27-fiche-patrouille-tranquillite-vacances.txt'), 'utf8')).text;
/** What only the tagger finds in it (each text at least 8 characters long, so as to be looked for anywhere). */
const TAGGER_ONLY = (() => {
  const rules = findPersonalData(LIST);
  const extra = findPersonalDataToStore(LIST).filter((s) => !rules.some((r) => r.start === s.start && r.end === s.end));
  return [...new Set(extra.map((s) => LIST.slice(s.start, s.end)))].filter((t) => t.length >= 8);
})();

let app: FastifyInstance;
let db: Db;
let dbPath = '';
let logs = '';
beforeAll(async () => {
  dbPath = join(mkdtempSync(join(tmpdir(), 'clarte-pseudo-')), 'clarte.db');
  db = openDatabase(dbPath);
  const logStream = new PassThrough();
  logStream.on('data', (c: Buffer) => (logs += c.toString('utf8')));
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'trace' }), library: await ourLibrary(), db, logStream });
  await actAs(app, db, { login: 'comms', role: 'comms' });
});
afterAll(async () => {
  await app.close();
  db.close();
});

/** Every offset of the report points into its own text. */
function consistent(r: Report): void {
  for (const a of r.alerts) expect(r.text.slice(a.start, a.end)).toBe(a.match);
  for (const s of [...r.sentences, ...r.paragraphs]) expect(s.end).toBeLessThanOrEqual(r.text.length);
  for (const b of r.blocks ?? []) {
    expect(b.start).toBeLessThanOrEqual(b.end);
    expect(b.end).toBeLessThanOrEqual(r.text.length);
  }
}

function databaseBytes(): string {
  db.pragma('wal_checkpoint(TRUNCATE)');
  return readFileSync(dbPath).toString('latin1') + readFileSync(dbPath).toString('utf8');
}

describe('pseudonymisation before storage', () => {
  it('counts personal data in an ephemeral analysis and leaves its text alone', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/analyses', payload: { text: LETTER } });
    const r = res.json() as Report;
    expect(r.personalData).toMatchObject({ pseudonymised: false });
    expect(r.personalData!.found).toBeGreaterThanOrEqual(6);
    expect(r.personalData!.counts).toMatchObject({ NIR: 1, IBAN: 1 });
    expect(r.text).toContain(NIR);
  });

  it('stores a pasted letter with placeholders, a report consistent with them, and the service’s own details kept', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/documents', payload: { text: LETTER, title: 'Refus' } });
    expect(res.statusCode).toBe(201);
    const version = (await app.inject({ url: `/api/v1/documents/${res.json().documentId}/versions/1` })).json();
    const r = version.report as Report;
    expect(r.personalData).toMatchObject({ pseudonymised: true, counts: { NIR: 1, IBAN: 1 } });
    for (const s of SECRETS) expect(r.text, s).not.toContain(s);
    expect(JSON.stringify(r)).not.toContain('Lambert');
    expect(r.text).toContain('[NIR]');
    expect(r.text).toContain('[IBAN]');
    // The service's letterhead, the agent and the signatory stay: the mentions read them.
    expect(r.text).toContain('05 56 11 22 33');
    expect(r.text).toContain('Paul Girard');
    expect(r.text).toContain('Jean Moreau');
    consistent(r);
    // Nothing is left to find in the stored text; its type and mentions are those of the analysis of the
    // letter (read before replacement: test/privacy/stored-mentions.test.ts).
    const again = (await app.inject({ method: 'POST', url: '/api/v1/analyses', payload: { text: r.text } })).json() as Report;
    expect(again.personalData!.found).toBe(0);
    const first = (await app.inject({ method: 'POST', url: '/api/v1/analyses', payload: { text: LETTER } })).json() as Report;
    expect(r.documentType.id).toBe(first.documentType.id);
    expect(r.mentions.map((m) => `${m.id}:${m.status}`)).toEqual(first.mentions.map((m) => `${m.id}:${m.status}`));
  });

  it('stores what the rules leave and the learned tagger finds, while an ephemeral analysis counts with the rules', async () => {
    // Precondition on the shipped model (trained again with every new development set): if it no longer
    // finds what the rules miss in this list, pick another letter whose stored version differs from the rules'.
    expect(TAGGER_ONLY.length, 'the shipped tagger no longer adds to the rules on this letter: choose another').toBeGreaterThanOrEqual(5);
    const counted = (await app.inject({ method: 'POST', url: '/api/v1/analyses', payload: { text: LIST } })).json() as Report;
    const res = await app.inject({ method: 'POST', url: '/api/v1/documents', payload: { text: LIST, title: 'Fiche de patrouille' } });
    expect(res.statusCode).toBe(201);
    const r = (await app.inject({ url: `/api/v1/documents/${res.json().documentId}/versions/1` })).json().report as Report;
    expect(r.personalData!.found).toBeGreaterThanOrEqual(counted.personalData!.found + TAGGER_ONLY.length);
    for (const t of TAGGER_ONLY) expect(r.text, t).not.toContain(t);
    expect(counted.text).toContain(TAGGER_ONLY[0]);
    consistent(r);
  });

  it('stores an uploaded DOCX with placeholders and a source map that follows them', async () => {
    const doc = new Document({ sections: [{ children: LETTER.split('\n').map((l) => new Paragraph({ children: [new TextRun(l)] })) }] });
    const body = multipart([{ name: 'file', filename: 'refus-logement.docx', content: await Packer.toBuffer(doc) }]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/documents', ...body });
    expect(res.statusCode).toBe(201);
    const r = (await app.inject({ url: `/api/v1/documents/${res.json().documentId}/versions/1` })).json().report as Report;
    expect(r.source.format).toBe('docx');
    expect(r.personalData!.pseudonymised).toBe(true);
    for (const s of SECRETS) expect(r.text, s).not.toContain(s);
    expect(r.blocks!.length).toBeGreaterThan(10);
    consistent(r);
    for (const b of r.blocks!) expect(r.text.slice(b.start, b.end)).not.toMatch(/^\s+$/);
  });

  it('keeps the personal data of an audited upload out of its results and exports', async () => {
    const started = await app.inject({ method: 'POST', url: '/api/v1/audits', ...multipart([{ name: 'file', filename: 'modele-refus.txt', content: LETTER }]) });
    expect(started.statusCode).toBe(202);
    const id = started.json().id as string;
    for (let i = 0; i < 400 && (await app.inject({ url: `/api/v1/audits/${id}` })).json().status !== 'done'; i++) await new Promise((r) => setTimeout(r, 25));
    const exports = [
      (await app.inject({ url: `/api/v1/audits/${id}` })).body,
      (await app.inject({ url: `/api/v1/audits/${id}/results.csv` })).body,
      (await app.inject({ url: `/api/v1/audits/${id}/results.json` })).body,
      (await app.inject({ url: '/api/v1/documents.csv' })).body,
      (await app.inject({ url: '/api/v1/documents?perPage=200' })).body,
    ];
    expect(exports[2]).toMatch(/"personalData": ?\d+/);
    for (const body of exports) for (const s of SECRETS) expect(body, s).not.toContain(s);
  });

  it('never writes the personal data into the database file or the logs', async () => {
    const bytes = databaseBytes();
    for (const s of [NIR, IBAN.replace(/ /g, ''), IBAN, 'sophie.lambert@example.org', '12 rue des Lilas', ...TAGGER_ONLY]) expect(bytes.includes(s), s).toBe(false);
    await new Promise((r) => setImmediate(r));
    expect(logs).toContain('/api/v1/documents');
    for (const s of SECRETS) expect(logs, s).not.toContain(s);
  });

  it('tells the agent on the command line what personal data a letter holds, without keeping it', () => {
    const r = clarte(['analyze', '-', '--format', 'text'], LETTER);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Données personnelles \(non conservées\) : [^\n]*n° de sécurité sociale 1[^\n]*IBAN 1/);
    const json = JSON.parse(clarte(['analyze', '-', '--format', 'json'], LETTER).stdout) as Report;
    expect(json.personalData).toMatchObject({ pseudonymised: false, counts: { NIR: 1, IBAN: 1 } });
  });

  it('pseudonymises what clarte audit --save stores, and counts it in the results', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clarte-pseudo-audit-'));
    mkdirSync(join(dir, 'modeles'));
    writeFileSync(join(dir, 'modeles', 'refus.txt'), LETTER);
    writeFileSync(join(dir, 'modeles', 'liste.txt'), LIST);
    const DATABASE_PATH = join(dir, 'carte.db');
    const out = join(dir, 'audit.json');
    const r = clarte(['audit', join(dir, 'modeles'), '--save', '--out', out], undefined, { DATABASE_PATH });
    expect(r.status, r.stderr).toBe(0);
    const rows = JSON.parse(readFileSync(out, 'utf8')).documents as { personalData?: number }[];
    expect(Math.max(...rows.map((x) => x.personalData ?? 0))).toBeGreaterThanOrEqual(6);
    const audited = openDatabase(DATABASE_PATH);
    const texts = (audited.prepare('SELECT text FROM versions').all() as { text: string }[]).map((v) => v.text);
    audited.pragma('wal_checkpoint(TRUNCATE)');
    audited.close();
    expect(texts).toHaveLength(2);
    const refusal = texts.find((t) => t.includes('aide au logement'))!;
    const list = texts.find((t) => t !== refusal)!;
    for (const s of SECRETS) expect(refusal, s).not.toContain(s);
    for (const s of TAGGER_ONLY) expect(list, s).not.toContain(s);
    expect(readFileSync(DATABASE_PATH).includes(NIR)).toBe(false);
  });
});
