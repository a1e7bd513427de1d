/**
 * The accounts' store on each engine (SQLite always, PostgreSQL when CLARTE_TEST_POSTGRES_URL is set,
 * as in CI): logins unique whatever their case, also when two instances create the same one at once;
 * tokens and sessions stored hashed, revoked, expired, closed with the account.
 */
import { describe, expect, it } from 'vitest';
import { userStore } from '../../src/store/users.js';
import { ENGINES } from '../helpers/databases.js';

const PASSWORD = 'une phrase de passe assez longue';

describe.each(ENGINES)('accounts ($name)', (engine) => {
  it('keeps logins unique whatever their case, even for two instances at once', async () => {
    const db = await engine.fresh();
    const a = userStore(db.sql);
    const b = userStore(await db.reopen());
    const results = await Promise.allSettled([a.add({ login: 'Marie.Comm', role: 'comms' }), b.add({ login: 'marie.comm', role: 'comms' })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(lost.reason).toMatchObject({ code: 'CONFLICT' });
    expect(String(lost.reason.message)).toMatch(/déjà pris/);
    expect(await a.count()).toBe(1);
    expect((await b.byLogin('MARIE.COMM')).role).toBe('comms');
    await expect(a.add({ login: 'agent-sans-service', role: 'agent' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('authenticates tokens and sessions, and closes them with the account', async () => {
    const db = await engine.fresh();
    const users = userStore(db.sql);
    const other = userStore(await db.reopen());
    const jeanne = await users.add({ login: 'jeanne', role: 'expert', password: PASSWORD });
    const { token, info } = await users.createToken(jeanne.id, 'script');
    expect(info).toMatchObject({ label: 'script', prefix: token.slice(0, 10) });
    expect(await other.authenticateToken(token)).toMatchObject({ login: 'jeanne', role: 'expert', via: 'token' });
    expect((await users.tokens(jeanne.id))[0]!.lastUsedAt).toEqual(expect.any(String));
    expect(await other.authenticateToken(`${token}x`)).toBeNull();
    expect(await users.checkPassword('JEANNE', PASSWORD)).toMatchObject({ login: 'jeanne' });
    expect(await users.checkPassword('jeanne', 'mauvais mot de passe')).toBeNull();
    const session = await users.openSession(jeanne.id, 8);
    expect(await other.sessionPrincipal(session.cookie)).toMatchObject({ login: 'jeanne', via: 'session', csrf: session.csrf });
    expect(await users.revokeToken(info.id)).toBe(true);
    expect(await users.revokeToken(info.id)).toBe(false);
    expect(await other.authenticateToken(token)).toBeNull();
    await users.update(jeanne.id, { disabled: true });
    expect(await other.sessionPrincipal(session.cookie)).toBeNull();
    const expired = await users.openSession(jeanne.id, -1);
    expect(await users.sessionPrincipal(expired.cookie)).toBeNull();
    expect(await users.purgeSessions()).toBe(1);
    await expect(users.get(999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
