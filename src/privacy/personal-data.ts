/**
 * Personal data about the person(s) a letter is about — the addressee, their spouse, child,
 * landlord… — and its pseudonymisation with merge-field placeholders ("[NIR]", "[NOM]"…), so that a
 * letter can be shared or stored as a template without the person's data.
 *
 * The service's own details (letterhead, footer, opening hours, "appelez-nous au…") and the agent in
 * charge and the signatory (whom the law requires to be named) are never reported. The letter is read
 * by zones (see layout.ts): letterhead and references, recipient block, body, signature and footer.
 */
import { findAddresses } from './addresses.js';
import { findEmails, findPhones } from './contacts.js';
import { findBirthDates, findBoxedDigits, findDossiers, findIbans, findNirs } from './identifiers.js';
import { NOT_NAME_WORDS, analyseLayout, hasOrgWord, type Layout } from './layout.js';
import { findNames } from './names.js';
import { findTableCells } from './tables.js';

/** Kinds of personal data (French names: they are shown to users through their placeholders). */
export type PersonalDataType = 'NIR' | 'IBAN' | 'TELEPHONE' | 'EMAIL' | 'ADRESSE' | 'DATE_NAISSANCE' | 'NOM' | 'NUMERO_DOSSIER';

export interface PersonalDataSpan {
  start: number;
  end: number;
  type: PersonalDataType;
}

/** The merge field that replaces each kind of personal data (read as such by placeholders.ts). */
export const PLACEHOLDERS: Record<PersonalDataType, string> = {
  NIR: '[NIR]',
  IBAN: '[IBAN]',
  TELEPHONE: '[TÉLÉPHONE]',
  EMAIL: '[COURRIEL]',
  ADRESSE: '[ADRESSE]',
  DATE_NAISSANCE: '[DATE DE NAISSANCE]',
  NOM: '[NOM]',
  NUMERO_DOSSIER: '[NUMÉRO DE DOSSIER]',
};

/** When two detections overlap, the more specific one wins (lower rank). */
const RANK: Record<PersonalDataType, number> = {
  // an IBAN's key checks all its characters: a NIR found among them is chance
  IBAN: 0,
  NIR: 1,
  EMAIL: 2,
  NUMERO_DOSSIER: 3,
  DATE_NAISSANCE: 4,
  TELEPHONE: 5,
  ADRESSE: 6,
  NOM: 7,
};

/** Spans of personal data about the person(s) the letter is about, sorted, non-overlapping. */
export function findPersonalData(text: string): PersonalDataSpan[] {
  return readPersonalData(text).spans;
}

/** What the rules read of a letter: its personal data, and whether a place belongs to the service. */
export interface RulesReading {
  spans: PersonalDataSpan[];
  /**
   * True when the rules know a span for the service's: in the letterhead (the first block, no identity
   * block), on a line of an agent's label or block ("Dossier suivi par : …"), of the service's contact
   * block, in the signature, a name whose surname is an agent's or a signatory's, or a "birth date" no
   * one can be born on. A second reader's finds there are not personal data.
   */
  theService(span: PersonalDataSpan): boolean;
}

/** The rules' reading of a letter (see RulesReading). */
export function readPersonalData(text: string): RulesReading {
  if (text.trim() === '') return { spans: [], theService: () => false };
  const layout = layoutOf(text);
  const spans = withOcrNumbers(text, detect(layout));
  return { spans, theService: (span) => serviceReason(layout, spans, span) !== null };
}

/** The rules' reading of a text's layout (frames, boxes and leader dots made plain first; same length). */
function layoutOf(text: string): Layout {
  return analyseLayout(leadersAsColons(unboxed(unframe(text))));
}

