/**
 * Lexicon files (one entry a line: `terme = suggestion | autre`, `terme ~ explication`, `{a|b}` for
 * variants) and the matcher compiled from them: one trie over word keys, matched across inflections
 * (verb forms through the Lefff tables, plural and feminine endings), suggestions inflected like the match.
 */
import { readFileSync } from 'node:fs';
import { TK, tokenize, type Token } from './segment.js';
import { conjugate, formsOf, participleLemmas, verbTable, type FormSlot, type Tense } from './verbs.js';

/** One lexicon entry after expansion of its variants. */
export interface LexiconEntry {
  /** The term as written in the file (one variant). */
  term: string;
  /** `substitute`: a plainer wording replaces the term; `gloss`: the term stays and needs an explanation. */
  type: 'substitute' | 'gloss';
  suggestions: string[];
  gloss?: string;
  /** Where the entry comes from (file:line), for error messages. */
  origin: string;
}

/** A malformed lexicon line. */
export class LexiconError extends Error {}

/** Expands `{a|b}` groups into every combination. */
export function expandVariants(term: string): string[] {
  const m = /\{([^{}]*)\}/.exec(term);
  if (!m) return [term.replace(/\s+/g, ' ').trim()];
  const alts = m[1]!.split('|').map((a) => a.trim());
  if (alts.some((a) => a.length === 0)) throw new LexiconError(`alternative vide dans « ${term} »`);
  const out: string[] = [];
  for (const a of alts) out.push(...expandVariants(term.slice(0, m.index) + a + term.slice(m.index + m[0].length)));
  return out;
}

/** Parses lexicon text; throws LexiconError naming the line on a malformed one. */
export function parseLexicon(source: string, origin: string): LexiconEntry[] {
  const out: LexiconEntry[] = [];
  const seen = new Map<string, string>();
  source.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const where = `${origin}:${i + 1}`;
    const m = /^(.+?)\s+(=|~)\s+(.+)$/.exec(line);
    if (!m) throw new LexiconError(`${where} : ligne mal formée (attendu « terme = suggestion » ou « terme ~ explication ») : ${line}`);
    const [, termPart, op, rhs] = m as unknown as [string, string, string, string];
    for (const term of expandVariants(termPart.normalize('NFC'))) {
      const key = term.toLowerCase().replace(/’/g, "'");
      const prev = seen.get(key);
      if (prev) throw new LexiconError(`${where} : terme « ${term} » déjà défini en ${prev}`);
      seen.set(key, where);
      if (op === '=') {
        const suggestions = rhs.split('|').map((s) => s.trim().normalize('NFC')).filter(Boolean);
        if (suggestions.length === 0) throw new LexiconError(`${where} : suggestion vide`);
        out.push({ term, type: 'substitute', suggestions, origin: where });
      } else {
        out.push({ term, type: 'gloss', suggestions: [], gloss: rhs.trim().normalize('NFC'), origin: where });
      }
    }
  });
  return out;
}

/** Reads and parses a lexicon file. */
export function readLexicon(path: string, label = path): LexiconEntry[] {
  return parseLexicon(readFileSync(path, 'utf8'), label);
}

const nominalCache = new Map<string, string>();

/** Key of a non-verb word: plural and feminine endings removed, so "modalités" and "modalité" meet. */
export function nominalKey(lower: string): string {
  const hit = nominalCache.get(lower);
  if (hit !== undefined) return hit;
  let k = lower;
  if (k.length > 4 && k.endsWith('aux')) k = k.slice(0, -3) + 'al';
  else if (k.length > 3 && (k.endsWith('s') || k.endsWith('x'))) k = k.slice(0, -1);
  if (k.length > 3 && k.endsWith('e')) k = k.slice(0, -1);
  if (nominalCache.size > 50_000) nominalCache.clear();
  nominalCache.set(lower, k);
  return k;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entry?: CompiledEntry;
}

export interface CompiledEntry extends LexiconEntry {
  /** Lemma when the first word of the term is a verb infinitive (its suggestions get conjugated). */
  verb?: string;
  /** The last word of the term, to detect a plural match. */
  lastWord: string;
  length: number;
}

/** A lexicon compiled to trie keys and verb forms: plain data, cacheable as JSON. */
export interface CompiledLexicon {
  entries: { entry: CompiledEntry; keys: string[] }[];
  /** Conjugated form → [lemma, tense, index] of each slot it fills, for the verbs that head an entry. */
  verbForms: [string, [string, Tense, number][]][];
}

