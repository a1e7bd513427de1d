/**
 * Sign-in, and the map of complex documents as a table: filters in a plain GET form, sorting by the
 * column headers (links, with aria-sort), pages; each row shows the priority and its factors.
 */
import type { Principal } from '../auth/roles.js';
import { STATUS_LABELS, STATUSES } from '../map/statuses.js';
import { MENTION_LABELS } from '../report/labels.js';
import type { DocumentSummary, ListQuery } from '../store/documents.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import { frNumber } from './format.js';

/** The sign-in form. */
export function loginPage(o: { next?: string; error?: string; login?: string } = {}): Html {
  return page({
    title: 'Se connecter',
    body: html`<div class="fr-grid-row fr-grid-row--center"><div class="fr-col-12 fr-col-md-6">
<h1>Se connecter</h1>
${o.error ? html`<div class="fr-alert fr-alert--error fr-mb-3w" role="alert"><p>${o.error}</p></div>` : ''}
<form method="post" action="/connexion">
  <input type="hidden" name="suite" value="${o.next ?? '/cartographie'}">
  <div class="fr-input-group">
    <label class="fr-label" for="identifiant">Identifiant</label>
    <input class="fr-input" id="identifiant" name="login" autocomplete="username" required value="${o.login ?? ''}">
  </div>
  <div class="fr-input-group">
    <label class="fr-label" for="mot-de-passe">Mot de passe</label>
    <input class="fr-input" id="mot-de-passe" name="password" type="password" autocomplete="current-password" required>
  </div>
  <button class="fr-btn" type="submit">Se connecter</button>
</form>
<p class="fr-mt-3w fr-text--sm">Pas de compte ? Demandez-le à l’administrateur de Clarté de votre service.</p>
</div></div>`,
  });
}

const num = frNumber;

/** The map's table page. */
export function mapPage(o: { user: Principal; query: ListQuery; items: DocumentSummary[]; total: number; page: number; perPage: number }): Html {
  const q = o.query;
  const link = (changes: Partial<ListQuery>): string => {
    const all = { ...q, ...changes };
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) params.set(k, String(v));
    const s = params.toString();
    return `/cartographie${s ? `?${s}` : ''}`;
  };
  const sort = q.sort ?? 'priority';
  const pages = Math.max(1, Math.ceil(o.total / o.perPage));
  const header = (key: NonNullable<ListQuery['sort']>, label: string) => {
    const active = sort === key || (key === 'score' && sort === '-score');
    const next = key === 'score' && sort === 'score' ? '-score' : key;
    const aria = active ? (sort === '-score' ? 'descending' : key === 'priority' ? 'descending' : 'ascending') : null;
    return html`<th scope="col"${aria ? html` aria-sort="${aria}"` : ''}><a href="${link({ sort: next, page: 1 })}">${label}<span class="fr-sr-only"> : trier</span></a></th>`;
  };
  return page({
    title: 'Cartographie des documents',
    section: 'cartographie',
    user: o.user,
    body: html`
<h1>Cartographie des documents</h1>
<p>${o.total} document${o.total > 1 ? 's' : ''}${o.user.role === 'agent' ? html` de votre service (${o.user.service ?? '—'})` : ''}, classés par priorité : clarté × risque juridique × diffusion × signalements (les facteurs sont dans chaque ligne).</p>
<form method="get" action="/cartographie" class="fr-mb-3w">
  <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
    <div class="fr-col-12 fr-col-md-3"><div class="fr-select-group">
      <label class="fr-label" for="filtre-statut">Statut</label>
      <select class="fr-select" id="filtre-statut" name="status">
        <option value="">Tous</option>
        ${STATUSES.map((s) => html`<option value="${s}"${q.status === s ? html` selected` : ''}>${STATUS_LABELS[s]}</option>`)}
      </select>
    </div></div>
    <div class="fr-col-12 fr-col-md-2"><div class="fr-select-group">
      <label class="fr-label" for="filtre-note">Note</label>
      <select class="fr-select" id="filtre-note" name="grade">
        <option value="">Toutes</option>
        ${['A', 'B', 'C', 'D', 'E'].map((g) => html`<option value="${g}"${q.grade === g ? html` selected` : ''}>${g}</option>`)}
      </select>
    </div></div>
    <div class="fr-col-12 fr-col-md-3"><div class="fr-select-group">
      <label class="fr-label" for="filtre-mention">Mention manquante</label>
      <select class="fr-select" id="filtre-mention" name="missing">
        <option value="">Indifférent</option>
        ${Object.entries(MENTION_LABELS).map(([id, label]) => html`<option value="${id}"${q.missing === id ? html` selected` : ''}>${label}</option>`)}
      </select>
    </div></div>
    <div class="fr-col-12 fr-col-md-2"><div class="fr-input-group">
      <label class="fr-label" for="filtre-titre">Titre</label>
      <input class="fr-input" id="filtre-titre" name="q" value="${q.q ?? ''}">
    </div></div>
    <div class="fr-col-12 fr-col-md-2"><button class="fr-btn" type="submit">Filtrer</button></div>
  </div>
  <input type="hidden" name="sort" value="${sort}">
</form>
<div class="fr-table fr-table--no-caption"><table>
  <caption>Documents de la cartographie</caption>
  <thead><tr>
    ${header('priority', 'Priorité')}
    ${header('title', 'Titre')}
    <th scope="col">Service</th>
    <th scope="col">Statut</th>
    ${header('score', 'Score')}
    <th scope="col">Mentions manquantes</th>
    <th scope="col">Facteurs (clarté · risque · diffusion · signalements)</th>
  </tr></thead>
  <tbody>
  ${o.items.map(
    (d) => html`<tr>
      <td>${d.priority.rank} <span class="fr-text--xs">(${num(d.priority.value, 3)})</span></td>
      <th scope="row"><a href="/cartographie/documents/${d.id}">${d.title}</a></th>
      <td>${d.service ?? '—'}</td>
      <td><p class="fr-badge fr-badge--sm">${d.statusLabel}</p></td>
      <td>${num(d.score, 0)}${d.grade ? ` (${d.grade})` : ''}</td>
      <td>${d.missingMentions.length ? d.missingMentions.map((m, i) => html`${i ? ', ' : ''}${MENTION_LABELS[m.id] ?? m.id}${m.status === 'partial' ? ' (incomplète)' : ''}`) : 'aucune'}</td>
      <td class="fr-text--sm">${num(d.priority.factors.clarity, 2)} · ${num(d.priority.factors.legal, 2)} · ${num(d.priority.factors.reach, 2)} · ${num(d.priority.factors.reports, 2)}</td>
    </tr>`,
  )}
  </tbody>
</table></div>
${
  pages > 1
    ? html`<nav role="navigation" class="fr-pagination" aria-label="Pagination"><ul class="fr-pagination__list">
  ${o.page > 1 ? html`<li><a class="fr-pagination__link fr-pagination__link--prev" href="${link({ page: o.page - 1 })}">Page précédente</a></li>` : ''}
  <li><a class="fr-pagination__link" aria-current="page" title="Page ${o.page}">${o.page} / ${pages}</a></li>
  ${o.page < pages ? html`<li><a class="fr-pagination__link fr-pagination__link--next" href="${link({ page: o.page + 1 })}">Page suivante</a></li>` : ''}
</ul></nav>`
    : ''
}`,
  });
}
