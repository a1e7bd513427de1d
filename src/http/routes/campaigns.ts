/**
 * Testing rewrites with volunteers and experts over HTTP.
 * - Volunteers register with their consent (or the comms team registers them), and see, leave or
 *   erase themselves through their own link; the comms team lists them and erases them on request.
 * - The comms team opens a campaign on a version, gets single-use invitation links to send, closes it
 *   and reads the results; experts and the comms team read them too.
 * - A volunteer's invitation shows the letter (or the two versions, in a random order) and the
 *   questions, nothing else of the service, and takes one answer.
 * - Experts approve or reject a version; the release gate says whether the document may be published.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { EXPERTS, MAP_MANAGERS, MAP_WIDE } from '../../auth/roles.js';
import { CONSENT_VERSION, type Campaign } from '../../store/campaigns.js';
import { campaignResults, releaseCheck, scoreAgreement } from '../../campaigns/results.js';
import { LINK_RATE, THANKS, invitationView, storedPreference } from '../../campaigns/invitation-view.js';
import type { RouteDeps } from '../app.js';
import { caller } from '../auth.js';

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });
const Id = z.object({ id: z.coerce.number().int().positive() });
const Token = z.object({ token: z.string().min(10).max(200) });
/** Links are secrets: calls that carry one are limited per address (a volunteer needs two or three). */

/** What volunteers agree to (French; shown before registration, and on their own page). */
export const CONSENT_TEXT = [
  'Nous conservons votre pseudonyme et un moyen de vous joindre (courriel ou téléphone), et, si vous le souhaitez, votre tranche d’âge, votre aisance avec le numérique et les langues que vous lisez.',
  'Nous nous en servons seulement pour vous inviter à relire des courriers de l’administration réécrits, au plus deux fois par mois, et pour composer des groupes de relecteurs variés.',
  'Vos réponses aux tests sont enregistrées sans votre nom ni votre contact : personne ne peut savoir ce que vous avez répondu.',
  'Vous pouvez vous désinscrire ou tout effacer à tout moment avec votre lien personnel. Sans activité de votre part pendant deux ans, vos données sont effacées.',
].join(' ');

const Volunteer = z.object({
  id: z.number(),
  pseudonym: z.string().nullable(),
  contact: z.string().nullable(),
  ageBand: z.string().nullable(),
  digitalEase: z.string().nullable(),
  languages: z.string().nullable(),
  consentVersion: z.string(),
  consentAt: z.string(),
  unsubscribed: z.boolean(),
  erased: z.boolean(),
  createdAt: z.string(),
  recentRequests: z.number(),
});
const Profile = {
  ageBand: z.enum(['moins de 25 ans', '25-44 ans', '45-64 ans', '65 ans et plus']).optional(),
  digitalEase: z.enum(['faible', 'moyenne', 'grande']).optional(),
  languages: z.string().trim().max(200).optional(),
};
/** A question as the comms team writes it (the API's body, and the web form once read). */
export const QuestionIn = z.object({
  prompt: z.string().trim().min(3).max(500),
  kind: z.enum(['choice', 'text']),
  options: z.array(z.string().trim().min(1).max(300)).max(8).optional(),
  accepted: z.array(z.union([z.number().int().min(0), z.string().trim().min(1).max(300)])).min(1).max(20),
  multiple: z.boolean().optional(),
});
const Question = z.object({ id: z.number(), position: z.number(), prompt: z.string(), kind: z.enum(['choice', 'text']), options: z.array(z.string()).nullable(), multiple: z.boolean() });
const CampaignOut = z.object({
  id: z.number(),
  documentId: z.number(),
  version: z.number(),
  compareWith: z.number().nullable(),
  title: z.string(),
  panelSize: z.number(),
  deadline: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  author: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  questions: z.array(Question.extend({ accepted: z.array(z.union([z.number(), z.string()])) })),
  invitations: z.number(),
  answers: z.number(),
});
const RateOut = z.object({ value: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() });
const Results = z.object({
  answers: z.number(),
  comprehension: z.object({
    overall: RateOut,
    perQuestion: z.array(z.object({ questionId: z.number(), prompt: z.string(), correct: z.number(), total: z.number(), rate: RateOut })),
  }),
  ratings: z.unknown(),
  preference: z.unknown(),
  comments: z.array(z.string()),
});
const Review = z.object({ id: z.number(), documentId: z.number(), version: z.number(), decision: z.enum(['approved', 'rejected']), comment: z.string().nullable(), author: z.string(), at: z.string() });
const ReleaseCheck = z.object({
  releasable: z.boolean(),
  version: z.number().nullable(),
  reasons: z.array(z.string()),
  review: Review.nullable(),
  campaign: z.object({ id: z.number(), answers: z.number(), problems: z.array(z.string()) }).nullable(),
});

