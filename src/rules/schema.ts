/** Rule and profile files: zod schemas validated at start-up (a bad file stops the process, naming file and field). */
import { z } from 'zod';
import { Category, DocumentTypeId, Principle, Severity } from '../model.js';

const BadExample = z.object({
  text: z.string().regex(/\[\[[^\]]+\]\]/, 'doit marquer la zone attendue entre [[ et ]]'),
  suggestions: z.array(z.string()).optional(),
  profile: z.string().optional(),
  /** The document type the example is analysed as (mentions depend on it). */
  type: DocumentTypeId.optional(),
  /** Mention rules: the elements the example lacks (the mention's `missing`), checked by the tests. */
  missing: z.array(z.string()).optional(),
});
const GoodExample = z.union([z.string(), z.object({ text: z.string(), profile: z.string().optional(), type: DocumentTypeId.optional() })]);

const Thresholds = z
  .object({ suggestion: z.number().optional(), warning: z.number().optional(), error: z.number().optional() })
  .refine((t) => t.suggestion !== undefined || t.warning !== undefined || t.error !== undefined, 'au moins un seuil');

const common = {
  category: Category,
  severity: Severity,
  principle: Principle,
  message: z.string().min(1),
  messages: z.record(z.string(), z.string().min(1)).optional(),
  description: z.string().min(1),
  source: z.string().min(1),
  link: z.string().url().optional(),
  enabled: z.boolean().default(true),
  limit: z.number().int().positive().optional(),
  examples: z.object({ bad: z.array(BadExample).min(1), good: z.array(GoodExample).min(1) }),
};

const Existence = z.object({
  kind: z.literal('existence'),
  ...common,
  scope: z.enum(['sentence', 'paragraph', 'document']).default('sentence'),
  patterns: z.array(z.string().min(1)).min(1),
  caseSensitive: z.boolean().default(false),
  wordBoundaries: z.boolean().default(true),
  suggestions: z.array(z.string()).default([]),
});

const Substitution = z
  .object({
    kind: z.literal('substitution'),
    ...common,
    lexicon: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
    entries: z.record(z.string(), z.union([z.string(), z.array(z.string()).min(1)])).optional(),
    glossSeverity: Severity.default('suggestion'),
  })
  .refine((r) => r.lexicon !== undefined || r.entries !== undefined, { message: 'lexicon ou entries requis', path: ['lexicon'] });

export const METRICS = ['sentence-words', 'paragraph-words', 'paragraph-sentences', 'sentence-kandel-moles'] as const;

const Metric = z.object({
  kind: z.literal('metric'),
  ...common,
  metric: z.enum(METRICS),
  thresholds: Thresholds,
  direction: z.enum(['above', 'below']).default('above'),
  minWords: z.number().int().min(0).default(0),
});

const Passive = z.object({
  kind: z.literal('passive'),
  ...common,
  stativeSeverity: Severity.default('suggestion'),
});

const Acronym = z.object({
  kind: z.literal('acronym'),
  ...common,
  registry: z.union([z.string(), z.array(z.string()).min(1)]),
  unknown: z.boolean().default(true),
  unknownSeverity: Severity.default('suggestion'),
});

const MentionElement = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  /** Wordings of the element; {placeholder} stands for a template's merge field. */
  patterns: z.array(z.string().min(1)).min(1),
  /** Wordings that void a match they overlap ("le tribunal compétent" is no named court). */
  unless: z.array(z.string().min(1)).optional(),
  optional: z.boolean().default(false),
  /** Capitals matter (a name written « Claire DURAND »). */
  caseSensitive: z.boolean().default(false),
  /** The message when this element alone is missing. */
  missingMessage: z.string().min(1).optional(),
});

const MentionDefect = z.object({
  id: z.string().min(1),
  /** The element the defect stands in for (looked for only when that element is missing). */
  element: z.string().min(1).optional(),
  patterns: z.array(z.string().min(1)).min(1),
  message: z.string().min(1),
});

const Mention = z.object({
  kind: z.literal('mention'),
  ...common,
  mention: z.string().min(1),
  appliesTo: z.array(DocumentTypeId).min(1),
  /** Per document type ('*' for any), wordings one of which must be present for the mention to apply. */
  when: z.record(z.string(), z.array(z.string().min(1)).min(1)).optional(),
  /** Where the elements are looked for: paragraphs matching `patterns` (and the next one with `spill`), or the `last` N paragraphs. */
  zone: z
    .object({
      patterns: z.array(z.string().min(1)).optional(),
      unit: z.enum(['sentence', 'paragraph']).default('paragraph'),
      last: z.number().int().positive().optional(),
      /**
       * With `last`: paragraphs that open an appended part (an annex, a notice after the letter); the
       * last N paragraphs before the first of them are read too (the letter ends there).
       */
      appended: z.array(z.string().min(1)).optional(),
      /** A matching unit brings the next one (true) or the next N (a data-protection block in several paragraphs). */
      spill: z.union([z.boolean(), z.number().int().min(0).max(20)]).default(false),
    })
    .optional(),
  /** Elements without any of which the mention counts as missing (not partial). */
  key: z.array(z.string().min(1)).optional(),
  /**
   * Wordings that designate the mention's holder, if incompletely (an agent by surname only): with
   * one, a mention without its key elements is partial, not missing.
   */
  designated: z.array(z.string().min(1)).optional(),
  elements: z.array(MentionElement).min(1),
  /** Present when at least this many elements are found (e.g. two contact channels). */
  atLeast: z.number().int().positive().optional(),
  defects: z.array(MentionDefect).optional(),
  consequence: z.string().min(1),
});

/** A rule file as written in rules/ (the id is the file name). */
export const RuleFile = z.discriminatedUnion('kind', [Existence, Substitution, Metric, Passive, Acronym, Mention]);
export type RuleFile = z.infer<typeof RuleFile>;
export type RuleKindName = RuleFile['kind'];
export type RuleOf<K extends RuleKindName> = Extract<RuleFile, { kind: K }>;

/** The document-type classifier's data (rules/types/*.yaml). */
export const TypeSignalsFile = z
  .object({
    threshold: z.number().positive().optional(),
    types: z.record(
      DocumentTypeId,
      z.object({
        label: z.string().min(1),
        signals: z
          .array(
            z.object({
              pattern: z.string().min(1).refine((p) => {
                try {
                  new RegExp(p, 'u');
                  return true;
                } catch {
                  return false;
                }
              }, 'expression régulière invalide'),
              weight: z.number(),
            }),
          )
          .min(1),
      }),
    ),
  })
  .strict();
export type TypeSignalsFile = z.infer<typeof TypeSignalsFile>;

/** Per-rule override in a profile. */
export const RuleOverride = z
  .object({ enabled: z.boolean().optional(), severity: Severity.optional(), thresholds: Thresholds.optional(), minWords: z.number().int().min(0).optional() })
  .strict();

/** A profile file (rules/profils/NAME.yaml). */
export const ProfileFile = z.object({
  label: z.string().min(1),
  description: z.string().min(1),
  rules: z.record(z.string(), RuleOverride).default({}),
});
export type ProfileFile = z.infer<typeof ProfileFile>;

/** Formats zod issues as "champ : message" lines in French-friendly form. */
export function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(racine)'} : ${i.message}`).join('; ');
}
