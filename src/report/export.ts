/**
 * A report to download: JSON (the report as the API gives it), CSV (one line per problem, for a
 * spreadsheet) and HTML for printing or saving as PDF from the browser (one file, its style inline,
 * readable offline).
 */
import type { Report } from '../model.js';
import { csvFile } from './csv.js';
import { CATEGORY_LABELS, MENTION_LABELS, MENTION_STATUS_LABELS, SEVERITY_LABELS, mentionElementLabel } from './labels.js';

export type ExportFormat = 'json' | 'csv' | 'html';

/** One line per problem: where, what, why, what to write instead. */
export function reportCsv(r: Report): string {
  const rows = [...r.alerts]
    .sort((a, b) => a.start - b.start)
    .map((a) => [a.line, a.column, a.page ?? '', CATEGORY_LABELS[a.category], SEVERITY_LABELS[a.severity], a.rule, a.match, a.message, a.suggestions.join(' | ')]);
  return csvFile(['ligne', 'colonne', 'page', 'categorie', 'gravite', 'regle', 'passage', 'explication', 'suggestions'], rows);
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const num = (x: number, d = 1) => x.toFixed(d).replace('.', ',');

/** A standalone page to print (or save as PDF): score, mentions, problems, and the letter. */
export function reportHtml(r: Report, analysedAt = new Date()): string {
  const alerts = [...r.alerts].sort((a, b) => a.start - b.start);
  const mentions = r.mentions.filter((m) => m.status !== 'not-applicable');
  const date = analysedAt.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Rapport Clarté${r.source.filename ? ` — ${esc(r.source.filename)}` : ''}</title>
<style>
body { font-family: Marianne, Arial, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; color: #161616; line-height: 1.5; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #000091; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
.texte { white-space: pre-wrap; border: 1px solid #ccc; padding: 1rem; font-size: .95rem; }
.gravite-error { font-weight: 700; } li { margin-bottom: .5rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } li, tr { break-inside: avoid; } }
</style>
</head>
<body>
<h1>Rapport Clarté${r.source.filename ? ` : ${esc(r.source.filename)}` : ''}</h1>
<p>Analysé le ${date} avec le profil « ${esc(r.profile)} ». Score : <strong>${num(r.score.value, 0)} sur 100</strong> (note ${r.score.grade}). ${r.stats.words} mots, ${r.stats.sentences} phrases, ${num(r.stats.wordsPerSentence)} mots par phrase ; indice de Kandel et Moles ${num(r.readability.kandelMoles)} (${esc(r.readability.kandelMolesBand)}).</p>
<h2>Mentions obligatoires</h2>
${
  mentions.length
    ? `<table><thead><tr><th>Mention</th><th>État</th><th>Référence</th><th>À ajouter</th></tr></thead><tbody>${mentions
        .map((m) => `<tr><td>${esc(MENTION_LABELS[m.id] ?? m.id)}</td><td>${esc(MENTION_STATUS_LABELS[m.status] ?? m.status)}</td><td>${esc(m.source)}</td><td>${m.missing.map((x) => esc(mentionElementLabel(m.id, x))).join(' ; ')}</td></tr>`)
        .join('')}</tbody></table>`
    : '<p>Aucune mention obligatoire pour ce type de courrier.</p>'
}
<h2>${alerts.length} problème${alerts.length > 1 ? 's' : ''}</h2>
<ol>${alerts
    .map(
      (a) =>
        `<li class="gravite-${a.severity}">${esc(CATEGORY_LABELS[a.category])} (${esc(SEVERITY_LABELS[a.severity])}, ligne ${a.line}) : « ${esc(a.match)} » — ${esc(a.message)}${a.suggestions.length ? `<br>Suggestion : ${a.suggestions.map(esc).join(' | ')}` : ''}</li>`,
    )
    .join('')}</ol>
<h2>Le courrier analysé</h2>
<div class="texte">${esc(r.text)}</div>
</body>
</html>
`;
}

/** The file to download: its body, type and name. */
export function exportReport(r: Report, format: ExportFormat): { body: string; type: string; filename: string } {
  const base = `rapport-clarte${r.source.filename ? `-${r.source.filename.replace(/\.[^.]+$/, '').replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 60)}` : ''}`;
  if (format === 'json') return { body: JSON.stringify(r, null, 2), type: 'application/json; charset=utf-8', filename: `${base}.json` };
  if (format === 'csv') return { body: reportCsv(r), type: 'text/csv; charset=utf-8', filename: `${base}.csv` };
  return { body: reportHtml(r), type: 'text/html; charset=utf-8', filename: `${base}.html` };
}
