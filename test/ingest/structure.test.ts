/**
 * Structure of real documents, end to end through the worker pool: every format gives the same kind
 * of Report as pasted text, with alerts placed on the page and block (paragraph) of the original.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RuleLibrary } from '../../src/rules/load.js';
import { loadConfig } from '../../src/config.js';
import { Ingestor } from '../../src/ingest/ingest.js';
import type { Report } from '../../src/model.js';
import {
  FOOTER_TEXT,
  FOOTNOTE_TEXT,
  HEADER_TEXT,
  LIST_ITEMS,
  REJECTED_SENTENCE,
  COMMENT_TEXT,
  TABLE_CELLS,
  makeLatin1Html,
  makeLetterDocx,
  makeLetterHtml,
  makeLetterOdt,
  makeLetterPdf,
  makeZip,
} from '../../scripts/documents.js';
import { ourLibrary } from '../helpers/library.js';

let ingestor: Ingestor;
const reports = new Map<string, Report>();

beforeAll(async () => {
  ingestor = new Ingestor(loadConfig({}), await ourLibrary(), undefined, 2);
  const docs: [string, Buffer][] = [
    ['lettre.pdf', await makeLetterPdf()],
    ['lettre.docx', await makeLetterDocx()],
    ['lettre.odt', await makeLetterOdt()],
    ['lettre.html', await makeLetterHtml()],
  ];
  await Promise.all(docs.map(async ([name, bytes]) => reports.set(name, await ingestor.analyseBytes(bytes, { profile: 'lettre', filename: name }))));
});
afterAll(() => ingestor.close());

const get = (name: string): Report => reports.get(name)!;
const blockText = (r: Report, i: number): string => r.text.slice(r.blocks![i]!.start, r.blocks![i]!.end);
const body = (r: Report): string => r.text.slice(0, r.paragraphs[r.paragraphs.length - 1]!.end);

describe.each(['lettre.pdf', 'lettre.docx', 'lettre.odt', 'lettre.html'])('%s', (name) => {
  it('gives a valid report with its source map', () => {
    const r = get(name);
    expect(r.source.format).toBe(name.split('.')[1]);
    expect(r.blocks!.length).toBeGreaterThan(8);
    for (const b of r.blocks!) expect(r.text.slice(b.start, b.end).trim().length).toBe(b.end - b.start);
  });
  it('places every alert in the block that holds it, with its page', () => {
    const r = get(name);
    expect(r.alerts.length).toBeGreaterThan(0);
    for (const a of r.alerts) {
      const b = r.blocks![a.paragraph! - 1]!;
      expect(a.start).toBeGreaterThanOrEqual(b.start);
      expect(a.start).toBeLessThanOrEqual(b.end);
      expect(a.page).toBe(b.page);
    }
  });
  it('puts the passive "a été rejetée" on the block of its sentence', () => {
    const r = get(name);
    const passive = r.alerts.find((a) => a.category === 'passive-voice' && a.match === 'a été rejetée')!;
    expect(passive).toBeDefined();
    expect(blockText(r, passive.paragraph! - 1)).toContain(REJECTED_SENTENCE);
    if (name !== 'lettre.docx' && name !== 'lettre.html') expect(passive.page).toBe(2);
  });
  it('reports headers and footers apart: read, not analysed as prose', () => {
    const r = get(name);
    const furniture = r.blocks!.filter((b) => b.kind === 'header' || b.kind === 'footer');
    expect(furniture.map((b) => r.text.slice(b.start, b.end))).toEqual(expect.arrayContaining([HEADER_TEXT, FOOTER_TEXT]));
    // Once each, after the body, with no sentence or alert inside them.
    expect(r.text.split(FOOTER_TEXT)).toHaveLength(2);
    const from = furniture[0]!.start;
    expect(r.blocks!.slice(r.blocks!.indexOf(furniture[0]!)).every((b) => b.kind === 'header' || b.kind === 'footer')).toBe(true);
    expect(r.sentences.every((s) => s.end <= from)).toBe(true);
    expect(r.alerts.every((a) => a.start < from)).toBe(true);
    expect(body(r)).not.toContain(HEADER_TEXT);
  });
  it('keeps list items as blocks of their own', () => {
    const r = get(name);
    const items = r.blocks!.filter((b) => b.kind === 'list-item').map((b) => r.text.slice(b.start, b.end).replace(/^• /, ''));
    expect(items).toEqual([...LIST_ITEMS]);
  });
});

describe('format-specific structure', () => {
  it('plain text: a file read by a worker (a batch, an audit) keeps its paragraphs, as the same text read inline or pasted', async () => {
    const text = 'Mairie de Vif\nService scolaire\n\nObjet : inscription\n\n\nMadame,\n\nVotre demande a été rejetée par la commission.\n  \nVeuillez agréer, Madame, nos salutations.\n';
    const inline = await ingestor.analyseBytes(Buffer.from(text), { profile: 'lettre' });
    const worker = await ingestor.analyseBytes(Buffer.from(text), { profile: 'lettre', inline: false });
    expect(worker.source.format).toBe('txt');
    expect(worker.paragraphs.length).toBe(5);
    // the worker folds runs of blank lines into one (a source map needs its text normalised): same paragraphs, same alerts
    const paragraphs = (r: typeof inline): string[] => r.paragraphs.map((p) => r.text.slice(p.start, p.end).trim());
    expect(paragraphs(worker)).toEqual(paragraphs(inline));
    expect(worker.alerts.map((a) => `${a.rule}:${a.match}`)).toEqual(inline.alerts.map((a) => `${a.rule}:${a.match}`));
  });

  it('PDF: words hyphenated across lines are joined, page numbers dropped, the letterhead read column by column', () => {
    const r = get('lettre.pdf');
    expect(r.source.pages).toBe(2);
    expect(r.text).toContain('l’administration compétente');
    expect(r.text).not.toMatch(/adminis-/);
    expect(r.text).not.toMatch(/Page \d \/ \d/);
    const left = r.text.indexOf('Bureau des permis');
    const right = r.text.indexOf('Monsieur Jean Martin');
    expect(left).toBeGreaterThan(-1);
    expect(right).toBeGreaterThan(left);
    expect(r.text.slice(left, right)).toContain('Affaire suivie par');
    expect(r.blocks![r.alerts.find((a) => a.match === 'a été rejetée')!.paragraph! - 1]!.kind).toBe('paragraph');
  });
  it.each(['lettre.docx', 'lettre.odt'])('%s: table cells and footnotes are blocks; comments are left out', (name) => {
    const r = get(name);
    const cells = r.blocks!.filter((b) => b.kind === 'cell').map((b) => r.text.slice(b.start, b.end));
    expect(cells).toEqual(TABLE_CELLS.flat());
    const notes = r.blocks!.filter((b) => b.kind === 'footnote').map((b) => r.text.slice(b.start, b.end));
    expect(notes).toEqual([FOOTNOTE_TEXT]);
    expect(r.text).not.toContain(COMMENT_TEXT);
  });
  it('HTML: scripts, styles and menus are not text; the Windows-1252 page decodes like the UTF-8 one', async () => {
    const r = get('lettre.html');
    expect(r.text).not.toMatch(/ne pas lire|color: ?red/);
    const latin = await ingestor.analyseBytes(await makeLatin1Html(), { profile: 'lettre' });
    expect(latin.text).toContain(HEADER_TEXT);
    expect(latin.text).not.toMatch(/[\u0080-\u009F]/);
  });
});

/** A minimal ODT from its content.xml and styles.xml. */
function odtWith(content: string, styles: string): Promise<Buffer> {
  return makeZip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', store: true },
    { name: 'META-INF/manifest.xml', data: '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>' },
    { name: 'content.xml', data: content },
    { name: 'styles.xml', data: styles },
  ]);
}

