/**
 * Near-duplicate templates on the map: MinHash signatures of word shingles, LSH banding, groups, diffs.
 *
 *   text ─normaliseForShingles→ tokens ─5-word shingles→ 32-bit hashes ─160 min-hashes→ signature (640 B)
 *   signatures ─LSH, 40 bands × 4 rows→ candidate pairs ─estimated Jaccard ≥ 0.6→ union-find groups
 *
 * Decisions, measured on the 42 letters of corpora/lettres (test/map/near-duplicates.test.ts):
 * - The variable parts of a letter (civility and name of the recipient, street address, postcode line,
 *   dates, times, e-mails, every number or identifier, the `{{placeholders}}` of a model) become tokens
 *   before shingling: mail-merge copies of a letter then score ≥ 0.92 (mean 0.998), and a model with
 *   placeholders matches its filled copies. Accents are kept; case and both apostrophes are folded.
 * - 5-word shingles: 3 to 7 words give the same separation here (distinct letters ≤ 0.07 estimated,
 *   exact Jaccard ≤ 0.054); 5 keeps shared administrative phrases from lifting unrelated letters
 *   without making one leftover word (an agent's name in a sentence) cost too many shingles.
 * - DEFAULT_THRESHOLD = 0.6, i.e. about three quarters of the text in common, not the 0.8 first
 *   proposed: replacing the longest sentence of a letter leaves a median of 0.82 and 41 % of letters
 *   below 0.8 (2 % below 0.6); replacing a middle-sized paragraph, median 0.75 (90 % ≥ 0.6, 31 % ≥ 0.8);
 *   replacing the longest paragraph, median 0.61 (half ≥ 0.6). Such letters are still "one model to
 *   rewrite", and the closest distinct letters stay 9 times below. Callers may pass a stricter value.
 * - 160 slots (not 128) for 40 bands × 4 rows, so that a pair at 0.6 becomes a candidate with
 *   probability 1 − (1 − 0.6⁴)⁴⁰ = 0.996 (0.99996 at 0.7); at 0.2 with 0.06, at 0.1 with 0.004.
 *   A near() below 0.6 loses recall (0.5: 0.93). The estimate's standard error is √(J(1−J)/160) ≤ 0.04.
 * - Hashes: FNV-1a per word, murmur3 rounds per shingle, then K permutations h ↦ a·h + b mod 2³² with
 *   fixed parameters (no Math.random): signatures are identical across processes and can be stored;
 *   signatureToBytes/signatureFromBytes fix the byte order to little-endian (what Buffer.from(sig.buffer)
 *   gives on x86 and ARM). Changing the normalisation or the hashes invalidates stored signatures.
 * - Cost (2 cores, Node 20): 0.35 ms to sign a letter (0.14 ms of it normalising); grouping 100,000
 *   signatures 0.4 s; indexing them 1 s; near() of a new letter against them 1–2 ms with 495 matches.
 */
import { diffWords } from 'diff';

/** Number of words per shingle. */
export const SHINGLE_SIZE = 5;
/** Number of MinHash slots in a signature. */
export const SIGNATURE_SIZE = 160;
/** LSH bands (BANDS × ROWS = SIGNATURE_SIZE). */
export const LSH_BANDS = 40;
/** LSH rows per band. */
export const LSH_ROWS = 4;
/** Default estimated Jaccard above which two documents are near-duplicates. */
export const DEFAULT_THRESHOLD = 0.6;

// ---------------------------------------------------------------------------------------------------
// Normalisation

// NOTE: explicit Latin ranges instead of \p{L}\p{N}: a lookbehind on a Unicode property is tried at every
// position and made normalisation 3 times slower; French (and the names of its letters' recipients,
// Vietnamese included) is covered by Basic Latin, Latin-1, Latin Extended A/B and Extended Additional.
const LETTERS = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u1E00-\\u1EFF';
const UPPER = 'A-Z\\u00C0-\\u00D6\\u00D8-\\u00DE\\u0152\\u0178';
const WORD = `${LETTERS}0-9_`;
const NOT_WORD_BEFORE = `(?<![${WORD}])`;
const NOT_WORD_AFTER = `(?![${WORD}])`;
const SP = '[ \\t\\u00a0\\u202f]';
const FULL_MONTHS =
  '[Jj]anvier|[Ff][ée]vrier|[Mm]ars|[Aa]vril|[Mm]ai|[Jj]uin|[Jj]uillet|[Aa]o[ûu]t|[Ss]eptembre|[Oo]ctobre|[Nn]ovembre|[Dd][ée]cembre';
