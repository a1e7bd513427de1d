/**
 * Before/after comparison of two Reports of one document (a heavy letter and its plain-language rewrite):
 * what improved (score, readability, alerts, mentions) and, above all, which legal facts the rewrite
 * lost. Pure: no I/O; the legal facts (dates, amounts, deadlines, article references, named courts) are
 * read from `report.text` by the extractors below, the mentions from `report.mentions`.
 *
 * Also: `resolved`/`introduced` are the full Alerts (offsets in their own report's text);
 * `documentType` says whether the classifier saw the same type (mentions depend on it); `addedFacts`
 * lists facts found only after; a fact invariant counts its `occurrences`; a mention invariant is listed
 * for every mention present or partial before (lost when worse after) with a French `detail`.
 */
import { mentionElementLabel } from '../report/labels.js';
import { z } from 'zod';
import { parseFrenchNumber } from '../analysis/french-numbers.js';
import { Alert, CATEGORIES, Category, DocumentTypeId, Mention, Report } from '../model.js';
import { MENTION_LABELS, MENTION_STATUS_LABELS } from '../report/labels.js';

// ---------------------------------------------------------------------------------------------------
// Schema

/** Kinds of legal facts the extractors find in a text. */
export const FACT_KINDS = ['date', 'amount', 'deadline', 'article', 'court'] as const;
/** Kinds of legal invariants: the facts, plus the required mentions. */
export const INVARIANT_KINDS = [...FACT_KINDS, 'mention'] as const;

const Delta = z.object({ before: z.number(), after: z.number(), delta: z.number() });
const Count = z.number().int().min(0);
const MentionStatus = Mention.shape.status;
const Grade = Report.shape.score.shape.grade;

/** One legal fact found in a text (offsets in that text). */
export const FactSchema = z.object({
  kind: z.enum(FACT_KINDS),
  /** Normalised value: `2026-03-03`, `1234.56 EUR`, `10 %`, `2 mois`, `art. L411-2`, `tribunal administratif de lyon`. */
  value: z.string(),
  /** The words as written in the text. */
  label: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});
/** One legal fact found in a text. */
export type Fact = z.infer<typeof FactSchema>;

/** How one mention changed between the two versions. */
export const MentionChangeSchema = z.object({
  id: z.string(),
  /** French name of the mention. */
  label: z.string(),
  before: MentionStatus,
  after: MentionStatus,
  change: z.enum(['improved', 'worsened', 'same']),
  missingBefore: z.array(z.string()),
  missingAfter: z.array(z.string()),
  /** Elements missing after that were there before. */
  newlyMissing: z.array(z.string()),
});
/** How one mention changed between the two versions. */
export type MentionChange = z.infer<typeof MentionChangeSchema>;

/** A legal fact or required mention of the version before, and whether the version after still carries it. */
export const InvariantSchema = z.object({
  kind: z.enum(INVARIANT_KINDS),
  /** Normalised value (the mention id for kind `mention`). */
  value: z.string(),
  /** French, as found in the text before (the mention's French name for kind `mention`). */
  label: z.string(),
  before: z.literal(true),
  after: z.boolean(),
  lost: z.boolean(),
  /** Occurrences in each text (facts only). */
  occurrences: z.object({ before: Count, after: Count }).optional(),
  /** French explanation of a mention's change (« présente → incomplète ; manque : le tribunal nommé »). */
  detail: z.string().optional(),
  /** First occurrence in `before.text` (for a mention, its first evidence). */
  where: z.object({ start: z.number().int().min(0), end: z.number().int().min(0) }).optional(),
});
/** A legal fact or required mention of the version before. */
export type Invariant = z.infer<typeof InvariantSchema>;

