/**
 * The campaigns' store on each engine (SQLite always, PostgreSQL when CLARTE_TEST_POSTGRES_URL is set,
 * as in CI): volunteers, campaigns, invitations used once even by two instances at once, panels that
 * two instances fill without inviting anyone twice, answers counted, experts' reviews, the agreement
 * between the automatic score and comprehension, erasure.
 */
import { describe, expect, it } from 'vitest';
import { scoreAgreement } from '../../src/campaigns/results.js';
import { loadConfig } from '../../src/config.js';
import { campaignStore, type CampaignInput } from '../../src/store/campaigns.js';
import type { Sql } from '../../src/store/sql.js';
import { ENGINES } from '../helpers/databases.js';

const config = loadConfig({});

/** A document with versions of the given scores (1, 2, …); its id. */
async function document(sql: Sql, title: string, scores: number[]): Promise<number> {
  const at = new Date().toISOString();
  const { id } = (await sql.get<{ id: number }>("INSERT INTO documents (title, status, created_at, updated_at) VALUES (?, 'test-usagers', ?, ?) RETURNING id", [title, at, at]))!;
  for (const [i, score] of scores.entries()) {
    const v = (await sql.get<{ id: number }>("INSERT INTO versions (document_id, number, sha256, format, bytes, text, report, score, grade, doc_type, created_at) VALUES (?, ?, ?, 'txt', 1, 't', '{}', ?, 'C', 'autre', ?) RETURNING id", [id, i + 1, `${title}-${i}`, score, at]))!;
    await sql.run('UPDATE documents SET latest_version_id = ? WHERE id = ?', [v.id, id]);
  }
  return id;
}

const QUESTIONS: CampaignInput['questions'] = [
  { prompt: 'Que pouvez-vous faire ?', kind: 'choice', options: ['Rien', 'Contester'], accepted: [1] },
  { prompt: 'Dans quel délai ?', kind: 'text', accepted: ['deux mois'] },
];

