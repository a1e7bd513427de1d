/**
 * The yearly indicators in a real browser: key figures, the documents-by-status and score charts
 * (SVG, with their figures in text), the service filter with the keyboard and the CSV export.
 * axe-core on the page.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { ROOT } from '../../src/paths.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { bearer, createAccount } from '../helpers/accounts.js';
import { ourLibrary } from '../helpers/library.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-results', 'browser');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const letter = (name: string) => readFileSync(join(ROOT, 'corpora', 'lettres', name), 'utf8');
const PASSWORD = 'un mot de passe assez long';

let app: FastifyInstance;
let db: Db;
let browser: Browser;
let base = '';

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
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
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  db?.close();
});

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}) : ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the indicators page', () => {
  it('shows the year’s figures and charts, filters by service, and exports CSV', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, locale: 'fr-FR' })).newPage();
    await page.goto(`${base}/indicateurs`);
    await page.fill('#identifiant', 'marie');
    await page.fill('#mot-de-passe', PASSWORD);
    await Promise.all([page.waitForURL(`${base}/indicateurs`), page.click('button[type=submit]')]);
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