/** Compiles entries: word keys for the trie (verbs as "V:lemme"), and the forms of their verbs. */
export function compileLexicon(entries: LexiconEntry[]): CompiledLexicon {
  const verbs = new Set<string>();
  const out: CompiledLexicon = { entries: [], verbForms: [] };
  const paths = new Map<string, LexiconEntry>();
  for (const e of entries) {
    const toks = termTokens(e.term);
    if (toks.length === 0) throw new LexiconError(`${e.origin} : terme vide`);
    // The verb of the term: its first word, or the word after reflexive pronouns ("s'acquitter de").
    let v = 0;
    while (v < toks.length - 1 && REFLEXIVE.has(toks[v]!.lower)) v++;
    const head = toks[v]!.lower;
    const isVerb = /(?:er|ir|re)$/.test(head) && verbTable(head) !== undefined;
    const keys = toks.map((t, i) => (isVerb && i === v ? `V:${head}` : isVerb && i < v ? 'PRO:refl' : nominalKey(t.lower)));
    if (isVerb) verbs.add(head);
    // Two terms that differ only by a plural or feminine ending would silently shadow each other.
    const path = keys.join('\u0001');
    const twin = paths.get(path);
    // Variants of one line that meet ("{s'acquitter|vous acquitter}": every reflexive pronoun matches) are one entry.
    if (twin && twin.origin === e.origin) continue;
    if (twin) throw new LexiconError(`${e.origin} : « ${e.term} » se confond avec « ${twin.term} » (${twin.origin}) : pluriel et féminin sont déjà reconnus`);
    paths.set(path, e);
    const entry: CompiledEntry = { ...e, lastWord: toks[toks.length - 1]!.lower, length: toks.length };
    if (isVerb) entry.verb = head;
    out.entries.push({ entry, keys });
  }
  const forms = new Map<string, [string, Tense, number][]>();
  for (const v of verbs) {
    const table = verbTable(v)!;
    for (const slot of formsOf(v)) {
      const form = table[slot.tense][slot.index]!;
      let list = forms.get(form);
      if (!list) forms.set(form, (list = []));
      list.push([slot.lemma, slot.tense, slot.index]);
    }
  }
  out.verbForms = [...forms];
  return out;
}

/** A lexicon match within a token list. */
export interface LexiconHit {
  /** Index of the first and one past the last token. */
  from: number;
  to: number;
  entry: LexiconEntry;
  /** Suggestions inflected like the matched text and in its case. */
  suggestions: string[];
}

const REFLEXIVE = new Set(['se', "s'", 'me', "m'", 'te', "t'", 'nous', 'vous']);
const SUBJECT_PERSON = new Map(Object.entries({ je: 0, "j'": 0, tu: 1, il: 2, elle: 2, on: 2, nous: 3, vous: 4, ils: 5, elles: 5 }));
/** Person preference when the subject is unknown: il/elle first (administrative letters), then ils, vous. */
const PERSON_ORDER = [2, 5, 4, 3, 1, 0];

