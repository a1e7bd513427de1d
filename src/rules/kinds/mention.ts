/** Mention: a required mention made of named elements, applying to given document types (filled by the mentions issue). */
import type { Mention } from '../../model.js';
import { compilePatterns } from './existence.js';
import type { Hit, KindCompiler } from '../types.js';

export const mention: KindCompiler<'mention'> = (rule) => {
  const elements = rule.elements.map((e) => ({ ...e, re: compilePatterns(e.patterns, false, true) }));
  const status = (text: string, documentType: string): Mention => {
    const base = { id: rule.mention, source: rule.source, consequence: rule.consequence };
    if (!rule.appliesTo.includes(documentType as never)) return { ...base, status: 'not-applicable', missing: [], evidence: [] };
    const evidence: { start: number; end: number }[] = [];
    const missing: string[] = [];
    let found = 0;
    for (const e of elements) {
      e.re.lastIndex = 0;
      const m = e.re.exec(text);
      if (m) {
        found++;
        evidence.push({ start: m.index, end: m.index + m[0].length });
      } else if (!e.optional) missing.push(e.id);
    }
    const st = missing.length === 0 ? 'present' : found === 0 ? 'missing' : 'partial';
    return { ...base, status: st, missing, evidence };
  };
  // The engine asks for the alert and the report for the status: compute it once per document.
  const seen = new WeakMap<object, Mention>();
  const statusOf = (doc: { text: string }, documentType: string): Mention => {
    let m = seen.get(doc);
    if (!m) seen.set(doc, (m = status(doc.text, documentType)));
    return m;
  };
  return {
    scope: 'document',
    mention: (doc, facts) => statusOf(doc, facts.documentType),
    run(doc, _i, facts) {
      const m = statusOf(doc, facts.documentType);
      if (m.status !== 'missing' && m.status !== 'partial') return [];
      const labels = rule.elements.filter((e) => m.missing.includes(e.id)).map((e) => e.label);
      const at = m.evidence[0] ?? { start: 0, end: Math.min(doc.text.length, doc.sentences[0]?.end ?? 0) };
      const hit: Hit = { start: at.start, end: at.end, vars: { missing: labels.join(', '), consequence: rule.consequence }, suggestions: [] };
      if (m.status === 'missing') hit.message = 'missing';
      return [hit];
    },
  };
};
