/**
 * PDF engine on pdf-parse 2 (the design card's library, also pdf.js): it gives each page's text as
 * lines without positions, so layout can only follow its order (no columns, no margins).
 */
import type { PDFParse } from 'pdf-parse';
import { openError, type PdfDocument, type PdfEngine } from './engine.js';

/** The pdf-parse engine. */
export const pdfParseEngine: PdfEngine = {
  name: 'pdf-parse',
  async open(bytes) {
    // Imported on first use, like unpdf: two pdf.js builds must never load in the same thread.
    const { PDFParse: Parser } = await import('pdf-parse');
    const parser = new Parser({ data: bytes, verbosity: 0 });
    let result: Awaited<ReturnType<PDFParse['getText']>>;
    try {
      result = await parser.getText({ pageJoiner: '' });
    } catch (e) {
      await parser.destroy().catch(() => undefined);
      throw openError(e);
    }
    const out: PdfDocument = {
      pages: result.total,
      page(n) {
        const text = result.pages.find((p) => p.num === n)?.text ?? '';
        const lines = text.split('\n');
        const height = 842;
        const items = lines.flatMap((str, i) => (str.trim() ? [{ str, x: 0, y: height - 40 - i * 14, width: str.length * 5, size: 10, bold: false }] : []));
        return Promise.resolve({ width: 595, height, items, hasImages: false, positionless: true });
      },
      async close() {
        await parser.destroy();
      },
    };
    return out;
  },
};
