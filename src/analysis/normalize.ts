/** Text normalisation, done once before any offset exists. */

const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};

// Hyphenated line break inside a word, as PDFs and hard-wrapped texts produce: "adminis-\ntration".
// A soft hyphen (U+00AD) at a line break is always a word break; a plain hyphen only between lower-case letters.
const HYPHEN_BREAK = /(\p{Ll})(?:-|\u00AD)[ \t]*\n[ \t]*(\p{Ll})/gu;

// Any character one of the replacements below would change (one character class: a fast scan).
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[\r\uFB00-\uFB06\u200B\u200C\u2060\uFEFF\u00A0\u202F\u2007\u2009\u200A\u2002-\u2006\u3000\f\v\u00AD\u0000-\u0008\u000E-\u001F\u007F]/;
const HYPHEN_AT_LINE_END = /-[ \t]*\n/;

/** True when a replacement below may change the text (a superset: the replacements are no-ops otherwise). */
function needsWork(t: string): boolean {
  return NEEDS_WORK.test(t) || t.includes(' \n') || t.includes('\t\n') || HYPHEN_AT_LINE_END.test(t);
}

/**
 * Normalises text: NFC, line endings, ligatures, invisible characters, non-breaking spaces,
 * hyphenated line breaks, trailing spaces. The result is the text every offset refers to.
 */
export function normalizeText(input: string): string {
  let t = input;
  if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
  t = t.normalize('NFC');
  // Most texts need nothing more: one scan decides instead of one per replacement below.
  if (!needsWork(t)) return t;
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  t = t.replace(/[\uFB00-\uFB06]/g, (c) => LIGATURES[c] ?? c);
  // Zero-width characters and BOMs carry no meaning for the reader.
  // (The zero-width joiner stays: it holds emoji sequences together.)
  t = t.replace(/[\u200B\u200C\u2060\uFEFF]/g, '');
  // Non-breaking and other fixed-width spaces become plain spaces; form feeds become blank lines.
  t = t.replace(/[\u00A0\u202F\u2007\u2009\u200A\u2002-\u2006\u3000]/g, ' ').replace(/\f/g, '\n\n').replace(/\v/g, '\n');
  t = t.replace(HYPHEN_BREAK, '$1$2');
  t = t.replace(/\u00AD/g, '');
  // The look-behind starts a match only at the start of a run of blanks: linear on long runs.
  t = t.replace(/(?<![ \t])[ \t]+\n/g, '\n');
  // Other control characters (binary garbage) become spaces so offsets stay meaningful.
  // eslint-disable-next-line no-control-regex
  t = t.replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, ' ');
  return t;
}

/** Lower case that keeps every offset: a character whose lower case is longer ("İ") stays as it is. */
export function lowerKeepOffsets(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const c of text) {
    const l = c.toLowerCase();
    out += l.length === c.length ? l : c;
  }
  return out;
}

// The lower case of the last texts searched: every rule pattern of an analysis, and the start index,
// search the same few texts.
const lowered: { text: string; lower: string }[] = [];

/** `lowerKeepOffsets` of one of the last texts asked for, computed once. */
export function lowerCached(text: string): string {
  for (const e of lowered) if (e.text === text) return e.lower;
  const lower = lowerKeepOffsets(text);
  lowered.unshift({ text, lower });
  if (lowered.length > 4) lowered.pop();
  return lower;
}

/**
 * Lower case that keeps every offset, with the typographic apostrophe turned into "'": searches in it
 * give offsets valid in the original.
 */
export function lowerSameLength(text: string): string {
  return lowerKeepOffsets(text).replace(/’/g, "'");
}

// A line break inside a sentence of a hard-wrapped paragraph: after a long line that does not end a
// sentence or a heading, before a word in lower case (not a list item "a)").
// (The line break comes first, so that the engine only stops at line breaks.)
// Also before a capital (a place, a name) after a word that cannot end a line of its own ("tribunal
// administratif de\nMontbrézac").
const WRAP =
  /\n(?<=[^\n]{40}\n)(?:(?<=[\p{L}\p{N},;'’)»-]\n)(?=[ \t]*\p{Ll}[\p{L}'’-])|(?<=[\s(](?:de|du|des|d['’]|le|la|les|l['’]|à|au|aux|en|par|pour|sur|et|ou|avec|devant|auprès|dans|chez)\n)(?=\p{Lu}\p{Ll}))/gu;

/**
 * The text with the line breaks of hard-wrapped paragraphs turned into spaces (same length, same
 * offsets): "à compter de la\nnotification" reads as one phrase for the patterns of the mentions and
 * of the document type. Line breaks that start an address line, a heading, a signature line or a list
 * item stay.
 */
export function joinWrappedLines(text: string): string {
  if (!text.includes('\n')) return text;
  return text.replace(WRAP, ' ');
}
