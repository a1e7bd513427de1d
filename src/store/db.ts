/** The SQLite database (better-sqlite3): opened once, WAL, foreign keys, migrations applied at open. */
import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations.js';
import { POSTGRES_MIGRATIONS } from './migrations-postgres.js';
import { isPostgresUrl, postgresSql, sqliteSql, type Sql } from './sql.js';

/** An open database handle. */
export type Db = Database.Database;

/**
 * Opens (and creates, with its folder) the database file, or an in-memory database for ':memory:',
 * and brings its schema up to date. A database newer than this program is refused.
 */
export function openDatabase(path: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  // NOTE: the native module is loaded on first use, not imported: the command line (and its startup
  // snapshot, which cannot hold a native module) loads it only for `audit --save` and `serve`.
  const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  const db = new Sqlite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Deleted content is overwritten with zeros, not left in free pages: an audited file's bytes wait in
  // the database until analysed, and a purged version must be gone from the file too.
  db.pragma('secure_delete = ON');
  migrate(db, migrations);
  return db;
}

/** The configured database cannot be used: out of reach, refused, or written by a newer Clarté (French message). */
export class DatabaseError extends Error {
  override readonly name = 'DatabaseError';
}

/** The migrations after schema `current`; a database newer than this program is refused. */
function pendingMigrations(migrations: readonly Migration[], current: number): Migration[] {
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new DatabaseError(`Base de données plus récente que ce programme (schéma ${current}, connu : ${latest}) : mettez Clarté à jour.`);
  }
  return migrations.filter((m) => m.version > current);
}

/** Applies the migrations not yet applied, each in a transaction with its `user_version`. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  let applied = 0;
  for (const m of pendingMigrations(migrations, current)) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied++;
  }
  return applied;
}

/** Where the data lives: a PostgreSQL URL, else the SQLite file. */
export interface DatabaseConfig {
  DATABASE_PATH: string;
  DATABASE_URL?: string | undefined;
  DATABASE_POOL_SIZE?: number | undefined;
}

/**
 * Opens the configured database behind the SQL executor, its schema brought up to date: PostgreSQL
 * when DATABASE_URL is a postgres:// URL, else the SQLite file.
 */
export async function openSql(config: DatabaseConfig): Promise<Sql> {
  if (isPostgresUrl(config.DATABASE_URL)) {
    const sql = postgresSql(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE ?? 10, applicationName: 'clarte' });
    try {
      await migratePostgres(sql);
    } catch (e) {
      await sql.close();
      if (e instanceof DatabaseError) throw e;
      // refused, unknown host or database, bad password…: the server's words, never the URL (it may hold a password)
      throw new DatabaseError(`PostgreSQL (DATABASE_URL) : ${(e as Error).message}`);
    }
    return sql;
  }
  return sqliteSql(openDatabase(config.DATABASE_PATH));
}

/** An arbitrary number naming the lock of the migrations, so that two instances starting together migrate once. */
const MIGRATION_LOCK = 7_361_201;

/** Applies the PostgreSQL migrations not yet applied, in one transaction; returns how many. */
export async function migratePostgres(sql: Sql, migrations: readonly Migration[] = POSTGRES_MIGRATIONS): Promise<number> {
  return sql.transaction(async (tx) => {
    await tx.get('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const current = (await tx.get<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations'))?.v ?? 0;
    let applied = 0;
    for (const m of pendingMigrations(migrations, current)) {
      await tx.exec(m.sql);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
      applied++;
    }
    return applied;
  });
}

/** The schema version of a database (SQLite's user_version, PostgreSQL's last migration). */
export async function schemaVersion(sql: Sql): Promise<number> {
  if (sql.dialect === 'sqlite') return Number(Object.values((await sql.get<Record<string, unknown>>('PRAGMA user_version')) ?? {})[0] ?? 0);
  return (await sql.get<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations'))?.v ?? 0;
}
