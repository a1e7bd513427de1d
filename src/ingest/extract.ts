/** Bytes → Extraction, by content: PDF, DOCX, ODT, HTML or text. Runs inside an ingestion worker. */
import { AppError } from '../errors.js';
import { extractDocx, isDocx } from './docx.js';
import { decodeHtml, htmlBlocks } from './html.js';
import { extractOdt, openDocumentKind } from './odt.js';
import type { PdfEngine } from './pdf/engine.js';
import { extractPdf } from './pdf/extract.js';
import { emptyFile, sniff, tooLarge, unsupported } from './sniff.js';
import { decodeText } from './text.js';
import type { Block, Extraction, IngestLimits, PdfEngineName } from './types.js';
import { ZipArchive } from './zip.js';

/** Loads a PDF engine by name (each is imported only when first used). */
export async function pdfEngine(name: PdfEngineName): Promise<PdfEngine> {
  if (name === 'pdf-parse') return (await import('./pdf/pdf-parse.js')).pdfParseEngine;
  return (await import('./pdf/unpdf.js')).unpdfEngine;
}

/** Extracts the blocks of a document, whatever its format. */
export async function extractDocument(bytes: Buffer, limits: IngestLimits, engine: PdfEngineName): Promise<Extraction> {
  if (bytes.length > limits.maxBytes) {
    throw tooLarge(bytes.length, limits.maxBytes);
  }
  const kind = sniff(bytes);
  switch (kind) {
    case 'empty':
      throw emptyFile();
    case 'pdf':
      return extractPdf(bytes, await pdfEngine(engine), limits);
    case 'zip': {
      const zip = await ZipArchive.open(bytes, limits);
      try {
        if (isDocx(zip)) return await extractDocx(bytes, zip);
        const od = await openDocumentKind(zip);
        if (od === 'odt') return await extractOdt(zip, limits.maxPages);
        if (od === 'other') {
          throw new AppError('UNSUPPORTED_FORMAT', 'Ce fichier LibreOffice n’est pas un document texte (tableur, présentation…) : envoyez un document Writer (.odt).');
        }
        throw unsupported('zip-other');
      } finally {
        zip.close();
      }
    }
    case 'html':
      return { format: 'html', blocks: htmlBlocks(decodeHtml(bytes), { furnitureTags: true }), warnings: [] };
    case 'text':
      // one block per paragraph: a block's blank lines are folded (assemble.ts), the text's are its paragraphs
      return { format: 'txt', blocks: textParagraphs(decodeText(bytes).text), warnings: [] };
    default:
      throw unsupported(kind);
  }
}

/** A plain text's paragraphs (blank-line separated) as blocks, so that a file read by a worker keeps them as pasted text does. */
function textParagraphs(text: string): Block[] {
  return text
    .split(/\r?\n[ \t]*(?:\r?\n[ \t]*)+/)
    .filter((p) => p.trim() !== '')
    .map((p) => ({ kind: 'paragraph' as const, text: p }));
}
