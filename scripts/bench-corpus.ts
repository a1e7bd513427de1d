/**
 * Benchmark corpus: deterministic letters (seeded PRNG) recombined from the paragraphs of the team's
 * letters in corpora/lettres/*.txt, with names, dates and amounts varied so that every letter differs.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../src/paths.js';

/** One benchmark letter, as written to the JSON Lines file. */
export interface BenchLetter {
  id: string;
  text: string;
}

/** A source letter cut into its header (up to the salutation), body paragraphs and closing. */
interface SourceLetter {
  header: string[];
  body: string[];
  closing: string[];
}

import { mulberry32 } from '../src/random.js';

export { mulberry32 };

const WORD_RE = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Counts words the same simple way for every tool (letters/digits, with inner apostrophes and hyphens). */
export function countWords(text: string): number {
  let n = 0;
  WORD_RE.lastIndex = 0;
  while (WORD_RE.exec(text)) n++;
  return n;
}

const SALUTATION_RE = /^(?:Madame|Monsieur|Mademoiselle|Maître)(?:,?\s*(?:Madame|Monsieur))?\s*,\s*$/;
const CLOSING_RE = /agréer|salutations|Veuillez recevoir|Je vous prie|Nous vous prions|Merci de votre aide|Bien cordialement|Cordialement/i;

function cut(text: string): SourceLetter {
  const paras = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.replace(/\s+$/, ''))
    .filter((p) => p.trim().length > 0);
  let sal = paras.findIndex((p) => SALUTATION_RE.test(p.trim()));
  if (sal < 0) sal = Math.min(4, paras.length - 1);
  let close = -1;
  for (let i = paras.length - 1; i > sal; i--) {
    if (CLOSING_RE.test(paras[i]!)) {
      close = i;
      break;
    }
  }
  if (close < 0) close = Math.max(sal + 1, paras.length - 2);
  return { header: paras.slice(0, sal + 1), body: paras.slice(sal + 1, close), closing: paras.slice(close) };
}

const FEMALE_NAMES = ['Ana', 'Nadia', 'Karine', 'Martine', 'Sophie', 'Léa', 'Fatou', 'Chloé', 'Inès', 'Amina', 'Camille', 'Élodie', 'Claire'];
const MALE_NAMES = ['Olivier', 'Julien', 'Karim', 'Thomas', 'Hugo', 'Mathieu', 'Lucas', 'Pierre', 'Yann', 'Mehdi', 'Bruno', 'Camille'];
const FIRST_NAMES = [...FEMALE_NAMES, ...MALE_NAMES];
const LAST_NAMES = [
  'Ferreira', 'Fontaine', 'Haddad', 'Duval', 'Guérin', 'Martin', 'Bernard', 'Nguyen', 'Diallo', 'Lefèvre', 'Moreau',
  'Garcia', 'Roux', 'Benali', 'Lambert', 'Girard', 'Mercier', 'Traoré', 'Chevalier', 'Rousseau', 'Blanc', 'Kaya',
];
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

