/** The pipeline façade: analyse(input, rules) → Report. Pure; every door (CLI, HTTP, tests) uses it. */
import { createHash } from 'node:crypto';
import { buildDoc, type Doc } from './analysis/document.js';
import { normalizeText } from './analysis/normalize.js';
import { detectLanguage } from './analysis/language.js';
import { kandelMoles, kandelMolesBand, lix, lixBand } from './analysis/readability.js';
import { AppError } from './errors.js';
import { blockAt, type SourceBlock } from './ingest/assemble.js';
import type { PersonalDataMode, Report, Warning } from './model.js';
import { findPersonalData, pseudonymise } from './privacy/personal-data.js';
import { findPersonalDataToStore } from './privacy/second-opinion.js';
import { computeScore } from './report/score.js';
import { runRules, type MentionReading } from './rules/engine.js';
import type { RuleLibrary } from './rules/load.js';

/** What to analyse: text already extracted, with optional provenance. */
export interface AnalysisInput {
  text: string;
  id?: string;
  filename?: string;
  format?: Report['source']['format'];
  bytes?: number;
  sha256?: string;
  pages?: number;
  /** Source map of an extracted document (offsets in `text`); furniture blocks from `bodyEnd` on. */
  blocks?: SourceBlock[];
  bodyEnd?: number;
  /** Warnings of the extraction (unreadable pages…), reported first. */
  warnings?: Warning[];
}

/** Options of one analysis. */
export interface AnalysisOptions {
  profile?: string;
  maxChars?: number;
  /** The document type declared by the caller: it wins over the classifier. */
  documentType?: Report['documentType']['id'];
  /** Count personal data, or replace it by placeholders before anything else (stored versions). */
  personalData?: PersonalDataMode;
}

const LANGUAGE_NAMES: Record<string, string> = { en: 'anglais', de: 'allemand', es: 'espagnol', it: 'italien', pt: 'portugais', nl: 'néerlandais' };