/** Tokens of a lexicon term, split exactly as text is: a final elision ("afin d'") stays one token. */
function termTokens(term: string): Token[] {
  const elided = /['’]$/.test(term);
  let toks = tokenize(elided ? `${term}x` : term);
  if (elided) toks = toks.slice(0, -1);
  return toks.filter((t) => t.kind !== TK.Punct || !SKIPPABLE.has(t.text));
}

const AUXILIARIES = new Set([
  'ai', 'as', 'a', 'avons', 'avez', 'ont', 'avais', 'avait', 'avions', 'aviez', 'avaient', 'aurai', 'aura', 'aurons',
  'aurez', 'auront', 'aurait', 'auraient', 'ayant', 'avoir', 'eu', 'suis', 'es', 'est', 'sommes', 'êtes', 'sont',
  'étais', 'était', 'étions', 'étiez', 'étaient', 'serai', 'sera', 'serons', 'serez', 'seront', 'serait', 'seraient',
  'soit', 'soient', 'être', 'été', 'étant', 'fut', 'furent',
]);
const SKIP_BEFORE_VERB = new Set(['ne', "n'", 'pas', 'plus', 'jamais', 'bien', 'déjà', 'encore', 'toujours', 'également', 'pu', 'dû']);

/** The word before the verb of a match, past negation and adverbs ("n'a pas encore sollicité"). */
function previousWord(tokens: readonly Token[], k: number): string | undefined {
  let p = k - 1;
  while (p >= 0 && tokens[p]!.kind === TK.Word && SKIP_BEFORE_VERB.has(tokens[p]!.lower)) p--;
  return p >= 0 ? tokens[p]!.lower : undefined;
}

/** The most likely slot of an ambiguous form: a participle after an auxiliary, else the tense order
 * first and the subject's person second. */
function pickSlot(slots: FormSlot[], before: string | undefined): FormSlot {
  const person = before !== undefined ? SUBJECT_PERSON.get(before) : undefined;
  const afterAux = before !== undefined && AUXILIARIES.has(before);
  const rank = (x: FormSlot): number => {
    const tense = afterAux && x.tense === 'K' ? -1 : SLOT_ORDER.indexOf(x.tense);
    const within = x.tense === 'K' ? x.index : person !== undefined && x.index === person ? -1 : PERSON_ORDER.indexOf(x.index);
    return tense * 10 + within;
  };
  return [...slots].sort((a, b) => rank(a) - rank(b))[0]!;
}

/** Tenses with a subject (not infinitive, participles or imperative), where a pronoun can agree. */
const FINITE = new Set<Tense>(['P', 'I', 'F', 'C', 'S', 'J', 'T']);

/** A clitic before a verb form, elided before a vowel or mute h: "ne" + "applique" → "n'", else "ne ". */
function elide(clitic: string, next: string): string {
  return /^[aeiouyàâéèêëîïôûùh]/i.test(next) ? `${clitic.slice(0, -1)}'` : `${clitic} `;
}

const AGREEMENT = new Map(Object.entries({ e: 2, s: 1, x: 1, es: 3 }));

/** Gender/number ending of a matched word against the lexicon's base form ("réputées" vs "réputé" → 3). */
function agreementIndex(matched: string, base: string): number | undefined {
  if (!matched.startsWith(base) || matched === base) return undefined;
  return AGREEMENT.get(matched.slice(base.length));
}

const NO_HITS: LexiconHit[] = [];

const SKIPPABLE = new Set([',', '-', '–', '«', '»', '"', '“', '”', '(', ')']);
const SLOT_ORDER: Tense[] = ['P', 'I', 'F', 'C', 'K', 'S', 'G', 'Y', 'J', 'T', 'W'];

/** Keeps the case of the match: "Afin de" → "Pour", "AFIN DE" → "POUR". */
export function matchCase(match: string, suggestion: string): string {
  // Most matches start with a lower-case letter: nothing to change.
  const first = match.charAt(0);
  if (first !== first.toUpperCase()) return suggestion;
  const letters = match.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return suggestion.toUpperCase();
  if (first !== first.toLowerCase()) return suggestion.charAt(0).toUpperCase() + suggestion.slice(1);
  return suggestion;
}

// Which matchers a word key may start a match in: one bit per matcher (bits are shared beyond 31
// matchers, which only costs the exact look-up). A token looks its mask up once for every matcher.
const START_MASKS = new Map<string, number>();
let matcherCount = 0;

/** The start mask of a token (looked up once, then kept on the token). */
function startMaskOf(t: Token): number {
  let mask = t.startMask;
  if (mask === undefined) mask = t.startMask = t.kind === TK.Word ? (START_MASKS.get((t.key ??= nominalKey(t.lower))) ?? 0) : 0;
  return mask;
}

// Kept on the token list itself: a WeakMap entry per sentence kept the lists alive across young-generation
// collections and pushed them into the old generation (--trace-gc-nvp: about 700 KB promoted per
// scavenge with it and the mention cache, about 200 KB without).
const MASK = Symbol('startMask');
type Masked = readonly Token[] & { [MASK]?: number };

/** The union of the start masks of a sentence's words, computed once for every matcher. */
function sentenceMask(tokens: readonly Token[]): number {
  let mask = (tokens as Masked)[MASK];
  if (mask === undefined) {
    mask = 0;
    for (let i = 0; i < tokens.length; i++) mask |= startMaskOf(tokens[i]!);
    (tokens as { [MASK]?: number })[MASK] = mask;
  }
  return mask;
}

/** A compiled lexicon: one trie, built once, run on token lists many times. */
export class LexiconMatcher {
  private readonly bit = 1 << (matcherCount++ % 31);
  private readonly root: TrieNode = { next: new Map() };
  /** Conjugated form → slots, for the verbs that start an entry. */
  private readonly verbForms = new Map<string, FormSlot[]>();
  /** Conjugated form → distinct trie keys of its lemmas ("V:lemme"). */
  private readonly verbKeys = new Map<string, string[]>();
  readonly size: number;
  private readonly firstKeys = new Set<string>();
  private readonly gates = new Map<string, Set<string>>();
  /** Number of gloss entries (terms to explain rather than replace). */
  readonly glosses: number;

  constructor(entries: LexiconEntry[], compiled?: CompiledLexicon) {
    const data = compiled ?? compileLexicon(entries);
    for (const { entry, keys } of data.entries) {
      let node = this.root;
      for (const k of keys) {
        let n = node.next.get(k);
        if (!n) node.next.set(k, (n = { next: new Map() }));
        node = n;
      }
      node.entry = entry;
    }
    for (const [form, slots] of data.verbForms) {
      const list = slots.map(([lemma, tense, index]) => ({ lemma, tense, index }));
      this.verbForms.set(form, list);
      this.verbKeys.set(form, [...new Set(list.map((x) => `V:${x.lemma}`))]);
    }
    this.compiled = data;
    this.size = data.entries.length;
    // Word keys that may start a match: the trie's first keys, and the keys of every verb form and
    // reflexive pronoun that may start one.
    for (const k of this.root.next.keys()) this.firstKeys.add(k);
    for (const [form, keys] of this.verbKeys) if (keys.some((k) => this.root.next.has(k))) this.firstKeys.add(nominalKey(form));
    if (this.root.next.has('PRO:refl')) for (const r of REFLEXIVE) this.firstKeys.add(nominalKey(r));
    for (const k of this.firstKeys) START_MASKS.set(k, (START_MASKS.get(k) ?? 0) | this.bit);
    // Gates: for a first word that is no entry by itself and whose followers are all plain words,
    // the set of word keys that may follow it.
    for (const [k, node] of this.root.next) {
      if (node.entry || k.startsWith('V:') || k === 'PRO:refl') continue;
      const followers = [...node.next.keys()];
      if (followers.some((f) => f.startsWith('V:') || f === 'PRO:refl')) continue;
      this.gates.set(k, new Set(followers));
    }
    this.glosses = data.entries.filter((e) => e.entry.type === 'gloss').length;
  }

  /** The compiled form of this lexicon (JSON-safe), to rebuild it without the Lefff tables. */
  readonly compiled: CompiledLexicon;

  // Depth-first walk state of one match() call (no allocation per token).
  private bestEntry: CompiledEntry | undefined;
  private bestTo = -1;

  /** Walks the trie from `node`, which consumed tokens[j]; records the longest entry reached. */
  private walk(node: TrieNode, tokens: readonly Token[], j: number, depth: number): void {
    if (node.entry && j + 1 > this.bestTo) {
      this.bestEntry = node.entry;
      this.bestTo = j + 1;
    }
    const next = node.next;
    if (next.size === 0) return;
    let k = j + 1;
    while (k < tokens.length && tokens[k]!.kind === TK.Punct && SKIPPABLE.has(tokens[k]!.text)) k++;
    const tok = tokens[k];
    if (!tok || tok.kind !== TK.Word) return;
    const found = this.children(next, tok, depth);
    for (let c = 0; c < found.length; c++) this.walk(found[c]!, tokens, k, depth + 1);
  }

  // One reusable buffer per trie depth: the walk allocates nothing.
  private readonly buffers: TrieNode[][] = [];

  /** The children reachable with `tok` (reflexive pronoun, verb form, word key), in the depth's buffer. */
  private children(next: Map<string, TrieNode>, tok: Token, depth: number): TrieNode[] {
    const out = (this.buffers[depth] ??= []);
    out.length = 0;
    if (REFLEXIVE.has(tok.lower)) {
      const r = next.get('PRO:refl');
      if (r) out.push(r);
    }
    const verbKeys = this.verbKeys.get(tok.lower);
    if (verbKeys) {
      for (const key of verbKeys) {
        const n = next.get(key);
        if (n) out.push(n);
      }
    }
    const n = next.get((tok.key ??= nominalKey(tok.lower)));
    if (n) out.push(n);
    return out;
  }

  /** Finds the longest non-overlapping matches in a token list (a sentence). */
  match(tokens: readonly Token[], text: string): LexiconHit[] {
    // A sentence none of whose words may start an entry of this lexicon is skipped at once.
    if ((sentenceMask(tokens) & this.bit) === 0) return NO_HITS;
    let hits: LexiconHit[] | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const t0 = tokens[i]!;
      if (t0.kind !== TK.Word) continue;
      // Fast rejection: most words start no entry (one look-up per token, shared by every matcher).
      if ((startMaskOf(t0) & this.bit) === 0) continue;
      const key0 = t0.key!;
      if (matcherCount > 31 && !this.firstKeys.has(key0)) continue;
      // A function word that is no term by itself ("de", "à", "le") must be followed by a word
      // that can come second: one more look-up instead of a walk.
      const gate = this.gates.get(key0);
      if (gate && !this.verbKeys.has(t0.lower) && !REFLEXIVE.has(t0.lower)) {
        let k = i + 1;
        while (k < tokens.length && tokens[k]!.kind === TK.Punct && SKIPPABLE.has(tokens[k]!.text)) k++;
        const t1 = tokens[k];
        if (!t1 || t1.kind !== TK.Word || !gate.has((t1.key ??= nominalKey(t1.lower)))) continue;
      }
      this.bestEntry = undefined;
      this.bestTo = -1;
      const found = this.children(this.root.next, t0, 0);
      for (let c = 0; c < found.length; c++) this.walk(found[c]!, tokens, i, 1);
      const entry = this.bestEntry as CompiledEntry | undefined;
      if (entry) {
        const to = this.bestTo;
        const matchText = text.slice(t0.start, tokens[to - 1]!.end);
        (hits ??= []).push({ from: i, to, entry, suggestions: this.inflect(entry, tokens, i, to, matchText) });
        i = to - 1;
      }
    }
    return hits ?? NO_HITS;
  }

  private inflect(entry: CompiledEntry, tokens: readonly Token[], from: number, to: number, matchText: string): string[] {
    // The matched verb form and its most likely slot: the subject just before tells the person.
    let slot: FormSlot | undefined;
    if (entry.verb) {
      for (let k = from; k < to && !slot; k++) {
        const t = tokens[k]!;
        if (t.lower === entry.verb) break;
        const slots = this.verbForms.get(t.lower)?.filter((x) => x.lemma === entry.verb);
        if (slots && slots.length > 0) slot = pickSlot(slots, previousWord(tokens, k));
      }
    }
    // A participle or adjective term ("réputée") passes its gender and number to a participle suggestion.
    const agree = entry.verb ? undefined : agreementIndex(tokens[to - 1]!.lower, entry.lastWord);
    return entry.suggestions.map((s) => {
      let out = s;
      const words = s.split(' ');
      const head = words[0]!;
      if (entry.verb) {
        const finite = slot && FINITE.has(slot.tense) ? slot : undefined;
        if (finite && words[0] === 'ne' && words[1] === 'pas' && words[2] && verbTable(words[2])) {
          // "ne pas respecter" → "ne respecte pas", "n'applique pas".
          const form = conjugate(words[2], finite.tense, finite.index);
          if (form) out = [`${elide('ne', form)}${form}`, 'pas', ...words.slice(3)].join(' ');
        } else if (finite && (words[0] === 'se' || words[0] === "s'") && words[1] && verbTable(words[1])) {
          // "se présenter" → "vous vous présentez", "il se présente": the pronoun follows the person.
          const form = conjugate(words[1], finite.tense, finite.index);
          const pronoun = ['me', 'te', 'se', 'nous', 'vous', 'se'][finite.index]!;
          if (form) out = [`${elide(pronoun, form)}${form}`, ...words.slice(2)].join(' ');
        } else if (slot && verbTable(head)) {
          const form = conjugate(head, slot.tense, slot.index);
          if (form) out = [form, ...words.slice(1)].join(' ');
        } else if (slot?.tense === 'K' && slot.index > 0) {
          const lemma = participleLemmas(head)?.[0];
          const form = lemma ? conjugate(lemma, 'K', slot.index) : undefined;
          if (form) out = [form, ...words.slice(1)].join(' ');
        }
      } else if (agree !== undefined && participleLemmas(head)) {
        const lemma = participleLemmas(head)![0]!;
        const form = conjugate(lemma, 'K', agree);
        if (form) out = [form, ...words.slice(1)].join(' ');
      } else if (!s.includes(' ')) {
        const last = tokens[to - 1]!.lower;
        const plural = /[sx]$/.test(last) && !/[sx]$/.test(entry.lastWord);
        if (plural && !/[sxz]$/.test(s)) out = s.endsWith('al') ? s.slice(0, -2) + 'aux' : s + 's';
      }
      return matchCase(matchText, out);
    });
  }
}
