/**
 * Mention: a mention the law or the service commitments require (recourse, agent identity, signature,
 * motivation…), made of named elements, for the document types it applies to. Elements are looked for
 * in the whole text (headers and footers included) or in a zone (the paragraphs that speak of the
 * subject, or the last paragraphs for a signature); a template's merge field where an element belongs
 * counts as the element, to be completed. Known defects ("le tribunal compétent", a deadline counted
 * from the letter's date) give their own message. One alert per missing or partial mention.
 */
import type { Doc } from '../../analysis/document.js';
import { PLACEHOLDER_MASK, hasPlaceholder } from '../../analysis/placeholders.js';
import type { Mention } from '../../model.js';
import { PatternRegex } from '../pattern.js';
import type { Hit, KindCompiler } from '../types.js';

interface Range {
  start: number;
  end: number;
}

/**
 * Compiles element patterns into one regex: a match starts at a word edge (or a line start) but may
 * end anywhere (a pattern may stop inside a date or a list item's first word).
 */
const compile = (patterns: string[], caseSensitive = false): PatternRegex => new PatternRegex(patterns, { caseSensitive });

/** Patterns may say {placeholder} where a template's merge field can stand: they read the masked text. */
export function expandPlaceholders(patterns: string[]): string[] {
  return patterns.map((p) => p.replaceAll('{placeholder}', `${PLACEHOLDER_MASK}+`));
}

/**
 * The matches of a regex inside a range. A whole-text range, or a pattern that looks behind (it must
 * see the text before the range), is searched in the text itself; any other range is sliced, so that
 * the search stops at its end.
 */
function* matchesIn(re: PatternRegex, text: string, r: Range): Generator<Range> {
  if ((r.start === 0 && r.end === text.length) || re.looksBehind) {
    for (const m of re.matches(text, r.start)) {
      if (m.index >= r.end) return;
      const end = m.index + m[0].length;
      if (end <= r.end) yield { start: m.index, end };
    }
    return;
  }
  for (const m of re.matches(text.slice(r.start, r.end))) yield { start: r.start + m.index, end: r.start + m.index + m[0].length };
}

/** All match spans of a regex in the ranges. */
function allMatches(re: PatternRegex, text: string, ranges: Range[]): Range[] {
  const out: Range[] = [];
  for (const r of ranges) out.push(...matchesIn(re, text, r));
  return out;
}

/**
 * The first match in the ranges of the letter, else in another reading of a part that lies in them
 * (a table's cells joined, an indented paragraph's lines joined: readings.ts), mapped back to the
 * letter's offsets.
 */
function find(re: PatternRegex, doc: Doc, ranges: Range[], unless?: PatternRegex): Range | undefined {
  const hit = firstMatch(re, doc.masked, ranges, unless);
  if (hit || doc.readings.length === 0) return hit;
  for (const t of doc.readings) {
    if (!ranges.some((r) => t.start < r.end && r.start < t.end)) continue;
    const m = firstMatch(re, t.text, [{ start: 0, end: t.text.length }], unless);
    if (!m) continue;
    const a = t.map[m.start]!;
    const b = t.map[m.end - 1]! + 1;
    return { start: Math.min(a, b - 1), end: Math.max(b, a + 1) };
  }
  return undefined;
}

/**
 * The first match in the ranges that no `unless` span overlaps. The disqualifying wordings are read in
 * the whole text: one may begin before a range (« Instruction : deux mois », a zone sentence that starts
 * at « deux mois »).
 */
function firstMatch(re: PatternRegex, text: string, ranges: Range[], unless?: PatternRegex): Range | undefined {
  const bad = unless ? allMatches(unless, text, [{ start: 0, end: text.length }]) : [];
  for (const r of ranges) {
    for (const hit of matchesIn(re, text, r)) {
      if (!bad.some((b) => hit.start < b.end && b.start < hit.end)) return hit;
    }
  }
  return undefined;
}

