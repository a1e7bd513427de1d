/**
 * Near-duplicate templates: normalisation of variable parts, MinHash signatures, LSH index, groups, diffs.
 * Measured on the real letters of corpora/lettres/ (figures in the module's doc comment).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLD,
  LSH_BANDS,
  LSH_ROWS,
  NearDuplicateIndex,
  SIGNATURE_SIZE,
  groupNearDuplicates,
  normaliseForShingles,
  signature,
  signatureFromBytes,
  signatureToBytes,
  similarity,
  wordDiff,
} from '../../src/map/near-duplicates.js';
import { ROOT } from '../../src/paths.js';

const DIR = join(ROOT, 'corpora', 'lettres');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort();
const LETTERS = FILES.map((f) => readFileSync(join(DIR, f), 'utf8'));
const SIGS = LETTERS.map((t) => signature(t));

/** Deterministic PRNG (mulberry32) so that every run tests the same variants. */
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = ['Jean', 'Fatima', 'Kevin', 'Marie-Claire', 'Ousmane', 'Élodie', 'Thi Hoa'];
const LAST_NAMES = ['DUPONT', 'Benali', 'LE GOFF', 'Martin', 'Nguyễn', 'Traoré', 'Lefèvre'];
const MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
];
const STREETS = ['Lilas', 'Peupliers', 'Victor-Hugo', 'Marronniers', 'Jean Moulin'];
const MONTH_RE = new RegExp(`(?<!\\p{L})(?:${MONTHS.join('|')})(?!\\p{L})`, 'gu');

/**
 * Another copy of the same letter, as a mail merge would produce it: other civility, name, street,
 * digits (dates, amounts, file and phone numbers), months; `{{placeholders}}` filled in.
 */
