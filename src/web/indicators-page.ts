/**
 * The yearly indicators (the Services Publics+ publication): key figures, documents by status and
 * scores before/after as bar charts drawn on the server in SVG (each chart has its figures in a table
 * too), the figures by service, and the CSV and JSON exports.
 */
import type { Principal } from '../auth/roles.js';
import { STATUS_LABELS, STATUSES } from '../map/statuses.js';
import type { Indicators } from '../store/indicators.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import { frNumber, frPercent } from './format.js';

const num = frNumber;
const pct = frPercent;

/** A horizontal bar chart: one bar per row, the value written at its end. */
export function barChart(o: { id: string; title: string; rows: { label: string; value: number; text: string }[]; max?: number }): Html {
  const rowH = 30;
  const labelW = 190;
  const w = 600;
  const max = Math.max(o.max ?? 0, ...o.rows.map((r) => r.value), 1);
  const h = o.rows.length * rowH + 10;
  const bar = (v: number) => ((w - labelW - 60) * v) / max;
  return html`<svg class="clarte-barres" viewBox="0 0 ${w} ${h}" width="100%" role="img" aria-labelledby="${o.id}-titre ${o.id}-desc">
  <title id="${o.id}-titre">${o.title}</title>
  <desc id="${o.id}-desc">${o.rows.map((r) => `${r.label} : ${r.text}`).join(' ; ')}</desc>
  ${o.rows.map(
    (r, i) => html`<text x="${labelW - 8}" y="${i * rowH + 20}" text-anchor="end" class="clarte-barres__texte">${r.label}</text>
  <rect x="${labelW}" y="${i * rowH + 6}" width="${bar(r.value).toFixed(1)}" height="${rowH - 10}" class="clarte-barres__barre"/>
  <text x="${(labelW + bar(r.value) + 6).toFixed(1)}" y="${i * rowH + 20}" class="clarte-barres__texte">${r.text}</text>`,
  )}
</svg>`;
}

export function indicatorsPage(o: { user: Principal; figures: Indicators; services: string[] }): Html {
  const f = o.figures;
  const years = Array.from({ length: 6 }, (_, i) => new Date().getFullYear() - i);
  const q = `year=${f.year}${f.service ? `&service=${encodeURIComponent(f.service)}` : ''}`;
  const statusRows = STATUSES.map((s) => ({ label: STATUS_LABELS[s], value: f.byStatus[s] ?? 0, text: String(f.byStatus[s] ?? 0) }));
  const tile = (value: string, label: string) => html`<div class="fr-col-6 fr-col-md-3"><div class="fr-tile fr-tile--sm"><div class="fr-tile__body"><div class="fr-tile__content"><p class="fr-tile__title">${value}</p><p class="fr-tile__desc">${label}</p></div></div></div></div>`;
  return page({
    title: `Indicateurs ${f.year}`,
    section: 'indicateurs',
    user: o.user,
    body: html`<h1>Indicateurs ${f.year}${f.service ? ` — ${f.service}` : ''}</h1>
<form method="get" action="/indicateurs" class="fr-mb-3w">
  <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
    <div class="fr-col-6 fr-col-md-3"><div class="fr-select-group"><label class="fr-label" for="indicateurs-annee">Année</label>
      <select class="fr-select" id="indicateurs-annee" name="year">${years.map((y) => html`<option value="${y}"${y === f.year ? html` selected` : ''}>${y}</option>`)}</select></div></div>
    <div class="fr-col-6 fr-col-md-4"><div class="fr-select-group"><label class="fr-label" for="indicateurs-service">Service</label>
      <select class="fr-select" id="indicateurs-service" name="service"><option value="">Tous</option>${o.services.map((s) => html`<option value="${s}"${s === f.service ? html` selected` : ''}>${s}</option>`)}</select></div></div>
    <div class="fr-col-12 fr-col-md-3"><button class="fr-btn" type="submit">Afficher</button></div>
  </div>
</form>
<p><a class="fr-link fr-icon-download-line fr-link--icon-left" href="/api/v1/indicators.csv?${q}">Télécharger (CSV, tableur)</a> · <a class="fr-link fr-icon-download-line fr-link--icon-left" href="/api/v1/indicators?${q}">JSON</a></p>
<div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
  ${tile(String(f.mapped), 'documents cartographiés')}
  ${tile(String(f.rewritten), 'réécrits dans l’année')}
  ${tile(String(f.released), 'publiés dans l’année')}
  ${tile(pct(f.withAllMentions), 'portent toutes les mentions obligatoires')}
  ${tile(String(f.tests), 'tests usagers')}
  ${tile(String(f.answers), 'réponses de bénévoles')}
  ${tile(pct(f.comprehension), 'de bonnes réponses aux questions')}
  ${tile(pct(f.ratingsAtLeast8), 'des notes à 8/10 ou plus')}
</div>
<h2>Documents par statut</h2>
${barChart({ id: 'graphe-statuts', title: 'Documents par statut (aujourd’hui)', rows: statusRows })}
<div class="fr-table fr-table--no-caption"><table><caption>Documents par statut</caption><thead><tr><th scope="col">Statut</th><th scope="col">Documents</th></tr></thead>
<tbody>${statusRows.map((r) => html`<tr><th scope="row">${r.label}</th><td>${r.text}</td></tr>`)}</tbody></table></div>
<h2>Score des documents réécrits</h2>
${
  f.meanScoreBefore === null
    ? html`<p>Aucun document réécrit cette année.</p>`
    : html`${barChart({
        id: 'graphe-scores',
        title: 'Score moyen avant et après réécriture (sur 100)',
        max: 100,
        rows: [
          { label: 'avant réécriture', value: f.meanScoreBefore, text: num(f.meanScoreBefore) },
          { label: 'après réécriture', value: f.meanScoreAfter ?? 0, text: num(f.meanScoreAfter) },
        ],
      })}
<p>Gain moyen : ${f.scoreGain === null ? '—' : `${f.scoreGain > 0 ? '+' : ''}${num(f.scoreGain)}`} point${Math.abs(f.scoreGain ?? 0) >= 2 ? 's' : ''} sur 100.</p>`
}
<h2>Par service</h2>
<div class="fr-table"><table>
  <caption>Indicateurs ${f.year} par service</caption>
  <thead><tr><th scope="col">Service</th><th scope="col">Cartographiés</th><th scope="col">Réécrits</th><th scope="col">Publiés</th><th scope="col">Gain de score</th><th scope="col">Toutes les mentions</th><th scope="col">Réponses</th><th scope="col">Compréhension</th><th scope="col">Notes ≥ 8/10</th></tr></thead>
  <tbody>${f.byService.map((s) => html`<tr><th scope="row">${s.service ?? 'sans service'}</th><td>${s.mapped}</td><td>${s.rewritten}</td><td>${s.released}</td><td>${num(s.scoreGain)}</td><td>${pct(s.withAllMentions)}</td><td>${s.answers}</td><td>${pct(s.comprehension)}</td><td>${pct(s.ratingsAtLeast8)}</td></tr>`)}</tbody>
</table></div>`,
  });
}
