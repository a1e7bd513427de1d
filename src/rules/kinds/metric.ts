/** Metric: a measure of each sentence, paragraph or the document compared with thresholds per severity. */
import type { Severity } from '../../model.js';
import type { RuleOf } from '../schema.js';
import type { Doc } from '../../analysis/document.js';
import type { Check, KindCompiler } from '../types.js';

type Thresholds = RuleOf<'metric'>['thresholds'];

/** The highest severity whose threshold the value passes, or undefined. */
export function severityFor(value: number, t: Thresholds, direction: 'above' | 'below'): { severity: Severity; threshold: number } | undefined {
  const passes = (th: number | undefined): th is number => th !== undefined && (direction === 'above' ? value > th : value < th);
  if (passes(t.error)) return { severity: 'error', threshold: t.error };
  if (passes(t.warning)) return { severity: 'warning', threshold: t.warning };
  if (passes(t.suggestion)) return { severity: 'suggestion', threshold: t.suggestion };
  return undefined;
}

const round = (v: number): number => Math.round(v * 10) / 10;

export const metric: KindCompiler<'metric'> = (rule) => {
  // Each metric: the block it measures and its value there. A block under `minWords` words is not judged.
  const metrics: Record<RuleOf<'metric'>['metric'], { scope: 'sentence' | 'paragraph'; value: (doc: Doc, i: number) => number }> = {
    'sentence-words': { scope: 'sentence', value: (doc, i) => doc.sentences[i]!.words },
    'sentence-kandel-moles': { scope: 'sentence', value: (doc, i) => doc.measures[i]!.kandelMoles },
    // Paragraph measures count running prose: the items of a list are already laid out for the reader.
    'paragraph-words': { scope: 'paragraph', value: (doc, i) => doc.paragraphs[i]!.proseWords },
    'paragraph-sentences': { scope: 'paragraph', value: (doc, i) => doc.paragraphs[i]!.proseSentences },
  };
  const { scope, value } = metrics[rule.metric];
  const check: Check = {
    scope,
    run(doc, i) {
      const block = scope === 'sentence' ? doc.sentences[i]! : doc.paragraphs[i]!;
      if (block.words < rule.minWords) return [];
      const v = value(doc, i);
      const s = severityFor(v, rule.thresholds, rule.direction);
      return s ? [{ start: block.start, end: block.end, severity: s.severity, vars: { value: round(v), threshold: s.threshold } }] : [];
    },
  };
  return check;
};