const SHORT_MONTHS = '[Jj]anv|[Ff][ée]vr?|[Aa]vr|[Jj]uil|[Ss]ept|[Oo]ct|[Nn]ov|[Dd][ée]c';
const WEEKDAYS = '[Ll]undi|[Mm]ardi|[Mm]ercredi|[Jj]eudi|[Vv]endredi|[Ss]amedi|[Dd]imanche';
const DAY = '(?:\\d{1,2}(?:er)?|premier)';
const CAPITALISED = `[${UPPER}][${LETTERS}'’.-]*`;
const CAPITALISED_WORD = `[${UPPER}][${LETTERS}'’-]*`;

const PLACEHOLDER_RE = /\{\{\s*([^{}]*?)\s*\}\}/gu;
const EMAIL_LOCAL_RE = new RegExp(`[${WORD}.%+-]`, 'u');
const EMAIL_DOMAIN_RE = new RegExp(`[${WORD}.-]`, 'u');
const DATE_RE = new RegExp(
  `(?=[\\dlmjvsdpfaonLMJVSDPFAON])${NOT_WORD_BEFORE}(?:` +
    `\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}` +
    `|(?:(?:${WEEKDAYS})\\s+)?(?:${DAY}\\s+)?(?:${FULL_MONTHS})(?:\\s+\\d{4})?` +
    `|${DAY}\\s+(?:${SHORT_MONTHS})\\.?(?:\\s+\\d{4})?` +
    `)${NOT_WORD_AFTER}`,
  'gu',
);
const TIME_RE = new RegExp(`(?=\\d)${NOT_WORD_BEFORE}\\d{1,2}(?:${SP}?[hH]${SP}?(?:\\d{2})?|:\\d{2})${NOT_WORD_AFTER}`, 'gu');
const ADDRESS_RE = new RegExp(
  `(?=\\d)${NOT_WORD_BEFORE}\\d{1,4}(?:${SP}?(?:bis|ter))?,?${SP}+` +
    '(?:rue|avenue|av\\.|all[ée]e|boulevard|bd|chemin|place|impasse|route|quai|cours|square|passage|' +
    'r[ée]sidence|lotissement|cit[ée]|sentier|voie|hameau|lieu-dit)' +
    `(?:${SP}+(?:(?:de|du|des|la|le|les|d['’]|l['’])${SP}*)*[${UPPER}\\d][${WORD}'’.-]*)+`,
  'gu',
);
const POSTCODE_RE = new RegExp(
  `(?=\\d)${NOT_WORD_BEFORE}\\d{5}${SP}+${CAPITALISED_WORD}(?:${SP}+(?:${CAPITALISED_WORD}|cedex|\\d{1,2}))*`,
  'gu',
);
const CIVILITIES = 'M\\.|MM\\.|Mmes?|Mlle|Madame|Monsieur|Mademoiselle|Ma[îi]tre|Dr|Docteur';
const CIVILITY_NAME_RE = new RegExp(
  `(?=[MD])${NOT_WORD_BEFORE}(?:${CIVILITIES})(?:${SP}+(?:(?:de|du|des|d['’]|le|la|van|von)${SP}*)?${CAPITALISED}){1,4}`,
  'gu',
);
const GREETING_NAME_RE = new RegExp(
  `(?=[BC])${NOT_WORD_BEFORE}(Bonjour|Bonsoir|Cher|Chère)(?:${SP}+${CAPITALISED}){1,3}`,
  'gu',
);
/** A line made only of 2 to 4 capitalised words: a signature or a recipient's name. */
const NAME_LINE_RE = new RegExp(`^${SP}*${CAPITALISED_WORD}(?:${SP}+${CAPITALISED_WORD}){1,3}${SP}*$`, 'gmu');
const CIVILITY_RE = new RegExp(
  `(?=m)${NOT_WORD_BEFORE}(?:m\\.|mm\\.|mmes?|mlle|madame|monsieur|mademoiselle|mesdames|messieurs)${NOT_WORD_AFTER}`,
  'gu',
);
const SEPARATOR_RE = new RegExp(`[^${WORD}]+`, 'u');
const DIGIT_RE = /\d/u;

