/**
 * Who may call what, on the real app and database: every declared route refuses a call without
 * credentials (401) and a call from a role it does not allow (403), and lets its roles through.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/auth/roles.js';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { installAuth } from '../../src/http/auth.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { userStore } from '../../src/store/users.js';
import { ourLibrary } from '../helpers/library.js';
import { bearer, createAccount } from '../helpers/accounts.js';
import { sqliteSql } from '../../src/store/sql.js';

let app: FastifyInstance;
let db: Db;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'clarte-access-')), 'clarte.db'));
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), library: await ourLibrary(), db });
  for (const role of ROLES) tokens[role] = await createAccount(db, { login: `compte-${role}`, role, service: role === 'agent' ? 'Urbanisme' : null });
});
afterAll(async () => {
  await app.close();
  db.close();
});

// Ids that match nothing: the calls reach their handlers (404, 400) without changing what exists.
const concrete = (url: string) => url.replace(/:id\b/g, '999999').replace(/:number\b/g, '1');

describe('access to every route', () => {
  it('declares who may call each route, and refuses to start with a route that does not', async () => {
    const table = app.routeAccess;
    expect(table.length).toBeGreaterThan(25);
    expect(table.find((r) => r.method === 'GET' && r.url === '/api/v1/documents')?.access).toEqual(['admin', 'comms', 'expert', 'agent']);
    expect(table.find((r) => r.method === 'POST' && r.url === '/api/v1/audits')?.access).toEqual(['admin', 'comms']);
    const bare = Fastify();
    installAuth(bare, () => userStore(sqliteSql(db)));
    expect(() => bare.get('/sans-acces', async () => 'x')).toThrow(/sans accès déclaré/);
    await bare.close();
  });

  it('answers 401 without credentials and 403 to the wrong role on every protected route, and lets the right roles in', async () => {
    const checked: string[] = [];
    for (const route of app.routeAccess) {
      if (route.access === 'public') continue;
      const url = concrete(route.url);
      const method = route.method as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
      const anonymous = await app.inject({ method, url });
      if (route.page) {
        // A web page sends an anonymous visitor to the sign-in page (a form post gets a 401 page).
        if (method === 'GET') {
          expect(anonymous.statusCode, `${method} ${url} sans session`).toBe(303);
          expect(anonymous.headers.location).toBe(`/connexion?suite=${encodeURIComponent(url)}`);
        } else expect(anonymous.statusCode, `${method} ${url} sans session`).toBe(401);
      } else {
        expect(anonymous.statusCode, `${method} ${url} sans jeton`).toBe(401);
        expect(anonymous.json().error.code).toBe('UNAUTHORIZED');
      }
      for (const role of ROLES) {
        const allowed = route.access === 'signed-in' || route.access.includes(role);
        const res = await app.inject({ method, url, headers: bearer(tokens[role]) });
        if (allowed) {
          expect(res.statusCode, `${method} ${url} en ${role}`).not.toBe(401);
          // A handler may still refuse (another account's token): never for the role itself.
          if (res.statusCode === 403) expect(res.json().error.message).not.toMatch(/Votre rôle/);
        }
        else {
          expect(res.statusCode, `${method} ${url} en ${role}`).toBe(403);
          if (route.page) expect(res.body).toMatch(/Votre rôle/);
          else {
            expect(res.json().error).toMatchObject({ code: 'FORBIDDEN' });
            expect(res.json().error.message).toMatch(/Votre rôle/);
          }
        }
      }
      checked.push(`${method} ${url}`);
    }
    expect(checked.length).toBeGreaterThan(20);
  });

  it('keeps the public doors open without credentials', async () => {
    for (const url of ['/health', '/api/v1/rules', '/api/v1/profiles', '/openapi.json']) expect((await app.inject({ url })).statusCode, url).toBe(200);
    const res = await app.inject({ method: 'POST', url: '/api/v1/analyses', payload: { text: 'Votre demande a été rejetée par la commission.' } });
    expect(res.statusCode).toBe(200);
    const docs = await app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBeLessThan(400);
  });

  it('closes the ephemeral analysis to anonymous callers when PUBLIC_ANALYSES=false', async () => {
    const closed = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', PUBLIC_ANALYSES: 'false' }), library: await ourLibrary(), db });
    try {
      const payload = { text: 'Bonjour.' };
      expect((await closed.inject({ method: 'POST', url: '/api/v1/analyses', payload })).statusCode).toBe(401);
      expect((await closed.inject({ method: 'POST', url: '/api/v1/analyses', payload, headers: bearer(tokens.agent) })).statusCode).toBe(200);
    } finally {
      await closed.close();
    }
  });

  it('refuses unknown, malformed and revoked tokens, and disabled accounts', async () => {
    expect((await app.inject({ url: '/api/v1/documents', headers: bearer('clt_inconnu') })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/documents', headers: { authorization: 'Basic YTpi' } })).json().error.code).toBe('UNAUTHORIZED');
    // A bad token is refused even on a public route: a program learns at once that its token is wrong.
    expect((await app.inject({ url: '/api/v1/rules', headers: bearer('clt_inconnu') })).statusCode).toBe(401);
    const users = userStore(sqliteSql(db));
    const user = await users.add({ login: 'temporaire', role: 'comms' });
    const { token, info } = await users.createToken(user.id, 'essai');
    expect((await app.inject({ url: '/api/v1/documents', headers: bearer(token) })).statusCode).toBe(200);
    // An admin revokes it over the API.
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${info.id}`, headers: bearer(tokens.admin) })).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/documents', headers: bearer(token) })).statusCode).toBe(401);
    const second = (await users.createToken(user.id, 'essai 2')).token;
    const disabled = await app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: bearer(tokens.admin), payload: { disabled: true } });
    expect(disabled.json()).toMatchObject({ disabled: true });
    expect((await app.inject({ url: '/api/v1/documents', headers: bearer(second) })).statusCode).toBe(401);
    // Stored hashed: the clear token is nowhere in the database.
    const rows = db.prepare('SELECT hash, prefix FROM api_tokens').all() as { hash: Buffer; prefix: string }[];
    expect(rows.some((r) => r.hash.toString('utf8').includes(token.slice(4)))).toBe(false);
    expect(rows.every((r) => r.prefix.length <= 10)).toBe(true);
  });

  it('lets an admin create accounts and tokens over the API, shown once and listed without their secret', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(tokens.admin), payload: { login: 'claire', name: 'Claire Petit', role: 'agent', service: 'État civil' } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(tokens.admin), payload: { login: 'claire', role: 'comms' } })).statusCode).toBe(409);
    expect((await app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(tokens.admin), payload: { login: 'sans-service', role: 'agent' } })).statusCode).toBe(400);
    const t = await app.inject({ method: 'POST', url: `/api/v1/users/${id}/tokens`, headers: bearer(tokens.admin), payload: { label: 'publipostage' } });
    expect(t.statusCode).toBe(201);
    expect(t.json().token).toMatch(/^clt_[A-Za-z0-9_-]{43}$/);
    const list = (await app.inject({ url: `/api/v1/users/${id}/tokens`, headers: bearer(tokens.admin) })).json();
    expect(list.items).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(t.json().token);
    const me = (await app.inject({ url: '/api/v1/session', headers: bearer(t.json().token) })).json();
    expect(me.user).toMatchObject({ login: 'claire', role: 'agent', service: 'État civil', via: 'token' });
    // An admin cannot lock themself out.
    const adminId = (await userStore(sqliteSql(db)).byLogin('compte-admin')).id;
    expect((await app.inject({ method: 'PATCH', url: `/api/v1/users/${adminId}`, headers: bearer(tokens.admin), payload: { role: 'agent', service: 'X' } })).statusCode).toBe(409);
  });
});
