/** The analysed Document: normalised text, segmentation and per-sentence measures, built once. */
import { frequencyRanks } from './frequency.js';
import { normalizeText } from './normalize.js';
import { kandelMoles } from './readability.js';
import { segment, TK, type Paragraph, type Sentence } from './segment.js';
import { syllables } from './syllables.js';

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
  kandelMoles: number;
}

/** A Document as every checker sees it. */
export interface Doc {
  text: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  measures: SentenceMeasures[];
  /** Offsets where each line starts, for line/column. */
  lineStarts: number[];
}

function measure(s: Sentence, ranks: ReadonlyMap<string, number>): SentenceMeasures {
  let syl = 0;
  let long = 0;
  let rare = 0;
  let content = 0;
  for (const t of s.tokens) {
    if (t.kind === TK.Number) {
      syl += 2;
      continue;
    }
    if (t.kind !== TK.Word || t.clitic) continue;
    if (t.elided) continue;
    syl += syllables(t.lower);
    if (t.text.length > 6) long++;
    // Proper nouns (capitalised, not sentence-initial) are not "hard words" for the reader.
    const capital = t.text.charAt(0) !== t.lower.charAt(0);
    if (t.lower.length < 4 || (capital && t !== s.tokens[0])) continue;
    content++;
    const rank = ranks.get(t.lower);
    if (rank === undefined || rank > RARE_RANK) rare++;
  }
  return { words: s.words, syllables: syl, longWords: long, rareWords: rare, contentWords: content, kandelMoles: kandelMoles(s.words, 1, syl) };
}

/** Builds the Document from raw text (normalised here, once). */
export function buildDoc(raw: string): Doc {
  const text = normalizeText(raw);
  const { paragraphs, sentences } = segment(text);
  const ranks = frequencyRanks();
  const measures = sentences.map((s) => measure(s, ranks));
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return { text, paragraphs, sentences, measures, lineStarts };
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
