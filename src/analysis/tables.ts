/**
 * Framed text: tables drawn with characters (`| a | b |`, `+---+`, Markdown tables) and boxes
 * (`┌──┐ │ … │`). Read line by line, their cells cut every phrase in pieces ("2 mois à compter de la |"
 * … "| notification de la décision"). A table's reading joins the lines of each cell, column by
 * column and row by row, so that mention patterns can read a recourse table as they read a paragraph;
 * every character of a reading keeps the offset it has in the text, so what is found there points
 * back into the letter.
 */

/** The reading of one framed block. */
export interface TableReading {
  /** Offsets of the block in the text. */
  start: number;
  end: number;
  /** Cells joined: the lines of a cell by a space, the columns of a row by a line break, rows by a blank line. */
  text: string;
  /** Offset in the text of each character of `text` (a joining character takes the offset after the one before it). */
  map: Int32Array;
}

const SEPARATOR = /[|│┃║]/;
const SEPARATORS = /[|│┃║]/g;
/** A rule between rows: only drawing characters, with at least three horizontal strokes. */
const BORDER = /^[ \t]*[+|│┃║├┤┌┐└┘┬┴┼╔╗╚╝╠╣╟╢╤╧╪╞╡═─━\-=:]+[ \t+|│┃║├┤┌┐└┘┬┴┼╔╗╚╝╠╣╟╢╤╧╪╞╡═─━\-=:]*$/;
const STROKES = /[-─━═]{3}/;

interface Line {
  start: number;
  text: string;
}

const isBorder = (l: string): boolean => BORDER.test(l) && STROKES.test(l);

/** A line that is part of a frame: starts with a separator, or holds two of them. */
function isFramed(l: string): boolean {
  if (!SEPARATOR.test(l)) return false;
  if (/^[ \t]*[|│┃║]/.test(l)) return true;
  return (l.match(SEPARATORS)?.length ?? 0) >= 2;
}

/** The readings of every framed block of a text (none when it holds no separator). */
export function tableReadings(text: string): TableReading[] {
  if (!SEPARATOR.test(text)) return [];
  const lines: Line[] = [];
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lines.push({ start, text: text.slice(start, end) });
    start = end + 1;
  }
  const out: TableReading[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!isFramed(lines[i]!.text) && !isBorder(lines[i]!.text)) {
      i++;
      continue;
    }
    let j = i;
    let framed = 0;
    while (j < lines.length && (isFramed(lines[j]!.text) || isBorder(lines[j]!.text))) {
      if (isFramed(lines[j]!.text) && !isBorder(lines[j]!.text)) framed++;
      j++;
    }
    if (framed >= 2) out.push(readBlock(lines.slice(i, j)));
    i = j;
  }
  return out;
}

/** Reads one block: rows are separated by border lines (every line is a row in a Markdown table). */
function readBlock(lines: Line[]): TableReading {
  const chars: string[] = [];
  const map: number[] = [];
  const push = (s: string, at: number): void => {
    for (let k = 0; k < s.length; k++) {
      chars.push(s[k]!);
      map.push(at + k);
    }
  };
  const joiner = (s: string): void => {
    if (chars.length === 0) return;
    const at = map[map.length - 1]! + 1;
    for (const ch of s) {
      chars.push(ch);
      map.push(at);
    }
  };
  const markdown = lines.some((l) => /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|/.test(l.text));
  let row: Map<number, { at: number; text: string }[]> = new Map();
  const flush = (): void => {
    if (row.size === 0) return;
    if (chars.length) joiner('\n\n');
    let firstColumn = true;
    for (const col of [...row.keys()].sort((a, b) => a - b)) {
      const cells = row.get(col)!;
      if (!firstColumn) joiner('\n');
      firstColumn = false;
      cells.forEach((c, k) => {
        if (k > 0) joiner(' ');
        push(c.text, c.at);
      });
    }
    row = new Map();
  };
  for (const line of lines) {
    if (isBorder(line.text)) {
      flush();
      continue;
    }
    // Cells: the stretches between separators (before the first one too, when it holds text).
    let col = 0;
    let from = 0;
    const cut = (to: number): void => {
      const raw = line.text.slice(from, to);
      const lead = raw.length - raw.trimStart().length;
      const cell = raw.trim();
      if (cell) {
        const cells = row.get(col) ?? [];
        cells.push({ at: line.start + from + lead, text: cell });
        row.set(col, cells);
      }
    };
    SEPARATORS.lastIndex = 0;
    for (let m = SEPARATORS.exec(line.text); m; m = SEPARATORS.exec(line.text)) {
      cut(m.index);
      from = m.index + 1;
      col++;
    }
    cut(line.text.length);
    if (markdown) flush();
  }
  flush();
  return { start: lines[0]!.start, end: lines[lines.length - 1]!.start + lines[lines.length - 1]!.text.length, text: chars.join(''), map: Int32Array.from(map) };
}
