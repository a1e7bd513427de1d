/**
 * Given names in use in France (corpora/lexiques/prenoms.txt, written by the team from general knowledge:
 * every generation, the origins present in France, spelling variants), each flagged when it is also a
 * common French word or place ("Rose", "Pierre", "France"). Read once, at the first look-up.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEXICONS_DIR } from '../paths.js';

/** 'F': a given name only; 'A': also an ordinary word or place. */
export type GivenNameClass = 'F' | 'A';

export const GIVEN_NAMES_FILE = join(LEXICONS_DIR, 'prenoms.txt');

let table: Map<string, GivenNameClass> | undefined;
let bare: Map<string, GivenNameClass> | undefined;

/** Lower case without accents: "Léa" -> "lea", as a note typed without accents writes it. */
export const unaccented = (w: string): string => w.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

/** Reads the file's entries ("Name<TAB>ambigu|-"), keyed in lower case; throws a French message on a defect. */
export function parseGivenNames(text: string, file: string): Map<string, GivenNameClass> {
  const out = new Map<string, GivenNameClass>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line === '' || line.startsWith('#')) return;
    const [name, flag, extra] = line.split('\t');
    if (!name || (flag !== 'ambigu' && flag !== '-') || extra !== undefined) throw new Error(`${file}, ligne ${i + 1} : « prénom<TAB>ambigu » ou « prénom<TAB>- » attendu`);
    const key = name.toLowerCase();
    // (the same name as an ordinary word under another spelling keeps the flag)
    if (out.get(key) !== 'A') out.set(key, flag === 'ambigu' ? 'A' : 'F');
  });
  return out;
}

const names = (): Map<string, GivenNameClass> => (table ??= parseGivenNames(readFileSync(GIVEN_NAMES_FILE, 'utf8'), GIVEN_NAMES_FILE));

/** The class of a word as a given name (any case), or undefined when it is none. */
export function givenName(word: string): GivenNameClass | undefined {
  return names().get(word.toLowerCase());
}

/** The same for a word written without its accents ("lea", "helene"): 'A' when any name or word it may stand for is. */
export function givenNameUnaccented(word: string): GivenNameClass | undefined {
  if (!bare) {
    bare = new Map();
    for (const [k, c] of names()) {
      const u = unaccented(k);
      if (bare.get(u) !== 'A') bare.set(u, c);
    }
  }
  return bare.get(unaccented(word));
}
