/**
 * The one door to a database: an asynchronous SQL executor with two engines, SQLite (better-sqlite3,
 * the embedded default) and PostgreSQL (`pg`, for several instances sharing one map). Repositories
 * write their SQL once, in the subset both engines share, with `@name` (or `?`) parameters, quoted
 * camel-case aliases (`AS "documentId"`) and `RETURNING id` for new rows; the executor translates the
 * parameters for PostgreSQL and gives back plain JavaScript values (numbers, strings, Buffers).
 *
 * Transactions: `transaction(fn)` runs `fn` with an executor bound to the transaction. On SQLite the
 * one connection is shared, so a transaction takes a lock that other queries of this process wait for
 * (`BEGIN IMMEDIATE` also keeps other processes out); on PostgreSQL it takes a client of the pool.
 */
import type Database from 'better-sqlite3';
import type * as Pg from 'pg';
import type { Pool, PoolClient } from 'pg';
import { createRequire } from 'node:module';

export type Dialect = 'sqlite' | 'postgres';
export type Params = Readonly<Record<string, unknown>> | readonly unknown[];

export interface Sql {
  readonly dialect: Dialect;
  /** Every row. */
  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  /** The first row, if any. */
  get<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined>;
  /** A statement without rows; how many rows it changed. */
  run(sql: string, params?: Params): Promise<{ changes: number }>;
  /** Several statements without parameters (schema). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in a transaction (a savepoint when already in one): committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Closes the connection(s). */
  close(): Promise<void>;
}

/** True when the error is a violated uniqueness constraint, on either engine. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

// ---------------------------------------------------------------------------------------------------
// SQLite

/** Waiters for the end of the current transaction of a shared connection. */
class Gate {
  private held: Promise<void> | null = null;
  private release: (() => void) | null = null;

  /** Resolves when no transaction holds the connection. */
  async free(): Promise<void> {
    while (this.held) await this.held;
  }

  async acquire(): Promise<() => void> {
    // no await between the last check and taking it: two waiters cannot both take it
    while (this.held) await this.held;
    this.held = new Promise<void>((resolve) => {
      this.release = resolve;
    });
    return () => {
      const r = this.release;
      this.held = null;
      this.release = null;
      r?.();
    };
  }
}

type Statement = Database.Statement;

/** How long a transaction waits for another connection's write lock before failing. */
const BUSY_WAIT_MS = 10_000;

function sqliteParams(params: Params | undefined): unknown[] {
  if (params === undefined) return [];
  return Array.isArray(params) ? (params as unknown[]) : [params];
}

/** Runs statements on one better-sqlite3 connection, preparing each SQL text once. */
class SqliteSql implements Sql {
  readonly dialect = 'sqlite' as const;
  private depth = 0;

  constructor(
    readonly db: Database.Database,
    private readonly gate: Gate,
    private readonly statements: Map<string, Statement>,
    private readonly inTransaction: boolean,
  ) {}

  private prepare(sql: string): Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  private async ready(): Promise<void> {
    if (!this.inTransaction) await this.gate.free();
  }

  async all<T>(sql: string, params?: Params): Promise<T[]> {
    await this.ready();
    return this.prepare(sql).all(...sqliteParams(params)) as T[];
  }

  async get<T>(sql: string, params?: Params): Promise<T | undefined> {
    await this.ready();
    return this.prepare(sql).get(...sqliteParams(params)) as T | undefined;
  }

  async run(sql: string, params?: Params): Promise<{ changes: number }> {
    await this.ready();
    return { changes: this.prepare(sql).run(...sqliteParams(params)).changes };
  }

