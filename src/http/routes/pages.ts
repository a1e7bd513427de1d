/**
 * The web pages, rendered on the server (src/web/): they work without JavaScript (plain forms), in the
 * look of the State's design system (DSFR, served from the @gouvfr/dsfr package, never from a CDN).
 */
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { analyse } from '../../analyse.js';
import { isAppError } from '../../errors.js';
import { ROOT } from '../../paths.js';
import type { Html } from '../../web/html.js';
import { analyseForm, reportPage } from '../../web/analyse-page.js';
import { CLARTE_CSS } from '../../web/styles.js';
import type { RouteDeps } from '../app.js';
import { readForm } from '../upload.js';

const send = (reply: FastifyReply, page: Html, status = 200) => reply.status(status).type('text/html; charset=utf-8').send(page.value);

/** The page routes. */
export function pageRoutes(deps: RouteDeps): FastifyPluginAsync {
  const access = deps.config.PUBLIC_ANALYSES ? ('public' as const) : ('signed-in' as const);
  return async (app) => {
    await app.register(fastifyStatic, { root: join(ROOT, 'node_modules', '@gouvfr', 'dsfr', 'dist'), prefix: '/dsfr/', decorateReply: false, maxAge: '1d' });

    app.get('/static/clarte.css', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CLARTE_CSS));

    app.get('/', { config: { access }, schema: { hide: true } }, async (_req, reply) => send(reply, analyseForm()));

    app.post('/analyser', { config: { access }, schema: { hide: true } }, async (req, reply) => {
      let text = '';
      let profile = deps.config.DEFAULT_PROFILE;
      try {
        if (!req.isMultipart()) {
          const body = (req.body ?? {}) as Record<string, unknown>;
          text = typeof body.text === 'string' ? body.text : '';
          if (typeof body.profile === 'string') profile = body.profile;
          return send(reply, reportPage(analyse({ text }, deps.library, { profile, maxChars: deps.config.MAX_TEXT_CHARS, personalData: 'count' })));
        }
        const form = await readForm(req, deps.config.MAX_UPLOAD_BYTES, ['text', 'profile']);
        text = form.fields.text ?? '';
        profile = form.fields.profile || profile;
        const report = form.bytes
          ? await deps.ingestor.analyseBytes(form.bytes, { profile, transfer: true, personalData: 'count', ...(form.filename ? { filename: form.filename } : {}) })
          : analyse({ text }, deps.library, { profile, maxChars: deps.config.MAX_TEXT_CHARS, personalData: 'count' });
        return send(reply, reportPage(report));
      } catch (e) {
        // A bad letter or file: the form again, with the French message and what was typed.
        if (isAppError(e)) return send(reply, analyseForm({ text, profile, error: e.message }), e.status);
        throw e;
      }
    });
  };
}