/** Replaces e-mail addresses by `_mail_`, scanning out from each `@` (a regex would backtrack on every word). */
function replaceEmails(text: string): string {
  let out = '';
  let copied = 0;
  let at = text.indexOf('@');
  while (at !== -1) {
    let start = at;
    while (start > copied && EMAIL_LOCAL_RE.test(text[start - 1]!)) start--;
    let end = at + 1;
    while (end < text.length && EMAIL_DOMAIN_RE.test(text[end]!)) end++;
    while (end > at + 1 && text[end - 1] === '.') end--; // a sentence's full stop
    if (start < at && text.slice(at + 1, end).includes('.')) {
      out += `${text.slice(copied, start)} _mail_ `;
      copied = end;
    }
    at = text.indexOf('@', Math.max(end, at + 1));
  }
  return out + text.slice(copied);
}

/** Token that replaces a `{{placeholder}}` of a model, by the placeholder's name. */
function placeholderToken(name: string): string {
  const n = name.toLowerCase();
  if (n.includes('date')) return ' _date_ ';
  if (n.includes('heure')) return ' _heure_ ';
  if (n.includes('civilit')) return ' _civ_ ';
  if (n.includes('mail')) return ' _mail_ ';
  if (n.includes('adresse')) return ' _adresse_ ';
  if (/ville|commune|code_postal|^cp$/u.test(n)) return ' _lieu_ ';
  if (/num|ident|r[ée]f|montant|dossier|somme|allocataire/u.test(n)) return ' 0 ';
  if (n.includes('nom')) return ' _nom_ ';
  return ' _var_ ';
}

/**
 * Folds a letter into space-separated tokens with its variable parts replaced by placeholders
 * (`_date_`, `_heure_`, `_mail_`, `_adresse_`, `_lieu_`, `_civ_`, `_nom_`, `_var_`, `0` for any number).
 */
export function normaliseForShingles(text: string): string {
  return normalisedTokens(text).join(' ');
}

