/**
 * One document of the map: its priority and factors, its versions with the score trend (an SVG drawn
 * on the server, with the same figures in the versions table), its status history and the form to
 * move it on, its near-duplicates, the before/after comparison of two versions with the legal
 * invariants, and the experts' decisions with the form to approve or reject the latest version.
 */
import type { Principal } from '../auth/roles.js';
import type { ReleaseCheck } from '../campaigns/results.js';
import type { Comparison } from '../map/compare.js';
import { STATUS_LABELS, type Status } from '../map/statuses.js';
import { CATEGORY_LABELS, MENTION_LABELS } from '../report/labels.js';
import type { Review } from '../store/campaigns.js';
import type { DocumentSummary, StatusChange, VersionSummary } from '../store/documents.js';
import { html, type Html } from './html.js';
import { breadcrumb, noticeBox, page } from './layout.js';
import { frDateTime, frNumber } from './format.js';

export interface DocumentPageData {
  user: Principal;
  doc: DocumentSummary;
  versions: VersionSummary[];
  history: StatusChange[];
  reviews: Review[];
  release: ReleaseCheck;
  comparison: (Comparison & { from: number; to: number }) | null;
  duplicates: { id: number; title: string; similarity: number }[];
  /** Where the status may go from here (empty: the user may not change it). */
  moves: Status[];
  canReview: boolean;
  /** The document's user tests, and the form to open one (comms team). */
  campaigns: Html;
  /** A message after an action, or an error with its reasons. */
  notice?: { kind: 'success' | 'error'; text: string; reasons?: string[] };
}

const num = frNumber;
const signed = (x: number, d = 1) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${num(Math.abs(x), d)}`;
const when = frDateTime;

/** The score of each version as a line chart (0–100); the versions table gives the same figures. */
export function scoreTrend(versions: { number: number; score: number }[]): Html {
  if (versions.length === 0) return html``;
  const w = 480;
  const h = 180;
  const pad = 32;
  const step = versions.length > 1 ? (w - 2 * pad) / (versions.length - 1) : 0;
  const x = (i: number) => pad + (versions.length > 1 ? i * step : (w - 2 * pad) / 2);
  const y = (s: number) => h - pad - (Math.max(0, Math.min(100, s)) / 100) * (h - 2 * pad);
  const points = versions.map((v, i) => `${x(i).toFixed(1)},${y(v.score).toFixed(1)}`).join(' ');
  const summary = versions.map((v) => `version ${v.number} : ${num(v.score, 0)}`).join(', ');
  return html`<figure class="fr-mb-3w" role="group" aria-labelledby="tendance-titre">
<svg class="clarte-tendance" viewBox="0 0 ${w} ${h}" width="100%" role="img" aria-labelledby="tendance-titre tendance-desc">
  <title id="tendance-titre">Score de clarté par version</title>
  <desc id="tendance-desc">${summary}</desc>
  ${[0, 50, 100].map((t) => html`<line x1="${pad}" x2="${w - pad}" y1="${y(t)}" y2="${y(t)}" class="clarte-tendance__grille"/><text x="4" y="${y(t) + 4}" class="clarte-tendance__texte">${t}</text>`)}
  <polyline points="${points}" class="clarte-tendance__ligne"/>
  ${versions.map((v, i) => html`<circle cx="${x(i)}" cy="${y(v.score)}" r="4" class="clarte-tendance__point"/><text x="${x(i)}" y="${h - 8}" text-anchor="middle" class="clarte-tendance__texte">v${v.number}</text><text x="${x(i)}" y="${y(v.score) - 8}" text-anchor="middle" class="clarte-tendance__texte">${num(v.score, 0)}</text>`)}
</svg>
<figcaption class="fr-text--sm">Score de clarté (0 à 100) de chaque version : ${summary}.</figcaption>
</figure>`;
}

function comparisonBlock(d: DocumentPageData): Html {
  const c = d.comparison;
  const options = (selected: number) => d.versions.map((v) => html`<option value="${v.number}"${v.number === selected ? html` selected` : ''}>version ${v.number}</option>`);
  const form = html`<form method="get" action="/cartographie/documents/${d.doc.id}#comparaison" class="fr-mb-2w">
  <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
    <div class="fr-col-6 fr-col-md-3"><div class="fr-select-group"><label class="fr-label" for="comparer-de">Avant</label><select class="fr-select" id="comparer-de" name="de">${options(c?.from ?? 0)}</select></div></div>
    <div class="fr-col-6 fr-col-md-3"><div class="fr-select-group"><label class="fr-label" for="comparer-a">Après</label><select class="fr-select" id="comparer-a" name="a">${options(c?.to ?? 0)}</select></div></div>
    <div class="fr-col-12 fr-col-md-3"><button class="fr-btn fr-btn--secondary" type="submit">Comparer</button></div>
  </div>
