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
import type { Db } from './db.js';

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

/** The campaigns' store, on the map's database. */
export function campaignStore(db: Db, config: CampaignConfig) {
  const st = {
    insertVolunteer: db.prepare(
      `INSERT INTO volunteers (pseudonym, contact, age_band, digital_ease, languages, consent_version, consent_at, manage_hash, created_at, last_active_at)
       VALUES (@pseudonym, @contact, @ageBand, @digitalEase, @languages, @consentVersion, @at, @hash, @at, @at)`,
    ),
    volunteers: db.prepare(
      `SELECT v.*, (SELECT count(*) FROM invitations i WHERE i.volunteer_id = v.id AND i.created_at >= @since) AS recent
       FROM volunteers v WHERE v.erased_at IS NULL ORDER BY v.id`,
    ),
    volunteer: db.prepare(`SELECT v.*, (SELECT count(*) FROM invitations i WHERE i.volunteer_id = v.id AND i.created_at >= @since) AS recent FROM volunteers v WHERE v.id = @id`),
    volunteerByHash: db.prepare(`SELECT v.*, (SELECT count(*) FROM invitations i WHERE i.volunteer_id = v.id AND i.created_at >= @since) AS recent FROM volunteers v WHERE v.manage_hash = @hash`),
    unsubscribe: db.prepare('UPDATE volunteers SET unsubscribed_at = coalesce(unsubscribed_at, ?) WHERE id = ?'),
    erase: db.prepare(
      `UPDATE volunteers SET pseudonym = NULL, contact = NULL, age_band = NULL, digital_ease = NULL, languages = NULL, manage_hash = NULL,
       unsubscribed_at = coalesce(unsubscribed_at, @at), erased_at = @at WHERE id = @id AND erased_at IS NULL`,
    ),
    dropUnusedInvitations: db.prepare('DELETE FROM invitations WHERE volunteer_id = ? AND used_at IS NULL'),
    touchVolunteer: db.prepare('UPDATE volunteers SET last_active_at = ? WHERE id = ?'),
    version: db.prepare('SELECT number FROM versions WHERE document_id = ? AND number = ?'),
    document: db.prepare('SELECT id, latest_version_id, (SELECT number FROM versions WHERE id = documents.latest_version_id) AS latest FROM documents WHERE id = ?'),
    insertCampaign: db.prepare(
      `INSERT INTO campaigns (document_id, version_number, compare_version, title, panel_size, deadline, status, author, created_at)
       VALUES (@documentId, @version, @compareWith, @title, @panelSize, @deadline, 'open', @author, @at)`,
    ),
    insertQuestion: db.prepare('INSERT INTO campaign_questions (campaign_id, position, prompt, kind, options, accepted, multiple) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    campaign: db.prepare(
      `SELECT c.*, (SELECT count(*) FROM invitations i WHERE i.campaign_id = c.id) AS invitations,
              (SELECT count(*) FROM responses r WHERE r.campaign_id = c.id) AS answers
       FROM campaigns c WHERE c.id = ?`,
    ),
    campaignsOf: db.prepare(
      `SELECT c.*, (SELECT count(*) FROM invitations i WHERE i.campaign_id = c.id) AS invitations,
              (SELECT count(*) FROM responses r WHERE r.campaign_id = c.id) AS answers
       FROM campaigns c WHERE c.document_id = ? ORDER BY c.id`,
    ),
    questions: db.prepare('SELECT * FROM campaign_questions WHERE campaign_id = ? ORDER BY position'),
    closeCampaign: db.prepare("UPDATE campaigns SET status = 'closed', closed_at = ? WHERE id = ? AND status = 'open'"),
    eligible: db.prepare(
      `SELECT v.id, v.age_band AS ageBand, v.digital_ease AS digitalEase FROM volunteers v
       WHERE v.erased_at IS NULL AND v.unsubscribed_at IS NULL
         AND (SELECT count(*) FROM invitations i WHERE i.volunteer_id = v.id AND i.created_at >= @since) < @max
         AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.volunteer_id = v.id AND i.campaign_id = @campaign)
       ORDER BY (SELECT max(created_at) FROM invitations i WHERE i.volunteer_id = v.id) IS NOT NULL, (SELECT max(created_at) FROM invitations i WHERE i.volunteer_id = v.id), v.id`,
    ),
    invitedAlready: db.prepare('SELECT 1 FROM invitations WHERE volunteer_id = ? AND campaign_id = ?'),
    insertInvitation: db.prepare('INSERT INTO invitations (campaign_id, volunteer_id, hash, new_first, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)'),
    invitation: db.prepare('SELECT * FROM invitations WHERE hash = ?'),
    useInvitation: db.prepare('UPDATE invitations SET used_at = ? WHERE id = ? AND used_at IS NULL'),
    insertResponse: db.prepare('INSERT INTO responses (campaign_id, rating, preference, comment, answered_at) VALUES (?, ?, ?, ?, ?)'),
    insertAnswer: db.prepare('INSERT INTO response_answers (response_id, question_id, answer, correct) VALUES (?, ?, ?, ?)'),
    perQuestion: db.prepare(
      `SELECT q.id AS questionId, q.prompt, coalesce(sum(a.correct), 0) AS correct, count(a.response_id) AS total
       FROM campaign_questions q LEFT JOIN response_answers a ON a.question_id = q.id
       WHERE q.campaign_id = ? GROUP BY q.id ORDER BY q.position`,
    ),
    responses: db.prepare('SELECT rating, preference, comment FROM responses WHERE campaign_id = ? ORDER BY id'),
    insertReview: db.prepare('INSERT INTO reviews (document_id, version_number, decision, comment, author, at) VALUES (?, ?, ?, ?, ?, ?)'),
    reviews: db.prepare('SELECT * FROM reviews WHERE document_id = ? ORDER BY id'),
    tested: db.prepare(
      `SELECT c.document_id AS documentId, c.version_number AS version, v.score AS score,
              coalesce(sum(a.correct), 0) AS correct, count(a.response_id) AS total
       FROM campaigns c JOIN versions v ON v.document_id = c.document_id AND v.number = c.version_number
       JOIN responses r ON r.campaign_id = c.id JOIN response_answers a ON a.response_id = r.id
       GROUP BY c.document_id, c.version_number ORDER BY c.document_id, c.version_number`,
    ),
  };

  const getVolunteer = (id: number): Volunteer => {
    const r = st.volunteer.get({ id, since: monthAgo() }) as VolunteerRow | undefined;
    if (!r || r.erased_at) throw new AppError('NOT_FOUND', `Bénévole inconnu : ${id}.`);
    return volunteer(r);
  };

  const getCampaign = (id: number): Campaign => {
    const r = st.campaign.get(id) as CampaignRow | undefined;
    if (!r) throw new AppError('NOT_FOUND', `Campagne inconnue : ${id}.`);
    return {
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
      questions: (st.questions.all(r.id) as QuestionRow[]).map(question),
      invitations: r.invitations,
      answers: r.answers,
    };
  };

  /** The invitation behind a link, usable: NOT_FOUND for an unknown link, INVITATION_USED / _EXPIRED otherwise. */
  const usableInvitation = (token: string) => {
    const inv = st.invitation.get(sha256(token)) as
      | { id: number; campaign_id: number; volunteer_id: number | null; new_first: number; expires_at: string; used_at: string | null }
      | undefined;
    if (!inv) throw new AppError('NOT_FOUND', 'Ce lien d’invitation n’existe pas. Vérifiez qu’il est complet.');
    if (inv.used_at) throw new AppError('INVITATION_USED', 'Vous avez déjà répondu avec ce lien. Merci pour votre participation !');
    const campaign = getCampaign(inv.campaign_id);
    const deadline = campaign.deadline && campaign.deadline < inv.expires_at ? campaign.deadline : inv.expires_at;
    if (campaign.status === 'closed' || deadline < now()) throw new AppError('INVITATION_EXPIRED', 'Ce test est terminé : il n’est plus possible d’y répondre. Merci de votre aide.');
    return { inv, campaign };
  };

  return {
    /** Registers a volunteer who consented; returns their own link (shown once). */
    register(input: { pseudonym: string; contact: string } & VolunteerProfile): { volunteer: Volunteer; token: string } {
      const token = VOLUNTEER_LINK_PREFIX + randomBytes(32).toString('base64url');
      const id = Number(
        st.insertVolunteer.run({
          pseudonym: input.pseudonym.trim(),
          contact: input.contact.trim(),
          ageBand: input.ageBand ?? null,
          digitalEase: input.digitalEase ?? null,
          languages: input.languages ?? null,
          consentVersion: CONSENT_VERSION,
          at: now(),
          hash: sha256(token),
        }).lastInsertRowid,
      );
      return { volunteer: getVolunteer(id), token };
    },

    volunteers: (): Volunteer[] => (st.volunteers.all({ since: monthAgo() }) as VolunteerRow[]).map(volunteer),
    volunteer: getVolunteer,

    /** The volunteer behind their own link, or NOT_FOUND. */
    volunteerByLink(token: string): Volunteer {
      const r = st.volunteerByHash.get({ hash: sha256(token), since: monthAgo() }) as VolunteerRow | undefined;
      if (!r) throw new AppError('NOT_FOUND', 'Ce lien n’existe pas ou plus.');
      return volunteer(r);
    },

    /** No more invitations; the data stays until erased or past the retention period. */
    unsubscribe(id: number): Volunteer {
      getVolunteer(id);
      st.unsubscribe.run(now(), id);
      return getVolunteer(id);
    },

    /** Erases a volunteer's personal data and their unused invitations; their anonymous answers stay. */
    erase: db.transaction((id: number): void => {
      getVolunteer(id);
      st.dropUnusedInvitations.run(id);
      st.erase.run({ id, at: now() });
    }),

    /** Opens a campaign on a version of a document. */
    create: db.transaction((documentId: number, input: CampaignInput, author: string | null): Campaign => {
      if (!st.document.get(documentId)) throw new AppError('NOT_FOUND', `Document inconnu : ${documentId}.`);
      if (!st.version.get(documentId, input.version)) throw new AppError('NOT_FOUND', `Version inconnue : document ${documentId}, version ${input.version}.`);
      const compareWith = input.compareWith ?? null;
      if (compareWith !== null) {
        if (compareWith === input.version) throw new AppError('VALIDATION', 'La version de comparaison doit être une autre version.');
        if (!st.version.get(documentId, compareWith)) throw new AppError('NOT_FOUND', `Version inconnue : document ${documentId}, version ${compareWith}.`);
      }
      checkQuestions(input.questions);
      const id = Number(
        st.insertCampaign.run({
          documentId,
          version: input.version,
          compareWith,
          title: input.title.trim(),
          panelSize: input.panelSize,
          deadline: input.deadline ?? null,
          author,
          at: now(),
        }).lastInsertRowid,
      );
      input.questions.forEach((q, i) => {
        st.insertQuestion.run(id, i + 1, q.prompt.trim(), q.kind, q.kind === 'choice' ? JSON.stringify(q.options) : null, JSON.stringify(q.accepted), q.multiple ? 1 : 0);
      });
      return getCampaign(id);
    }),

    campaign: getCampaign,
    campaignsOf: (documentId: number): Campaign[] => (st.campaignsOf.all(documentId) as CampaignRow[]).map((r) => getCampaign(r.id)),

    close(id: number): Campaign {
      getCampaign(id);
      st.closeCampaign.run(now(), id);
      return getCampaign(id);
    },

    /**
     * Invitation links for the volunteers named, or for `count` volunteers chosen among those who may
     * be asked (not unsubscribed, under the monthly limit, not yet invited to this campaign; those
     * asked least recently first). Returns the links (shown once) and who was left out, and why.
     */
    invite: db.transaction((campaignId: number, who: { volunteerIds?: number[]; count?: number }): { created: CreatedInvitation[]; skipped: { volunteerId: number; reason: string }[] } => {
      const campaign = getCampaign(campaignId);
      if (campaign.status !== 'open') throw new AppError('CONFLICT', 'Cette campagne est close : elle ne reçoit plus d’invitations.');
      const since = monthAgo();
      const skipped: { volunteerId: number; reason: string }[] = [];
      let ids: number[];
      if (who.volunteerIds?.length) {
        ids = [];
        for (const id of who.volunteerIds) {
          const v = st.volunteer.get({ id, since }) as VolunteerRow | undefined;
          if (!v || v.erased_at) skipped.push({ volunteerId: id, reason: 'bénévole inconnu' });
          else if (v.unsubscribed_at) skipped.push({ volunteerId: id, reason: 'désinscrit' });
          else if (st.invitedAlready.get(id, campaignId)) skipped.push({ volunteerId: id, reason: 'déjà invité à cette campagne' });
          else if (v.recent >= config.VOLUNTEER_MAX_REQUESTS_PER_MONTH) skipped.push({ volunteerId: id, reason: `déjà sollicité ${v.recent} fois ces 30 derniers jours` });
          else ids.push(id);
        }
      } else {
        const wanted = who.count ?? Math.max(0, campaign.panelSize - campaign.invitations);
        const pool = st.eligible.all({ since, max: config.VOLUNTEER_MAX_REQUESTS_PER_MONTH, campaign: campaignId }) as PoolRow[];
        ids = balancedPanel(pool, wanted);
      }
      const at = now();
      let expires = new Date(Date.now() + config.INVITATION_DAYS * DAY_MS).toISOString();
      if (campaign.deadline && campaign.deadline < expires) expires = campaign.deadline;
      const created = ids.map((volunteerId): CreatedInvitation => {
        const token = INVITATION_PREFIX + randomBytes(32).toString('base64url');
        st.insertInvitation.run(campaignId, volunteerId, sha256(token), randomInt(2), at, expires);
        st.touchVolunteer.run(at, volunteerId);
        const v = getVolunteer(volunteerId);
        return { volunteerId, pseudonym: v.pseudonym, contact: v.contact, token, expiresAt: expires };
      });
      return { created, skipped };
    }),

    /** What an invitation shows: the campaign and the order of the versions (A/B), nothing else. */
    invitation(token: string): { campaign: Campaign; newFirst: boolean } {
      const { inv, campaign } = usableInvitation(token);
      return { campaign, newFirst: inv.new_first === 1 };
    },

    /** Records a volunteer's answers, once per invitation; the answer keeps nothing of who gave it. */
    answer: db.transaction((token: string, input: ResponseInput): { correct: number; total: number } => {
      const { inv, campaign } = usableInvitation(token);
      const byId = new Map(campaign.questions.map((q) => [q.id, q]));
      const given = new Map<number, ResponseInput['answers'][number]>();
      for (const a of input.answers) {
        if (!byId.has(a.questionId)) throw new AppError('VALIDATION', `Question inconnue : ${a.questionId}.`);
        given.set(a.questionId, a);
      }
      const missing = campaign.questions.filter((q) => !given.has(q.id));
      if (missing.length) throw new AppError('VALIDATION', `Répondez à chaque question (il manque la question ${missing.map((q) => q.position).join(', ')}).`);
      if (input.preference && campaign.compareWith === null) throw new AppError('VALIDATION', 'Ce test ne compare pas deux versions.');
      if (st.useInvitation.run(now(), inv.id).changes !== 1) throw new AppError('INVITATION_USED', 'Vous avez déjà répondu avec ce lien. Merci pour votre participation !');
      // The answer's time is the day only: with the invitation's time it would tell who answered.
      const responseId = Number(st.insertResponse.run(campaign.id, input.rating, input.preference ?? null, input.comment?.trim() || null, now().slice(0, 10)).lastInsertRowid);
      let correct = 0;
      for (const q of campaign.questions) {
        const a = given.get(q.id)!;
        const answer: Answer = q.kind === 'choice' ? { choice: a.choice ?? [] } : { text: a.text ?? '' };
        const ok = matchAnswer(matcherQuestion(q), answer);
        if (ok) correct++;
        st.insertAnswer.run(responseId, q.id, JSON.stringify(answer), ok ? 1 : 0);
      }
      if (inv.volunteer_id !== null) st.touchVolunteer.run(now(), inv.volunteer_id);
      return { correct, total: campaign.questions.length };
    }),

    /** The raw counts of a campaign's answers. */
    counts(campaignId: number): CampaignCounts {
      getCampaign(campaignId);
      const responses = st.responses.all(campaignId) as { rating: number; preference: 'new' | 'old' | 'same' | null; comment: string | null }[];
      const preference = { new: 0, old: 0, same: 0 };
      for (const r of responses) if (r.preference) preference[r.preference]++;
      return {
        answers: responses.length,
        perQuestion: st.perQuestion.all(campaignId) as CampaignCounts['perQuestion'],
        ratings: responses.map((r) => r.rating),
        preference,
        comments: responses.map((r) => r.comment).filter((c): c is string => !!c),
      };
    },

    /** An expert's decision on a version (the history is kept). */
    review(documentId: number, version: number, decision: Review['decision'], comment: string | null, author: string): Review {
      if (!st.version.get(documentId, version)) throw new AppError('NOT_FOUND', `Version inconnue : document ${documentId}, version ${version}.`);
      if (decision === 'rejected' && !comment?.trim()) throw new AppError('VALIDATION', 'Un refus s’explique : ajoutez un commentaire pour l’équipe.');
      const at = now();
      const id = Number(st.insertReview.run(documentId, version, decision, comment?.trim() || null, author, at).lastInsertRowid);
      return { id, documentId, version, decision, comment: comment?.trim() || null, author, at };
    },

    reviews(documentId: number): Review[] {
      return (st.reviews.all(documentId) as { id: number; document_id: number; version_number: number; decision: Review['decision']; comment: string | null; author: string; at: string }[]).map((r) => ({
        id: r.id,
        documentId: r.document_id,
        version: r.version_number,
        decision: r.decision,
        comment: r.comment,
        author: r.author,
        at: r.at,
      }));
    },

    /** Every version tested with answers: its automatic score and its volunteers' comprehension. */
    testedVersions: (): { documentId: number; version: number; score: number; correct: number; total: number }[] =>
      st.tested.all() as { documentId: number; version: number; score: number; correct: number; total: number }[],

    /** The number of the latest version of a document (NOT_FOUND for an unknown document). */
    latestVersion(documentId: number): number | null {
      const d = st.document.get(documentId) as { latest: number | null } | undefined;
      if (!d) throw new AppError('NOT_FOUND', `Document inconnu : ${documentId}.`);
      return d.latest;
    },
  };
}

export type CampaignStore = ReturnType<typeof campaignStore>;
