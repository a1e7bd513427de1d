/** Substitution: lexicon entries (substitute or gloss) matched across inflections with one trie per lexicon. */
import { matchCase, parseLexicon } from '../../analysis/lexicon.js';
import { TK, type Token } from '../../analysis/segment.js';
import type { KindCompiler, Hit } from '../types.js';

const ELIDED_FULL = new Map(Object.entries({ "qu'": 'que', "d'": 'de', "j'": 'je', "m'": 'me', "n'": 'ne', "t'": 'te', "c'": 'ce', "s'": 'se' }));
const FULL_ELIDED = new Map(Object.entries({ que: "qu'", de: "d'", je: "j'", me: "m'", ne: "n'", te: "t'", se: "s'", le: "l'", la: "l'", ce: "c'" }));
const VOWEL_START = /^[aeiouyàâäéèêëîïôöûùüœh]/i;

/**
 * Keeps elision right around a replacement: "qu'[il vous appartient de]" → "[que vous devez]",
 * "me [faire parvenir]" → "[m'envoyer]". The span then takes in the word before.
 */
function fitElision(tokens: readonly Token[], from: number, start: number, suggestions: string[], text: string): { start: number; suggestions: string[] } {
  const prev = tokens[from - 1];
  if (!prev || prev.kind !== TK.Word || suggestions.length === 0) return { start, suggestions };
  const full = prev.elided && prev.end === start ? ELIDED_FULL.get(prev.lower) : undefined;
  const elided = !prev.elided && text.slice(prev.end, start) === ' ' ? FULL_ELIDED.get(prev.lower) : undefined;
  if (full && suggestions.some((x) => !VOWEL_START.test(x))) {
    return { start: prev.start, suggestions: suggestions.map((x) => (VOWEL_START.test(x) ? prev.text + x : `${matchCase(prev.text, full)} ${x}`)) };
  }
  if (elided && suggestions.some((x) => VOWEL_START.test(x))) {
    return { start: prev.start, suggestions: suggestions.map((x) => (VOWEL_START.test(x) ? matchCase(prev.text, elided) + x : `${prev.text} ${x}`)) };
  }
  return { start, suggestions };
}

const EXPLAINS_AFTER = new Set(["c'est-à-dire", 'autrement', "c'", 'ce', 'nommé', 'appelé']);

/**
 * True when the letter explains the term where it uses it: "un plan d'apurement, c'est-à-dire …",
 * "le référé (une procédure d'urgence)", "… revoir sa décision. C'est un recours gracieux."
 */
function explainedHere(tokens: readonly Token[], from: number, to: number): boolean {
  const next = tokens[to];
  // A parenthesis of plain words right after the term (not just a sigle: "(CRA)").
  if (next?.text === '(') {
    let words = 0;
    for (let k = to + 1; k < tokens.length && tokens[k]!.text !== ')'; k++) if (tokens[k]!.kind === TK.Word && tokens[k]!.text !== tokens[k]!.text.toUpperCase()) words++;
    if (words >= 2) return true;
  }
  if (next && /^[,:–—-]$/.test(next.text) && EXPLAINS_AFTER.has(tokens[to + 1]?.lower ?? '')) return true;
  // "C'est un recours gracieux": the sentence before gave the meaning.
  const before = tokens.slice(Math.max(0, from - 3), from).map((t) => t.lower).join(' ');
  return /(?:^|\s)c' est (?:un|une|le|la|l')$|cela s' appelle$|on appelle (?:cela|ça)(?: un| une)?$/.test(before);
}

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
            if (explainedHere(s.tokens, h.from, h.to)) continue;
            hits.push({ start, end, suggestions: [], message: 'gloss', severity: rule.glossSeverity, vars: { gloss: h.entry.gloss ?? '' } });
          } else {
            const fitted = fitElision(s.tokens, h.from, start, h.suggestions, doc.text);
            hits.push({ start: fitted.start, end, suggestions: fitted.suggestions });
          }
        }
      }
      return hits;
    },
  };
};