</form>`;
  if (!c) return html`<p>Une seule version : rien à comparer pour l’instant.</p>`;
  const lost = c.invariants.filter((i) => i.lost);
  return html`${d.versions.length > 2 ? form : ''}
<p class="fr-text--lead">${c.summary}</p>
${
  lost.length
    ? html`<div class="fr-alert fr-alert--error fr-mb-3w" role="alert"><h3 class="fr-alert__title">Sens juridique à vérifier : ${lost.length} élément${lost.length > 1 ? 's' : ''} présent${lost.length > 1 ? 's' : ''} avant manque${lost.length > 1 ? 'nt' : ''} après</h3>
<ul>${lost.map((i) => html`<li>${i.label}${i.detail ? html` — ${i.detail}` : ''}</li>`)}</ul></div>`
    : html`<div class="fr-alert fr-alert--success fr-mb-3w"><p>Aucune date, aucun montant, délai, article, juridiction ni mention obligatoire présent avant ne manque après.</p></div>`
}
<div class="fr-table"><table>
  <caption>Avant (version ${c.from}) et après (version ${c.to})</caption>
  <thead><tr><th scope="col">Mesure</th><th scope="col">Avant</th><th scope="col">Après</th><th scope="col">Écart</th></tr></thead>
  <tbody>
    <tr><th scope="row">Score</th><td>${num(c.score.before, 0)} (${c.grade.before})</td><td>${num(c.score.after, 0)} (${c.grade.after})</td><td>${signed(c.score.delta, 0)}</td></tr>
    <tr><th scope="row">Mots par phrase</th><td>${num(c.stats.wordsPerSentence.before)}</td><td>${num(c.stats.wordsPerSentence.after)}</td><td>${signed(c.stats.wordsPerSentence.delta)}</td></tr>
    ${c.categories.map((k) => html`<tr><th scope="row">${CATEGORY_LABELS[k.category]}</th><td>${k.before}</td><td>${k.after}</td><td>${signed(k.delta, 0)}</td></tr>`)}
  </tbody>
</table></div>
<p>${c.resolved.length} problème${c.resolved.length > 1 ? 's' : ''} résolu${c.resolved.length > 1 ? 's' : ''}, ${c.introduced.length} nouveau${c.introduced.length > 1 ? 'x' : ''}, ${c.kept} inchangé${c.kept > 1 ? 's' : ''}.</p>
${c.introduced.length ? html`<h3 class="fr-h6">Nouveaux problèmes</h3><ul>${c.introduced.slice(0, 20).map((a) => html`<li>${CATEGORY_LABELS[a.category]} : « ${a.match} » — ${a.message}</li>`)}</ul>` : ''}
${c.resolved.length ? html`<h3 class="fr-h6">Problèmes résolus</h3><ul>${c.resolved.slice(0, 20).map((a) => html`<li>${CATEGORY_LABELS[a.category]} : « ${a.match} »</li>`)}</ul>${c.resolved.length > 20 ? html`<p class="fr-text--sm">… et ${c.resolved.length - 20} autres (tous dans l’API : /api/v1/documents/${d.doc.id}/compare).</p>` : ''}` : ''}`;
}

export function documentPage(d: DocumentPageData): Html {
  const doc = d.doc;
  const f = doc.priority.factors;
  const latest = d.versions.at(-1);
  return page({
    title: doc.title,
    section: 'cartographie',
    user: d.user,
    body: html`${breadcrumb([{ label: 'Cartographie', href: '/cartographie' }, { label: doc.title }])}
<h1>${doc.title}</h1>
${noticeBox(d.notice)}
<ul class="fr-badges-group fr-mb-2w">
  <li><p class="fr-badge fr-badge--info">Statut : ${doc.statusLabel}</p></li>
  <li><p class="fr-badge">Score : ${num(doc.score, 0)}${doc.grade ? ` (${doc.grade})` : ''}</p></li>
  <li><p class="fr-badge">Priorité : rang ${doc.priority.rank}</p></li>
</ul>
<p>Service : ${doc.service ?? '—'} · diffusion : ${doc.yearlyVolume === null ? 'non renseignée' : `${doc.yearlyVolume.toLocaleString('fr-FR')} envois par an`}${doc.channel ? ` · canal : ${doc.channel}` : ''} · signalements : ${doc.reports}.</p>
<p class="fr-text--sm">Priorité ${num(doc.priority.value, 3)} = facteurs clarté ${num(f.clarity, 2)} · risque juridique ${num(f.legal, 2)} · diffusion ${num(f.reach, 2)} · signalements ${num(f.reports, 2)}, pondérés ${num(doc.priority.weights.clarity, 2)} · ${num(doc.priority.weights.legal, 2)} · ${num(doc.priority.weights.reach, 2)} · ${num(doc.priority.weights.reports, 2)}.
Mentions manquantes : ${doc.missingMentions.length ? doc.missingMentions.map((m, i) => html`${i ? ', ' : ''}${MENTION_LABELS[m.id] ?? m.id}${m.status === 'partial' ? ' (incomplète)' : ''}`) : 'aucune'}.</p>

