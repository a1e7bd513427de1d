/**
 * A comms team audits a zip of templates in a real browser: the upload form, the live progress, the
 * results (one file unreadable, said in French), the CSV export, then a document of the results whose
 * status it changes, all with the keyboard. axe-core on every page; screenshots saved.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { ROOT } from '../../src/paths.js';
import { makeZip } from '../../scripts/documents.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { createAccount } from '../helpers/accounts.js';
import { ourLibrary } from '../helpers/library.js';
import { ARTIFACTS, closeAll, launchBrowser, listen, PASSWORD, seriousViolations, signInAt } from '../helpers/browser.js';

const LETTERS = join(ROOT, 'corpora', 'lettres');

let app: FastifyInstance;
let db: Db;
let browser: Browser;
let base = '';
let zipFile = '';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'clarte-web-audit-'));
  db = openDatabase(join(dir, 'clarte.db'));
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', COOKIE_SECURE: 'false', DATABASE_PATH: join(dir, 'clarte.db') }), library: await ourLibrary(), db });
  await createAccount(db, { login: 'marie', role: 'comms', password: PASSWORD });
  const letters = readdirSync(LETTERS).filter((f) => f.endsWith('.txt')).sort().slice(0, 6);
  zipFile = join(dir, 'modeles.zip');
  writeFileSync(
    zipFile,
    await makeZip([...letters.map((f) => ({ name: `caf/${f}`, data: readFileSync(join(LETTERS, f)) })), { name: 'caf/abime.pdf', data: '%PDF-1.7 tronqué' }]),
  );
  base = await listen(app);
  browser = await launchBrowser();
});
afterAll(() => closeAll(browser, app, db));

describe('a batch audit in the browser', () => {
  it('audits a zip with live progress, shows each file’s result, and changes a document’s status', async () => {
    const page = await signInAt(browser, base, 'marie', `/cartographie/audits`);
    expect(await page.locator('h1').textContent()).toMatch(/Auditer des modèles/);
    expect(await seriousViolations(page)).toEqual([]);

    await page.setInputFiles('#fichiers', zipFile);
    await page.focus('form[action^="/cartographie/audits"] button[type=submit]');
    const started = Date.now();
    await Promise.all([page.waitForURL(/\/cartographie\/audits\/[0-9a-f-]{36}$/), page.keyboard.press('Enter')]);
    // The progress script reloads the page once the audit ends: then the results show.
    await page.waitForSelector('table:has(caption:has-text("Résultat de chaque fichier"))', { timeout: 60_000 });
    console.log(`audit de 7 fichiers dans le navigateur : ${Date.now() - started} ms jusqu’aux résultats`);
    expect(await page.locator('#audit-barre').getAttribute('value')).toBe('7');
    const rows = page.locator('table:has(caption:has-text("Résultat")) tbody tr');
    expect(await rows.count()).toBe(7);
    expect(await page.locator('tbody tr:has-text("abime.pdf")').textContent()).toMatch(/illisible/);
    expect(await page.locator('.fr-badge--success').textContent()).toMatch(/6 analysés/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'audit.png'), fullPage: true });
    const csv = await page.request.get(`${base}${await page.locator('a:has-text("CSV")').getAttribute('href')}`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\n').filter((l) => l.trim()).length).toBe(8);

    // From the results to a document, whose status the team moves on.
    await Promise.all([page.waitForURL(/\/cartographie\/documents\/\d+/), page.locator('tbody tr a:has-text("nouveau document")').first().click()]);
    await page.focus('#nouveau-statut');
    await page.selectOption('#nouveau-statut', { label: 'à réécrire' });
    await page.focus('form[action$="/statut"] button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.locator('.fr-badge--info').first().textContent()).toMatch(/à réécrire/);
    // Signed in, the analysis form (multipart) carries the session's CSRF token too.
    await page.goto(`${base}/`);
    await page.fill('#texte', 'Votre demande a été rejetée par la commission.');
    await Promise.all([page.waitForNavigation(), page.click('form[action^="/analyser"] button[type=submit]')]);
    expect(await page.locator('h1').textContent()).toMatch(/Analyse du courrier/);
    await page.context().close();
  });

  it('says in French what is wrong with an upload, and keeps the form', async () => {
    const page = await signInAt(browser, base, 'marie', `/cartographie/audits`);
    const broken = join(mkdtempSync(join(tmpdir(), 'clarte-web-audit-')), 'lot.zip');
    writeFileSync(broken, 'PK\u0003\u0004 pas une archive');
    await page.setInputFiles('#fichiers', broken);
    const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('form[action^="/cartographie/audits"] button[type=submit]')]);
    expect(res.status()).toBe(422);
    expect(await page.locator('.fr-alert--error').textContent()).toMatch(/Audit impossible/);
    expect(await page.locator('#fichiers').count()).toBe(1);
    await page.context().close();
  });
});
