/**
 * User tests run by the comms team in a real browser: open a campaign from the document's page
 * (questions written in the form), create the invitation links, let a volunteer answer through one of
 * them, read the results, close the campaign. axe-core on every page; screenshots saved.
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
let docId = 0;

beforeAll(async () => {
  db = openDatabase(':memory:');
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', COOKIE_SECURE: 'false' }), library: await ourLibrary(), db });
  const token = await createAccount(db, { login: 'marie', role: 'comms', password: PASSWORD });
  docId = (await app.inject({ method: 'POST', url: '/api/v1/documents', headers: bearer(token), payload: { text: letter('02-caf-refus-aide-logement.txt'), title: 'Refus d’aide au logement' } })).json().documentId;
  await app.inject({ method: 'POST', url: `/api/v1/documents/${docId}/versions`, headers: bearer(token), payload: { text: letter('01-caf-accuse-reception-aide-logement.txt') } });
  for (const i of [1, 2, 3]) await app.inject({ method: 'POST', url: '/api/v1/volunteers', headers: bearer(token), payload: { pseudonym: `Relecteur ${i}`, contact: `relecteur${i}@example.org`, consent: true } });
  base = await listen(app);
  browser = await launchBrowser();
});
afterAll(() => closeAll(browser, app, db));

describe('user tests in the browser', () => {
  it('opens a campaign, sends invitations, gets an answer, shows the results and closes it', async () => {
    const page = await signInAt(browser, base, 'marie', `/cartographie/documents/${docId}`);
    expect(await page.locator('#tests + p').textContent()).toMatch(/Aucune campagne/);
    // The form, with the keyboard: open the details, fill two questions.
    await page.focus('#tests ~ details summary');
    await page.keyboard.press('Enter');
    expect(await seriousViolations(page)).toEqual([]);
    await page.fill('#campagne-titre', 'Refus logement, version claire');
    await page.selectOption('#campagne-comparer', '1');
    await page.fill('#campagne-panel', '3');
    await page.fill('#q1-prompt', 'Que devez-vous faire si vous n’êtes pas d’accord ?');
    await page.selectOption('#q1-kind', 'choice');
    await page.fill('#q1-options', 'Rien\nÉcrire à la commission de recours amiable\nAppeler le 3230');
    await page.fill('#q1-accepted', '2');
    await page.fill('#q2-prompt', 'Avant quelle date ?');
    await page.fill('#q2-accepted', '15 mars 2026');
    await page.focus('form[action$="/campagnes"] button[type=submit]');
    await Promise.all([page.waitForURL(/\/cartographie\/campagnes\/\d+$/), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe('Refus logement, version claire');
    const campaignUrl = page.url();
    expect(await page.locator('main').textContent()).toMatch(/Version 2 comparée à la version 1/);

    // Invitation links, shown once.
    await page.focus('form[action$="/invitations"] button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const links = await page.locator('code.clarte-lien').allTextContents();
    expect(links).toHaveLength(3);
    expect(links[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/participer\/inv_/);
    expect(await page.locator('main').textContent()).toMatch(/relecteur\d@example\.org/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'campagne-liens.png'), fullPage: true });

    // A volunteer answers through the first link (right choice, right date, 8/10).
    const path = new URL(links[0]!).pathname;
    const answer = await app.inject({
      method: 'POST',
      url: path,
      payload: { etape: '3', reponses: JSON.stringify([{ questionId: 1, choice: [1] }, { questionId: 2, text: 'le 15/03/2026' }]), note: '8', preference: 'same', commentaire: 'Clair.' },
    });
    expect(answer.statusCode, answer.body).toBe(201);
    await page.goto(campaignUrl);
    expect(await page.locator('table:has(caption:has-text("Compréhension")) tbody tr').last().textContent()).toMatch(/100 %/);
    expect(await page.locator('main').textContent()).toMatch(/1 réponse sur 3/);
    expect(await page.locator('main').textContent()).toMatch(/« Clair\. »/);
    // No links any more once the page is reloaded.
    expect(await page.locator('code.clarte-lien').count()).toBe(0);

    await page.focus('form[action$="/cloture"] button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.locator('.fr-alert--success').textContent()).toMatch(/Campagne close/);
    // The links not used no longer work.
    expect((await app.inject({ url: new URL(links[1]!).pathname })).statusCode).toBe(410);
    await page.context().close();
  });

  it('says what is missing in a campaign form, in French', async () => {
    const page = await signInAt(browser, base, 'marie', `/cartographie/documents/${docId}`);
    const csrf = await page.locator('form[action$="/campagnes"] input[name=_csrf]').getAttribute('value');
    const res = await page.request.post(`${base}/cartographie/documents/${docId}/campagnes`, { form: { _csrf: csrf!, title: 'Test', version: '2', q1_prompt: 'Une seule question ?', q1_accepted: 'oui' } });
    expect(res.status()).toBe(400);
    expect(await res.text()).toMatch(/Campagne incomplète : les questions/);
    await page.context().close();
  });
});
