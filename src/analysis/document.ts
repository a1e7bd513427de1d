/** The analysed Document: normalised text, segmentation and per-sentence measures, built once. */
import { frequencyRank } from './frequency.js';
import { isFiniteVerbForm } from './verbs.js';
import { joinWrappedLines, normalizeText } from './normalize.js';
import { maskPlaceholders } from './placeholders.js';
import { kandelMoles } from './readability.js';
import { segment, TK, type Paragraph, type Sentence } from './segment.js';
import { syllables } from './syllables.js';
import { readings, type Reading } from './readings.js';

/** Rank beyond which a word counts as rare (unfamiliar to many readers). */
export const RARE_RANK = 3000;

/** Measures of one sentence. */
export interface SentenceMeasures {
  words: number;
  syllables: number;
  longWords: number;
  rareWords: number;
  /** Content words (four letters or more, not proper nouns): the base of the rare-word share. */
  contentWords: number;
  /** Conjugated verbs (present, imperfect, future, conditional): few of them is a nominal style. */
  verbs: number;
  kandelMoles: number;
}

/** A Document as every checker sees it. */
export interface Doc {
  text: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  measures: SentenceMeasures[];
  /** End of the body: text beyond it (headers, footers) is read for the mentions, not analysed as prose. */
  bodyEnd: number;
  /** Offsets where each line starts, for line/column. */
  lineStarts: number[];
  /**
   * The text as mention and type patterns read it, offsets unchanged: merge fields masked
   * (placeholders.ts) and the line breaks of hard-wrapped paragraphs read as spaces (normalize.ts).
   */
  masked: string;
  /** Other readings of parts of `masked` for the mention patterns: tables, boxes, hanging indents (readings.ts). */
  readings: Reading[];
}

// Per word form: syllables × 4, + 2 when the form is rare, + 1 when it is a conjugated verb, so one
// look-up gives all three (bounded cache).
const wordInfo = new Map<string, number>();

function infoOf(lower: string): number {
  let v = wordInfo.get(lower);
  if (v === undefined) {
    const rank = frequencyRank(lower);
    v = syllables(lower) * 4 + (rank === undefined || rank > RARE_RANK ? 2 : 0) + (isFiniteVerbForm(lower) ? 1 : 0);
    if (wordInfo.size > 100_000) wordInfo.clear();
    wordInfo.set(lower, v);
  }
  return v;
}

function measure(s: Sentence): SentenceMeasures {
  let syl = 0;
  let long = 0;
  let rare = 0;
  let content = 0;
  let verbs = 0;
  const first = s.tokens[0];
  for (const t of s.tokens) {
    if (t.kind === TK.Number) {
      syl += 2;
      continue;
    }
    if (t.kind !== TK.Word || t.clitic || t.elided) continue;
    const info = infoOf(t.lower);
    syl += info >> 2;
    verbs += info & 1;
    if (t.text.length > 6) long++;
    // Proper nouns (capitalised, not sentence-initial) are not "hard words" for the reader.
    if (t.lower.length < 4 || (t !== first && t.text.charCodeAt(0) !== t.lower.charCodeAt(0))) continue;
    content++;
    rare += (info >> 1) & 1;
  }
  return { words: s.words, syllables: syl, longWords: long, rareWords: rare, contentWords: content, verbs, kandelMoles: kandelMoles(s.words, 1, syl) };
}

/** Builds the Document from raw text (normalised here, once); only text before `bodyEnd` is segmented. */
export function buildDoc(raw: string, bodyEnd?: number): Doc {
  const text = normalizeText(raw);
  const end = bodyEnd === undefined || text.length !== raw.length ? text.length : Math.min(bodyEnd, text.length);
  const { paragraphs, sentences } = segment(end === text.length ? text : text.slice(0, end));
  const measures = sentences.map(measure);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const unwrapped = maskPlaceholders(text);
  const masked = joinWrappedLines(unwrapped);
  return { text, paragraphs, sentences, measures, bodyEnd: end, lineStarts, masked, readings: readings(masked, unwrapped) };
}

/** 1-based line and column (in UTF-16 code units) of an offset. */
export function lineColumn(doc: Doc, offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = doc.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - doc.lineStarts[lo]! + 1 };
}
