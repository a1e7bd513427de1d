/**
 * A volunteer answers a test on a phone (375 px wide) in a real browser, with the keyboard only: the
 * letter's two versions, one question per screen, the rating, the preferred version and a comment; the
 * answers land in the campaign's results; the link then refuses a second answer. Nothing of the service
 * (menu, sign-in, map) shows on these pages. axe-core runs on every page.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { ROOT } from '../../src/paths.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { bearer, createAccount } from '../helpers/accounts.js';
import { ourLibrary } from '../helpers/library.js';
import { ARTIFACTS, closeAll, launchBrowser, listen, seriousViolations } from '../helpers/browser.js';

const letter = (name: string) => readFileSync(join(ROOT, 'corpora', 'lettres', name), 'utf8');

const QUESTIONS = [
  { prompt: 'Que devez-vous faire si vous n’êtes pas d’accord ?', kind: 'choice', options: ['Rien', 'Écrire à la commission de recours amiable', 'Appeler le 3230'], accepted: [1] },
  { prompt: 'Avant quelle date ?', kind: 'text', accepted: ['15 mars 2026'] },
  { prompt: 'À qui écrire ?', kind: 'text', accepted: ['commission de recours amiable'] },
];

let app: FastifyInstance;
let db: Db;
let browser: Browser;
let base = '';
let comms = '';
let campaignId = 0;
const pages: string[] = [];

beforeAll(async () => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'clarte-web-volunteer-')), 'clarte.db'));
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', COOKIE_SECURE: 'false' }), library: await ourLibrary(), db });
  comms = await createAccount(db, { login: 'marie', role: 'comms', password: 'un mot de passe assez long' });
  const docId = (await app.inject({ method: 'POST', url: '/api/v1/documents', headers: bearer(comms), payload: { text: letter('02-caf-refus-aide-logement.txt'), title: 'Refus d’aide au logement' } })).json().documentId as number;
  await app.inject({ method: 'POST', url: `/api/v1/documents/${docId}/versions`, headers: bearer(comms), payload: { text: letter('01-caf-accuse-reception-aide-logement.txt') } });
  for (const i of [1, 2]) await app.inject({ method: 'POST', url: '/api/v1/volunteers', headers: bearer(comms), payload: { pseudonym: `Relectrice ${i}`, contact: `relectrice${i}@example.org`, consent: true } });
  const c = await app.inject({ method: 'POST', url: `/api/v1/documents/${docId}/campaigns`, headers: bearer(comms), payload: { version: 2, compareWith: 1, title: 'Refus logement, version claire', questions: QUESTIONS } });
  expect(c.statusCode, c.body).toBe(201);
  campaignId = c.json().id;
  const sent = (await app.inject({ method: 'POST', url: `/api/v1/campaigns/${campaignId}/invitations`, headers: bearer(comms), payload: {} })).json();
  pages.push(...(sent.invitations as { page: string }[]).map((i) => i.page));
  base = await listen(app);
  browser = await launchBrowser();
});
afterAll(() => closeAll(browser, app, db));

/** The page fits the phone's width (no sideways scrolling), and shows nothing of the service. */
async function phoneChecks(page: Page): Promise<void> {
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
  const text = (await page.locator('body').textContent()) ?? '';
  expect(text).not.toMatch(/Cartographie|Se connecter|Analyser un courrier/);
  expect(await page.locator('a[href^="/cartographie"], a[href^="/api/"], a[href="/connexion"]').count()).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
}

/** Presses the form's button with the keyboard. */
async function submit(page: Page): Promise<void> {
  await page.focus('form button[type=submit]');
  await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.keyboard.press('Enter')]);
}