describe('alerts inside each kind of block (hand-made ODT)', () => {
  const P = (t: string): string => `<text:p>${t}</text:p>`;
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3"><office:body><office:text>
<text:h text:outline-level="1">Pièces à fournir afin de compléter le dossier</text:h>
${P('Madame, nous avons reçu votre demande.<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body>' + P('Ce document est demandé afin de vérifier votre adresse.') + '</text:note-body></text:note>')}
<text:soft-page-break/>
<text:list><text:list-item>${P('Une photo afin de vérifier votre identité.')}</text:list-item></text:list>
<table:table><table:table-row><table:table-cell>${P('Délai afin de répondre')}</table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>`;
  const styles = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:master-styles><style:master-page style:name="Standard"><style:footer>${P('Écrivez-nous afin de prendre rendez-vous : 01 23 45 67 89')}</style:footer></style:master-page></office:master-styles></office:document-styles>`;

  it('lands each jargon alert on its heading, footnote, list item and cell, with its page; none in the footer', async () => {
    const r = await ingestor.analyseBytes(await odtWith(content, styles), { profile: 'lettre', filename: 'pieces.odt' });
    const afin = r.alerts.filter((a) => a.match.toLowerCase().startsWith('afin'));
    const where = afin.map((a) => [r.blocks![a.paragraph! - 1]!.kind, a.page]);
    expect(where).toEqual([
      ['heading', 1],
      ['list-item', 2],
      ['cell', 2],
      ['footnote', 1],
    ]);
    expect(r.text).toContain('afin de prendre rendez-vous');
    expect(r.blocks!.at(-1)!.kind).toBe('footer');
  });

  it('counts the footer for the mentions: a phone number found only there makes the contact present', async () => {
    const org = mkdtempSync(join(tmpdir(), 'clarte-org-'));
    writeFileSync(
      join(org, 'contact-telephone.yaml'),
      `kind: mention
category: mention
severity: error
principle: usable
mention: telephone-service
appliesTo: [accuse-reception, demande-pieces, decision-favorable, decision-defavorable, information, formulaire, autre]
elements:
  - { id: phone, label: un numéro de téléphone, patterns: ["0\\\\d(?: ?\\\\d\\\\d){4}"] }
source: Services Publics+
consequence: Le lecteur ne sait pas comment joindre le service.
message: "Il manque {missing} pour joindre le service."
description: Un numéro de téléphone.
examples:
  bad: [{ text: "[[Écrivez-nous.]]" }]
  good: ["Appelez le 01 23 45 67 89."]
`,
    );
    const orgIngestor = new Ingestor(loadConfig({}), await RuleLibrary.load(org), org, 1);
    try {
      const r = await orgIngestor.analyseBytes(await odtWith(content, styles), { profile: 'lettre' });
      const contact = r.mentions.find((m) => m.id === 'telephone-service')!;
      expect(contact.status).toBe('present');
      const footer = r.blocks!.at(-1)!;
      expect(contact.evidence[0]!.start).toBeGreaterThanOrEqual(footer.start);
      expect(r.text.slice(contact.evidence[0]!.start, contact.evidence[0]!.end)).toBe('01 23 45 67 89');
    } finally {
      await orgIngestor.close();
      rmSync(org, { recursive: true, force: true });
    }
  });
});
