/** PDF → blocks through the chosen engine, with the outcomes users need: password, broken, scanned, empty. */
import { AppError } from '../../errors.js';
import type { Warning } from '../../model.js';
import type { Extraction, IngestLimits } from '../types.js';
import { PdfOpenError, type DeclaredImages, type PdfDocument, type PdfEngine, type PdfPage } from './engine.js';
import { layoutPages } from './layout.js';

const ENCRYPTED_MESSAGE =
  'Ce PDF est protégé par un mot de passe : Clarté ne peut pas le lire. Enregistrez une copie sans protection (ou exportez-le à nouveau depuis votre logiciel) puis envoyez-la.';

/**
 * A PDF whose encryption covers only its attachments (crypt filters /Identity for streams and
 * strings, /EFF for embedded files) has readable pages, but pdf.js asks for the password anyway.
 * Renaming the trailer's /Encrypt key (same length: every offset stays valid) lets it read them.
 */
function withoutAttachmentOnlyEncryption(bytes: Uint8Array): Uint8Array | undefined {
  const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!/\/StmF\s*\/Identity/.test(s) || !/\/StrF\s*\/Identity/.test(s) || !/\/EFF\b/.test(s)) return undefined;
  const out = new Uint8Array(bytes);
  const re = /\/Encrypt(?=\s+\d+\s+\d+\s+R)/g;
  let found = false;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.set(Buffer.from('/NoCrypt', 'latin1'), m.index);
    found = true;
  }
  return found ? out : undefined;
}

async function open(engine: PdfEngine, bytes: Uint8Array, images: DeclaredImages): Promise<PdfDocument> {
  try {
    // pdf.js may take ownership of (detach) the buffer it is given: hand it a copy.
    return await engine.open(new Uint8Array(bytes), { images });
  } catch (e) {
    if (!(e instanceof PdfOpenError)) throw e;
    if (e.reason === 'password') {
      const readable = withoutAttachmentOnlyEncryption(bytes);
      if (readable) return open(engine, readable, images).catch(() => Promise.reject(new AppError('ENCRYPTED', ENCRYPTED_MESSAGE)));
      throw new AppError('ENCRYPTED', ENCRYPTED_MESSAGE);
    }
    throw new AppError('UNREADABLE', 'Ce PDF est endommagé ou tronqué : sa structure ne peut pas être lue. Exportez-le à nouveau depuis votre logiciel.', {
      detail: e.message,
    });
  }
}

// Codecs that only images may use: a stream using one without being an image (no /Width) is a trap,
// such as a page content stream that would inflate to gigabytes.
const IMAGE_CODEC = /\/(?:JBIG2Decode|JPXDecode|CCITTFaxDecode|DCTDecode)\b/;
/** An image of at least this many pixels is taken for a scanned page (A4 at 100 dpi is 0.97 million). */
const PAGE_PIXELS = 900_000;

/**
 * Reads the dictionaries of a PDF's streams, which are always written in clear (a stream cannot sit in a
 * compressed object stream, and encryption leaves dictionaries alone). Refuses a PDF holding non-image
 * streams under an image codec (decompression bombs), and says which images the file declares: a file
 * with a page-sized one (« /Subtype /Image /Width 2550 /Height 3300 ») has its near-empty pages taken for
 * scans without decoding anything, where pdf.js would decode every image to list a page's drawing
 * operations (25 MB of pixels for that scan). A size written as a reference counts as small.
 */
export function inspectStreams(bytes: Uint8Array): DeclaredImages {
  const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const re = />>\s*stream\r?\n/g;
  let images: DeclaredImages = 'none';
  for (let m = re.exec(s); m; m = re.exec(s)) {
    re.lastIndex = m.index + m[0].length;
    const from = s.lastIndexOf(' obj', m.index);
    if (from < 0 || m.index - from > 4000) continue;
    const dict = s.slice(from, m.index);
    const image = /\/Subtype\s*\/Image(?![^\s/<>[\]()%{}])/.test(dict);
    if (IMAGE_CODEC.test(dict) && !image && !/\/Width\b/.test(dict)) {
      throw new AppError('UNREADABLE', 'Ce PDF est malformé : il contient un contenu piégé (flux d’image qui n’est pas une image). Il n’a pas été lu.');
    }
    if (!image || images === 'page') continue;
    images = 'small';
    const width = /\/Width\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    const height = /\/Height\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    if (width && height && Number(width[1]) * Number(height[1]) >= PAGE_PIXELS) images = 'page';
  }
  return images;
}

const pageList = (pages: number[]): string => (pages.length > 8 ? `${pages.slice(0, 8).join(', ')}…` : pages.join(', '));

/** Extracts the blocks of a PDF. */
export async function extractPdf(bytes: Uint8Array, engine: PdfEngine, limits: Pick<IngestLimits, 'maxPages'>): Promise<Extraction> {
  const doc = await open(engine, bytes, inspectStreams(bytes));
  try {
    if (doc.pages > limits.maxPages) {
      throw new AppError('TOO_LARGE', `Le PDF compte ${doc.pages} pages ; Clarté en lit au plus ${limits.maxPages}.`);
    }
    if (doc.pages === 0) throw new AppError('EMPTY_DOCUMENT', 'Ce PDF ne contient aucune page.');
    const pages: PdfPage[] = [];
    const failed: number[] = [];
    const scanned: number[] = [];
    let letters = 0;
    for (let n = 1; n <= doc.pages; n++) {
      let page: PdfPage;
      try {
        page = await doc.page(n);
      } catch {
        failed.push(n);
        page = { width: 595, height: 842, items: [], hasImages: false, positionless: false };
      }
      let here = 0;
      for (const it of page.items) here += it.str.match(/\p{L}/gu)?.length ?? 0;
      if (here < 20 && page.hasImages) scanned.push(n);
      letters += here;
      pages.push(page);
    }
    if (failed.length === doc.pages) {
      throw new AppError('UNREADABLE', 'Aucune page de ce PDF ne peut être lue : le fichier est endommagé. Exportez-le à nouveau depuis votre logiciel.');
    }
    if (letters < 20 && scanned.length > 0) {
      throw new AppError(
        'NO_TEXT_LAYER',
        'Ce PDF ne contient que des images (document numérisé) : il n’a pas de texte à analyser. Passez-le d’abord dans un logiciel de reconnaissance de caractères (OCR), ou envoyez le fichier d’origine.',
      );
    }
    const warnings: Warning[] = [];
    if (failed.length) {
      warnings.push({ code: 'PAGES_UNREADABLE', message: `Pages illisibles (fichier endommagé) : ${pageList(failed)}. Le rapport porte sur les autres pages.` });
    }
    if (scanned.length) {
      warnings.push({ code: 'PAGES_SCANNED', message: `Pages numérisées sans texte (il faudrait une reconnaissance de caractères) : ${pageList(scanned)}. Le rapport porte sur les autres pages.` });
    }
    return { format: 'pdf', pages: doc.pages, blocks: layoutPages(pages), warnings };
  } finally {
    await doc.close().catch(() => undefined);
  }
}