/** The campaign routes. */
export function campaignRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const store = () => deps.campaigns();
  const withResults = async (c: Campaign) => ({ campaign: c, results: await campaignResults(store(), c.id, c) });
  return async (app) => {
    // ---- volunteers ----------------------------------------------------------------------------
    app.get(
      '/volunteers/consent',
      { config: { access: 'public' }, schema: { summary: 'Ce que les bénévoles acceptent en s’inscrivant', response: { 200: z.object({ version: z.string(), text: z.string() }) } } },
      async () => ({ version: CONSENT_VERSION, text: CONSENT_TEXT }),
    );

    app.post(
      '/volunteers',
      {
        // Anyone may register (limited per address like a sign-in); the comms team registering
        // volunteers who consented on paper calls with its token (its usual limit).
        config: {
          access: 'public',
          rateLimit: { max: (req: { headers: Record<string, unknown> }) => (req.headers.authorization ? deps.config.RATE_LIMIT_PER_MINUTE : deps.config.LOGIN_RATE_PER_MINUTE), timeWindow: 60_000 },
        },
        schema: {
          summary: 'S’inscrire comme bénévole (avec son accord explicite)',
          description: 'Renvoie le lien personnel du bénévole (voir, se désinscrire, tout effacer), montré une seule fois.',
          body: z.object({
            pseudonym: z.string().trim().min(2).max(60),
            contact: z.string().trim().min(5).max(200),
            consent: z.literal(true, { message: 'L’inscription demande votre accord (consent: true).' }),
            ...Profile,
          }),
          response: { 201: z.object({ volunteer: z.object({ id: z.number(), pseudonym: z.string().nullable() }), link: z.string() }), 400: ErrorBody, 429: ErrorBody },
        },
      },
      async (req, reply) => {
        const { consent: _consent, ...input } = req.body;
        const r = await store().register(input);
        reply.status(201);
        return { volunteer: { id: r.volunteer.id, pseudonym: r.volunteer.pseudonym }, link: r.token };
      },
    );

    app.get(
      '/volunteers',
      { config: { access: MAP_MANAGERS }, schema: { summary: 'Les bénévoles (pseudonyme, contact, profil, sollicitations des 30 derniers jours)', response: { 200: z.object({ items: z.array(Volunteer) }) } } },
      async () => ({ items: await store().volunteers() }),
    );

    app.delete(
      '/volunteers/:id',
      { config: { access: MAP_MANAGERS }, schema: { summary: 'Effacer un bénévole à sa demande (ses réponses anonymes restent)', params: Id, response: { 204: z.null(), 404: ErrorBody } } },
      async (req, reply) => {
        await store().erase(req.params.id);
        await deps.log().record(caller(req), 'volunteer.erase', `volunteer:${req.params.id}`);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/volunteer-links/:token',
      { config: { access: 'public', rateLimit: LINK_RATE }, schema: { summary: 'Le bénévole voit ce que nous gardons de lui', params: Token, response: { 200: z.object({ volunteer: Volunteer, consent: z.string() }), 404: ErrorBody } } },
      async (req) => ({ volunteer: await store().volunteerByLink(req.params.token), consent: CONSENT_TEXT }),
    );

    app.post(
      '/volunteer-links/:token/unsubscribe',
      { config: { access: 'public', rateLimit: LINK_RATE }, schema: { summary: 'Le bénévole ne veut plus être sollicité', params: Token, response: { 200: z.object({ volunteer: Volunteer }), 404: ErrorBody } } },
      async (req) => {
        const s = store();
        return { volunteer: await s.unsubscribe((await s.volunteerByLink(req.params.token)).id) };
      },
    );

    app.delete(
      '/volunteer-links/:token',
      { config: { access: 'public', rateLimit: LINK_RATE }, schema: { summary: 'Le bénévole efface toutes ses données', params: Token, response: { 204: z.null(), 404: ErrorBody } } },
      async (req, reply) => {
        const s = store();
        const v = await s.volunteerByLink(req.params.token);
        await s.erase(v.id);
        await deps.log().record('bénévole', 'volunteer.erase', `volunteer:${v.id}`, { by: 'self' });
        return reply.status(204).send(null);
      },
    );

    // ---- campaigns -----------------------------------------------------------------------------
    app.post(
      '/documents/:id/campaigns',
      {
        config: { access: MAP_MANAGERS },
        schema: {
          summary: 'Ouvrir une campagne de test sur une version (2 à 5 questions)',
          params: Id,
          body: z.object({
            version: z.number().int().positive(),
            title: z.string().trim().min(3).max(200),
            questions: z.array(QuestionIn).min(2).max(5),
            compareWith: z.number().int().positive().nullable().optional(),
            panelSize: z.number().int().min(1).max(1000).default(12),
            deadline: z.string().datetime({ offset: true }).nullable().optional(),
          }),
          response: { 201: CampaignOut, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (req, reply) => {
        const me = caller(req);
        const c = await store().create(req.params.id, req.body, me.login);
        await deps.log().record(me, 'campaign.create', `document:${req.params.id}`, { campaign: c.id, version: c.version });
        reply.status(201);
        return c;
      },
    );

    app.get(
      '/documents/:id/campaigns',
      { config: { access: MAP_WIDE }, schema: { summary: 'Les campagnes d’un document et leurs résultats, version par version', params: Id, response: { 200: z.object({ items: z.array(z.object({ campaign: CampaignOut, results: Results })) }), 404: ErrorBody } } },
      async (req) => {
        await store().latestVersion(req.params.id);
        return { items: await Promise.all((await store().campaignsOf(req.params.id)).map(withResults)) };
      },
    );

    app.get(
      '/campaigns/:id',
      {
        config: { access: MAP_WIDE },
        schema: {
          summary: 'Une campagne, ses résultats, et ceux de la campagne précédente du document',
          params: Id,
          response: { 200: z.object({ campaign: CampaignOut, results: Results, previous: z.object({ campaign: CampaignOut, results: Results }).nullable() }), 404: ErrorBody },
        },
      },
      async (req) => {
        const c = await store().campaign(req.params.id);
        const earlier = (await store().campaignsOf(c.documentId)).filter((o) => o.version < c.version && o.answers > 0).at(-1);
        return { ...(await withResults(c)), previous: earlier ? await withResults(earlier) : null };
      },
    );

    app.post(
      '/campaigns/:id/invitations',
      {
        config: { access: MAP_MANAGERS },
        schema: {
          summary: 'Créer les liens d’invitation à envoyer (montrés une seule fois)',
          description:
            'Pour les bénévoles nommés, ou pour `count` bénévoles choisis parmi ceux qui peuvent être sollicités (pas désinscrits, sous la limite mensuelle, pas encore invités ; les moins sollicités d’abord). Sans l’un ni l’autre : de quoi compléter le panel.',
          params: Id,
          body: z.object({ volunteerIds: z.array(z.number().int().positive()).max(1000).optional(), count: z.number().int().min(1).max(1000).optional() }).default({}),
          response: {
            201: z.object({
              invitations: z.array(z.object({ volunteerId: z.number(), pseudonym: z.string().nullable(), contact: z.string().nullable(), link: z.string(), path: z.string(), page: z.string(), expiresAt: z.string() })),
              skipped: z.array(z.object({ volunteerId: z.number(), reason: z.string() })),
            }),
            404: ErrorBody,
            409: ErrorBody,
          },
        },
      },
      async (req, reply) => {
        const me = caller(req);
        const r = await store().invite(req.params.id, req.body);
        await deps.log().record(me, 'campaign.invite', `campaign:${req.params.id}`, { invitations: r.created.length });
        reply.status(201);
        return {
          invitations: r.created.map((i) => ({ volunteerId: i.volunteerId, pseudonym: i.pseudonym, contact: i.contact, link: i.token, path: `/api/v1/invitations/${i.token}`, page: `/participer/${i.token}`, expiresAt: i.expiresAt })),
          skipped: r.skipped,
        };
      },
    );

    app.post(
      '/campaigns/:id/close',
      { config: { access: MAP_MANAGERS }, schema: { summary: 'Clore une campagne (les liens non utilisés ne marchent plus)', params: Id, response: { 200: CampaignOut, 404: ErrorBody } } },
      async (req) => {
        const c = await store().close(req.params.id);
        await deps.log().record(caller(req), 'campaign.close', `campaign:${c.id}`);
        return c;
      },
    );

    app.get(
      '/campaigns/agreement',
      {
        config: { access: MAP_WIDE },
        schema: {
          summary: 'Le score automatique et la compréhension des bénévoles vont-ils ensemble ?',
          description: 'Corrélation (Pearson et Spearman) entre le score des versions testées et leur taux de compréhension, donnée à partir de 8 versions testées.',
          response: { 200: z.object({ versions: z.number(), shown: z.boolean(), minimum: z.number(), result: z.unknown() }) },
        },
      },
      async () => scoreAgreement(store()),
    );

    // ---- the volunteer's invitation ----------------------------------------------------------------
    app.get(
      '/invitations/:token',
      {
        config: { access: 'public', rateLimit: LINK_RATE },
        schema: {
          summary: 'Ce que voit un bénévole invité : le courrier (ou ses deux versions) et les questions',
          params: Token,
          response: {
            200: z.object({
              title: z.string(),
              letters: z.array(z.object({ label: z.string(), text: z.string() })),
              questions: z.array(Question),
              compare: z.boolean(),
              deadline: z.string().nullable(),
            }),
            404: ErrorBody,
            409: ErrorBody,
            410: ErrorBody,
          },
        },
      },
      async (req) => {
        const { newFirst: _n, ...view } = await invitationView(store(), await deps.store(), req.params.token);
        return view;
      },
    );

    app.post(
      '/invitations/:token/answers',
      {
        config: { access: 'public', rateLimit: LINK_RATE },
        schema: {
          summary: 'Les réponses d’un bénévole (une seule fois par lien)',
          description: 'preference : « A », « B » (la version préférée, dans l’ordre montré) ou « same ».',
          params: Token,
          body: z.object({
            answers: z.array(z.object({ questionId: z.number().int().positive(), choice: z.array(z.number().int().min(0)).max(8).optional(), text: z.string().max(1000).optional() })).min(1).max(5),
            rating: z.number().int().min(0).max(10),
            preference: z.enum(['A', 'B', 'same']).optional(),
            comment: z.string().max(2000).optional(),
          }),
          response: { 201: z.object({ message: z.string() }), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 410: ErrorBody },
        },
      },
      async (req, reply) => {
        const s = store();
        const { newFirst } = await s.invitation(req.params.token);
        await s.answer(req.params.token, { answers: req.body.answers, rating: req.body.rating, preference: storedPreference(req.body.preference, newFirst), comment: req.body.comment ?? null });
        reply.status(201);
        return { message: THANKS };
      },
    );

    // ---- experts --------------------------------------------------------------------------------
    app.post(
      '/documents/:id/reviews',
      {
        config: { access: EXPERTS },
        schema: {
          summary: 'Valider ou refuser une version (sens juridique conservé ?)',
          description: 'Un refus s’accompagne d’un commentaire. L’historique des décisions est conservé ; la dernière décision sur une version compte.',
          params: Id,
          body: z.object({ version: z.number().int().positive(), decision: z.enum(['approved', 'rejected']), comment: z.string().trim().max(4000).optional() }),
          response: { 201: Review, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (req, reply) => {
        const me = caller(req);
        const r = await store().review(req.params.id, req.body.version, req.body.decision, req.body.comment ?? null, me.login);
        await deps.log().record(me, `review.${r.decision}`, `document:${req.params.id}`, { version: r.version });
        reply.status(201);
        return r;
      },
    );

    app.get(
      '/documents/:id/reviews',
      { config: { access: MAP_WIDE }, schema: { summary: 'Les décisions des experts sur les versions d’un document', params: Id, response: { 200: z.object({ items: z.array(Review) }), 404: ErrorBody } } },
      async (req) => {
        await store().latestVersion(req.params.id);
        return { items: await store().reviews(req.params.id) };
      },
    );

    app.get(
      '/documents/:id/release-check',
      { config: { access: MAP_WIDE }, schema: { summary: 'Le document peut-il être publié ? (validation experte et test usagers)', params: Id, response: { 200: ReleaseCheck, 404: ErrorBody } } },
      async (req) => releaseCheck(store(), req.params.id, deps.config),
    );
  };
}

/** Refuses a move to `publie` that the release gate does not allow (used by the status route). */
export async function assertReleasable(deps: RouteDeps, documentId: number): Promise<void> {
  const check = await releaseCheck(deps.campaigns(), documentId, deps.config);
  if (!check.releasable) throw new AppError('RELEASE_BLOCKED', `Ce document ne peut pas encore être publié : ${check.reasons.join(' ')}`, { reasons: check.reasons });
}
