/**
 * One document of the map in a real browser: the comms team opens it from the map, reads its
 * versions, score trend and before/after comparison, and moves its status with the keyboard; publishing
 * too early is refused with the reasons; an expert approves the rewrite. axe-core on every page.
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
import { ARTIFACTS, closeAll, launchBrowser, listen, PASSWORD, seriousViolations, signInAt } from '../helpers/browser.js';

const letter = (name: string) => readFileSync(join(ROOT, 'corpora', 'lettres', name), 'utf8');

let app: FastifyInstance;
let db: Db;
let browser: Browser;
let base = '';
let docId = 0;
let comms = '';

beforeAll(async () => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'clarte-web-document-')), 'clarte.db'));
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', COOKIE_SECURE: 'false' }), library: await ourLibrary(), db });
  comms = await createAccount(db, { login: 'marie', role: 'comms', password: PASSWORD });
  await createAccount(db, { login: 'jeanne', role: 'expert', password: PASSWORD });
  const old = letter('02-caf-refus-aide-logement.txt');
  docId = (await app.inject({ method: 'POST', url: '/api/v1/documents', headers: bearer(comms), payload: { text: old, title: 'Refus d’aide au logement', service: 'Prestations' } })).json().documentId;
  // The rewrite drops the recourse paragraph: the comparison must show it in red.
  const rewritten = old.replace(/recours[^\n]*\n/gi, '\n');
  const v2 = await app.inject({ method: 'POST', url: `/api/v1/documents/${docId}/versions`, headers: bearer(comms), payload: { text: rewritten } });
  expect(v2.statusCode, v2.body).toBe(201);
  // A near-duplicate of the latest version.
  await app.inject({ method: 'POST', url: '/api/v1/documents', headers: bearer(comms), payload: { text: `${rewritten}\nCe courrier a été envoyé par l’antenne de Vienne.`, title: 'Refus d’aide au logement (Vienne)', service: 'Prestations' } });
  base = await listen(app);
  browser = await launchBrowser();
});
afterAll(() => closeAll(browser, app, db));

const signIn = (login: string, path: string) => signInAt(browser, base, login, path);

/** Moves the status with the form, using the keyboard only. */
async function moveStatus(page: Page, label: string): Promise<void> {
  await page.focus('#nouveau-statut');
  await page.selectOption('#nouveau-statut', { label });
  await page.focus('form[action$="/statut"] button[type=submit]');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

describe('a document of the map in the browser', () => {
  it('shows versions, trend, comparison with the lost recourse, near-duplicates, and moves the status', async () => {
    const page = await signIn('marie', '/cartographie');
    await Promise.all([page.waitForURL(/\/cartographie\/documents\/\d+/), page.click(`a[href="/cartographie/documents/${docId}"]`)]);
    expect(await page.locator('h1').textContent()).toBe('Refus d’aide au logement');
    expect(await page.locator('table:has(caption:has-text("Versions du document")) tbody tr').count()).toBe(2);
    expect(await page.locator('svg.clarte-tendance circle').count()).toBe(2);
    expect(await page.locator('#comparaison ~ .fr-alert--error').first().textContent()).toMatch(/Sens juridique à vérifier/);
    expect(await page.locator('#doublons + ul').textContent()).toMatch(/Vienne/);
    // Resolved problems are listed by their wording (the rewrite dropped sentences that had some).
    const compare = (await app.inject({ url: `/api/v1/documents/${docId}/compare`, headers: bearer(comms) })).json();
    expect(await page.locator('h3:has-text("Problèmes résolus") + ul li').count()).toBe(Math.min(20, compare.resolved.length));
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'document.png'), fullPage: true });

    await moveStatus(page, 'à réécrire');
    expect(await page.locator('.fr-alert--success').textContent()).toMatch(/Statut changé/);
    expect(await page.locator('.fr-badge--info').first().textContent()).toMatch(/à réécrire/);
    expect(await page.locator('#statut ~ ol li').last().textContent()).toMatch(/identifié → à réécrire \(marie\)/);
    // Meanwhile someone else moves it on (another tab, another instance): this page still shows « à réécrire ».
    expect((await app.inject({ method: 'POST', url: `/api/v1/documents/${docId}/status`, headers: bearer(comms), payload: { status: 'en-reecriture', from: 'a-reecrire' } })).statusCode).toBe(200);
    await moveStatus(page, 'abandonné');
    expect(await page.locator('.fr-alert--error[role=alert]').first().textContent()).toMatch(/a changé entre-temps : « en réécriture » au lieu de « à réécrire »/);
    expect(await page.locator('#statut ~ ol li').last().textContent()).toMatch(/à réécrire → en réécriture/);
    for (const label of ['validation experte', 'test usagers']) await moveStatus(page, label);
    // Publishing without an expert's approval nor a user test: refused, with the reasons.
    await moveStatus(page, 'publié');
    expect(await page.locator('.fr-alert--error[role=alert]').first().textContent()).toMatch(/ne peut pas encore être publié[\s\S]*expert/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('lets an expert approve the latest version, and keeps the decision in the history', async () => {
    const page = await signIn('jeanne', `/cartographie/documents/${docId}`);
    // No status form for an expert, the review form instead.
    expect(await page.locator('#nouveau-statut').count()).toBe(0);
    await page.focus('#decision-approved');
    await page.keyboard.press('Space');
    await page.focus('#avis-commentaire');
    await page.keyboard.type('Le recours manque : à remettre, sinon sens conservé.');
    await page.focus('form[action$="/avis"] button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.locator('.fr-alert--success').textContent()).toMatch(/Décision enregistrée/);
    expect(await page.locator('#avis + ul').textContent()).toMatch(/version 2 : validée par jeanne — « Le recours manque/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'document-expert.png'), fullPage: true });
    const reviews = (await app.inject({ url: `/api/v1/documents/${docId}/reviews`, headers: bearer(comms) })).json().items;
    expect(reviews).toHaveLength(1);
    await page.context().close();
  });

  it('answers an unknown document with a French page, and refuses a status change without the CSRF token', async () => {
    const page = await signIn('marie', '/cartographie');
    const res = await page.goto(`${base}/cartographie/documents/9999`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('.fr-alert--error').textContent()).toMatch(/Document inconnu/);
    const forged = await page.request.post(`${base}/cartographie/documents/${docId}/statut`, { form: { status: 'abandonne' } });
    expect(forged.status()).toBe(403);
    await page.context().close();
  });
});
