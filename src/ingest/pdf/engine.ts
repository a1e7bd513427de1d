/** The one small interface behind which each PDF library sits (see README: how the default was chosen). */

/** A run of text placed on the page (PDF units, origin at the bottom left). */
export interface PdfItem {
  str: string;
  x: number;
  y: number;
  width: number;
  /** Font size (height of the text). */
  size: number;
  bold: boolean;
}

/** The text of one page. */
export interface PdfPage {
  width: number;
  height: number;
  items: PdfItem[];
  /** True when the engine can tell the page paints images (a scan). */
  hasImages: boolean;
  /** True when the engine gives lines without positions: layout can only follow its order. */
  positionless: boolean;
}

/** An opened PDF. */
export interface PdfDocument {
  readonly pages: number;
  /** Reads one page (1-based). */
  page(n: number): Promise<PdfPage>;
  close(): Promise<void>;
}

/** A PDF library. Opening throws PdfOpenError for passwords and broken files. */
export interface PdfEngine {
  readonly name: string;
  open(bytes: Uint8Array): Promise<PdfDocument>;
}

/** Why a PDF could not be opened. */
export class PdfOpenError extends Error {
  constructor(
    readonly reason: 'password' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

/** Classifies a pdf.js exception thrown while opening a document. */
export function openError(e: unknown): PdfOpenError {
  const err = e as { name?: string; message?: string };
  return new PdfOpenError(err.name === 'PasswordException' ? 'password' : 'invalid', `${err.name ?? 'Error'}: ${err.message ?? String(e)}`.slice(0, 300));
}

/** The images a PDF declares: none, only small ones (logos, stamps), or one the size of a scanned page. */
export type DeclaredImages = 'none' | 'small' | 'page';

/** An image of at least this many pixels is taken for a scanned page (A4 at 100 dpi is 0.97 million). */
const PAGE_PIXELS = 900_000;
const SUBTYPE = Buffer.from('/Subtype');
const isBlank = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
/** "/Image" followed by a name character is another name ("/ImageB" of a procedure set). */
const endsName = (c: number | undefined): boolean => c === undefined || isBlank(c) || '/<>[]()%{}'.includes(String.fromCharCode(c));

/**
 * The image XObjects a PDF declares, read from its bytes: an image's dictionary (« /Subtype /Image
 * /Width 2550 /Height 3300 ») is always written in clear, since a stream cannot sit in a compressed
 * object stream and encryption leaves dictionaries alone. Telling a scanned page apart then costs no
 * decoding: pdf.js decodes every image to list a page's drawing operations (a 2550 × 3300 scan is
 * 25 MB of pixels). A size written as a reference counts as small (the operations are then read).
 */
export function declaredImages(bytes: Uint8Array): DeclaredImages {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let found: DeclaredImages = 'none';
  for (let at = buf.indexOf('/Image'); at >= 0; at = buf.indexOf('/Image', at + 6)) {
    if (!endsName(buf[at + 6])) continue;
    let i = at - 1;
    while (i >= 0 && isBlank(buf[i]!)) i--;
    if (i + 1 < SUBTYPE.length || !buf.subarray(i + 1 - SUBTYPE.length, i + 1).equals(SUBTYPE)) continue;
    found = 'small';
    // The image's dictionary: from its object header to its stream (at most 2 KB either side).
    const from = Math.max(0, buf.lastIndexOf('obj', at), at - 2048);
    const streamAt = buf.indexOf('stream', at);
    const dict = buf.toString('latin1', from, Math.min(buf.length, streamAt < 0 ? at + 2048 : Math.min(streamAt, at + 2048)));
    const width = /\/Width\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    const height = /\/Height\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    if (width && height && Number(width[1]) * Number(height[1]) >= PAGE_PIXELS) return 'page';
  }
  return found;
}
