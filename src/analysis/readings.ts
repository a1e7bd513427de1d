/**
 * Other readings of parts of a letter, for the mention patterns: the same words with the layout taken
 * out. Every character of a reading keeps the offset it has in the text, so what is found there
 * points back into the letter.
 *
 * Framed text: tables drawn with characters (`| a | b |`, `+---+`, Markdown tables), boxes
 * (`┌──┐ │ … │`, or framed with asterisks `* … *`), two columns split by one rule (`… │ …`) and
 * tables whose columns are only aligned with spaces between two rules (`-----`). Read line by line,
 * their cells cut every phrase in pieces ("2 mois à compter de la |" … "| notification de la
 * décision"). A table's reading joins the lines of each cell, column by column and row by row, so
 * that mention patterns can read a recourse table as they read a paragraph.
 *
 * Hanging indents: a list item or an address wrapped onto lines indented further than its first
 * ("devant le tribunal administratif de\n  Valmont") reads with its lines joined by one space. A
 * hard-wrapped line that the normalised text already joined to the one before keeps its indentation
 * ("devant le tribunal   administratif"): its paragraph reads with the run of blanks as one space.
 *
 * Page breaks: a sentence cut by a page's foot (its number, « 1/2 », « – 1 – ») and the next page's
 * head reads whole. Tables copied from a word processor (columns split by tabs) read each cell after
 * its column's header.
 */

/** The reading of one block of the text. */
export interface Reading {
  /** Offsets of the block in the text. */
  start: number;
  end: number;
  /** A table's cells joined (the lines of a cell by a space, the columns of a row by a line break, rows
   * by a blank line); an indented paragraph's lines joined by a space. */
  text: string;
  /** Offset in the text of each character of `text` (a joining character takes the offset after the one before it). */
  map: Int32Array;
}

const SEPARATOR = /[|│┃║]/;
const SEPARATORS = /[|│┃║]/g;
/** A rule between rows: only drawing characters, with at least three horizontal strokes. */
const BORDER = /^[ \t]*[+|│┃║├┤┌┐└┘┬┴┼╔╗╚╝╠╣╦╩╬╟╢╤╧╪╞╡┏┓┗┛┣┫┳┻╋═─━\-=:]+[ \t+|│┃║├┤┌┐└┘┬┴┼╔╗╚╝╠╣╦╩╬╟╢╤╧╪╞╡┏┓┗┛┣┫┳┻╋═─━\-=:]*$/;
const STROKES = /[-─━═]{3}/;

interface Line {
  start: number;
  text: string;
}

const isBorder = (l: string): boolean => BORDER.test(l) && STROKES.test(l);
/** A line that starts with a separator (its first cell lies after it). */
const LEADING_SEPARATOR = /^[ \t]*[|│┃║]/;

/** A line that is part of a frame: starts with a separator, or holds two of them. */
function isFramed(l: string): boolean {
  if (!SEPARATOR.test(l)) return false;
  if (LEADING_SEPARATOR.test(l)) return true;
  return (l.match(SEPARATORS)?.length ?? 0) >= 2;
}

/** The column of a line's only separator, when it stands inside the line (two columns split by one rule). */
function midSeparator(l: string): number {
  const at = l.search(SEPARATOR);
  if (at <= 0 || LEADING_SEPARATOR.test(l) || SEPARATOR.test(l.slice(at + 1))) return -1;
  return at;
}

