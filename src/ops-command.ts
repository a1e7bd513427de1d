/**
 * `clarte backup FILE`, `clarte restore FILE`, `clarte purge [--dry-run]`, `clarte migrate --to URL`:
 * the database's upkeep.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from './config.js';
import { isAppError } from './errors.js';
import { backupDatabase, restoreDatabase, type BackupInfo } from './store/backup.js';
import { openDatabase, openSql } from './store/db.js';
import { purge } from './store/retention.js';
import { copySqliteToPostgres } from './store/copy.js';
import { isPostgresUrl, postgresSql } from './store/sql.js';

export const OPS_USAGE = `Usage :
  clarte backup FICHIER          copie cohérente de la base SQLite (DATABASE_PATH), même pendant que le serveur écrit
                                 (base PostgreSQL : pg_dump)
  clarte restore FICHIER         remplace la base par une sauvegarde vérifiée (arrêtez le serveur avant)
  clarte purge [--dry-run]       supprime ce qui a dépassé sa durée de conservation (--dry-run : compte seulement)
  clarte migrate --to postgres://UTILISATEUR:MOT_DE_PASSE@HÔTE:PORT/BASE [--from FICHIER]
                                 copie la base SQLite (DATABASE_PATH, ou --from) dans une base PostgreSQL vide
`;

/** A usage mistake (exit status 2). */
export class OpsUsageError extends Error {}

const mib = (bytes: number) => `${(bytes / 1048576).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mio`;
const summary = (i: BackupInfo) => `${i.documents} documents, ${i.versions} versions, ${i.users} comptes, schéma ${i.schema}, ${mib(i.bytes)}`;

/** Runs one upkeep command; returns the exit status. */
export async function opsCommand(command: 'backup' | 'restore' | 'purge' | 'migrate', args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'dry-run': { type: 'boolean' }, to: { type: 'string' }, from: { type: 'string' } } });
  const err = (s: string) => process.stderr.write(s + '\n');
  try {
    // PostgreSQL has its own tools for copies: pg_dump while the service runs, pg_restore to restore.
    if ((command === 'backup' || command === 'restore') && isPostgresUrl(config.DATABASE_URL)) {
      err(`clarte ${command} : la base est PostgreSQL (DATABASE_URL) : utilisez ${command === 'backup' ? 'pg_dump --format=custom (copie cohérente pendant que le service écrit)' : 'pg_restore dans une base vide'} ; voir le README, « Déploiement sur plusieurs machines ».`);
      return 1;
    }
    if (command === 'backup') {
      const dest = positionals[0];
      if (!dest) throw new OpsUsageError('fichier de sauvegarde manquant');
      if (!existsSync(config.DATABASE_PATH)) {
        err(`clarte backup : aucune base à sauvegarder (${config.DATABASE_PATH}).`);
        return 1;
      }
      const db = openDatabase(config.DATABASE_PATH);
      try {
        const info = await backupDatabase(db, dest);
        process.stdout.write(`Sauvegarde vérifiée : ${dest} (${summary(info)}).\n`);
      } finally {
        db.close();
      }
      return 0;
    }
    if (command === 'migrate') return await migrateCommand(values.to, values.from ?? config.DATABASE_PATH);
    if (command === 'restore') {
      const source = positionals[0];
      if (!source) throw new OpsUsageError('fichier de sauvegarde manquant');
      const { info, previous } = restoreDatabase(source, config.DATABASE_PATH);
      process.stdout.write(`Base restaurée depuis ${source} (${summary(info)}).\n`);
      if (previous) process.stdout.write(`L'ancienne base est gardée : ${previous}\n`);
      return 0;
    }
    const db = await openSql(config);
    try {
      const dry = values['dry-run'] === true;
      const r = await purge(db, config, { dryRun: dry });
      process.stdout.write(
        `${dry ? 'À supprimer' : 'Supprimé'} : ${r.versions} version(s) remplacée(s) depuis plus de ${config.VERSION_RETENTION_DAYS} jours, ` +
          `${r.audits} audit(s) terminé(s) depuis plus de ${config.AUDIT_RETENTION_DAYS} jours, ${r.sessions} session(s) expirée(s), ` +
          `${r.volunteers} bénévole(s) sans activité depuis plus de ${config.VOLUNTEER_RETENTION_DAYS} jours (données effacées, réponses anonymes gardées).\n`,
      );
    } finally {
      await db.close();
    }
    return 0;
  } catch (e) {
    if (isAppError(e)) {
      err(`clarte ${command} : ${e.code}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

/** `clarte migrate --to postgres://…`: the SQLite database copied into an empty PostgreSQL database. */
async function migrateCommand(to: string | undefined, from: string): Promise<number> {
  if (!isPostgresUrl(to)) throw new OpsUsageError('--to doit être une adresse postgres:// (ou postgresql://)');
  if (!existsSync(from)) {
    process.stderr.write(`clarte migrate : aucune base SQLite à copier (${from}).\n`);
    return 1;
  }
  const source = openDatabase(from);
  const target = postgresSql(to, { max: 1, applicationName: 'clarte migrate' });
  try {
    const started = Date.now();
    const r = await copySqliteToPostgres(source, target, (table, rows) => process.stderr.write(`  ${table} : ${rows} ligne(s)\n`));
    const total = r.tables.reduce((n, t) => n + t.rows, 0);
    process.stdout.write(`Base copiée dans PostgreSQL (schéma ${r.schema}) : ${total} lignes dans ${r.tables.length} tables, en ${((Date.now() - started) / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s. La base SQLite n'a pas été modifiée.\n`);
    return 0;
  } catch (e) {
    if (isAppError(e)) throw e;
    // connection refused, authentication, unknown database…: the server's own words, without the URL (it may hold a password)
    process.stderr.write(`clarte migrate : PostgreSQL : ${(e as Error).message}. Rien n'a été copié.\n`);
    return 1;
  } finally {
    source.close();
    await target.close().catch(() => {});
  }
}