/** A number as a character recogniser may read it: digits, and O for 0, l and I for 1 ("l5", "2O11", "lO"). */
const OCR_TOKEN_RE = /(?<![\p{L}\p{N}])[0-9OlI]+(?![\p{L}\p{N}])/gu;
/** A token of digits that holds a misread one: the trigger of a second reading. */
const OCR_MIXED_RE = /(?<![\p{L}\p{N}])(?=[0-9OlI]*\d)(?=[0-9OlI]*[OlI])[0-9OlI]+(?![\p{L}\p{N}])/u;
/** The sex digit of a social-security number read as a lone "l" before the year ("l 84 O3 72 …"). */
const OCR_LONE_ONE_RE = /(?<![\p{L}\p{N}'’])[lI](?=[ \t][\dOlI]{2}[ \t])/gu;

/** The text with misread digits put back, same length: in a token with a digit, or a token of letters only between two. */
function mendOcrDigits(text: string): string {
  const tokens = [...text.matchAll(OCR_TOKEN_RE)].map((m) => ({ start: m.index, end: m.index + m[0].length, digit: /\d/.test(m[0]) }));
  const chars = text.split('');
  // (neighbours: one separator apart, "9l lO 72", "l2/lO/l99l")
  // (or a slash with blanks around it, as a form's date is typed: "O3 / ll / l988")
  const near = (a: { end: number }, b: { start: number }): boolean => /^(?:[ ./-]| [./-] )$/.test(text.slice(a.end, b.start));
  for (const [k, t] of tokens.entries()) {
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    if (!t.digit && !(prev?.digit && next?.digit && near(prev, t) && near(t, next))) continue;
    for (let i = t.start; i < t.end; i++) if (chars[i] === 'O') chars[i] = '0';
    else if (chars[i] === 'l' || chars[i] === 'I') chars[i] = '1';
  }
  return chars.join('').replace(OCR_LONE_ONE_RE, '1');
}

/**
 * Text that went through a character recogniser (a scanned letter pasted): its numbers are read again with the
 * letters mistaken for digits put back, the text keeping its length, so offsets hold. What is found there and
 * holds a mended character is added where the first reading found nothing.
 */
function withOcrNumbers(text: string, spans: PersonalDataSpan[]): PersonalDataSpan[] {
  // (a digit next to O, l or I somewhere is needed: a plain search first, most letters stop there)
  if (!/\d[OlI]|[OlI]\d/.test(text) || !OCR_MIXED_RE.test(text)) return spans;
  const mended = mendOcrDigits(text);
  // (and, in such a text, the words with a digit misread among their letters: "LAF0NTAINE", "Mé1issa")
  const words = mendOcrLetters(mended);
  const changed: number[] = [];
  const inWords: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== words.charCodeAt(i)) changed.push(i);
    if (mended.charCodeAt(i) !== words.charCodeAt(i)) inWords.push(i);
  }
  const holds = (at: number[], s: PersonalDataSpan): boolean => at.some((i) => i >= s.start && i < s.end);
  // (a name or an address only where a word was mended: elsewhere the first reading knew better; it completes the first
  // reading's part of the same name, "LAF" of "LAF0NTAINE", resolve joining the two)
  const wordy = (t: PersonalDataType): boolean => t === 'NOM' || t === 'ADRESSE';
  const extra = detect(layoutOf(words)).filter(
    (s) => (wordy(s.type) ? holds(inWords, s) : holds(changed, s)) && !spans.some((o) => o.start < s.end && s.start < o.end && !(wordy(s.type) && o.type === s.type)),
  );
  return extra.length ? resolve([...spans, ...extra]) : spans;
}

/** A digit between two letters of a word, or ending a capitalised word: "LAF0NTAINE", "Mé1issa", "CH0W-CHINE", "V0TRE". */
const OCR_LETTER_DIGIT_RE = /(?<=\p{L})[01](?=\p{L})|(?<=\p{Lu}{2})0(?![\p{L}\p{N}])/gu;

/** The text with the digits misread among a word's letters put back as letters (0 → O or o, 1 → I or l), same length. */
function mendOcrLetters(text: string): string {
  return text.replace(OCR_LETTER_DIGIT_RE, (d, at: number) => {
    const upper = /\p{Lu}/u.test(text[at - 1] ?? '') && !/\p{Ll}/u.test(text[at + 1] ?? '');
    return d === '0' ? (upper ? 'O' : 'o') : upper ? 'I' : 'l';
  });
}

/** Kinds of data only a private person has: a block holding one is no agent's block, whatever its labels. */
const PERSON_ONLY = new Set<PersonalDataType>(['ADRESSE', 'DATE_NAISSANCE', 'NIR', 'IBAN']);

