/** Readability formulas with French bands. */

/** Kandel & Moles (French adaptation of Flesch): 207 − 1.015 × words/sentence − 73.6 × syllables/word. */
export function kandelMoles(words: number, sentences: number, syllables: number): number {
  if (words === 0 || sentences === 0) return 100;
  return 207 - 1.015 * (words / sentences) - 73.6 * (syllables / words);
}

/** LIX: words/sentences + 100 × long words (over 6 letters) / words. */
export function lix(words: number, sentences: number, longWords: number): number {
  if (words === 0 || sentences === 0) return 0;
  return words / sentences + (100 * longWords) / words;
}

/** Plain-French band of a Kandel & Moles score. */
export function kandelMolesBand(v: number): string {
  if (v >= 90) return 'très facile';
  if (v >= 80) return 'facile';
  if (v >= 70) return 'assez facile';
  if (v >= 60) return 'standard';
  if (v >= 50) return 'assez difficile';
  if (v >= 30) return 'difficile';
  return 'très difficile';
}

/** Plain-French band of a LIX score. */
export function lixBand(v: number): string {
  if (v < 25) return 'très facile';
  if (v < 35) return 'facile';
  if (v < 45) return 'moyen';
  if (v < 55) return 'difficile';
  return 'très difficile';
}
