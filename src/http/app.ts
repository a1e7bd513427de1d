/** The HTTP application as a Fastify instance built from its dependencies (no listen: tests use inject()). */
import Fastify, { type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { createHash, randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import { isAppError } from '../errors.js';
import { Ingestor } from '../ingest/ingest.js';
import type { RuleLibrary } from '../rules/load.js';
import { analysisRoutes } from './routes/analyses.js';
import { ruleRoutes } from './routes/rules.js';
import { documentRoutes } from './routes/documents.js';
import { openDatabase, openSql, type Db } from '../store/db.js';
import type { DocumentStore } from '../store/documents.js';
import { isPostgresUrl, sqliteSql, type Sql } from '../store/sql.js';
import { auditStore, type AuditStore } from '../store/audits.js';
import { AuditJobs } from '../map/audit-jobs.js';
import { auditRoutes } from './routes/audits.js';
import { openMap } from '../map/service.js';
import { userStore, type UserStore } from '../store/users.js';
import { auditLog, type AuditLog } from '../store/audit-log.js';
import { installAuth, SESSION_COOKIE, type RouteAccess } from './auth.js';
import { accountRoutes } from './routes/accounts.js';
import { operationRoutes } from './routes/operations.js';
import { campaignRoutes } from './routes/campaigns.js';
import { pageRoutes } from './routes/pages.js';
import { errorPage } from '../web/layout.js';
import { campaignStore, type CampaignStore } from '../store/campaigns.js';

/** What the app needs from the outside (the ingestor and the database are made from the config when not given). */
export interface AppDeps {
  config: Config;
  library: RuleLibrary;
  ingestor?: Ingestor;
  /** The database behind the SQL executor (either engine); the caller closes it. */
  sql?: Sql;
  /** A SQLite connection (tests); the caller closes it. */
  db?: Db;
  /** Where log lines go (standard output by default; tests read them). */
  logStream?: NodeJS.WritableStream;
  /** Start again the audits a previous run left unfinished (the server does). */
  resumeAudits?: boolean;
}

/** The dependencies routes see. */
export interface RouteDeps extends AppDeps {
  ingestor: Ingestor;
  /** The map's store, its database opened (and migrated) on first use. */
  store: () => Promise<DocumentStore>;
  /** The audits' store, on the same database. */
  audits: () => AuditStore;
  /** Audits running in the background. */
  auditJobs: AuditJobs;
  /** Accounts, tokens and sessions. */
  users: () => UserStore;
  /** Who changed what. */
  log: () => AuditLog;
  /** Volunteers, test campaigns and experts' reviews. */
  campaigns: () => CampaignStore;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with who may call it (filled as routes are declared). */
    routeAccess: RouteAccess[];
  }
}

/**
 * Logging: one line per request (method, address without its query, status, time, request id). No
 * header that carries a secret, no body, no query string (a search may name a person): letters and
 * personal data never reach the logs (test/auth/logs.test.ts).
 */
/** Invitation and volunteer links are credentials: their secret part never reaches the logs. */
export function maskLinks(url: string): string {
  return url.replace(/\b(inv|vol)_[A-Za-z0-9_-]+/g, '$1_[masqué]');
}

export const LOG_OPTIONS = {
  redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[masqué]' },
  serializers: {
    req: (req: { method: string; url: string; id?: string; ip?: string }) => ({ method: req.method, url: maskLinks(req.url.split('?')[0]!), id: req.id }),
  },
};

/** One error envelope: `{ error: { code, message, details? } }`; 5xx never leak internals. */
function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Builds the app with every route registered. */
export async function buildApp(appDeps: AppDeps): Promise<FastifyInstance> {
  // The database: given (the server, tests), or opened here: PostgreSQL at once (DATABASE_URL; its
  // migrations are asynchronous), the SQLite file on first use. What the app opened, it closes.
  let sql: Sql | undefined = appDeps.sql ?? (appDeps.db ? sqliteSql(appDeps.db) : undefined);
  let owned: Sql | undefined;
  if (!sql && isPostgresUrl(appDeps.config.DATABASE_URL)) sql = owned = await openSql(appDeps.config);
  let stores: { audits: AuditStore; users: UserStore; log: AuditLog; campaigns: CampaignStore } | undefined;
  let map: Promise<DocumentStore> | undefined;
  const open = () => {
    if (!stores) {
      // one executor per connection: its lock orders the transactions of every store that uses it
      sql ??= owned = sqliteSql(openDatabase(appDeps.config.DATABASE_PATH));
      stores = { audits: auditStore(sql), users: userStore(sql), log: auditLog(sql), campaigns: campaignStore(sql, appDeps.config) };
    }
    return stores;
  };
  // The map's store goes through the SQL executor (src/store/sql.ts), over the same connection.
  const openMapStore = (): Promise<DocumentStore> => {
    open();
    map ??= openMap(sql!, appDeps.config.PRIORITY_WEIGHTS).catch((e: unknown) => {
      map = undefined;
      throw e;
    });
    return map;
  };
  const ingestor = appDeps.ingestor ?? new Ingestor(appDeps.config, appDeps.library, appDeps.config.RULES_DIR, appDeps.config.INGEST_WORKERS, true);
  const deps: RouteDeps = {
    ...appDeps,
    ingestor,
    store: openMapStore,
    audits: () => open().audits,
    users: () => open().users,
    log: () => open().log,
    campaigns: () => open().campaigns,
    auditJobs: new AuditJobs({ config: appDeps.config, ingestor, stores: open, map: openMapStore, log: (msg, err) => app.log.error({ err }, msg) }),
  };
  const app = Fastify({
    logger: deps.config.LOG_LEVEL === 'silent' ? false : { level: deps.config.LOG_LEVEL, ...LOG_OPTIONS, ...(appDeps.logStream ? { stream: appDeps.logStream } : {}) },
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
    trustProxy: deps.config.TRUST_PROXY,
    // A request id (from X-Request-Id when a proxy sets one, else random), in every log line and answer.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err, req, reply) => {
    // Web pages: a visitor who is not signed in goes to the sign-in page; other errors answer a page.
    if (req.routeOptions?.config?.page) {
      if (isAppError(err) && err.code === 'UNAUTHORIZED' && req.method === 'GET') return reply.redirect(`/connexion?suite=${encodeURIComponent(req.url)}`, 303);
      const status = isAppError(err) ? err.status : 500;
      if (!isAppError(err)) req.log.error({ err }, 'unexpected error');
      const message = isAppError(err) ? err.message : 'Erreur interne du service. Réessayez plus tard.';
      return reply.status(status).type('text/html; charset=utf-8').send(errorPage(status, message, req.principal ?? null).value);
    }
    if (isAppError(err)) return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({ path: v.instancePath, message: v.message }));
      return reply.status(400).send(errorBody('VALIDATION', 'Requête invalide : vérifiez les champs envoyés.', details));
    }
    const e = err as { statusCode?: number; code?: string; message: string };
    if (e.code === 'FST_FILES_LIMIT' || e.code === 'FST_PARTS_LIMIT' || e.code === 'FST_FIELDS_LIMIT') {
      return reply.status(400).send(errorBody('BAD_REQUEST', 'Envoyez un seul fichier (champ « file ») et au plus dix champs.'));
    }
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.code === 'FST_REQ_FILE_TOO_LARGE' || e.statusCode === 413) {
      return reply.status(413).send(errorBody('TOO_LARGE', 'Le document envoyé dépasse la taille autorisée.'));
    }
    if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.statusCode === 415) {
      return reply.status(415).send(errorBody('UNSUPPORTED_FORMAT', 'Type de contenu non pris en charge : envoyez du JSON ou un fichier.'));
    }
    if (e.statusCode === 429) {
      return reply.status(429).send(errorBody('RATE_LIMITED', 'Trop de requêtes : patientez une minute avant de réessayer.'));
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.status(e.statusCode).send(errorBody('BAD_REQUEST', 'Requête invalide (corps mal formé ?).'));
    }
    req.log.error({ err }, 'unexpected error');
    return reply.status(500).send(errorBody('INTERNAL', 'Erreur interne du service. Réessayez plus tard.'));
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send(errorBody('NOT_FOUND', `Adresse inconnue : ${req.method} ${req.url.split('?')[0]}`)));

  app.addHook('onClose', async () => {
    // Audits stop taking files before the readers stop; they resume at the next start.
    await deps.auditJobs.close();
    await deps.ingestor.close();
    // A database the app opened itself is closed with it.
    await owned?.close();
  });
  await app.register(cookie);
  // Identification and access checks, after the cookie parser and before any route.
  app.decorate('routeAccess', installAuth(app, deps.users, deps.config.AUTH_FAILURES_PER_MINUTE));
  // Security headers and a strict content policy (the API documentation sets its own, with hashes).
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: deps.config.COOKIE_SECURE ? undefined : false,
  });
  // Per token, session or address; /health and /ready are never limited (their route says so).
  await app.register(rateLimit, {
    max: deps.config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (req) => {
      const auth = req.headers.authorization;
      if (auth) return `t:${createHash('sha256').update(auth).digest('base64url').slice(0, 16)}`;
      const session = req.cookies?.[SESSION_COOKIE];
      if (session) return `s:${createHash('sha256').update(session).digest('base64url').slice(0, 16)}`;
      return `a:${req.ip}`;
    },
  });
  // Web forms without JavaScript post as application/x-www-form-urlencoded.
  await app.register(formbody, { bodyLimit: deps.config.BODY_LIMIT_BYTES });
  await app.register(multipart, { limits: { fileSize: deps.config.MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 11 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Clarté',
        description: 'Analyse des courriers administratifs en langage clair : rapports, règles et profils.',
        version: '1',
      },
      components: {
        securitySchemes: {
          jeton: { type: 'http', scheme: 'bearer', description: 'Jeton d’API (clarte users token create LOGIN)' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Session ouverte par POST /api/v1/session' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  const typed = app.withTypeProvider<ZodTypeProvider>();
  await app.register(operationRoutes(deps, () => {
    open();
    return sql!;
  }));
  typed.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await app.register(accountRoutes(deps), { prefix: '/api/v1' });
  await app.register(analysisRoutes(deps), { prefix: '/api/v1' });
  await app.register(ruleRoutes(deps), { prefix: '/api/v1' });
  await app.register(documentRoutes(deps), { prefix: '/api/v1' });
  await app.register(auditRoutes(deps), { prefix: '/api/v1' });
  await app.register(campaignRoutes(deps), { prefix: '/api/v1' });
  await app.register(pageRoutes(deps));
  if (appDeps.resumeAudits) {
    const resumed = await deps.auditJobs.resume();
    if (resumed) app.log.info({ resumed }, 'unfinished audits resumed');
  }
  return app;
}
