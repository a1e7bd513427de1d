/** Substitution: lexicon entries (substitute or gloss) matched across inflections with one trie per lexicon. */
import { parseLexicon } from '../../analysis/lexicon.js';
import type { KindCompiler, Hit } from '../types.js';

export const substitution: KindCompiler<'substitution'> = (rule, ctx) => {
  const files = rule.lexicon === undefined ? [] : Array.isArray(rule.lexicon) ? rule.lexicon : [rule.lexicon];
  const inline = rule.entries
    ? parseLexicon(
        Object.entries(rule.entries)
          .map(([term, s]) => (Array.isArray(s) ? `${term} = ${s.join(' | ')}` : /^~/.test(s) ? `${term} ${s}` : `${term} = ${s}`))
          .join('\n'),
        'entries',
      )
    : [];
  const matcher = ctx.lexicon(files.map((f) => ctx.resolve(f)), inline);
  if (matcher.glosses > 0 && !rule.messages?.gloss) {
    throw new Error('le lexique contient des gloses (« terme ~ explication ») : la règle doit définir messages.gloss');
  }
  return {
    // Document scope: a gloss (a term that must stay but needs explaining) is flagged at its first use only.
    scope: 'document',
    run(doc) {
      const hits: Hit[] = [];
      const glossed = new Set<string>();
      for (const s of doc.sentences) {
        for (const h of matcher.match(s.tokens, doc.text)) {
          const start = s.tokens[h.from]!.start;
          const end = s.tokens[h.to - 1]!.end;
          if (h.entry.type === 'gloss') {
            if (glossed.has(h.entry.gloss ?? h.entry.term)) continue;
            glossed.add(h.entry.gloss ?? h.entry.term);
            hits.push({ start, end, suggestions: [], message: 'gloss', severity: rule.glossSeverity, vars: { gloss: h.entry.gloss ?? '' } });
          } else {
            hits.push({ start, end, suggestions: h.suggestions });
          }
        }
      }
      return hits;
    },
  };
};
