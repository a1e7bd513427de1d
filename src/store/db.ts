/** The SQLite database (better-sqlite3): opened once, WAL, foreign keys, migrations applied at open. */
import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations.js';

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

/** Applies the migrations not yet applied, each in a transaction with its `user_version`. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`Base de données plus récente que ce programme (schéma ${current}, connu : ${latest}) : mettez Clarté à jour.`);
  }
  let applied = 0;
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied++;
  }
  return applied;
}
