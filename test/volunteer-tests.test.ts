/**
 * Testing a rewrite with volunteers and an expert, end to end on the real server and store: a campaign
 * with three questions and an A/B comparison, twelve volunteers (some wrong answers, a reused link
 * refused), results computed by hand, the release gate, the monthly limit, and erasure; on SQLite, and
 * on PostgreSQL when CLARTE_TEST_POSTGRES_URL is set.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { ROOT } from '../src/paths.js';
import type { Sql } from '../src/store/sql.js';
import { actAs, bearer, createAccount } from './helpers/accounts.js';
import { ourLibrary } from './helpers/library.js';
import { ENGINES } from './helpers/databases.js';

const OLD = readFileSync(join(ROOT, 'corpora', 'lettres', '02-caf-refus-aide-logement.txt'), 'utf8');
const NEW = `Caisse d'allocations familiales
Service des aides au logement

Objet : votre aide au logement

Madame, Monsieur,

Nous ne pouvons pas vous verser d'aide au logement. Vos revenus de 2025 dépassent le plafond prévu par l'article R. 822-2 du code de la construction et de l'habitation.

Vous n'êtes pas d'accord ? Écrivez à la commission de recours amiable de la Caf avant le 15 mars 2026. Elle réexaminera votre demande. Ensuite, vous pourrez saisir le tribunal administratif.

Une question ? Appelez le 3230.

Le directeur,
Jean Moreau
`;

let app: FastifyInstance;
let db: Sql;
let DATABASE_PATH = '';
let expert = '';
let logs = '';
let docId = 0;
let campaignId = 0;
let volunteers: { id: number; link: string; contact: string }[] = [];
let invitations: { volunteerId: number; link: string }[] = [];

const QUESTIONS = [
  { prompt: 'Que devez-vous faire si vous n’êtes pas d’accord ?', kind: 'choice', options: ['Rien', 'Écrire à la commission de recours amiable', 'Appeler le 3230'], accepted: [1] },
  { prompt: 'Avant quelle date ?', kind: 'text', accepted: ['15 mars 2026'] },
  { prompt: 'À qui écrire ?', kind: 'text', accepted: ['commission de recours amiable'] },
];
// Twelve volunteers: ten right everywhere (in their own words), one wrong date, one wrong on two questions.
const ANSWERS: [number, string, string][] = [
  [1, 'le 15/03/2026', 'à la Commission de Recours Amiable'],
  [1, '15 mars 2026', 'la commission de recours amiable de la caf'],
  [1, 'avant le 15 mars 2026', 'commission de recours amiable'],
  [1, '15.03.2026', 'à la comission de recours amiable'],
  [1, 'le quinze mars 2026', 'COMMISSION DE RECOURS AMIABLE'],
  [1, '15 mars 2026', 'la commission de recours amiable'],
  [1, '2026-03-15', 'commission de recours amiable'],
  [1, 'le 15 mars 2026', 'à la commission de recours amiable'],
  [1, '15/03/2026', 'commission de recours amiable'],
  [1, 'le 15 mars 2026 au plus tard', 'la commission de recours amiable'],
  [1, '16 mars 2026', 'commission de recours amiable'],
  [2, '15 mars 2026', 'au maire'],
];
const RATINGS = [9, 8, 8, 10, 7, 9, 8, 6, 9, 10, 8, 5];
// Preference for the new version (9), the old one (2), no preference (1).
const PREFERS: ('new' | 'old' | 'same')[] = ['new', 'new', 'new', 'old', 'new', 'new', 'same', 'new', 'new', 'old', 'new', 'new'];

describe.each(ENGINES)('testing a rewrite with volunteers and an expert ($name)', (engine) => {
  beforeAll(async () => {
    const fresh = await engine.fresh();
    db = fresh.sql;
    DATABASE_PATH = 'DATABASE_PATH' in fresh.env ? fresh.env.DATABASE_PATH : '';
    [logs, docId, campaignId, volunteers, invitations] = ['', 0, 0, [], []];
    const logStream = new PassThrough();
    logStream.on('data', (c: Buffer) => (logs += c.toString('utf8')));
    app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'info' }), library: await ourLibrary(), sql: db, logStream });
    await actAs(app, db, { login: 'equipe-comm', role: 'comms' });
    expert = await createAccount(db, { login: 'juriste', role: 'expert' });
  });
  afterAll(async () => app.close());

  it('registers volunteers with their consent, and lets one leave', async () => {
    const consent = (await app.inject({ url: '/api/v1/volunteers/consent', headers: { authorization: '' } })).json();
    expect(consent.text).toMatch(/pseudonyme/);
    const refused = await app.inject({ method: 'POST', url: '/api/v1/volunteers', headers: { authorization: '' }, payload: { pseudonym: 'Sans accord', contact: 'x@example.org', consent: false } });
    expect(refused.statusCode).toBe(400);
    for (let i = 1; i <= 13; i++) {
      const contact = `benevole${i}@example.org`;
      // Three register themselves; the comms team registers the others, who consented on paper.
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/volunteers',
        ...(i <= 3 ? { headers: { authorization: '' } } : {}),
        payload: { pseudonym: `Relecteur ${i}`, contact, consent: true, ageBand: i % 2 ? '25-44 ans' : '65 ans et plus', digitalEase: 'moyenne' },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().link).toMatch(/^vol_/);
      volunteers.push({ id: res.json().volunteer.id, link: res.json().link, contact });
    }
    const last = volunteers[12]!;
    const left = await app.inject({ method: 'POST', url: `/api/v1/volunteer-links/${last.link}/unsubscribe`, headers: { authorization: '' } });
    expect(left.json().volunteer).toMatchObject({ unsubscribed: true, contact: last.contact });
    const list = (await app.inject({ url: '/api/v1/volunteers' })).json().items;
    expect(list).toHaveLength(13);
  });

  it('opens an A/B campaign on the rewritten version and sends twelve invitations', async () => {
    docId = (await app.inject({ method: 'POST', url: '/api/v1/documents', payload: { text: OLD, title: 'Refus d’aide au logement' } })).json().documentId;
    expect((await app.inject({ method: 'POST', url: `/api/v1/documents/${docId}/versions`, payload: { text: NEW } })).json().version).toBe(2);
    const bad = await app.inject({ method: 'POST', url: `/api/v1/documents/${docId}/campaigns`, payload: { version: 2, title: 'Une seule question', questions: QUESTIONS.slice(0, 1) } });
    expect(bad.statusCode).toBe(400);
    const wrongOption = await app.inject({ method: 'POST', url: `/api/v1/documents/${docId}/campaigns`, payload: { version: 2, title: 'Test', questions: [{ ...QUESTIONS[0], accepted: [7] }, QUESTIONS[1]] } });
    expect(wrongOption.json().error.message).toMatch(/Question 1/);
    const res = await app.inject({ method: 'POST', url: `/api/v1/documents/${docId}/campaigns`, payload: { version: 2, compareWith: 1, title: 'Refus logement, version claire', questions: QUESTIONS, panelSize: 12 } });
    expect(res.statusCode, res.body).toBe(201);
    campaignId = res.json().id;
    const sent = await app.inject({ method: 'POST', url: `/api/v1/campaigns/${campaignId}/invitations`, payload: {} });
    expect(sent.statusCode, sent.body).toBe(201);
    const created = sent.json().invitations as { volunteerId: number; link: string; contact: string }[];
    expect(created).toHaveLength(12);
    // The volunteer who left is not asked.
    expect(created.map((i) => i.volunteerId)).not.toContain(volunteers[12]!.id);
    expect(created[0]!.contact).toMatch(/@example\.org$/);
    invitations.push(...created.map((i) => ({ volunteerId: i.volunteerId, link: i.link })));
  });

  it('shows a volunteer the two versions and the questions, and nothing else', async () => {
    const view = await app.inject({ url: `/api/v1/invitations/${invitations[0]!.link}`, headers: { authorization: '' } });
    expect(view.statusCode, view.body).toBe(200);
    const v = view.json();
    expect(Object.keys(v).sort()).toEqual(['compare', 'deadline', 'letters', 'questions', 'title']);
    expect(v.letters.map((l: { label: string }) => l.label)).toEqual(['Version A', 'Version B']);
    expect(v.letters.map((l: { text: string }) => l.text).some((t: string) => t.includes('commission de recours amiable de la Caf avant le 15 mars 2026'))).toBe(true);
    expect(JSON.stringify(v.questions)).not.toMatch(/accepted/);
    expect(JSON.stringify(v)).not.toMatch(/documentId|equipe-comm|Relecteur/);
    // The link opens nothing else: not the map, not another invitation.
    expect((await app.inject({ url: '/api/v1/documents', headers: bearer(invitations[0]!.link) })).statusCode).toBe(401);
    expect((await app.inject({ url: `/api/v1/campaigns/${campaignId}`, headers: { authorization: '' } })).statusCode).toBe(401);
    expect((await app.inject({ url: `/api/v1/invitations/${invitations[0]!.link.slice(0, -2)}xx`, headers: { authorization: '' } })).statusCode).toBe(404);
  });

  it('takes one answer per link, with the preference read in the order shown', async () => {
    for (let i = 0; i < 12; i++) {
      const link = invitations[i]!.link;
      const view = (await app.inject({ url: `/api/v1/invitations/${link}`, headers: { authorization: '' } })).json();
      const newIs = (view.letters as { text: string }[])[0]!.text.includes('Vous n\'êtes pas d\'accord ?') ? 'A' : 'B';
      const p = PREFERS[i]!;
      const preference = p === 'same' ? 'same' : p === 'new' ? newIs : newIs === 'A' ? 'B' : 'A';
      const [choice, date, whom] = ANSWERS[i]!;
      const ids = (view.questions as { id: number }[]).map((q) => q.id);
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/invitations/${link}/answers`,
        headers: { authorization: '' },
        payload: { answers: [{ questionId: ids[0], choice: [choice] }, { questionId: ids[1], text: date }, { questionId: ids[2], text: whom }], rating: RATINGS[i], preference, ...(i === 3 ? { comment: 'Bien plus clair.' } : {}) },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const again = await app.inject({ method: 'POST', url: `/api/v1/invitations/${invitations[0]!.link}/answers`, headers: { authorization: '' }, payload: { answers: [{ questionId: 1, choice: [1] }], rating: 10 } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVITATION_USED');
    expect((await app.inject({ url: `/api/v1/invitations/${invitations[0]!.link}`, headers: { authorization: '' } })).json().error.code).toBe('INVITATION_USED');
  });

  it('gives the results computed by hand', async () => {
    const { campaign, results } = (await app.inject({ url: `/api/v1/campaigns/${campaignId}` })).json();
    expect(campaign.answers).toBe(12);
    expect(results.answers).toBe(12);
    expect(results.comprehension.perQuestion.map((q: { correct: number; total: number }) => `${q.correct}/${q.total}`)).toEqual(['11/12', '11/12', '11/12']);
    expect(results.comprehension.overall.value).toBeCloseTo(33 / 36, 6);
    expect(results.ratings.count).toBe(12);
    expect(results.ratings.mean).toBeCloseTo(97 / 12, 6);
    expect(results.ratings.median).toBe(8);
    expect(results.ratings.shareAtLeast8.value).toBeCloseTo(9 / 12, 6);
    expect(results.preference).toMatchObject({ new: 9, old: 2, same: 1 });
    expect(results.comments).toEqual(['Bien plus clair.']);
    // Answers keep nothing of who gave them.
    const columns = (
      await db.all<{ name: string }>(db.dialect === 'sqlite' ? "SELECT name FROM pragma_table_info('responses')" : "SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'responses'")
    ).map((c) => c.name);
    expect(columns).not.toContain('volunteer_id');
    expect(columns).not.toContain('invitation_id');
  });

  it('publishes only once an expert approved the version and the test passed', async () => {
    for (const status of ['a-reecrire', 'en-reecriture', 'validation-experte', 'test-usagers']) {
      expect((await app.inject({ method: 'POST', url: `/api/v1/documents/${docId}/status`, payload: { status } })).statusCode).toBe(200);
    }
    const blocked = await app.inject({ method: 'POST', url: `/api/v1/documents/${docId}/status`, payload: { status: 'publie' } });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('RELEASE_BLOCKED');
    expect(blocked.json().error.details.reasons).toEqual(['Aucun expert n’a encore validé la version 2.']);
    // Only experts (and admins) review; a refusal says why.
    expect((await app.inject({ method: 'POST', url: `/api/v1/documents/${docId}/reviews`, payload: { version: 2, decision: 'approved' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/v1/documents/${docId}/reviews`, headers: bearer(expert), payload: { version: 2, decision: 'rejected' } })).statusCode).toBe(400);
    const rejected = await app.inject({ method: 'POST', url: `/api/v1/documents/${docId}/reviews`, headers: bearer(expert), payload: { version: 2, decision: 'rejected', comment: 'Le délai de recours contentieux manque.' } });
    expect(rejected.statusCode).toBe(201);
    const check = (await app.inject({ url: `/api/v1/documents/${docId}/release-check` })).json();
    expect(check.releasable).toBe(false);
    expect(check.reasons[0]).toMatch(/refusée par juriste/);
    expect(check.campaign).toMatchObject({ id: campaignId, answers: 12, problems: [] });
    const approved = await app.inject({ method: 'POST', url: `/api/v1/documents/${docId}/reviews`, headers: bearer(expert), payload: { version: 2, decision: 'approved', comment: 'Sens juridique conservé.' } });
    expect(approved.statusCode).toBe(201);
    const released = await app.inject({ method: 'POST', url: `/api/v1/documents/${docId}/status`, payload: { status: 'publie' } });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json().status).toBe('publie');
    const reviews = (await app.inject({ url: `/api/v1/documents/${docId}/reviews`, headers: bearer(expert) })).json().items;
    expect(reviews.map((r: { decision: string }) => r.decision)).toEqual(['rejected', 'approved']);
  });

  it('publishes the yearly indicators with the tests, computed by hand', async () => {
    const year = new Date().getUTCFullYear();
    const f = (await app.inject({ url: `/api/v1/indicators?year=${year}` })).json();
    const versions = (await app.inject({ url: `/api/v1/documents/${docId}` })).json().versions as { number: number; score: number }[];
    const [before, after] = [versions.find((v) => v.number === 1)!.score, versions.find((v) => v.number === 2)!.score];
    expect(f).toMatchObject({ mapped: 1, rewritten: 1, released: 1, tests: 1, answers: 12, comprehension: 0.917, ratingsAtLeast8: 0.75 });
    expect(f.scoreGain).toBeCloseTo(Math.round(after * 10) / 10 - Math.round(before * 10) / 10, 0);
    expect(f.scoreGain).toBeGreaterThan(0);
    expect((await app.inject({ url: `/api/v1/indicators?year=${year - 1}` })).json()).toMatchObject({ tests: 0, answers: 0, comprehension: null, ratingsAtLeast8: null });
    const csv = (await app.inject({ url: `/api/v1/indicators.csv?year=${year}` })).body;
    const [head, total] = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(head).toBe('annee;perimetre;documents_cartographies;reecrits;publies;score_moyen_avant;score_moyen_apres;gain_de_score;part_toutes_mentions;tests_usagers;reponses;comprehension;part_notes_8_et_plus');
    expect(total).toMatch(new RegExp(`^${year};ensemble;1;1;1;.*;1;12;0[.,]917;0[.,]75$`));
  });

  it('asks a volunteer at most twice a month', async () => {
    const open = async () =>
      (await app.inject({ method: 'POST', url: `/api/v1/documents/${docId}/campaigns`, payload: { version: 2, title: 'Relance', questions: QUESTIONS.slice(1), panelSize: 3 } })).json().id as number;
    const v = invitations[1]!.volunteerId;
    const second = await open();
    expect((await app.inject({ method: 'POST', url: `/api/v1/campaigns/${second}/invitations`, payload: { volunteerIds: [v] } })).json().invitations).toHaveLength(1);
    const third = await open();
    const r = (await app.inject({ method: 'POST', url: `/api/v1/campaigns/${third}/invitations`, payload: { volunteerIds: [v] } })).json();
    expect(r.invitations).toHaveLength(0);
    expect(r.skipped).toEqual([{ volunteerId: v, reason: 'déjà sollicité 2 fois ces 30 derniers jours' }]);
    // Chosen automatically: the others were asked once, and may be asked again; not the one asked
    // twice, not the one who left.
    const picked = (await app.inject({ method: 'POST', url: `/api/v1/campaigns/${third}/invitations`, payload: { count: 20 } })).json().invitations as { volunteerId: number }[];
    expect(picked).toHaveLength(11);
    expect(picked.map((i) => i.volunteerId)).not.toContain(v);
    expect(picked.map((i) => i.volunteerId)).not.toContain(volunteers[12]!.id);
  });

  it('erases a volunteer on request and keeps their anonymous answers in the figures', async () => {
    const me = volunteers.find((x) => x.id === invitations[2]!.volunteerId)!;
    expect((await app.inject({ url: `/api/v1/volunteer-links/${me.link}`, headers: { authorization: '' } })).json().volunteer.contact).toBe(me.contact);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/volunteer-links/${me.link}`, headers: { authorization: '' } })).statusCode).toBe(204);
    expect((await app.inject({ url: `/api/v1/volunteer-links/${me.link}`, headers: { authorization: '' } })).statusCode).toBe(404);
    const other = volunteers.find((x) => x.id === invitations[3]!.volunteerId)!;
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/volunteers/${other.id}` })).statusCode).toBe(204);
    const list = (await app.inject({ url: '/api/v1/volunteers' })).json().items as { id: number }[];
    expect(list.map((x) => x.id)).not.toContain(me.id);
    expect(list.map((x) => x.id)).not.toContain(other.id);
    expect((await app.inject({ url: `/api/v1/campaigns/${campaignId}` })).json().results.answers).toBe(12);
    if (db.dialect === 'sqlite') {
      // the file itself: erased values are overwritten (secure_delete), not only unlinked
      await db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      const bytes = readFileSync(DATABASE_PATH).toString('utf8');
      expect(bytes).not.toContain(me.contact);
      expect(bytes).not.toContain(other.contact);
      expect(bytes).toContain(volunteers[0]!.contact);
    } else {
      const contacts = (await db.all<{ contact: string | null }>('SELECT contact FROM volunteers')).map((r) => r.contact);
      expect(contacts).not.toContain(me.contact);
      expect(contacts).not.toContain(other.contact);
      expect(contacts).toContain(volunteers[0]!.contact);
    }
  });

  it('never writes invitation or volunteer links into the logs', () => {
    expect(logs).toMatch(/\/api\/v1\/invitations\/inv_\[masqué\]/);
    for (const i of invitations) expect(logs).not.toContain(i.link.slice(4));
    for (const v of volunteers) expect(logs).not.toContain(v.link.slice(4));
  });
});
