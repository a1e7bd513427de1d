/**
 * Online backup and restore of the SQLite database. The backup uses SQLite's backup API (through
 * better-sqlite3) while the server goes on writing: after a first step of 100 pages, the rest is
 * copied in one step, inside one read transaction, so the copy is one consistent state of the
 * database (in WAL mode a reader does not block writers; a write from another connection between the
 * two steps makes SQLite start the copy again, once). The copy is checked before it is declared good. A restore replaces the database file with a checked backup, keeping the
 * previous file beside it; the server must be stopped first.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import { AppError } from '../errors.js';
import { MIGRATIONS } from './migrations.js';
import type { Db } from './db.js';

/** What a backup or a check found. */
export interface BackupInfo {
  path: string;
  bytes: number;
  schema: number;
  documents: number;
  versions: number;
  users: number;
}

function openReadOnly(path: string): Db {
  const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  try {
    return new Sqlite(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new AppError('UNREADABLE', `Base illisible : ${path} (${(e as Error).message}).`);
  }
}

/** Checks that a file is a sound Clarté database this version can read, and counts what it holds. */
export function checkDatabase(path: string): BackupInfo {
  const db = openReadOnly(path);
  try {
    let integrity: string;
    let schema: number;
    try {
      integrity = db.pragma('integrity_check', { simple: true }) as string;
      schema = db.pragma('user_version', { simple: true }) as number;
    } catch (e) {
      throw new AppError('UNREADABLE', `Ce fichier n'est pas une base SQLite lisible : ${path} (${(e as Error).message}).`);
    }
    if (integrity !== 'ok') throw new AppError('UNREADABLE', `Base endommagée (${path}) : ${integrity}.`);
    const latest = MIGRATIONS.at(-1)!.version;
    if (schema < 1) throw new AppError('UNREADABLE', `Ce fichier n'est pas une base Clarté : ${path}.`);
    if (schema > latest) throw new AppError('CONFLICT', `Base plus récente que ce programme (schéma ${schema}, connu : ${latest}) : mettez Clarté à jour.`);
    const count = (table: string): number => {
      try {
        return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      } catch {
        return 0; // a table a newer migration adds
      }
    };
    const bytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    return { path, bytes, schema, documents: count('documents'), versions: count('versions'), users: count('users') };
  } finally {
    db.close();
  }
}

/**
 * Copies the open database to `dest` while writes go on, then checks the copy. The copy is written
 * beside `dest` and renamed at the end: a cut backup never leaves a half file under the final name.
 */
export async function backupDatabase(db: Db, dest: string, onProgress?: (done: number, total: number) => void): Promise<BackupInfo> {
  mkdirSync(dirname(dest), { recursive: true });
  const partial = `${dest}.partiel`;
  rmSync(partial, { force: true });
  try {
    await db.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.(totalPages - remainingPages, totalPages);
        // Many small steps would let a busy server's writes restart the copy again and again.
        return Math.max(remainingPages, 100);
      },
    });
    checkDatabase(partial);
    renameSync(partial, dest);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  return checkDatabase(dest);
}

/**
 * Replaces the database at `target` with the backup `source` (checked first). The replaced file is
 * kept as `<target>.avant-restauration-<date>`; its WAL files are removed with it. Returns that name.
 */
export function restoreDatabase(source: string, target: string, now = new Date()): { info: BackupInfo; previous: string | null } {
  const info = checkDatabase(source);
  mkdirSync(dirname(target), { recursive: true });
  let previous: string | null = null;
  if (existsSync(target)) {
    // Folds the WAL into the file first, so that the kept copy is whole.
    const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof Database;
    const old = new Sqlite(target);
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    previous = `${target}.avant-restauration-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, previous);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
  const tmp = `${target}.restauration`;
  copyFileSync(source, tmp);
  renameSync(tmp, target);
  return { info, previous };
}
