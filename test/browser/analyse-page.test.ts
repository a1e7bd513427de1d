/**
 * The « Analyser un courrier » page in a real browser (Debian's Chromium driven by playwright-core) on
 * the real server: an agent uploads a DOCX and sees the marks and the missing recourse mention; the
 * same with the keyboard alone and a pasted text; axe-core finds no serious or critical violation on
 * any page. Screenshots and load times land in test-results/browser/.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import type { FastifyInstance } from 'fastify';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { warmStart } from '../../src/server.js';
import { ourLibrary } from '../helpers/library.js';
import { ARTIFACTS, closeAll, launchBrowser, listen, newPage, seriousViolations } from '../helpers/browser.js';

// A refusal without any way to contest it: the recourse mention is missing.
const REFUSAL = [
  'Caisse d’allocations familiales de la Gironde',
  'Service des prestations',
  'Objet : refus de votre demande d’allocation de logement',
  'Madame, Monsieur,',
  'Nous avons procédé à l’examen de votre demande d’allocation de logement. Après instruction de votre dossier par nos services, il a été décidé de procéder au rejet de votre demande, au motif que les ressources de l’intéressé excèdent le plafond réglementaire afférent à sa situation.',
  'Votre demande d’allocation de logement est donc refusée.',
  'Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.',
  'Le directeur',
];

let app: FastifyInstance;
let browser: Browser;
let base = '';
const timings: Record<string, Record<string, number>> = {};

beforeAll(async () => {
  const DATABASE_PATH = join(mkdtempSync(join(tmpdir(), 'clarte-web-')), 'clarte.db');
  // Started as `npm start` starts it (workers and analysis warmed up): the load times are those an agent sees.
  const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_PATH });
  const library = await ourLibrary();
  app = await buildApp({ config, library, ingestor: await warmStart(config, library) });
  base = await listen(app);
  browser = await launchBrowser();
});
afterAll(async () => {
  writeFileSync(join(ARTIFACTS, 'temps-de-chargement.json'), JSON.stringify(timings, null, 2) + '\n');
  await closeAll(browser, app);
});

/**
 * Load time of the current page, in ms: in total (navigation start to the load event), and its parts:
 * the server's answer (request sent to first byte), the transfer, and the browser's work after it.
 */
async function loadTime(page: Page): Promise<Record<string, number>> {
  const t = (await page.evaluate(
    "(([n]) => n ? [n.loadEventEnd - n.startTime, n.responseStart - n.requestStart, n.responseEnd - n.responseStart, n.domContentLoadedEventEnd - n.responseEnd, n.loadEventEnd - n.domContentLoadedEventEnd] : [])(performance.getEntriesByType('navigation'))",
  )) as number[];
  const [total = -1, serveur = -1, transfert = -1, analyseDuDom = -1, chargementFinal = -1] = t.map((x) => Math.round(x));
  return { total, serveur, transfert, analyseDuDom, chargementFinal };
}

