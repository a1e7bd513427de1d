/** French syllable counting: vowel groups, silent final e/es, silent verbal -ent. */

const VOWELS = 'aeiouyàâäéèêëîïôöùûüÿœæ';
const cache = new Map<string, number>();

function isVowel(c: string): boolean {
  return VOWELS.includes(c);
}

/** Number of spoken syllables of a French word (lower case), at least 1. */
export function syllables(lower: string): number {
  const hit = cache.get(lower);
  if (hit !== undefined) return hit;
  let w = lower.replace(/[^a-zàâäéèêëîïôöùûüÿœæç]/g, '');
  if (w.length === 0) return 1;
  // Silent endings: "-es", "-e" after a consonant, verbal "-ent" (they speak: "parlent").
  if (w.length > 3 && /[^aeiouyéèê]ent$/.test(w) && !/(?:ment|cent|dent|gent|lent|tent|vent|sent|rent)$/.test(w)) w = w.slice(0, -3);
  else if (w.length > 2 && /[^aeiouyéèêàâ]es?$/.test(w)) w = w.replace(/es?$/, '');
  let n = 0;
  let prev = false;
  for (const c of w) {
    const v = isVowel(c);
    if (v && !prev) n++;
    prev = v;
  }
  // "ï", "oé", "éa", "éo", "ia" and "io" (in "-tion") often split a vowel group: "po-é-sie", "cré-a-tion".
  const hiatus = w.match(/[éè][aiouyâ]|[aeiou]ï|[aoué]é|i[aéoè](?!n|u)/g);
  if (hiatus) n += hiatus.length;
  n = Math.max(1, n);
  if (cache.size > 100_000) cache.clear();
  cache.set(lower, n);
  return n;
}
