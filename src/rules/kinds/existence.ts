/** Existence: flags every match of the rule's patterns (one compiled regex) in a sentence, paragraph or document. */
import type { KindCompiler, Hit } from '../types.js';

const WORD_BEFORE = '(?<![\\p{L}\\p{N}_])';
const WORD_AFTER = '(?![\\p{L}\\p{N}_])';

/** Lets "'" in a pattern match the typographic apostrophe too, inside or outside a character class. */
export function bothApostrophes(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
    } else if (c === '[' && !inClass) {
      inClass = true;
      out += c;
    } else if (c === ']' && inClass) {
      inClass = false;
      out += c;
    } else if (c === "'") out += inClass ? "'’" : "['’]";
    else out += c;
  }
  return out;
}

/** Compiles the patterns into one Unicode regex; "'" also matches the typographic apostrophe. */
export function compilePatterns(patterns: string[], caseSensitive: boolean, wordBoundaries: boolean): RegExp {
  const body = patterns
    .map(bothApostrophes)
    .map((p) => (wordBoundaries ? `${WORD_BEFORE}(?:${p})${WORD_AFTER}` : `(?:${p})`))
    .join('|');
  return new RegExp(body, caseSensitive ? 'gu' : 'giu');
}

export const existence: KindCompiler<'existence'> = (rule) => {
  const re = compilePatterns(rule.patterns, rule.caseSensitive, rule.wordBoundaries);
  return {
    scope: rule.scope,
    run(doc, index) {
      let start = 0;
      let end = doc.bodyEnd;
      if (rule.scope === 'sentence') ({ start, end } = doc.sentences[index]!);
      else if (rule.scope === 'paragraph') ({ start, end } = doc.paragraphs[index]!);
      const slice = doc.text.slice(start, end);
      const hits: Hit[] = [];
      re.lastIndex = 0;
      for (let m = re.exec(slice); m; m = re.exec(slice)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        hits.push({ start: start + m.index, end: start + m.index + m[0].length, suggestions: rule.suggestions });
      }
      return hits;
    },
  };
};
