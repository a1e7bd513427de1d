/**
 * PDF layout: positioned text items → lines → reading order → blocks. Lines come from items on one
 * baseline; a wide gap splits a line into segments, and a run of such lines is a two-column band
 * (letterhead: sender left, addressee right) read column by column. Lines repeated in the top or
 * bottom margin of most pages are headers and footers; page numbers are dropped. Blocks break on
 * vertical gaps, size changes, headings and bullets; words hyphenated across lines are joined.
 */
import type { Block, BlockKind } from '../types.js';
import type { PdfItem, PdfPage } from './engine.js';

interface Seg {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  bold: boolean;
}

interface Line {
  segs: Seg[];
  y: number;
  size: number;
  page: number;
  /** Position on the page: 0 at the top, 1 at the bottom. */
  depth: number;
}

/** A wide gap between two items of one baseline, in font sizes: two columns, not two words. */
const COLUMN_GAP = 2.8;
const BULLET = /^[•●▪■◦○‣⁃∙·\-–—*]\s/u;
const NUMBERED = /^(?:\d{1,2}[.)]|[a-z][.)])\s/u;
const PAGE_NUMBER = /^(?:page\s*)?#+(?:\s*(?:\/|sur|of|de)\s*#+)?$|^[-–—]\s*#+\s*[-–—]$|^#+\s*\/\s*#+$/i;
// Second halves of words that keep their hyphen when split at a line end ("peut-|être", "celle-|ci").
const COMPOUND_TAILS = new Set(['être', 'ci', 'là', 'même', 'mêmes', 'il', 'elle', 'ils', 'elles', 'on', 't', 'dessus', 'dessous', 'delà', 'deçà', 'clés', 'clé']);