<h2 id="versions">Versions</h2>
${scoreTrend(d.versions)}
<div class="fr-table"><table>
  <caption>Versions du document</caption>
  <thead><tr><th scope="col">Version</th><th scope="col">Date</th><th scope="col">Score</th><th scope="col">Fichier</th><th scope="col">Par</th></tr></thead>
  <tbody>${d.versions.map((v) => html`<tr><th scope="row">${v.number}</th><td>${when(v.createdAt)}</td><td>${num(v.score, 0)} (${v.grade})</td><td>${v.filename ?? v.format}</td><td>${v.author ?? '—'}</td></tr>`)}</tbody>
</table></div>

<h2 id="comparaison">Avant / après</h2>
${comparisonBlock(d)}

<h2 id="statut">Statut et historique</h2>
${
  d.moves.length
    ? html`<form method="post" action="/cartographie/documents/${doc.id}/statut" class="fr-mb-3w">
  <input type="hidden" name="_csrf" value="${d.user.csrf ?? ''}">
  <input type="hidden" name="from" value="${doc.status}">
  <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
    <div class="fr-col-12 fr-col-md-4"><div class="fr-select-group"><label class="fr-label" for="nouveau-statut">Nouveau statut</label>
      <select class="fr-select" id="nouveau-statut" name="status" required>${d.moves.map((s) => html`<option value="${s}">${STATUS_LABELS[s]}</option>`)}</select></div></div>
    <div class="fr-col-12 fr-col-md-5"><div class="fr-input-group"><label class="fr-label" for="statut-commentaire">Commentaire (facultatif)</label><input class="fr-input" id="statut-commentaire" name="comment" maxlength="2000"></div></div>
    <div class="fr-col-12 fr-col-md-3"><button class="fr-btn" type="submit">Changer le statut</button></div>
  </div>
</form>`
    : ''
}
<ol class="fr-mb-3w">${d.history.map((h) => html`<li>${when(h.at)} : ${h.from ? `${STATUS_LABELS[h.from]} → ` : ''}${STATUS_LABELS[h.to]}${h.author ? ` (${h.author})` : ''}${h.comment ? html` — « ${h.comment} »` : ''}</li>`)}</ol>
<p>${d.release.releasable ? 'Publication possible : validation experte et test usagers réussis.' : html`Avant publication : ${d.release.reasons.join(' ')}`}</p>

<h2 id="tests">Tests usagers</h2>
${d.campaigns}

<h2 id="avis">Validation experte</h2>
${
  d.reviews.length
    ? html`<ul>${d.reviews.map((r) => html`<li>${when(r.at)} — version ${r.version} : <strong>${r.decision === 'approved' ? 'validée' : 'refusée'}</strong> par ${r.author}${r.comment ? html` — « ${r.comment} »` : ''}</li>`)}</ul>`
    : html`<p>Aucune décision pour l’instant.</p>`
}
${
  d.canReview && latest
    ? html`<form method="post" action="/cartographie/documents/${doc.id}/avis" class="fr-mt-2w">
  <input type="hidden" name="_csrf" value="${d.user.csrf ?? ''}">
  <input type="hidden" name="version" value="${latest.number}">
  <fieldset class="fr-fieldset" id="decision">
    <legend class="fr-fieldset__legend">La version ${latest.number} garde-t-elle le sens juridique ?</legend>
    <div class="fr-fieldset__element"><div class="fr-radio-group"><input type="radio" id="decision-approved" name="decision" value="approved" required><label class="fr-label" for="decision-approved">Oui, je la valide</label></div></div>
    <div class="fr-fieldset__element"><div class="fr-radio-group"><input type="radio" id="decision-rejected" name="decision" value="rejected"><label class="fr-label" for="decision-rejected">Non, je la refuse (expliquez pourquoi)</label></div></div>
  </fieldset>
  <div class="fr-input-group"><label class="fr-label" for="avis-commentaire">Commentaire pour l’équipe</label><textarea class="fr-input" id="avis-commentaire" name="comment" rows="3" maxlength="4000"></textarea></div>
  <button class="fr-btn" type="submit">Enregistrer ma décision</button>
</form>`
    : ''
}

<h2 id="doublons">Documents presque identiques</h2>
${
  d.duplicates.length
    ? html`<ul>${d.duplicates.map((x) => html`<li><a href="/cartographie/documents/${x.id}">${x.title}</a> (similarité ${num(x.similarity * 100, 0)} %)</li>`)}</ul>`
    : html`<p>Aucun : ce modèle n’a pas de variante proche dans la cartographie.</p>`
}`,
  });
}
