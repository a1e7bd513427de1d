/**
 * DOCX: our own streaming reader (saxes over each part, inflated by yauzl straight from the archive
 * whose directory passed the limits, every entry held to its declared size): headings, paragraphs,
 * list items, table cells and text boxes from the body; footnotes and endnotes after it, in the order
 * of their references; headers and footers as page furniture. Styles and numbering, read after the
 * body when it needs them, tell headings and list items from paragraphs. The XML handlers live in
 * docx-reader.ts. Replaces mammoth (two inflations of every part, HTML, then htmlparser2): about 6×
 * faster for the same text.
 */
import { AppError, isAppError } from '../errors.js';
import { Classifier, DocxPartReader, NumberingReader, RelsReader, resolveTarget, StylesReader, type PendingBlock } from './docx-reader.js';
import { readXml, type XmlHandler } from './xml-blocks.js';
import type { ZipArchive } from './zip.js';
import type { Block, Extraction } from './types.js';

const INCOMPLETE = 'Ce document Word est incomplet : sa partie principale (le texte) est absente. Enregistrez-le à nouveau depuis Word ou LibreOffice.';
const DAMAGED = 'Ce document Word est endommagé : son texte ne peut pas être lu. Enregistrez-le à nouveau depuis Word ou LibreOffice.';
// As zip.ts says it: the archive, not the XML, is at fault.
const TRUNCATED = 'Le fichier est endommagé ou tronqué : son contenu ne peut pas être lu. Enregistrez-le à nouveau depuis votre traitement de texte.';
const FURNITURE_PART = /^word\/(?:header|footer)\d*\.xml$/;

/** True when the archive is a Word document (possibly with its main part missing). */
export function isDocx(zip: ZipArchive): boolean {
  return zip.has('[Content_Types].xml') && zip.names().some((n) => n.startsWith('word/'));
}

/**
 * Streams one part through a handler. A failure of the archive (an entry longer than it declares,
 * broken compression) always throws; malformed XML throws as a damaged Word document when `strict`,
 * else the part is skipped (false).
 */
async function readPart(zip: ZipArchive, name: string, handler: XmlHandler, strict: boolean): Promise<boolean> {
  const stream = await zip.stream(name);
  let archiveFailed = false;
  stream.on('error', () => {
    archiveFailed = true;
  });
  try {
    await readXml(stream, handler);
    return true;
  } catch (e) {
    if (!archiveFailed && !strict) return false;
    const detail = `${name}: ${(isAppError(e) ? (e.details as { detail?: string } | undefined)?.detail : (e as Error).message) ?? ''}`.slice(0, 200);
    throw new AppError('UNREADABLE', archiveFailed ? TRUNCATED : DAMAGED, { detail });
  }
}

/** The targets of a relationships part, or none when it is absent or malformed. */
async function relationships(zip: ZipArchive, name: string): Promise<RelsReader | undefined> {
  if (!zip.has(name)) return undefined;
  const rels = new RelsReader();
  return (await readPart(zip, name, rels, false)) ? rels : undefined;
}

const PART_TYPES = ['styles', 'numbering', 'footnotes', 'endnotes'] as const;

interface Parts {
  main: string;
  styles?: string;
  numbering?: string;
  footnotes?: string;
  endnotes?: string;
}

/**
 * Finds the parts as mammoth does: by relationship, else at their usual names. Relationships are read
 * only when a part is not at the name Word, LibreOffice and the generators give it (each entry read costs
 * an inflater: a third of the time of a small letter went into them).
 */
async function locate(zip: ZipArchive): Promise<Parts> {
  let main = 'word/document.xml';
  if (!zip.has(main)) {
    const pkg = await relationships(zip, '_rels/.rels');
    main = pkg?.targets.get('officeDocument')?.map((t) => resolveTarget('', t)).find((n) => zip.has(n)) ?? main;
    if (!zip.has(main)) throw new AppError('UNREADABLE', INCOMPLETE);
  }
  const parts: Parts = { main };
  const usual = (type: string): string => `word/${type}.xml`;
  let rels: RelsReader | undefined;
  const slash = main.lastIndexOf('/');
  const folder = slash < 0 ? '' : main.slice(0, slash);
  if (main !== 'word/document.xml' || PART_TYPES.some((t) => !zip.has(usual(t)))) {
    rels = await relationships(zip, `${folder ? `${folder}/` : ''}_rels/${main.slice(slash + 1)}.rels`);
  }
  for (const type of PART_TYPES) {
    const name = rels?.targets.get(type)?.map((t) => resolveTarget(folder, t)).find((n) => zip.has(n)) ?? (zip.has(usual(type)) ? usual(type) : undefined);
    if (name !== undefined) parts[type] = name;
  }
  return parts;
}

