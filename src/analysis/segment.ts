/**
 * French segmentation into paragraphs, sentences and tokens, with one regex pass per paragraph.
 * Knows French abbreviations (M., Mme, art., n°, janv., Tél., J.-P.), article references (L. 211-2),
 * grouped numbers (1 234,56), dates (01.02.2024), e-mails, URLs, bullet lines, elisions (l', qu')
 * and inverted clitics (sera-t-il). Intl.Segmenter is not used: its cost grows faster than linearly.
 */

import { placeholderSpans } from './placeholders.js';

/** Token kinds. */
export const TK = { Word: 1, Number: 2, Punct: 3, Symbol: 4, Url: 5, Email: 6, Placeholder: 7 } as const;
export type TokKind = (typeof TK)[keyof typeof TK];

/** One token; offsets are absolute in the document text. */
export interface Token {
  start: number;
  end: number;
  kind: TokKind;
  /** Text as written. */
  text: string;
  /** Lower case, typographic apostrophe turned into "'". */
  lower: string;
  /** An elided clitic such as "l'" or "qu'" (not counted as a word of its own). */
  elided: boolean;
  /** An inverted clitic such as "-t-il" or "-vous" (not counted as a word of its own). */
  clitic: boolean;
  /** Lexicon key (plural and feminine endings removed), computed once when a matcher first needs it. */
  key?: string;
  /** Which lexicon matchers this word may start a match in (lexicon.ts), looked up once. */
  startMask?: number;
}

/** A sentence with its tokens. */
export interface Sentence {
  start: number;
  end: number;
  paragraph: number;
  tokens: Token[];
  /** Number of words (elisions and clitics merged into their host). */
  words: number;
  /** A list item ("- …", "• …", "1) …"): part of a list, not of running prose. */
  listItem: boolean;
}

/** A paragraph: a block separated by blank lines. */
export interface Paragraph {
  start: number;
  end: number;
  /** Index of its first sentence and one past its last. */
  firstSentence: number;
  endSentence: number;
  words: number;
  /** Words and sentences of running prose, list items left out (a list is already laid out). */
  proseWords: number;
  proseSentences: number;
}

/** The segmented document. */
export interface Segmentation {
  paragraphs: Paragraph[];
  sentences: Sentence[];
}

const ELISIONS = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']);
// Case-insensitive and on the word as written: an index found in a lower-cased copy could be wrong,
// since lower-casing may change a string's length ("İ" becomes two code units).
const KEEP_APOSTROPHE = /^(?:aujourd['’]hui|prud['’]hom\p{L}*|quelqu['’]une?s?|presqu['’]îles?|entr['’]\p{L}+|main-d['’]œuvre|hors-d['’]œuvre|c['’]est-à-dire)$/iu;
const CLITIC_SUFFIX = /-(?:t-(?:il|elle|on|ils|elles)|il|elle|on|ils|elles|je|tu|nous|vous|ce|moi|toi|lui|leur|le|la|les|en|y)$/iu;
/** French never stacks more than two elisions ("jusqu'à l'") or two inverted clitics ("donnez-le-moi"). */
const MAX_AFFIXES = 2;

/** Abbreviations after which a period does not end a sentence (lower case, without the period). */
export const ABBREVIATIONS = new Set([
  'm', 'mm', 'mme', 'mmes', 'mlle', 'mlles', 'dr', 'drs', 'pr', 'me', 'mes', 'mgr', 'st', 'ste', 'sts',
  'art', 'arts', 'cf', 'p', 'pp', 'chap', 'vol', 'fig', 'éd', 'env', 'ex', 'av', 'bd', 'boul', 'fg',
  'janv', 'févr', 'fév', 'avr', 'juil', 'sept', 'oct', 'nov', 'déc', 'tél', 'tel', 'réf', 'ref', 'fax',
  'cie', 'ets', 'min', 'max', 'approx', 'dép', 'dépt', 'coll', 'sq', 'suiv', 'resp', 'cass', 'civ',
  'crim', 'soc', 'com', 'req', 'ord', 'dir', 'mr', 'no', 'nos', 'vs', 'cad', 'al', 'n', 'adm', 'admin',
  'inf', 'sup', 'hab', 'tit', 'ann', 'liv', 'not', 'préc', 'op', 'cit', 'ibid', 'id', 'ch', 'sté',
]);

