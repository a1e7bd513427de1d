/**
 * Accounts over HTTP: web sessions (sign in, who am I, sign out), accounts and API tokens (admins),
 * and the audit log of changes.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINS, ROLES } from '../../auth/roles.js';
import { AppError } from '../../errors.js';
import type { RouteDeps } from '../app.js';
import { caller, SESSION_COOKIE } from '../auth.js';

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });
const Id = z.object({ id: z.coerce.number().int().positive() });
const Role = z.enum(ROLES);
const User = z.object({
  id: z.number(),
  login: z.string(),
  name: z.string(),
  role: Role,
  service: z.string().nullable(),
  disabled: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: z.string(),
});
const Token = z.object({
  id: z.number(),
  userId: z.number(),
  label: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const Me = z.object({ id: z.number(), login: z.string(), name: z.string(), role: Role, service: z.string().nullable(), via: z.enum(['token', 'session']) });

/** The account routes. */
export function accountRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: deps.config.COOKIE_SECURE };
  return async (app) => {
    app.post(
      '/session',
      {
        config: { access: 'public', rateLimit: { max: deps.config.LOGIN_RATE_PER_MINUTE, timeWindow: 60_000 } },
        schema: {
          summary: 'Ouvrir une session (pages web) : identifiant et mot de passe',
          description: 'Pose un cookie de session (HttpOnly, SameSite=Strict) et renvoie le jeton CSRF à joindre à chaque modification (en-tête x-csrf-token).',
          body: z.object({ login: z.string().min(1).max(64), password: z.string().min(1).max(1024) }),
          response: { 200: z.object({ user: Me, csrf: z.string(), expiresAt: z.string() }), 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
        },
      },
      async (req, reply) => {
        const users = deps.users();
        const user = await users.checkPassword(req.body.login, req.body.password);
        if (!user) throw new AppError('UNAUTHORIZED', 'Identifiant ou mot de passe incorrect.');
        const s = await users.openSession(user.id, deps.config.SESSION_HOURS);
        reply.setCookie(SESSION_COOKIE, s.cookie, { ...cookieOptions, expires: s.expiresAt });
        await deps.log().record({ userId: user.id, login: user.login, name: user.name, role: user.role, service: user.service, via: 'session' }, 'session.open', `user:${user.id}`);
        return {
          user: { id: user.id, login: user.login, name: user.name, role: user.role, service: user.service, via: 'session' as const },
          csrf: s.csrf,
          expiresAt: s.expiresAt.toISOString(),
        };
      },
    );

    app.get(
      '/session',
      {
        config: { access: 'signed-in' },
        schema: { summary: 'Qui suis-je ? (et le jeton CSRF de la session)', response: { 200: z.object({ user: Me, csrf: z.string().optional() }), 401: ErrorBody } },
      },
      async (req) => {
        const p = caller(req);
        return { user: { id: p.userId, login: p.login, name: p.name, role: p.role, service: p.service, via: p.via }, ...(p.csrf ? { csrf: p.csrf } : {}) };
      },
    );

    app.delete(
      '/session',
      { config: { access: 'signed-in' }, schema: { summary: 'Fermer la session', response: { 204: z.null(), 401: ErrorBody, 403: ErrorBody } } },
      async (req, reply) => {
        const cookie = req.cookies[SESSION_COOKIE];
        if (cookie) await deps.users().closeSession(cookie);
        reply.clearCookie(SESSION_COOKIE, cookieOptions);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/users',
      { config: { access: ADMINS }, schema: { summary: 'Les comptes', response: { 200: z.object({ items: z.array(User) }), 401: ErrorBody, 403: ErrorBody } } },
      async () => ({ items: await deps.users().list() }),
    );

    app.post(
      '/users',
      {
        config: { access: ADMINS },
        schema: {
          summary: 'Créer un compte',
          description: 'Sans mot de passe, le compte n’agit que par jetons d’API. Un agent appartient à un service.',
          body: z.object({
            login: z.string().min(2).max(64),
            name: z.string().max(200).optional(),
            role: Role,
            service: z.string().max(200).nullable().optional(),
            password: z.string().max(1024).optional(),
          }),
          response: { 201: User, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody },
        },
      },
      async (req, reply) => {
        const user = await deps.users().add(req.body);
        await deps.log().record(caller(req), 'user.create', `user:${user.id}`, { login: user.login, role: user.role, service: user.service });
        return reply.status(201).send(user);
      },
    );

    app.patch(
      '/users/:id',
      {
        config: { access: ADMINS },
        schema: {
          summary: 'Modifier un compte (nom, rôle, service, désactivation)',
          params: Id,
          body: z.object({ name: z.string().max(200).optional(), role: Role.optional(), service: z.string().max(200).nullable().optional(), disabled: z.boolean().optional() }).strict(),
          response: { 200: User, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
        },
      },
      async (req) => {
        const me = caller(req);
        if (req.params.id === me.userId && (req.body.disabled || (req.body.role && req.body.role !== 'admin'))) {
          throw new AppError('CONFLICT', 'Un administrateur ne peut ni se désactiver ni se retirer son propre rôle.');
        }
        const user = await deps.users().update(req.params.id, req.body);
        await deps.log().record(me, 'user.update', `user:${user.id}`, req.body);
        return user;
      },
    );

    app.put(
      '/users/:id/password',
      {
        config: { access: 'signed-in' },
        schema: {
          summary: 'Changer un mot de passe (le sien, ou celui de tout compte pour un administrateur)',
          description: 'Ferme les sessions ouvertes du compte. Pour son propre compte, le mot de passe actuel est demandé.',
          params: Id,
          body: z.object({ password: z.string().max(1024), current: z.string().max(1024).optional() }),
          response: { 204: z.null(), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
        },
      },
      async (req, reply) => {
        const me = caller(req);
        const users = deps.users();
        if (req.params.id !== me.userId && me.role !== 'admin') throw new AppError('FORBIDDEN', 'Seul un administrateur change le mot de passe d’un autre compte.');
        if (req.params.id === me.userId && me.role !== 'admin') {
          const ok = await users.checkPassword(me.login, req.body.current ?? '');
          if (!ok) throw new AppError('FORBIDDEN', 'Mot de passe actuel incorrect.');
        }
        await users.setPassword(req.params.id, req.body.password);
        await deps.log().record(me, 'user.password', `user:${req.params.id}`);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/users/:id/tokens',
      {
        config: { access: ADMINS },
        schema: { summary: 'Les jetons d’API d’un compte', params: Id, response: { 200: z.object({ items: z.array(Token) }), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
      },
      async (req) => {
        await deps.users().get(req.params.id);
        return { items: await deps.users().tokens(req.params.id) };
      },
    );

    app.post(
      '/users/:id/tokens',
      {
        config: { access: ADMINS },
        schema: {
          summary: 'Créer un jeton d’API (affiché une seule fois)',
          params: Id,
          body: z.object({ label: z.string().max(200).default('jeton') }),
          response: { 201: Token.extend({ token: z.string() }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
        },
      },
      async (req, reply) => {
        const { token, info } = await deps.users().createToken(req.params.id, req.body.label);
        await deps.log().record(caller(req), 'token.create', `user:${req.params.id}`, { token: info.id, label: info.label });
        return reply.status(201).send({ ...info, token });
      },
    );

    app.delete(
      '/tokens/:id',
      {
        config: { access: 'signed-in' },
        schema: { summary: 'Révoquer un jeton (le sien, ou tout jeton pour un administrateur)', params: Id, response: { 204: z.null(), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
      },
      async (req, reply) => {
        const me = caller(req);
        const users = deps.users();
        const t = await users.token(req.params.id);
        if (t.userId !== me.userId && me.role !== 'admin') throw new AppError('FORBIDDEN', 'Seul un administrateur révoque le jeton d’un autre compte.');
        if (await users.revokeToken(t.id)) await deps.log().record(me, 'token.revoke', `user:${t.userId}`, { token: t.id });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/audit-log',
      {
        config: { access: ADMINS },
        schema: {
          summary: 'Journal des modifications (qui a changé quoi)',
          querystring: z.object({ target: z.string().max(100).optional(), before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
          response: {
            200: z.object({ items: z.array(z.object({ id: z.number(), at: z.string(), userId: z.number().nullable(), actor: z.string(), action: z.string(), target: z.string().nullable(), details: z.unknown() })) }),
            401: ErrorBody,
            403: ErrorBody,
          },
        },
      },
      async (req) => ({ items: await deps.log().list(req.query) }),
    );
  };
}
