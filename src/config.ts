/** Configuration: environment variables validated once into a frozen object. Nothing else reads process.env. */
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  RULES_DIR: z.string().optional(),
  DEFAULT_PROFILE: z.string().default('lettre'),
  MAX_TEXT_CHARS: z.coerce.number().int().positive().default(6_000_000),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(25 * 1024 * 1024),
  DATABASE_PATH: z.string().default('./data/clarte.db'),
  /** Worker threads for batches (JSON Lines); 0 = analyse on the main thread. Default: one per core, at most 4. */
  WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

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