describe('Analyser un courrier, in the browser', () => {
  it('shows the form, accessible', async () => {
    const page = await newPage(browser);
    await page.goto(`${base}/`);
    expect(await page.title()).toBe('Analyser un courrier — Clarté');
    await expect.poll(() => page.locator('link[href="/dsfr/dsfr.min.css"]').count()).toBe(1);
    // The design system is served locally and applies: the button wears the « bleu France ».
    expect(await page.evaluate("getComputedStyle(document.querySelector('button.fr-btn')).backgroundColor")).toBe('rgb(0, 0, 145)');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'formulaire.png'), fullPage: true });
    await page.context().close();
  });

  it('analyses an uploaded DOCX: marks in the text, problems listed, the recourse mention missing', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: REFUSAL.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] }));
    const page = await newPage(browser);
    await page.goto(`${base}/`);
    await page.setInputFiles('#fichier', { name: 'refus-logement.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx });
    await Promise.all([page.waitForURL(`${base}/analyser`), page.click('button[type=submit]')]);
    timings['rapport d’un DOCX (1 page)'] = await loadTime(page);
    expect(await page.locator('h1').textContent()).toBe('Analyse de refus-logement.docx');
    const marks = page.locator('mark.clarte-mark');
    expect(await marks.count()).toBeGreaterThan(3);
    // Never colour alone: each mark is numbered and underlined with its severity's pattern.
    const first = marks.first();
    expect(await first.locator('sup').textContent()).toMatch(/^\d+$/);
    expect(await page.evaluate("getComputedStyle(document.querySelector('mark.clarte-mark')).borderBottomStyle")).toMatch(/solid|dashed|dotted/);
    expect(await page.locator('#mention-recourse').textContent()).toMatch(/absente/);
    expect(await page.locator('#problemes').textContent()).toMatch(/problèmes relevés/);
    // A mark leads to its explanation, and the explanation back to the text.
    await first.locator('a').click();
    expect(new URL(page.url()).hash).toMatch(/^#detail-\d+$/);
    const detail = page.locator(new URL(page.url()).hash);
    await detail.locator('a', { hasText: 'voir dans le texte' }).click();
    expect(new URL(page.url()).hash).toMatch(/^#alerte-\d+$/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'rapport-docx.png'), fullPage: true });
    await page.context().close();
  });

  it('works with the keyboard alone, on a pasted ten-page letter', async () => {
    const page = await newPage(browser);
    await page.goto(`${base}/`);
    // Tab to the text area, type, tab to the button, press Enter.
    for (let i = 0; i < 30 && (await page.evaluate('document.activeElement && document.activeElement.id')) !== 'texte'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('texte');
    const long = Array.from({ length: 70 }, (_, i) => `${REFUSAL.slice(3, 6).join('\n\n')} (partie ${i + 1})`).join('\n\n') + '\n\n' + REFUSAL.slice(6).join('\n\n');
    // ~4,000 words: ten pages of a letter
    expect(long.split(/\s+/).length).toBeGreaterThan(3800);
    await page.keyboard.insertText(long);
    for (let i = 0; i < 10 && (await page.evaluate('document.activeElement && document.activeElement.tagName')) !== 'BUTTON'; i++) await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(`${base}/analyser`), page.keyboard.press('Enter')]);
    timings['rapport d’une lettre de 10 pages collée (~4 000 mots)'] = await loadTime(page);
    expect(await page.locator('mark.clarte-mark').count()).toBeGreaterThan(100);
    // The marks are reachable with Tab, and Enter follows them.
    for (let i = 0; i < 40 && !(await page.evaluate("!!document.activeElement && document.activeElement.classList.contains('clarte-mark__lien')")); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toMatch(/^#detail-\d+$/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('applies a suggestion to a copy with one click, analyses the copy again, and downloads the report', async () => {
    const page = await newPage(browser);
    await page.goto(`${base}/`);
    await page.fill('#texte', 'Nous accusons réception de votre courrier. Afin de compléter votre dossier, nous vous remercions de bien vouloir nous adresser votre avis d’imposition.');
    await Promise.all([page.waitForNavigation(), page.click('form[action^="/analyser"] button[type=submit]')]);
    const before = await page.locator('.clarte-detail').count();
    // Filters by category (with JavaScript): hiding one hides its problems and its marks in the text.
    const filter = page.locator('#filtres input[type=checkbox]').first();
    const category = (await filter.getAttribute('value'))!;
    await filter.focus();
    await page.keyboard.press('Space');
    expect(await page.locator(`section[data-categorie="${category}"]`).isVisible()).toBe(false);
    expect(await page.locator(`mark.clarte-masque[data-categorie="${category}"]`).count()).toBe(await page.locator(`mark[data-categorie="${category}"]`).count());
    await page.keyboard.press('Space');
    expect(await page.locator(`section[data-categorie="${category}"]`).isVisible()).toBe(true);
    const apply = page.locator('button.clarte-appliquer').first();
    // With JavaScript, the buttons show; they change the copy only.
    expect(await apply.isVisible()).toBe(true);
    const replacement = (await apply.getAttribute('data-replacement'))!;
    const match = (await apply.getAttribute('data-match'))!;
    await apply.focus();
    await page.keyboard.press('Enter');
    const copy = await page.locator('#copie').inputValue();
    expect(copy).toContain(replacement);
    expect(copy).not.toContain(match);
    expect(await apply.textContent()).toMatch(/Appliquée à la copie/);
    expect(await seriousViolations(page)).toEqual([]);
    // The report of the copy, downloaded as CSV: one line per problem, the applied one gone.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[name=format][value=csv]')]);
    expect(download.suggestedFilename()).toBe('rapport-clarte.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^\ufeffligne;colonne;page;categorie/);
    expect(csv.split('\n').filter((l) => l.trim()).length - 1).toBeLessThan(before);
    // And analysed again in place.
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Analyser à nouveau")')]);
    expect(await page.locator('.clarte-detail').count()).toBeLessThan(before);
    const [html] = await Promise.all([page.waitForEvent('download'), page.click('button[name=format][value=html]')]);
    expect(readFileSync((await html.path())!, 'utf8')).toMatch(/<h1>Rapport Clarté<\/h1>[\s\S]*Score : <strong>/);
    await page.context().close();
  });

  it('says in French what went wrong, keeping what was typed', async () => {
    const page = await newPage(browser, { width: 375, height: 800 });
    await page.goto(`${base}/`);
    await page.fill('#texte', '   ');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('.fr-alert--error').count()).toBe(1);
    expect(await page.locator('.fr-alert--error').textContent()).toMatch(/vide/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'erreur-375px.png'), fullPage: true });
    await page.context().close();
  });
});
