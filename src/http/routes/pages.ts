/**
 * The web pages, rendered on the server (src/web/): they work without JavaScript (plain forms), in the
 * look of the State's design system (DSFR, served from the @gouvfr/dsfr package, never from a CDN).
 */
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { analyse } from '../../analyse.js';
import { AppError, isAppError } from '../../errors.js';
import { ROOT } from '../../paths.js';
import { html, type Html } from '../../web/html.js';
import { ANALYSE_JS, analyseForm, reportPage } from '../../web/analyse-page.js';
import { exportReport, type ExportFormat } from '../../report/export.js';
import { loginPage, mapPage } from '../../web/map-page.js';
import { documentPage, type DocumentPageData } from '../../web/document-page.js';
import { guidePage } from '../../web/guide-page.js';
import { campaignInput, campaignPage, campaignsBlock, type CampaignPageData } from '../../web/campaign-page.js';
import { campaignResults } from '../../campaigns/results.js';
import { indicatorsPage } from '../../web/indicators-page.js';
import { styleGuide } from './rules.js';
import { CATEGORIES, type Category } from '../../model.js';
import { AUDIT_PROGRESS_JS, auditPage, auditsPage } from '../../web/audit-page.js';
import { auditSummary, readAuditFiles, startAudit } from './audits.js';
import { changeStatus, compareVersions, nearDuplicatesOf, visibleDocument } from './documents.js';
import { releaseCheck } from '../../campaigns/results.js';
import { DEFAULT_THRESHOLD } from '../../map/near-duplicates.js';
import type { Principal } from '../../auth/roles.js';
import { volunteerError, volunteerIntro, volunteerQuestion, volunteerRating, volunteerThanks, type GivenAnswer, type VolunteerView } from '../../web/volunteer-page.js';
import { LINK_RATE, THANKS, invitationView, storedPreference } from '../../campaigns/invitation-view.js';
import { QuestionIn } from './campaigns.js';
import { EXPERTS, MAP_MANAGERS, MAP_READERS, MAP_WIDE } from '../../auth/roles.js';
import { allowedMoves, STATUSES, type Status } from '../../map/statuses.js';
import type { ListQuery } from '../../store/documents.js';
import { SESSION_COOKIE } from '../auth.js';
import { CLARTE_CSS } from '../../web/styles.js';
import type { RouteDeps } from '../app.js';
import { readForm } from '../upload.js';
import { z } from 'zod';

const send = (reply: FastifyReply, page: Html, status = 200) => reply.status(status).type('text/html; charset=utf-8').send(page.value);