describe.each(ENGINES)('campaigns ($name)', (engine) => {
  it('runs a campaign from registration to counts, and an answer link works once even for two instances at once', async () => {
    const db = await engine.fresh();
    const store = campaignStore(db.sql, config);
    const other = campaignStore(await db.reopen(), config);
    const doc = await document(db.sql, 'Refus RSA', [41, 72]);
    const { volunteer, token } = await store.register({ pseudonym: ' Abeille ', contact: 'abeille@example.org', ageBand: '25-39' });
    expect(volunteer).toMatchObject({ pseudonym: 'Abeille', ageBand: '25-39', recentRequests: 0, erased: false });
    expect((await other.volunteerByLink(token)).id).toBe(volunteer.id);

    await expect(store.create(doc, { version: 3, title: 'Test', panelSize: 2, questions: QUESTIONS }, 'comms')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.create(doc, { version: 2, compareWith: 2, title: 'Test', panelSize: 2, questions: QUESTIONS }, 'comms')).rejects.toMatchObject({ code: 'VALIDATION' });
    const campaign = await store.create(doc, { version: 2, compareWith: 1, title: ' Refus réécrit ', panelSize: 2, questions: QUESTIONS }, 'comms');
    expect(campaign).toMatchObject({ title: 'Refus réécrit', status: 'open', invitations: 0, answers: 0, compareWith: 1 });
    expect(campaign.questions.map((q) => [q.position, q.kind, q.multiple])).toEqual([
      [1, 'choice', false],
      [2, 'text', false],
    ]);

    const { created, skipped } = await other.invite(campaign.id, { volunteerIds: [volunteer.id, 999] });
    expect(created).toHaveLength(1);
    expect(skipped).toEqual([{ volunteerId: 999, reason: 'bénévole inconnu' }]);
    expect((await store.invite(campaign.id, { volunteerIds: [volunteer.id] })).skipped[0]!.reason).toMatch(/déjà invité/);
    const link = created[0]!.token;
    const [q1, q2] = campaign.questions.map((q) => q.id);
    const response = { answers: [{ questionId: q1!, choice: [1] }, { questionId: q2!, text: '2 mois' }], rating: 9, preference: 'new' as const, comment: ' Plus clair. ' };
    const results = await Promise.allSettled([store.answer(link, response), other.answer(link, response)]);
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<unknown>).value)).toEqual([{ correct: 2, total: 2 }]);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'INVITATION_USED' });

    const counts = await other.counts(campaign.id);
    expect(counts).toEqual({
      answers: 1,
      perQuestion: [
        { questionId: q1, prompt: 'Que pouvez-vous faire ?', correct: 1, total: 1 },
        { questionId: q2, prompt: 'Dans quel délai ?', correct: 1, total: 1 },
      ],
      ratings: [9],
      preference: { new: 1, old: 0, same: 0 },
      comments: ['Plus clair.'],
    });
    expect((await store.campaignsOf(doc)).map((c) => [c.id, c.invitations, c.answers, c.questions.length])).toEqual([[campaign.id, 1, 1, 2]]);
    expect((await store.volunteer(volunteer.id)).recentRequests).toBe(1);

    await expect(store.review(doc, 2, 'rejected', ' ', 'juriste')).rejects.toMatchObject({ code: 'VALIDATION' });
    await store.review(doc, 2, 'approved', 'Sens conservé.', 'juriste');
    expect((await other.reviews(doc)).map((r) => [r.version, r.decision, r.author])).toEqual([[2, 'approved', 'juriste']]);
    expect(await other.latestVersion(doc)).toBe(2);

    expect((await store.close(campaign.id)).status).toBe('closed');
    await expect(other.invite(campaign.id, { count: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });

    // erasure: the volunteer's data goes, the anonymous answer stays in the counts
    await other.erase(volunteer.id);
    await expect(store.volunteer(volunteer.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.volunteerByLink(token)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await store.counts(campaign.id)).answers).toBe(1);
    const row = await db.sql.get<{ pseudonym: string | null; contact: string | null; manage_hash: unknown }>('SELECT pseudonym, contact, manage_hash FROM volunteers WHERE id = ?', [volunteer.id]);
    expect(row).toEqual({ pseudonym: null, contact: null, manage_hash: null });
  });

  it('fills a panel from two instances at once without inviting anyone twice, least recently asked first', async () => {
    const db = await engine.fresh();
    const a = campaignStore(db.sql, config);
    const b = campaignStore(await db.reopen(), config);
    const doc = await document(db.sql, 'Avis de taxe', [50]);
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push((await a.register({ pseudonym: `V${i}`, contact: `v${i}@example.org`, ageBand: i % 2 ? '25-39' : '60+' })).volunteer.id);
    const first = await a.create(doc, { version: 1, title: 'Premier', panelSize: 2, questions: QUESTIONS }, 'comms');
    // two volunteers asked recently: the next panel starts with the others
    await a.invite(first.id, { volunteerIds: [ids[0]!, ids[1]!] });
    const campaign = await a.create(doc, { version: 1, title: 'Second', panelSize: 4, questions: QUESTIONS }, 'comms');
    const [ra, rb] = await Promise.all([a.invite(campaign.id, { count: 4 }), b.invite(campaign.id, { count: 4 })]);
    const invited = [...ra.created, ...rb.created].map((c) => c.volunteerId);
    expect(new Set(invited).size).toBe(invited.length);
    expect(invited).toHaveLength(6);
    const firstPanel = (ra.created.length >= rb.created.length ? ra : rb).created.map((c) => c.volunteerId);
    expect(firstPanel.slice(0, 4).sort()).toEqual(ids.slice(2).sort());
    expect((await a.campaign(campaign.id)).invitations).toBe(6);
  });

  it('keeps the monthly limit when two instances invite the same volunteers to two campaigns at once', async () => {
    const db = await engine.fresh();
    const once = loadConfig({ VOLUNTEER_MAX_REQUESTS_PER_MONTH: '1' });
    const a = campaignStore(db.sql, once);
    const b = campaignStore(await db.reopen(), once);
    const doc = await document(db.sql, 'Relance', [60]);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await a.register({ pseudonym: `W${i}`, contact: `w${i}@example.org` })).volunteer.id);
    const c1 = await a.create(doc, { version: 1, title: 'Un', panelSize: 3, questions: QUESTIONS }, 'comms');
    const c2 = await a.create(doc, { version: 1, title: 'Deux', panelSize: 3, questions: QUESTIONS }, 'comms');
    for (let round = 0; round < 3; round++) {
      const [r1, r2] = await Promise.all([a.invite(c1.id, { volunteerIds: [ids[round]!, ids[round]!] }), b.invite(c2.id, { volunteerIds: [ids[round]!] })]);
      // asked once in all: by one campaign or the other, never both, never twice
      expect(r1.created.length + r2.created.length).toBe(1);
      expect([...r1.skipped, ...r2.skipped].map((s) => s.reason)).toEqual([expect.stringMatching(/déjà sollicité 1 fois/)]);
    }
    for (const id of ids) expect((await a.volunteer(id)).recentRequests).toBe(1);
  });

  it('shows the agreement between the automatic score and comprehension from eight tested versions', async () => {
    const db = await engine.fresh();
    const store = campaignStore(db.sql, config);
    const scores = [40, 48, 55, 61, 66, 72, 80, 88];
    // comprehension out of 4 answers (2 volunteers × 2 questions): rises with the score, with one exception
    const right = [1, 2, 2, 3, 2, 3, 4, 4];
    const text: CampaignInput['questions'] = [
      { prompt: 'Quoi ?', kind: 'text', accepted: ['oui'] },
      { prompt: 'Quand ?', kind: 'text', accepted: ['demain'] },
    ];
    for (const [i, score] of scores.entries()) {
      const doc = await document(db.sql, `Modèle ${i}`, [score]);
      const c = await store.create(doc, { version: 1, title: 'Test', panelSize: 2, questions: text }, 'equipe');
      const v1 = (await store.register({ pseudonym: `A${i}`, contact: `a${i}@example.org` })).volunteer.id;
      const v2 = (await store.register({ pseudonym: `B${i}`, contact: `b${i}@example.org` })).volunteer.id;
      const links = (await store.invite(c.id, { volunteerIds: [v1, v2] })).created.map((x) => x.token);
      const [q1, q2] = c.questions.map((q) => q.id);
      for (const [k, link] of links.entries()) {
        const good = right[i]! - 2 * k; // the first volunteer takes the first two right answers
        await store.answer(link, { answers: [{ questionId: q1!, text: good >= 1 ? 'oui' : 'non' }, { questionId: q2!, text: good >= 2 ? 'demain' : 'hier' }], rating: 7 });
      }
      const a = await scoreAgreement(store);
      expect(a.versions).toBe(i + 1);
      expect(a.shown).toBe(i + 1 >= 8);
    }
    const a = await scoreAgreement(store);
    const comp = right.map((r) => r / 4);
    expect(a.result!.n).toBe(8);
    // by hand: Pearson of the scores and the rates 0.25 0.5 0.5 0.75 0.5 0.75 1 1
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    const [mx, my] = [mean(scores), mean(comp)];
    const sxy = scores.reduce((acc, x, i) => acc + (x - mx) * (comp[i]! - my), 0);
    const sxx = scores.reduce((acc, x) => acc + (x - mx) ** 2, 0);
    const syy = comp.reduce((acc, y) => acc + (y - my) ** 2, 0);
    expect(a.result!.pearson).toBeCloseTo(sxy / Math.sqrt(sxx * syy), 10);
    expect(a.result!.pearson).toBeGreaterThan(0.8);
    expect(a.result!.pValue).toBeLessThan(0.05);
  });
});