function median(values: number[], fallback: number): number {
  if (values.length === 0) return fallback;
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function segText(items: PdfItem[]): string {
  let out = '';
  let prev: PdfItem | undefined;
  for (const it of items) {
    if (prev) {
      const gap = it.x - (prev.x + prev.width);
      if (gap > 0.18 * Math.min(prev.size, it.size) && !/\s$/.test(out) && !/^\s/.test(it.str)) out += ' ';
    }
    out += it.str;
    prev = it;
  }
  return out.replace(/\s+/g, ' ').trim();
}

function pageLines(page: PdfPage, n: number): Line[] {
  // Blank items are dropped: spaces come back from the gaps, and a wide blank item drawn across a
  // column gap would hide it.
  const items = page.items.filter((i) => i.str.trim()).sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PdfItem[][] = [];
  let ref: PdfItem | undefined;
  for (const it of items) {
    if (ref && Math.abs(it.y - ref.y) <= 0.45 * Math.min(ref.size, it.size)) groups[groups.length - 1]!.push(it);
    else {
      groups.push([it]);
      ref = it;
    }
  }
  const lines: Line[] = [];
  for (const g of groups) {
    g.sort((a, b) => a.x - b.x);
    const segs: Seg[] = [];
    let cur: PdfItem[] = [];
    const close = (): void => {
      const text = segText(cur);
      if (text) {
        const last = cur[cur.length - 1]!;
        const size = Math.max(...cur.map((c) => c.size));
        const words = cur.filter((c) => c.str.trim());
        segs.push({ text, x0: cur[0]!.x, x1: last.x + last.width, y: cur[0]!.y, size, bold: words.length > 0 && words.every((c) => c.bold) });
      }
      cur = [];
    };
    for (const it of g) {
      const prev = cur[cur.length - 1];
      if (prev && it.x - (prev.x + prev.width) > COLUMN_GAP * Math.max(prev.size, it.size) && !page.positionless) close();
      cur.push(it);
    }
    close();
    if (segs.length === 0) continue;
    const y = g[0]!.y;
    lines.push({ segs, y, size: median(segs.map((s) => s.size), 10), page: n, depth: page.height > 0 ? 1 - y / page.height : 0.5 });
  }
  return lines;
}

const keyOf = (l: Line): string =>
  l.segs
    .map((s) => s.text)
    .join(' ')
    .toLowerCase()
    .replace(/\d+/g, '#')
    .replace(/\s+/g, ' ')
    .trim();

/** Splits lines into body and furniture (headers and footers repeated across pages; page numbers dropped). */
function furniture(pages: Line[][]): { body: Line[][]; furniture: Block[] } {
  const inMargin = (l: Line, lines: Line[], positionless: boolean): boolean =>
    positionless ? lines.indexOf(l) < 2 || lines.indexOf(l) >= lines.length - 2 : l.depth < 0.13 || l.depth > 0.87;
  const positionless = pages.some((p) => p.length > 0 && p.every((l) => l.segs[0]!.x0 === 0));
  const seen = new Map<string, Set<number>>();
  pages.forEach((lines, i) => {
    for (const l of lines) {
      if (!inMargin(l, lines, positionless)) continue;
      const k = keyOf(l);
      if (!seen.has(k)) seen.set(k, new Set());
      seen.get(k)!.add(i);
    }
  });
  const needed = Math.max(2, Math.ceil(pages.length / 2));
  const out: Block[] = [];
  const kept = new Set<string>();
  const body = pages.map((lines) =>
    lines.filter((l) => {
      if (!inMargin(l, lines, positionless)) return true;
      const k = keyOf(l);
      if (PAGE_NUMBER.test(k)) return false;
      if (pages.length < 2 || (seen.get(k)?.size ?? 0) < needed) return true;
      if (!kept.has(k)) {
        kept.add(k);
        out.push({ kind: l.depth < 0.5 ? 'header' : 'footer', text: l.segs.map((s) => s.text).join(' '), page: l.page });
      }
      return false;
    }),
  );
  return { body, furniture: out };
}

/** Reading order of one page: single-column lines in order; a two-column band column by column. */
function runsOf(lines: Line[]): Seg[][] {
  const runs: Seg[][] = [];
  let flow: Seg[] = [];
  const endFlow = (): void => {
    if (flow.length) runs.push(flow);
    flow = [];
  };
  let i = 0;
  while (i < lines.length) {
    const l = lines[i]!;
    if (l.segs.length < 2) {
      flow.push(l.segs[0]!);
      i++;
      continue;
    }
    const mid = (l.segs[0]!.x1 + l.segs[1]!.x0) / 2;
    const left: Seg[] = [];
    const right: Seg[] = [];
    let j = i;
    let lastY = l.y;
    for (; j < lines.length; j++) {
      const m = lines[j]!;
      if (j > i && lastY - m.y > 2.6 * m.size) break;
      if (m.segs.some((s) => s.x0 < mid && s.x1 > mid)) break;
      for (const s of m.segs) (s.x1 <= mid ? left : right).push(s);
      lastY = m.y;
    }
    // A band of one line only is a line with a wide gap (a tab stop, "Date :   3 mars"), not columns.
    if (j - i === 1 && left.length === 1 && right.length === 1) {
      flow.push({ ...left[0]!, text: `${left[0]!.text} ${right[0]!.text}`, x1: right[0]!.x1 });
      i++;
      continue;
    }
    endFlow();
    const merge = (segs: Seg[]): Seg[] => {
      const out: Seg[] = [];
      for (const s of segs) {
        const prev = out[out.length - 1];
        if (prev && Math.abs(prev.y - s.y) < 0.45 * s.size) out[out.length - 1] = { ...prev, text: `${prev.text} ${s.text}`, x1: s.x1 };
        else out.push(s);
      }
      return out;
    };
    if (left.length) runs.push(merge(left));
    if (right.length) runs.push(merge(right));
    i = j;
  }
  endFlow();
  return runs;
}

function joinLines(lines: Seg[], right: number, positionless: boolean): string {
  let text = lines[0]!.text;
  for (let k = 1; k < lines.length; k++) {
    const prev = lines[k - 1]!;
    const next = lines[k]!.text;
    const hyphen = /(\p{L})[-\u00AD]$/u.test(text) && /^\p{Ll}/u.test(next);
    if (hyphen) {
      const tail = /^[\p{L}]+/u.exec(next)?.[0] ?? '';
      text = COMPOUND_TAILS.has(tail.toLowerCase()) ? text.replace(/\u00AD$/, '-') + next : text.slice(0, -1) + next;
      continue;
    }
    // Wrapped prose: a long line reaching the right edge, or a next line that goes on in lower case.
    // Short lines (an address, a letterhead) keep their line breaks.
    const wrapped = /^\p{Ll}/u.test(next) || (!positionless && prev.text.length >= 35 && prev.x1 >= prev.x0 + 0.8 * (right - prev.x0));
    text += (wrapped ? ' ' : '\n') + next;
  }
  return text;
}

/** Lays out the pages of a PDF into blocks: body in reading order, then headers and footers. */
export function layoutPages(pages: PdfPage[]): Block[] {
  const all = pages.map((p, i) => pageLines(p, i + 1));
  const { body, furniture: furn } = furniture(all);
  const positionless = pages.some((p) => p.positionless);
  const lineSizes = body.flat().flatMap((l) => l.segs.map((s) => s.size));
  const bodySize = median(lineSizes, 10);
  const gaps: number[] = [];
  for (const lines of body) for (let k = 1; k < lines.length; k++) if (Math.abs(lines[k]!.size - bodySize) < 0.5) gaps.push(lines[k - 1]!.y - lines[k]!.y);
  const leading = Math.max(bodySize, median(gaps.filter((g) => g > 0.5 * bodySize && g < 3 * bodySize), bodySize * 1.2));

  const blocks: Block[] = [];
  body.forEach((lines, p) => {
    const height = pages[p]!.height;
    for (const run of runsOf(lines)) {
      const right = median(run.map((s) => s.x1).sort((a, b) => b - a).slice(0, Math.max(1, run.length >> 2)), 0);
      const isHeading = (s: Seg): boolean => s.size >= bodySize * 1.15 || (s.bold && s.text.length < 120 && !/[.;,]$/.test(s.text) && !positionless);
      let cur: Seg[] = [];
      let kind: BlockKind = 'paragraph';
      const flush = (): void => {
        if (cur.length) blocks.push({ kind, text: joinLines(cur, right, positionless), page: p + 1 });
        cur = [];
      };
      for (const s of run) {
        const prev = cur[cur.length - 1];
        const heading = isHeading(s);
        // A number that opens a line continues the sentence when the line before is wrapped prose.
        const bullet = BULLET.test(s.text) || (NUMBERED.test(s.text) && (!prev || prev.x1 < right - 2 * prev.size || /[.:;]$/.test(prev.text)));
        let start = !prev;
        if (prev) {
          const gap = prev.y - s.y;
          if (gap > leading * 1.45 || gap < -0.5 * s.size) start = true;
          else if (Math.abs(s.size - prev.size) > 0.12 * prev.size) start = true;
          else if (heading !== (kind === 'heading')) start = true;
          else if (bullet) start = true;
        }
        if (start) {
          flush();
          const smallNote = s.size < bodySize * 0.85 && /^(?:\d{1,2}|\*)\s?\S/.test(s.text) && (height ? 1 - s.y / height : 0) > 0.65;
          kind = heading ? 'heading' : bullet ? 'list-item' : smallNote ? 'footnote' : 'paragraph';
        }
        cur.push(s);
      }
      flush();
    }
  });
  return [...mergeAcrossPages(blocks), ...furn];
}

/**
 * A paragraph that runs onto the next page: the last block of a page, without final punctuation,
 * and the first of the next, starting in lower case, are one paragraph (a word cut by a hyphen at
 * the page end is joined too). The paragraph keeps the page where it starts.
 */
function mergeAcrossPages(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.kind === 'paragraph' &&
      b.kind === 'paragraph' &&
      prev.page !== undefined &&
      b.page === prev.page + 1 &&
      out.filter((x) => x.page === b.page).length === 0 &&
      !/[.!?:;»)…]$/u.test(prev.text) &&
      /^\p{Ll}/u.test(b.text)
    ) {
      const hyphen = /\p{L}-$/u.test(prev.text);
      out[out.length - 1] = { ...prev, text: hyphen ? prev.text.slice(0, -1) + b.text : `${prev.text} ${b.text}` };
      continue;
    }
    out.push(b);
  }
  return out;
}
