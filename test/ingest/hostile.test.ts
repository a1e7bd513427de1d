/** Hostile and odd inputs found in review: each must end in its code, with the text and map intact. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/analysis/normalize.js';
import { ingestLimits, loadConfig } from '../../src/config.js';
import { assemble } from '../../src/ingest/assemble.js';
import { extractDocument } from '../../src/ingest/extract.js';
import { inspectStreams } from '../../src/ingest/pdf/extract.js';
import { decodeHtml, htmlBlocks } from '../../src/ingest/html.js';
import { Ingestor } from '../../src/ingest/ingest.js';
import { layoutPages } from '../../src/ingest/pdf/layout.js';
import { IngestPool } from '../../src/ingest/pool.js';
import { makeScannedPdf, makeZip } from '../../scripts/documents.js';
import { ourLibrary } from '../helpers/library.js';

const limits = ingestLimits(loadConfig({}));
const ODT_NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"';

function odt(body: string, manifest = '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'): Promise<Buffer> {
  return makeZip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', store: true },
    { name: 'META-INF/manifest.xml', data: manifest },
    { name: 'content.xml', data: `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODT_NS}><office:body><office:text>${body}</office:text></office:body></office:document-content>` },
  ]);
}

describe('the assembled text is its own normalisation (else the source map would be lost)', () => {
  it.each(['Madame\x01\nDupont', 'adminis-\x02\ntration', 'a-\nb-\nc', 'x-\v\vy', 'x-\f\fy', 'e\u200B\u0301', '\uFB01\u0301'])('%j', (raw) => {
    const a = assemble([
      { kind: 'paragraph', text: raw },
      { kind: 'footer', text: raw },
    ]);
    expect(normalizeText(a.text)).toBe(a.text);
    expect(a.bodyEnd).toBe(a.blocks[0]!.end);
  });
});

describe('ODT', () => {
  it('leaves comments out even with self-closing elements inside, and image titles', async () => {
    const body =
      '<text:p>Début.<office:annotation><dc:creator>A</dc:creator><text:p>Un<text:line-break/>commentaire</text:p><text:p>COMMENTAIRE DEUX</text:p></office:annotation> Fin.</text:p>' +
      '<text:p><draw:frame><svg:title>Logo de la mairie</svg:title></draw:frame>Deuxième paragraphe.</text:p><text:p/>';
    const ex = await extractDocument(await odt(body), limits, 'unpdf');
    expect(ex.blocks.map((b) => b.text)).toEqual(['Début. Fin.', 'Deuxième paragraphe.']);
  });
  it('says a password-protected ODT is encrypted', async () => {
    const manifest =
      '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum-type="SHA1"/></manifest:file-entry></manifest:manifest>';
    await expect(extractDocument(await odt('<text:p>x</text:p>', manifest), limits, 'unpdf')).rejects.toMatchObject({ code: 'ENCRYPTED' });
  });
});

describe('DOCX', () => {
  it('refuses a part whose declared size lies before mammoth inflates it', async () => {
    const zip = await makeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: Buffer.alloc(2 * 1024 * 1024, 0x20) },
    ]);
    // Patch the central directory: word/document.xml declares 1,000 bytes instead of 2 MiB.
    const cd = zip.lastIndexOf(Buffer.from('word/document.xml')) - 46;
    expect(zip.readUInt32LE(cd)).toBe(0x02014b50);
    zip.writeUInt32LE(1000, cd + 24);
    await expect(extractDocument(zip, limits, 'unpdf')).rejects.toMatchObject({ code: 'UNREADABLE' });
  });
  it('says a password-protected Word file is encrypted, not an old .doc', async () => {
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(100)]);
    const ingestor = new Ingestor(loadConfig({}), await ourLibrary(), undefined, 1);
    await expect(ingestor.analyseBytes(ole, { profile: 'lettre' })).rejects.toMatchObject({ code: 'ENCRYPTED' });
  });
});

describe('PDF', () => {
  it('reads a two-column letterhead column by column even with a wide blank between the columns', () => {
    const line = (y: number, left: string, right: string) => [
      { str: left, x: 50, y, width: left.length * 5, size: 10, bold: false },
      { str: ' ', x: 50 + left.length * 5, y, width: 330 - 50 - left.length * 5, size: 10, bold: false },
      { str: right, x: 330, y, width: right.length * 5, size: 10, bold: false },
    ];
    const blocks = layoutPages([
      {
        width: 595,
        height: 842,
        positionless: false,
        hasImages: false,
        items: [...line(700, 'Mairie de Valmont', 'Monsieur Jean Martin'), ...line(688, 'Service urbanisme', '12 rue des Lilas'), ...line(676, '2 place du Marché', '99100 Valmont')],
      },
    ]);
    expect(blocks.map((b) => b.text)).toEqual(['Mairie de Valmont\nService urbanisme\n2 place du Marché', 'Monsieur Jean Martin\n12 rue des Lilas\n99100 Valmont']);
  });
  it('calls a scan with a page-number stamp a scan', async () => {
    await expect(extractDocument(await makeScannedPdf({ stamp: '1/2' }), limits, 'unpdf')).rejects.toMatchObject({ code: 'NO_TEXT_LAYER' });
  });
  it('tells a page-sized image from a logo by the sizes the file declares, without decoding it', async () => {
    const big = await makeScannedPdf({ stamp: '1/2', pixels: [1240, 1754] });
    expect(inspectStreams(big)).toBe('page');
    expect(inspectStreams(await makeScannedPdf({ stamp: '1/2' }))).toBe('small');
    expect(inspectStreams(Buffer.from('%PDF-1.4\n1 0 obj << /ProcSet [/PDF /Text /ImageB /ImageC] >>\nstream\nq Q\nendstream endobj\n'))).toBe('none');
    await expect(extractDocument(big, limits, 'unpdf')).rejects.toMatchObject({ code: 'NO_TEXT_LAYER' });
  });
});

describe('HTML', () => {
  it('decodes ISO-8859-15 (œ, €) and lets a byte-order mark win over the declared charset', () => {
    const latin9 = Buffer.concat([Buffer.from('<meta charset="iso-8859-15"><p>c'), Buffer.from([0xbd]), Buffer.from('ur '), Buffer.from([0xa4]), Buffer.from('</p>')]);
    expect(decodeHtml(latin9)).toContain('cœur €');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<meta charset="iso-8859-1"><p>Démarche</p>', 'utf8')]);
    expect(htmlBlocks(decodeHtml(bom), { furnitureTags: true }).map((b) => b.text)).toEqual(['Démarche']);
  });
  it('a <pre> inside a skipped menu does not keep line breaks for the rest of the page', () => {
    expect(htmlBlocks('<nav><pre>menu</pre></nav><p>Ligne un\nligne deux</p>', { furnitureTags: true }).map((b) => b.text)).toEqual(['Ligne un ligne deux']);
  });
});

describe('the pool under pressure', () => {
  it('stops the document holding memory when the process exceeds its memory budget', async () => {
    const pool = new IngestPool({ size: 1, queueMax: 2, rulesDir: undefined, profile: 'lettre', limits, pdfEngine: 'unpdf', rssLimitMb: 64 });
    await pool.start();
    try {
      const html = Buffer.from(`<p>${'Votre demande a été rejetée par la commission. '.repeat(20000)}</p>`);
      await expect(pool.run({ bytes: html, profile: 'lettre', maxChars: 1e8 })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    } finally {
      await pool.close();
    }
  }, 30_000);
  it('replaces a worker that never gets ready, and fails waiting documents when none can start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clarte-stuck-'));
    const stuck = join(dir, 'stuck.mjs');
    writeFileSync(stuck, 'setInterval(() => {}, 1000);\n');
    const pool = new IngestPool({ size: 1, queueMax: 2, rulesDir: undefined, profile: 'lettre', limits, pdfEngine: 'unpdf', workerFile: stuck, startTimeoutMs: 150 });
    try {
      await expect(pool.run({ bytes: Buffer.from('<p>x</p>'), profile: 'lettre', maxChars: 1e6 })).rejects.toMatchObject({ code: 'INTERNAL' });
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
  it('sends a long plain text to a worker', async () => {
    const ingestor = new Ingestor(loadConfig({}), await ourLibrary(), undefined, 1);
    try {
      const r = await ingestor.analyseBytes(Buffer.from('Votre demande a été rejetée. '.repeat(12000)), { profile: 'lettre' });
      expect(r.source.format).toBe('txt');
      expect(ingestor.load().workers).toBe(1);
    } finally {
      await ingestor.close();
    }
  }, 30_000);
});

describe('PDF paragraphs across pages', () => {
  it('joins a paragraph that runs onto the next page, keeping its first page', () => {
    const page = (lines: string[]) => ({
      width: 595,
      height: 842,
      positionless: false,
      hasImages: false,
      items: lines.map((str, i) => ({ str, x: 50, y: 400 - i * 14, width: 480, size: 11, bold: false })),
    });
    const blocks = layoutPages([
      page(['Votre demande sera examinée par la commission qui se réunira dans les meilleurs', 'délais et vous fera connaître sa décision, dûment adminis-']),
      page(['trée, par un courrier recommandé.', 'Nous restons à votre disposition.']),
    ]);
    expect(blocks.map((b) => [b.page, b.text])).toEqual([
      [1, 'Votre demande sera examinée par la commission qui se réunira dans les meilleurs délais et vous fera connaître sa décision, dûment administrée, par un courrier recommandé.\nNous restons à votre disposition.'],
    ]);
  });
});
