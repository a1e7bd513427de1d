/** PDF engine on unpdf (a serverless build of pdf.js): text items with their positions, images detected. */
import { polyfillTransfer } from './polyfill.js';
import { openError, type PdfDocument, type PdfEngine, type PdfItem } from './engine.js';

polyfillTransfer();

interface TextItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
  fontName?: string;
}

/** The unpdf engine. */
export const unpdfEngine: PdfEngine = {
  name: 'unpdf',
  async open(bytes, { images = 'small' } = {}) {
    // Imported on first use (pdf.js is large): also keeps the worker bundle from loading it eagerly.
    const { getDocumentProxy, getResolvedPDFJS } = await import('unpdf');
    let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
    try {
      doc = await getDocumentProxy(bytes, { isEvalSupported: false, stopAtErrors: false, verbosity: 0 });
    } catch (e) {
      throw openError(e);
    }
    const { OPS } = await getResolvedPDFJS();
    const imageOps = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);
    const out: PdfDocument = {
      pages: doc.numPages,
      async page(n) {
        const page = await doc.getPage(n);
        try {
          const view = page.view; // [x0, y0, x1, y1]
          const content = await page.getTextContent();
          const styles = content.styles as Record<string, { fontFamily?: string }>;
          const items: PdfItem[] = [];
          for (const raw of content.items as TextItem[]) {
            if (!raw.str || !raw.transform) continue;
            const [a, b, , d, e, f] = raw.transform as [number, number, number, number, number, number];
            const size = Math.hypot(a, b) || Math.abs(d) || raw.height || 10;
            const font = `${raw.fontName ?? ''} ${styles[raw.fontName ?? '']?.fontFamily ?? ''}`;
            items.push({ str: raw.str, x: e - view[0]!, y: f - view[1]!, width: raw.width ?? raw.str.length * size * 0.5, size, bold: /bold|black|heavy|semibold/i.test(font) });
          }
          // A scanned page may carry a stamp or a page number: look for images under 20 letters. In a
          // file with a page-sized image, such a page is taken for a scan without decoding anything;
          // with small images only, the page's drawing operations tell (decoding them is cheap).
          let letters = 0;
          for (const it of items) letters += it.str.length;
          let hasImages = images === 'page' && letters < 20;
          if (images === 'small' && letters < 20) {
            const ops = await page.getOperatorList();
            hasImages = ops.fnArray.some((op) => imageOps.has(op));
          }
          return { width: view[2]! - view[0]!, height: view[3]! - view[1]!, items, hasImages, positionless: false };
        } finally {
          page.cleanup();
        }
      },
      async close() {
        await doc.destroy();
      },
    };
    return out;
  },
};
