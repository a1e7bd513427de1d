/**
 * The server shell: build the app, listen; purge what is past its retention once a day; on SIGTERM or
 * SIGINT, stop taking requests, let those in flight finish (SHUTDOWN_TIMEOUT_MS at most), stop the
 * readers and close the database.
 */
import { buildApp } from './http/app.js';
import { loadConfig, type Config } from './config.js';
import { Ingestor } from './ingest/ingest.js';
import { RuleLibrary } from './rules/load.js';
import type { FastifyInstance } from 'fastify';
import { openSql } from './store/db.js';
import type { Sql } from './store/sql.js';
import { ensureFirstAdmin } from './auth/bootstrap.js';
import { userStore } from './store/users.js';
import { auditLog } from './store/audit-log.js';
import { purge } from './store/retention.js';
import { warmUpAnalysis } from './ingest/warmup.js';

const DAY_MS = 86_400_000;

/**
 * Gets the analysis ready before the server answers: the ingestion workers start (each warms its
 * readers up) and the main thread analyses a sample letter, so the first upload and the first pasted
 * letter wait no longer than the others.
 */
export async function warmStart(config: Config, library: RuleLibrary): Promise<Ingestor> {
  const ingestor = new Ingestor(config, library, config.RULES_DIR, config.INGEST_WORKERS, true);
  const started = ingestor.start();
  warmUpAnalysis(library, config.DEFAULT_PROFILE);
  await started;
  return ingestor;
}

/** Starts the HTTP server and returns once it listens. */
export async function startServer(config: Config): Promise<void> {
  const library = await RuleLibrary.load(config.RULES_DIR, config.DEFAULT_PROFILE);
  const ingestor = await warmStart(config, library);
  // The database (the SQLite file, or PostgreSQL with DATABASE_URL) is created and migrated at start:
  // a database this version cannot read, or a server out of reach, stops it here.
  let sql: Sql | undefined;
  let app: FastifyInstance | undefined;
  let firstAdmin: string | null;
  try {
    sql = await openSql(config);
    firstAdmin = await ensureFirstAdmin(userStore(sql), auditLog(sql), config);
    app = await buildApp({ config, library, ingestor, sql, resumeAudits: true });
  } catch (e) {
    // nothing left running: the readers, the database, an app half built
    await app?.close().catch(() => {});
    await ingestor.close();
    await sql?.close().catch(() => {});
    throw e;
  }
  const db = sql;
  const server = app;
  const purgeNow = async (): Promise<void> => {
    try {
      const removed = await purge(db, config);
      if (removed.versions || removed.audits || removed.sessions || removed.volunteers) server.log.info({ removed }, 'retention purge');
    } catch (err) {
      server.log.error({ err }, 'retention purge failed');
    }
  };
  // Once shortly after start, then every day; the timers never keep the process alive.
  const first = setTimeout(() => void purgeNow(), 60_000).unref();
  const daily = setInterval(() => void purgeNow(), DAY_MS).unref();
  server.addHook('onClose', async () => {
    clearTimeout(first);
    clearInterval(daily);
  });
  if (firstAdmin) server.log.warn(firstAdmin);
  let stopping = false;
  // A request still in flight when the server stops gets its answer, then its connection is closed:
  // a client's keep-alive connection would otherwise hold the shutdown until its limit.
  server.addHook('onSend', async (_req, reply) => {
    if (stopping) void reply.header('connection', 'close');
  });
  const close = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, 'shutting down');
    // Requests in flight get SHUTDOWN_TIMEOUT_MS to finish; past it the process stops anyway.
    const limit = setTimeout(() => {
      server.log.warn({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown limit reached: stopping with requests in flight');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    limit.unref();
    // the app first (requests, audits, readers), then the database they were using
    await server.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void close('SIGTERM'));
  process.once('SIGINT', () => void close('SIGINT'));
  try {
    await server.listen({ port: config.PORT, host: config.HOST });
  } catch (e) {
    await server.close().catch(() => {});
    await db.close().catch(() => {});
    throw e;
  }
}

if (process.argv[1] && /server\.[jt]s$/.test(process.argv[1])) {
  try {
    await startServer(loadConfig());
  } catch (e) {
    // configuration, database out of reach or too new…: one readable line, no stack
    process.stderr.write(`Clarté ne démarre pas : ${(e as Error).message}\n`);
    process.exit(1);
  }
}
