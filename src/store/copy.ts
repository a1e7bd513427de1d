/**
 * Copies a SQLite database into an empty PostgreSQL database of the same schema version
 * (`clarte migrate --to postgres://…`): every table in the order of its foreign keys, rows with their
 * ids, in one PostgreSQL transaction (all or nothing), from one SQLite read transaction (a consistent
 * snapshot, even while a server writes). Identity counters then continue after the copied ids, and the
 * row counts of both sides are compared before the commit.
 */
import { AppError } from '../errors.js';
import type { Db } from './db.js';
import { migratePostgres, schemaVersion } from './db.js';
import type { Sql } from './sql.js';

/** Tables in an order where every row's foreign keys point to rows already copied. */
export const COPY_ORDER = [
  'meta',
  'documents',
  'versions',
  'document_mentions',
  'status_history',
  'user_reports',
  'audits',
  'audit_files',
  'users',
  'api_tokens',
  'sessions',
  'audit_log',
  'volunteers',
  'campaigns',
  'campaign_questions',
  'invitations',
  'responses',
  'response_answers',
  'reviews',
] as const;

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH_ROWS = 200;

export interface CopyResult {
  schema: number;
  tables: { table: string; rows: number }[];
}

/** Copies `source` into the PostgreSQL database behind `target` (migrated first, must hold no data). */
export async function copySqliteToPostgres(source: Db, target: Sql, onTable?: (table: string, rows: number) => void): Promise<CopyResult> {
  const sourceVersion = source.pragma('user_version', { simple: true }) as number;
  await migratePostgres(target);
  const targetVersion = await schemaVersion(target);
  if (sourceVersion !== targetVersion) {
    throw new AppError('CONFLICT', `Schémas différents : SQLite ${sourceVersion}, PostgreSQL ${targetVersion}. Mettez les deux au même niveau avec la même version de Clarté.`);
  }
  const known = new Set((source.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
  const missing = COPY_ORDER.filter((t) => !known.has(t));
  if (missing.length) throw new AppError('CONFLICT', `Tables absentes de la base SQLite : ${missing.join(', ')}.`);
  const unknown = [...known].filter((t) => !t.startsWith('sqlite_') && !(COPY_ORDER as readonly string[]).includes(t));
  if (unknown.length) throw new AppError('CONFLICT', `Tables inconnues de cette version dans la base SQLite : ${unknown.join(', ')}.`);

  const tables: CopyResult['tables'] = [];
  source.exec('BEGIN'); // a read snapshot: the copy is consistent even while another process writes
  try {
    await target.transaction(async (tx) => {
      for (const table of COPY_ORDER) {
        const present = await tx.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
        if (present!.n > 0) throw new AppError('CONFLICT', `La base PostgreSQL n'est pas vide (table ${table}) : la copie se fait dans une base neuve.`);
      }
      for (const table of COPY_ORDER) {
        const columns = (source.prepare(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`).all() as { name: string }[]).map((c) => c.name);
        const list = columns.map((c) => `"${c}"`).join(', ');
        let rows = 0;
        let batch: unknown[][] = [];
        const flush = async () => {
          if (!batch.length) return;
          const values = batch.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
          // OVERRIDING SYSTEM VALUE: ids are copied as they are (identity columns)
          await tx.run(`INSERT INTO ${table} (${list}) OVERRIDING SYSTEM VALUE VALUES ${values}`, batch.flat());
          rows += batch.length;
          batch = [];
        };
        for (const row of source.prepare(`SELECT ${list} FROM ${table}`).raw().iterate() as IterableIterator<unknown[]>) {
          batch.push(row);
          if (batch.length === BATCH_ROWS) await flush();
        }
        await flush();
        const copied = await tx.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
        const expected = (source.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
        if (copied!.n !== expected || rows !== expected) throw new Error(`copie incomplète de ${table} : ${copied!.n} lignes sur ${expected}`);
        if (columns.includes('id')) {
          const identity = await tx.get<{ seq: string | null }>(`SELECT pg_get_serial_sequence('${table}', 'id') AS seq`);
          if (identity?.seq) await tx.get(`SELECT setval('${identity.seq}', coalesce((SELECT max(id) FROM ${table}), 0) + 1, false)`);
        }
        tables.push({ table, rows });
        onTable?.(table, rows);
      }
    });
  } finally {
    source.exec('COMMIT');
  }
  return { schema: sourceVersion, tables };
}