/** The comparison of two versions of a document. */
export const ComparisonSchema = z.object({
  schema: z.literal('clarte/comparison@1'),
  score: Delta,
  grade: z.object({ before: Grade, after: Grade }),
  documentType: z.object({ before: DocumentTypeId, after: DocumentTypeId }),
  readability: z.object({ kandelMoles: Delta, lix: Delta }),
  stats: z.object({ words: Delta, sentences: Delta, wordsPerSentence: Delta, longSentences: Delta, passiveSentences: Delta }),
  /** Alert counts per category, for every category with an alert in either version (CONTRACT order). */
  categories: z.array(z.object({ category: Category, before: Count, after: Count, delta: z.number().int() })),
  /** Alerts of `before` with a counterpart in `after` (same rule, same normalised text). */
  kept: Count,
  /** Alerts of `before` without counterpart in `after` (offsets in `before.text`). */
  resolved: z.array(Alert),
  /** Alerts of `after` without counterpart in `before` (offsets in `after.text`). */
  introduced: z.array(Alert),
  mentions: z.array(MentionChangeSchema),
  invariants: z.array(InvariantSchema),
  /** Facts found only after (for information: not invariants); offsets in `after.text`. */
  addedFacts: z.array(FactSchema),
  legalRisk: z.boolean(),
  /** One French sentence for the user. */
  summary: z.string(),
});
/** The comparison of two versions of a document. */
export type Comparison = z.infer<typeof ComparisonSchema>;

// ---------------------------------------------------------------------------------------------------
// Text helpers

const B = '(?<![\\p{L}\\p{N}_])';
const E = '(?![\\p{L}\\p{N}_])';
const SP = '[\\s\\u00A0\\u202F]';
const APOS = "['’ʼ]";