// One alternation, tried left to right; every alternative starts with a non-space, so a global search
// skips white space by itself and the cost stays linear in the text. Groups: 1 URL, 2 e-mail, 3 number,
// 4 word, 5 punctuation, 6 other symbol.
const TOKEN_PARTS = [
  String.raw`((?:https?:\/\/|www\.)[^\s<>«»"]+)`,
  // The look-behind starts an e-mail only at the start of its run, so each run is scanned once.
  String.raw`((?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)`,
  String.raw`(0\d(?:[ .]\d{2}){4}(?!\d)|\+33 ?\d(?:[ .]?\d{2}){4}(?!\d)|\d{1,3}(?:[  ]\d{3})+(?:,\d+)?(?![\d,])|\d+(?:[.,:\/h-]\d+)*(?:er|ère|re|e|ème|è|nd|nde|bis|ter)?(?![\p{L}\d]))`,
  String.raw`([\p{L}\p{M}\p{N}]*\p{L}[\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+|-[\p{L}\p{M}\p{N}]+|\.(?=[\p{Lu}]\.)|-(?=\p{Lu}\.))*)`,
  String.raw`(\.{2,}|…|[.!?;:,()\[\]{}«»"“”‘’'\/\\|–—‐-])`,
  String.raw`(\S)`,
];
const TOKEN_RE = new RegExp(TOKEN_PARTS.join('|'), 'gu');
// NOTE: the same alternation without the URL and e-mail branches (they never match there, so the
// groups keep their numbers): most paragraphs hold neither "@" nor "www."/"://", and the e-mail
// branch would otherwise scan every word up to its end before giving way to the word branch.
const PLAIN_TOKEN_RE = new RegExp(['(?!)', '(?!)', ...TOKEN_PARTS.slice(2)].map((p, i) => (i < 2 ? `(${p})` : p)).join('|'), 'gu');

function mk(start: number, end: number, kind: TokKind, text: string, elided = false, clitic = false): Token {
  let lower = text.toLowerCase();
  if (lower.includes('’')) lower = lower.replace(/’/g, "'");
  return { start, end, kind, text, lower, elided, clitic, key: undefined, startMask: undefined };
}

