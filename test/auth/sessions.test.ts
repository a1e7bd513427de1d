/** Web sessions on the real app and database: sign in, cookie, CSRF on changes, sign out; passwords. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../../src/auth/passwords.js';
import { ensureFirstAdmin } from '../../src/auth/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { auditLog } from '../../src/store/audit-log.js';
import { sqliteSql } from '../../src/store/sql.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { userStore } from '../../src/store/users.js';
import { ourLibrary } from '../helpers/library.js';

const PASSWORD = 'cheval-agrafe-batterie';
let app: FastifyInstance;
let db: Db;

beforeAll(async () => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'clarte-sessions-')), 'clarte.db'));
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), library: await ourLibrary(), db });
  await userStore(sqliteSql(db)).add({ login: 'sophie', name: 'Sophie Martin', role: 'comms', password: PASSWORD });
});
afterAll(async () => {
  await app.close();
  db.close();
});

const cookieOf = (res: { cookies: { name: string; value: string }[] }) => res.cookies.find((c) => c.name === 'clarte_session');

describe('passwords', () => {
  it('hashes with scrypt and a salt, verifies, and refuses weak ones', async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    expect(a).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(PASSWORD + 'x', a)).toBe(false);
    expect(await verifyPassword(PASSWORD, 'n’importe quoi')).toBe(false);
    expect(passwordProblem('court')).toMatch(/trop court/);
    expect(passwordProblem('aaaaaaaaaaaaaaa')).toMatch(/trop simple/);
    expect(passwordProblem(PASSWORD)).toBeNull();
  });
});

describe('web sessions', () => {
  it('signs in with a password, sets a safe cookie, and refuses a wrong one without saying which part', async () => {
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { login: 'sophie', password: 'mauvais-mot-de-passe' } });
    expect(wrong.statusCode).toBe(401);
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { login: 'inconnu', password: 'mauvais-mot-de-passe' } });
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
    const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { login: 'sophie', password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const c = cookieOf(res);
    expect(c).toBeDefined();
    expect(res.headers['set-cookie']).toMatch(/HttpOnly/);
    expect(res.headers['set-cookie']).toMatch(/SameSite=Strict/);
    expect(res.headers['set-cookie']).toMatch(/Secure/);
    expect(res.json().user).toMatchObject({ login: 'sophie', role: 'comms', via: 'session' });
    // Only the cookie's hash is stored.
    const stored = db.prepare('SELECT hash FROM sessions').all() as { hash: Buffer }[];
    expect(stored.some((r) => r.hash.toString('base64url') === c!.value)).toBe(false);
  });

  it('reads with the cookie, and requires the CSRF token for every change', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { login: 'sophie', password: PASSWORD } });
    const cookies = { clarte_session: cookieOf(login)!.value };
    const csrf = login.json().csrf as string;
    const me = await app.inject({ url: '/api/v1/session', cookies });
    expect(me.json()).toMatchObject({ user: { login: 'sophie', via: 'session' }, csrf });
    expect((await app.inject({ url: '/api/v1/documents', cookies })).statusCode).toBe(200);
    const payload = { text: 'Madame, votre demande a été rejetée.', title: 'Refus' };
    const forged = await app.inject({ method: 'POST', url: '/api/v1/documents', cookies, payload });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.message).toMatch(/CSRF/);
    expect((await app.inject({ method: 'POST', url: '/api/v1/documents', cookies, payload, headers: { 'x-csrf-token': 'faux' } })).statusCode).toBe(403);
    // A form posted from another site (the browser says so) is refused, token or not.
    const crossSite = await app.inject({ method: 'POST', url: '/api/v1/documents', cookies, payload, headers: { 'x-csrf-token': csrf, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json().error.message).toMatch(/autre site/);
    const foreign = await app.inject({ method: 'POST', url: '/api/v1/documents', cookies, payload: 'title=x&text=y', headers: { origin: 'https://pirate.example', 'content-type': 'application/x-www-form-urlencoded' } });
    expect(foreign.statusCode).toBe(403);
    const ok = await app.inject({ method: 'POST', url: '/api/v1/documents', cookies, payload, headers: { 'x-csrf-token': csrf, 'sec-fetch-site': 'same-origin' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().document).toBeDefined();
    // Signing out ends the session for good.
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/session', cookies, headers: { 'x-csrf-token': csrf } })).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/documents', cookies })).statusCode).toBe(401);
  });

  it('ends every session of an account whose password changes', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { login: 'sophie', password: PASSWORD } });
    const cookies = { clarte_session: cookieOf(login)!.value };
    const headers = { 'x-csrf-token': login.json().csrf as string };
    const id = login.json().user.id as number;
    const wrong = await app.inject({ method: 'PUT', url: `/api/v1/users/${id}/password`, cookies, headers, payload: { current: 'pas-le-bon-mot', password: 'nouveau-mot-de-passe-1' } });
    expect(wrong.statusCode).toBe(403);
    const ok = await app.inject({ method: 'PUT', url: `/api/v1/users/${id}/password`, cookies, headers, payload: { current: PASSWORD, password: 'nouveau-mot-de-passe-1' } });
    expect(ok.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/session', cookies })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/v1/session', payload: { login: 'sophie', password: 'nouveau-mot-de-passe-1' } })).statusCode).toBe(200);
  });
});

describe('the first administrator', () => {
  it('comes from ADMIN_LOGIN and ADMIN_PASSWORD on an empty database only, never with a default password', async () => {
    const fresh = openDatabase(':memory:');
    const users = userStore(sqliteSql(fresh));
    expect(await ensureFirstAdmin(users, auditLog(sqliteSql(fresh)), loadConfig({}))).toMatch(/clarte users add/);
    expect(await users.count()).toBe(0);
    await expect(ensureFirstAdmin(users, auditLog(sqliteSql(fresh)), loadConfig({ ADMIN_LOGIN: 'admin', ADMIN_PASSWORD: 'admin' }))).rejects.toThrow(/trop court/);
    expect(await ensureFirstAdmin(users, auditLog(sqliteSql(fresh)), loadConfig({ ADMIN_LOGIN: 'admin', ADMIN_PASSWORD: PASSWORD }))).toMatch(/créé/);
    expect((await users.byLogin('admin')).role).toBe('admin');
    expect(await ensureFirstAdmin(users, auditLog(sqliteSql(fresh)), loadConfig({ ADMIN_LOGIN: 'autre', ADMIN_PASSWORD: PASSWORD }))).toBeNull();
    expect(await users.count()).toBe(1);
    expect((await auditLog(sqliteSql(fresh)).list())[0]).toMatchObject({ action: 'user.create', actor: 'démarrage' });
    fresh.close();
  });
});
