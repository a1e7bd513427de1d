/** French numbers written in words, read as numbers (the map's comparisons, dates of birth in words, volunteers' answers). */

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, un: 1, une: 1, premier: 1, premiere: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10,
  onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16, vingt: 20, vingts: 20, trente: 30, quarante: 40,
  cinquante: 50, soixante: 60, cent: 100, cents: 100, mille: 1000, mil: 1000,
};

/** The words a French number is written with (without « et », which only joins them). */
export const FRENCH_NUMBER_WORDS: readonly string[] = Object.keys(NUMBER_WORDS);

/** Parses a French number in words (« deux », « vingt et un », « quatre-vingt-dix », « mil neuf cent ») or digits. */
export function parseFrenchNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const tokens = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[-\s]+/)
    .filter((t) => t !== 'et' && t !== '');
  if (tokens.length === 0) return undefined;
  let total = 0;
  let current = 0;
  let previous: string | undefined;
  for (const t of tokens) {
    const v = NUMBER_WORDS[t];
    if (v === undefined) return undefined;
    if (v === 100) current = (current || 1) * 100;
    else if (v === 1000) {
      total += (current || 1) * 1000;
      current = 0;
    } else if (v === 20 && previous === 'quatre') current += 80 - 4; // quatre-vingt(s)
    else current += v;
    previous = t;
  }
  return total + current;
}