  async exec(sql: string): Promise<void> {
    await this.ready();
    this.db.exec(sql);
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    if (this.inTransaction) {
      const name = `sp${++this.depth}`;
      this.db.exec(`SAVEPOINT ${name}`);
      try {
        const out = await fn(this);
        this.db.exec(`RELEASE ${name}`);
        return out;
      } catch (e) {
        this.db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
        throw e;
      } finally {
        this.depth--;
      }
    }
    const release = await this.gate.acquire();
    try {
      await this.begin();
      try {
        const out = await fn(new SqliteSql(this.db, this.gate, this.statements, true));
        this.db.exec('COMMIT');
        return out;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    } finally {
      release();
    }
  }

  /**
   * `BEGIN IMMEDIATE`, waiting without blocking the event loop while another process (an audit saved
   * from the command line, another connection) holds the database's write lock.
   */
  private async begin(): Promise<void> {
    const deadline = Date.now() + BUSY_WAIT_MS;
    const timeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
      this.db.pragma('busy_timeout = 0');
      try {
        this.db.exec('BEGIN IMMEDIATE');
        return;
      } catch (e) {
        if ((e as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw e;
      } finally {
        this.db.pragma(`busy_timeout = ${timeout}`);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  async close(): Promise<void> {
    await this.gate.free();
    this.db.close();
  }
}

const executors = new WeakMap<Database.Database, SqliteSql>();

/**
 * The executor of an open better-sqlite3 connection: one per connection, whoever asks, so that its
 * lock orders the transactions of every repository using that connection.
 */
export function sqliteSql(db: Database.Database): Sql & { readonly db: Database.Database } {
  let sql = executors.get(db);
  if (!sql) {
    sql = new SqliteSql(db, new Gate(), new Map(), false);
    executors.set(db, sql);
  }
  return sql;
}

// ---------------------------------------------------------------------------------------------------
// PostgreSQL

interface Translated {
  text: string;
  /** Names of the parameters in `$n` order (named form), or null (positional `?`). */
  names: string[] | null;
}

/**
 * `@name` and `?` parameters into PostgreSQL's `$1…`, outside string literals, quoted identifiers
 * and comments.
 */
export function translateParams(sql: string): Translated {
  let out = '';
  const names: string[] = [];
  let positional = 0;
  let named = false;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const m = /^[A-Za-z_]\w*/.exec(sql.slice(i + 1))!;
      named = true;
      let k = names.indexOf(m[0]);
      if (k < 0) k = names.push(m[0]) - 1;
      out += `$${k + 1}`;
      i += m[0].length;
    } else if (c === '?') {
      out += `$${++positional}`;
    } else {
      out += c;
    }
  }
  if (named && positional) throw new Error('SQL: paramètres nommés et positionnels mêlés');
  return { text: out, names: named ? names : null };
}

type Queryable = Pick<PoolClient, 'query'>;

class PostgresSql implements Sql {
  readonly dialect = 'postgres' as const;
  private depth = 0;

  constructor(
    readonly pool: Pool,
    private readonly client: Queryable,
    private readonly cache: Map<string, Translated>,
    private readonly inTransaction: boolean,
  ) {}

  private async query<T>(sql: string, params?: Params): Promise<{ rows: T[]; rowCount: number | null }> {
    let t = this.cache.get(sql);
    if (!t) {
      t = translateParams(sql);
      this.cache.set(sql, t);
    }
    let values: unknown[] = [];
    if (params !== undefined) {
      if (Array.isArray(params)) values = params as unknown[];
      else if (t.names) {
        const p = params as Record<string, unknown>;
        values = t.names.map((n) => {
          if (!(n in p)) throw new Error(`SQL: paramètre manquant @${n}`);
          return p[n];
        });
      }
    }
    const r = await this.client.query({ text: t.text, values });
    return { rows: r.rows as T[], rowCount: r.rowCount };
  }

  async all<T>(sql: string, params?: Params): Promise<T[]> {
    return (await this.query<T>(sql, params)).rows;
  }

  async get<T>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.query<T>(sql, params)).rows[0];
  }

  async run(sql: string, params?: Params): Promise<{ changes: number }> {
    return { changes: (await this.query(sql, params)).rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    await this.client.query(sql);
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    if (this.inTransaction) {
      const name = `sp${++this.depth}`;
      await this.client.query(`SAVEPOINT ${name}`);
      try {
        const out = await fn(this);
        await this.client.query(`RELEASE SAVEPOINT ${name}`);
        return out;
      } catch (e) {
        await this.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
        throw e;
      } finally {
        this.depth--;
      }
    }
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      try {
        const out = await fn(new PostgresSql(this.pool, client, this.cache, true));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw e;
      }
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

const INT8 = 20;
const NUMERIC = 1700;

/**
 * A pool of connections to the PostgreSQL database at `url` (postgres://user:password@host:port/db,
 * or `?host=/socket/folder`). 64-bit integers (ids, counts) and numerics come back as numbers.
 */
export function postgresSql(url: string, opts: { max?: number; applicationName?: string } = {}): Sql & { readonly pool: Pool } {
  // NOTE: loaded on first use like better-sqlite3: the command line without a database never pays for it.
  const pg = createRequire(import.meta.url)('pg') as typeof Pg;
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === INT8 || oid === NUMERIC) return (v: string) => (v === null ? null : Number(v));
      return pg.types.getTypeParser(oid, format);
    }) as typeof pg.types.getTypeParser,
  };
  // a query waits 10 s at most for a connection (a server out of reach, or every connection busy) rather than forever
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types, application_name: opts.applicationName ?? 'clarte', connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection (server restart) must not end the process.
  pool.on('error', () => {});
  return new PostgresSql(pool, pool, new Map(), false);
}

/** True for a PostgreSQL connection URL. */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(?:ql)?:\/\//i.test(url);
}
