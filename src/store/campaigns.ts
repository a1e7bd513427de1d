/**
 * Testing rewrites with volunteers, and experts' reviews (DOMAIN.md §5).
 * - Volunteers give a pseudonym and one contact with their consent; they are asked at most
 *   VOLUNTEER_MAX_REQUESTS_PER_MONTH times in 30 days; they see, leave or erase themselves through their
 *   own link; erasing removes their personal data and keeps their anonymous answers in the figures.
 * - A campaign tests one version with 2 to 5 comprehension questions, a 0–10 rating, an optional
 *   preference against another version (shown in a random order) and a comment.
 * - Invitation links are single-use and stored as their SHA-256; an answer does not point back to its
 *   invitation nor to the volunteer.
 * - Experts approve or reject a version; the release gate needs the latest version approved and a
 *   campaign on it that meets the configured thresholds.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { matchAnswer, type Answer, type Question } from '../campaigns/answers.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { Sql } from './sql.js';

/** The consent volunteers agree to (its version is stored with their registration). */
export const CONSENT_VERSION = '2026-11';

export type GateConfig = Pick<Config, 'RELEASE_MIN_ANSWERS' | 'RELEASE_MIN_COMPREHENSION' | 'RELEASE_MIN_SHARE_8'>;
export type CampaignConfig = GateConfig & Pick<Config, 'VOLUNTEER_MAX_REQUESTS_PER_MONTH' | 'INVITATION_DAYS'>;

export interface VolunteerProfile {
  ageBand?: string | null;
  digitalEase?: string | null;
  languages?: string | null;
}

export interface Volunteer extends Required<VolunteerProfile> {
  id: number;
  pseudonym: string | null;
  contact: string | null;
  consentVersion: string;
  consentAt: string;
  unsubscribed: boolean;
  erased: boolean;
  createdAt: string;
  /** Invitations in the last 30 days. */
  recentRequests: number;
}

export interface QuestionInput {
  prompt: string;
  kind: 'choice' | 'text';
  options?: string[];
  /** Indexes of the right options (choice), or the accepted answers (text). */
  accepted: (number | string)[];
  multiple?: boolean;
}

export interface CampaignInput {
  version: number;
  title: string;
  questions: QuestionInput[];
  compareWith?: number | null;
  panelSize: number;
  deadline?: string | null;
}

export interface StoredQuestion {
  id: number;
  position: number;
  prompt: string;
  kind: 'choice' | 'text';
  options: string[] | null;
  accepted: (number | string)[];
  multiple: boolean;
}

export interface Campaign {
  id: number;
  documentId: number;
  version: number;
  compareWith: number | null;
  title: string;
  panelSize: number;
  deadline: string | null;
  status: 'open' | 'closed';
  author: string | null;
  createdAt: string;
  closedAt: string | null;
  questions: StoredQuestion[];
  invitations: number;
  answers: number;
}

export interface CreatedInvitation {
  volunteerId: number;
  pseudonym: string | null;
  contact: string | null;
  token: string;
  expiresAt: string;
}

export interface Review {
  id: number;
  documentId: number;
  version: number;
  decision: 'approved' | 'rejected';
  comment: string | null;
  author: string;
  at: string;
}

export interface ResponseInput {
  answers: { questionId: number; choice?: number[]; text?: string }[];
  rating: number;
  preference?: 'new' | 'old' | 'same' | null;
  comment?: string | null;
}

/** What one campaign's answers say: raw counts (the figures are computed by src/campaigns/results.ts). */
export interface CampaignCounts {
  answers: number;
  perQuestion: { questionId: number; prompt: string; correct: number; total: number }[];
  ratings: number[];
  preference: { new: number; old: number; same: number };
  comments: string[];
}

interface VolunteerRow {
  id: number;
  pseudonym: string | null;
  contact: string | null;
  age_band: string | null;
  digital_ease: string | null;
  languages: string | null;
  consent_version: string;
  consent_at: string;
  unsubscribed_at: string | null;
  erased_at: string | null;
  created_at: string;
  recent: number;
}

