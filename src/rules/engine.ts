/** The engine: runs a RuleSet over a Document, renders messages, copies rule metadata, sorts and limits. */
import { lineColumn, type Doc } from '../analysis/document.js';
import type { Alert } from '../model.js';
import type { RuleSet } from './load.js';
import type { DocFacts, Hit } from './types.js';
import type { RuleFile } from './schema.js';

/** Default cap on alerts of one rule in one document, so a pathological text stays readable. */
const DEFAULT_LIMIT = 500;
const SEVERITY_RANK = { error: 0, warning: 1, suggestion: 2 } as const;

// Templates split once into literal text (even indexes) and variable names (odd indexes);
// `{match}` is the matched text, `{suggestion}` the first suggestion, `{suggestions}` all of them quoted.
const templateParts = new Map<string, string[]>();

function partsOf(template: string): string[] {
  let parts = templateParts.get(template);
  if (!parts) {
    parts = template.replace(/\s+/g, ' ').trim().split(/\{(\w+)\}/);
    templateParts.set(template, parts);
  }
  return parts;
}

function toAlert(id: string, rule: RuleFile, hit: Hit, doc: Doc): Alert {
  const match = doc.text.slice(hit.start, hit.end);
  const suggestions = hit.suggestions ?? [];
  const parts = partsOf((hit.message && rule.messages?.[hit.message]) || rule.message);
  let message = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    let value: string | number | undefined = hit.vars?.[name];
    if (value === undefined) {
      if (name === 'match') value = (match.length > 80 ? `${match.slice(0, 77)}…` : match).replace(/\s+/g, ' ');
      else if (name === 'suggestion') value = suggestions[0] ?? '';
      else if (name === 'suggestions') value = suggestions.map((x) => `« ${x} »`).join(' ou ');
    }
    message += (value === undefined ? `{${name}}` : String(value)) + parts[i + 1]!;
  }
  const { line, column } = lineColumn(doc, hit.start);
  return {
    rule: id,
    category: rule.category,
    severity: hit.severity ?? rule.severity,
    principle: rule.principle,
    message,
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
