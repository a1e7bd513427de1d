/**
 * Hostile and broken documents: each ends in its stable code, within its limit, and the pool goes on
 * serving the next document (a killed worker is replaced).
 */
import { describe, expect, it } from 'vitest';
import { ingestLimits, loadConfig } from '../../src/config.js';
import { AppError } from '../../src/errors.js';
import { extractDocument } from '../../src/ingest/extract.js';
import { Ingestor } from '../../src/ingest/ingest.js';
import { IngestPool } from '../../src/ingest/pool.js';
import { sniff } from '../../src/ingest/sniff.js';
import { decodeText } from '../../src/ingest/text.js';
import { pdfFromObjects, tinyDocx, tinyPdf, WARM_UP_LETTER } from '../../src/ingest/warmup.js';
import { analyse } from '../../src/analyse.js';
import type { Report } from '../../src/model.js';
import { makeEncryptedPdf, makeLetterDocx, makeLetterOdt, makeLetterPdf, makeScannedPdf, makeZip } from '../../scripts/documents.js';
import { ourLibrary } from '../helpers/library.js';

const limits = ingestLimits(loadConfig({}));

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'report';
  } catch (e) {
    return e instanceof AppError ? e.code : `unexpected ${(e as Error).message}`;
  }
}

describe('recognition by content', () => {
  it('tells formats by their bytes, not their names', async () => {
    expect(sniff(await makeLetterPdf())).toBe('pdf');
    expect(sniff(await makeLetterDocx())).toBe('zip');
    expect(sniff(Buffer.from('<!DOCTYPE html><html><body><p>Bonjour</p></body></html>'))).toBe('html');
    expect(sniff(Buffer.from('Madame, votre demande <b>est</b> reçue.'))).toBe('text');
    expect(sniff(Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(100)]))).toBe('ole');
    expect(sniff(Buffer.alloc(0))).toBe('empty');
    expect(sniff(Buffer.from([0, 1, 2, 3, 0, 0, 7, 8, 9, 0]))).toBe('binary');
  });
  it('reads a DOCX and an ODT whatever their names, and refuses other zips', async () => {
    expect((await extractDocument(await makeLetterOdt(), limits, 'unpdf')).format).toBe('odt');
    expect((await extractDocument(await makeLetterDocx(), limits, 'unpdf')).format).toBe('docx');
    const zip = await makeZip([{ name: 'photo.txt', data: 'Bonjour' }]);
    expect(await codeOf(extractDocument(zip, limits, 'unpdf'))).toBe('UNSUPPORTED_FORMAT');
    const ods = await makeZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', store: true },
      { name: 'content.xml', data: '<x/>' },
    ]);
    await expect(extractDocument(ods, limits, 'unpdf')).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: expect.stringMatching(/tableur/) });
  });
  it('decodes Windows-1252 itself (Node 20 maps 0x80–0x9F to control characters)', () => {
    const bytes = Buffer.from([0x93, 0x63, 0x27, 0x65, 0x73, 0x74, 0x94, 0x20, 0x97, 0x20, 0x80, 0x20, 0x9c, 0x75, 0x76, 0x72, 0x65, 0x20, 0xe9]);
    expect(decodeText(bytes)).toEqual({ text: '“c\'est” — € œuvre é', encoding: 'windows-1252' });
  });
});

describe('limits, checked before the work', () => {
  it('refuses a zip with too many entries before reading them', async () => {
    const many = await makeZip(Array.from({ length: 30 }, (_, i) => ({ name: `word/part${i}.xml`, data: '<x/>' })));
    await expect(extractDocument(many, { ...limits, maxZipEntries: 20 }, 'unpdf')).rejects.toMatchObject({ code: 'TOO_LARGE', message: expect.stringMatching(/30/) });
  });
  it('refuses a zip whose declared inflated size is over the limit, without inflating it', async () => {
    const bomb = await makeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: Buffer.alloc(4 * 1024 * 1024, 0x20) },
    ]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    await expect(extractDocument(bomb, { ...limits, maxZipBytes: 1024 * 1024 }, 'unpdf')).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });
  it('refuses too many pages and too many bytes', async () => {
    await expect(extractDocument(await makeLetterPdf({ pages: 3 }), { ...limits, maxPages: 2 }, 'unpdf')).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringMatching(/3 pages/),
    });
    await expect(extractDocument(Buffer.alloc(2048, 0x41), { ...limits, maxBytes: 1024 }, 'unpdf')).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });
  it('says why a PDF cannot be read: password, scan, truncation', async () => {
    expect(await codeOf(extractDocument(await makeEncryptedPdf(), limits, 'unpdf'))).toBe('ENCRYPTED');
    await expect(extractDocument(await makeScannedPdf(), limits, 'unpdf')).rejects.toMatchObject({ code: 'NO_TEXT_LAYER', message: expect.stringMatching(/OCR/) });
    const pdf = await makeLetterPdf();
    expect(await codeOf(extractDocument(pdf.subarray(0, 600), limits, 'unpdf'))).toBe('UNREADABLE');
    const docx = await makeLetterDocx();
    expect(await codeOf(extractDocument(docx.subarray(0, docx.length >> 1), limits, 'unpdf'))).toBe('UNREADABLE');
  });
  it('reads the same letter with either PDF engine (each in its own worker: two pdf.js versions cannot share a thread)', async () => {
    const pdf = await makeLetterPdf();
    for (const pdfEngine of ['unpdf', 'pdf-parse'] as const) {
      const pool = new IngestPool({ size: 1, queueMax: 1, rulesDir: undefined, profile: 'lettre', limits, pdfEngine });
      try {
        const ex = await pool.extract({ bytes: pdf, profile: 'lettre', maxChars: 1e6 });
        expect(ex.pages).toBe(2);
        expect(ex.text).toContain('a été rejetée le 3 mars 2025');
      } finally {
        await pool.close();
      }
    }
  });
});