interface CampaignRow {
  id: number;
  document_id: number;
  version_number: number;
  compare_version: number | null;
  title: string;
  panel_size: number;
  deadline: string | null;
  status: 'open' | 'closed';
  author: string | null;
  created_at: string;
  closed_at: string | null;
  invitations: number;
  answers: number;
}

interface QuestionRow {
  id: number;
  position: number;
  prompt: string;
  kind: 'choice' | 'text';
  options: string | null;
  accepted: string;
  multiple: number;
}

/** Prefixes of the links, so that a leaked one is recognisable. */
export const INVITATION_PREFIX = 'inv_';
export const VOLUNTEER_LINK_PREFIX = 'vol_';

const DAY_MS = 86_400_000;
const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();
const now = (): string => new Date().toISOString();
const monthAgo = (): string => new Date(Date.now() - 30 * DAY_MS).toISOString();

function volunteer(r: VolunteerRow): Volunteer {
  return {
    id: r.id,
    pseudonym: r.pseudonym,
    contact: r.contact,
    ageBand: r.age_band,
    digitalEase: r.digital_ease,
    languages: r.languages,
    consentVersion: r.consent_version,
    consentAt: r.consent_at,
    unsubscribed: r.unsubscribed_at !== null,
    erased: r.erased_at !== null,
    createdAt: r.created_at,
    recentRequests: r.recent,
  };
}

function question(r: QuestionRow): StoredQuestion {
  return {
    id: r.id,
    position: r.position,
    prompt: r.prompt,
    kind: r.kind,
    options: r.options === null ? null : (JSON.parse(r.options) as string[]),
    accepted: JSON.parse(r.accepted) as (number | string)[],
    multiple: r.multiple === 1,
  };
}

/** The matcher's view of a stored question. */
function matcherQuestion(q: StoredQuestion): Question {
  return q.kind === 'choice' ? { kind: 'choice', options: q.options ?? [], accepted: q.accepted as number[], multiple: q.multiple } : { kind: 'text', accepted: q.accepted as string[] };
}

interface PoolRow {
  id: number;
  ageBand: string | null;
  digitalEase: string | null;
}

/**
 * A panel of `size` volunteers that mixes profiles: the pool (least recently asked first) is split by
 * age band and digital ease, and the panel takes one volunteer of each profile in turn, so that no
 * profile fills it while another waits.
 */
export function balancedPanel(pool: readonly PoolRow[], size: number): number[] {
  const groups = new Map<string, PoolRow[]>();
  for (const v of pool) {
    const key = `${v.ageBand ?? '?'}|${v.digitalEase ?? '?'}`;
    const g = groups.get(key);
    if (g) g.push(v);
    else groups.set(key, [v]);
  }
  const queues = [...groups.values()];
  const out: number[] = [];
  for (let round = 0; out.length < size && queues.some((q) => q.length > round); round++) {
    for (const q of queues) if (q[round] && out.length < size) out.push(q[round]!.id);
  }
  return out;
}

/** Checks a campaign's questions: 2 to 5, each well formed. */
function checkQuestions(questions: QuestionInput[]): void {
  if (questions.length < 2 || questions.length > 5) throw new AppError('VALIDATION', 'Une campagne pose de 2 à 5 questions de compréhension.');
  questions.forEach((q, i) => {
    const n = i + 1;
    if (!q.prompt.trim()) throw new AppError('VALIDATION', `Question ${n} : l'énoncé est vide.`);
    if (q.kind === 'choice') {
      const options = q.options ?? [];
      if (options.length < 2) throw new AppError('VALIDATION', `Question ${n} : un choix multiple propose au moins deux réponses.`);
      if (!q.accepted.length || !q.accepted.every((a) => Number.isInteger(a) && (a as number) >= 0 && (a as number) < options.length)) {
        throw new AppError('VALIDATION', `Question ${n} : indiquez la ou les bonnes réponses par leur numéro (0 à ${options.length - 1}).`);
      }
    } else if (!q.accepted.length || !q.accepted.every((a) => typeof a === 'string' && a.trim())) {
      throw new AppError('VALIDATION', `Question ${n} : indiquez au moins une réponse acceptée.`);
    }
  });
}

