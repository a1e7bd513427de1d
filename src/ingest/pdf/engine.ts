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
  open(bytes: Uint8Array, options?: OpenOptions): Promise<PdfDocument>;
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

/** What the caller already read in the file's bytes. */
export interface OpenOptions {
  /** The images the file declares (default 'small': each near-empty page's drawing operations are read). */
  images?: DeclaredImages;
}
