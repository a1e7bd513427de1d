/**
 * Accounts, API tokens and web sessions in the database. Secrets never stay in clear: tokens and
 * session cookies are kept as their SHA-256 (they are 32 random bytes: a fast hash is enough), and
 * passwords as scrypt hashes (src/auth/passwords.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from '../auth/passwords.js';
import { ROLE_LABELS, ROLES, type Principal, type Role } from '../auth/roles.js';
import { AppError } from '../errors.js';
import { isUniqueViolation, type Sql } from './sql.js';

/** An account as shown to administrators (no secret). */
export interface UserInfo {
  id: number;
  login: string;
  name: string;
  role: Role;
  service: string | null;
  disabled: boolean;
  hasPassword: boolean;
  createdAt: string;
}

/** A token as listed (its secret is shown once, at creation). */
export interface TokenInfo {
  id: number;
  userId: number;
  label: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface UserRow {
  id: number;
  login: string;
  name: string;
  role: Role;
  service: string | null;
  password_hash: string | null;
  disabled: number;
  created_at: string;
}

interface TokenRow {
  id: number;
  user_id: number;
  label: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Prefix of every API token, so that a leaked one is recognisable (secret scanners). */
export const TOKEN_PREFIX = 'clt_';

const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();
const now = (): string => new Date().toISOString();
const LOGIN = /^[\p{L}\p{N}._@-]{2,64}$/u;

function userInfo(r: UserRow): UserInfo {
  return {
    id: r.id,
    login: r.login,
    name: r.name,
    role: r.role,
    service: r.service,
    disabled: r.disabled === 1,
    hasPassword: r.password_hash !== null,
    createdAt: r.created_at,
  };
}

function tokenInfo(r: TokenRow): TokenInfo {
  return { id: r.id, userId: r.user_id, label: r.label, prefix: r.prefix, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at };
}

/** What a new account needs. */
export interface NewUser {
  login: string;
  name?: string | undefined;
  role: Role;
  service?: string | null | undefined;
  password?: string | undefined;
}

/** The accounts repository over a database (SQLite or PostgreSQL). */
export function userStore(db: Sql) {
  const q = {
    insert: 'INSERT INTO users (login, name, role, service, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
    byId: 'SELECT * FROM users WHERE id = ?',
    // the login column compares without case on both engines (SQLite NOCASE, PostgreSQL's nocase collation)
    byLogin: 'SELECT * FROM users WHERE login = ?',
    list: 'SELECT * FROM users ORDER BY login',
    count: 'SELECT count(*) AS n FROM users',
    update: 'UPDATE users SET name = @name, role = @role, service = @service, disabled = @disabled, updated_at = @at WHERE id = @id',
    password: 'UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?',
    insertToken: 'INSERT INTO api_tokens (user_id, label, hash, prefix, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
    token: 'SELECT t.id AS token_id, t.revoked_at, t.last_used_at, u.* FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ?',
    touchToken: 'UPDATE api_tokens SET last_used_at = ? WHERE id = ?',
    tokens: 'SELECT * FROM api_tokens WHERE user_id = ? ORDER BY id',
    tokenById: 'SELECT * FROM api_tokens WHERE id = ?',
    revoke: 'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
    insertSession: 'INSERT INTO sessions (hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    session: 'SELECT s.csrf, s.expires_at, u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.hash = ?',
    deleteSession: 'DELETE FROM sessions WHERE hash = ?',
    deleteUserSessions: 'DELETE FROM sessions WHERE user_id = ?',
    purgeSessions: 'DELETE FROM sessions WHERE expires_at <= ?',
  };

  const get = async (id: number): Promise<UserInfo> => {
    const r = await db.get<UserRow>(q.byId, [id]);
    if (!r) throw new AppError('NOT_FOUND', `Compte introuvable : ${id}.`);
    return userInfo(r);
  };
  const byLogin = async (login: string): Promise<UserInfo> => {
    const r = await db.get<UserRow>(q.byLogin, [login]);
    if (!r) throw new AppError('NOT_FOUND', `Compte introuvable : ${login}.`);
    return userInfo(r);
  };
  const principal = (r: UserRow, via: Principal['via'], csrf?: string): Principal => ({
    userId: r.id,
    login: r.login,
    name: r.name,
    role: r.role,
    service: r.service,
    via,
    ...(csrf ? { csrf } : {}),
  });

  return {
    get,
    byLogin,
    list: async (): Promise<UserInfo[]> => (await db.all<UserRow>(q.list)).map(userInfo),
    count: async (): Promise<number> => (await db.get<{ n: number }>(q.count))!.n,

    /** Creates an account (its password hashed); a login already taken is a conflict. */
    async add(u: NewUser): Promise<UserInfo> {
      if (!LOGIN.test(u.login)) throw new AppError('VALIDATION', 'Identifiant invalide : 2 à 64 lettres, chiffres, points, tirets, « _ » ou « @ ».');
      if (!ROLES.includes(u.role)) throw new AppError('VALIDATION', `Rôle inconnu : ${u.role} (${ROLES.join(', ')}).`);
      if (u.role === 'agent' && !u.service) throw new AppError('VALIDATION', 'Un agent appartient à un service : précisez-le.');
      if (u.password !== undefined) {
        const problem = passwordProblem(u.password);
        if (problem) throw new AppError('VALIDATION', problem);
      }
      const hash = u.password === undefined ? null : await hashPassword(u.password);
      const taken = () => new AppError('CONFLICT', `L'identifiant « ${u.login} » est déjà pris.`);
      if (await db.get(q.byLogin, [u.login])) throw taken();
      const at = now();
      let id: number;
      try {
        id = (await db.get<{ id: number }>(q.insert, [u.login, u.name?.trim() || u.login, u.role, u.service?.trim() || null, hash, at, at]))!.id;
      } catch (e) {
        // another instance took it between the check and the insert
        if (isUniqueViolation(e)) throw taken();
        throw e;
      }
      return get(id);
    },

    /** Changes name, role, service or the disabled flag; disabling closes the account's sessions. */
    async update(id: number, change: { name?: string | undefined; role?: Role | undefined; service?: string | null | undefined; disabled?: boolean | undefined }): Promise<UserInfo> {
      const cur = await get(id);
      const next = {
        id,
        name: change.name?.trim() || cur.name,
        role: change.role ?? cur.role,
        service: change.service === undefined ? cur.service : change.service?.trim() || null,
        disabled: (change.disabled ?? cur.disabled) ? 1 : 0,
        at: now(),
      };
      if (next.role === 'agent' && !next.service) throw new AppError('VALIDATION', 'Un agent appartient à un service : précisez-le.');
      await db.transaction(async (tx) => {
        await tx.run(q.update, next);
        if (next.disabled) await tx.run(q.deleteUserSessions, [id]);
      });
      return get(id);
    },

    /** Sets a new password (checked, hashed) and closes the account's sessions. */
    async setPassword(id: number, password: string): Promise<void> {
      await get(id);
      const problem = passwordProblem(password);
      if (problem) throw new AppError('VALIDATION', problem);
      const hash = await hashPassword(password);
      await db.transaction(async (tx) => {
        await tx.run(q.password, [hash, now(), id]);
        await tx.run(q.deleteUserSessions, [id]);
      });
    },

    /** A new API token for the account: the clear token is returned once, only its hash is kept. */
    async createToken(userId: number, label: string): Promise<{ token: string; info: TokenInfo }> {
      await get(userId);
      const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
      const { id } = (await db.get<{ id: number }>(q.insertToken, [userId, label.trim() || 'jeton', sha256(token), token.slice(0, 10), now()]))!;
      return { token, info: tokenInfo((await db.get<TokenRow>(q.tokenById, [id]))!) };
    },
    tokens: async (userId: number): Promise<TokenInfo[]> => (await db.all<TokenRow>(q.tokens, [userId])).map(tokenInfo),
    async token(id: number): Promise<TokenInfo> {
      const r = await db.get<TokenRow>(q.tokenById, [id]);
      if (!r) throw new AppError('NOT_FOUND', `Jeton introuvable : ${id}.`);
      return tokenInfo(r);
    },
    /** Revokes a token (true when it was active). */
    revokeToken: async (id: number): Promise<boolean> => (await db.run(q.revoke, [now(), id])).changes > 0,

    /** The caller behind a token, or null (unknown, revoked, or account disabled). */
    async authenticateToken(token: string): Promise<Principal | null> {
      if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
      const r = await db.get<UserRow & { token_id: number; revoked_at: string | null; last_used_at: string | null }>(q.token, [sha256(token)]);
      if (!r || r.revoked_at || r.disabled) return null;
      // Written at most once a minute per token: a busy program does not turn reads into writes.
      const at = now();
      if (!r.last_used_at || Date.parse(at) - Date.parse(r.last_used_at) > 60_000) await db.run(q.touchToken, [at, r.token_id]);
      return principal(r, 'token');
    },

    /** Checks a login and password; the same work is done for an unknown login (no timing oracle). */
    async checkPassword(login: string, password: string): Promise<UserInfo | null> {
      const r = await db.get<UserRow>(q.byLogin, [login]);
      if (!r || !r.password_hash || r.disabled) {
        await verifyPassword(password, await decoyHash());
        return null;
      }
      return (await verifyPassword(password, r.password_hash)) ? userInfo(r) : null;
    },

    /** Opens a web session: the cookie value and CSRF token (only the cookie's hash is kept). */
    async openSession(userId: number, hours: number): Promise<{ cookie: string; csrf: string; expiresAt: Date }> {
      const cookie = randomBytes(32).toString('base64url');
      const csrf = randomBytes(24).toString('base64url');
      const expiresAt = new Date(Date.now() + hours * 3_600_000);
      await db.run(q.insertSession, [sha256(cookie), userId, csrf, now(), expiresAt.toISOString()]);
      return { cookie, csrf, expiresAt };
    },
    /** The caller behind a session cookie, or null (unknown, expired, account disabled). */
    async sessionPrincipal(cookie: string): Promise<Principal | null> {
      if (cookie.length > 200) return null;
      const r = await db.get<UserRow & { csrf: string; expires_at: string }>(q.session, [sha256(cookie)]);
      if (!r || r.disabled || r.expires_at <= now()) return null;
      return principal(r, 'session', r.csrf);
    },
    closeSession: async (cookie: string): Promise<void> => void (await db.run(q.deleteSession, [sha256(cookie)])),
    /** Deletes expired sessions; returns how many. */
    purgeSessions: async (): Promise<number> => (await db.run(q.purgeSessions, [now()])).changes,
  };
}

export type UserStore = ReturnType<typeof userStore>;

/** "agent (service Urbanisme)": how an account is named in messages. */
export function describeUser(u: Pick<UserInfo, 'role' | 'service'>): string {
  return `${ROLE_LABELS[u.role]}${u.service ? ` du service ${u.service}` : ''}`;
}