/** Why the rules know a span for the service's (see RulesReading.theService), or null; `spans`: the rules' finds. */
export function serviceReason(layout: Layout, spans: readonly PersonalDataSpan[], span: PersonalDataSpan): string | null {
  const line = layout.lines[layout.lineAt(span.start)]!;
  const personBlock = (): boolean => line.block >= 0 && spans.some((r) => PERSON_ONLY.has(r.type) && layout.lines[layout.lineAt(r.start)]!.block === line.block);
  if ((layout.agentLabelLine(line.index) || (line.block >= 0 && layout.agentBlock(line.block))) && !personBlock()) return 'agent-line';
  if (layout.serviceLine(line.index)) return 'service-line';
  if (layout.zoneAt(span.start) === 'signature') return 'signature';
  // the letterhead: the letter's first block, when it is no identity block
  const first = layout.lines.find((l) => !l.blank);
  if (first && line.block === first.block && layout.zoneAt(span.start) === 'header') return 'letterhead';
  if (span.type === 'DATE_NAISSANCE') return plausibleBirth(layout.text.slice(span.start, span.end)) ? null : 'no-birth';
  if (span.type !== 'NOM') return null;
  const words = layout.text.slice(span.start, span.end).toLowerCase().match(/[\p{L}'’-]+/gu) ?? [];
  return words.some((w) => layout.agentSurnames.has(w)) ? 'agent-surname' : null;
}

/** A birth date names a day and a year past (« 2044-2045 », « 2 avril 2048 » are no one's birth). */
function plausibleBirth(date: string): boolean {
  const years = date.match(/(?<!\d)(?:1[89]|20)\d\d(?!\d)/g);
  if (!years || years.length !== 1) return /(?<!\d)\d{1,2}[/.]\d{1,2}[/.]\d{2}(?!\d)/.test(date);
  return Number(years[0]) <= new Date().getFullYear() && /\d{1,2}\s*(?:[/.|-]|\p{L})/u.test(date.replace(years[0]!, ''));
}

function detect(layout: Layout): PersonalDataSpan[] {
  const cells = findTableCells(layout);
  const names = findNames(layout, cells);
  const addresses = findAddresses(layout, names);
  const emails = findEmails(layout, names, addresses);
  const all: PersonalDataSpan[] = [
    ...findNirs(layout),
    ...findBoxedDigits(layout),
    ...findIbans(layout, names),
    ...emails,
    ...namesBeforeEmails(layout.text, emails),
    ...findDossiers(layout, cells),
    ...findBirthDates(layout),
    ...findPhones(layout, names, addresses),
    ...addresses,
    ...names,
    ...codesAfterNames(layout.text, names),
    ...birthDatesAfterNames(layout.text, names),
    ...cells,
  ];
  return resolve(outsideExamples(layout.text, all).filter((s) => !MODEL_DATA_RE.test(layout.text.slice(s.start, s.end)) && !(s.type === 'NOM' && aLawyer(layout.text, s))));
}

/** "Me Florence Jubin", "Maître Hélène DUROCHER": a lawyer, a notary or a bailiff, named for their office. */
const LAWYER_RE = /(?<![\p{L}])(?:Me|Ma[îi]tre)[ \t\u00A0]+$/u;
function aLawyer(text: string, s: PersonalDataSpan): boolean {
  return LAWYER_RE.test(text.slice(Math.max(0, s.start - 8), s.start)) || /^(?:Me|Ma[îi]tre)[ \t\u00A0]+\p{Lu}/u.test(text.slice(s.start, s.end));
}

/** Model data a guide shows: "Mme Marie EXEMPLE", "1, rue de l'Exemple – 00000 VILLE-MODÈLE", "Jean MODÈLE", "0000000000". */
const MODEL_DATA_RE = /(?<![\p{L}])(?:exemple|modèle|fictif|fictive|factice)(?![\p{L}])|(?<![\d ])00000(?!\d)|^[0 .-]*0{6}[0 .-]*$/iu;

/** "Exemple de formulaire rempli (personne fictive) :", "Exemple d'aperçu : « … »": a model of the data, not the data. */
const EXAMPLE_LABEL_RE = /(?<![\p{L}])Exemples?(?![\p{L}])[^:\n.]{0,80}:[ \t]*/gu;

/**
 * The spans outside the examples a letter gives: the rest of the line after an example's label, or the lines under it
 * up to a blank line when the label ends its line.
 */
function outsideExamples(text: string, spans: PersonalDataSpan[]): PersonalDataSpan[] {
  if (!text.includes('Exemple')) return spans;
  const ranges: [number, number][] = [];
  EXAMPLE_LABEL_RE.lastIndex = 0;
  for (let m = EXAMPLE_LABEL_RE.exec(text); m; m = EXAMPLE_LABEL_RE.exec(text)) {
    const from = m.index + m[0].length;
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    else if (to === from) {
      const blank = /\n[ \t]*(?:\n|$)/.exec(text.slice(from + 1));
      to = blank ? from + 1 + blank.index : text.length;
    }
    ranges.push([from, to]);
  }
  if (ranges.length === 0) return spans;
  return spans.filter((s) => !ranges.some(([a, b]) => s.start >= a && s.end <= b));
}

/**
 * The text with the borders of boxed blocks ("*  Tél. : …  *", "│ Nom : … │", "#  …") blanked out,
 * same length, so that a framed line reads like any other line.
 */
function unframe(text: string): string {
  if (!/^[ \t]*[*#│┃║¦|]|[*#│┃║¦|][ \t]*$/m.test(text)) return text;
  return text.replace(/^([ \t]*)([*#│┃║¦|]+)|([*#│┃║¦|]+)([ \t]*)$/gm, (m) => ' '.repeat(m.length));
}

const BOX_NUMBER_RE = /^([ \t]*)((?:Case|CASE|Rubrique|RUBRIQUE|Champ|CHAMP|Cadre|CADRE)[ \t]+\d{1,3}[a-z]?[ \t]*:[ \t]*)(?=\S)/gm;
/** A box's code before a field's label: "A4 Adresse : …", "B2 Représentant 2 : …". */
const BOX_CODE_RE = /^([ \t]*)([A-H]\d{1,2}[ \t]+)(?=\p{Lu}[^:\n]{1,60}:)/gmu;

/**
 * A flattened PDF form, its boxes numbered at the start of the lines ("Case 5 : Adresse : …", "Rubrique 3 : Nom : …",
 * "A4 Adresse : …"):
 * the box's number blanked out, same length, so that the field's own label starts the line.
 */
function unboxed(text: string): string {
  const blank = (_m: string, lead: string, box: string): string => lead + ' '.repeat(box.length);
  let out = text;
  if (/(?:Case|CASE|Rubrique|RUBRIQUE|Champ|CHAMP|Cadre|CADRE)[ \t]+\d{1,3}[a-z]?[ \t]*:/.test(out)) out = out.replace(BOX_NUMBER_RE, blank);
  // (box codes: three lines of a form at least, so that a lone "A4 …" is left alone)
  if (/^[ \t]*[A-H]\d/m.test(out) && (out.match(BOX_CODE_RE) ?? []).length >= 3) out = out.replace(BOX_CODE_RE, blank);
  return out;
}

/** "Raphaël NGUYEN (CRR-ADM-25-0662)", "Léa MOREL – n° PRT-0412-883105": a code right after a person's name is theirs. */
function codesAfterNames(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  const out: PersonalDataSpan[] = [];
  for (const n of names) {
    // (or after a dash and "n°": "Contrat de prêt : Léa MOREL – n° PRT-0412-883105")
    const m =
      /^[ \t]*\([ \t]*((?=[A-Z0-9/-]*\d[A-Z0-9/-]*\d[A-Z0-9/-]*\d)[A-Z0-9][A-Z0-9/-]{5,30})[ \t]*\)/.exec(text.slice(n.end, n.end + 40)) ??
      /^[ \t]*[–—-][ \t]*n[°º][ \t]*((?=[A-Z0-9/-]*\d[A-Z0-9/-]*\d[A-Z0-9/-]*\d)[A-Z0-9][A-Z0-9/-]{5,30})(?![\p{L}\p{N}])/u.exec(text.slice(n.end, n.end + 40));
    const code = m?.[1];
    // letters and digits, or digits in groups, or a long number: not a year nor an age, nor a date (see birthDatesAfterNames)
    if (m && code && !DATE_ONLY_RE.test(code) && (/[A-Z]/.test(code) || /[-/]/.test(code) || /^\d{6,}$/.test(code))) {
      const start = n.end + m[0].indexOf(code);
      out.push({ start, end: start + code.length, type: 'NUMERO_DOSSIER' });
    }
  }
  return out;
}

const DATE_ONLY_RE = /^\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}$/;
const BRACKETED_BIRTH_RE =
  /^[ \t]*\([ \t]*(?:n[ée]e?[ \t]+le[ \t]+)?(\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d{2}|(?:1er|\d{1,2})[ \t]+(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)[ \t]+(?:19|20)\d{2})[ \t]*\)/u;

/** "Vos enfants Kenzo (04/05/2019) et Lina (née le 3 mars 2021)": a date alone in brackets right after a person's name is their birth. */
function birthDatesAfterNames(text: string, names: PersonalDataSpan[]): PersonalDataSpan[] {
  const out: PersonalDataSpan[] = [];
  let latestYear = -1;
  for (const n of names) {
    if (text[n.end] !== ' ' && text[n.end] !== '(' && text[n.end] !== '\t') continue;
    const m = BRACKETED_BIRTH_RE.exec(text.slice(n.end, n.end + 40));
    if (!m) continue;
    // (not a date of the letter's own year, the latest it mentions: "Mme X (12/03/2026)" is a meeting's or a letter's date)
    if (latestYear < 0) for (const y of text.matchAll(/(?<!\d)(?:19|20)\d{2}(?!\d)/g)) latestYear = Math.max(latestYear, Number(y[0]));
    if (Number(m[1]!.slice(-4)) >= latestYear) continue;
    const start = n.end + m[0].indexOf(m[1]!);
    out.push({ start, end: start + m[1]!.length, type: 'DATE_NAISSANCE' });
  }
  return out;
}

/** The name shown before an address in an e-mail header: "De : Paul Girard <paul.girard@…>". */
const DISPLAY_NAME_RE = /(?:^|[:;,][ \t]*)["“]?((?:\p{Lu}[\p{L}'’-]+[ \t]+){0,3}\p{Lu}[\p{L}'’-]+)["”]?[ \t]*<$/u;

/** The display name before a person's e-mail address is theirs (the address was judged the person's, not a service's). */
function namesBeforeEmails(text: string, emails: PersonalDataSpan[]): PersonalDataSpan[] {
  const out: PersonalDataSpan[] = [];
  for (const e of emails) {
    if (text[e.start - 1] !== '<') continue;
    const lineStart = text.lastIndexOf('\n', e.start - 1) + 1;
    const m = DISPLAY_NAME_RE.exec(text.slice(Math.max(lineStart, e.start - 80), e.start));
    const name = m?.[1];
    if (!m || !name || hasOrgWord(name) || name.split(/\s+/).some((w) => NOT_NAME_WORDS.has(w.toLowerCase()))) continue;
    const start = e.start - m[0].length + m[0].indexOf(name);
    out.push({ start, end: start + name.length, type: 'NOM' });
  }
  return out;
}

const LETTER = /\p{L}/u;
const VISIBLE = /\S/;
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

/**
 * The span of the dot leaders that start at `p` (the first dot of a run of `run` dots), or 0. Three
 * dots or more after a word (blanks between allowed) with something visible further on the line; two
 * dots when blanks stand on both sides ("Date de naissance .. 12/08/2003"). When only dots follow on
 * the line, the leaders stop before the last dot (what the former regex, with its look-ahead, kept).
 */
function leadersAt(text: string, p: number, run: number): number {
  let b = p - 1;
  while (isBlank(text[b])) b--;
  if (b < 0) return 0;
  const low = text.charCodeAt(b);
  const before = low >= 0xdc00 && low <= 0xdfff && b > 0 ? text.slice(b - 1, b + 1) : text[b]!;
  if (!LETTER.test(before)) return 0;
  const blankBefore = b < p - 1;
  let a = p + run;
  while (isBlank(text[a])) a++;
  const visibleAfter = a < text.length && VISIBLE.test(text[a]!);
  if (run >= 3) return visibleAfter ? run : run >= 4 ? run - 1 : 0;
  return run === 2 && blankBefore && a > p + run && visibleAfter ? 2 : 0;
}

/** The part of a line before dot leaders ends with a label's colon and a value after it. */
const FILLED_FIELD_RE = /:[ \t.]*[^\s:.][^:]*$/u;

/** Dots right after a label's colon (blanks between allowed), with something visible after them on the line, no other dots. */
function fillerAfterColon(text: string, p: number, end: number): boolean {
  let b = p - 1;
  while (isBlank(text[b])) b--;
  if (text[b] !== ':') return false;
  let a = end;
  while (isBlank(text[a])) a++;
  return a < text.length && VISIBLE.test(text[a]!) && text[a] !== '.';
}

/**
 * A form's dot leaders ("Numéro de demande ........ VAE-2025-01962") read as a colon, same length; the dots that
 * fill a field around its value ("Nom : ......DUPONT...... Prénom :") read as blanks.
 * (Read by hand: the regex it replaces began with a look-behind, tried at every character of the
 * letter; it took a fifth of the time of the detection.)
 */
export function leadersAsColons(text: string): string {
  let p = text.indexOf('..');
  if (p < 0) return text;
  let out = '';
  let copied = 0;
  while (p >= 0) {
    // p is the first dot of its run (the search resumes after each run).
    let end = p;
    while (text[end] === '.') end++;
    const n = leadersAt(text, p, end - p);
    if (n === 0 && end - p >= 3 && fillerAfterColon(text, p, end)) {
      // (dots between a label's colon and its value, "Nom : ......DUPONT": blanks)
      out += text.slice(copied, p) + ' '.repeat(end - p);
      copied = end;
    } else if (n > 0) {
      // (the dots that fill a field after its value, "Nom : ABDOU ........ Prénom : …", are blanks: no label before them)
      const filler = FILLED_FIELD_RE.test(text.slice(text.lastIndexOf('\n', p - 1) + 1, p));
      out += text.slice(copied, p) + (filler ? ' ' : ':') + ' '.repeat(n - 1);
      copied = p + n;
    }
    p = text.indexOf('..', end);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Non-overlapping spans: by rank, then the longer; sorted by start. */
function resolve(spans: PersonalDataSpan[]): PersonalDataSpan[] {
  const valid = spans.filter((s) => s.end > s.start);
  valid.sort((a, b) => RANK[a.type] - RANK[b.type] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: PersonalDataSpan[] = [];
  // owner[i]: index in `kept` of the span covering character i, plus one (0: free)
  const end = valid.reduce((m, s) => Math.max(m, s.end), 0);
  const owner = new Int32Array(end + 1);
  for (const s of valid) {
    let clash = -1;
    for (let i = s.start; i < s.end; i++)
      if (owner[i]) {
        clash = owner[i]! - 1;
        break;
      }
    if (clash < 0) {
      kept.push({ start: s.start, end: s.end, type: s.type });
      owner.fill(kept.length, s.start, s.end);
      continue;
    }
    // two names or two addresses that overlap make one span
    const k = kept[clash]!;
    if (k.type === s.type) {
      k.start = Math.min(k.start, s.start);
      k.end = Math.max(k.end, s.end);
    }
  }
  kept.sort((a, b) => a.start - b.start);
  // unions may now overlap a neighbour: merge same-type neighbours, drop the rest
  const out: PersonalDataSpan[] = [];
  for (const s of kept) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      if (last.type === s.type) last.end = Math.max(last.end, s.end);
      continue;
    }
    out.push(s);
  }
  return out;
}

export interface Pseudonymised {
  /** The text with each span replaced by its placeholder. */
  text: string;
  counts: Partial<Record<PersonalDataType, number>>;
  /** The spans, in the original text. */
  spans: PersonalDataSpan[];
  /** Maps an offset of the original text to the new text (inside a replaced span: its placeholder's start, or end for an end offset). */
  mapOffset(offset: number, side?: 'start' | 'end'): number;
}

/**
 * The text with each personal datum replaced by its placeholder; the same string when nothing is found.
 * `spans`: sorted, non-overlapping (the rules' by default; stored versions add the tagger's, see second-opinion.ts).
 */
export function pseudonymise(text: string, spans: PersonalDataSpan[] = findPersonalData(text)): Pseudonymised {
  const counts: Partial<Record<PersonalDataType, number>> = {};
  if (spans.length === 0) return { text, counts, spans, mapOffset: (offset) => Math.max(0, Math.min(offset, text.length)) };
  let out = '';
  let at = 0;
  // for each span: its start in the original and in the new text, and their lengths
  const newStarts: number[] = [];
  for (const s of spans) {
    out += text.slice(at, s.start);
    newStarts.push(out.length);
    out += PLACEHOLDERS[s.type];
    at = s.end;
    counts[s.type] = (counts[s.type] ?? 0) + 1;
  }
  out += text.slice(at);
  const mapOffset = (offset: number, side: 'start' | 'end' = 'start'): number => {
    const o = Math.max(0, Math.min(offset, text.length));
    // last span starting at or before the offset
    let lo = 0;
    let hi = spans.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid]!.start <= o) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (k < 0) return o;
    const s = spans[k]!;
    const ns = newStarts[k]!;
    const placeholder = PLACEHOLDERS[s.type].length;
    if (o === s.start) return ns;
    if (o < s.end) return side === 'end' ? ns + placeholder : ns;
    return ns + placeholder + (o - s.end);
  };
  return { text: out, counts, spans, mapOffset };
}
