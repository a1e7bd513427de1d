/**
 * What the browser tests share: Debian's Chromium driven by playwright-core (never a downloaded
 * browser), the server on a loopback port, axe-core's serious and critical violations, signing in
 * through the sign-in page, and the folder where screenshots are kept as test artefacts.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../../src/paths.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots and timings of the browser tests. */
export const ARTIFACTS = join(ROOT, 'test-results', 'browser');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
export const PASSWORD = 'un mot de passe assez long';

/** Chromium, headless, as the CI machine runs it. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** Starts the app on a loopback port; its base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/** A new page (its own cookies), desktop-sized unless told; the CSP is bypassed only for axe's script. */
export async function newPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<Page> {
  return (await browser.newContext({ viewport, bypassCSP: true, locale: 'fr-FR' })).newPage();
}

/** axe-core's serious and critical violations on the page, described. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}) : ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Opens `path` as an anonymous visitor, signs in on the page it is sent to, and comes back to `path`. */
export async function signInAt(browser: Browser, base: string, login: string, path: string, password = PASSWORD): Promise<Page> {
  const page = await newPage(browser);
  await page.goto(`${base}${path}`);
  await page.fill('#identifiant', login);
  await page.fill('#mot-de-passe', password);
  await Promise.all([page.waitForURL((u) => u.pathname === path.split('?')[0]), page.click('button[type=submit]')]);
  return page;
}

/** Closes what a browser test opened: the browser, the server, the database. */
export async function closeAll(browser?: Browser, app?: FastifyInstance, db?: { close(): void }): Promise<void> {
  await browser?.close();
  await app?.close();
  db?.close();
}