/** Waits for every read, then throws the first failure (no stream is left running unobserved). */
async function all(reads: Promise<unknown>[]): Promise<void> {
  for (const r of await Promise.allSettled(reads)) if (r.status === 'rejected') throw r.reason;
}

/** Extracts a DOCX whose zip directory already passed the limits. */
export async function extractDocx(_bytes: Buffer, zip: ZipArchive): Promise<Extraction> {
  const parts = await locate(zip);
  // The body first, with the headers and footers (inflating runs on libuv's threads while saxes parses
  // on this one); then only the parts it needs: styles when a paragraph names one, numbering when one
  // may be a list item, notes when they are referenced.
  const body = new DocxPartReader('body');
  const furniture = zip
    .names()
    .filter((n) => FURNITURE_PART.test(n))
    .sort()
    .map((n) => [n, new DocxPartReader(n.includes('header') ? 'header' : 'footer')] as const);
  // A malformed header or footer is left out (Word would show the body); an entry that lies is not.
  await all([readPart(zip, parts.main, body, true), ...furniture.map(([name, reader]) => readPart(zip, name, reader, false))]);

  const styled = body.blocks.some((b) => b.style !== undefined);
  const numbered = styled || body.blocks.some((b) => b.numId !== undefined);
  // Numbering styles (w:numStyleLink) are defined in styles.xml: lists need it too.
  const styles = numbered && parts.styles !== undefined ? new StylesReader() : undefined;
  const numbering = numbered && parts.numbering !== undefined ? new NumberingReader() : undefined;
  const cites = (type: string): boolean => body.refs.some((r) => r.startsWith(type));
  const notes = [cites('footnote:') ? parts.footnotes : undefined, cites('endnote:') ? parts.endnotes : undefined]
    .filter((n): n is string => n !== undefined)
    .map((n) => [n, new DocxPartReader('notes')] as const);
  const reads: Promise<unknown>[] = notes.map(([name, reader]) => readPart(zip, name, reader, true));
  if (styles && parts.styles) reads.push(readPart(zip, parts.styles, styles, true));
  if (numbering && parts.numbering) reads.push(readPart(zip, parts.numbering, numbering, true));
  await all(reads);
  // Notes may name styles the body does not use.
  const noteBlocks = notes.flatMap(([, reader]) => [...reader.notes.values()].flat());
  let lateStyles: StylesReader | undefined;
  let lateNumbering: NumberingReader | undefined;
  if (noteBlocks.some((b) => b.style !== undefined || b.numId !== undefined)) {
    const late: Promise<unknown>[] = [];
    if (!styles && parts.styles) late.push(readPart(zip, parts.styles, (lateStyles = new StylesReader()), true));
    if (!numbering && parts.numbering) late.push(readPart(zip, parts.numbering, (lateNumbering = new NumberingReader()), true));
    await all(late);
  }

  const classifier = new Classifier(styles ?? lateStyles, numbering ?? lateNumbering);
  const blocks: Block[] = body.blocks.map((b) => ({ kind: classifier.kind(b), text: b.text }));
  // Notes after the body, in the order of their first reference (separators and unused notes left out).
  const byRef = new Map<string, PendingBlock[]>();
  for (const [, reader] of notes) for (const [ref, list] of reader.notes) if (!byRef.has(ref)) byRef.set(ref, list);
  const cited = new Set<string>();
  for (const ref of body.refs) {
    if (cited.has(ref)) continue;
    cited.add(ref);
    for (const b of byRef.get(ref) ?? []) blocks.push({ kind: classifier.kind(b), text: b.text });
  }
  // Headers and footers once each (first-page, even and default ones often repeat).
  const seen = new Set<string>();
  for (const [, reader] of furniture) {
    for (const b of reader.blocks) {
      const key = `${b.kind}\n${b.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      blocks.push({ kind: b.kind, text: b.text });
    }
  }
  return { format: 'docx', blocks, warnings: [] };
}