describe('the pool keeps serving', () => {
  it('kills a document over its time limit, replaces the worker and reads the next one', async () => {
    // 300 pages take seconds; the next document, a short HTML page, a few milliseconds.
    const pool = new IngestPool({ size: 1, queueMax: 4, rulesDir: undefined, profile: 'lettre', limits: { ...limits, timeoutMs: 400 }, pdfEngine: 'unpdf' });
    await pool.start();
    try {
      const letter = { bytes: Buffer.from('<html><body><p>Votre demande a été rejetée par la commission.</p></body></html>'), profile: 'lettre', maxChars: 1e6 };
      const big = { bytes: await makeLetterPdf({ pages: 300 }), profile: 'lettre', maxChars: 1e7 };
      const [slow, next] = await Promise.allSettled([pool.run(big), pool.run(letter)]);
      expect(slow).toMatchObject({ status: 'rejected', reason: { code: 'TIMEOUT' } });
      expect(next).toMatchObject({ status: 'fulfilled', value: { source: { format: 'html' } } });
      expect(pool.restarts).toBe(1);
    } finally {
      await pool.close();
    }
  }, 60_000);
  it('answers BUSY when the queue is full, and fails only that document when a worker runs out of memory', async () => {
    const pool = new IngestPool({ size: 1, queueMax: 1, rulesDir: undefined, profile: 'lettre', limits: { ...limits, memoryMb: 48 }, pdfEngine: 'unpdf' });
    await pool.start();
    try {
      const letter = { bytes: await makeLetterPdf(), profile: 'lettre', maxChars: 1e6 };
      const huge = { bytes: await makeLetterOdt({ paragraphs: 40_000 }), profile: 'lettre', maxChars: 1e9 };
      const all = await Promise.allSettled([pool.run(huge), pool.run(letter), pool.run(letter)]);
      expect(all[2]).toMatchObject({ status: 'rejected', reason: { code: 'BUSY' } });
      expect(all[0]).toMatchObject({ status: 'rejected', reason: { code: 'TOO_LARGE' } });
      expect(all[1]).toMatchObject({ status: 'fulfilled' });
    } finally {
      await pool.close();
    }
  }, 60_000);
  it('the door reads plain text at once and sends other formats to the pool', async () => {
    const ingestor = new Ingestor(loadConfig({}), await ourLibrary(), undefined, 1);
    try {
      const txt = await ingestor.analyseBytes(Buffer.from('Votre demande a été rejetée.'), { profile: 'lettre' });
      expect(txt.source.format).toBe('txt');
      expect(ingestor.load().workers).toBe(0);
      await expect(ingestor.analyseBytes(Buffer.alloc(0), { profile: 'lettre' })).rejects.toMatchObject({ code: 'EMPTY_DOCUMENT' });
      await expect(ingestor.analyseBytes(Buffer.from('x'), { profile: 'inconnu' })).rejects.toMatchObject({ code: 'UNKNOWN_PROFILE' });
    } finally {
      await ingestor.close();
    }
  });
});