/** Case, space and apostrophe folding (accents kept): how alert texts are compared. */
function foldAlertText(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/[’‘ʼ`´]/g, "'").replace(/\s+/gu, ' ').trim();
}

/** Folding of names (courts): also drops accents, so « Conseil d'Etat » is « Conseil d'État ». */
function foldName(s: string): string {
  return foldAlertText(s.normalize('NFD').replace(/\p{M}/gu, ''));
}

const round2 = (v: number): number => Math.round(v * 100) / 100;
const delta = (before: number, after: number): z.infer<typeof Delta> => ({ before, after, delta: round2(after - before) });

// ---------------------------------------------------------------------------------------------------
// Extractors

const MONTHS: Record<string, number> = {
  janvier: 1, janv: 1, fevrier: 2, fevr: 2, fev: 2, mars: 3, avril: 4, avr: 4, mai: 5, juin: 6, juillet: 7, juil: 7,
  aout: 8, septembre: 9, sept: 9, octobre: 10, oct: 10, novembre: 11, nov: 11, decembre: 12, dec: 12,
};
const MONTH_RE = `(?:(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)${E}|(?:janv|f[ée]vr?|avr|juil|sept|oct|nov|d[ée]c)\\.)`;
// « 3 mars 2026 », « 1er janvier 2025 », « lundi 3 mars » (no year), « septembre 2025 » (no day).
const DATE_WORDS = new RegExp(`${B}(?:(1er|premier|\\d{1,2})${SP}+)?(${MONTH_RE})(?:${SP}+(\\d{4})(?!\\p{N}))?`, 'giu');
// « 03/03/2026 », « 3/3/26 », « 03.03.2026 », « 03-03-2026 »; not inside a longer run of digits (a phone number).
const DATE_DIGITS = new RegExp(`(?<![\\p{L}\\p{N}_]|\\p{N}[/.-])(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|(?<=/\\d{1,2}/)\\d{2})(?![/.-]?\\p{N})`, 'gu');
const DATE_ISO = new RegExp(`${B}(\\d{4})-(\\d{2})-(\\d{2})${E}`, 'gu');

const pad2 = (n: number): string => String(n).padStart(2, '0');
const validDay = (d: number, m: number): boolean => m >= 1 && m <= 12 && d >= 1 && d <= 31;

/** Dates: a full date is `YYYY-MM-DD`, a date without year `--MM-DD`, a month of a year `YYYY-MM`. */
function extractDates(text: string, out: Fact[]): void {
  for (const m of text.matchAll(DATE_WORDS)) {
    const [label, dayText, monthText, yearText] = m;
    if (dayText === undefined && yearText === undefined) continue; // a bare month name says nothing
    const month = MONTHS[foldName(monthText ?? '').replace('.', '')];
    if (month === undefined) continue;
    const day = dayText === undefined ? undefined : /^\d+$/.test(dayText) ? Number(dayText) : 1;
    if (day !== undefined && !validDay(day, month)) continue;
    const value = day === undefined ? `${yearText}-${pad2(month)}` : yearText === undefined ? `--${pad2(month)}-${pad2(day)}` : `${yearText}-${pad2(month)}-${pad2(day)}`;
    out.push({ kind: 'date', value, label, start: m.index, end: m.index + label.length });
  }
  for (const m of text.matchAll(DATE_DIGITS)) {
    const [label, d, , mo, y] = m;
    const day = Number(d);
    const month = Number(mo);
    if (!validDay(day, month) || y === undefined) continue;
    const year = y.length === 2 ? `20${y}` : y;
    out.push({ kind: 'date', value: `${year}-${pad2(month)}-${pad2(day)}`, label, start: m.index, end: m.index + label.length });
  }
  for (const m of text.matchAll(DATE_ISO)) {
    const [label, y, mo, d] = m;
    if (!validDay(Number(d), Number(mo))) continue;
    out.push({ kind: 'date', value: `${y}-${mo}-${d}`, label, start: m.index, end: m.index + label.length });
  }
}

// « 1 234,56 € » (any space as thousands separator), « 1.234,56 € », « 1234.56 euros », « 150 EUR ».
const AMOUNT = new RegExp(
  `(?<![\\p{L}\\p{N}_.,])(\\d{1,3}(?:[ \\u00A0\\u202F]\\d{3})+|\\d{1,3}(?:\\.\\d{3})+(?![.,]\\d{3})|\\d+)(?:[.,](\\d{1,2}))?(?!\\p{N})${SP}*(?:€|euros?${E}|EUR${E})`,
  'gu',
);
// « 10 % », « 2,5 % », « 10 pour cent ».
const PERCENT = new RegExp(`${B}(\\d+(?:[.,]\\d+)?)${SP}*(?:%|pour${SP}?cents?${E})`, 'giu');

/** Amounts in euros (`1234.56 EUR`, always two decimals) and percentages (`10 %`, `2.5 %`). */
function extractAmounts(text: string, out: Fact[]): void {
  for (const m of text.matchAll(AMOUNT)) {
    const [label, int, dec] = m;
    const units = (int ?? '').replace(/[^\d]/g, '').replace(/^0+(?=\d)/, '');
    const cents = (dec ?? '').padEnd(2, '0');
    out.push({ kind: 'amount', value: `${units}.${cents} EUR`, label: label.trimEnd(), start: m.index, end: m.index + label.trimEnd().length });
  }
  for (const m of text.matchAll(PERCENT)) {
    const [label, n] = m;
    const value = (n ?? '').replace(',', '.').replace(/\.0+$/, '');
    out.push({ kind: 'amount', value: `${value} %`, label, start: m.index, end: m.index + label.length });
  }
}

const WORD = `(?:z[ée]ro|quatorze|quarante|cinquante|soixante|quatre|treize|trente|douze|quinze|seize|vingts|vingt|trois|deux|onze|cinq|sept|huit|neuf|dix|six|cents|cent|mille|une|un)${E}`;
const NUMBER = `(?:\\d+|${WORD}(?:(?:-|${SP}+)(?:et(?:-|${SP}+))?${WORD})*)`;
const UNIT = `(jours?(?:${SP}+(?:ouvr[ée]s?|ouvrables?|francs?|calendaires?)${E})?|mois|ann[ée]es?|ans?|semaines?|heures?)${E}`;
// « les 3 derniers mois »: an adjective may stand between the number and the unit.
const UNIT_ADJECTIVE = `(?:(?:derni[eè]re?s|premi[eè]re?s|prochaine?s|pleine?s|entiers|enti[eè]res)${SP}+)?`;
const DURATION = new RegExp(`${B}(${NUMBER})${SP}+${UNIT_ADJECTIVE}${UNIT}`, 'giu');
const NUMBERED = new RegExp(`${B}(?:sous|dans${SP}+la|d${APOS}une?|une)${SP}+(quinzaine|huitaine)${E}`, 'giu');

const UNIT_NAMES: Record<string, [string, string]> = { jour: ['jour', 'jours'], mois: ['mois', 'mois'], an: ['an', 'ans'], semaine: ['semaine', 'semaines'], heure: ['heure', 'heures'] };

/** Deadlines and durations: `2 mois`, `15 jours`, `30 jours ouvrés`, `1 an` (number words become digits). */
function extractDeadlines(text: string, out: Fact[]): void {
  for (const m of text.matchAll(DURATION)) {
    const [label, numberText, unitText] = m;
    const n = parseFrenchNumber(numberText ?? '');
    if (n === undefined) continue;
    const [unitWord, qualifier] = foldName(unitText ?? '').split(' ');
    const base = unitWord === undefined ? undefined : unitWord.startsWith('jour') ? 'jour' : unitWord.startsWith('sem') ? 'semaine' : unitWord.startsWith('heure') ? 'heure' : unitWord === 'mois' ? 'mois' : 'an';
    const names = base === undefined ? undefined : UNIT_NAMES[base];
    if (!names) continue;
    const q = qualifier === undefined ? '' : ` ${qualifier.replace(/s$/, '')}${n > 1 ? 's' : ''}`;
    out.push({ kind: 'deadline', value: `${n} ${n > 1 ? names[1] : names[0]}${q}`, label, start: m.index, end: m.index + label.length });
  }
  for (const m of text.matchAll(NUMBERED)) {
    const [label, word] = m;
    out.push({ kind: 'deadline', value: foldName(word ?? '') === 'quinzaine' ? '15 jours' : '8 jours', label, start: m.index, end: m.index + label.length });
  }
}

// A code article: « L. 411-2 », « R.421-5 », « L 112-3 », « D. 12 », « R.* 421-1 » (a dot or a dash is required).
const CODE_ITEM = `[LRDA](?:\\.${SP}*\\*?${SP}*|\\*?${SP}?)\\d+(?:-\\d+)*`;
const CODE_REF = new RegExp(`${B}(${CODE_ITEM})${E}`, 'gu');
// After « article(s) » / « art. »: a list of items (« L. 112-3 et L. 112-4 », « 1407 », « UB 7 », « 13 bis »).
const ARTICLE_KEY = new RegExp(`${B}(?:[Aa]rticles?|ARTICLES?|[Aa]rt\\.)${SP}+`, 'gu');
const ARTICLE_ITEM = new RegExp(`(${CODE_ITEM}|\\p{Lu}{1,3}${SP}?\\d+(?:-\\d+)*|\\d+(?:-\\d+)*(?:${SP}?(?:bis|ter|quater|quinquies))?|1er|premier)${E}`, 'uy');
const ARTICLE_NEXT = new RegExp(`(?:${SP}+et${SP}+suivants)?(?:${SP}*,${SP}*|${SP}+(?:et|ou|à)${SP}+)`, 'uy');
// An article heading of the document itself (« Article 1er : Le permis… »), not a reference.
const ARTICLE_HEADING = new RegExp(`^${SP}*[:.–—-]`, 'u');
// A numbered text: « loi n° 90-449 », « décret n° 2019-1234 », « délibération n° 2013-46 », « arrêté préfectoral n° … ».
const NUMBERED_TEXT = new RegExp(
  `${B}(loi|d[ée]cret|ordonnance|arr[êe]t[ée]|d[ée]lib[ée]ration|circulaire)(?:${SP}+[\\p{L}'’-]+){0,3}?${SP}+n${SP}?[°º]${SP}*([\\p{L}\\d]*\\d[\\p{L}\\d]*(?:[-/.][\\p{L}\\d]+)*)`,
  'giu',
);

/** Normalised article number: « L. 411-2 » → `L411-2`, « UB 7 » → `UB7`, « 1er » → `1`. */
function articleValue(item: string): string {
  const v = item.replace(/[\s\u00A0\u202F.*]/g, '');
  return `art. ${/^(1er|premier)$/i.test(v) ? '1' : v}`;
}

/** Article references (`art. L411-2`, `art. 1407`) and numbered texts (`loi n° 90-449`). */
function extractArticles(text: string, out: Fact[]): void {
  const found: Fact[] = [];
  const overlaps = (s: number, e: number): boolean => found.some((f) => s < f.end && f.start < e);
  for (const m of text.matchAll(ARTICLE_KEY)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const atLineStart = text.slice(lineStart, m.index).trim() === '';
    let at = m.index + m[0].length;
    const items: Fact[] = [];
    for (;;) {
      ARTICLE_ITEM.lastIndex = at;
      const item = ARTICLE_ITEM.exec(text);
      if (!item) break;
      const number = item[1] ?? item[0];
      // The first item keeps its keyword (« article 1407 »): a bare « 1407 » would mean nothing to the reader.
      const start = items.length === 0 ? m.index : item.index;
      const end = item.index + number.length;
      items.push({ kind: 'article', value: articleValue(number), label: text.slice(start, end), start, end });
      at = item.index + item[0].length;
      ARTICLE_NEXT.lastIndex = at;
      const next = ARTICLE_NEXT.exec(text);
      if (!next) break;
      at = next.index + next[0].length;
    }
    const first = items[0];
    if (first && atLineStart && items.length === 1 && ARTICLE_HEADING.test(text.slice(first.end))) continue;
    found.push(...items);
  }
  for (const m of text.matchAll(CODE_REF)) {
    const label = m[1] ?? m[0];
    // Outside « article … », a code article needs its dot or its dash (« R. 421-5 », « L 411-2 »; not « A 12 »).
    if (!/[.-]/.test(label) || overlaps(m.index, m.index + label.length)) continue;
    found.push({ kind: 'article', value: articleValue(label), label, start: m.index, end: m.index + label.length });
  }
  for (const m of text.matchAll(NUMBERED_TEXT)) {
    const [label, kind, number] = m;
    found.push({ kind: 'article', value: `${foldName(kind ?? '')} n° ${(number ?? '').toUpperCase()}`, label, start: m.index, end: m.index + label.length });
  }
  out.push(...found);
}

// Courts known by a place name: « tribunal administratif de Lyon », « TA de Valmont », « cour d'appel de Douai ».
const NAMED_COURTS: [string, string][] = [
  [`cour${SP}+administrative${SP}+d${APOS}appel`, "cour administrative d'appel"],
  [`tribunal${SP}+administratif`, 'tribunal administratif'],
  [`tribunal${SP}+judiciaire`, 'tribunal judiciaire'],
  [`tribunal${SP}+de${SP}+grande${SP}+instance`, 'tribunal de grande instance'],
  [`tribunal${SP}+d${APOS}instance`, "tribunal d'instance"],
  [`tribunal${SP}+de${SP}+commerce`, 'tribunal de commerce'],
  [`tribunal${SP}+de${SP}+proximit[ée]`, 'tribunal de proximite'],
  [`cour${SP}+d${APOS}appel`, "cour d'appel"],
  [`conseil${SP}+de${SP}+prud${APOS}hommes`, "conseil de prud'hommes"],
];
const COURT_ABBREVIATIONS: Record<string, string> = { TA: 'tribunal administratif', CAA: "cour administrative d'appel", TJ: 'tribunal judiciaire' };
// Bodies that need no place name (national courts, appeal bodies).
const FIXED_COURTS: [string, string][] = [
  [`conseil${SP}+d${APOS}[ée]tat`, "conseil d'etat"],
  [`cour${SP}+de${SP}+cassation`, 'cour de cassation'],
  [`conseil${SP}+constitutionnel`, 'conseil constitutionnel'],
  [`cour${SP}+nationale${SP}+du${SP}+droit${SP}+d${APOS}asile`, "cour nationale du droit d'asile"],
  [`commission${SP}+de${SP}+recours${SP}+amiable`, 'commission de recours amiable'],
  [`commission${SP}+d${APOS}acc[èe]s${SP}+aux${SP}+documents${SP}+administratifs`, "commission d'acces aux documents administratifs"],
  [`d[ée]fenseur${SP}+des${SP}+droits`, 'defenseur des droits'],
  [`conciliat(?:eur|rice)${SP}+fiscale?`, 'conciliateur fiscal'],
];
const NAMED_KEY = new RegExp(`${B}(?:${NAMED_COURTS.map(([re]) => `(${re})`).join('|')})(?=${SP})`, 'giu');
const ABBREVIATED_KEY = new RegExp(`${B}(TA|CAA|TJ)(?=${SP})`, 'gu');
const CONNECTOR = new RegExp(`${SP}+(de${SP}+la${SP}+|de${SP}+l${APOS}|du${SP}+|des${SP}+|de${SP}+|d${APOS})`, 'iuy');
const PLACE = new RegExp(
  `\\p{Lu}\\p{L}*(?:(?:-|[ \\u00A0])?(?:(?:sur|sous|en|lès|lez|les|le|la|de|du|des|aux)(?:-|[ \\u00A0])|[dlDL]['’])*(?:-|[ \\u00A0])?\\p{Lu}\\p{L}*)*`,
  'uy',
);
const FIXED_KEY = new RegExp(`${B}(?:${FIXED_COURTS.map(([re]) => `(${re})`).join('|')})${E}`, 'giu');

/** Named courts and appeal bodies: `tribunal administratif de lyon`, `conseil d'etat` (folded, no accents). */
function extractCourts(text: string, out: Fact[]): void {
  const keys = [
    ...[...text.matchAll(NAMED_KEY)].map((m) => ({ m, canonical: NAMED_COURTS[m.slice(1).findIndex((g) => g !== undefined)]?.[1] })),
    ...[...text.matchAll(ABBREVIATED_KEY)].map((m) => ({ m, canonical: COURT_ABBREVIATIONS[m[1] ?? ''] })),
  ];
  for (const { m, canonical } of keys) {
    if (canonical === undefined) continue;
    CONNECTOR.lastIndex = m.index + m[0].length;
    const connector = CONNECTOR.exec(text);
    if (!connector) continue; // « le tribunal administratif compétent »: not a named court
    PLACE.lastIndex = connector.index + connector[0].length;
    const place = PLACE.exec(text);
    if (!place) continue;
    const end = place.index + place[0].length;
    const link = foldName(connector[1] ?? '');
    const joint = link.endsWith("'") ? link : `${link} `;
    out.push({ kind: 'court', value: `${canonical} ${joint}${foldName(place[0])}`, label: text.slice(m.index, end), start: m.index, end });
  }
  for (const m of text.matchAll(FIXED_KEY)) {
    const i = m.slice(1).findIndex((g) => g !== undefined);
    const canonical = FIXED_COURTS[i]?.[1];
    if (canonical === undefined) continue;
    out.push({ kind: 'court', value: canonical, label: m[0], start: m.index, end: m.index + m[0].length });
  }
}

/** Every legal fact of a text, in text order: dates, amounts, deadlines, article references, named courts. */
export function extractFacts(text: string): Fact[] {
  const out: Fact[] = [];
  extractDates(text, out);
  extractAmounts(text, out);
  extractDeadlines(text, out);
  extractArticles(text, out);
  extractCourts(text, out);
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The key a fact is compared by: a year is 12 months, a week 7 days. */
function factKey(f: Fact): string {
  if (f.kind === 'deadline') {
    const m = /^(\d+) (an|ans|semaine|semaines)$/.exec(f.value);
    if (m) return m[2]?.startsWith('an') ? `deadline:${Number(m[1]) * 12} mois` : `deadline:${Number(m[1]) * 7} jours`;
  }
  return `${f.kind}:${f.value}`;
}

/** Keys a fact satisfies: its own, and for a full date its day without year and its month. */
function factCovers(f: Fact): string[] {
  const key = factKey(f);
  const m = f.kind === 'date' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(f.value) : null;
  return m ? [key, `date:--${m[2]}-${m[3]}`, `date:${m[1]}-${m[2]}`] : [key];
}

// ---------------------------------------------------------------------------------------------------
// Alerts and mentions

/** What alerts are matched by: the rule and the normalised text of their span (a mention's alert: its message). */
function alertKey(a: Alert, text: string): string {
  const spanned = a.end > a.start && a.end <= text.length ? text.slice(a.start, a.end) : a.match;
  // NOTE: a mention's alert sits on its zone or on the first sentence, whichever the text holds: its
  // message (the missing elements) is what identifies it across versions, not where it is placed.
  return `${a.rule}\u0000${foldAlertText(a.category === 'mention' ? a.message : spanned)}`;
}

/** Matches alerts as multisets by rule and normalised text, never by offset. */
function matchAlerts(before: Report, after: Report): { kept: number; resolved: Alert[]; introduced: Alert[] } {
  const pool = new Map<string, Alert[]>();
  for (const a of before.alerts) {
    const key = alertKey(a, before.text);
    const list = pool.get(key);
    if (list) list.push(a);
    else pool.set(key, [a]);
  }
  let kept = 0;
  const introduced: Alert[] = [];
  const matched = new Set<Alert>();
  for (const a of after.alerts) {
    const counterpart = pool.get(alertKey(a, after.text))?.shift();
    if (counterpart) {
      kept += 1;
      matched.add(counterpart);
    } else introduced.push(a);
  }
  return { kept, resolved: before.alerts.filter((a) => !matched.has(a)), introduced };
}

const RANK: Record<string, number> = { missing: 0, partial: 1, present: 2 };

const elementLabel = mentionElementLabel;

/**
 * The change of one mention: by status (missing < partial < present); at equal status, by its elements
 * (an element or a known defect newly missing is worse, one newly found is better). `not-applicable`
 * is not ranked: a mention that was present or partial and no longer applies (the document type changed)
 * is worse, as nothing checks it any more; one that now applies and is not present is worse too.
 */
function mentionChange(id: string, b: Mention | undefined, a: Mention | undefined): MentionChange {
  const before = b?.status ?? 'not-applicable';
  const after = a?.status ?? 'not-applicable';
  const missingBefore = b?.missing ?? [];
  const missingAfter = a?.missing ?? [];
  const newlyMissing = missingAfter.filter((e) => !missingBefore.includes(e));
  const newDefects = (a?.defects ?? []).filter((d) => !(b?.defects ?? []).includes(d));
  const rb = RANK[before];
  const ra = RANK[after];
  let change: MentionChange['change'] = 'same';
  if (rb !== undefined && ra !== undefined) {
    if (ra !== rb) change = ra > rb ? 'improved' : 'worsened';
    else if (newlyMissing.length > 0 || newDefects.length > 0) change = 'worsened';
    else if (missingBefore.some((e) => !missingAfter.includes(e))) change = 'improved';
  } else if (rb !== undefined) change = rb > 0 ? 'worsened' : 'same';
  else if (ra !== undefined) change = ra < 2 ? 'worsened' : 'same';
  return { id, label: MENTION_LABELS[id] ?? id, before, after, change, missingBefore, missingAfter, newlyMissing };
}

// ---------------------------------------------------------------------------------------------------
// Comparison

const KIND_LABELS: Record<(typeof INVARIANT_KINDS)[number], string> = {
  date: 'date',
  amount: 'montant',
  deadline: 'délai',
  article: 'référence',
  court: 'juridiction',
  mention: 'mention',
};

/** French number: « 53,5 ». */
const fr = (n: number): string => String(round2(n)).replace('.', ',');
const signed = (n: number): string => (n > 0 ? `+${fr(n)}` : n < 0 ? `−${fr(-n)}` : '±0');
const plural = (n: number, one: string, many: string): string => (n > 1 ? many : one);

/** The French sentence that sums a comparison up. */
function summarise(c: Omit<Comparison, 'summary'>): string {
  const r = c.resolved.length;
  const i = c.introduced.length;
  const alerts = `${r === 0 ? 'aucune alerte résolue' : `${r} ${plural(r, 'alerte résolue', 'alertes résolues')}`}, ${i === 0 ? 'aucune nouvelle' : `${i} ${plural(i, 'nouvelle', 'nouvelles')}`}`;
  const lost = c.invariants.filter((v) => v.lost);
  let legal = 'aucun élément juridique perdu';
  if (lost.length > 0) {
    const shown = lost.slice(0, 5).map((v) => (v.kind === 'mention' ? `mention « ${v.label} » (${v.detail ?? 'dégradée'})` : `${KIND_LABELS[v.kind]} « ${v.label} »`));
    const more = lost.length > 5 ? ` et ${lost.length - 5} ${plural(lost.length - 5, 'autre', 'autres')}` : '';
    legal = `${lost.length} ${plural(lost.length, 'élément juridique perdu', 'éléments juridiques perdus')} : ${shown.join(', ')}${more}`;
  }
  return `Score ${fr(c.score.before)} → ${fr(c.score.after)} (${signed(c.score.delta)}) ; ${alerts} ; ${legal}.`;
}

/** Invariants of the facts: each distinct fact of `before`, with whether `after` still carries it. */
function factInvariants(before: Report, after: Report): { invariants: Invariant[]; addedFacts: Fact[] } {
  const factsBefore = extractFacts(before.text);
  const factsAfter = extractFacts(after.text);
  const covered = new Map<string, number>();
  for (const f of factsAfter) for (const k of factCovers(f)) covered.set(k, (covered.get(k) ?? 0) + 1);
  const groups = new Map<string, { first: Fact; count: number }>();
  for (const f of factsBefore) {
    const key = factKey(f);
    const g = groups.get(key);
    if (g) g.count += 1;
    else groups.set(key, { first: f, count: 1 });
  }
  const invariants: Invariant[] = [...groups].map(([key, { first, count }]) => {
    const inAfter = covered.get(key) ?? 0;
    return {
      kind: first.kind,
      value: first.value,
      label: first.label,
      before: true,
      after: inAfter > 0,
      lost: inAfter === 0,
      occurrences: { before: count, after: inAfter },
      where: { start: first.start, end: first.end },
    };
  });
  const beforeCovers = new Set(factsBefore.flatMap(factCovers));
  const addedKeys = new Set<string>();
  const addedFacts = factsAfter.filter((f) => {
    const key = factKey(f);
    if (beforeCovers.has(key) || addedKeys.has(key)) return false;
    addedKeys.add(key);
    return true;
  });
  return { invariants, addedFacts };
}

/** Invariants of the mentions: each mention present or partial before; lost when it is worse after. */
function mentionInvariants(before: Report, changes: MentionChange[]): Invariant[] {
  const out: Invariant[] = [];
  for (const c of changes) {
    if (c.before !== 'present' && c.before !== 'partial') continue;
    const lost = c.change === 'worsened';
    const evidence = before.mentions.find((m) => m.id === c.id)?.evidence[0];
    const status = `${MENTION_STATUS_LABELS[c.before] ?? c.before} → ${MENTION_STATUS_LABELS[c.after] ?? c.after}`;
    const missing = c.newlyMissing.map((e) => elementLabel(c.id, e));
    const inv: Invariant = { kind: 'mention', value: c.id, label: c.label, before: true, after: !lost, lost };
    if (lost) inv.detail = missing.length > 0 ? `${status} ; manque : ${missing.join(', ')}` : status;
    if (evidence) inv.where = { start: evidence.start, end: evidence.end };
    out.push(inv);
  }
  return out;
}

/**
 * Compares two Reports of one document (`before`, `after`: typically a heavy letter and its rewrite).
 * Alerts are matched by rule and normalised text, as multisets (never by offset); legal facts are read
 * from each text and matched after normalisation (« 2 mois » = « deux mois », « 03/03/2026 » =
 * « 3 mars 2026 »); `legalRisk` is true when a fact or a mention of `before` is lost in `after`.
 */
export function compareReports(before: Report, after: Report): Comparison {
  const count = (r: Report, c: Category): number => r.alerts.filter((a) => a.category === c).length;
  const categories = CATEGORIES.map((category) => {
    const b = count(before, category);
    const a = count(after, category);
    return { category, before: b, after: a, delta: a - b };
  }).filter((c) => c.before > 0 || c.after > 0);

  const ids = [...new Set([...before.mentions.map((m) => m.id), ...after.mentions.map((m) => m.id)])];
  const mentions = ids.map((id) =>
    mentionChange(
      id,
      before.mentions.find((m) => m.id === id),
      after.mentions.find((m) => m.id === id),
    ),
  );
  const { invariants: facts, addedFacts } = factInvariants(before, after);
  const invariants = [...facts, ...mentionInvariants(before, mentions)];
  const s = (k: keyof Report['stats']): z.infer<typeof Delta> => delta(before.stats[k], after.stats[k]);
  const comparison: Omit<Comparison, 'summary'> = {
    schema: 'clarte/comparison@1',
    score: delta(before.score.value, after.score.value),
    grade: { before: before.score.grade, after: after.score.grade },
    documentType: { before: before.documentType.id, after: after.documentType.id },
    readability: { kandelMoles: delta(before.readability.kandelMoles, after.readability.kandelMoles), lix: delta(before.readability.lix, after.readability.lix) },
    stats: { words: s('words'), sentences: s('sentences'), wordsPerSentence: s('wordsPerSentence'), longSentences: s('longSentences'), passiveSentences: s('passiveSentences') },
    categories,
    ...matchAlerts(before, after),
    mentions,
    invariants,
    addedFacts,
    legalRisk: invariants.some((v) => v.lost),
  };
  return { ...comparison, summary: summarise(comparison) };
}

export { parseFrenchNumber };
