/** Plain-text ingestion: recognise binary formats by their magic bytes, decode UTF-8 (BOM) or Windows-1252. */
import { AppError } from '../errors.js';

/** Format recognised from the first bytes. */
export type Sniffed = 'pdf' | 'zip' | 'ole' | 'text' | 'binary';

/** Recognises a document by its content, not its name. */
export function sniff(bytes: Uint8Array): Sniffed {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes.length > 1024 && Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-')) return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5 || head[2] === 7)) return 'zip';
  if (head.toString('hex').startsWith('d0cf11e0a1b11ae1')) return 'ole';
  // Text: few control characters outside tab/newline/carriage return/form feed.
  const sample = bytes.subarray(0, 64 * 1024);
  let control = 0;
  for (const b of sample) if (b < 9 || (b > 13 && b < 32) || b === 127) control++;
  return sample.length > 0 && control / sample.length > 0.02 ? 'binary' : 'text';
}

/** Decodes text bytes: UTF-8 (with or without BOM, UTF-16 with BOM), else Windows-1252. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  // A UTF-8 BOM promises UTF-8; bytes that break the promise are read as Windows-1252 all the same.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** Extracts the text of a plain-text document, or throws the right AppError for other formats. */
export function textFromBytes(bytes: Uint8Array): string {
  const kind = bytes[0] === 0xff && bytes[1] === 0xfe ? 'text' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'text' : sniff(bytes);
  if (kind === 'pdf' || kind === 'zip' || kind === 'ole') {
    throw new AppError('UNSUPPORTED_FORMAT', 'Ce format de fichier (PDF, Word, LibreOffice) n’est pas encore pris en charge : collez le texte du courrier.');
  }
  if (kind === 'binary') throw new AppError('UNSUPPORTED_FORMAT', 'Ce fichier n’est pas un texte lisible : envoyez un courrier au format texte.');
  const { text } = decodeText(bytes);
  if (text.trim().length === 0) throw new AppError('EMPTY_DOCUMENT', 'Le document est vide : il ne contient aucun texte à analyser.');
  return text;
}
