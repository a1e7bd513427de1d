/**
 * `clarte worker`: a process that takes audit files from the queue of the shared PostgreSQL database
 * (AUDIT_QUEUE) and analyses them with its own reading threads (AUDIT_WORKERS), on any machine that
 * reaches the database. It stops on SIGTERM or SIGINT once the files in hand are recorded.
 */
import { parseArgs } from 'node:util';
import type { Config } from './config.js';
import { Ingestor } from './ingest/ingest.js';
import { openQueue, startWorker } from './map/audit-queue.js';
import { RuleLibrary } from './rules/load.js';
import { openSql } from './store/db.js';
import { isPostgresUrl } from './store/sql.js';

export const WORKER_USAGE = `Usage :
  clarte worker [--rules DOSSIER]
      analyse les fichiers des audits mis en file par les instances du service (AUDIT_QUEUE=true),
      sur cette machine ; autant de travailleurs que voulu, sur autant de machines (DATABASE_URL).
`;

/** Runs a worker until it is told to stop; returns the exit status. */
export async function workerCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({ args, options: { rules: { type: 'string' } } });
  if (!isPostgresUrl(config.DATABASE_URL)) {
    process.stderr.write('clarte worker : DATABASE_URL manquante : les travailleurs prennent les fichiers dans la file de la base PostgreSQL partagée.\n');
    return 2;
  }
  const rulesDir = values.rules ?? config.RULES_DIR;
  const library = await RuleLibrary.load(rulesDir, config.DEFAULT_PROFILE);
  // No forced collections in the reading threads (the server's way to keep its memory flat): they
  // cost a third of a worker's rate (300 letters: 7.5 s with, 4.9 s without); the threads are
  // replaced every 100 documents anyway, which bounds their memory.
  const ingestor = new Ingestor(config, library, rulesDir, config.AUDIT_WORKERS, false);
  // a connection for each file in hand (two per reading thread) and two for the rest: a file's
  // transaction never waits for a connection held by another file waiting for its lock
  const sql = await openSql({ ...config, DATABASE_POOL_SIZE: Math.max(config.DATABASE_POOL_SIZE, config.AUDIT_WORKERS * 2 + 2) });
  const log = (msg: string, details?: Record<string, unknown>) => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), msg, ...details })}\n`);
  try {
    await ingestor.start();
    const boss = await openQueue(config, (err) => log('audit queue error', { err: (err as Error).message }));
    const worker = await startWorker({ config, sql, ingestor, log }, boss);
    process.stdout.write(`Travailleur prêt (pid ${process.pid}) : ${config.AUDIT_WORKERS} fil(s) de lecture, file « clarte-audit-file ».\n`);
    const signal = await new Promise<string>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    log('stopping', { signal });
    await worker.stop();
    process.stdout.write(`Travailleur arrêté : ${worker.processed()} fichier(s) enregistré(s).\n`);
    return 0;
  } finally {
    await ingestor.close();
    await sql.close();
  }
}