// A box framed with asterisks or hashes: its rules are runs of them, its lines start with one and
// mostly end with one (the right side may be left open: « *  Avant toute action devant le juge, … »).
const CHAR_RULE = /^[ \t]*([*#])\1{4,}[ \t]*$/;
const CHAR_LINE = /^[ \t]*([*#])(?:[ \t].*)?$/;

/**
 * The lines of a text as a frame reader sees them: a box of asterisks (or hashes) redrawn with rules
 * and separators (same length, same offsets), so that it reads like any other box.
 */
function redrawStarBoxes(lines: Line[]): Line[] {
  const out = lines.slice();
  for (let i = 0; i < lines.length; i++) {
    const rule = CHAR_RULE.exec(lines[i]!.text);
    if (!rule) continue;
    const c = rule[1]!;
    const isRule = (t: string): boolean => CHAR_RULE.exec(t)?.[1] === c;
    let j = i + 1;
    while (j < lines.length && !isRule(lines[j]!.text) && CHAR_LINE.exec(lines[j]!.text)?.[1] === c) j++;
    if (j >= lines.length || !isRule(lines[j]!.text) || j - i < 3) continue;
    for (let k = i; k <= j; k++) {
      const t = lines[k]!.text;
      if (k === i || k === j) out[k] = { start: lines[k]!.start, text: t.replaceAll(c, '─') };
      else {
        const first = t.indexOf(c);
        const last = t.lastIndexOf(c);
        out[k] = { start: lines[k]!.start, text: `${t.slice(0, first)}│${t.slice(first + 1, last)}${last > first ? '│' : ''}${t.slice(last + 1)}` };
      }
    }
    i = j - 1;
  }
  return out;
}

/**
 * Lines between two rules whose words stand in columns aligned with spaces, redrawn with a separator
 * in each gap (a run of two blanks or more at the same place in every line), or null when the lines
 * do not make at least two columns.
 */
function spacedColumns(lines: Line[], minGap = 2, minBoth = 2): Line[] | null {
  if (lines.length < 2 || lines.some((l) => !l.text.trim() || SEPARATOR.test(l.text))) return null;
  const width = Math.max(...lines.map((l) => l.text.trimEnd().length));
  const blank = (p: number): boolean => lines.every((l) => p >= l.text.length || l.text[p] === ' ' || l.text[p] === '\t');
  const lead = Math.min(...lines.map((l) => l.text.length - l.text.trimStart().length));
  const gaps: number[] = [];
  for (let p = lead; p < width; ) {
    if (!blank(p)) {
      p++;
      continue;
    }
    let q = p;
    while (q < width && blank(q)) q++;
    // A gap inside the table, with words on both sides in more than one line.
    if (q - p >= minGap && q < width && lines.filter((l) => l.text.slice(q).trim() && l.text.slice(lead, p).trim()).length >= minBoth) gaps.push(p);
    p = q;
  }
  if (gaps.length === 0) return null;
  return lines.map((l) => {
    let t = l.text;
    for (const g of gaps) if (g < t.length) t = `${t.slice(0, g)}│${t.slice(g + 1)}`;
    return { start: l.start, text: t };
  });
}

/** Builds a reading character by character, each with its offset in the text. */
class Builder {
  private readonly chars: string[] = [];
  private readonly map: number[] = [];

  /** Appends a stretch of the text found at `at`, a run of blanks read as its first blank. */
  push(s: string, at: number): void {
    for (let k = 0; k < s.length; k++) {
      const c = s[k]!;
      if ((c === ' ' || c === '\t') && (k > 0 ? s[k - 1] : this.chars[this.chars.length - 1]) === c) continue;
      this.chars.push(c);
      this.map.push(at + k);
    }
  }

  /** Appends joining characters (none at the start); they take the offset after the last character. */
  join(s: string): void {
    if (this.chars.length === 0) return;
    const at = this.map[this.map.length - 1]! + 1;
    for (const ch of s) {
      this.chars.push(ch);
      this.map.push(at);
    }
  }

  done(lines: Line[]): Reading {
    const last = lines[lines.length - 1]!;
    return { start: lines[0]!.start, end: last.start + last.text.length, text: this.chars.join(''), map: Int32Array.from(this.map) };
  }
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lines.push({ start, text: text.slice(start, end) });
    start = end + 1;
  }
  return lines;
}

/** A quick test: a separator, a rule (of asterisks or hashes, or around a table aligned with spaces), or words set apart by blanks. */
const MAY_FRAME = /[|│┃║]|\*{5}|#{5}|[-─━═]{5}|\S[ \t]{3,}\S/;

/** A quick native test before the line-by-line one: most letters have no indented line at all. */
const INDENTED = /\n[ \t]+\S/;
const BULLET = /^[ \t]*(?:[-•*–—▪◦·]|\d{1,2}[.)]|[a-z][.)])[ \t]/;

/**
 * Paragraphs with indented continuation lines, read with those lines joined to the one before by a
 * space, and paragraphs holding a line already joined with its indentation (at `wraps`).
 */
function indentReadings(lines: Line[], tables: Reading[], wraps: readonly number[]): Reading[] {
  const out: Reading[] = [];
  const inTable = (l: Line): boolean => tables.some((t) => l.start >= t.start && l.start <= t.end);
  for (let i = 0; i < lines.length; ) {
    if (!lines[i]!.text.trim() || inTable(lines[i]!)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && lines[j]!.text.trim() && !inTable(lines[j]!)) j++;
    const para = lines.slice(i, j);
    const b = new Builder();
    let joined = false;
    // A continuation line is indented further than the first line of its item; lines indented alike
    // (an address block set to the right) are lines of their own.
    let itemLead = 0;
    para.forEach((l, k) => {
      const lead = l.text.length - l.text.trimStart().length;
      if (k > 0 && lead > itemLead && !BULLET.test(l.text)) {
        b.join(' ');
        b.push(l.text.slice(lead).trimEnd(), l.start + lead);
        joined = true;
      } else {
        if (k > 0) b.join('\n');
        b.push(l.text.trimEnd(), l.start);
        itemLead = lead;
      }
    });
    const end = lines[j - 1]!.start + lines[j - 1]!.text.length;
    if (joined || wraps.some((w) => w > para[0]!.start && w < end)) out.push(b.done(para));
    i = j;
  }
  return out;
}

/** True when some line is indented further than the non-blank line before it (a quick test, no allocation). */
function hasHangingIndent(text: string): boolean {
  let prevLead = -1;
  for (let i = 0; i < text.length; ) {
    let lead = 0;
    while (text.charCodeAt(i + lead) === 32 || text.charCodeAt(i + lead) === 9) lead++;
    let end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
    const blank = i + lead >= end;
    if (!blank && prevLead >= 0 && lead > prevLead) return true;
    prevLead = blank ? -1 : lead;
    i = end + 1;
  }
  return false;
}

/**
 * Line breaks of `raw` that `text` (its normalised reading, of the same length) reads as a blank
 * followed by more blanks: a hard-wrapped line joined to the one before with its indentation.
 */
function joinedIndents(text: string, raw: string | undefined): number[] {
  const out: number[] = [];
  if (raw === undefined || raw.length !== text.length) return out;
  for (let i = raw.indexOf('\n'); i >= 0; i = raw.indexOf('\n', i + 1)) {
    if (text.charCodeAt(i) === 32 && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) out.push(i);
  }
  return out;
}

/**
 * Every other reading of a text: its tables and boxes, and its paragraphs with hanging indents. `raw`
 * is the text before its wrapped lines were joined (same offsets), if they were: tables are read in
 * it, line by line as they are drawn (a cell's line break is no wrapped sentence).
 */
export function readings(text: string, raw?: string): Reading[] {
  const framed = MAY_FRAME.test(text);
  const wraps = joinedIndents(text, raw);
  const indented = wraps.length > 0 || (INDENTED.test(text) && hasHangingIndent(text));
  const paged = PAGE_HINT.test(text);
  const tabbed = text.includes('\t') && TABBED.test(text);
  if (!framed && !indented && !paged && !tabbed) return [];
  const lines = splitLines(text);
  const drawn = raw !== undefined && raw.length === text.length && raw !== text ? splitLines(raw) : lines;
  const tables = framed ? tableReadings(drawn) : [];
  const out = indented ? [...tables, ...indentReadings(lines, tables, wraps)] : tables;
  if (paged) out.push(...pageBreakReadings(lines));
  if (tabbed) out.push(...tabTableReadings(lines));
  return out.sort((a, b) => a.start - b.start);
}

/** Words, a tab, words: a line that may be a row of a table copied from a word processor. */
const TABBED = /\S\t+\S/;

/**
 * Tables whose columns are split by tabs (copied from a word processor): at least two lines with the
 * same number of tab-separated cells, two or more, the first one their header. Each row reads with
 * every cell after its column's header, one per line (« À compter de » / « la notification du présent
 * arrêté » reads « À compter de la notification du présent arrêté »); rows are set apart by a blank line.
 * Lines of labels and values (every first cell ends with a colon) are no such table.
 */
function tabTableReadings(lines: Line[]): Reading[] {
  const out: Reading[] = [];
  const cellsOf = (l: Line): { at: number; text: string }[] => {
    const cells: { at: number; text: string }[] = [];
    let from = 0;
    for (const part of l.text.split('\t')) {
      const lead = part.length - part.trimStart().length;
      cells.push({ at: l.start + from + lead, text: part.trim() });
      from += part.length + 1;
    }
    return cells;
  };
  for (let i = 0; i < lines.length; ) {
    if (!TABBED.test(lines[i]!.text)) {
      i++;
      continue;
    }
    const width = lines[i]!.text.split('\t').length;
    let j = i + 1;
    while (j < lines.length && TABBED.test(lines[j]!.text) && lines[j]!.text.split('\t').length === width) j++;
    // A form of labels and values (« Demande :<tab>aide… », « Instruction :<tab>deux mois ») has no
    // header row: its lines already read right.
    const labelled = lines.slice(i, j).every((l) => /:[ \t]*$/.test(l.text.split('\t')[0]!));
    if (j - i >= 2 && !labelled) {
      const header = cellsOf(lines[i]!);
      const b = new Builder();
      for (let r = i + 1; r < j; r++) {
        if (r > i + 1) b.join('\n\n');
        let first = true;
        cellsOf(lines[r]!).forEach((cell, c) => {
          if (!cell.text) return;
          if (!first) b.join('\n');
          first = false;
          const head = header[c];
          if (head?.text) {
            b.push(head.text, head.at);
            b.join(' ');
          }
          b.push(cell.text, cell.at);
        });
      }
      out.push(b.done(lines.slice(i, j)));
    }
    i = j;
  }
  return out;
}

/** A page number ending a line (« page 1/2 », « 1/2 », « Page 1 sur 2 »), or alone between dashes (« – 1 – »): a page's foot. */
const PAGE_NUMBER = /(?:^|[ \t·•|–—-])(?:page[ \t]*)?\d{1,3}[ \t]*(?:\/|sur)[ \t]*\d{1,3}[ \t]*$|^[ \t]*[–—-][ \t]*\d{1,3}[ \t]*[–—-][ \t]*$/im;
/** A quick test first (a digit starts it: twice as fast on a whole letter). */
const PAGE_HINT = /\d[ \t]*(?:\/|sur)[ \t]*\d{1,3}[ \t]*$|\d[ \t]*[–—-][ \t]*$/im;
/** A line that ends a sentence (or a heading, a list's introduction): no sentence runs over the page break. */
const ENDS_SENTENCE = /[.!?…:;»)\]][ \t]*$/;
/** A line that goes on with a sentence begun before: it starts in lower case. */
const GOES_ON = /^[ \t]*\p{Ll}/u;
/** A line that ends on a preposition or an article: the next page goes on with it, a capital included (« de » / « Morvaille »). */
const OPEN_END = /(?:^|[ \t])(?:de|du|des|d['’]|le|la|les|l['’]|à|au|aux|en|par|pour|sur|dans|devant|auprès)[ \t]*$/iu;

