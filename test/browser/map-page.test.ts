/**
 * Sign-in and the map in a real browser: the comms team signs in, reads the map, filters it, sorts it
 * and signs out; an agent sees only their service's documents; axe-core on every page.
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
import { ARTIFACTS, closeAll, launchBrowser, listen, newPage, PASSWORD, seriousViolations } from '../helpers/browser.js';

const letter = (name: string) => readFileSync(join(ROOT, 'corpora', 'lettres', name), 'utf8');

let app: FastifyInstance;
let db: Db;
let browser: Browser;
let base = '';

beforeAll(async () => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'clarte-web-map-')), 'clarte.db'));
  // Cookies are sent over plain http to the loopback address in this test.
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', COOKIE_SECURE: 'false' }), library: await ourLibrary(), db });
  const token = await createAccount(db, { login: 'marie', role: 'comms', password: PASSWORD });
  await createAccount(db, { login: 'paul', role: 'agent', service: 'Urbanisme', password: PASSWORD });
  const add = async (name: string, title: string, service: string) =>
    (await app.inject({ method: 'POST', url: '/api/v1/documents', headers: bearer(token), payload: { text: letter(name), title, service } })).json().documentId as number;
  const first = await add('02-caf-refus-aide-logement.txt', 'Refus d’aide au logement', 'Prestations');
  await add('03-caf-demande-pieces-prime-activite.txt', 'Demande de pièces', 'Prestations');
  await add('10-mairie-refus-permis-construire.txt', 'Permis de construire', 'Urbanisme');
  await app.inject({ method: 'POST', url: `/api/v1/documents/${first}/status`, headers: bearer(token), payload: { status: 'a-reecrire' } });
  base = await listen(app);
  browser = await launchBrowser();
});
afterAll(() => closeAll(browser, app, db));

async function signIn(login: string, password = PASSWORD): Promise<Page> {
  const page = await newPage(browser);
  await page.goto(`${base}/cartographie`);
  // Not signed in: the sign-in page, which comes back here afterwards.
  expect(new URL(page.url()).pathname).toBe('/connexion');
  await page.fill('#identifiant', login);
  await page.fill('#mot-de-passe', password);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/connexion' || password !== PASSWORD), page.click('button[type=submit]')]);
  return page;
}

const rows = (page: Page) => page.locator('tbody tr th[scope=row]').allTextContents();

describe('the map in the browser', () => {
  it('refuses a wrong password with a French message', async () => {
    const page = await signIn('marie', 'pas le bon mot de passe');
    expect(await page.locator('.fr-alert--error').textContent()).toMatch(/Identifiant ou mot de passe incorrect/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('signs the comms team in, shows, filters and sorts the map, and signs out', async () => {
    const page = await signIn('marie');
    expect(new URL(page.url()).pathname).toBe('/cartographie');
    expect(await page.locator('.fr-header__tools').textContent()).toMatch(/marie \(équipe de communication\)/);
    expect((await rows(page)).sort()).toEqual(['Demande de pièces', 'Permis de construire', 'Refus d’aide au logement']);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'cartographie.png'), fullPage: true });
    // Filter by status with the form.
    await page.selectOption('#filtre-statut', 'a-reecrire');
    await Promise.all([page.waitForURL(/status=a-reecrire/), page.click('form[action="/cartographie"] button[type=submit]')]);
    expect(await rows(page)).toEqual(['Refus d’aide au logement']);
    // Sort by score, both ways, from the column header.
    await page.goto(`${base}/cartographie`);
    await page.click('th a:has-text("Score")');
    const ascending = await page.locator('tbody tr td:nth-child(5)').allTextContents();
    await page.click('th a:has-text("Score")');
    expect(await page.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
    const descending = await page.locator('tbody tr td:nth-child(5)').allTextContents();
    expect(descending).toEqual([...ascending].reverse());
    // Sign out: the map is closed again.
    await Promise.all([page.waitForURL(`${base}/`), page.click('button:has-text("Se déconnecter")')]);
    await page.goto(`${base}/cartographie`);
    expect(new URL(page.url()).pathname).toBe('/connexion');
    await page.context().close();
  });

  it('shows an agent only their service’s documents', async () => {
    const page = await signIn('paul');
    expect(await rows(page)).toEqual(['Permis de construire']);
    expect(await page.locator('main').textContent()).toMatch(/de votre service \(Urbanisme\)/);
    await page.context().close();
  });
});
