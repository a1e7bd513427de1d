/**
 * HTML → blocks (htmlparser2, streaming and tolerant): headings, paragraphs, list items, table cells,
 * footnotes, page header and footer; scripts, styles and menus skipped.
 */
import { Parser } from 'htmlparser2';
import { decodeText, decodeWindows1252 } from './text.js';
import { cleanLines, type Block, type BlockKind } from './types.js';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'iframe', 'object', 'nav', 'button', 'select', 'math']);
const BLOCK = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'dt', 'dd', 'blockquote', 'pre', 'div', 'section', 'article', 'main', 'aside',
  'caption', 'figcaption', 'address', 'header', 'footer', 'table', 'tr', 'ul', 'ol', 'dl', 'form', 'fieldset', 'legend', 'body', 'hr',
]);

/** Options of the HTML reader. */
export interface HtmlOptions {
  /** `<header>` and `<footer>` are page furniture (web pages). */
  furnitureTags: boolean;
}

/** Extracts the blocks of an HTML document. */
export function htmlBlocks(html: string, options: HtmlOptions): Block[] {
  const blocks: Block[] = [];
  const stack: { name: string; kind?: BlockKind; skip: boolean }[] = [];
  let buf = '';
  let skipDepth = 0;
  let pre = 0;

  const kindHere = (): BlockKind => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const k = stack[i]!.kind;
      if (k === 'header' || k === 'footer') return k;
    }
    for (let i = stack.length - 1; i >= 0; i--) {
      const k = stack[i]!.kind;
      if (k) return k;
    }
    return 'paragraph';
  };
  const flush = (): void => {
    const text = cleanLines(buf);
    buf = '';
    if (text) blocks.push({ kind: kindHere(), text });
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const skip =
          skipDepth > 0 ||
          SKIP.has(name) ||
          // footnote markers ("[1]") and back links ("↑") are navigation, not text
          (name === 'a' && /^#(?:foot|end)note-/.test(attribs.href ?? '')) ||
          attribs.hidden !== undefined ||
          attribs['aria-hidden'] === 'true';
        let kind: BlockKind | undefined;
        if (/^h[1-6]$/.test(name)) kind = 'heading';
        else if (name === 'li') kind = /^(?:foot|end)note-\d+$/.test(attribs.id ?? '') ? 'footnote' : 'list-item';
        else if (name === 'td' || name === 'th') kind = 'cell';
        else if (options.furnitureTags && (name === 'header' || name === 'footer')) kind = name;
        if (!skip && BLOCK.has(name)) flush();
        stack.push({ name, skip, ...(kind ? { kind } : {}) });
        if (skip) skipDepth++;
        if (!skip && name === 'pre') pre++;
        if (!skip && name === 'br') buf += '\n';
      },
      ontext(text) {
        if (skipDepth > 0) return;
        buf += pre > 0 ? text : text.replace(/\s+/g, ' ');
      },
      onclosetag(name) {
        // htmlparser2 closes every open tag, implied ones included, in order.
        const top = stack.pop();
        if (!top) return;
        if (top.skip) {
          skipDepth--;
          return;
        }
        if (name === 'pre') pre--;
        if (BLOCK.has(name)) {
          stack.push(top);
          flush();
          stack.pop();
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return blocks;
}

/** Decodes the bytes of an HTML page: its declared charset first, else UTF-8, else Windows-1252. */
export function decodeHtml(bytes: Uint8Array): string {
  // A byte-order mark wins over any declaration.
  if ((bytes[0] === 0xef && bytes[1] === 0xbb) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return decodeText(bytes).text;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  const declared = m?.[1]?.toLowerCase();
  if (declared === 'iso-8859-15' || declared === 'latin9' || declared === 'latin-9') return new TextDecoder('iso-8859-15').decode(bytes);
  if (declared && /^(?:windows-1252|cp1252|iso-8859-1|latin-?1|us-ascii)$/.test(declared)) {
    return decodeWindows1252(bytes);
  }
  return decodeText(bytes).text;
}