describe('long pasted text on the worker threads', () => {
  const letter = WARM_UP_LETTER;
  it('a text longer than a pasted letter gets, from a worker, the report the main thread gives; errors keep their codes', async () => {
    const library = await ourLibrary();
    // (workers recycled after 2 files: pasted text does not count, a recycled worker would not be ready)
    const ingestor = new Ingestor(loadConfig({ MAX_TEXT_CHARS: '400000' }), library, undefined, 1, false, 2);
    try {
      await ingestor.start();
      const options = { profile: 'lettre', personalData: 'count' as const };
      // A letter is analysed here: nothing goes to the worker.
      const short = ingestor.analyseTextJson({ text: letter, id: 'l-1' }, options);
      expect(ingestor.load().busy).toBe(0);
      expect(JSON.parse(await short)).toEqual(JSON.parse(JSON.stringify(analyse({ text: letter, id: 'l-1' }, library, { ...options, maxChars: 400000 }))));
      // Over 256 KiB: the worker.
      const long = Array.from({ length: Math.ceil(270_000 / letter.length) }, () => letter).join('\n\n');
      const there = ingestor.analyseTextJson({ text: long, id: 'l-2' }, options);
      expect(ingestor.load().busy).toBe(1);
      const report = JSON.parse(await there) as Report;
      expect(report).toEqual(JSON.parse(JSON.stringify(analyse({ text: long, id: 'l-2' }, library, { ...options, maxChars: 400000 }))));
      expect(report).toMatchObject({ schema: 'clarte/report@1', id: 'l-2', personalData: { pseudonymised: false } });
      await expect(ingestor.analyseTextJson({ text: ' '.repeat(300_000) }, options)).rejects.toMatchObject({ code: 'EMPTY_DOCUMENT' });
      await expect(ingestor.analyseTextJson({ text: 'x'.repeat(400_001) }, options)).rejects.toMatchObject({ code: 'TOO_LARGE' });
      await expect(ingestor.analyseTextJson({ text: long }, { profile: 'inconnu' })).rejects.toMatchObject({ code: 'UNKNOWN_PROFILE' });
      // The same worker goes on (four texts, none counted for recycling): still ready right after.
      expect(JSON.parse(await ingestor.analyseTextJson({ text: long }, options))).toMatchObject({ stats: { words: report.stats.words } });
      expect(ingestor.load()).toMatchObject({ workers: 1, ready: 1 });
    } finally {
      await ingestor.close();
    }
  }, 60_000);
  it('a text longer than a pasted letter goes to a worker, under its time limit', async () => {
    const ingestor = new Ingestor(loadConfig({ EXTRACT_TIMEOUT_MS: '300' }), await ourLibrary(), undefined, 1);
    try {
      // Some 2 MB of letters: seconds of work, stopped at 0.3 s; the event loop was free meanwhile.
      const long = Array.from({ length: 800 }, () => letter).join('\n\n');
      let ticks = 0;
      const timer = setInterval(() => ticks++, 20);
      await expect(ingestor.analyseTextJson({ text: long }, { profile: 'lettre' })).rejects.toMatchObject({ code: 'TIMEOUT' });
      clearInterval(timer);
      expect(ticks).toBeGreaterThan(3);
      expect(ingestor.load().workers).toBe(1);
    } finally {
      await ingestor.close();
    }
  }, 60_000);
});

describe('partial success', () => {
  it('a PDF with one unreadable page gives a report on the others, with a warning', async () => {
    const page = (c: number): string => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${c} 0 R /Resources << /Font << /F1 5 0 R >> >> >>`;
    const text = 'BT /F1 12 Tf 72 770 Td (Votre demande a ete rejetee par la commission.) Tj ET';
    const pdf = pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>',
      page(4),
      `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      '(pas une page)',
    ]);
    const ingestor = new Ingestor(loadConfig({}), await ourLibrary(), undefined, 1);
    try {
      const r = await ingestor.analyseBytes(pdf, { profile: 'lettre' });
      expect(r.source.pages).toBe(2);
      expect(r.text).toBe('Votre demande a ete rejetee par la commission.');
      expect(r.warnings).toEqual([expect.objectContaining({ code: 'PAGES_UNREADABLE', message: expect.stringMatching(/Pages illisibles .*: 2\./) })]);
    } finally {
      await ingestor.close();
    }
  });
});

describe('worker warm-up', () => {
  it('the warm-up PDF is a real one the engine reads', async () => {
    const ex = await extractDocument(tinyPdf(), limits, 'unpdf');
    expect(ex.blocks.map((b) => b.text)).toEqual(['Votre demande est acceptée.']);
  });

  it('the warm-up DOCX is a real Word document our reader reads', async () => {
    const ex = await extractDocument(tinyDocx(), limits, 'unpdf');
    expect(ex.format).toBe('docx');
    expect(ex.blocks.map((b) => b.text)).toEqual(['Votre demande est acceptée.']);
  });

  it('the warm-up letter goes through every detector it is meant to warm', async () => {
    const r = analyse({ text: WARM_UP_LETTER }, await ourLibrary(), { personalData: 'count' });
    const categories = new Set(r.alerts.map((a) => a.category));
    for (const c of ['passive-voice', 'jargon', 'sentence-length', 'mention']) expect(categories).toContain(c);
    expect(r.personalData?.found).toBeGreaterThanOrEqual(4);
  });
});