/** The tokens of normaliseForShingles, before joining. */
function normalisedTokens(text: string): string[] {
  let t = text.normalize('NFC');
  t = t.replace(PLACEHOLDER_RE, (_m, name: string) => placeholderToken(name));
  if (t.includes('@')) t = replaceEmails(t);
  t = t.replace(DATE_RE, ' _date_ ');
  t = t.replace(TIME_RE, ' _heure_ ');
  t = t.replace(ADDRESS_RE, ' _adresse_ ');
  t = t.replace(POSTCODE_RE, ' _lieu_ ');
  t = t.replace(CIVILITY_NAME_RE, ' _civ_ _nom_ ');
  t = t.replace(GREETING_NAME_RE, '$1 _nom_ ');
  t = t.replace(NAME_LINE_RE, ' _nom_ ');
  t = t.toLowerCase().replace(CIVILITY_RE, ' _civ_ ');
  const out: string[] = [];
  let previous = '';
  for (let token of t.split(SEPARATOR_RE)) {
    if (token === '') continue;
    if (DIGIT_RE.test(token)) token = '0';
    // Collapse repeated placeholders ("_civ_ _civ_", "0 0 0" of a phone number).
    if (token === previous && (token === '0' || token.startsWith('_'))) continue;
    out.push(token);
    previous = token;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Hashing and signatures

/** murmur3 32-bit finaliser: a bijection of uint32 with full avalanche. */
function fmix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units of a word. */
function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One murmur3 body round mixing a 32-bit block into the running hash. */
function mixBlock(h: number, block: number): number {
  let k = Math.imul(block, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let r = h ^ k;
  r = (r << 13) | (r >>> 19);
  return (Math.imul(r, 5) + 0xe6546b64) | 0;
}

/** splitmix32 stream from a constant: the fixed parameters of the K hash functions, identical in every process. */
function fixedRandom(count: number, seed: number): Uint32Array {
  const out = new Uint32Array(count);
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    out[i] = (z ^ (z >>> 15)) >>> 0;
  }
  return out;
}

/** Multipliers (odd) and increments of the K permutations h ↦ a·h + b mod 2³². */
const PERM_A: Uint32Array = fixedRandom(SIGNATURE_SIZE, 0x2545f491).map((a) => (a | 1) >>> 0);
const PERM_B: Uint32Array = fixedRandom(SIGNATURE_SIZE, 0x7a5e6b13);

/** Distinct 32-bit hashes of the SHINGLE_SIZE-word shingles of normalised tokens (one shingle if shorter). */
function shingleHashes(tokens: readonly string[]): Set<number> {
  const words = tokens.map(hashWord);
  const n = words.length;
  const width = Math.min(SHINGLE_SIZE, n);
  const hashes = new Set<number>();
  const last = n - width;
  for (let start = 0; start <= last; start++) {
    let h = 0x3c6ef372;
    for (let j = 0; j < width; j++) h = mixBlock(h, words[start + j]!);
    hashes.add(fmix32(h ^ width));
  }
  return hashes;
}

/** MinHash signature (SIGNATURE_SIZE × uint32) of a letter's 5-word shingles after normalisation. */
export function signature(text: string): Uint32Array {
  const tokens = normalisedTokens(text);
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  // NOTE: the shingle hashes are already fmix32-avalanched, so a multiply-add per slot is enough: on
  // synthetic sets its error against the exact Jaccard equals a full fmix32 per slot, at half the cost.
  for (const h of shingleHashes(tokens)) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const v = (Math.imul(h, PERM_A[i]!) + PERM_B[i]!) >>> 0;
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** Little-endian bytes of a signature, for a SQLite BLOB (same bytes as `Buffer.from(sig.buffer)` on LE). */
export function signatureToBytes(sig: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(sig.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < sig.length; i++) view.setUint32(i * 4, sig[i]!, true);
  return bytes;
}

/** Signature read back from its little-endian bytes (any byteOffset, e.g. a Buffer from SQLite). */
export function signatureFromBytes(buf: Uint8Array): Uint32Array {
  if (buf.byteLength !== SIGNATURE_SIZE * 4) {
    throw new RangeError(`a signature is ${SIGNATURE_SIZE * 4} bytes, got ${buf.byteLength}`);
  }
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const sig = new Uint32Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) sig[i] = view.getUint32(i * 4, true);
  return sig;
}

/** Estimated Jaccard similarity of two signatures: the share of equal MinHash slots. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let equal = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) equal++;
  return equal / n;
}

// ---------------------------------------------------------------------------------------------------
// LSH

/** Key of one band of a signature: two 32-bit hashes of its rows packed into a 53-bit safe integer. */
function bandKey(sig: Uint32Array, band: number): number {
  const from = band * LSH_ROWS;
  let h1 = 0x1b873593 ^ band;
  let h2 = 0x7f4a7c15 ^ band;
  for (let j = 0; j < LSH_ROWS; j++) {
    const v = sig[from + j]!;
    h1 = mixBlock(h1, v);
    h2 = mixBlock(h2, v ^ 0x5bd1e995);
  }
  return fmix32(h1) * 0x200000 + (fmix32(h2) >>> 11);
}

/** Incremental LSH index of stored signatures: finds the near-duplicates of one document in milliseconds. */
export class NearDuplicateIndex {
  private readonly signatures = new Map<string, Uint32Array>();
  private readonly bands: Map<number, Set<string>>[] = Array.from({ length: LSH_BANDS }, () => new Map());

  /** Number of documents in the index. */
  get size(): number {
    return this.signatures.size;
  }

  /** Adds (or replaces) the signature of a document. */
  add(id: string, sig: Uint32Array): void {
    if (sig.length !== SIGNATURE_SIZE) throw new RangeError(`a signature has ${SIGNATURE_SIZE} slots`);
    if (this.signatures.has(id)) this.remove(id);
    this.signatures.set(id, sig);
    for (let b = 0; b < LSH_BANDS; b++) {
      const key = bandKey(sig, b);
      const bucket = this.bands[b]!;
      let ids = bucket.get(key);
      if (ids === undefined) {
        ids = new Set();
        bucket.set(key, ids);
      }
      ids.add(id);
    }
  }

  /** Removes a document; returns false when it was not there. */
  remove(id: string): boolean {
    const sig = this.signatures.get(id);
    if (sig === undefined) return false;
    this.signatures.delete(id);
    for (let b = 0; b < LSH_BANDS; b++) {
      const key = bandKey(sig, b);
      const bucket = this.bands[b]!;
      const ids = bucket.get(key);
      if (ids === undefined) continue;
      ids.delete(id);
      if (ids.size === 0) bucket.delete(key);
    }
    return true;
  }

  /** Ids sharing at least one LSH band with the signature (unfiltered candidates, unordered). */
  candidates(sig: Uint32Array): string[] {
    const found = new Set<string>();
    for (let b = 0; b < LSH_BANDS; b++) {
      const ids = this.bands[b]!.get(bandKey(sig, b));
      if (ids !== undefined) for (const id of ids) found.add(id);
    }
    return [...found];
  }

  /** Candidates whose estimated similarity reaches the threshold, most similar first (ties by id). */
  near(sig: Uint32Array, threshold = DEFAULT_THRESHOLD): { id: string; similarity: number }[] {
    const out: { id: string; similarity: number }[] = [];
    for (const id of this.candidates(sig)) {
      const s = similarity(sig, this.signatures.get(id)!);
      if (s >= threshold) out.push({ id, similarity: s });
    }
    return out.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

// ---------------------------------------------------------------------------------------------------
// Grouping

/** Representatives compared per LSH bucket in groupNearDuplicates. */
const MAX_REPRESENTATIVES = 64;

/**
 * Groups of near-duplicates (2 or more ids, each sorted; largest groups first, then by first id):
 * connected components of the LSH candidate pairs whose estimated similarity reaches the threshold.
 */
export function groupNearDuplicates(
  items: readonly { id: string; signature: Uint32Array }[],
  threshold = DEFAULT_THRESHOLD,
): string[][] {
  const n = items.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root]!;
    let y = x;
    while (parent[y] !== root) {
      const next = parent[y]!;
      parent[y] = root;
      y = next;
    }
    return root;
  };

  const sigs = items.map((item) => item.signature);
  const next = new Int32Array(n); // bucket members as linked lists: heads in a Map, links here
  const reps: number[] = [];
  for (let band = 0; band < LSH_BANDS; band++) {
    const heads = new Map<number, number>();
    for (let i = n - 1; i >= 0; i--) {
      const key = bandKey(sigs[i]!, band);
      next[i] = heads.get(key) ?? -1;
      heads.set(key, i);
    }
    // NOTE: within a bucket, each member is compared with one representative per component met so far
    // in that bucket, not with every member: 500 copies of one template cost ~500 comparisons instead of
    // 125,000, and members already joined cost a union-find lookup. The price: a member close to a
    // non-representative member only (a chain a~b~c with a≁c) is joined in another band or not at all,
    // a loss of the same order as LSH's own. At most MAX_REPRESENTATIVES per bucket bounds the worst case
    // (thousands of mutually dissimilar short texts sharing a band).
    for (const head of heads.values()) {
      if (next[head] === -1) continue;
      reps.length = 0;
      for (let i = head; i !== -1; i = next[i]!) {
        let joined = false;
        for (const r of reps) {
          const root = find(r);
          if (root === find(i)) {
            joined = true;
          } else if (similarity(sigs[r]!, sigs[i]!) >= threshold) {
            parent[find(i)] = root;
            joined = true;
          }
        }
        if (!joined && reps.length < MAX_REPRESENTATIVES) reps.push(i);
      }
    }
  }

  const byRoot = new Map<number, string[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    let group = byRoot.get(root);
    if (group === undefined) {
      group = [];
      byRoot.set(root, group);
    }
    group.push(items[i]!.id);
  }
  const groups: string[][] = [];
  for (const group of byRoot.values()) {
    if (group.length < 2) continue;
    groups.push(group.sort(compareIds));
  }
  return groups.sort((a, b) => b.length - a.length || compareIds(a[0]!, b[0]!));
}

/** Code-unit order of ids (stable across locales). */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------
// Differences

/** One run of a word-level difference. */
export interface DiffPart {
  op: 'same' | 'added' | 'removed';
  text: string;
}

/** Word-level differences between two variants (consecutive runs of one op merged), for side-by-side display. */
export function wordDiff(before: string, after: string): DiffPart[] {
  const changes = diffWords(before.normalize('NFC'), after.normalize('NFC'));
  const parts: DiffPart[] = [];
  for (const change of changes) {
    const op: DiffPart['op'] = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const last = parts[parts.length - 1];
    if (last !== undefined && last.op === op) last.text += change.value;
    else if (change.value !== '') parts.push({ op, text: change.value });
  }
  return parts;
}