/**
 * A sentence cut by a page break, as text copied from a paginated document reads (« … devant le
 * tribunal » / footer, « page 1/2 », a running header / « administratif de Valmont, … »): the lines of
 * the page's foot and of the next page's head taken out, the sentence reads whole. The foot is a block
 * of at most three lines that holds a page number, set apart by a blank line; before it, a line that
 * does not end its sentence; after it (a blank line and at most two header lines further), a line that
 * starts in lower case, or any line after one that ends on a preposition or an article.
 */
function pageBreakReadings(lines: Line[]): Reading[] {
  const out: Reading[] = [];
  const blank = (k: number): boolean => !lines[k]!.text.trim();
  for (let k = 0; k < lines.length; k++) {
    if (!PAGE_NUMBER.test(lines[k]!.text)) continue;
    // Up over the foot's other lines, then at least one blank line, to the line the page ends with.
    let p = k;
    while (p > 0 && k - p < 2 && !blank(p - 1)) p--;
    if (p === 0 || !blank(p - 1)) continue;
    p--;
    while (p > 0 && blank(p)) p--;
    if (blank(p) || ENDS_SENTENCE.test(lines[p]!.text) || PAGE_NUMBER.test(lines[p]!.text)) continue;
    // Down past blank lines and at most two header lines, to the line the sentence goes on with; failing
    // one in lower case after a line left open, the first line that is no page number (« de » / « Morvaille. »).
    let q = k + 1;
    let headers = 0;
    while (q < lines.length && (blank(q) || (!GOES_ON.test(lines[q]!.text) && ++headers <= 2))) q++;
    if (q >= lines.length || !GOES_ON.test(lines[q]!.text)) {
      if (!OPEN_END.test(lines[p]!.text)) continue;
      for (q = k + 1; q < lines.length && (blank(q) || PAGE_NUMBER.test(lines[q]!.text)); q++);
      if (q >= lines.length) continue;
    }
    // The two halves with their paragraphs (up to six lines each way).
    let from = p;
    while (from > 0 && p - from < 5 && !blank(from - 1)) from--;
    let to = q;
    while (to + 1 < lines.length && to - q < 5 && !blank(to + 1)) to++;
    const b = new Builder();
    const part = [...lines.slice(from, p + 1), ...lines.slice(q, to + 1)];
    // The first line after the break joins the sentence with one space, without its indentation.
    const joint = p - from + 1;
    part.forEach((l, n) => {
      if (n === joint) {
        b.join(' ');
        b.push(l.text.trim(), l.start + l.text.length - l.text.trimStart().length);
        return;
      }
      if (n > 0) b.join('\n');
      b.push(l.text.trimEnd(), l.start);
    });
    out.push(b.done(part));
    k = q;
  }
  return out;
}

