/** The server shell: build the app, listen, shut down gracefully on SIGTERM/SIGINT. */
import { buildApp } from './http/app.js';
import { loadConfig, type Config } from './config.js';
import { Ingestor } from './ingest/ingest.js';
import { RuleLibrary } from './rules/load.js';
import { openDatabase } from './store/db.js';
import { ensureFirstAdmin } from './auth/bootstrap.js';
import { userStore } from './store/users.js';
import { auditLog } from './store/audit-log.js';

/** Starts the HTTP server and returns once it listens. */
export async function startServer(config: Config): Promise<void> {
  const library = await RuleLibrary.load(config.RULES_DIR, config.DEFAULT_PROFILE);
  // Ingestion workers start with the server: the first upload does not wait for them.
  const ingestor = new Ingestor(config, library, config.RULES_DIR, config.INGEST_WORKERS, true);
  await ingestor.start();
  // The database is created and migrated at start: a database this version cannot read stops it here.
  const db = openDatabase(config.DATABASE_PATH);
  const firstAdmin = await ensureFirstAdmin(userStore(db), auditLog(db), config);
  const app = await buildApp({ config, library, ingestor, db, resumeAudits: true });
  app.addHook('onClose', async () => db.close());
  if (firstAdmin) app.log.warn(firstAdmin);
  const close = async (signal: string): Promise<void> => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void close('SIGTERM'));
  process.once('SIGINT', () => void close('SIGINT'));
  await app.listen({ port: config.PORT, host: config.HOST });
}

if (process.argv[1] && /server\.[jt]s$/.test(process.argv[1])) {
  await startServer(loadConfig());
}