/** Analyses a text with the rules of a profile and returns the Report. */
export function analyse(input: AnalysisInput, library: RuleLibrary, options: AnalysisOptions = {}): Report {
  const profile = options.profile ?? 'lettre';
  const set = library.ruleSet(profile);
  if (options.maxChars !== undefined && input.text.length > options.maxChars) {
    throw new AppError('TOO_LARGE', `Le texte est trop long (${input.text.length} caractères ; maximum ${options.maxChars}).`);
  }
  const extracted = input.format !== undefined && input.format !== 'txt';
  if (!extracted && input.text.trim().length === 0) throw new AppError('EMPTY_DOCUMENT', 'Le document est vide : il ne contient aucun texte à analyser.');
  // Stored versions: personal data replaced first, so that the text, every offset and every message of
  // the report (which may quote the text) are those of the replaced text; the source map follows. What
  // is stored is read by the rules and the learned tagger (second-opinion.ts); a count, by the rules.
  let text = input.text;
  let sourceBlocks = input.blocks;
  let bodyEnd = input.bodyEnd;
  let personalData: Report['personalData'];
  let original: { doc: Doc; text: string; map: (offset: number, side: 'start' | 'end') => number } | undefined;
  if (options.personalData === 'pseudonymise') {
    // Normalised first, so that the offsets of the text before and after replacement map one to one.
    const normal = normalizeText(input.text);
    const same = normal === input.text;
    const p = pseudonymise(normal, findPersonalDataToStore(normal));
    if (p.spans.length) {
      text = p.text;
      sourceBlocks = same ? input.blocks?.map((b) => ({ ...b, start: p.mapOffset(b.start, 'start'), end: p.mapOffset(b.end, 'end') })) : undefined;
      bodyEnd = same && bodyEnd !== undefined ? p.mapOffset(bodyEnd, 'start') : undefined;
      original = { doc: buildDoc(normal, same ? input.bodyEnd : undefined), text: normal, map: p.mapOffset };
    }
    personalData = { pseudonymised: true, found: p.spans.length, counts: p.counts as Record<string, number> };
  }
  const doc = buildDoc(text, bodyEnd);
  // The type and the legal mentions of a stored version are read in its text before replacement (in
  // memory only), their offsets mapped onto the stored text: saving a letter does not change them (a
  // signatory's name replaced by [NOM] would read as a field to complete, a masked name as no name).
  const reading: MentionReading | undefined = original && original.doc.text === original.text && doc.text === text ? { doc: original.doc, map: original.map } : undefined;
  if (options.personalData === 'count') {
    const counts: Record<string, number> = {};
    const spans = findPersonalData(doc.text);
    for (const s of spans) counts[s.type] = (counts[s.type] ?? 0) + 1;
    personalData = { pseudonymised: false, found: spans.length, counts };
  }
  const warnings: Warning[] = [...(input.warnings ?? [])];
  // A pasted or plain text without words is an error; a document that was read (PDF, DOCX, ODT, HTML)
  // but holds no text (only pictures, empty tables, form fields) still gets its report, saying so.
  const noText = doc.sentences.length === 0;
  if (noText && !extracted) throw new AppError('EMPTY_DOCUMENT', 'Le document ne contient aucun mot à analyser.');
  if (noText) {
    warnings.push({
      code: 'NO_TEXT',
      message: 'Le document a été lu mais ne contient aucun texte à analyser (seulement des images, des tableaux vides ou des champs de formulaire) : son score n’a pas de sens.',
    });
  }
  // Extracted text arrives normalised; should normalisation still change it, the offsets of the map would be wrong.
  const blocks = sourceBlocks && doc.text === text ? sourceBlocks : undefined;
  const language = noText ? 'fr' : detectLanguage(doc.text, doc.sentences);
  if (language !== 'fr') {
    warnings.push({
      code: 'NOT_FRENCH',
      message: `Ce texte semble rédigé en ${LANGUAGE_NAMES[language] ?? language}, pas en français : les règles de Clarté sont faites pour le français et leurs résultats n’ont pas de sens ici.`,
    });
  }
  // The type decides which mentions apply: declared by the caller, else classified from the body
  // (merge fields masked, as the mentions read it: one start index for both).
  const typeDoc = reading?.doc ?? doc;
  const type = options.documentType
    ? { id: options.documentType, confidence: 1, evidence: [] }
    : library.documentTypes.classify(typeDoc.masked.slice(0, typeDoc.bodyEnd));
  const mapSpan = (r: { start: number; end: number }): { start: number; end: number } => {
    if (!reading) return r;
    const start = reading.map(r.start, 'start');
    return { start, end: Math.max(start, reading.map(r.end, 'end')) };
  };
  if (reading) type.evidence = type.evidence.map(mapSpan);
  const facts = { documentType: type.id };
  const run = runRules(set, doc, facts, reading);
  const alerts = run.alerts;
  if (blocks) {
    for (const a of alerts) {
      const i = blockAt(blocks, a.start);
      if (i < 0) continue;
      a.paragraph = i + 1;
      const page = blocks[i]!.page;
      if (page !== undefined) a.page = page;
    }
  }
  const mentions = set.rules.flatMap((r) => {
    if (!r.check.mention) return [];
    const m = r.check.mention(typeDoc, facts);
    return [reading ? { ...m, evidence: m.evidence.map(mapSpan) } : m];
  });

  let words = 0;
  let syllables = 0;
  let longWords = 0;
  let rare = 0;
  let content = 0;
  let verbs = 0;
  for (const m of doc.measures) {
    content += m.contentWords;
    verbs += m.verbs;
    words += m.words;
    syllables += m.syllables;
    longWords += m.longWords;
    rare += m.rareWords;
  }
  const nSent = doc.sentences.length;
  const km = kandelMoles(words, nSent, syllables);
  const lx = lix(words, nSent, longWords);
  const rareShare = content ? rare / content : 0;
  const verbShare = words ? verbs / words : 0;
  const round = (v: number, d = 1): number => Math.round(v * 10 ** d) / 10 ** d;
  const source: Report['source'] = {
    format: input.format ?? 'txt',
    bytes: input.bytes ?? Buffer.byteLength(input.text, 'utf8'),
    sha256: input.sha256 ?? createHash('sha256').update(input.text, 'utf8').digest('hex'),
  };
  if (input.filename !== undefined) source.filename = input.filename;
  if (input.pages !== undefined) source.pages = input.pages;
  const report: Report = {
    schema: 'clarte/report@1',
    source,
    profile,
    language,
    warnings,
    text: doc.text,
    paragraphs: doc.paragraphs.map((p) => ({ start: p.start, end: p.end })),
    sentences: doc.sentences.map((s) => ({ start: s.start, end: s.end })),
    ...(blocks ? { blocks } : {}),
    stats: {
      words,
      sentences: nSent,
      paragraphs: doc.paragraphs.length,
      syllables,
      wordsPerSentence: nSent ? round(words / nSent) : 0,
      longSentences: run.longSentences,
      passiveSentences: run.passiveSentences,
    },
    readability: {
      kandelMoles: round(km),
      lix: round(lx),
      kandelMolesBand: kandelMolesBand(km),
      lixBand: lixBand(lx),
      rareWordShare: round(rareShare, 3),
      verbShare: round(verbShare, 3),
    },
    score: noText ? { value: 0, grade: 'E', parts: {} } : computeScore(run.weights, words, { kandelMoles: km, rareShare, verbShare }),
    documentType: { id: type.id, confidence: type.confidence, evidence: type.evidence },
    mentions,
    alerts,
  };
  if (personalData) report.personalData = personalData;
  if (input.id !== undefined) report.id = input.id;
  return report;
}
