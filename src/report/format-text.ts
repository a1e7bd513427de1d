/**
 * The terminal format of a Report: summary, then alerts grouped by category with their place (line:column
 * for text; page and paragraph, « p.2 §14 », for an uploaded document) and the span marked.
 */
import type { Alert, Report } from '../model.js';
import { CATEGORY_LABELS, DOCUMENT_TYPE_LABELS, MENTION_LABELS, MENTION_STATUS_LABELS, PERSONAL_DATA_LABELS, SEVERITY_LABELS } from './labels.js';
import { SCORE_PARTS } from './score.js';

interface Style {
  bold(s: string): string;
  dim(s: string): string;
  mark(s: string): string;
  sev(sev: Alert['severity'], s: string): string;
}

const plain: Style = { bold: (s) => s, dim: (s) => s, mark: (s) => `⟦${s}⟧`, sev: (_v, s) => s };
const ansi: Style = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  mark: (s) => `\x1b[4;1m${s}\x1b[24;22m`,
  sev: (v, s) => `\x1b[${v === 'error' ? 31 : v === 'warning' ? 33 : 36}m${s}\x1b[39m`,
};

/** The sentence around an alert, with the span marked and long contexts shortened. */
// Cuts that never split a character written as two UTF-16 units (an emoji, 𝒜): half of one prints as �.
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** The first `n` UTF-16 units of `s`, one less rather than half a character. */
function head(s: string, n: number): string {
  return s.slice(0, isLowSurrogate(s.charCodeAt(n)) ? n - 1 : n);
}

/** The last `n` UTF-16 units of `s`, one less rather than half a character. */
function tail(s: string, n: number): string {
  const from = s.length - n;
  return s.slice(isLowSurrogate(s.charCodeAt(from)) ? from + 1 : from);
}

function context(report: Report, a: Alert, style: Style): string {
  // Sentences are in order: binary search for the one holding the alert's start.
  let lo = 0;
  let hi = report.sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (report.sentences[mid]!.start <= a.start) lo = mid;
    else hi = mid - 1;
  }
  const found = report.sentences[lo];
  const s = found && found.start <= a.start && a.start < found.end ? found : { start: a.start, end: a.end };
  const end = Math.max(s.end, a.end);
  let before = report.text.slice(s.start, a.start);
  let after = report.text.slice(a.end, end);
  let span = report.text.slice(a.start, a.end);
  if (before.length > 60) before = `…${tail(before, 57)}`;
  if (after.length > 60) after = `${head(after, 57)}…`;
  if (span.length > 160) span = `${head(span, 80)}…${tail(span, 60)}`;
  return `${before}${style.mark(span)}${after}`.replace(/\s*\n\s*/g, ' ⏎ ');
}

/** "1 phrase", "2 phrases" (French: 0 and 1 take the singular). */
function plural(n: number, word: string): string {
  return `${n} ${word}${n > 1 ? 's' : ''}`;
}

/** Renders a Report for a terminal (colours when `color` is true). */
export function formatText(report: Report, color = false): string {
  const st = color ? ansi : plain;
  const name = report.id ?? report.source.filename ?? '(texte)';
  const r = report.readability;
  const lines: string[] = [];
  const pages = report.source.pages !== undefined ? ` · ${plural(report.source.pages, 'page')}` : '';
  lines.push(
    st.bold(`${name} — score ${report.score.value}/100 (${report.score.grade})`) +
      `${pages} · ${plural(report.stats.words, 'mot')} · ${plural(report.stats.sentences, 'phrase')} · ${report.stats.wordsPerSentence} mots par phrase`,
  );
  lines.push(st.dim(`  Lisibilité : Kandel-Moles ${r.kandelMoles} (${r.kandelMolesBand}) · LIX ${r.lix} (${r.lixBand}) · mots rares ${Math.round(r.rareWordShare * 100)} % · verbes conjugués ${Math.round(r.verbShare * 100)} %`));
  // Where the points were lost: the parts below their maximum, biggest loss first.
  const lost = Object.entries(report.score.parts)
    .map(([cat, v]) => ({ cat, v, max: SCORE_PARTS[cat as Alert['category']]?.max ?? v }))
    .filter((p) => p.max - p.v >= 0.5)
    .sort((a, b) => b.max - b.v - (a.max - a.v));
  if (lost.length > 0) {
    lines.push(st.dim(`  Points perdus : ${lost.map((p) => `${CATEGORY_LABELS[p.cat as Alert['category']] ?? p.cat} ${p.v}/${p.max}`).join(' · ')}`));
  }
  const type = report.documentType;
  const mentions = report.mentions.filter((m) => m.status !== 'not-applicable');
  const typeLine = `  Type : ${DOCUMENT_TYPE_LABELS[type.id] ?? type.id}${type.confidence < 1 ? ` (reconnu, confiance ${Math.round(type.confidence * 100)} %)` : ' (déclaré)'}`;
  lines.push(st.dim(typeLine));
  if (mentions.length > 0) {
    const shown = mentions.map((m) => {
      const todo = m.toComplete?.length ? ', à compléter' : '';
      return `${MENTION_LABELS[m.id] ?? m.id} (${MENTION_STATUS_LABELS[m.status] ?? m.status}${todo})`;
    });
    lines.push(st.dim(`  Mentions : ${shown.join(' · ')}`));
  }
  const pd = report.personalData;
  if (pd && pd.found > 0) {
    const counts = Object.entries(pd.counts)
      .map(([t, n]) => `${PERSONAL_DATA_LABELS[t] ?? t} ${n}`)
      .join(' · ');
    lines.push(st.dim(`  Données personnelles${pd.pseudonymised ? ' remplacées' : ' (non conservées)'} : ${counts}`));
  }
  for (const w of report.warnings) lines.push(st.sev('warning', `  ⚠ ${w.message}`));
  if (report.alerts.length === 0) {
    lines.push('  Aucune alerte.');
    return lines.join('\n') + '\n';
  }
  const groups = new Map<string, Alert[]>();
  for (const a of report.alerts) {
    const g = groups.get(a.category) ?? [];
    g.push(a);
    groups.set(a.category, g);
  }
  for (const [cat, alerts] of groups) {
    lines.push('');
    lines.push(st.bold(`  ${CATEGORY_LABELS[cat as Alert['category']]} (${alerts.length})`));
    for (const a of alerts) {
      // In an uploaded document, the page and paragraph of the original say more than a line number.
      const pos = (a.paragraph !== undefined ? `${a.page !== undefined ? `p.${a.page} ` : ''}§${a.paragraph}` : `${a.line}:${a.column}`).padEnd(7);
      lines.push(`    ${pos} ${st.sev(a.severity, SEVERITY_LABELS[a.severity].padEnd(13))} ${a.message}`);
      lines.push(st.dim(`            ${context(report, a, st)}`));
      if (a.suggestions.length > 0) lines.push(`            → ${a.suggestions.join(' | ')}`);
    }
  }
  return lines.join('\n') + '\n';
}
