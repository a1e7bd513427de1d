import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/http/app.js';
import { loadConfig } from '../src/config.js';
import { Report } from '../src/model.js';
import { ourLibrary } from './helpers/library.js';
import { multipart } from './helpers/multipart.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', MAX_TEXT_CHARS: '100000', BODY_LIMIT_BYTES: '300000' }), library: await ourLibrary() });
});
afterAll(async () => app.close());

const post = (payload: unknown) => app.inject({ method: 'POST', url: '/api/v1/analyses', payload: payload as object });

describe('HTTP API', () => {
  it('POST /api/v1/analyses answers a valid Report', async () => {
    const res = await post({ text: 'Votre demande a été rejetée afin de vérifier vos droits.', id: 'x1' });
    expect(res.statusCode).toBe(200);
    const report = Report.parse(res.json());
    expect(report.id).toBe('x1');
    expect(report.alerts.find((a) => a.category === 'passive-voice')?.match).toBe('a été rejetée');
  });
  it('honours the profile and rejects an unknown one', async () => {
    const text = 'Nous avons bien reçu votre dossier complet et nous allons le transmettre à la commission.';
    expect((await post({ text })).json().alerts.some((a: { rule: string }) => a.rule === 'phrase-longue')).toBe(false);
    expect((await post({ text, profile: 'falc' })).json().alerts.some((a: { rule: string }) => a.rule === 'phrase-longue')).toBe(true);
    const bad = await post({ text, profile: 'inconnu' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('UNKNOWN_PROFILE');
  });
  it('classifies the document type, or takes the declared one (JSON field or multipart field « type »)', async () => {
    const refusal = 'Nous avons le regret de rejeter votre demande. Vous pouvez saisir le tribunal administratif de Valmont dans un délai de deux mois à compter de la notification.';
    const found = (await post({ text: refusal })).json();
    expect(found.documentType).toMatchObject({ id: 'decision-defavorable' });
    expect(found.documentType.evidence.length).toBeGreaterThan(0);
    expect(found.mentions.find((m: { id: string }) => m.id === 'recourse')).toMatchObject({ status: 'partial', missing: ['administrative-appeal', 'telerecours'] });
    const declared = (await post({ text: refusal, type: 'information' })).json();
    expect(declared.documentType).toEqual({ id: 'information', confidence: 1, evidence: [] });
    expect(declared.mentions.find((m: { id: string }) => m.id === 'recourse').status).toBe('not-applicable');
    expect((await post({ text: refusal, type: 'lettre' })).statusCode).toBe(400);
    const form = multipart([
      { name: 'type', content: 'information' },
      { name: 'file', filename: 'refus.txt', content: refusal },
    ]);
    const up = await app.inject({ method: 'POST', url: '/api/v1/analyses', ...form });
    expect(up.json().documentType.id).toBe('information');
    const wrong = multipart([
      { name: 'type', content: 'courrier' },
      { name: 'file', filename: 'refus.txt', content: refusal },
    ]);
    expect((await app.inject({ method: 'POST', url: '/api/v1/analyses', ...wrong })).json().error.code).toBe('VALIDATION');
  });
  it('answers clear errors in the one envelope', async () => {
    const empty = await post({ text: '  ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json()).toEqual({ error: { code: 'EMPTY_DOCUMENT', message: expect.stringContaining('vide') } });
    const invalid = await post({ texte: 'a' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('VALIDATION');
    const malformed = await app.inject({ method: 'POST', url: '/api/v1/analyses', headers: { 'content-type': 'application/json' }, payload: '{"text": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('BAD_REQUEST');
    const tooLong = await post({ text: 'mot '.repeat(30_000) });
    expect(tooLong.statusCode).toBe(413);
    expect(tooLong.json().error.code).toBe('TOO_LARGE');
    const tooBig = await post({ text: 'x'.repeat(400_000) });
    expect(tooBig.statusCode).toBe(413);
    const xml = await app.inject({ method: 'POST', url: '/api/v1/analyses', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe('UNSUPPORTED_FORMAT');
    const nf = await app.inject({ method: 'GET', url: '/api/v1/nothing' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json().error.code).toBe('NOT_FOUND');
  });
  it('analyses an uploaded text file (multipart) and names it in the report', async () => {
    const body = multipart([
      { name: 'profile', content: 'falc' },
      { name: 'file', filename: 'lettre.txt', content: Buffer.from('Votre demande a été rejetée par la commission.', 'latin1') },
    ]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/analyses', ...body });
    expect(res.statusCode).toBe(200);
    const report = Report.parse(res.json());
    expect(report.source).toMatchObject({ filename: 'lettre.txt', format: 'txt', bytes: 46 });
    expect(report.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.profile).toBe('falc');
    expect(report.text).toBe('Votre demande a été rejetée par la commission.');
  });
  it('answers clear errors for uploads it cannot read', async () => {
    // A PDF named .docx is read as a PDF: this one is truncated.
    const pdf = multipart([{ name: 'file', filename: 'scan.docx', content: Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1') }]);
    const r1 = await app.inject({ method: 'POST', url: '/api/v1/analyses', ...pdf });
    expect(r1.statusCode).toBe(422);
    expect(r1.json().error.code).toBe('UNREADABLE');
    const doc = multipart([{ name: 'file', filename: 'ancien.doc', content: Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]) }]);
    const r0 = await app.inject({ method: 'POST', url: '/api/v1/analyses', ...doc });
    expect(r0.statusCode).toBe(415);
    expect(r0.json().error).toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: expect.stringMatching(/Word 97-2003/) });
    const none = multipart([{ name: 'profile', content: 'lettre' }]);
    const r2 = await app.inject({ method: 'POST', url: '/api/v1/analyses', ...none });
    expect(r2.statusCode).toBe(400);
    const empty = multipart([{ name: 'file', filename: 'vide.txt', content: '' }]);
    const r3 = await app.inject({ method: 'POST', url: '/api/v1/analyses', ...empty });
    expect(r3.statusCode).toBe(422);
    expect(r3.json().error.code).toBe('EMPTY_DOCUMENT');
    const two = multipart([
      { name: 'file', filename: 'a.txt', content: 'Bonjour.' },
      { name: 'file', filename: 'b.txt', content: 'Merci.' },
    ]);
    const r5 = await app.inject({ method: 'POST', url: '/api/v1/analyses', ...two });
    expect(r5.statusCode).toBe(400);
    expect(r5.json().error.code).toBe('BAD_REQUEST');
    const big = multipart([{ name: 'file', filename: 'gros.txt', content: 'a'.repeat(400_000) }]);
    const r4 = await app.inject({ method: 'POST', url: '/api/v1/analyses', ...big });
    expect(r4.statusCode).toBe(413);
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
  it('serves the living style guide: rules with examples, and profiles', async () => {
    const rules = (await app.inject({ method: 'GET', url: '/api/v1/rules' })).json().rules as { id: string; examples: { bad: unknown[] }; enabledIn: string[] }[];
    expect(rules.length).toBe((await ourLibrary()).rules.size);
    const passive = rules.find((r) => r.id === 'voix-passive')!;
    expect(passive.examples.bad.length).toBeGreaterThan(0);
    expect(passive.enabledIn).toContain('lettre');
    const profiles = (await app.inject({ method: 'GET', url: '/api/v1/profiles' })).json().profiles as { name: string }[];
    expect(profiles.map((p) => p.name).sort()).toEqual(['falc', 'formulaire', 'interne', 'lettre']);
  });
  it('serves /health, /openapi.json and /docs', async () => {
    expect((await app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/analyses', '/api/v1/rules', '/api/v1/profiles']));
    const docs = await app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});

describe('bad input over HTTP', () => {
  it('5 MB of text, English text and a long unpunctuated sentence each get a report', async () => {
    const big = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), library: await ourLibrary() });
    const para = 'Votre demande a été examinée par nos services. Le montant de 1 234,56 € sera versé le 12 mars 2026.\n\n';
    const r1 = await big.inject({ method: 'POST', url: '/api/v1/analyses', payload: { text: para.repeat(Math.ceil((5 * 1024 * 1024) / para.length)) } });
    expect(r1.statusCode).toBe(200);
    expect(r1.json().stats.words).toBeGreaterThan(500_000);
    const r2 = await big.inject({ method: 'POST', url: '/api/v1/analyses', payload: { text: 'The application was rejected by the office because the documents were missing.' } });
    expect(r2.json().warnings[0].code).toBe('NOT_FRENCH');
    const r3 = await big.inject({ method: 'POST', url: '/api/v1/analyses', payload: { text: Array.from({ length: 2000 }, () => 'mot').join(' ') } });
    expect(r3.json().alerts.find((a: { rule: string }) => a.rule === 'phrase-longue').severity).toBe('error');
    const r4 = await big.inject({ method: 'POST', url: '/api/v1/analyses', payload: { text: '\u0000\u0001\u0002\u0003' } });
    expect(r4.statusCode).toBe(422);
    expect((await big.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    await big.close();
  });
});
