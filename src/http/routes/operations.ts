/** GET /health (the process answers) and GET /ready (database, rules and readers ready to work). */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../app.js';
import type { Db } from '../../store/db.js';

const Check = z.object({ ok: z.boolean(), detail: z.string() });
const Ready = z.object({ status: z.enum(['ready', 'not-ready']), checks: z.object({ database: Check, rules: Check, workers: Check }) });

/** The operations routes; `db` opens the database (once) for the readiness check. */
export function operationRoutes(deps: RouteDeps, db: () => Db): FastifyPluginAsyncZod {
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
      async (_req, reply) => {
        const check = (f: () => string): z.infer<typeof Check> => {
          try {
            return { ok: true, detail: f() };
          } catch (e) {
            return { ok: false, detail: (e as Error).message };
          }
        };
        const database = check(() => {
          const handle = db();
          handle.prepare('SELECT 1').get();
          return `schéma ${handle.pragma('user_version', { simple: true }) as number}`;
        });
        const rules = check(() => `${deps.library.ruleSet(deps.config.DEFAULT_PROFILE).rules.length} règles (profil ${deps.config.DEFAULT_PROFILE})`);
        const workers = check(() => {
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
