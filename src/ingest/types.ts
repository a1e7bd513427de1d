/** What every ingestion adapter returns: the blocks of the original, in reading order, with their page. */
import type { Warning } from '../model.js';

/** Formats Clarté reads. */
export type SourceFormat = 'pdf' | 'docx' | 'odt' | 'html' | 'txt';

/** Kinds of block: body text, then the page furniture (headers, footers) reported apart. */
export const BLOCK_KINDS = ['heading', 'paragraph', 'list-item', 'cell', 'footnote', 'header', 'footer'] as const;
/** A kind of block. */
export type BlockKind = (typeof BLOCK_KINDS)[number];

/** True for headers and footers: repeated page furniture, read for the mentions but not analysed as prose. */
export function isFurniture(kind: BlockKind): boolean {
  return kind === 'header' || kind === 'footer';
}

/** One block of the original: a paragraph, heading, list item, table cell, footnote, header or footer. */
export interface Block {
  kind: BlockKind;
  /** Its text; lines that are not wrapped prose (address lines) are kept apart by "\n". */
  text: string;
  /** 1-based page, when the format has pages. */
  page?: number;
}

/** A block's text with blanks folded in each line and empty lines dropped (line breaks kept). */
export function cleanLines(raw: string): string {
  return raw
    .split('\n')
    .map((l) => l.replace(/[ \t\r\f]+/g, ' ').trim())
    .filter((l) => l.length > 0)
    .join('\n');
}

/** The result of an extraction. */
export interface Extraction {
  format: SourceFormat;
  pages?: number;
  blocks: Block[];
  warnings: Warning[];
}

/** Limits that protect the service from one document. */
export interface IngestLimits {
  maxBytes: number;
  maxPages: number;
  /** Entries of a zip-based file (DOCX, ODT), checked before inflating anything. */
  maxZipEntries: number;
  /** Total declared uncompressed size of a zip-based file, checked before inflating anything. */
  maxZipBytes: number;
  /** Wall time of one document (extraction and analysis), after which its worker is killed. */
  timeoutMs: number;
  /** Heap of one worker thread (old generation), in MiB. */
  memoryMb: number;
}

/** The PDF extraction engines Clarté can use. */
export const PDF_ENGINES = ['unpdf', 'pdf-parse'] as const;
/** A PDF extraction engine. */
export type PdfEngineName = (typeof PDF_ENGINES)[number];
