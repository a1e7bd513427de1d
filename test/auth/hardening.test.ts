/** Rate limits, security headers, request ids, and logs that never hold a letter or a secret. */
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { openDatabase } from '../../src/store/db.js';
import { ourLibrary } from '../helpers/library.js';
import { bearer, createAccount } from '../helpers/accounts.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});
async function start(env: Record<string, string>, logStream?: NodeJS.WritableStream) {
  const db = openDatabase(':memory:');
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', ...env }), library: await ourLibrary(), db, ...(logStream ? { logStream } : {}) });
  app.addHook('onClose', async () => db.close());
  apps.push(app);
  return { app, db };
}

describe('hardening', () => {
  it('limits requests per caller with a clear 429, and never limits /health', async () => {
    const { app, db } = await start({ RATE_LIMIT_PER_MINUTE: '5', LOGIN_RATE_PER_MINUTE: '2' });
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await app.inject({ url: '/api/v1/profiles' })).statusCode);
    expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(codes.slice(5)).toEqual([429, 429]);
    const limited = await app.inject({ url: '/api/v1/profiles' });
    expect(limited.json().error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.json().error.message).toMatch(/Trop de requêtes/);
    // Another caller (a token) has its own allowance.
    const token = await createAccount(db, { login: 'programme', role: 'comms' });
    expect((await app.inject({ url: '/api/v1/profiles', headers: bearer(token) })).statusCode).toBe(200);
    for (let i = 0; i < 20; i++) expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
  });

  it('answers 429 to an address that keeps presenting unknown tokens or cookies, before any lookup', async () => {
    const { app, db } = await start({ AUTH_FAILURES_PER_MINUTE: '5' });
    const good = await createAccount(db, { login: 'programme', role: 'comms' });
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await app.inject({ url: '/api/v1/documents', headers: bearer(`clt_devine${i}`), remoteAddress: '10.1.1.1' })).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // Even a right token from that address waits; another address is not affected.
    expect((await app.inject({ url: '/api/v1/documents', headers: bearer(good), remoteAddress: '10.1.1.1' })).json().error.code).toBe('RATE_LIMITED');
    expect((await app.inject({ url: '/api/v1/documents', headers: bearer(good), remoteAddress: '10.1.1.2' })).statusCode).toBe(200);
    const cookies: number[] = [];
    for (let i = 0; i < 6; i++) cookies.push((await app.inject({ url: '/api/v1/documents', cookies: { clarte_session: `devine-${i}` }, remoteAddress: '10.1.1.3' })).statusCode);
    expect(cookies).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('limits guessing of invitation and volunteer links per address', async () => {
    const { app } = await start({});
    const codes: number[] = [];
    for (let i = 0; i < 32; i++) codes.push((await app.inject({ url: `/api/v1/invitations/inv_devine${i}xxxxxxxx`, remoteAddress: '10.2.2.2' })).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 404)).toBe(true);
    expect(codes.slice(30)).toEqual([429, 429]);
    const links: number[] = [];
    for (let i = 0; i < 31; i++) links.push((await app.inject({ method: 'DELETE', url: `/api/v1/volunteer-links/vol_devine${i}xxxxxxxx`, remoteAddress: '10.2.2.3' })).statusCode);
    expect(links.at(-1)).toBe(429);
    expect((await app.inject({ url: '/api/v1/invitations/inv_autre-adressexxxx', remoteAddress: '10.2.2.4' })).statusCode).toBe(404);
  });

  it('limits sign-in attempts harder than other requests', async () => {
    const { app } = await start({ LOGIN_RATE_PER_MINUTE: '2' });
    const payload = { login: 'x', password: 'mauvais-mot-de-passe' };
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await app.inject({ method: 'POST', url: '/api/v1/session', payload, remoteAddress: '10.0.0.9' })).statusCode);
    expect(codes).toEqual([401, 401, 429]);
  });

  it('sends security headers, a strict content policy and a request id', async () => {
    const { app } = await start({});
    const res = await app.inject({ url: '/api/v1/rules', headers: { 'x-request-id': 'demande-42' } });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['content-security-policy']).toMatch(/object-src 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['strict-transport-security']).toMatch(/max-age/);
    expect(res.headers['x-request-id']).toBe('demande-42');
    const other = await app.inject({ url: '/health' });
    expect(other.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs requests without the letter, its personal data, the query string or any secret', async () => {
    const stream = new PassThrough();
    let logs = '';
    stream.on('data', (c: Buffer) => (logs += c.toString('utf8')));
    const { app, db } = await start({ LOG_LEVEL: 'trace' }, stream);
    const token = await createAccount(db, { login: 'agent', role: 'agent', service: 'CAF' });
    const letter = 'Madame Dupont, votre numéro de sécurité sociale 2 85 05 78 006 084 36 figure au dossier. Votre demande a été rejetée.';
    expect((await app.inject({ method: 'POST', url: '/api/v1/analyses', payload: { text: letter }, headers: bearer(token) })).statusCode).toBe(200);
    await app.inject({ method: 'POST', url: '/api/v1/documents', payload: { text: letter, title: 'Refus' }, headers: bearer(token) });
    await app.inject({ url: '/api/v1/documents?q=Dupont', headers: { ...bearer(token), cookie: 'clarte_session=secret-de-session' } });
    await app.inject({ method: 'POST', url: '/api/v1/session', payload: { login: 'agent', password: 'mot-de-passe-secret' } });
    await new Promise((r) => setImmediate(r));
    expect(logs).toContain('/api/v1/analyses');
    expect(logs).toContain('"reqId"');
    for (const secret of ['Dupont', '2 85 05 78', 'rejetée', token, token.slice(4), 'secret-de-session', 'mot-de-passe-secret']) expect(logs).not.toContain(secret);
  });
});