export const mention: KindCompiler<'mention'> = (rule) => {
  // A defect or a lone missing element speaks for itself; the rule may still word these messages.
  rule.messages = { defect: '{defect}', element: '{element}', ...rule.messages };
  const elements = rule.elements.map((e) => ({
    ...e,
    re: compile(expandPlaceholders(e.patterns), e.caseSensitive),
    unless: e.unless ? compile(expandPlaceholders(e.unless)) : undefined,
  }));
  const defects = (rule.defects ?? []).map((d) => ({ ...d, re: compile(d.patterns) }));
  const when = Object.fromEntries(Object.entries(rule.when ?? {}).map(([type, pats]) => [type, compile(pats)]));
  const zone = rule.zone?.patterns ? compile(rule.zone.patterns) : undefined;
  const designated = rule.designated ? compile(rule.designated) : undefined;
  const appended = rule.zone?.appended ? compile(rule.zone.appended) : undefined;

  /** Where the elements are looked for. */
  const rangesOf = (doc: Doc): Range[] => {
    const paras = doc.paragraphs;
    const last = rule.zone?.last;
    if (last !== undefined) {
      const tail = paras.slice(-last);
      // An annex after the letter (in its second half): the letter's own last paragraphs come before it.
      const at = appended ? paras.findIndex((p, i) => i >= paras.length / 2 && appended.test(doc.masked.slice(p.start, p.end))) : -1;
      const before = at > 0 ? paras.slice(Math.max(0, at - last), at).filter((p) => !tail.includes(p)) : [];
      return [...before, ...tail].map((p) => ({ start: p.start, end: p.end }));
    }
    if (!zone) return [{ start: 0, end: doc.text.length }];
    // Zone units are paragraphs (or sentences); with `spill`, a unit brings the next one or the next N
    // (a heading and its paragraph, a data-protection block written as questions).
    const units = rule.zone?.unit === 'sentence' ? doc.sentences : paras;
    const out: Range[] = [];
    for (let i = 0; i < units.length; i++) {
      const u = units[i]!;
      if (!zone.test(doc.masked.slice(u.start, u.end))) continue;
      const spill = rule.zone?.spill === true ? 1 : rule.zone?.spill || 0;
      const last = units[Math.min(units.length - 1, i + spill)]!;
      const r = { start: u.start, end: Math.max(u.end, last.end) };
      const prev = out[out.length - 1];
      if (prev && r.start <= prev.end) prev.end = Math.max(prev.end, r.end);
      else out.push(r);
    }
    return out;
  };

  const status = (doc: Doc, documentType: string): Mention & { at?: Range; defectMessage?: string; missingMessage?: string } => {
    const base = { id: rule.mention, source: rule.source, consequence: rule.consequence };
    const notApplicable = (): Mention => ({ ...base, status: 'not-applicable', missing: [], evidence: [] });
    if (!rule.appliesTo.includes(documentType as never)) return notApplicable();
    const cond = when[documentType] ?? when['*'];
    if (cond) {
      if (!cond.test(doc.masked)) return notApplicable();
    }
    const ranges = rangesOf(doc);
    const evidence: Range[] = [];
    const missing: string[] = [];
    const toComplete: string[] = [];
    let found = 0;
    let required = 0;
    for (const e of elements) {
      // A disqualifying wording ("le tribunal compétent", a silence delay) voids the matches it overlaps.
      const m = find(e.re, doc, ranges, e.unless);
      const owed = !e.optional;
      if (owed) required++;
      if (m) {
        if (owed) found++;
        evidence.push(m);
        if (hasPlaceholder(doc.text.slice(m.start, m.end))) toComplete.push(e.id);
      } else if (owed) missing.push(e.id);
    }
    const need = rule.atLeast ?? required;
    // Without any of its key elements (an agent's name or role), the mention is missing, whatever else
    // is found, unless its holder is designated all the same (an agent by surname only: partial).
    const holder = designated && found < need ? find(designated, doc, ranges) : undefined;
    if (holder) evidence.push(holder);
    const keyless = rule.key !== undefined && !holder && rule.key.every((k) => missing.includes(k));
    const st = found >= need ? 'present' : found === 0 || keyless ? 'missing' : 'partial';
    const out: Mention & { at?: Range; defectMessage?: string; missingMessage?: string } = {
      ...base,
      status: st,
      missing: st === 'present' ? [] : missing,
      evidence: evidence.sort((a, b) => a.start - b.start),
    };
    if (toComplete.length) out.toComplete = toComplete;
    // The alert of an incompletely designated holder goes where it is designated.
    if (holder) out.at = holder;
    if (st !== 'present') {
      for (const d of defects) {
        if (d.element && !missing.includes(d.element)) continue;
        const hit = find(d.re, doc, zone || rule.zone?.last !== undefined ? (ranges.length ? ranges : [{ start: 0, end: doc.bodyEnd }]) : ranges);
        if (hit) {
          out.defects = [...(out.defects ?? []), d.id];
          out.at ??= hit;
          out.defectMessage ??= d.message;
        }
      }
      const single = missing.length === 1 ? elements.find((e) => e.id === missing[0])?.missingMessage : undefined;
      if (single && st === 'partial') out.missingMessage = single;
      // A signature belongs at the end; a zone's alert goes on its first paragraph.
      const anchor = rule.zone?.last !== undefined ? ranges[ranges.length - 1] : zone ? ranges[0] : undefined;
      if (anchor) out.at ??= { start: anchor.start, end: Math.min(anchor.end, anchor.start + 200) };
      // Else next to what was found (the one contact channel given), else on the first sentence.
      out.at ??= out.evidence[0];
    }
    return out;
  };

  // The engine asks for the alert and the report for the status, in the same analysis: compute it once
  // per document. (The last document only: a WeakMap entry per document kept its status alive across
  // young-generation collections, into the old generation.)
  let lastDoc: Doc | null = null;
  let lastStatus: ReturnType<typeof status> | null = null;
  const statusOf = (doc: Doc, documentType: string): ReturnType<typeof status> => {
    if (doc !== lastDoc || !lastStatus) {
      lastStatus = status(doc, documentType);
      lastDoc = doc;
    }
    return lastStatus;
  };
  return {
    scope: 'document',
    mention: (doc, facts) => {
      const { at: _at, defectMessage: _d, missingMessage: _m, ...m } = statusOf(doc, facts.documentType);
      return m;
    },
    run(doc, _i, facts) {
      const m = statusOf(doc, facts.documentType);
      if (m.status !== 'missing' && m.status !== 'partial') return [];
      const labels = rule.elements.filter((e) => m.missing.includes(e.id)).map((e) => e.label);
      // Placed where the mention belongs (its defect, its zone), else on the first sentence.
      const firstSentence = doc.sentences[0];
      const at = m.at ?? { start: firstSentence?.start ?? 0, end: firstSentence?.end ?? Math.min(doc.text.length, 1) };
      const hit: Hit = { start: at.start, end: at.end, vars: { missing: labels.join(', '), consequence: rule.consequence }, suggestions: [] };
      if (m.defectMessage) hit.vars = { ...hit.vars, defect: m.defectMessage };
      if (m.defectMessage) hit.message = 'defect';
      else if (m.missingMessage) {
        hit.vars = { ...hit.vars, element: m.missingMessage };
        hit.message = 'element';
      } else if (m.status === 'missing') hit.message = 'missing';
      return [hit];
    },
  };
};
