/** Recognises a document by its content (magic bytes, then structure), never by its name alone. */
import { AppError } from '../errors.js';

/** What the first bytes say. */
export type Sniffed = 'pdf' | 'zip' | 'ole' | 'html' | 'text' | 'binary' | 'empty';

const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*|<\?xml[^>]*>\s*)*<(?:!doctype\s+html|html|head|body|meta|title|h[1-6]|p|div|table|ul)[\s>/]/i;

/** Recognises the family of a document from its bytes. */
export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return 'empty';
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5 || head[2] === 7)) return 'zip';
  if (head.toString('hex', 0, 8) === 'd0cf11e0a1b11ae1') return 'ole';
  // Many PDFs carry junk before their header; readers accept it within the first kilobyte, at a line start.
  const pdfAt = head.indexOf('%PDF-');
  if (pdfAt > 0 && (head[pdfAt - 1] === 0x0a || head[pdfAt - 1] === 0x0d)) return 'pdf';
  if (head[0] === 0xff && head[1] === 0xfe) return 'text';
  if (head[0] === 0xfe && head[1] === 0xff) return 'text';
  const sample = bytes.subarray(0, 64 * 1024);
  let control = 0;
  for (const b of sample) if (b < 9 || (b > 13 && b < 32) || b === 127) control++;
  if (control / sample.length > 0.02) return 'binary';
  const start = head.toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '');
  return HTML_START.test(start) ? 'html' : 'text';
}

/** True for an OLE container holding a password-protected Word or LibreOffice file (ECMA-376 encryption). */
export function isEncryptedOffice(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from('EncryptedPackage', 'utf16le'));
}

/** The error for a family Clarté does not read. */
export function unsupported(kind: Sniffed | 'zip-other'): AppError {
  if (kind === 'ole') {
    return new AppError(
      'UNSUPPORTED_FORMAT',
      'Ce fichier est au format Word 97-2003 (.doc), qui n’est pas pris en charge : enregistrez-le au format .docx ou .odt puis envoyez-le à nouveau.',
    );
  }
  if (kind === 'zip-other') {
    return new AppError('UNSUPPORTED_FORMAT', 'Cette archive zip n’est ni un document Word (.docx) ni un document LibreOffice (.odt) : envoyez le courrier lui-même.');
  }
  return new AppError('UNSUPPORTED_FORMAT', 'Ce fichier n’est ni un texte, ni un PDF, ni un document Word, LibreOffice ou HTML : Clarté ne sait pas le lire.');
}

/** The error for a file over the size limit. */
export function tooLarge(size: number, max: number): AppError {
  return new AppError('TOO_LARGE', `Le fichier pèse ${(size / 1048576).toFixed(1)} Mio ; la limite est de ${(max / 1048576).toFixed(0)} Mio.`);
}

/** The error for an empty file. */
export function emptyFile(): AppError {
  return new AppError('EMPTY_DOCUMENT', 'Le fichier est vide (0 octet) : il ne contient aucun texte à analyser.');
}
