/**
 * The yearly indicators in a real browser: key figures, the documents-by-status and score charts
 * (SVG, with their figures in text), the service filter with the keyboard and the CSV export.
 * axe-core on the page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser } from 'playwright-core';
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

beforeAll(async () => {
  db = openDatabase(':memory:');
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', COOKIE_SECURE: 'false' }), library: await ourLibrary(), db });
  const token = await createAccount(db, { login: 'marie', role: 'comms', password: PASSWORD });
  const add = async (name: string, service: string) =>
    (await app.inject({ method: 'POST', url: '/api/v1/documents', headers: bearer(token), payload: { text: letter(name), title: name, service } })).json().documentId as number;
  const a = await add('02-caf-refus-aide-logement.txt', 'Prestations');
  await add('04-impots-rejet-reclamation-thrs.txt', 'Impôts');
  await add('10-mairie-refus-permis-construire.txt', 'Urbanisme');
  // Document a is rewritten (a clearer letter as its version 2) and moved to « à réécrire ».
  await app.inject({ method: 'POST', url: `/api/v1/documents/${a}/versions`, headers: bearer(token), payload: { text: letter('03-caf-demande-pieces-prime-activite.txt') } });
  await app.inject({ method: 'POST', url: `/api/v1/documents/${a}/status`, headers: bearer(token), payload: { status: 'a-reecrire' } });
  base = await listen(app);
  browser = await launchBrowser();
});
afterAll(() => closeAll(browser, app, db));

describe('the indicators page', () => {
  it('shows the year’s figures and charts, filters by service, and exports CSV', async () => {
    const page = await signInAt(browser, base, 'marie', `/indicateurs`);
    const tiles = await page.locator('.fr-tile__body').allTextContents();
    expect(tiles[0]).toMatch(/3\s*documents cartographiés/);
    expect(tiles[1]).toMatch(/1\s*réécrits/);
    // Bars: one per status; the « à réécrire » bar says 1, « identifié » 2.
    expect(await page.locator('svg.clarte-barres').first().locator('rect').count()).toBe(7);
    expect(await page.locator('#graphe-statuts-desc').textContent()).toMatch(/identifié : 2 ; à réécrire : 1/);
    expect(await page.locator('#graphe-scores-desc').textContent()).toMatch(/avant réécriture : [\d,]+ ; après réécriture : [\d,]+/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'indicateurs.png'), fullPage: true });
    await page.focus('#indicateurs-service');
    await page.selectOption('#indicateurs-service', 'Impôts');
    await page.focus('form[action="/indicateurs"] button[type=submit]');
    await Promise.all([page.waitForURL(/service=Imp/), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toMatch(/Impôts/);
    expect((await page.locator('.fr-tile__body').first().textContent()) ?? '').toMatch(/1\s*documents cartographiés/);
    const csv = await page.request.get(`${base}${await page.locator('a:has-text("CSV")').getAttribute('href')}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toMatch(/Impôts/);
    await page.context().close();
  });
});