/** The readings of every framed block of a text. */
function tableReadings(given: Line[]): Reading[] {
  const lines = redrawStarBoxes(given);
  // Two columns split by one rule: lines whose only separator stands where the next or previous one's does.
  const mid = lines.map((l) => midSeparator(l.text));
  const split = (k: number): boolean => mid[k]! > 0 && (mid[k - 1] === mid[k] || mid[k + 1] === mid[k]);
  const framedAt = (k: number): boolean => isFramed(lines[k]!.text) || split(k);
  const out: Reading[] = [];
  for (let i = 0; i < lines.length; ) {
    const border = isBorder(lines[i]!.text);
    if (!framedAt(i) && !border) {
      i++;
      continue;
    }
    let j = i;
    let framed = 0;
    while (j < lines.length && (framedAt(j) || isBorder(lines[j]!.text))) {
      if (framedAt(j) && !isBorder(lines[j]!.text)) framed++;
      j++;
    }
    if (framed >= 2) {
      out.push(readBlock(lines.slice(i, j)));
      i = j;
      continue;
    }
    // A rule alone: the lines up to the next rule may be a table aligned with spaces.
    if (border && framed === 0) {
      let k = i + 1;
      while (k < lines.length && k - i <= 30 && !isBorder(lines[k]!.text) && lines[k]!.text.trim()) k++;
      const columns = k < lines.length && isBorder(lines[k]!.text) ? spacedColumns(lines.slice(i + 1, k)) : null;
      if (columns) {
        out.push(readBlock([lines[i]!, ...columns, lines[k]!], true));
        i = k + 1;
        continue;
      }
    }
    i = Math.max(j, i + 1);
  }
  // Two columns set side by side with spaces, no rule at all (a letter and its recourse box): a block
  // of lines where a gap of three blanks or more stands at the same place, with words on both sides
  // in at least three lines; each column reads whole.
  for (let i = 0; i < lines.length; ) {
    if (!lines[i]!.text.trim()) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j]!.text.trim()) j++;
    // From the first line set in two columns to the last (a heading or a full-width line around them stays out).
    const first = lines.slice(i, j).findIndex((l) => SIDE_BY_SIDE.test(l.text));
    let last = j - 1;
    while (last > i && !SIDE_BY_SIDE.test(lines[last]!.text)) last--;
    const block = first < 0 ? [] : lines.slice(i + first, last + 1);
    const covered = block.length > 0 && out.some((r) => r.start <= block[0]!.start && block[0]!.start <= r.end);
    const columns = !covered && block.length >= 3 ? spacedColumns(block, 3, 3) : null;
    if (columns) out.push(readBlock(columns));
    i = j;
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Words, three blanks or more, words: a line that may hold two columns. */
const SIDE_BY_SIDE = /\S[ \t]{3,}\S/;

