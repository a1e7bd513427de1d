/** Accounts for tests: a real account and API token in the real database, and an app that sends it. */
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Role } from '../../src/auth/roles.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { userStore } from '../../src/store/users.js';
import { isPostgresUrl, postgresSql, sqliteSql, type Sql } from '../../src/store/sql.js';

/** A person for tests. */
export interface TestUser {
  login: string;
  role: Role;
  service?: string | null;
  password?: string;
}

/** Creates the account (in the SQLite file or PostgreSQL database named, an open handle or executor) and returns its API token. */
export async function createAccount(db: string | Db | Sql, u: TestUser): Promise<string> {
  const own = typeof db !== 'string' ? null : isPostgresUrl(db) ? postgresSql(db, { max: 1 }) : sqliteSql(openDatabase(db));
  const sql = own ?? (typeof db === 'object' && 'dialect' in db ? db : sqliteSql(db as Db));
  try {
    const users = userStore(sql);
    const user = await users.add({ login: u.login, role: u.role, service: u.service ?? null, ...(u.password ? { password: u.password } : {}) });
    return (await users.createToken(user.id, 'tests')).token;
  } finally {
    await own?.close();
  }
}

/** Bearer headers for a token. */
export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/**
 * Makes every `app.inject` of this app carry the account's token (the real app and its checks; only
 * the header is added), unless the call sets its own authorization.
 */
export async function actAs(app: FastifyInstance, db: string | Db | Sql, u: TestUser): Promise<string> {
  const token = await createAccount(db, u);
  sendToken(app, token);
  return token;
}

/** Makes every `app.inject` of this app carry this token. */
export function sendToken(app: FastifyInstance, token: string): void {
  const inject = app.inject.bind(app) as (o: InjectOptions | string) => ReturnType<FastifyInstance['inject']>;
  (app as { inject: unknown }).inject = (o: InjectOptions | string) => {
    const opts: InjectOptions = typeof o === 'string' ? { url: o } : o;
    return inject({ ...opts, headers: { ...bearer(token), ...(opts.headers ?? {}) } });
  };
}
