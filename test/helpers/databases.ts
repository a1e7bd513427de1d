/**
 * The engines the store suite runs on: SQLite always, PostgreSQL when CLARTE_TEST_POSTGRES_URL names a
 * server the tests may create databases on (`.ci/run` starts one; `scripts/postgres-test.sh` locally).
 * Each test gets a fresh database; `reopen` gives a second connection to it, as another process or
 * instance would have.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { migratePostgres, openDatabase } from '../../src/store/db.js';
import { postgresSql, sqliteSql, type Sql } from '../../src/store/sql.js';

export interface TestDatabase {
  sql: Sql;
  /** The configuration that points the app or the command line at this database. */
  env: { DATABASE_PATH: string } | { DATABASE_URL: string };
  /** Another connection (pool) to the same database. */
  reopen(): Promise<Sql>;
}

export interface Engine {
  name: 'sqlite' | 'postgres';
  fresh(): Promise<TestDatabase>;
}

export const POSTGRES_URL = process.env.CLARTE_TEST_POSTGRES_URL || undefined;

// CI must run the suite on both engines: a missing server there is a failure, not a skip.
if (process.env.CI && !POSTGRES_URL) throw new Error('CLARTE_TEST_POSTGRES_URL manquant : la CI doit tester le magasin sur PostgreSQL aussi.');

const opened: Sql[] = [];
const created: string[] = [];

// Connections close at the end of the file (suites may share a database between their tests), then
// the databases made for it are dropped.
afterAll(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close().catch(() => {})));
  if (!POSTGRES_URL || created.length === 0) return;
  const admin = postgresSql(POSTGRES_URL, { max: 1 });
  for (const name of created.splice(0)) await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.close();
});

function track(sql: Sql): Sql {
  opened.push(sql);
  return sql;
}

/** The URL of another database on the same server. */
export function databaseUrl(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A new, migrated PostgreSQL database; its URL. */
export async function freshPostgres(): Promise<string> {
  const name = `clarte_test_${randomBytes(6).toString('hex')}`;
  const admin = postgresSql(POSTGRES_URL!, { max: 1 });
  try {
    await admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  created.push(name);
  const url = databaseUrl(POSTGRES_URL!, name);
  const sql = postgresSql(url, { max: 1 });
  try {
    await migratePostgres(sql);
  } finally {
    await sql.close();
  }
  return url;
}

const sqlite: Engine = {
  name: 'sqlite',
  async fresh() {
    const file = join(mkdtempSync(join(tmpdir(), 'clarte-store-')), 'sub', 'clarte.db');
    return { sql: track(sqliteSql(openDatabase(file))), env: { DATABASE_PATH: file }, reopen: async () => track(sqliteSql(openDatabase(file))) };
  },
};

const postgres: Engine = {
  name: 'postgres',
  async fresh() {
    const url = await freshPostgres();
    return { sql: track(postgresSql(url)), env: { DATABASE_URL: url }, reopen: async () => track(postgresSql(url)) };
  },
};

/** The engines to run the store suite (and the HTTP suites of the map, audits, accounts and campaigns) on here. */
export const ENGINES: Engine[] = POSTGRES_URL ? [sqlite, postgres] : [sqlite];
