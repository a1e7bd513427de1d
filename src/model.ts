/** The Report and its parts: zod schemas are the single source of truth for types and validation. */
import { z } from 'zod';
import { BLOCK_KINDS } from './ingest/types.js';

/** Stable category ids (CONTRACT.md). */
export const CATEGORIES = [
  'sentence-length',
  'paragraph-length',
  'passive-voice',
  'jargon',
  'nominalisation',
  'impersonal',
  'acronym',
  'negation',
  'formula',
  'typography',
  'readability',
  'mention',
] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const SEVERITIES = ['suggestion', 'warning', 'error'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

/** ISO 24495-1 principles. */
export const Principle = z.enum(['relevant', 'findable', 'understandable', 'usable']);
export type Principle = z.infer<typeof Principle>;

export const DOCUMENT_TYPES = [
  'accuse-reception',
  'demande-pieces',
  'decision-favorable',
  'decision-defavorable',
  'information',
  'formulaire',
  'autre',
] as const;
export const DocumentTypeId = z.enum(DOCUMENT_TYPES);
/** A document type id. */
export type DocumentTypeId = z.infer<typeof DocumentTypeId>;

export const MENTION_IDS = [
  'recourse',
  'agent-identity',
  'signature',
  'motivation',
  'receipt',
  'missing-documents',
  'contact',
  'processing-time',
  'personal-data',
  'algorithm',
] as const;

export const Span = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });
export type Span = z.infer<typeof Span>;

export const SourceBlock = z.object({
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  kind: z.enum(BLOCK_KINDS),
  page: z.number().int().min(1).optional(),
});

export const Alert = z.object({
  rule: z.string(),
  category: Category,
  severity: Severity,
  principle: Principle,
  message: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  match: z.string(),
  suggestions: z.array(z.string()),
  page: z.number().int().min(1).optional(),
  /** 1-based index of the block of the original (paragraph, heading, list item, cell…) holding the alert. */
  paragraph: z.number().int().min(1).optional(),
});
export type Alert = z.infer<typeof Alert>;

export const Mention = z.object({
  id: z.string(),
  status: z.enum(['present', 'partial', 'missing', 'not-applicable']),
  missing: z.array(z.string()),
  evidence: z.array(Span),
  source: z.string(),
  consequence: z.string().optional(),
  /** Elements a template leaves to fill in: a merge field stands where they belong ("à compléter"). */
  toComplete: z.array(z.string()).optional(),
  /** Known defects found (for example `unnamed-court`), each explained in the mention's alert. */
  defects: z.array(z.string()).optional(),
});
export type Mention = z.infer<typeof Mention>;

export const Warning = z.object({ code: z.string(), message: z.string() });
export type Warning = z.infer<typeof Warning>;

export const Report = z.object({
  schema: z.literal('clarte/report@1'),
  id: z.string().optional(),
  source: z.object({
    filename: z.string().optional(),
    format: z.enum(['pdf', 'docx', 'odt', 'html', 'txt']),
    bytes: z.number().int().min(0),
    sha256: z.string(),
    pages: z.number().int().min(1).optional(),
  }),
  profile: z.string(),
  language: z.string(),
  warnings: z.array(Warning),
  text: z.string(),
  paragraphs: z.array(Span),
  sentences: z.array(Span),
  /** Source map of an uploaded document: its blocks in the text, with kind and page; headers and footers last. */
  blocks: z.array(SourceBlock).optional(),
  stats: z.object({
    words: z.number().int().min(0),
    sentences: z.number().int().min(0),
    paragraphs: z.number().int().min(0),
    syllables: z.number().int().min(0),
    wordsPerSentence: z.number().min(0),
    longSentences: z.number().int().min(0),
    passiveSentences: z.number().int().min(0),
  }),
  readability: z.object({
    kandelMoles: z.number(),
    lix: z.number(),
    kandelMolesBand: z.string(),
    lixBand: z.string(),
    rareWordShare: z.number().min(0).max(1),
    /** Share of words that are conjugated verbs: a low share is a nominal, heavier style. */
    verbShare: z.number().min(0).max(1),
  }),
  score: z.object({
    value: z.number().min(0).max(100),
    grade: z.enum(['A', 'B', 'C', 'D', 'E']),
    parts: z.record(z.string(), z.number()),
  }),
  documentType: z.object({ id: DocumentTypeId, confidence: z.number().min(0).max(1), evidence: z.array(Span) }),
  mentions: z.array(Mention),
  alerts: z.array(Alert),
  /**
   * Personal data found in the text (src/privacy/): counts by type; `pseudonymised` when each item
   * was replaced by its typed placeholder ([NIR], [NOM]…) before the analysis, as every stored
   * version is, so that the text and every offset of the report are those of the replaced text.
   */
  personalData: z
    .object({
      pseudonymised: z.boolean(),
      found: z.number().int().min(0),
      counts: z.record(z.string(), z.number().int().min(0)),
    })
    .optional(),
});
export type Report = z.infer<typeof Report>;

/** What an analysis does with personal data: count it (ephemeral analyses) or replace it (stored ones). */
export type PersonalDataMode = 'count' | 'pseudonymise';
