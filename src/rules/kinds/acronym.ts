/** Acronym: a sigle used before it is spelled out (first use only), with its expansion from the registry. */
import { lowerSameLength } from '../../analysis/normalize.js';
import { readAcronyms } from '../../analysis/acronyms.js';
import { frequencyRank } from '../../analysis/frequency.js';
import { TK, type Token } from '../../analysis/segment.js';
import type { Hit, KindCompiler } from '../types.js';

const SIGLE_SHAPE = /^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Z0-9&]{1,7}$/;
// A well-formed Roman numeral ("XIV"), not any word made of its letters ("DMI").
const ROMAN = /^(?=[IVXLCDM])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;
const isUpper = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
const CIVILITY = /^(?:M|Mme|Mlle|MM|Mmes|Monsieur|Madame|Mademoiselle|Me|Dr|Pr)$/;

/** The expansion that fits the context: "article L. 553-2 du CSS" is a code, not a benefit. */
function pickExpansion(expansions: string[], tokens: readonly Token[], i: number): string {
  if (expansions.length > 1) {
    const before = tokens.slice(Math.max(0, i - 8), i).map((t) => t.lower);
    if (before.some((w) => /^(?:article|articles|art|l|r|d)$/.test(w))) {
      const code = expansions.find((e) => /^code /i.test(e));
      if (code) return code;
    }
  }
  return expansions[0]!;
}

/** Lower case with the same length as the text, so offsets stay valid ("İ" alone would grow). */
/** Where each expansion first appears in a document, searched once per document and expansion. */
class FirstUse {
  private readonly at = new Map<string, number>();
  constructor(readonly lowerText: string) {}
  of(expansion: string): number {
    let i = this.at.get(expansion);
    if (i === undefined) {
      i = this.lowerText.indexOf(expansion.toLowerCase().replace(/’/g, "'"));
      this.at.set(expansion, i);
    }
    return i;
  }
}

function defined(tokens: readonly Token[], i: number, uses: FirstUse, expansions: string[]): boolean {
  const t = tokens[i]!;
  // "SIGLE (développement)": a parenthesis with at least two words right after.
  const n = tokens[i + 1];
  if (n && n.text === '(') {
    let words = 0;
    for (let k = i + 2; k < tokens.length && tokens[k]!.text !== ')'; k++) if (tokens[k]!.kind === TK.Word) words++;
    if (words >= 2) return true;
  }
  // "développement (SIGLE)": the sigle between parentheses after words.
  const p = tokens[i - 1];
  if (p && p.text === '(' && tokens[i + 1]?.text === ')' && i >= 3) return true;
  // The expansion written before, or right after as an apposition ("la CAF, caisse d'allocations familiales").
  const rest = uses.lowerText.slice(t.end, t.end + 200);
  const apposition = /^\s*[,–-]\s*/.exec(rest);
  return expansions.some((e) => {
    const first = uses.of(e);
    if (first !== -1 && first < t.start) return true;
    return apposition !== null && rest.startsWith(e.toLowerCase().replace(/’/g, "'"), apposition[0].length);
  });
}

export const acronym: KindCompiler<'acronym'> = (rule, ctx) => {
  const files = Array.isArray(rule.registry) ? rule.registry : [rule.registry];
  const registry = readAcronyms(files.map((f) => ctx.resolve(f)));
  return {
    scope: 'document',
    run(doc) {
      const hits: Hit[] = [];
      const seen = new Set<string>();
      let uses: FirstUse | undefined;
      for (const s of doc.sentences) {
        // Headings written in capitals are not where sigles get defined; skip them.
        if (!s.tokens.some((t) => t.kind === TK.Word && t.text !== t.text.toUpperCase())) continue;
        s.tokens.forEach((t, i) => {
          // Only words that start with two capitals (or a registry entry such as "PUMa") can be sigles.
          if (t.kind !== TK.Word || !isUpper(t.text.charCodeAt(0)) || t.text.length < 2) return;
          const entry = registry.get(t.text);
          if (!entry && (!SIGLE_SHAPE.test(t.text) || ROMAN.test(t.text))) return;
          if (seen.has(t.text)) return;
          seen.add(t.text);
          if (entry?.wellKnown) return;
          const prev = s.tokens[i - 1];
          const next = s.tokens[i + 1];
          // Merge fields such as «NOM», [NOM] or a bare "XXXX" are placeholders, not sigles.
          if ((prev && /^[«[{<]$/.test(prev.text)) || /^(.)\1{2,}$/.test(t.text)) return;
          // Part of a reference code ("DP/APL/2026-00871"): not a use of the sigle in a sentence.
          const glued = (x: Token | undefined, at: number): boolean => x !== undefined && at === (x === prev ? x.end : x.start) && /^[/_-]$|^\d/.test(x.text);
          // A sigle followed by a number (not a year) is an identifier: "CS 70012", "BP 45", "RC 1234".
          if (glued(prev, t.start) || glued(next, t.end) || (next?.kind === TK.Number && !/^(?:19|20)\d\d$/.test(next.text))) {
            seen.delete(t.text);
            return;
          }
          uses ??= new FirstUse(lowerSameLength(doc.text));
          if (entry) {
            if (defined(s.tokens, i, uses, entry.expansions)) return;
            const exp = pickExpansion(entry.expansions, s.tokens, i);
            hits.push({ start: t.start, end: t.end, vars: { expansion: exp }, suggestions: [`${exp} (${t.text})`] });
          } else if (rule.unknown) {
            if (frequencyRank(t.lower) !== undefined) return; // an ordinary word in capitals
            // A surname in capitals ("Monsieur Karim BENALI", "Mme DURAND") is not a sigle.
            if (t.text.length > 5 || (prev && (CIVILITY.test(prev.text) || /^\p{Lu}\p{Ll}+$/u.test(prev.text)))) return;
            if (defined(s.tokens, i, uses, [])) return;
            hits.push({ start: t.start, end: t.end, message: 'unknown', severity: rule.unknownSeverity, suggestions: [] });
          }
        });
      }
      return hits;
    },
  };
};
