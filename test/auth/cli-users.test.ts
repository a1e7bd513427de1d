/** `clarte users …` on a real database file, and the accounts it creates working against the real app. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { openDatabase } from '../../src/store/db.js';
import { ourLibrary } from '../helpers/library.js';
import { bearer } from '../helpers/accounts.js';
import { clarte } from '../helpers/cli.js';

describe('clarte users', () => {
  it('creates the first admin, agents and tokens, shows secrets once, and the app accepts them', async () => {
    const DATABASE_PATH = join(mkdtempSync(join(tmpdir(), 'clarte-users-')), 'clarte.db');
    const env = { DATABASE_PATH };
    expect(clarte(['users', 'list'], undefined, env).stdout).toMatch(/Aucun compte/);
    const admin = clarte(['users', 'add', 'marie', '--admin', '--name', 'Marie Curie'], undefined, env);
    expect(admin.status).toBe(0);
    const password = /Mot de passe[^:]*: (\S+)/.exec(admin.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const agent = clarte(['users', 'add', 'paul', '--role', 'agent', '--service', 'Urbanisme', '--password-stdin', '--token', 'publipostage'], 'un-mot-de-passe-solide\n', env);
    expect(agent.status).toBe(0);
    expect(agent.stdout).not.toMatch(/Mot de passe/);
    const token = /(clt_\S+)/.exec(agent.stdout)?.[1];
    expect(token).toBeDefined();
    expect(clarte(['users', 'add', 'paul', '--role', 'comms'], undefined, env)).toMatchObject({ status: 1 });
    expect(clarte(['users', 'add', 'sans', '--role', 'agent'], undefined, env).stderr).toMatch(/service/);
    expect(clarte(['users', 'add', 'xavier', '--role', 'chef'], undefined, env).status).toBe(2);
    expect(clarte(['users', 'add', 'yann', '--role', 'comms', '--password-stdin'], 'court\n', env).stderr).toMatch(/trop court/);
    const list = clarte(['users', 'list'], undefined, env).stdout;
    expect(list).toMatch(/marie\tMarie Curie\tadministrateur/);
    expect(list).toMatch(/paul\tpaul\tagent du service Urbanisme/);

    const db = openDatabase(DATABASE_PATH);
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), library: await ourLibrary(), db });
    try {
      const me = await app.inject({ url: '/api/v1/session', headers: bearer(token!) });
      expect(me.json().user).toMatchObject({ login: 'paul', role: 'agent', service: 'Urbanisme' });
      const login = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { login: 'marie', password } });
      expect(login.statusCode).toBe(200);
      expect(login.json().user.role).toBe('admin');
      // Revoked from the command line: refused at once.
      const id = /^(\d+)\t/m.exec(clarte(['users', 'token', 'list', 'paul'], undefined, env).stdout)?.[1];
      expect(clarte(['users', 'token', 'revoke', id!], undefined, env).stdout).toMatch(/révoqué/);
      expect((await app.inject({ url: '/api/v1/session', headers: bearer(token!) })).statusCode).toBe(401);
      const fresh = clarte(['users', 'token', 'create', 'paul', '--label', 'nouveau'], undefined, env).stdout.trim().split('\n').at(-1)!;
      expect((await app.inject({ url: '/api/v1/documents', headers: bearer(fresh) })).statusCode).toBe(200);
      // Disabled from the command line: sessions and tokens stop working.
      expect(clarte(['users', 'set', 'paul', '--disable'], undefined, env).stdout).toMatch(/désactivé/);
      expect((await app.inject({ url: '/api/v1/documents', headers: bearer(fresh) })).statusCode).toBe(401);
      const log = (await app.inject({ url: '/api/v1/audit-log', headers: { cookie: `clarte_session=${login.cookies[0]!.value}` } })).json().items;
      expect(log.map((e: { action: string; actor: string }) => `${e.actor} ${e.action}`)).toEqual(expect.arrayContaining(['clarte users user.create', 'clarte users token.revoke', 'clarte users user.update']));
    } finally {
      await app.close();
      db.close();
    }
  });
});
