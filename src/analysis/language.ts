/** Language detection: a cheap French function-word test first, franc-min on a bounded sample otherwise. */
import { franc } from 'franc-min';
import { TK, type Sentence } from './segment.js';

const ISO: Record<string, string> = { fra: 'fr', eng: 'en', deu: 'de', spa: 'es', ita: 'it', por: 'pt', nld: 'nl' };
const ONLY = Object.keys(ISO);

/** Function words frequent in French and rare in the other languages franc is asked about. */
const FRENCH_MARKERS = new Set([
  'des', 'du', 'et', 'est', 'vous', 'nous', 'une', 'pour', 'dans', 'pas', 'sur', 'aux', 'votre', 'vos', 'cette',
  'sont', 'avec', 'ou', 'été', 'être', 'nos', 'leur', 'mais', 'comme', 'plus', 'par', 'au', 'ces', 'notre',
  "l'", "d'", "qu'", "n'", "s'", "c'", "j'",
]);

/** ISO 639-1 code of the text's language ("fr" when too short to tell). */
export function detectLanguage(text: string, sentences: readonly Sentence[]): string {
  // Most letters are plainly French: count French function words among the first 400 words.
  let words = 0;
  let markers = 0;
  outer: for (const s of sentences) {
    for (const t of s.tokens) {
      if (t.kind !== TK.Word) continue;
      words++;
      if (FRENCH_MARKERS.has(t.lower)) markers++;
      if (words >= 400) break outer;
    }
  }
  if (words >= 12 && markers / words >= 0.1) return 'fr';
  // Otherwise ask franc, on a sample from the middle (letterheads are full of names and numbers).
  const sample = text.length > 1200 ? text.slice(Math.floor(text.length / 2) - 600, Math.floor(text.length / 2) + 600) : text;
  const letters = sample.replace(/[^\p{L}]+/gu, '');
  if (letters.length < 40) return 'fr';
  const code = franc(sample, { only: ONLY, minLength: 40 });
  return ISO[code] ?? 'fr';
}
