/** Blocks → the report text and its source map: body blocks first, then headers and footers. */
import { normalizeText } from '../analysis/normalize.js';
import { isFurniture, type Block, type BlockKind } from './types.js';

/** A block placed in the report text: the source map entry for its offsets. */
export interface SourceBlock {
  start: number;
  end: number;
  kind: BlockKind;
  page?: number;
}

/** The text to analyse, the place of each block in it, and where the body ends. */
export interface Assembled {
  text: string;
  blocks: SourceBlock[];
  /** Offsets from here on are headers and footers: read for the mentions, not analysed as prose. */
  bodyEnd: number;
}

/**
 * A block's text normalised until nothing changes (one pass can expose another: a control character
 * before a line break, chained hyphen breaks), blank lines folded: the assembled text is then its
 * own normalisation, which the source map needs.
 */
function settle(raw: string): string {
  let text = raw;
  for (let i = 0; i < 5; i++) {
    const next = normalizeText(text)
      .replace(/\n(?:[ \t]*\n)+/g, '\n')
      .trim();
    if (next === text) break;
    text = next;
  }
  return text;
}

/** Joins blocks into one normalised text, blocks separated by a blank line. */
export function assemble(blocks: Block[]): Assembled {
  const ordered = [...blocks.filter((b) => !isFurniture(b.kind)), ...blocks.filter((b) => isFurniture(b.kind))];
  const parts: string[] = [];
  const out: SourceBlock[] = [];
  let pos = 0;
  let bodyEnd = 0;
  for (const b of ordered) {
    const text = settle(b.text);
    if (!text) continue;
    if (parts.length) pos += 2;
    const sb: SourceBlock = { start: pos, end: pos + text.length, kind: b.kind };
    if (b.page !== undefined) sb.page = b.page;
    out.push(sb);
    parts.push(text);
    pos += text.length;
    if (!isFurniture(b.kind)) bodyEnd = pos;
  }
  return { text: parts.join('\n\n'), blocks: out, bodyEnd };
}

/** The block holding an offset (binary search), as its index, or -1. */
export function blockAt(blocks: readonly SourceBlock[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
