/** The engine: runs a RuleSet over a Document, renders messages, copies rule metadata, sorts and limits. */
import { lineColumn, type Doc } from '../analysis/document.js';
import type { Alert, Category } from '../model.js';
import { SEVERITY_WEIGHT } from '../report/score.js';
import type { RuleSet } from './load.js';
import type { DocFacts, Hit } from './types.js';
import type { RuleFile } from './schema.js';

/** Default cap on alerts of one rule in one document, so a pathological text stays readable. */
const DEFAULT_LIMIT = 500;
const SEVERITY_RANK = { error: 0, warning: 1, suggestion: 2 } as const;
/** Longest `match` copied into an alert. */
const MAX_MATCH = 500;

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
  // A block-long match (a long paragraph) is shortened: the offsets still give the whole span.
  const match = hit.end - hit.start > MAX_MATCH ? `${doc.text.slice(hit.start, hit.start + MAX_MATCH - 1)}…` : doc.text.slice(hit.start, hit.end);
  const suggestions = hit.suggestions ?? [];
  const parts = partsOf((hit.message && rule.messages?.[hit.message]) || rule.message);
  let message = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    let value: string | number | undefined = hit.vars && Object.hasOwn(hit.vars, name) ? hit.vars[name] : undefined;
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

/** What the rules found: the alerts to show (capped per rule) and tallies over every hit (not capped). */
export interface RuleRun {
  alerts: Alert[];
  /** Severity weights of all hits, by category, for the score. */
  weights: Map<Category, number>;
  /** Sentences with at least one passive or one long-sentence hit. */
  passiveSentences: number;
  longSentences: number;
}

/**
 * Another version of the document that the mention rules read in its place, with the map of its offsets
 * onto the document: a stored version's text before its personal data was replaced. Hits are found in
 * `doc` of the reading and rendered against the document (its text, lines, quoted match).
 */
export interface MentionReading {
  doc: Doc;
  map(offset: number, side: 'start' | 'end'): number;
}

/** Runs every rule of the set over the document: sorted alerts, and counts that the cap does not bias. */
export function runRules(set: RuleSet, doc: Doc, facts: DocFacts, mentions?: MentionReading): RuleRun {
  const alerts: Alert[] = [];
  const weights = new Map<Category, number>();
  const passive = new Set<number>();
  const long = new Set<number>();
  for (const { id, rule, check } of set.rules) {
    const limit = rule.limit ?? DEFAULT_LIMIT;
    let count = 0;
    let weight = 0;
    const push = (hits: Hit[], sentence: number): void => {
      for (const h of hits) {
        weight += SEVERITY_WEIGHT[h.severity ?? rule.severity];
        if (sentence >= 0 && rule.category === 'passive-voice') passive.add(sentence);
        if (sentence >= 0 && rule.category === 'sentence-length') long.add(sentence);
        if (count < limit) {
          count++;
          alerts.push(toAlert(id, rule, h, doc));
        }
      }
    };
    if (check.scope === 'sentence') for (let i = 0; i < doc.sentences.length; i++) push(check.run(doc, i, facts), i);
    else if (check.scope === 'paragraph') for (let i = 0; i < doc.paragraphs.length; i++) push(check.run(doc, i, facts), -1);
    else if (mentions && check.mention) {
      const hits = check.run(mentions.doc, 0, facts);
      for (const h of hits) {
        h.start = mentions.map(h.start, 'start');
        h.end = Math.max(h.start, mentions.map(h.end, 'end'));
      }
      push(hits, -1);
    } else push(check.run(doc, 0, facts), -1);
    if (weight > 0) weights.set(rule.category, (weights.get(rule.category) ?? 0) + weight);
  }
  alerts.sort((a, b) => a.start - b.start || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.end - b.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return { alerts, weights, passiveSentences: passive.size, longSentences: long.size };
}
