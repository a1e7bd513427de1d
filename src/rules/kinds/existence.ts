/** Existence: flags every match of the rule's patterns (one compiled regex) in a sentence, paragraph or document. */
import { PatternRegex } from '../pattern.js';
import type { KindCompiler, Hit } from '../types.js';

export const existence: KindCompiler<'existence'> = (rule) => {
  const re = new PatternRegex(rule.patterns, { caseSensitive: rule.caseSensitive, wordStart: rule.wordBoundaries, wordEnd: rule.wordBoundaries });
  return {
    scope: rule.scope,
    run(doc, index) {
      let start = 0;
      let end = doc.bodyEnd;
      if (rule.scope === 'sentence') ({ start, end } = doc.sentences[index]!);
      else if (rule.scope === 'paragraph') ({ start, end } = doc.paragraphs[index]!);
      const slice = doc.text.slice(start, end);
      const hits: Hit[] = [];
      for (const m of re.matches(slice)) {
        if (m[0].length === 0) continue;
        hits.push({ start: start + m.index, end: start + m.index + m[0].length, suggestions: rule.suggestions });
      }
      return hits;
    },
  };
};
