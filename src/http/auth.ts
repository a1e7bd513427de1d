/**
 * Who may call what. Every route declares its access in its options (`config: { access }`, see
 * src/auth/roles.ts); a route without one stops the app at start-up. Each request is identified once,
 * before its body is read: an API token (`Authorization: Bearer clt_…`) for programs, or the session
 * cookie for the web pages, which must then echo the session's CSRF token on every change
 * (`x-csrf-token` header, or `_csrf` field or query parameter).
 */
import { timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ROLE_LABELS, type Access, type Principal, type Role } from '../auth/roles.js';
import { AppError } from '../errors.js';
import type { UserStore } from '../store/users.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route (required on every route). */
    access?: Access;
    /** A web page: an anonymous visitor is sent to the sign-in page, errors answer in HTML. */
    page?: boolean;
  }
  interface FastifyRequest {
    /** The caller, once identified (null: nobody signed in). */
    principal: Principal | null;
  }
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'clarte_session';

/** A route and who may call it (the table tests walk). */
export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
  /** A web page (anonymous visitors are redirected to the sign-in page). */
  page?: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  if (!m) throw new AppError('UNAUTHORIZED', 'En-tête Authorization invalide : attendu « Bearer <jeton> ».');
  return m[1]!;
}

/**
 * Failed identifications per client address over the last minute: past the limit, the address is
 * answered 429 before any lookup, so that tokens and session cookies cannot be guessed (each guess is
 * a new token: a limit per token would never trigger).
 */
export class FailureThrottle {
  private readonly seen = new Map<string, { count: number; since: number }>();
  constructor(private readonly perMinute: number) {}
  blocked(ip: string, now = Date.now()): boolean {
    const e = this.seen.get(ip);
    return e !== undefined && now - e.since < 60_000 && e.count >= this.perMinute;
  }
  fail(ip: string, now = Date.now()): void {
    const e = this.seen.get(ip);
    if (!e || now - e.since >= 60_000) this.seen.set(ip, { count: 1, since: now });
    else e.count++;
    // Old entries go when the map grows (an attack from many addresses cannot fill the memory).
    if (this.seen.size > 10_000) for (const [k, v] of this.seen) if (now - v.since >= 60_000) this.seen.delete(k);
  }
}

/** The caller of a request (null when no credentials are given); invalid credentials are refused. */
export async function identify(req: FastifyRequest, users: () => UserStore, throttle?: FailureThrottle): Promise<Principal | null> {
  const token = bearer(req);
  const cookie = token === null ? req.cookies?.[SESSION_COOKIE] : undefined;
  if (token === null && !cookie) return null;
  if (throttle?.blocked(req.ip)) throw new AppError('RATE_LIMITED', 'Trop d’identifications refusées depuis cette adresse : patientez une minute.');
  const p = token !== null ? await users().authenticateToken(token) : await users().sessionPrincipal(cookie!);
  if (!p) {
    throttle?.fail(req.ip);
    // A bad token is an error; an expired session cookie only means nobody is signed in.
    if (token !== null) throw new AppError('UNAUTHORIZED', 'Jeton inconnu, révoqué, ou compte désactivé.');
  }
  return p;
}

/** True when the browser says the request comes from another site (Sec-Fetch-Site, else Origin). */
function crossSite(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'cross-site';
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return typeof origin === 'string';
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

function allowed(access: Access, role: Role): boolean {
  return access === 'public' || access === 'signed-in' || access.includes(role);
}

/** French description of an access (messages, API documentation). */
export function accessLabel(access: Access): string {
  if (access === 'public') return 'accès libre';
  if (access === 'signed-in') return 'tout compte';
  return `rôles : ${access.map((r) => ROLE_LABELS[r]).join(', ')}`;
}

/**
 * Installs identification and access checks on the app (before any route is declared) and returns
 * the table of routes with their access, filled as routes are declared.
 */
export function installAuth(app: FastifyInstance, users: () => UserStore, failuresPerMinute = 20): RouteAccess[] {
  const table: RouteAccess[] = [];
  const throttle = new FailureThrottle(failuresPerMinute);
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    // The API documentation's own pages (swagger-ui) and the design system's files are public.
    if (route.url === '/docs' || route.url.startsWith('/docs/') || route.url.startsWith('/dsfr/')) route.config = { ...route.config, access: 'public' };
    const access = route.config?.access;
    if (access === undefined) throw new Error(`route sans accès déclaré : ${String(route.method)} ${route.url}`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') table.push({ method, url: route.url, access, ...(route.config?.page ? { page: true } : {}) });
    // Documented in the OpenAPI description, so that callers see who may call each route.
    if (route.schema && !route.schema.hide) {
      const s = route.schema as { description?: string; security?: unknown };
      s.description = `${s.description ? `${s.description}\n\n` : ''}Accès : ${accessLabel(access)}.`;
      if (access !== 'public') s.security = [{ jeton: [] }, { session: [] }];
    }
  });
  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config.access;
    if (access === undefined) return; // unknown address: the 404 handler answers
    req.principal = await identify(req, users, throttle);
    // An expired or unknown session cookie is dropped, so that the browser stops sending it.
    if (!req.principal && req.cookies?.[SESSION_COOKIE]) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    const p = req.principal;
    // A change made with the session cookie from another site is refused outright (the CSRF token
    // would refuse it too): browsers say where a request comes from.
    if (p?.via === 'session' && !SAFE_METHODS.has(req.method) && crossSite(req)) {
      throw new AppError('FORBIDDEN', 'Requête venue d’un autre site : refusée.');
    }
    if (access === 'public') return;
    if (!p) throw new AppError('UNAUTHORIZED', 'Identifiez-vous : jeton d’API (Authorization: Bearer …) ou session ouverte sur /api/v1/session.');
    if (!allowed(access, p.role)) {
      throw new AppError('FORBIDDEN', `Votre rôle (${ROLE_LABELS[p.role]}) ne permet pas cette action (${accessLabel(access)}).`);
    }
  });
  // CSRF: a change made with the session cookie must carry the session's token (a token-based call
  // carries no ambient credential and needs none). Checked once the body is parsed (form fields).
  app.addHook('preValidation', async (req) => {
    const p = req.principal;
    if (!p || p.via !== 'session' || SAFE_METHODS.has(req.method) || !p.csrf) return;
    const header = req.headers['x-csrf-token'];
    const body = req.body as { _csrf?: unknown } | undefined;
    const query = req.query as { _csrf?: unknown } | undefined;
    const given = typeof header === 'string' ? header : typeof body?._csrf === 'string' ? body._csrf : typeof query?._csrf === 'string' ? query._csrf : '';
    if (!sameSecret(given, p.csrf)) throw new AppError('FORBIDDEN', 'Jeton anti-falsification (CSRF) absent ou invalide : rechargez la page.');
  });
  return table;
}

/** The caller of a route that requires one (its access is never public). */
export function caller(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('UNAUTHORIZED', 'Identifiez-vous.');
  return req.principal;
}