function mailMergeVariant(text: string, rnd: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const fill = (name: string): string => {
    if (name.includes('date')) return `${1 + Math.floor(rnd() * 28)} ${pick(MONTHS)} 2026`;
    if (name.includes('heure')) return `${8 + Math.floor(rnd() * 9)} h 30`;
    if (name.includes('civilite')) return pick(['Madame', 'Monsieur']);
    if (name.includes('prenom')) return pick(FIRST_NAMES);
    if (name.includes('nom')) return pick(LAST_NAMES);
    if (name.includes('adresse')) return `${1 + Math.floor(rnd() * 90)}, rue des ${pick(STREETS)}`;
    if (name.includes('code_postal')) return '99300';
    if (name.includes('commune') || name.includes('ville')) return 'Lisle-en-Ardre';
    if (name.includes('fonction')) return 'agent instructeur';
    return `2026-${Math.floor(rnd() * 1e6)}`;
  };
  let v = text.replace(/\{\{\s*([^}]*?)\s*\}\}/gu, (_m, name: string) => fill(name));
  v = v.replace(
    /(Madame|Monsieur|M\.|Mme)( +)\p{Lu}[\p{L}-]*(?: +\p{Lu}[\p{L}-]*)?/gu,
    (_m, civility: string, space: string) => `${civility}${space}${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
  );
  v = v.replace(/(?<!\p{L})(Madame|Monsieur)(?!\p{L})/gu, () => pick(['Madame', 'Monsieur']));
  v = v.replace(/\d/gu, () => String(Math.floor(rnd() * 10)));
  v = v.replace(MONTH_RE, () => pick(MONTHS));
  v = v.replace(
    /(rue|allée|avenue|impasse) (?:des |de la |du )?\p{Lu}[\p{L}-]*/gu,
    (_m, kind: string) => `${kind} des ${pick(STREETS)}`,
  );
  return v;
}

const paragraphs = (text: string): string[] => text.split(/\n[ \t]*\n/u);
const longSentences = (text: string): string[] => text.match(/[^.!?\n]{40,}[.!?]/gu) ?? [];

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

describe('normaliseForShingles', () => {
  it('replaces the variable parts of a letter by placeholders and folds case and apostrophes', () => {
    const text =
      'Madame Ana FERREIRA\n8, allée des Glycines, appartement 23\n99200 Saint-Aubin-sur-Ardre\n\n' +
      "Valmont, le 9 février 2026\nMadame,\nNous avons reçu le 03/02/2026 votre demande n° AL/2026/004512 " +
      "d’un montant de 1 250,50 €. Rendez-vous le lundi 2 mars à 14 h 30. Écrivez à logement@caf-exemple.fr. " +
      "L'agent, M. Olivier Fontaine, vous répondra.\nBonjour Kevin Martin,\nÀ bientôt,\n\nOlivier Fontaine\n";
    expect(normaliseForShingles(text)).toBe(
      '_civ_ _nom_ _adresse_ appartement 0 _lieu_ valmont le _date_ _civ_ nous avons reçu le _date_ ' +
        'votre demande n al 0 d un montant de 0 rendez vous le _date_ à _heure_ écrivez à _mail_ ' +
        'l agent _civ_ _nom_ vous répondra bonjour _nom_ à bientôt _nom_',
    );
  });

  it('maps the placeholders of a model to the tokens of a filled letter', () => {
    const model = '{{civilite}} {{prenom}} {{nom}}\n{{adresse}}\n{{code_postal}} {{ville}}\nLe {{ date_rdv }} à {{heure_rdv}}, dossier {{numero_demande}}.';
    const filled = 'Monsieur Jean DUPONT\n4, rue des Lilas\n99300 Lisle-en-Ardre\nLe 3 mars 2026 à 9 h 30, dossier 2026-118.';
    expect(normaliseForShingles(model)).toBe(normaliseForShingles(filled));
  });

  it('keeps accents, words that only look like dates, and the text of the template', () => {
    expect(normaliseForShingles('Sept jours après la décision, le Préfet répond.')).toBe(
      'sept jours après la décision le préfet répond',
    );
    expect(normaliseForShingles('du lundi au vendredi')).toBe('du lundi au vendredi');
  });
});

describe('signature and similarity', () => {
  it('gives the same bytes for the same text, pinned so that stored signatures stay valid', () => {
    const text = 'Nous avons bien reçu votre demande d’aide personnalisée au logement.';
    const a = signature(text);
    const b = signature(text.normalize('NFD'));
    expect(a).toHaveLength(SIGNATURE_SIZE);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    // NOTE: changing the normalisation, the shingles or the hashes changes these values: stored
    // signatures must then be recomputed (bump the map's signature version).
    expect(Array.from(a.subarray(0, 4))).toEqual(PINNED);
  });

  it('round-trips through little-endian bytes, Buffer.from(sig.buffer) and an unaligned Buffer', () => {
    const sig = SIGS[0]!;
    const bytes = signatureToBytes(sig);
    expect(bytes).toHaveLength(SIGNATURE_SIZE * 4);
    expect(signatureFromBytes(bytes)).toEqual(sig);
    expect(Buffer.from(bytes).equals(Buffer.from(sig.buffer))).toBe(true); // x86 and ARM are little-endian
    const unaligned = Buffer.concat([Buffer.from([7]), Buffer.from(sig.buffer)]).subarray(1);
    expect(unaligned.byteOffset % 4).not.toBe(0);
    expect(signatureFromBytes(unaligned)).toEqual(sig);
    expect(() => signatureFromBytes(bytes.subarray(4))).toThrow(RangeError);
  });

  it('signs a text shorter than a shingle, and tells short texts apart', () => {
    const short = signature('Bonjour Madame.');
    expect(short.some((v) => v !== 0xffffffff)).toBe(true);
    expect(similarity(short, signature('Bonjour Madame.'))).toBe(1);
    expect(similarity(short, signature('Au revoir.'))).toBeLessThan(0.1);
    expect(similarity(signature(''), signature(''))).toBe(1);
  });

  it('estimates the Jaccard similarity of the 5-word shingles within sampling error', () => {
    const rnd = prng(3);
    const word = (): string => Array.from({ length: 7 }, () => String.fromCharCode(97 + Math.floor(rnd() * 26))).join('');
    const words = Array.from({ length: 400 }, word);
    // A = words 0–299, B = words 100–399: 196 shared shingles out of 296 + 296 − 196.
    const a = signature(words.slice(0, 300).join(' '));
    const b = signature(words.slice(100).join(' '));
    const exact = 196 / (296 + 296 - 196);
    // σ of the estimate is √(J(1−J)/K) ≈ 0.04; 0.1 is 2.5σ, fixed seeds make the outcome deterministic.
    expect(Math.abs(similarity(a, b) - exact)).toBeLessThan(0.1);
    expect(similarity(a, signature(words.slice(0, 300).reverse().join(' ')))).toBeLessThan(0.05);
  });
});

describe('near-duplicates in the corpus of letters', () => {
  it('finds two copies of a letter with another recipient, address, dates, amounts and numbers (≥ 0.9)', () => {
    const original = LETTERS[0]!; // 01-caf-accuse-reception-aide-logement
    const copy = original
      .replaceAll('Ana FERREIRA', 'Jean-Marc DURAND')
      .replaceAll('8, allée des Glycines, appartement 23', '17 bis, rue Victor-Hugo, appartement 4')
      .replaceAll('8, allée des Glycines', '17 bis, rue Victor-Hugo')
      .replaceAll('99200 Saint-Aubin-sur-Ardre', '99300 Lisle-en-Ardre')
      .replaceAll('9 février 2026', '12 mars 2026')
      .replaceAll('3 février 2026', '6 mars 2026')
      .replaceAll('3 avril 2026', '6 mai 2026')
      .replaceAll('AL/2026/004512', 'AL/2026/117093')
      .replaceAll('4 521 876', '3 118 240')
      .replaceAll('Madame', 'Monsieur');
    expect(copy).not.toBe(original);
    const s = similarity(SIGS[0]!, signature(copy));
    expect(s).toBeGreaterThanOrEqual(0.9);
    expect(groupNearDuplicates([
      { id: 'a', signature: SIGS[0]! },
      { id: 'b', signature: signature(copy) },
      { id: 'c', signature: SIGS[1]! },
    ])).toEqual([['a', 'b']]);
  });

  it('finds the filled copies of the two models written with {{placeholders}} (≥ 0.9)', () => {
    const rnd = prng(14);
    for (const i of [13, 27]) {
      expect(LETTERS[i]).toContain('{{');
      const filled = mailMergeVariant(LETTERS[i]!, rnd);
      expect(filled).not.toContain('{{');
      expect(similarity(SIGS[i]!, signature(filled))).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('finds mail-merge variants of every letter (5 each, all ≥ 0.9)', () => {
    const rnd = prng(1);
    const scores: number[] = [];
    LETTERS.forEach((letter, i) => {
      for (let k = 0; k < 5; k++) scores.push(similarity(SIGS[i]!, signature(mailMergeVariant(letter, rnd))));
    });
    expect(Math.min(...scores)).toBeGreaterThanOrEqual(0.9); // measured: min 0.925, mean 0.998
  });

  it('keeps the distinct letters of the corpus apart (max similarity far below the threshold)', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(40);
    let max = 0;
    for (let i = 0; i < SIGS.length; i++) {
      for (let j = i + 1; j < SIGS.length; j++) max = Math.max(max, similarity(SIGS[i]!, SIGS[j]!));
    }
    expect(max).toBeLessThan(0.15); // measured: 0.069 (exact Jaccard of the closest pair: 0.054)
    expect(max).toBeLessThan(DEFAULT_THRESHOLD / 2);
    expect(groupNearDuplicates(FILES.map((id, i) => ({ id, signature: SIGS[i]! })))).toEqual([]);
  });

  it('groups each letter with its variant and nothing else', () => {
    const rnd = prng(2);
    const items = FILES.flatMap((id, i) => [
      { id, signature: SIGS[i]! },
      { id: `${id}~copy`, signature: signature(mailMergeVariant(LETTERS[i]!, rnd)) },
    ]);
    const groups = groupNearDuplicates(items);
    expect(groups).toHaveLength(FILES.length);
    expect(groups).toEqual(FILES.map((id) => [id, `${id}~copy`]));
  });

  it('measures edited letters against the threshold: one sentence, one paragraph rewritten', () => {
    const sentence: number[] = [];
    const midParagraph: number[] = [];
    const longestParagraph: number[] = [];
    LETTERS.forEach((letter, i) => {
      const other = LETTERS[(i + 11) % LETTERS.length]!;
      const longest = [...longSentences(letter)].sort((a, b) => b.length - a.length)[0]!;
      sentence.push(similarity(SIGS[i]!, signature(letter.replace(longest, longSentences(other)[0]!))));
      const ps = paragraphs(letter);
      const foreign = [...paragraphs(other)].sort((a, b) => b.length - a.length)[0]!;
      const bySize = ps.map((p, k) => [p.length, k] as const).sort((a, b) => b[0] - a[0]);
      for (const [rank, out] of [[0, longestParagraph], [Math.floor(bySize.length / 3), midParagraph]] as const) {
        const edited = [...ps];
        edited[bySize[rank]![1]] = foreign;
        out.push(similarity(SIGS[i]!, signature(edited.join('\n\n'))));
      }
    });
    const share = (xs: number[]) => xs.filter((x) => x >= DEFAULT_THRESHOLD).length / xs.length;
    // Measured (42 letters): longest sentence replaced: min 0.58, median 0.82, 98 % ≥ 0.6, 60 % ≥ 0.8;
    // a middle-sized paragraph replaced: median 0.75, 90 % ≥ 0.6; the longest paragraph: median 0.61.
    expect(share(sentence)).toBeGreaterThanOrEqual(0.9);
    expect(share(midParagraph)).toBeGreaterThanOrEqual(0.8);
    expect(quantile(longestParagraph, 0.5)).toBeGreaterThan(0.45);
    expect(quantile(longestParagraph, 0.5)).toBeLessThan(0.75);
    // Every edit stays far above unrelated letters and below a plain copy.
    expect(Math.min(...sentence, ...midParagraph, ...longestParagraph)).toBeGreaterThan(0.3);
    expect(quantile(longestParagraph, 0.9)).toBeLessThan(0.9);
  });
});

describe('NearDuplicateIndex', () => {
  it('adds, finds (most similar first), replaces and removes signatures', () => {
    const index = new NearDuplicateIndex();
    FILES.forEach((id, i) => index.add(id, SIGS[i]!));
    expect(index.size).toBe(FILES.length);
    const rnd = prng(5);
    // A mail-merge copy of letter 05 with its first long sentence rewritten: similar, not identical.
    const copy = mailMergeVariant(LETTERS[4]!, rnd);
    const variant = signature(copy.replace(longSentences(copy)[0]!, longSentences(LETTERS[20]!)[0]!));
    const found = index.near(variant);
    expect(found.map((f) => f.id)).toEqual([FILES[4]]);
    expect(found[0]!.similarity).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(found[0]!.similarity).toBeLessThan(1);
    expect(index.candidates(variant)).toContain(FILES[4]);

    index.add('copy', variant);
    const again = index.near(SIGS[4]!);
    expect(again.map((f) => f.id)).toEqual([FILES[4], 'copy']);
    expect(again[0]!.similarity).toBe(1);
    expect(index.near(SIGS[4]!, 1).map((f) => f.id)).toEqual([FILES[4]]);

    index.add('copy', SIGS[7]!); // same id: replaced, not duplicated
    expect(index.size).toBe(FILES.length + 1);
    expect(index.near(SIGS[4]!).map((f) => f.id)).toEqual([FILES[4]]);
    expect(index.near(SIGS[7]!).map((f) => f.id)).toEqual([FILES[7], 'copy']);

    expect(index.remove(FILES[4]!)).toBe(true);
    expect(index.remove(FILES[4]!)).toBe(false);
    expect(index.near(variant)).toEqual([]);
    expect(index.candidates(SIGS[4]!)).not.toContain(FILES[4]);
    expect(index.size).toBe(FILES.length);
    expect(() => index.add('bad', new Uint32Array(3))).toThrow(RangeError);
  });

  it('makes pairs at the threshold candidates with ≥ 99 % probability (LSH banding)', () => {
    const p = (s: number) => 1 - (1 - s ** LSH_ROWS) ** LSH_BANDS;
    expect(LSH_BANDS * LSH_ROWS).toBe(SIGNATURE_SIZE);
    expect(p(DEFAULT_THRESHOLD)).toBeGreaterThanOrEqual(0.99);
    expect(p(0.2)).toBeLessThan(0.1);
    expect(p(0.1)).toBeLessThan(0.01);
  });
});

describe('groupNearDuplicates', () => {
  it('returns groups of 2 or more, ids sorted, largest first then by first id', () => {
    const a = SIGS[0]!;
    const b = SIGS[1]!;
    const c = SIGS[2]!;
    const items = [
      { id: 'z1', signature: b },
      { id: 'y', signature: c },
      { id: 'k2', signature: a },
      { id: 'a1', signature: b },
      { id: 'k1', signature: a },
      { id: 'k3', signature: a },
    ];
    expect(groupNearDuplicates(items)).toEqual([['k1', 'k2', 'k3'], ['a1', 'z1']]);
    expect(groupNearDuplicates([])).toEqual([]);
  });

  it('joins a chain a~b~c even when a and c are below the threshold', () => {
    const a = SIGS[0]!;
    const b = Uint32Array.from(a);
    for (let i = 0; i < 48; i++) b[i] = SIGS[1]![i]!; // b shares 70 % of a's slots
    const c = Uint32Array.from(b);
    for (let i = 48; i < 96; i++) c[i] = SIGS[2]![i]!; // c shares 70 % of b's, 40 % of a's
    expect(similarity(a, b)).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(similarity(b, c)).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(similarity(a, c)).toBeLessThan(DEFAULT_THRESHOLD);
    const items = [
      { id: 'a', signature: a },
      { id: 'b', signature: b },
      { id: 'c', signature: c },
    ];
    expect(groupNearDuplicates(items)).toEqual([['a', 'b', 'c']]);
    expect(groupNearDuplicates([...items].reverse())).toEqual([['a', 'b', 'c']]);
    expect(groupNearDuplicates(items, 0.8)).toEqual([]);
  });

  it('groups 100,000 signatures made from 200 base letters (completes; every group exact)', () => {
    const rnd = prng(2026);
    // Base letters: 15 distinct sentences each, drawn from the sentences of the real corpus.
    const pool = [...new Set(LETTERS.flatMap(longSentences).map((s) => s.trim()))];
    expect(pool.length).toBeGreaterThan(300);
    const bases = Array.from({ length: 200 }, (_, b) => {
      const chosen = new Set<number>();
      while (chosen.size < 15) chosen.add(Math.floor(rnd() * pool.length));
      return `Madame Ana FERREIRA\n8, allée des Glycines\n99200 Saint-Aubin-sur-Ardre\n\nValmont, le 9 février 2026\n\nMadame,\n\n${
        [...chosen].map((k) => pool[k]!).join(' ')
      }\n\nDossier ${b}.`;
    });
    // 10 real mail-merge variants per base (2,000 signatures), then perturbed copies of them up to 100,000:
    // 200 × 495 near-duplicates and 1,000 unrelated random signatures.
    const items: { id: string; signature: Uint32Array }[] = [];
    bases.forEach((base, b) => {
      const variants = Array.from({ length: 10 }, () => signature(mailMergeVariant(base, rnd)));
      for (let c = 0; c < 495; c++) {
        const sig = Uint32Array.from(variants[c % 10]!);
        if (c >= 10) {
          const changes = Math.floor(rnd() * 6);
          for (let k = 0; k < changes; k++) sig[Math.floor(rnd() * SIGNATURE_SIZE)] = Math.floor(rnd() * 2 ** 32);
        }
        items.push({ id: `b${String(b).padStart(3, '0')}-${String(c).padStart(3, '0')}`, signature: sig });
      }
    });
    for (let r = 0; r < 1000; r++) {
      items.push({ id: `r${r}`, signature: Uint32Array.from({ length: SIGNATURE_SIZE }, () => Math.floor(rnd() * 2 ** 32)) });
    }
    expect(items).toHaveLength(100_000);

    const groups = groupNearDuplicates(items);
    expect(groups).toHaveLength(200);
    groups.forEach((group, b) => {
      expect(group).toHaveLength(495);
      const prefix = `b${String(b).padStart(3, '0')}-`;
      expect(group.every((id) => id.startsWith(prefix))).toBe(true);
    });
  });
});

describe('wordDiff', () => {
  it('shows a changed name as removed + added and the rest as same, consecutive runs merged', () => {
    const before = 'Madame Ana FERREIRA,\nnous avons bien reçu votre demande du 3 février 2026.';
    const after = 'Madame Lucie MARTIN,\nnous avons bien reçu votre demande du 3 février 2026.';
    const parts = wordDiff(before, after);
    expect(parts.filter((p) => p.op === 'removed').map((p) => p.text.trim())).toEqual(['Ana FERREIRA']);
    expect(parts.filter((p) => p.op === 'added').map((p) => p.text.trim())).toEqual(['Lucie MARTIN']);
    expect(parts.filter((p) => p.op === 'same').map((p) => p.text).join('')).toContain(
      'nous avons bien reçu votre demande du 3 février 2026.',
    );
    for (let i = 1; i < parts.length; i++) expect(parts[i]!.op).not.toBe(parts[i - 1]!.op);
    expect(parts.filter((p) => p.op !== 'added').map((p) => p.text).join('')).toBe(before);
    expect(parts.filter((p) => p.op !== 'removed').map((p) => p.text).join('')).toBe(after);
  });

  it('returns one same part for identical texts and handles empty texts', () => {
    expect(wordDiff('Votre dossier est complet.', 'Votre dossier est complet.')).toEqual([
      { op: 'same', text: 'Votre dossier est complet.' },
    ]);
    expect(wordDiff('', 'Bonjour')).toEqual([{ op: 'added', text: 'Bonjour' }]);
    expect(wordDiff('', '')).toEqual([]);
  });
});

const PINNED = [148728663, 617304218, 959765215, 34698608];
