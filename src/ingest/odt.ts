/**
 * ODT (LibreOffice Writer): content.xml streamed through saxes: headings, paragraphs, list items,
 * table cells, footnotes and endnotes (after the body), soft page breaks for page numbers; comments
 * and tracked deletions skipped. Headers and footers come from the master pages of styles.xml.
 */
import type { SaxesTagPlain } from 'saxes';
import { AppError } from '../errors.js';
import { readXml } from './xml-blocks.js';
import type { ZipArchive } from './zip.js';
import { cleanLines, type Block, type BlockKind, type Extraction } from './types.js';

const ODT_MIME = 'application/vnd.oasis.opendocument.text';

/** What kind of OpenDocument the archive is: text, another one (spreadsheet…), or not OpenDocument. */
export async function openDocumentKind(zip: ZipArchive): Promise<'odt' | 'other' | undefined> {
  if (zip.has('mimetype')) {
    const mime = (await zip.read('mimetype')).toString('latin1').trim();
    if (mime === ODT_MIME || mime === `${ODT_MIME}-template`) return 'odt';
    if (mime.startsWith('application/vnd.oasis.opendocument.')) return 'other';
  }
  return zip.has('content.xml') && zip.has('META-INF/manifest.xml') ? 'odt' : undefined;
}

const SKIPPED = new Set([
  'office:annotation',
  'office:annotation-end',
  'text:tracked-changes',
  'text:note-citation',
  'office:forms',
  'text:sequence-decls',
  'svg:title',
  'svg:desc',
]);

/** Reads paragraph-like elements of an ODF XML part into blocks. */
class OdfReader {
  blocks: Block[] = [];
  notes: Block[] = [];
  page = 1;
  softBreaks = 0;
  private stack: { name: string; buf: string }[] = [];
  private context: string[] = [];
  private skip = 0;

  constructor(private readonly furniture?: BlockKind) {}

  open(t: SaxesTagPlain): void {
    const name = t.name;
    // saxes sends a close event for every element, self-closing ones included: count them all.
    if (this.skip > 0 || SKIPPED.has(name)) {
      this.skip++;
      return;
    }
    if (name === 'text:soft-page-break') {
      this.page++;
      this.softBreaks++;
      return;
    }
    if (name === 'text:p' || name === 'text:h') {
      this.stack.push({ name, buf: '' });
      return;
    }
    const top = this.stack[this.stack.length - 1];
    if (top) {
      if (name === 'text:s') top.buf += ' '.repeat(Math.min(100, Number(t.attributes['text:c'] ?? 1) || 1));
      else if (name === 'text:tab') top.buf += ' ';
      else if (name === 'text:line-break') top.buf += '\n';
    }
    this.context.push(name);
  }

  close(name: string): void {
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    if (name === 'text:p' || name === 'text:h') {
      const el = this.stack.pop();
      if (!el) return;
      const text = cleanLines(el.buf);
      if (!text) return;
      const inNote = this.context.includes('text:note-body');
      const kind: BlockKind =
        this.furniture ??
        (inNote
          ? 'footnote'
          : name === 'text:h'
            ? 'heading'
            : this.context.includes('table:table-cell')
              ? 'cell'
              : this.context.includes('text:list-item') || this.context.includes('text:list-header')
                ? 'list-item'
                : 'paragraph');
      (inNote ? this.notes : this.blocks).push({ kind, text, page: this.page });
      return;
    }
    if (name === 'text:soft-page-break') return;
    if (this.context[this.context.length - 1] === name) this.context.pop();
  }

  text(t: string): void {
    if (this.skip > 0) return;
    const top = this.stack[this.stack.length - 1];
    // XML whitespace between elements is not text; inside a paragraph, runs of spaces count once.
    if (top) top.buf += t.replace(/[\r\n\t]/g, ' ').replace(/ {2,}/g, ' ');
  }
}

async function masterFurniture(zip: ZipArchive): Promise<Block[]> {
  if (!zip.has('styles.xml')) return [];
  const blocks: Block[] = [];
  let kind: BlockKind | undefined;
  let reader: OdfReader | undefined;
  await readXml(await zip.stream('styles.xml'), {
    open(t) {
      if (/^style:(?:header|footer)(?:-left|-first)?$/.test(t.name) && !t.isSelfClosing) {
        kind = t.name.startsWith('style:header') ? 'header' : 'footer';
        reader = new OdfReader(kind);
      } else reader?.open(t);
    },
    close(n) {
      if (reader && /^style:(?:header|footer)(?:-left|-first)?$/.test(n)) {
        for (const b of reader.blocks) if (!blocks.some((x) => x.text === b.text)) blocks.push({ kind: b.kind, text: b.text });
        reader = undefined;
        kind = undefined;
      } else reader?.close(n);
    },
    text(t) {
      reader?.text(t);
    },
  });
  return blocks;
}

async function pageCount(zip: ZipArchive): Promise<number | undefined> {
  if (!zip.has('meta.xml')) return undefined;
  let pages: number | undefined;
  await readXml(await zip.stream('meta.xml'), {
    open(t) {
      if (t.name === 'meta:document-statistic') {
        const n = Number(t.attributes['meta:page-count']);
        if (Number.isInteger(n) && n > 0) pages = n;
      }
    },
    close() {},
    text() {},
  });
  return pages;
}

/** Extracts an ODT whose zip directory already passed the limits. */
export async function extractOdt(zip: ZipArchive, maxPages: number): Promise<Extraction> {
  if (zip.has('META-INF/manifest.xml') && (await zip.read('META-INF/manifest.xml')).includes('encryption-data')) {
    throw new AppError('ENCRYPTED', 'Ce document LibreOffice est protégé par un mot de passe : enregistrez une copie sans mot de passe puis envoyez-la.');
  }
  if (!zip.has('content.xml')) {
    throw new AppError('UNREADABLE', 'Ce document LibreOffice est incomplet : son contenu (content.xml) est absent. Enregistrez-le à nouveau depuis LibreOffice.');
  }
  const reader = new OdfReader();
  await readXml(await zip.stream('content.xml'), reader);
  const stated = await pageCount(zip).catch(() => undefined);
  const pages = Math.max(stated ?? 1, reader.page);
  if (pages > maxPages) throw new AppError('TOO_LARGE', `Le document compte ${pages} pages ; Clarté en lit au plus ${maxPages}.`);
  const furniture = await masterFurniture(zip).catch(() => [] as Block[]);
  // Pages are known only where LibreOffice wrote its soft page breaks (or the document has one page).
  const paged = reader.softBreaks > 0 || pages === 1;
  const body = [...reader.blocks, ...reader.notes].map((b) => (paged ? b : { kind: b.kind, text: b.text }));
  const out: Extraction = { format: 'odt', blocks: [...body, ...furniture], warnings: [] };
  if (stated !== undefined || reader.softBreaks > 0) out.pages = pages;
  return out;
}