/**
 * Reads one block: rows are separated by border lines; in a Markdown table, or a table framed with
 * separators at its edges and no rule at all, each line is a row unless its first cell is empty or set
 * further in; in a table aligned with spaces (`spaced`), a line with a cell in every column starts a
 * row, and a line with fewer continues it. Two columns split by one rule read as one row (each column
 * whole).
 */
function readBlock(lines: Line[], spaced = false): Reading {
  const b = new Builder();
  const ruled = lines.some((l) => isBorder(l.text));
  const edged = lines.filter((l) => !isBorder(l.text) && LEADING_SEPARATOR.test(l.text));
  const multiColumn = edged.some((l) => l.text.split(SEPARATOR).filter((c) => c.trim()).length >= 2);
  const markdown = lines.some((l) => /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|/.test(l.text)) || (!ruled && multiColumn);
  const columns = spaced ? Math.max(...lines.map((l) => (l.text.match(SEPARATORS)?.length ?? 0) + 1)) : 0;
  let row: Map<number, { at: number; text: string }[]> = new Map();
  const flush = (): void => {
    if (row.size === 0) return;
    b.join('\n\n');
    let firstColumn = true;
    for (const col of [...row.keys()].sort((a, b) => a - b)) {
      const cells = row.get(col)!;
      if (!firstColumn) b.join('\n');
      firstColumn = false;
      cells.forEach((c, k) => {
        if (k > 0) b.join(' ');
        b.push(c.text, c.at);
      });
    }
    row = new Map();
  };
  let rowLead = -1;
  for (const line of lines) {
    if (isBorder(line.text)) {
      flush();
      rowLead = -1;
      continue;
    }
    // Cells: the stretches between separators (before the first one too, when it holds text).
    let col = 0;
    let from = 0;
    const found: [number, { at: number; text: string; lead: number }][] = [];
    const cut = (to: number): void => {
      const raw = line.text.slice(from, to);
      const lead = raw.length - raw.trimStart().length;
      const cell = raw.trim();
      if (cell) found.push([col, { at: line.start + from + lead, text: cell, lead }]);
    };
    SEPARATORS.lastIndex = 0;
    for (let m = SEPARATORS.exec(line.text); m; m = SEPARATORS.exec(line.text)) {
      cut(m.index);
      from = m.index + 1;
      col++;
    }
    cut(line.text.length);
    // Without rules between rows, a line is a row of its own, unless its first cell is empty: then it
    // continues the row above ("| 2 mois à compter de la |" … "|   | notification |").
    const firstCol = LEADING_SEPARATOR.test(line.text) ? 1 : 0;
    // (A first cell set further in than the one that opened the row continues it: « 1. Recours obligatoire » /
    // «    avant le juge ».)
    const first = found.find(([c]) => c === firstCol)?.[1];
    if (markdown && first && (rowLead < 0 || first.lead <= rowLead)) {
      flush();
      rowLead = first.lead;
    }
    if (spaced && found.length === columns) flush();
    for (const [c, cell] of found) {
      const cells = row.get(c) ?? [];
      cells.push(cell);
      row.set(c, cells);
    }
  }
  flush();
  return b.done(lines);
}
