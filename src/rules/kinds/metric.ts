/** Metric: a measure of each sentence, paragraph or the document compared with thresholds per severity. */
import type { Severity } from '../../model.js';
import type { RuleOf } from '../schema.js';
import type { Check, Hit, KindCompiler } from '../types.js';

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
  const judge = (value: number, start: number, end: number, extra: Record<string, number> = {}): Hit[] => {
    const s = severityFor(value, rule.thresholds, rule.direction);
    return s ? [{ start, end, severity: s.severity, vars: { value: round(value), threshold: s.threshold, ...extra } }] : [];
  };
  const checks: Record<RuleOf<'metric'>['metric'], Check> = {
    'sentence-words': {
      scope: 'sentence',
      run: (doc, i) => judge(doc.sentences[i]!.words, doc.sentences[i]!.start, doc.sentences[i]!.end),
    },
    'sentence-kandel-moles': {
      scope: 'sentence',
      run: (doc, i) => {
        const m = doc.measures[i]!;
        if (m.words < rule.minWords) return [];
        return judge(m.kandelMoles, doc.sentences[i]!.start, doc.sentences[i]!.end);
      },
    },
    'paragraph-words': {
      scope: 'paragraph',
      run: (doc, i) => judge(doc.paragraphs[i]!.words, doc.paragraphs[i]!.start, doc.paragraphs[i]!.end),
    },
    'paragraph-sentences': {
      scope: 'paragraph',
      run: (doc, i) => {
        const p = doc.paragraphs[i]!;
        if (p.words < rule.minWords) return [];
        return judge(p.endSentence - p.firstSentence, p.start, p.end);
      },
    },
  };
  return checks[rule.metric];
};
