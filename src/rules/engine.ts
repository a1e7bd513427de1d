/** The engine: runs a RuleSet over a Document, renders messages, copies rule metadata, sorts and limits. */
import { lineColumn, type Doc } from '../analysis/document.js';
import type { Alert } from '../model.js';
import type { RuleSet } from './load.js';
import type { DocFacts, Hit } from './types.js';
import type { RuleFile } from './schema.js';

/** Default cap on alerts of one rule in one document, so a pathological text stays readable. */
const DEFAULT_LIMIT = 500;
const SEVERITY_RANK = { error: 0, warning: 1, suggestion: 2 } as const;

/** Fills `{name}` placeholders; `{suggestion}` is the first suggestion, `{suggestions}` all of them quoted. */
export function renderMessage(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) => (vars[name] !== undefined ? String(vars[name]) : all));
}

function toAlert(id: string, rule: RuleFile, hit: Hit, doc: Doc): Alert {
  const match = doc.text.slice(hit.start, hit.end);
  const suggestions = hit.suggestions ?? [];
  const vars: Record<string, string | number> = {
    match: match.length > 80 ? `${match.slice(0, 77)}…` : match,
    suggestion: suggestions[0] ?? '',
    suggestions: suggestions.map((s) => `« ${s} »`).join(' ou '),
    ...(hit.vars ?? {}),
  };
  const template = (hit.message && rule.messages?.[hit.message]) || rule.message;
  const { line, column } = lineColumn(doc, hit.start);
  return {
    rule: id,
    category: rule.category,
    severity: hit.severity ?? rule.severity,
    principle: rule.principle,
    message: renderMessage(template, vars).replace(/\s+/g, ' ').trim(),
    start: hit.start,
    end: hit.end,
    line,
    column,
    match,
    suggestions,
  };
}

/** Runs every rule of the set over the document and returns sorted alerts. */
export function runRules(set: RuleSet, doc: Doc, facts: DocFacts): Alert[] {
  const alerts: Alert[] = [];
  for (const { id, rule, check } of set.rules) {
    const limit = rule.limit ?? DEFAULT_LIMIT;
    let count = 0;
    const push = (hits: Hit[]): void => {
      for (const h of hits) {
        if (count >= limit) return;
        count++;
        alerts.push(toAlert(id, rule, h, doc));
      }
    };
    if (check.scope === 'sentence') for (let i = 0; i < doc.sentences.length && count < limit; i++) push(check.run(doc, i, facts));
    else if (check.scope === 'paragraph') for (let i = 0; i < doc.paragraphs.length && count < limit; i++) push(check.run(doc, i, facts));
    else push(check.run(doc, 0, facts));
  }
  alerts.sort((a, b) => a.start - b.start || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.end - b.end || a.rule.localeCompare(b.rule));
  return alerts;
}
