/** GET /health (the process answers) and GET /ready (database, rules and readers ready to work). */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../app.js';
import { schemaVersion } from '../../store/db.js';
import type { Sql } from '../../store/sql.js';

/** How long /ready waits for the database. */
const READY_DB_MS = 3000;

const Check = z.object({ ok: z.boolean(), detail: z.string() });
const Ready = z.object({ status: z.enum(['ready', 'not-ready']), checks: z.object({ database: Check, rules: Check, workers: Check }) });

/** The operations routes; `db` opens the database (once) for the readiness check. */
export function operationRoutes(deps: RouteDeps, db: () => Sql): FastifyPluginAsyncZod {
  return async (app) => {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });

    app.get('/health', { config: { access: 'public', rateLimit: false }, schema: { hide: true } }, async () => ({ status: 'ok' }));

    app.get(
      '/ready',
      {
        config: { access: 'public', rateLimit: false },
        schema: {
          summary: 'Prêt à servir ? Base de données, règles et fils de lecture',
          description: '200 quand tout est prêt, 503 sinon (ou pendant l’arrêt), avec l’état de chaque élément.',
          response: { 200: Ready, 503: Ready },
        },
      },
      async (req, reply) => {
        const check = async (f: () => string | Promise<string>): Promise<z.infer<typeof Check>> => {
          try {
            return { ok: true, detail: await f() };
          } catch (e) {
            return { ok: false, detail: (e as Error).message };
          }
        };
        // The database's own words (a host, an address) go to the log, not to this public route; a
        // database that does not answer within READY_DB_MS is not ready (a health check gives up at 5 s).
        const database = await check(async () => {
          const sql = db();
          let timer: NodeJS.Timeout | undefined;
          const late = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('timeout')), READY_DB_MS);
          });
          try {
            return `${sql.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'}, schéma ${await Promise.race([schemaVersion(sql), late])}`;
          } catch (e) {
            req.log.warn({ err: e }, 'readiness: database not answering');
            throw new Error((e as Error).message === 'timeout' ? `la base ne répond pas (${READY_DB_MS / 1000} s)` : 'la base ne répond pas', { cause: e });
          } finally {
            clearTimeout(timer);
          }
        });
        const rules = await check(() => `${deps.library.ruleSet(deps.config.DEFAULT_PROFILE).rules.length} règles (profil ${deps.config.DEFAULT_PROFILE})`);
        const workers = await check(() => {
          if (!deps.ingestor.started) return 'démarrés à la première lecture';
          const load = deps.ingestor.load();
          if (load.ready === 0) throw new Error(`aucun fil de lecture prêt (${load.workers} en démarrage)`);
          return `${load.ready} prêts sur ${load.workers}, ${load.busy} occupés, ${load.queued} en attente`;
        });
        if (closing) workers.ok = false;
        const ok = database.ok && rules.ok && workers.ok && !closing;
        return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not-ready', checks: { database, rules, workers: closing ? { ok: false, detail: 'arrêt en cours' } : workers } });
      },
    );
  };
}
