/**
 * DOCX: mammoth's HTML keeps headings, lists, tables, text boxes and footnotes (its raw text drops
 * footnotes); headers and footers, which mammoth ignores, are read from their own parts.
 */
import { AppError } from '../errors.js';
import { htmlBlocks } from './html.js';
import { readXml } from './xml-blocks.js';
import type { ZipArchive } from './zip.js';
import { cleanLines, type Block, type Extraction } from './types.js';

/** True when the archive is a Word document (possibly with its main part missing). */
export function isDocx(zip: ZipArchive): boolean {
  return zip.has('[Content_Types].xml') && zip.names().some((n) => n.startsWith('word/'));
}

async function furniture(zip: ZipArchive): Promise<Block[]> {
  const blocks: Block[] = [];
  const parts = zip
    .names()
    .filter((n) => /^word\/(?:header|footer)\d*\.xml$/.test(n))
    .sort();
  for (const name of parts) {
    const kind = name.includes('header') ? 'header' : 'footer';
    let buf = '';
    let inText = false;
    await readXml(await zip.stream(name), {
      open(t) {
        if (t.name === 'w:t') inText = true;
        else if (t.name === 'w:tab') buf += ' ';
        else if (t.name === 'w:br' || t.name === 'w:cr') buf += '\n';
      },
      close(n) {
        if (n === 'w:t') inText = false;
        else if (n === 'w:p') {
          const text = cleanLines(buf);
          if (text) blocks.push({ kind, text });
          buf = '';
        }
      },
      text(t) {
        if (inText) buf += t;
      },
    });
  }
  return blocks;
}

/** Extracts a DOCX whose zip directory already passed the limits. */
export async function extractDocx(bytes: Buffer, zip: ZipArchive): Promise<Extraction> {
  if (!zip.has('word/document.xml') && !zip.names().some((n) => /^word\/document\d*\.xml$/.test(n))) {
    throw new AppError('UNREADABLE', 'Ce document Word est incomplet : sa partie principale (le texte) est absente. Enregistrez-le à nouveau depuis Word ou LibreOffice.');
  }
  // mammoth (JSZip) inflates whole entries before checking their declared sizes: every part it may
  // read is first streamed through yauzl, which stops at the first byte beyond the declared size.
  await zip.verify((n) => /\.(?:xml|rels)$/i.test(n));
  // Imported on first use: the worker bundle must not load every reader at start.
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml(
      { buffer: bytes },
      // Pictures are never read (mammoth would inline each one as base64).
      { ignoreEmptyParagraphs: true, convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
    ));
  } catch (e) {
    throw new AppError('UNREADABLE', 'Ce document Word est endommagé : son texte ne peut pas être lu. Enregistrez-le à nouveau depuis Word ou LibreOffice.', {
      detail: (e as Error).message.slice(0, 200),
    });
  }
  const body = htmlBlocks(html, { furnitureTags: false });
  const extra = await furniture(zip).catch(() => [] as Block[]);
  return { format: 'docx', blocks: [...body, ...extra], warnings: [] };
}
