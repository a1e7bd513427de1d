/**
 * The living style guide in a real browser: every rule of the engine (the same list as
 * /api/v1/rules), its marked bad examples and suggestions, the category filter with the keyboard.
 * axe-core on the page.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { ROOT } from '../../src/paths.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { ourLibrary } from '../helpers/library.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-results', 'browser');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let app: FastifyInstance;
let db: Db;
let browser: Browser;
let base = '';

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  db = openDatabase(':memory:');
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), library: await ourLibrary(), db });
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

describe('the guide of the rules', () => {
  it('shows every rule of the engine with its examples, and filters by category with the keyboard', async () => {
    const api = (await app.inject({ url: '/api/v1/rules' })).json().rules as { id: string; category: string; examples: { bad: unknown[] } }[];
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, locale: 'fr-FR' })).newPage();
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