/** The page routes. */
export function pageRoutes(deps: RouteDeps): FastifyPluginAsync {
  const access = deps.config.PUBLIC_ANALYSES ? ('public' as const) : ('signed-in' as const);
  return async (app) => {
    await app.register(fastifyStatic, { root: join(ROOT, 'node_modules', '@gouvfr', 'dsfr', 'dist'), prefix: '/dsfr/', decorateReply: false, maxAge: '1d' });

    app.get('/static/clarte.css', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CLARTE_CSS));

    app.get('/', { config: { access, page: true }, schema: { hide: true } }, async (req, reply) => send(reply, analyseForm({ user: req.principal })));

    app.post('/analyser', { config: { access, page: true }, schema: { hide: true } }, async (req, reply) => {
      let text = '';
      let profile = deps.config.DEFAULT_PROFILE;
      try {
        if (!req.isMultipart()) {
          const body = (req.body ?? {}) as Record<string, unknown>;
          text = typeof body.text === 'string' ? body.text : '';
          if (typeof body.profile === 'string') profile = body.profile;
          return send(reply, reportPage(analyse({ text }, deps.library, { profile, maxChars: deps.config.MAX_TEXT_CHARS, personalData: 'count' }), req.principal));
        }
        const form = await readForm(req, deps.config.MAX_UPLOAD_BYTES, ['text', 'profile']);
        text = form.fields.text ?? '';
        profile = form.fields.profile || profile;
        const report = form.bytes
          ? await deps.ingestor.analyseBytes(form.bytes, { profile, transfer: true, personalData: 'count', ...(form.filename ? { filename: form.filename } : {}) })
          : analyse({ text }, deps.library, { profile, maxChars: deps.config.MAX_TEXT_CHARS, personalData: 'count' });
        return send(reply, reportPage(report, req.principal));
      } catch (e) {
        // A bad letter or file: the form again, with the French message and what was typed.
        if (isAppError(e)) return send(reply, analyseForm({ text, profile, error: e.message, user: req.principal }), e.status);
        throw e;
      }
    });

    app.get('/static/analyse.js', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(ANALYSE_JS),
    );

    // The report of the (possibly edited) text, to download: HTML to print, CSV, JSON.
    app.post('/analyser/telecharger', { config: { access, page: true }, schema: { hide: true } }, async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const text = typeof body.text === 'string' ? body.text : '';
      const profile = typeof body.profile === 'string' && body.profile ? body.profile : deps.config.DEFAULT_PROFILE;
      const format: ExportFormat = body.format === 'json' || body.format === 'csv' ? body.format : 'html';
      const filename = typeof body.filename === 'string' && body.filename ? body.filename.slice(0, 200) : undefined;
      try {
        const report = analyse({ text, ...(filename ? { filename } : {}) }, deps.library, { profile, maxChars: deps.config.MAX_TEXT_CHARS, personalData: 'count' });
        const file = exportReport(report, format);
        const ascii = file.filename.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '');
        return reply
          .type(file.type)
          .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
          .header('cache-control', 'no-store')
          .send(file.body);
      } catch (e) {
        if (isAppError(e)) return send(reply, analyseForm({ text, profile, error: e.message, user: req.principal }), e.status);
        throw e;
      }
    });

    // ---- sign-in -------------------------------------------------------------------------------
    const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: deps.config.COOKIE_SECURE };
    /** Where to go after signing in: a path of this site only. */
    const nextPath = (v: unknown): string => (typeof v === 'string' && /^\/(?!\/)[^\s]*$/.test(v) ? v : '/cartographie');

    app.get('/connexion', { config: { access: 'public', page: true }, schema: { hide: true } }, async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      return send(reply, loginPage({ next: nextPath(q.suite) }));
    });

    app.post(
      '/connexion',
      { config: { access: 'public', page: true, rateLimit: { max: deps.config.LOGIN_RATE_PER_MINUTE, timeWindow: 60_000 } }, schema: { hide: true } },
      async (req, reply) => {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const login = typeof body.login === 'string' ? body.login.slice(0, 64) : '';
        const password = typeof body.password === 'string' ? body.password.slice(0, 1024) : '';
        const next = nextPath(body.suite);
        const users = deps.users();
        const user = login && password ? await users.checkPassword(login, password) : null;
        if (!user) return send(reply, loginPage({ next, login, error: 'Identifiant ou mot de passe incorrect.' }), 401);
        const session = await users.openSession(user.id, deps.config.SESSION_HOURS);
        reply.setCookie(SESSION_COOKIE, session.cookie, { ...cookieOptions, expires: session.expiresAt });
        await deps.log().record({ userId: user.id, login: user.login, name: user.name, role: user.role, service: user.service, via: 'session' }, 'session.open', `user:${user.id}`);
        return reply.redirect(next, 303);
      },
    );

    app.post('/deconnexion', { config: { access: 'signed-in', page: true }, schema: { hide: true } }, async (req, reply) => {
      const cookie = req.cookies?.[SESSION_COOKIE];
      if (cookie) await deps.users().closeSession(cookie);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/', 303);
    });

    // ---- volunteers: the test page of an invitation link ------------------------------------------------
    const volunteerView = async (token: string): Promise<VolunteerView & { newFirst: boolean }> => ({ token, ...(await invitationView(deps.campaigns(), await deps.store(), token)) });
    const volunteerFailure = (reply: FastifyReply, e: unknown) => {
      if (isAppError(e)) return send(reply, volunteerError(e.message), e.status);
      throw e;
    };
    const linkConfig = { access: 'public' as const, page: true, rateLimit: LINK_RATE };

    app.get('/participer/:token', { config: linkConfig, schema: { hide: true } }, async (req, reply) => {
      try {
        return send(reply, volunteerIntro(await volunteerView((req.params as { token: string }).token)));
      } catch (e) {
        return volunteerFailure(reply, e);
      }
    });

    app.post('/participer/:token', { config: linkConfig, schema: { hide: true } }, async (req, reply) => {
      const token = (req.params as { token: string }).token;
      try {
        const v = await volunteerView(token);
        const body = (req.body ?? {}) as Record<string, unknown>;
        const one = (k: string): string => (typeof body[k] === 'string' ? (body[k] as string) : Array.isArray(body[k]) ? String((body[k] as unknown[])[0] ?? '') : '');
        const carried = Carried.safeParse(safeJson(one('reponses')));
        const step = Number.parseInt(one('etape'), 10);
        const n = v.questions.length;
        if (!carried.success || !Number.isInteger(step) || step < 0 || step > n + 1 || carried.data.length !== Math.max(0, step - 1))
          return send(reply, volunteerError('Le formulaire est incomplet. Rouvrez le lien reçu pour recommencer : rien n’a été enregistré.'), 400);
        const answers: GivenAnswer[] = carried.data;
        if (step === 0) return send(reply, volunteerQuestion(v, 1, answers));
        if (step <= n) {
          const q = v.questions[step - 1]!;
          let given: GivenAnswer;
          if (q.kind === 'text') {
            const text = one('texte').trim().slice(0, 1000);
            if (!text) return send(reply, volunteerQuestion(v, step, answers, 'Écrivez une réponse, même courte (« je ne sais pas » convient).'), 400);
            given = { questionId: q.id, text };
          } else {
            const raw = ([] as unknown[]).concat(body.choix ?? []).map((x) => Number.parseInt(String(x), 10));
            const choice = [...new Set(raw)].filter((i) => Number.isInteger(i) && i >= 0 && i < (q.options?.length ?? 0));
            if (choice.length === 0) return send(reply, volunteerQuestion(v, step, answers, 'Choisissez une réponse.'), 400);
            given = { questionId: q.id, choice: q.multiple ? choice : choice.slice(0, 1) };
          }
          const next = [...answers, given];
          return send(reply, step < n ? volunteerQuestion(v, step + 1, next) : volunteerRating(v, next));
        }
        const rating = Number.parseInt(one('note'), 10);
        if (!Number.isInteger(rating) || rating < 0 || rating > 10) return send(reply, volunteerRating(v, answers, 'Choisissez une note de 0 à 10.'), 400);
        const p = one('preference');
        const preference = v.compare && (p === 'A' || p === 'B' || p === 'same') ? p : undefined;
        await deps.campaigns().answer(token, { answers, rating, preference: storedPreference(preference, v.newFirst), comment: one('commentaire').trim().slice(0, 2000) || null });
        return send(reply, volunteerThanks(THANKS), 201);
      } catch (e) {
        return volunteerFailure(reply, e);
      }
    });

    // ---- user tests (campaigns) -------------------------------------------------------------------
    const campaignData = async (me: Principal, id: number): Promise<Omit<CampaignPageData, 'notice' | 'invitations' | 'skipped'>> => {
      const store = deps.campaigns();
      const campaign = await store.campaign(id);
      const earlier = (await store.campaignsOf(campaign.documentId)).filter((o) => o.version < campaign.version && o.answers > 0).at(-1);
      return {
        user: me,
        documentTitle: (await (await deps.store()).get(campaign.documentId)).title,
        campaign,
        results: await campaignResults(store, id, campaign),
        previous: earlier ? { campaign: earlier, results: await campaignResults(store, earlier.id, earlier) } : null,
        canManage: MAP_MANAGERS.includes(me.role),
      };
    };
    const campaignId = (req: { params: unknown }): number => {
      const id = Number.parseInt((req.params as { id: string }).id, 10);
      if (!Number.isSafeInteger(id) || id < 1) throw new AppError('NOT_FOUND', 'Campagne inconnue.');
      return id;
    };

    app.post('/cartographie/documents/:id/campagnes', { config: { access: MAP_MANAGERS, page: true }, schema: { hide: true } }, async (req, reply) => {
      const me = req.principal!;
      const id = docId(req);
      try {
        const input = CampaignIn.safeParse(campaignInput((req.body ?? {}) as Record<string, unknown>));
        if (!input.success) throw new AppError('VALIDATION', `Campagne incomplète : ${input.error.issues.map((i) => FIELD_WORDS[String(i.path[0])] ?? String(i.path[0])).filter((w, k, all) => all.indexOf(w) === k).join(', ')} (2 questions au moins, chacune avec sa bonne réponse).`);
        const c = await deps.campaigns().create(id, input.data, me.login);
        await deps.log().record(me, 'campaign.create', `document:${id}`, { campaign: c.id, version: c.version });
        return reply.redirect(`/cartographie/campagnes/${c.id}`, 303);
      } catch (e) {
        if (!isAppError(e) || e.status === 404 || e.status === 403) throw e;
        return send(reply, documentPage({ ...(await documentData(me, id)), notice: { kind: 'error', text: e.message } }), e.status);
      }
    });

    app.get('/cartographie/campagnes/:id', { config: { access: MAP_WIDE, page: true }, schema: { hide: true } }, async (req, reply) =>
      send(reply, campaignPage(await campaignData(req.principal!, campaignId(req)))),
    );

    app.post('/cartographie/campagnes/:id/invitations', { config: { access: MAP_MANAGERS, page: true }, schema: { hide: true } }, async (req, reply) => {
      const me = req.principal!;
      const id = campaignId(req);
      const raw = ((req.body ?? {}) as Record<string, unknown>).count;
      const count = typeof raw === 'string' && /^\d{1,4}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : undefined;
      try {
        const r = await deps.campaigns().invite(id, count ? { count } : {});
        await deps.log().record(me, 'campaign.invite', `campaign:${id}`, { invitations: r.created.length });
        const invitations = r.created.map((i) => ({ pseudonym: i.pseudonym, contact: i.contact, page: `${req.protocol}://${req.host}/participer/${i.token}`, expiresAt: i.expiresAt }));
        // The links show once: no redirect, and the page is not cached.
        reply.header('cache-control', 'no-store');
        return send(reply, campaignPage({ ...(await campaignData(me, id)), invitations, skipped: r.skipped }), 201);
      } catch (e) {
        if (!isAppError(e) || e.status === 404) throw e;
        return send(reply, campaignPage({ ...(await campaignData(me, id)), notice: { kind: 'error', text: e.message } }), e.status);
      }
    });

    app.post('/cartographie/campagnes/:id/cloture', { config: { access: MAP_MANAGERS, page: true }, schema: { hide: true } }, async (req, reply) => {
      const me = req.principal!;
      const id = campaignId(req);
      const c = await deps.campaigns().close(id);
      await deps.log().record(me, 'campaign.close', `campaign:${c.id}`);
      return send(reply, campaignPage({ ...(await campaignData(me, id)), notice: { kind: 'success', text: 'Campagne close : les liens non utilisés ne marchent plus.' } }));
    });

    // ---- yearly indicators -------------------------------------------------------------------------
    app.get('/indicateurs', { config: { access: MAP_WIDE, page: true }, schema: { hide: true } }, async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const thisYear = new Date().getFullYear();
      const y = typeof q.year === 'string' && /^\d{4}$/.test(q.year) ? Number(q.year) : thisYear;
      const year = y >= 2000 && y <= 2100 ? y : thisYear;
      const service = typeof q.service === 'string' && q.service !== '' ? q.service.slice(0, 200) : undefined;
      const store = await deps.store();
      const services = [...new Set((await store.indicators(year)).byService.map((s) => s.service).filter((s): s is string => s !== null))].sort();
      return send(reply, indicatorsPage({ user: req.principal!, figures: await store.indicators(year, service), services }));
    });

    // ---- the living style guide ---------------------------------------------------------------------
    const guide = styleGuide(deps.library);
    app.get('/guide', { config: { access: 'public', page: true }, schema: { hide: true } }, async (req, reply) => {
      const c = (req.query as Record<string, unknown>).categorie;
      const category = typeof c === 'string' && (CATEGORIES as readonly string[]).includes(c) ? (c as Category) : undefined;
      return send(reply, guidePage({ user: req.principal, rules: guide.rules, ...(category ? { category } : {}) }));
    });

    // ---- batch audits ------------------------------------------------------------------------------
    app.get('/static/audit-progress.js', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(AUDIT_PROGRESS_JS),
    );

    app.get('/cartographie/audits', { config: { access: MAP_MANAGERS, page: true }, schema: { hide: true } }, async (req, reply) =>
      send(reply, auditsPage({ user: req.principal!, audits: await deps.audits().list() })),
    );

    app.post('/cartographie/audits', { config: { access: MAP_MANAGERS, page: true }, schema: { hide: true } }, async (req, reply) => {
      const me = req.principal!;
      try {
        const { files, fields } = await readAuditFiles(req, deps.config);
        const info = await startAudit(deps, me, files, fields);
        return reply.redirect(`/cartographie/audits/${info.id}`, 303);
      } catch (e) {
        // A bad upload: the form again, with the French message; the audits already run are untouched.
        if (isAppError(e) && e.status < 500 && e.status !== 403) return send(reply, auditsPage({ user: me, audits: await deps.audits().list(), error: e.message }), e.status);
        throw e;
      }
    });

    app.get('/cartographie/audits/:id', { config: { access: MAP_MANAGERS, page: true }, schema: { hide: true } }, async (req, reply) => {
      const id = (req.params as { id: string }).id;
      const info = /^[0-9a-f-]{36}$/i.test(id) ? await deps.audits().get(id) : undefined;
      if (!info) throw new AppError('NOT_FOUND', `Audit inconnu : ${id.slice(0, 40)}.`);
      const rows = info.status === 'running' ? [] : await deps.audits().rows(info.id);
      return send(reply, auditPage({ user: req.principal!, info, summary: auditSummary(rows), rows }));
    });

    // ---- one document of the map ------------------------------------------------------------------
    const documentData = async (me: Principal, id: number, from?: number, to?: number): Promise<DocumentPageData> => {
      const doc = await visibleDocument(deps, me, id);
      const store = await deps.store();
      const versions = await store.versions(id);
      let comparison: DocumentPageData['comparison'] = null;
      if (versions.length > 1) {
        const known = (n: number | undefined) => (n !== undefined && versions.some((v) => v.number === n) ? n : undefined);
        const f = known(from);
        const t = known(to);
        comparison = f !== undefined && t !== undefined && f === t ? null : await compareVersions(deps, id, doc.latestVersion, f, t);
      }
      const near = (await nearDuplicatesOf(deps, id, DEFAULT_THRESHOLD)).slice(0, 10);
      const duplicates = (
        await Promise.all(
          near.map(async (r) => {
            const other = await store.get(r.id);
            return { id: r.id, title: other.title, similarity: r.similarity, service: other.service };
          }),
        )
      ).filter((r) => me.role !== 'agent' || r.service === me.service);
      return {
        user: me,
        doc,
        versions,
        history: await store.history(id),
        reviews: await deps.campaigns().reviews(id),
        release: await releaseCheck(deps.campaigns(), id, deps.config),
        comparison,
        duplicates,
        moves: MAP_MANAGERS.includes(me.role) ? allowedMoves(doc.status) : [],
        canReview: EXPERTS.includes(me.role),
        campaigns:
          me.role === 'agent'
            ? html``
            : campaignsBlock({ documentId: id, campaigns: await deps.campaigns().campaignsOf(id), versions, canManage: MAP_MANAGERS.includes(me.role), csrf: me.csrf ?? '' }),
      };
    };
    const docId = (req: { params: unknown }): number => {
      const id = Number.parseInt((req.params as { id: string }).id, 10);
      if (!Number.isSafeInteger(id) || id < 1) throw new AppError('NOT_FOUND', 'Document inconnu.');
      return id;
    };
    const intOr = (v: unknown): number | undefined => (typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : undefined);
    const NOTICES: Record<string, string> = { statut: 'Statut changé.', avis: 'Décision enregistrée.' };

    app.get('/cartographie/documents/:id', { config: { access: MAP_READERS, page: true }, schema: { hide: true } }, async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const data = await documentData(req.principal!, docId(req), intOr(q.de), intOr(q.a));
      const ok = typeof q.fait === 'string' ? NOTICES[q.fait] : undefined;
      return send(reply, documentPage(ok ? { ...data, notice: { kind: 'success', text: ok } } : data));
    });

    app.post('/cartographie/documents/:id/statut', { config: { access: MAP_MANAGERS, page: true }, schema: { hide: true } }, async (req, reply) => {
      const me = req.principal!;
      const id = docId(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const status = typeof body.status === 'string' ? body.status : '';
      const comment = typeof body.comment === 'string' && body.comment.trim() ? body.comment.trim().slice(0, 2000) : null;
      try {
        if (!(STATUSES as readonly string[]).includes(status)) throw new AppError('VALIDATION', 'Choisissez un statut de la liste.');
        const seen = typeof body.from === 'string' && (STATUSES as readonly string[]).includes(body.from) ? (body.from as Status) : undefined;
        await changeStatus(deps, me, id, status as Status, comment, seen);
        return reply.redirect(`/cartographie/documents/${id}?fait=statut#statut`, 303);
      } catch (e) {
        if (!isAppError(e) || e.status === 404 || e.status === 403) throw e;
        const reasons = (e.details as { reasons?: string[] } | undefined)?.reasons;
        return send(reply, documentPage({ ...(await documentData(me, id)), notice: { kind: 'error', text: reasons ? 'Ce document ne peut pas encore être publié :' : e.message, ...(reasons ? { reasons } : {}) } }), e.status);
      }
    });

    app.post('/cartographie/documents/:id/avis', { config: { access: EXPERTS, page: true }, schema: { hide: true } }, async (req, reply) => {
      const me = req.principal!;
      const id = docId(req);
      await visibleDocument(deps, me, id);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const version = intOr(body.version) ?? 0;
      const decision = body.decision === 'approved' || body.decision === 'rejected' ? body.decision : null;
      const comment = typeof body.comment === 'string' && body.comment.trim() ? body.comment.trim().slice(0, 4000) : null;
      try {
        if (!decision) throw new AppError('VALIDATION', 'Choisissez : valider ou refuser la version.');
        const r = await deps.campaigns().review(id, version, decision, comment, me.login);
        await deps.log().record(me, `review.${r.decision}`, `document:${id}`, { version: r.version });
        return reply.redirect(`/cartographie/documents/${id}?fait=avis#avis`, 303);
      } catch (e) {
        if (!isAppError(e) || e.status === 404) throw e;
        return send(reply, documentPage({ ...(await documentData(me, id)), notice: { kind: 'error', text: e.message } }), e.status);
      }
    });

    // ---- the map ----------------------------------------------------------------------------------
    app.get('/cartographie', { config: { access: MAP_READERS, page: true }, schema: { hide: true } }, async (req, reply) => {
      const me = req.principal!;
      const raw = req.query as Record<string, string | undefined>;
      const pick = (k: string): string | undefined => (typeof raw[k] === 'string' && raw[k] !== '' ? raw[k]!.slice(0, 200) : undefined);
      const status = pick('status');
      const sort = pick('sort');
      const query: ListQuery = {
        ...(status && (STATUSES as readonly string[]).includes(status) ? { status: status as Status } : {}),
        ...(pick('grade') && /^[A-E]$/.test(pick('grade')!) ? { grade: pick('grade')! } : {}),
        ...(pick('missing') ? { missing: pick('missing')! } : {}),
        ...(pick('q') ? { q: pick('q')! } : {}),
        ...(sort && ['priority', 'score', '-score', 'title', 'updated'].includes(sort) ? { sort: sort as ListQuery['sort'] } : {}),
        ...(me.role === 'agent' ? { service: me.service ?? '' } : pick('service') ? { service: pick('service')! } : {}),
        page: Math.max(1, Math.min(100_000, Number.parseInt(pick('page') ?? '1', 10) || 1)),
        perPage: 50,
      };
      const r = await (await deps.store()).list(query);
      return send(reply, mapPage({ user: me, query, items: r.items, total: r.total, page: r.page, perPage: r.perPage }));
    });
  };
}

/** The answers a volunteer's form carries from step to step. */
const Carried = z
  .array(z.object({ questionId: z.number().int().positive(), choice: z.array(z.number().int().min(0).max(50)).max(8).optional(), text: z.string().max(1000).optional() }).strict())
  .max(5);

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

/** The campaign form, checked like the API's body (src/http/routes/campaigns.ts). */
const CampaignIn = z.object({
  title: z.string().min(3).max(200),
  version: z.number().int().positive(),
  compareWith: z.number().int().positive().nullable(),
  panelSize: z.number().int().min(1).max(1000),
  deadline: z.string().nullable(),
  questions: z.array(QuestionIn).min(2).max(5),
});
const FIELD_WORDS: Record<string, string> = { title: 'le titre (3 caractères au moins)', version: 'la version', compareWith: 'la version comparée', panelSize: 'le nombre de bénévoles', questions: 'les questions' };
