/** The map over HTTP, end to end on the real app and a real database (a SQLite file, and PostgreSQL when CLARTE_TEST_POSTGRES_URL is set): add, list, update, version, status, report, export. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLetterDocx } from '../scripts/documents.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { Report } from '../src/model.js';
import { ROOT } from '../src/paths.js';
import { ourLibrary } from './helpers/library.js';
import { multipart } from './helpers/multipart.js';
import { actAs, sendToken } from './helpers/accounts.js';
import { ENGINES } from './helpers/databases.js';

const letter = (name: string) => readFileSync(join(ROOT, 'corpora', 'lettres', name), 'utf8');
const REFUS = letter('02-caf-refus-aide-logement.txt');

let app: FastifyInstance;
let token = '';
// The app opens the database itself, as the server does: a SQLite file (in a folder it creates) or DATABASE_URL.
let env: Record<string, string> = {};
const start = async () => buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', ...env }), library: await ourLibrary() });

const json = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => app.inject({ method, url, ...(payload ? { payload } : {}) });

describe.each(ENGINES)('the map over HTTP ($name)', (engine) => {
  let id = 0;
  beforeAll(async () => {
    const db = await engine.fresh();
    env = engine.name === 'sqlite' ? { DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'clarte-map-')), 'data', 'clarte.db') } : db.env;
    app = await start();
    token = await actAs(app, 'DATABASE_URL' in env ? env.DATABASE_URL! : env.DATABASE_PATH!, { login: 'comms-1', role: 'comms' });
  });
  afterAll(async () => app.close());

  it('adds a document from a DOCX upload with its metadata, analysed and ranked', async () => {
    const docx = await makeLetterDocx();
    const body = multipart([
      { name: 'file', filename: 'refus-logement.docx', content: docx },
      { name: 'service', content: 'CAF — prestations' },
      { name: 'yearlyVolume', content: '250000' },
      { name: 'channel', content: 'courrier' },
    ]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/documents', ...body });
    expect(res.statusCode).toBe(201);
    const saved = res.json();
    expect(saved.outcome).toBe('new-document');
    expect(saved.version).toBe(1);
    id = saved.documentId;
    expect(saved.document).toMatchObject({ service: 'CAF — prestations', yearlyVolume: 250000, channel: 'courrier', status: 'identifie', statusLabel: 'identifié', path: 'refus-logement.docx', latestVersion: 1 });
    expect(saved.document.priority.factors.reach).toBeCloseTo(Math.log10(250001) / 6, 3);
    // The same file again: same version, nothing added.
    const again = await app.inject({ method: 'POST', url: '/api/v1/documents', ...multipart([{ name: 'file', filename: 'autre-nom.docx', content: docx }]) });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ documentId: id, version: 1, outcome: 'unchanged' });
  });

  it('adds a pasted text, lists and filters the map, and exports it as CSV', async () => {
    const res = await json('POST', '/api/v1/documents', { text: REFUS, service: 'CAF — prestations', title: 'Refus d’aide au logement' });
    expect(res.statusCode).toBe(201);
    const textId = res.json().documentId;
    const info = await json('POST', '/api/v1/documents', { text: letter('05-impots-information-taux-prelevement.txt'), service: 'DGFiP' });
    expect(info.statusCode).toBe(201);
    expect(info.json().document.title.length).toBeGreaterThan(5);

    const list = (await json('GET', '/api/v1/documents')).json();
    expect(list.total).toBe(3);
    expect(list.items.map((d: { priority: { value: number } }) => d.priority.value)).toEqual(
      [...list.items.map((d: { priority: { value: number } }) => d.priority.value)].sort((a, b) => b - a),
    );
    const caf = (await json('GET', `/api/v1/documents?service=${encodeURIComponent('CAF — prestations')}&sort=score`)).json();
    expect(caf.items.map((d: { id: number }) => d.id).sort()).toEqual([id, textId].sort());
    const reportOfText = Report.parse((await json('GET', `/api/v1/documents/${textId}/versions/1`)).json().report);
    const recourseMissing = reportOfText.mentions.some((m) => m.id === 'recourse' && m.status !== 'present' && m.status !== 'not-applicable');
    const missing = (await json('GET', '/api/v1/documents?missing=recourse')).json();
    expect(missing.items.some((d: { id: number }) => d.id === textId)).toBe(recourseMissing);
    expect((await json('GET', '/api/v1/documents?missing=nope')).statusCode).toBe(400);
    expect((await json('GET', '/api/v1/documents?perPage=1&page=2')).json().items).toHaveLength(1);

    const csv = await json('GET', '/api/v1/documents.csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^id;titre;service;/);
    expect(lines).toHaveLength(4);
    expect(lines.some((l) => l.includes('Refus d’aide au logement'))).toBe(true);
  });

  it('updates metadata, records reports, and the priority follows', async () => {
    const before = (await json('GET', `/api/v1/documents/${id}`)).json().document.priority.value;
    const patched = await json('PATCH', `/api/v1/documents/${id}`, { yearlyVolume: 2_000_000, title: 'Refus — modèle national' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().title).toBe('Refus — modèle national');
    expect(patched.json().priority.value).toBeGreaterThan(before);
    expect((await json('PATCH', `/api/v1/documents/${id}`, { yearlyVolume: -3 })).statusCode).toBe(400);
    expect((await json('PATCH', `/api/v1/documents/${id}`, { owner: 'x' })).statusCode).toBe(400);
    const reported = await json('POST', `/api/v1/documents/${id}/reports`, { count: 40, comment: 'Appels au 3230.' });
    expect(reported.statusCode).toBe(200);
    expect(reported.json().reports).toBe(40);
    expect(reported.json().priority.value).toBeGreaterThan(patched.json().priority.value);
  });

  it('adds a rewritten version and follows the statuses with their history', async () => {
    const v2 = await json('POST', `/api/v1/documents/${id}/versions`, { text: REFUS, comment: 'Réécriture en langage clair.' });
    expect(v2.statusCode).toBe(201);
    expect(v2.json()).toMatchObject({ documentId: id, version: 2, outcome: 'new-version' });
    expect((await json('POST', `/api/v1/documents/${id}/versions`, { text: REFUS })).json()).toMatchObject({ version: 2, outcome: 'unchanged' });

    expect((await json('POST', `/api/v1/documents/${id}/status`, { status: 'a-reecrire', comment: 'Prioritaire.' })).statusCode).toBe(200);
    const refused = await json('POST', `/api/v1/documents/${id}/status`, { status: 'publie' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CONFLICT');
    expect(refused.json().error.message).toMatch(/Passage impossible/);
    // a person who still sees « identifié » (another changed it meanwhile) is told, nothing moves
    const stale = await json('POST', `/api/v1/documents/${id}/status`, { status: 'abandonne', from: 'identifie' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'CONFLICT', details: { expected: 'identifie', current: 'a-reecrire' } });
    expect(stale.json().error.message).toMatch(/a changé entre-temps/);
    expect((await json('POST', `/api/v1/documents/${id}/status`, { status: 'en-reecriture', from: 'a-reecrire' })).statusCode).toBe(200);

    const doc = (await json('GET', `/api/v1/documents/${id}`)).json();
    expect(doc.document.status).toBe('en-reecriture');
    expect(doc.versions.map((v: { number: number; comment: string | null }) => [v.number, v.comment])).toEqual([
      [1, null],
      [2, 'Réécriture en langage clair.'],
    ]);
    expect(doc.history.map((h: { to: string }) => h.to)).toEqual(['identifie', 'a-reecrire', 'en-reecriture']);
    expect(doc.history[1]).toMatchObject({ from: 'identifie', author: 'comms-1', comment: 'Prioritaire.' });
    expect(doc.reports).toHaveLength(1);
    const figures = (await json('GET', `/api/v1/indicators?year=${new Date().getFullYear()}`)).json();
    expect(figures).toMatchObject({ mapped: 3, rewritten: 1, byStatus: { 'en-reecriture': 1, identifie: 2 } });
    expect(figures.byService.find((s: { service: string }) => s.service === 'CAF — prestations')).toMatchObject({ mapped: 2, rewritten: 1 });
    expect((await json('GET', '/api/v1/indicators?year=1990')).statusCode).toBe(400);
  });

  it('compares two versions and flags what a rewrite lost', async () => {
    const base = `${REFUS}\nModèle national, édition 2026.\n`;
    const created = (await json('POST', '/api/v1/documents', { text: base, title: 'Refus — comparaison', type: 'decision-defavorable' })).json();
    expect(created.outcome).toBe('new-document');
    const cut = base.replace(/dans un délai de deux mois à compter de sa notification, /, '').replace(/article R\. 142-1/, 'article');
    expect(cut).not.toBe(base);
    const v2 = await json('POST', `/api/v1/documents/${created.documentId}/versions`, { text: cut, comment: 'Sans le délai.' });
    expect(v2.json().version).toBe(2);
    const res = await json('GET', `/api/v1/documents/${created.documentId}/compare`);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect([c.from, c.to]).toEqual([1, 2]);
    expect(c.legalRisk).toBe(true);
    const lost = c.invariants.filter((i: { lost: boolean }) => i.lost).map((i: { kind: string; value: string }) => `${i.kind}:${i.value}`);
    expect(lost).toContain('deadline:2 mois');
    expect(lost).toContain('article:art. R142-1');
    expect(c.summary).toMatch(/perdu/);
    // The same version twice: nothing to compare.
    expect((await json('GET', `/api/v1/documents/${created.documentId}/compare?from=2&to=2`)).statusCode).toBe(400);
    expect((await json('GET', `/api/v1/documents/${created.documentId}/compare?from=1&to=9`)).statusCode).toBe(404);
    // The declared type applied to the new version too.
    expect(Report.parse((await json('GET', `/api/v1/documents/${created.documentId}/versions/2`)).json().report).documentType.id).toBe('decision-defavorable');
  });

  it('groups near-duplicate templates and shows their differences', async () => {
    const a = REFUS.replace(/Monsieur Karim BENALI/, 'Madame Claire DUPONT');
    const b = REFUS.replace(/Monsieur Karim BENALI/, 'Monsieur Paul LEROY').replace(/\n/, '\nDossier n° 4471-B\n');
    expect(a).not.toBe(REFUS);
    const idA = (await json('POST', '/api/v1/documents', { text: a, title: 'Variante A' })).json().documentId;
    const idB = (await json('POST', '/api/v1/documents', { text: b, title: 'Variante B' })).json().documentId;
    const near = (await json('GET', `/api/v1/documents/${idA}/near-duplicates`)).json().items;
    expect(near.map((d: { id: number }) => d.id)).toContain(idB);
    expect(near.find((d: { id: number }) => d.id === idB).similarity).toBeGreaterThan(0.9);
    // The first document's latest version, added through the API, is this same letter (REFUS): it
    // belongs with them (versions added through the API are signed too).
    expect(near.map((d: { id: number }) => d.id)).toContain(id);
    const groups = (await json('GET', '/api/v1/near-duplicates')).json().groups;
    const mine = groups.find((g: { documents: { id: number }[] }) => g.documents.some((d) => d.id === idA));
    expect(mine.documents.map((d: { id: number }) => d.id)).toContain(idB);
    expect(mine.documents.map((d: { id: number }) => d.id)).toContain(id);
    const diff = (await json('GET', `/api/v1/documents/${idA}/diff?with=${idB}`)).json();
    const removed = diff.parts.filter((p: { op: string }) => p.op === 'removed').map((p: { text: string }) => p.text).join(' ');
    const added = diff.parts.filter((p: { op: string }) => p.op === 'added').map((p: { text: string }) => p.text).join(' ');
    // Stored templates are pseudonymised: the variants differ by their civility and the added file line,
    // and the names and the file number show as placeholders.
    expect(removed).toMatch(/Madame/);
    expect(added).toMatch(/Monsieur/);
    expect(added).toMatch(/Dossier n° \[NUMÉRO DE DOSSIER\]/);
    expect(JSON.stringify(diff)).not.toMatch(/DUPONT|LEROY|4471-B/);
    expect(diff.parts.filter((p: { op: string }) => p.op === 'same').map((p: { text: string }) => p.text).join('')).toMatch(/Commission de Recours Amiable/);
  });

  it('answers clear errors and keeps what is stored', async () => {
    expect((await json('GET', '/api/v1/documents/9999')).json().error.code).toBe('NOT_FOUND');
    expect((await json('GET', '/api/v1/documents/9999')).statusCode).toBe(404);
    expect((await json('POST', '/api/v1/documents/9999/versions', { text: REFUS })).statusCode).toBe(404);
    expect((await json('GET', `/api/v1/documents/${id}/versions/7`)).statusCode).toBe(404);
    expect((await json('POST', `/api/v1/documents/${id}/status`, { status: 'termine' })).statusCode).toBe(400);
    const empty = await json('POST', '/api/v1/documents', { text: '   ' });
    expect(empty.statusCode).toBe(422);
    const garbage = await app.inject({ method: 'POST', url: '/api/v1/documents', ...multipart([{ name: 'file', filename: 'x.pdf', content: Buffer.from('%PDF-1.7\n garbage') }]) });
    expect(garbage.statusCode).toBe(422);
    expect((await json('GET', '/api/v1/documents')).json().total).toBe(6);
    // A new app on the same database: everything is still there.
    await app.close();
    app = await start();
    sendToken(app, token);
    const doc = (await json('GET', `/api/v1/documents/${id}`)).json();
    expect(doc.document.latestVersion).toBe(2);
    expect(doc.history).toHaveLength(3);
  });
});
