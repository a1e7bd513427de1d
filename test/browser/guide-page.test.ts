/**
 * The living style guide in a real browser: every rule of the engine (the same list as
 * /api/v1/rules), its marked bad examples and suggestions, the category filter with the keyboard.
 * axe-core on the page.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { ourLibrary } from '../helpers/library.js';
import { ARTIFACTS, closeAll, launchBrowser, listen, newPage, seriousViolations } from '../helpers/browser.js';

let app: FastifyInstance;
let db: Db;
let browser: Browser;
let base = '';

beforeAll(async () => {
  db = openDatabase(':memory:');
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), library: await ourLibrary(), db });
  base = await listen(app);
  browser = await launchBrowser();
});
afterAll(() => closeAll(browser, app, db));

describe('the guide of the rules', () => {
  it('shows every rule of the engine with its examples, and filters by category with the keyboard', async () => {
    const api = (await app.inject({ url: '/api/v1/rules' })).json().rules as { id: string; category: string; examples: { bad: unknown[] } }[];
    const page = await newPage(browser);
    await page.goto(`${base}/`);
    await Promise.all([page.waitForURL(`${base}/guide`), page.click('nav a:has-text("Guide des règles")')]);
    const ids = (await page.locator('section[id^="regle-"]').evaluateAll((els) => els.map((e) => e.id.replace(/^regle-/, '')))).sort();
    expect(ids).toEqual(api.map((r) => r.id).sort());
    // Each bad example shows its marked wording.
    const withBad = api.filter((r) => r.examples.bad.length > 0).length;
    expect(await page.locator('section[id^="regle-"]:has(mark.clarte-mark)').count()).toBe(withBad);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'guide.png'), fullPage: false });
    await page.focus('#guide-categorie');
    await page.selectOption('#guide-categorie', 'passive-voice');
    await page.focus('form[action="/guide"] button[type=submit]');
    await Promise.all([page.waitForURL(/categorie=passive-voice/), page.keyboard.press('Enter')]);
    const shown = await page.locator('section[id^="regle-"]').count();
    expect(shown).toBe(api.filter((r) => r.category === 'passive-voice').length);
    expect(shown).toBeGreaterThan(0);
    await page.context().close();
  });
});
