/** Configuration: environment variables validated once into a frozen object. Nothing else reads process.env. */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import type { IngestLimits } from './ingest/types.js';
import { DEFAULT_WEIGHTS } from './map/priority.js';

const Weights = z.object({ clarity: z.number().min(0), legal: z.number().min(0), reach: z.number().min(0), reports: z.number().min(0) }).strict();

/** A yes/no variable: true/false, 1/0, yes/no, oui/non. */
const Flag = (byDefault: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'oui', 'non'])
    .optional()
    .transform((v) => (v === undefined ? byDefault : ['true', '1', 'yes', 'oui'].includes(v)));

const Variables = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  RULES_DIR: z.string().optional(),
  DEFAULT_PROFILE: z.string().default('lettre'),
  MAX_TEXT_CHARS: z.coerce.number().int().positive().default(6_000_000),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(25 * 1024 * 1024),
  DATABASE_PATH: z.string().default('./data/clarte.db'),
  /** A PostgreSQL database instead of the SQLite file (several instances sharing one map): postgres://user:password@host:5432/base. */
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'DATABASE_URL doit commencer par postgres:// (ou postgresql://) ; laissez-la vide pour la base SQLite (DATABASE_PATH)'),
  /** Connections each instance keeps open to PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Worker threads for batches (JSON Lines); 0 = analyse on the main thread. Default: one per core, at most 4. */
  WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  /** Largest uploaded document, in bytes (PDF, DOCX, ODT, HTML, text). */
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  /** An audit sent to the API: most files, and most bytes in all (files or the zip that holds them). */
  MAX_AUDIT_FILES: z.coerce.number().int().positive().default(5000),
  MAX_AUDIT_BYTES: z.coerce.number().int().positive().default(512 * 1024 * 1024),
  /** Most pages read from one document. */
  MAX_PAGES: z.coerce.number().int().positive().default(300),
  /** Zip-based documents (DOCX, ODT): most entries, and most bytes once inflated (checked before inflating). */
  ZIP_MAX_ENTRIES: z.coerce.number().int().positive().default(2000),
  ZIP_MAX_BYTES: z.coerce.number().int().positive().default(200 * 1024 * 1024),
  /** Wall time of one document (extraction and analysis) before its worker is killed, in ms. */
  EXTRACT_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /** Heap limit of each ingestion worker, in MiB. */
  EXTRACT_MEMORY_MB: z.coerce.number().int().min(32).default(512),
  /**
   * Ingestion worker threads (documents read at once); more documents wait in a queue. Default: one
   * per core but one (at least one), so that a core stays free for the event loop and /health.
   */
  INGEST_WORKERS: z.coerce
    .number()
    .int()
    .min(1)
    .max(32)
    .default(() => Math.max(1, Math.min(8, availableParallelism() - 1))),
  /** Ingestion workers of a batch audit from the command line (no event loop to keep free): one per core. */
  AUDIT_WORKERS: z.coerce
    .number()
    .int()
    .min(1)
    .max(32)
    .default(() => Math.max(1, Math.min(8, availableParallelism()))),
  /** Documents waiting for a worker beyond which uploads are refused (429). */
  INGEST_QUEUE: z.coerce.number().int().min(0).default(64),
  /** Resident memory of the process beyond which the worker with the oldest document is stopped (MiB). */
  INGEST_RSS_LIMIT_MB: z.coerce.number().int().min(64).default(1536),
  /** PDF library: unpdf (default, measured faster and lighter) or pdf-parse. */
  PDF_ENGINE: z.enum(['unpdf', 'pdf-parse']).default('unpdf'),
  /**
   * Weights of the map's priority factors, as JSON (see src/map/priority.ts):
   * `{"clarity":0.35,"legal":0.35,"reach":0.2,"reports":0.1}`; missing keys keep their default.
   */
  PRIORITY_WEIGHTS: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '') return { ...DEFAULT_WEIGHTS };
      try {
        return Weights.parse({ ...DEFAULT_WEIGHTS, ...(JSON.parse(s) as object) });
      } catch {
        ctx.addIssue({ code: 'custom', message: 'JSON attendu, par exemple {"clarity":0.35,"legal":0.35,"reach":0.2,"reports":0.1}, poids positifs' });
        return z.NEVER;
      }
    }),
  /** Web sessions last this many hours. */
  SESSION_HOURS: z.coerce.number().positive().max(720).default(8),
  /** Session cookies only over HTTPS (browsers accept them on http://localhost too). */
  COOKIE_SECURE: Flag(true),
  /**
   * POST /api/v1/analyses without an account (nothing is stored): the ephemeral analysis stays open
   * as CONTRACT.md describes it; false requires an account of any role.
   */
  PUBLIC_ANALYSES: Flag(true),
  /** Requests per minute per token, session or address (429 beyond). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Sign-in attempts per minute per address. */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(10),
  /** Refused tokens or session cookies per minute from one address before it gets 429 (guessing). */
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /** Behind a reverse proxy: read the client's address from X-Forwarded-For. */
  TRUST_PROXY: Flag(false),
  /** First administrator, created at start when the database has no account yet (never a default password). */
  ADMIN_LOGIN: z.string().min(2).max(64).optional(),
  ADMIN_PASSWORD: z.string().optional(),
  /** Versions replaced by a newer one are deleted after this many days (0: kept for ever). */
  VERSION_RETENTION_DAYS: z.coerce.number().int().min(0).default(1095),
  /** Finished audits (their per-file results) are deleted after this many days (0: kept for ever). */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(0).default(90),
  /** Volunteers are asked at most this many times in 30 days. */
  VOLUNTEER_MAX_REQUESTS_PER_MONTH: z.coerce.number().int().min(1).default(2),
  /** A volunteer's personal data is erased after this many days without activity (0: kept until they ask). */
  VOLUNTEER_RETENTION_DAYS: z.coerce.number().int().min(0).default(730),
  /** An invitation link works for this many days (or until its campaign's deadline, if sooner). */
  INVITATION_DAYS: z.coerce.number().int().min(1).default(30),
  /** Release gate: answers needed, comprehension rate, and share of ratings of 8/10 or more. */
  RELEASE_MIN_ANSWERS: z.coerce.number().int().min(1).default(10),
  RELEASE_MIN_COMPREHENSION: z.coerce.number().min(0).max(1).default(0.8),
  RELEASE_MIN_SHARE_8: z.coerce.number().min(0).max(1).default(0.7),
  /** In-flight requests get this long to finish when the server stops (SIGTERM), in ms. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Audits sent to the server go to a queue in PostgreSQL (one job per file) that `clarte worker`
   * processes consume, on any number of machines; needs DATABASE_URL. Off: the server runs them itself.
   */
  AUDIT_QUEUE: Flag(false),
  /** A file's job not finished after this long (a worker killed or cut off) goes back to the queue for another worker, in seconds. */
  AUDIT_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(1).default(120),
  /** How often the queue looks for such jobs, in seconds. */
  AUDIT_QUEUE_CHECK_SECONDS: z.coerce.number().int().min(1).default(30),
});

const Env = Variables.refine((c) => !c.AUDIT_QUEUE || c.DATABASE_URL !== undefined, { message: 'AUDIT_QUEUE demande une base PostgreSQL partagée (DATABASE_URL)', path: ['AUDIT_QUEUE'] });

/** Every variable the configuration reads (README, « Configuration »; deployment files). */
export const CONFIG_VARIABLES: readonly string[] = Object.freeze(Object.keys(Variables.shape));

/** The ingestion limits of a configuration. */
export function ingestLimits(c: Config): IngestLimits {
  return {
    maxBytes: c.MAX_UPLOAD_BYTES,
    maxPages: c.MAX_PAGES,
    maxZipEntries: c.ZIP_MAX_ENTRIES,
    maxZipBytes: c.ZIP_MAX_BYTES,
    timeoutMs: c.EXTRACT_TIMEOUT_MS,
    memoryMb: c.EXTRACT_MEMORY_MB,
  };
}

/** The validated configuration. */
export type Config = Readonly<z.infer<typeof Env>>;

/** Reads and validates the configuration from an environment (process.env by default). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Configuration invalide : ${issues}`);
  }
  return Object.freeze(parsed.data);
}