const TITLE_NAME_RE = /\b(Madame|Monsieur|Mme|M\.) ([A-ZÉÈ][a-zéèëïç]+(?:-[A-ZÉ][a-zéèëïç]+)?) ([A-ZÉÈ][A-Za-zÉÈéèëïç'-]+)/gu;
const SIGNATURE_RE = /^([A-ZÉÈ][a-zéèëïç]+(?:-[A-ZÉ][a-zéèëïç]+)?) ([A-ZÉÈ][a-zéèëïç]+(?:-[A-ZÉ][a-zéèëïç]+)?)$/gmu;
const DATE_RE = /\b(1er|[0-3]?\d) (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) (20\d\d)\b/gu;
const NUM_DATE_RE = /\b([0-3]\d)\/([01]\d)\/(20\d\d)\b/g;
const AMOUNT_RE = /\b\d{1,3}(?:[  ]\d{3})*(?:,\d{2})?(?=[  ]?(?:€|euros?\b))/gu;

/** Varies the names, dates and amounts of a paragraph (deterministically, through rnd). */
function vary(text: string, rnd: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  return text
    .replace(TITLE_NAME_RE, (_m, title: string, _first: string, last: string) => {
      const l = pick(LAST_NAMES);
      const first = pick(title === 'Madame' || title === 'Mme' ? FEMALE_NAMES : MALE_NAMES);
      return `${title} ${first} ${last === last.toUpperCase() ? l.toUpperCase() : l}`;
    })
    .replace(SIGNATURE_RE, () => `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`)
    .replace(DATE_RE, () => {
      const d = 1 + Math.floor(rnd() * 28);
      return `${d === 1 ? '1er' : d} ${pick(MONTHS)} ${2025 + Math.floor(rnd() * 3)}`;
    })
    .replace(NUM_DATE_RE, () => {
      const d = String(1 + Math.floor(rnd() * 28)).padStart(2, '0');
      const m = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
      return `${d}/${m}/${2025 + Math.floor(rnd() * 3)}`;
    })
    .replace(AMOUNT_RE, (m) => {
      const cents = m.includes(',');
      const v = 5 + rnd() * 2995;
      return cents
        ? new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v).replace(/[\u202f\u00a0]/g, ' ')
        : String(Math.round(v));
    });
}

/** Reads the source letters (sorted by file name, so the corpus does not depend on directory order). */
function sourceLetters(dir: string): SourceLetter[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => cut(readFileSync(join(dir, f), 'utf8')));
}

/**
 * Generates `count` letters of about `meanWords` words (uniform in ±15 %): a header and closing from
 * random source letters, and body paragraphs drawn from the pool of all letters until the length is reached.
 */
export function generateCorpus(count = 1000, meanWords = 350, seed = 20260214, dir = join(ROOT, 'corpora', 'lettres')): BenchLetter[] {
  const rnd = mulberry32(seed);
  const sources = sourceLetters(dir);
  if (sources.length === 0) throw new Error(`no letters in ${dir}`);
  const pool = sources.flatMap((s) => s.body).map((text) => ({ text, words: countWords(text) }));
  if (pool.length === 0) throw new Error(`no body paragraphs in ${dir}`);
  const out: BenchLetter[] = [];
  for (let i = 0; i < count; i++) {
    const target = Math.round(meanWords * (0.85 + 0.3 * rnd()));
    const header = sources[Math.floor(rnd() * sources.length)]!.header;
    const closing = sources[Math.floor(rnd() * sources.length)]!.closing;
    const parts = header.map((p) => vary(p, rnd));
    let words = parts.reduce((n, p) => n + countWords(p), 0);
    const closingParts = closing.map((p) => vary(p, rnd));
    const closingWords = closingParts.reduce((n, p) => n + countWords(p), 0);
    let last = -1;
    let misses = 0;
    while (words + closingWords < target && misses < 8) {
      let k = Math.floor(rnd() * pool.length);
      if (k === last) k = (k + 1) % pool.length;
      const p = pool[k]!;
      const total = words + closingWords;
      // Take a paragraph only if it brings the letter closer to its target length.
      if (total + p.words - target > target - total) {
        misses++;
        continue;
      }
      last = k;
      const v = vary(p.text, rnd);
      parts.push(v);
      words += countWords(v);
    }
    parts.push(...closingParts);
    out.push({ id: `lettre-${String(i + 1).padStart(4, '0')}`, text: parts.join('\n\n') + '\n' });
  }
  return out;
}

/** Writes letters as JSON Lines ({"id","text"} per line). */
export function writeJsonl(path: string, letters: readonly BenchLetter[]): void {
  writeFileSync(path, letters.map((l) => JSON.stringify({ id: l.id, text: l.text })).join('\n') + '\n');
}

/** Reads a JSON Lines file of letters. */
export function readJsonl(path: string): BenchLetter[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as BenchLetter);
}