describe('the volunteer’s test page', () => {
  it('lets a volunteer answer on a 375-pixel-wide screen with the keyboard, one question at a time', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, bypassCSP: true, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${base}${pages[0]}`);
    expect(await page.locator('h1').textContent()).toMatch(/Merci de votre aide/);
    expect(await page.locator('.clarte-benevole__courrier').count()).toBe(2);
    await phoneChecks(page);
    await page.screenshot({ path: join(ARTIFACTS, 'benevole-courrier.png'), fullPage: true });
    await submit(page);

    // Question 1 of 3: a choice, alone on its screen.
    expect(await page.locator('.fr-badge').textContent()).toMatch(/Question 1 sur 3/);
    expect(await page.locator('.fr-error-text, .fr-message--error').count()).toBe(0);
    expect(await page.locator('legend, label.fr-label[for^="question-"]').first().textContent()).toMatch(/pas d’accord/);
    await phoneChecks(page);
    await page.screenshot({ path: join(ARTIFACTS, 'benevole-question.png'), fullPage: true });
    await page.focus('#question-1-1');
    await page.keyboard.press('Space');
    await submit(page);

    // Questions 2 and 3: free text, sent with Enter.
    expect(await page.locator('.fr-badge').textContent()).toMatch(/Question 2 sur 3/);
    await page.focus('#question-2');
    await page.keyboard.type('le 15/03/2026');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.locator('.fr-badge').textContent()).toMatch(/Question 3 sur 3/);
    await page.focus('#question-3');
    await page.keyboard.type('à la commission de recours amiable');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

    // The rating, the preferred version, a comment.
    expect(await page.locator('.fr-badge').textContent()).toMatch(/Dernière étape/);
    await phoneChecks(page);
    await page.screenshot({ path: join(ARTIFACTS, 'benevole-note.png'), fullPage: true });
    await page.focus('#note-9');
    await page.keyboard.press('Space');
    await page.focus('#preference-A');
    await page.keyboard.press('Space');
    await page.focus('#commentaire');
    await page.keyboard.type('Plus clair, merci.');
    await submit(page);
    expect(await page.locator('h1').textContent()).toMatch(/Merci/);
    expect(await page.locator('.fr-alert--success').textContent()).toMatch(/sans votre nom ni votre contact/);
    await phoneChecks(page);

    // The answer is in the results: all three questions right, rated 9, the preference counted.
    const { results } = (await app.inject({ url: `/api/v1/campaigns/${campaignId}`, headers: bearer(comms) })).json();
    expect(results.answers).toBe(1);
    expect(results.comprehension.perQuestion.map((q: { correct: number; total: number }) => `${q.correct}/${q.total}`)).toEqual(['1/1', '1/1', '1/1']);
    expect(results.ratings.mean).toBe(9);
    expect(results.preference.new + results.preference.old).toBe(1);
    expect(results.comments).toEqual(['Plus clair, merci.']);

    // The link is single-use: a French message, still nothing of the service.
    await page.goto(`${base}${pages[0]}`);
    expect(await page.locator('.fr-alert--error').textContent()).toMatch(/déjà répondu/);
    await phoneChecks(page);
    await context.close();
  });

  it('asks again, in French, when an answer is missing or the form was tampered with, and stores nothing', async () => {
    const url = pages[1]!;
    const empty = await app.inject({ method: 'POST', url, payload: { etape: '2', reponses: JSON.stringify([{ questionId: 1, choice: [1] }]), texte: '  ' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/Écrivez une réponse/);
    expect(empty.body).toMatch(/Question 2 sur 3/);
    const tampered = await app.inject({ method: 'POST', url, payload: { etape: '4', reponses: '[{"questionId":1}]', note: '10' } });
    expect(tampered.statusCode).toBe(400);
    expect(tampered.body).toMatch(/Le formulaire est incomplet/);
    const noRating = await app.inject({ method: 'POST', url, payload: { etape: '4', reponses: JSON.stringify([{ questionId: 1, choice: [0] }, { questionId: 2, text: 'x' }, { questionId: 3, text: 'y' }]) } });
    expect(noRating.statusCode).toBe(400);
    expect(noRating.body).toMatch(/Choisissez une note/);
    const unknown = await app.inject({ url: '/participer/inv_inconnu' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toMatch(/Ce lien ne peut pas être utilisé/);
    expect(unknown.body).not.toMatch(/cartographie/i);
    const { results } = (await app.inject({ url: `/api/v1/campaigns/${campaignId}`, headers: bearer(comms) })).json();
    expect(results.answers).toBe(1);
  });
});