/** Splits one word match into tokens: elided clitics (l', qu') and inverted clitics (-t-il) apart. */
function pushWord(out: Token[], text: string, start: number): void {
  // Most words have neither apostrophe nor hyphen: one token, nothing else to allocate.
  if (!text.includes("'") && !text.includes('’') && !text.includes('-')) {
    out.push(mk(start, start + text.length, TK.Word, text));
    return;
  }
  let s = start;
  let w = text;
  // Elisions ("l'", "qu'"), at most two, the rest of the word kept whole.
  if ((text.includes("'") || text.includes('’')) && !KEEP_APOSTROPHE.test(text)) {
    for (let n = 0; n < MAX_AFFIXES; n++) {
      const ap = w.search(/['’]/);
      if (ap <= 0 || !ELISIONS.has(w.slice(0, ap).toLowerCase())) break;
      out.push(mk(s, s + ap + 1, TK.Word, w.slice(0, ap + 1), true));
      s += ap + 1;
      w = w.slice(ap + 1);
    }
  }
  // Inverted clitics: "sera-t-il", "pouvez-vous", "est-ce"; "peut-être" and "grand-mère" stay whole.
  let clitics: Token[] | undefined;
  for (let n = 0; n < MAX_AFFIXES && w.includes('-'); n++) {
    const m = CLITIC_SUFFIX.exec(w);
    if (!m || m.index === 0) break;
    const cs = s + m.index;
    (clitics ??= []).unshift(mk(cs, cs + m[0].length, TK.Word, w.slice(m.index), false, true));
    w = w.slice(0, m.index);
  }
  if (w.length > 0) out.push(mk(s, s + w.length, TK.Word, w));
  if (clitics) for (const c of clitics) out.push(c);
}

const PLAIN_TOKEN_STICKY = new RegExp(PLAIN_TOKEN_RE.source, 'uy');

/** Latin letters (ASCII, Latin-1 and Latin Extended-A/B): the words the fast path scans itself. */
function isLatinLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** End of a plain Latin word starting at i (as the word branch of the regex would match it), or -1 to defer to the regex. */
function scanWord(src: string, i: number, to: number): number {
  let j = i + 1;
  for (;;) {
    while (j < to && isLatinLetter(src.charCodeAt(j))) j++;
    if (j >= to) return to;
    const d = src.charCodeAt(j);
    if (isSpace(d)) return j;
    // Digits, marks, other scripts and initials ("J.-P.") inside or after a word: the regex decides.
    if ((d >= 48 && d <= 57) || d > 0x24f || (d >= 0x80 && d < 0xc0 && d !== 0xab && d !== 0xbb)) return -1;
    if (d === 39 || d === 0x2019 || d === 45) {
      const e = j + 1 < to ? src.charCodeAt(j + 1) : 0;
      if (isLatinLetter(e)) {
        j += 2;
        continue;
      }
      if (d === 45 || (e >= 48 && e <= 57) || e > 0x24f) return -1;
      return j;
    }
    if (d === 46) {
      const e = j + 1 < to ? src.charCodeAt(j + 1) : 0;
      return e !== 0 && !isSpace(e) ? -1 : j;
    }
    return j;
  }
}

/**
 * Tokenises a range of the text (absolute offsets). Plain Latin words are scanned directly; everything
 * else goes through one regex (`fast: false` forces the regex everywhere, for tests).
 */
export function tokenize(text: string, from = 0, to = text.length, fast = true): Token[] {
  const tokens = tokenizeRaw(text, from, to, fast);
  // A template's merge fields («NOM», {{nom}}, [NOM DE L'AGENT]…) become one token each, which is
  // no word: not counted, not jargon, not an acronym.
  const fields = placeholderSpans(text, from, to);
  if (fields.length === 0) return tokens;
  const out: Token[] = [];
  let f = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    while (f < fields.length && fields[f]!.end <= t.start) f++;
    const field = fields[f];
    if (field && t.start < field.end && t.end > field.start) {
      const end = Math.max(field.end, t.end);
      while (i + 1 < tokens.length && tokens[i + 1]!.start < end) i++;
      const last = Math.max(end, tokens[i]!.end);
      const raw = text.slice(Math.min(field.start, t.start), last);
      out.push({ start: Math.min(field.start, t.start), end: last, kind: TK.Placeholder, text: raw, lower: raw.toLowerCase(), elided: false, clitic: false, key: undefined, startMask: undefined });
      f++;
      continue;
    }
    out.push(t);
  }
  return out;
}

function tokenizeRaw(text: string, from: number, to: number, fast: boolean): Token[] {
  const out: Token[] = [];
  const src = to === text.length ? text : text.slice(0, to);
  const range = from === 0 && to === text.length ? text : text.slice(from, to);
  const plain = !(range.includes('@') || range.includes('www.') || range.includes('://'));
  if (!plain || !fast) {
    const re = plain ? PLAIN_TOKEN_RE : TOKEN_RE;
    re.lastIndex = from;
    for (let m = re.exec(src); m !== null; m = re.exec(src)) re.lastIndex = pushMatch(out, m, re);
    return out;
  }
  let i = from;
  while (i < to) {
    const c = src.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (isLatinLetter(c)) {
      const j = scanWord(src, i, to);
      if (j > 0) {
        pushWord(out, src.slice(i, j), i);
        i = j;
        continue;
      }
    }
    PLAIN_TOKEN_STICKY.lastIndex = i;
    const m = PLAIN_TOKEN_STICKY.exec(src);
    if (!m) break;
    i = pushMatch(out, m, PLAIN_TOKEN_STICKY);
  }
  return out;
}

/** Pushes the token(s) of one regex match and returns where scanning goes on. */
function pushMatch(out: Token[], m: RegExpExecArray, re: RegExp): number {
  const i = m.index;
  let tok = m[0];
  if (m[4] !== undefined) pushWord(out, tok, i);
  else if (m[5] !== undefined) out.push(mk(i, i + tok.length, TK.Punct, tok));
  else if (m[3] !== undefined) out.push(mk(i, i + tok.length, TK.Number, tok));
  else if (m[1] !== undefined) {
    tok = tok.replace(/[.,;:!?)»"']+$/u, '');
    out.push(mk(i, i + tok.length, TK.Url, tok));
  } else if (m[2] !== undefined) {
    tok = tok.replace(/\.+$/, '');
    out.push(mk(i, i + tok.length, TK.Email, tok));
  } else out.push(mk(i, i + tok.length, TK.Symbol, tok));
  return i + tok.length || re.lastIndex;
}

const MONTH_ABBREVIATIONS = new Set(['janv', 'févr', 'fév', 'avr', 'juil', 'sept', 'oct', 'nov', 'déc']);
const TERMINAL = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set(['»', '"', '”', ')', ']', "'", '’']);
const BULLETS = new Set(['•', '-', '–', '—', '*', '▪', '·', '●', '○', '■', '□', '►', '>', '✓', '✔', '❖', '◦', '‣']);
/** Words that, capitalised, start a sentence (they are never proper nouns): used after ";", ":" and initials. */
const STARTERS = new Set([
  'le', 'la', 'les', "l'", 'un', 'une', 'des', 'du', 'de', "d'", 'ce', 'cet', 'cette', 'ces', "c'", 'il', 'ils', 'elle',
  'elles', 'on', 'nous', 'vous', 'je', "j'", 'tu', 'en', 'au', 'aux', 'à', 'dans', 'pour', 'par', 'sur', 'avec', 'après',
  'avant', 'depuis', 'pendant', 'mais', 'et', 'or', 'donc', 'car', 'puis', 'ensuite', 'enfin', 'cependant', 'toutefois',
  'néanmoins', 'si', "s'", 'quand', 'lorsque', "lorsqu'", 'comme', 'qui', 'que', "qu'", 'quel', 'quelle', 'quels',
  'quelles', 'où', 'son', 'sa', 'ses', 'leur', 'leurs', 'mon', 'ma', 'mes', 'notre', 'nos', 'votre', 'vos', 'tout',
  'tous', 'toute', 'toutes', 'chaque', 'plusieurs', 'certains', 'certaines', 'aucun', 'aucune', 'ainsi', 'alors',
  'aussi', 'même', 'parmi', 'selon', 'sans', 'sous', 'vers', 'entre', 'malgré', 'grâce', 'dès', 'outre', 'ici',
  'cela', 'ceci', 'celui', 'celle', 'ceux', 'celles', 'y', "n'", 'ne', 'pas', 'voici', 'voilà', 'il', 'oui', 'non',
]);

const SUBJECTS = new Set(['Il', 'Ils', 'Elle', 'Elles', 'On', 'Je', "J'", 'J’']);

const LINE_CONTINUES = new Set([',', '-', '–', '(', '«', '/']);

function isUpperStart(t: Token): boolean {
  const c = t.text.charAt(0);
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

function isTerminal(t: Token): boolean {
  return t.kind === TK.Punct && (TERMINAL.has(t.text) || /^\.{2,}$/.test(t.text));
}

/** True when the token starts a list item at the start of a line: "•", "-", "1.", "a)", "2°". */
function isListMarker(tokens: Token[], j: number): boolean {
  const t = tokens[j];
  if (!t) return false;
  if ((t.kind === TK.Punct || t.kind === TK.Symbol) && BULLETS.has(t.text)) return true;
  const n = tokens[j + 1];
  if (n && n.start === t.end && (n.text === ')' || n.text === '°' || n.text === '.')) {
    if (t.kind === TK.Number && t.text.length <= 2) return true;
    if (t.kind === TK.Word && /^(?:[a-z]|[ivx]{1,4})$/.test(t.text)) return true;
  }
  return false;
}

function countWords(tokens: Token[]): number {
  let n = 0;
  for (const t of tokens) if ((t.kind === TK.Word && !t.elided && !t.clitic) || t.kind === TK.Number) n++;
  return n;
}

/** Decides whether a sentence ends after tokens[i] (the paragraph's tokens), given the text between. */
/** True when the text between two offsets holds a line break (without slicing it out). */
function hasNewline(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) return true;
  return false;
}

/** True when a spaced » or " at j closes a quotation opened earlier in the current sentence. */
function closesQuote(tokens: Token[], j: number, sentenceStart: number, quotes: Int32Array | undefined): boolean {
  const t = tokens[j]!;
  if (t.start - tokens[j - 1]!.end > 1) return false;
  if (t.text === '»' || t.text === '”') return true;
  if (t.text !== '"' || !quotes) return false;
  return (quotes[j]! - quotes[sentenceStart]!) % 2 === 1;
}

/** Number of straight double quotes before each token (prefix counts), or undefined when there is none. */
function quotePrefix(tokens: Token[]): Int32Array | undefined {
  if (!tokens.some((t) => t.text === '"')) return undefined;
  const counts = new Int32Array(tokens.length + 1);
  for (let k = 0; k < tokens.length; k++) counts[k + 1] = counts[k]! + (tokens[k]!.text === '"' ? 1 : 0);
  return counts;
}

function breaksAfter(text: string, tokens: Token[], i: number, lineStart: number, sentenceStart: number, quotes: Int32Array | undefined): number {
  const t = tokens[i];
  const n = tokens[i + 1];
  if (!t || !n) return 0;
  // Terminal punctuation, possibly followed by closing quotes or brackets.
  if (isTerminal(t)) {
    let j = i + 1;
    while (j < tokens.length && tokens[j]!.kind === TK.Punct && CLOSERS.has(tokens[j]!.text) &&
      (tokens[j]!.start === tokens[j - 1]!.end || closesQuote(tokens, j, sentenceStart, quotes))) j++;
    const next = tokens[j];
    if (!next) return 0;
    if (t.text === '.') {
      const prev = tokens[i - 1];
      if (prev && prev.end === t.start && prev.kind === TK.Word) {
        // An abbreviated month is followed by its year ("3 sept. 2026"): a capitalised sentence starter
        // after it opens a new sentence ("Ils sont sept. Puis …", "… le 3 sept. Le dossier …").
        const monthThenStarter = MONTH_ABBREVIATIONS.has(prev.lower) && isUpperStart(next) && STARTERS.has(next.lower);
        if (ABBREVIATIONS.has(prev.lower) && !(j > i + 1) && !monthThenStarter) return 0;
        // A single capital letter is an initial (J.-P., L. 211-2), not the end of a sentence,
        // unless a word that can only start a sentence follows ("Dagobert I. Ils …").
        if (/^\p{Lu}$/u.test(prev.text) && !(isUpperStart(next) && STARTERS.has(next.lower))) return 0;
      }
    }
    const gapStart = tokens[j - 1]!.end;
    if (gapStart === next.start) return 0;
    if (isUpperStart(next) || next.kind === TK.Number || isListMarker(tokens, j) ||
        (next.kind === TK.Punct && /^[«"“([—–-]$/.test(next.text))) {
      return j - i; // break after the closers
    }
    if (hasNewline(text, gapStart, next.start)) return j - i;
    // A full stop after a plain word, then a word that opens sentences written in lower case (an
    // unedited text: "… lundi prochain. on s'y retrouve", "… cette menace. c'est-à-dire …"). Not after
    // an abbreviation nor "etc." (a list goes on: "etc. et votre avis").
    if (t.text === '.' && j === i + 1 && next.kind === TK.Word && (STARTERS.has(next.lower) || next.lower === "c'est-à-dire")) {
      const prev = tokens[i - 1];
      if (prev && prev.end === t.start && prev.kind === TK.Word && prev.lower.length >= 3 && prev.lower !== 'etc' && !ABBREVIATIONS.has(prev.lower)) return 1;
    }
    return 0;
  }
  // "; Les …", ": Il …" and "(1990-1991) L'affaire …": a capitalised sentence starter opens a new sentence.
  if (t.kind === TK.Punct && (t.text === ';' || t.text === ':') && isUpperStart(n) && n.kind === TK.Word) {
    if (STARTERS.has(n.lower)) return 1;
  }
  // After a closing bracket, only in running text: the bracket follows a word of its line (not a list
  // marker "(1) Les …", "( ) Un …") and the next word is not in a heading in capitals ("VOIE(S) D'…").
  if (t.text === ')' && n.start > t.end && n.kind === TK.Word && isUpperStart(n) && STARTERS.has(n.lower)) {
    let open = i - 1;
    while (open > sentenceStart && tokens[open]!.text !== '(') open--;
    const before = tokens[open - 1];
    const word = n.elided ? tokens[i + 2] : n;
    if (tokens[open]!.text === '(' && before && open - 1 >= sentenceStart && before.start >= lineStart && word && /\p{Ll}/u.test(word.text)) return 1;
  }
  // A capitalised subject pronoun after a word, with no punctuation between, starts a new sentence
  // (a title or caption that lost its full stop: "… Formula Nippon Il était …").
  if (n.kind === TK.Word && SUBJECTS.has(n.text) && (t.kind === TK.Word || t.kind === TK.Number || t.text === ')') && !t.elided) return 1;
  // Line breaks: headings, address lines, salutations and list items are sentences of their own.
  if (hasNewline(text, t.end, n.start)) {
    if (LINE_CONTINUES.has(t.text) && t.kind === TK.Punct && t.text !== ',') return 0;
    if (t.text === ';' || t.text === ':') return 1;
    if (isListMarker(tokens, i + 1)) return 1;
    const lineLength = t.end - lineStart;
    if (isUpperStart(n) || n.kind === TK.Number || n.kind !== TK.Word) {
      if (t.text === ',' && lineLength > 60) return 0;
      return 1;
    }
    // Lower-case continuation of a wrapped line: only short lines (letterhead, addresses) stand alone.
    if (lineLength < 40 && !/^(?:de|du|des|la|le|les|et|ou|à|au|aux|en|un|une|pour|par|sur|dans|avec|que|qui|d'|l')$/.test(t.lower)) return 1;
    return 0;
  }
  return 0;
}

function sentenceOf(toks: Token[], paragraph: number): Sentence {
  return { start: toks[0]!.start, end: toks[toks.length - 1]!.end, paragraph, tokens: toks, words: countWords(toks), listItem: isListMarker(toks, 0) };
}

/** Segments a normalised text into paragraphs and sentences. */
export function segment(text: string): Segmentation {
  const paragraphs: Paragraph[] = [];
  const sentences: Sentence[] = [];
  const paraRe = /\n[ \t]*\n\s*/g;
  let pStart = 0;
  const pushParagraph = (ps: number, pe: number): void => {
    // Trim white space.
    while (ps < pe && /\s/.test(text[ps]!)) ps++;
    while (pe > ps && /\s/.test(text[pe - 1]!)) pe--;
    if (pe <= ps) return;
    const tokens = tokenize(text, ps, pe);
    if (tokens.length === 0) return;
    const pIndex = paragraphs.length;
    const first = sentences.length;
    let sStart = 0;
    let lineStart = ps;
    const quotes = quotePrefix(tokens);
    for (let i = 0; i < tokens.length; i++) {
      const take = i === tokens.length - 1 ? 0 : breaksAfter(text, tokens, i, lineStart, sStart, quotes);
      if (take > 0) {
        const last = i + take - 1;
        const toks = tokens.slice(sStart, last + 1);
        sentences.push(sentenceOf(toks, pIndex));
        sStart = last + 1;
        i = last;
      }
      const cur = tokens[i]!;
      const nt = tokens[i + 1];
      if (nt && hasNewline(text, cur.end, nt.start)) lineStart = nt.start;
    }
    if (sStart < tokens.length) {
      const toks = tokens.slice(sStart);
      sentences.push(sentenceOf(toks, pIndex));
    }
    let words = 0;
    let proseWords = 0;
    let proseSentences = 0;
    for (let k = first; k < sentences.length; k++) {
      const x = sentences[k]!;
      words += x.words;
      if (!x.listItem) {
        proseWords += x.words;
        proseSentences++;
      }
    }
    paragraphs.push({ start: ps, end: pe, firstSentence: first, endSentence: sentences.length, words, proseWords, proseSentences });
  };
  let m: RegExpExecArray | null;
  while ((m = paraRe.exec(text)) !== null) {
    pushParagraph(pStart, m.index);
    pStart = m.index + m[0].length;
  }
  pushParagraph(pStart, text.length);
  return { paragraphs, sentences };
}