/** Row of a stored invitation. */
interface InvitationRow {
  id: number;
  campaign_id: number;
  volunteer_id: number | null;
  new_first: number;
  expires_at: string;
  used_at: string | null;
}

/** The campaigns' store, on the map's database (SQLite or PostgreSQL). */
export function campaignStore(db: Sql, config: CampaignConfig) {
  const pg = db.dialect === 'postgres';
  const recent = '(SELECT count(*) FROM invitations i WHERE i.volunteer_id = v.id AND i.created_at >= @since) AS recent';
  const withCounts = `SELECT c.*, (SELECT count(*) FROM invitations i WHERE i.campaign_id = c.id) AS invitations,
              (SELECT count(*) FROM responses r WHERE r.campaign_id = c.id) AS answers
       FROM campaigns c`;
  const q = {
    insertVolunteer: `INSERT INTO volunteers (pseudonym, contact, age_band, digital_ease, languages, consent_version, consent_at, manage_hash, created_at, last_active_at)
       VALUES (@pseudonym, @contact, @ageBand, @digitalEase, @languages, @consentVersion, @at, @hash, @at, @at) RETURNING id`,
    volunteers: `SELECT v.*, ${recent} FROM volunteers v WHERE v.erased_at IS NULL ORDER BY v.id`,
    volunteer: `SELECT v.*, ${recent} FROM volunteers v WHERE v.id = @id`,
    volunteerByHash: `SELECT v.*, ${recent} FROM volunteers v WHERE v.manage_hash = @hash`,
    unsubscribe: 'UPDATE volunteers SET unsubscribed_at = coalesce(unsubscribed_at, ?) WHERE id = ?',
    erase: `UPDATE volunteers SET pseudonym = NULL, contact = NULL, age_band = NULL, digital_ease = NULL, languages = NULL, manage_hash = NULL,
       unsubscribed_at = coalesce(unsubscribed_at, @at), erased_at = @at WHERE id = @id AND erased_at IS NULL`,
    dropUnusedInvitations: 'DELETE FROM invitations WHERE volunteer_id = ? AND used_at IS NULL',
    touchVolunteer: 'UPDATE volunteers SET last_active_at = ? WHERE id = ?',
    version: 'SELECT number FROM versions WHERE document_id = ? AND number = ?',
    document: 'SELECT id, latest_version_id, (SELECT number FROM versions WHERE id = documents.latest_version_id) AS latest FROM documents WHERE id = ?',
    insertCampaign: `INSERT INTO campaigns (document_id, version_number, compare_version, title, panel_size, deadline, status, author, created_at)
       VALUES (@documentId, @version, @compareWith, @title, @panelSize, @deadline, 'open', @author, @at) RETURNING id`,
    insertQuestion: 'INSERT INTO campaign_questions (campaign_id, position, prompt, kind, options, accepted, multiple) VALUES (?, ?, ?, ?, ?, ?, ?)',
    campaign: `${withCounts} WHERE c.id = ?`,
    campaignsOf: `${withCounts} WHERE c.document_id = ? ORDER BY c.id`,
    questions: 'SELECT * FROM campaign_questions WHERE campaign_id = ? ORDER BY position',
    questionsOf: 'SELECT q.* FROM campaign_questions q JOIN campaigns c ON c.id = q.campaign_id WHERE c.document_id = ? ORDER BY q.campaign_id, q.position',
    closeCampaign: "UPDATE campaigns SET status = 'closed', closed_at = ? WHERE id = ? AND status = 'open'",
    // invitations are made one transaction at a time across instances, so that two instances inviting
    // at once, to one campaign or two, neither invite a volunteer twice nor past the monthly limit
    // (SQLite: BEGIN IMMEDIATE already serialises writers)
    lockInvitations: pg ? 'SELECT pg_advisory_xact_lock(7361202) AS locked' : 'SELECT 1 AS locked',
    eligible: `SELECT v.id, v.age_band AS "ageBand", v.digital_ease AS "digitalEase" FROM volunteers v
       WHERE v.erased_at IS NULL AND v.unsubscribed_at IS NULL
         AND (SELECT count(*) FROM invitations i WHERE i.volunteer_id = v.id AND i.created_at >= @since) < @max
         AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.volunteer_id = v.id AND i.campaign_id = @campaign)
       ORDER BY (SELECT max(created_at) FROM invitations i WHERE i.volunteer_id = v.id) IS NOT NULL, (SELECT max(created_at) FROM invitations i WHERE i.volunteer_id = v.id), v.id`,
    invitedAlready: 'SELECT 1 AS yes FROM invitations WHERE volunteer_id = ? AND campaign_id = ?',
    insertInvitation: 'INSERT INTO invitations (campaign_id, volunteer_id, hash, new_first, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    invitation: 'SELECT * FROM invitations WHERE hash = ?',
    useInvitation: 'UPDATE invitations SET used_at = ? WHERE id = ? AND used_at IS NULL',
    insertResponse: 'INSERT INTO responses (campaign_id, rating, preference, comment, answered_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
    insertAnswer: 'INSERT INTO response_answers (response_id, question_id, answer, correct) VALUES (?, ?, ?, ?)',
    perQuestion: `SELECT q.id AS "questionId", q.prompt, coalesce(sum(a.correct), 0) AS correct, count(a.response_id) AS total
       FROM campaign_questions q LEFT JOIN response_answers a ON a.question_id = q.id
       WHERE q.campaign_id = ? GROUP BY q.id ORDER BY q.position`,
    responses: 'SELECT rating, preference, comment FROM responses WHERE campaign_id = ? ORDER BY id',
    insertReview: 'INSERT INTO reviews (document_id, version_number, decision, comment, author, at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
    reviews: 'SELECT * FROM reviews WHERE document_id = ? ORDER BY id',
    // v.score is grouped too: one version per (document, number), PostgreSQL wants it named
    tested: `SELECT c.document_id AS "documentId", c.version_number AS version, v.score AS score,
              coalesce(sum(a.correct), 0) AS correct, count(a.response_id) AS total
       FROM campaigns c JOIN versions v ON v.document_id = c.document_id AND v.number = c.version_number
       JOIN responses r ON r.campaign_id = c.id JOIN response_answers a ON a.response_id = r.id
       GROUP BY c.document_id, c.version_number, v.score ORDER BY c.document_id, c.version_number`,
  };

  const getVolunteer = async (x: Sql, id: number): Promise<Volunteer> => {
    const r = await x.get<VolunteerRow>(q.volunteer, { id, since: monthAgo() });
    if (!r || r.erased_at) throw new AppError('NOT_FOUND', `Bénévole inconnu : ${id}.`);
    return volunteer(r);
  };

  const campaignOf = (r: CampaignRow, questions: StoredQuestion[]): Campaign => ({
    id: r.id,
    documentId: r.document_id,
    version: r.version_number,
    compareWith: r.compare_version,
    title: r.title,
    panelSize: r.panel_size,
    deadline: r.deadline,
    status: r.status,
    author: r.author,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    questions,
    invitations: r.invitations,
    answers: r.answers,
  });

  const getCampaign = async (x: Sql, id: number): Promise<Campaign> => {
    const r = await x.get<CampaignRow>(q.campaign, [id]);
    if (!r) throw new AppError('NOT_FOUND', `Campagne inconnue : ${id}.`);
    return campaignOf(r, (await x.all<QuestionRow>(q.questions, [r.id])).map(question));
  };

  /** The invitation behind a link, usable: NOT_FOUND for an unknown link, INVITATION_USED / _EXPIRED otherwise. */
  const usableInvitation = async (x: Sql, token: string): Promise<{ inv: InvitationRow; campaign: Campaign }> => {
    const inv = await x.get<InvitationRow>(q.invitation, [sha256(token)]);
    if (!inv) throw new AppError('NOT_FOUND', 'Ce lien d’invitation n’existe pas. Vérifiez qu’il est complet.');
    if (inv.used_at) throw new AppError('INVITATION_USED', 'Vous avez déjà répondu avec ce lien. Merci pour votre participation !');
    const campaign = await getCampaign(x, inv.campaign_id);
    const deadline = campaign.deadline && campaign.deadline < inv.expires_at ? campaign.deadline : inv.expires_at;
    if (campaign.status === 'closed' || deadline < now()) throw new AppError('INVITATION_EXPIRED', 'Ce test est terminé : il n’est plus possible d’y répondre. Merci de votre aide.');
    return { inv, campaign };
  };

  const knownVersion = async (x: Sql, documentId: number, version: number): Promise<void> => {
    if (!(await x.get(q.version, [documentId, version]))) throw new AppError('NOT_FOUND', `Version inconnue : document ${documentId}, version ${version}.`);
  };

  return {
    /** Registers a volunteer who consented; returns their own link (shown once). */
    async register(input: { pseudonym: string; contact: string } & VolunteerProfile): Promise<{ volunteer: Volunteer; token: string }> {
      const token = VOLUNTEER_LINK_PREFIX + randomBytes(32).toString('base64url');
      const { id } = (await db.get<{ id: number }>(q.insertVolunteer, {
        pseudonym: input.pseudonym.trim(),
        contact: input.contact.trim(),
        ageBand: input.ageBand ?? null,
        digitalEase: input.digitalEase ?? null,
        languages: input.languages ?? null,
        consentVersion: CONSENT_VERSION,
        at: now(),
        hash: sha256(token),
      }))!;
      return { volunteer: await getVolunteer(db, id), token };
    },

    volunteers: async (): Promise<Volunteer[]> => (await db.all<VolunteerRow>(q.volunteers, { since: monthAgo() })).map(volunteer),
    volunteer: (id: number): Promise<Volunteer> => getVolunteer(db, id),

    /** The volunteer behind their own link, or NOT_FOUND. */
    async volunteerByLink(token: string): Promise<Volunteer> {
      const r = await db.get<VolunteerRow>(q.volunteerByHash, { hash: sha256(token), since: monthAgo() });
      if (!r) throw new AppError('NOT_FOUND', 'Ce lien n’existe pas ou plus.');
      return volunteer(r);
    },

    /** No more invitations; the data stays until erased or past the retention period. */
    async unsubscribe(id: number): Promise<Volunteer> {
      await getVolunteer(db, id);
      await db.run(q.unsubscribe, [now(), id]);
      return getVolunteer(db, id);
    },

    /** Erases a volunteer's personal data and their unused invitations; their anonymous answers stay. */
    erase: (id: number): Promise<void> =>
      db.transaction(async (tx) => {
        await getVolunteer(tx, id);
        await tx.run(q.dropUnusedInvitations, [id]);
        await tx.run(q.erase, { id, at: now() });
      }),

    /** Opens a campaign on a version of a document. */
    create: (documentId: number, input: CampaignInput, author: string | null): Promise<Campaign> =>
      db.transaction(async (tx) => {
        if (!(await tx.get(q.document, [documentId]))) throw new AppError('NOT_FOUND', `Document inconnu : ${documentId}.`);
        await knownVersion(tx, documentId, input.version);
        const compareWith = input.compareWith ?? null;
        if (compareWith !== null) {
          if (compareWith === input.version) throw new AppError('VALIDATION', 'La version de comparaison doit être une autre version.');
          await knownVersion(tx, documentId, compareWith);
        }
        checkQuestions(input.questions);
        const { id } = (await tx.get<{ id: number }>(q.insertCampaign, {
          documentId,
          version: input.version,
          compareWith,
          title: input.title.trim(),
          panelSize: input.panelSize,
          deadline: input.deadline ?? null,
          author,
          at: now(),
        }))!;
        for (const [i, qu] of input.questions.entries()) {
          await tx.run(q.insertQuestion, [id, i + 1, qu.prompt.trim(), qu.kind, qu.kind === 'choice' ? JSON.stringify(qu.options) : null, JSON.stringify(qu.accepted), qu.multiple ? 1 : 0]);
        }
        return getCampaign(tx, id);
      }),

    campaign: (id: number): Promise<Campaign> => getCampaign(db, id),
    /** A document's campaigns with their questions, in two queries. */
    async campaignsOf(documentId: number): Promise<Campaign[]> {
      const rows = await db.all<CampaignRow>(q.campaignsOf, [documentId]);
      if (!rows.length) return [];
      const byCampaign = new Map<number, StoredQuestion[]>(rows.map((r) => [r.id, []]));
      for (const r of await db.all<QuestionRow & { campaign_id: number }>(q.questionsOf, [documentId])) byCampaign.get(r.campaign_id)?.push(question(r));
      return rows.map((r) => campaignOf(r, byCampaign.get(r.id)!));
    },

    async close(id: number): Promise<Campaign> {
      await getCampaign(db, id);
      await db.run(q.closeCampaign, [now(), id]);
      return getCampaign(db, id);
    },

    /**
     * Invitation links for the volunteers named, or for `count` volunteers chosen among those who may
     * be asked (not unsubscribed, under the monthly limit, not yet invited to this campaign; those
     * asked least recently first). Returns the links (shown once) and who was left out, and why.
     */
    invite: (campaignId: number, who: { volunteerIds?: number[]; count?: number }): Promise<{ created: CreatedInvitation[]; skipped: { volunteerId: number; reason: string }[] }> =>
      db.transaction(async (tx) => {
        await tx.get(q.lockInvitations);
        const campaign = await getCampaign(tx, campaignId);
        if (campaign.status !== 'open') throw new AppError('CONFLICT', 'Cette campagne est close : elle ne reçoit plus d’invitations.');
        const since = monthAgo();
        const skipped: { volunteerId: number; reason: string }[] = [];
        let ids: number[];
        if (who.volunteerIds?.length) {
          ids = [];
          for (const id of new Set(who.volunteerIds)) {
            const v = await tx.get<VolunteerRow>(q.volunteer, { id, since });
            if (!v || v.erased_at) skipped.push({ volunteerId: id, reason: 'bénévole inconnu' });
            else if (v.unsubscribed_at) skipped.push({ volunteerId: id, reason: 'désinscrit' });
            else if (await tx.get(q.invitedAlready, [id, campaignId])) skipped.push({ volunteerId: id, reason: 'déjà invité à cette campagne' });
            else if (v.recent >= config.VOLUNTEER_MAX_REQUESTS_PER_MONTH) skipped.push({ volunteerId: id, reason: `déjà sollicité ${v.recent} fois ces 30 derniers jours` });
            else ids.push(id);
          }
        } else {
          const wanted = who.count ?? Math.max(0, campaign.panelSize - campaign.invitations);
          const pool = await tx.all<PoolRow>(q.eligible, { since, max: config.VOLUNTEER_MAX_REQUESTS_PER_MONTH, campaign: campaignId });
          ids = balancedPanel(pool, wanted);
        }
        const at = now();
        let expires = new Date(Date.now() + config.INVITATION_DAYS * DAY_MS).toISOString();
        if (campaign.deadline && campaign.deadline < expires) expires = campaign.deadline;
        const created: CreatedInvitation[] = [];
        for (const volunteerId of ids) {
          const token = INVITATION_PREFIX + randomBytes(32).toString('base64url');
          await tx.run(q.insertInvitation, [campaignId, volunteerId, sha256(token), randomInt(2), at, expires]);
          await tx.run(q.touchVolunteer, [at, volunteerId]);
          const v = await getVolunteer(tx, volunteerId);
          created.push({ volunteerId, pseudonym: v.pseudonym, contact: v.contact, token, expiresAt: expires });
        }
        return { created, skipped };
      }),

    /** What an invitation shows: the campaign and the order of the versions (A/B), nothing else. */
    async invitation(token: string): Promise<{ campaign: Campaign; newFirst: boolean }> {
      const { inv, campaign } = await usableInvitation(db, token);
      return { campaign, newFirst: inv.new_first === 1 };
    },

    /** Records a volunteer's answers, once per invitation; the answer keeps nothing of who gave it. */
    answer: (token: string, input: ResponseInput): Promise<{ correct: number; total: number }> =>
      db.transaction(async (tx) => {
        const { inv, campaign } = await usableInvitation(tx, token);
        const byId = new Map(campaign.questions.map((qu) => [qu.id, qu]));
        const given = new Map<number, ResponseInput['answers'][number]>();
        for (const a of input.answers) {
          if (!byId.has(a.questionId)) throw new AppError('VALIDATION', `Question inconnue : ${a.questionId}.`);
          given.set(a.questionId, a);
        }
        const missing = campaign.questions.filter((qu) => !given.has(qu.id));
        if (missing.length) throw new AppError('VALIDATION', `Répondez à chaque question (il manque la question ${missing.map((qu) => qu.position).join(', ')}).`);
        if (input.preference && campaign.compareWith === null) throw new AppError('VALIDATION', 'Ce test ne compare pas deux versions.');
        // single use, also between instances: only one transaction changes the row
        if ((await tx.run(q.useInvitation, [now(), inv.id])).changes !== 1) throw new AppError('INVITATION_USED', 'Vous avez déjà répondu avec ce lien. Merci pour votre participation !');
        // The answer's time is the day only: with the invitation's time it would tell who answered.
        const { id: responseId } = (await tx.get<{ id: number }>(q.insertResponse, [campaign.id, input.rating, input.preference ?? null, input.comment?.trim() || null, now().slice(0, 10)]))!;
        let correct = 0;
        for (const qu of campaign.questions) {
          const a = given.get(qu.id)!;
          const answer: Answer = qu.kind === 'choice' ? { choice: a.choice ?? [] } : { text: a.text ?? '' };
          const ok = matchAnswer(matcherQuestion(qu), answer);
          if (ok) correct++;
          await tx.run(q.insertAnswer, [responseId, qu.id, JSON.stringify(answer), ok ? 1 : 0]);
        }
        if (inv.volunteer_id !== null) await tx.run(q.touchVolunteer, [now(), inv.volunteer_id]);
        return { correct, total: campaign.questions.length };
      }),

    /** The raw counts of a campaign's answers. */
    async counts(campaignId: number): Promise<CampaignCounts> {
      await getCampaign(db, campaignId);
      const responses = await db.all<{ rating: number; preference: 'new' | 'old' | 'same' | null; comment: string | null }>(q.responses, [campaignId]);
      const preference = { new: 0, old: 0, same: 0 };
      for (const r of responses) if (r.preference) preference[r.preference]++;
      return {
        answers: responses.length,
        perQuestion: await db.all<CampaignCounts['perQuestion'][number]>(q.perQuestion, [campaignId]),
        ratings: responses.map((r) => r.rating),
        preference,
        comments: responses.map((r) => r.comment).filter((c): c is string => !!c),
      };
    },

    /** An expert's decision on a version (the history is kept). */
    async review(documentId: number, version: number, decision: Review['decision'], comment: string | null, author: string): Promise<Review> {
      await knownVersion(db, documentId, version);
      if (decision === 'rejected' && !comment?.trim()) throw new AppError('VALIDATION', 'Un refus s’explique : ajoutez un commentaire pour l’équipe.');
      const at = now();
      const { id } = (await db.get<{ id: number }>(q.insertReview, [documentId, version, decision, comment?.trim() || null, author, at]))!;
      return { id, documentId, version, decision, comment: comment?.trim() || null, author, at };
    },

    async reviews(documentId: number): Promise<Review[]> {
      const rows = await db.all<{ id: number; document_id: number; version_number: number; decision: Review['decision']; comment: string | null; author: string; at: string }>(q.reviews, [documentId]);
      return rows.map((r) => ({ id: r.id, documentId: r.document_id, version: r.version_number, decision: r.decision, comment: r.comment, author: r.author, at: r.at }));
    },

    /** Every version tested with answers: its automatic score and its volunteers' comprehension. */
    testedVersions: (): Promise<{ documentId: number; version: number; score: number; correct: number; total: number }[]> => db.all(q.tested),

    /** The number of the latest version of a document (NOT_FOUND for an unknown document). */
    async latestVersion(documentId: number): Promise<number | null> {
      const d = await db.get<{ latest: number | null }>(q.document, [documentId]);
      if (!d) throw new AppError('NOT_FOUND', `Document inconnu : ${documentId}.`);
      return d.latest;
    },
  };
}

export type CampaignStore = ReturnType<typeof campaignStore>;
