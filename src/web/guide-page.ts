/**
 * The living style guide: every rule with its explanation, the principle it serves, its source, the
 * profiles that apply it and its examples (the wording marked in the bad ones, the suggestion), from
 * the same data as GET /api/v1/rules, so the guide and the engine never disagree.
 */
import type { Principal } from '../auth/roles.js';
import { CATEGORIES, type Category } from '../model.js';
import { CATEGORY_LABELS, SEVERITY_LABELS } from '../report/labels.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';

export interface GuideRule {
  id: string;
  category: string;
  categoryLabel: string;
  severity: string;
  principleLabel: string;
  message: string;
  description: string;
  source: string;
  link?: string;
  enabledIn: string[];
  examples: { bad: { text: string; suggestions?: string[] }[]; good: string[] };
}

const PROFILE_WORDS: Record<string, string> = { lettre: 'lettre', formulaire: 'formulaire', falc: 'FALC', interne: 'note interne' };

/** An example with its marked wording ([[…]]) shown as a mark, never by colour alone (underlined, and said). */
function example(text: string): Html {
  const parts = text.split(/\[\[|\]\]/);
  return html`${parts.map((p, i) => (i % 2 ? html`<mark class="clarte-mark clarte-mark--warning"><span class="fr-sr-only">passage signalé : </span>${p}</mark>` : p))}`;
}

export function guidePage(o: { user: Principal | null; rules: GuideRule[]; category?: Category }): Html {
  const shown = o.category ? o.rules.filter((r) => r.category === o.category) : o.rules;
  const categories = CATEGORIES.filter((c) => o.rules.some((r) => r.category === c));
  return page({
    title: 'Guide des règles',
    section: 'guide',
    user: o.user,
    body: html`<h1>Guide des règles</h1>
<p class="fr-text--lead">Ce que Clarté vérifie et pourquoi : chaque règle, le principe qu’elle sert (ISO 24495, langage clair), sa source et ses exemples. C’est la même liste que celle du moteur d’analyse (${o.rules.length} règles) : ce guide ne peut pas dire autre chose que les rapports.</p>
<form method="get" action="/guide" class="fr-mb-3w">
  <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
    <div class="fr-col-12 fr-col-md-6"><div class="fr-select-group">
      <label class="fr-label" for="guide-categorie">Catégorie</label>
      <select class="fr-select" id="guide-categorie" name="categorie">
        <option value="">Toutes</option>
        ${categories.map((c) => html`<option value="${c}"${o.category === c ? html` selected` : ''}>${CATEGORY_LABELS[c]}</option>`)}
      </select>
    </div></div>
    <div class="fr-col-12 fr-col-md-3"><button class="fr-btn" type="submit">Afficher</button></div>
  </div>
</form>
${categories
  .filter((c) => !o.category || c === o.category)
  .map(
    (c) => html`<h2 id="categorie-${c}">${CATEGORY_LABELS[c]}</h2>
${shown
  .filter((r) => r.category === c)
  .map(
    (r) => html`<section class="fr-mb-5w" id="regle-${r.id}" aria-labelledby="regle-${r.id}-titre">
  <h3 class="fr-h5" id="regle-${r.id}-titre">${r.message.replace(/\{[a-zA-Z]+\}/g, '…')}</h3>
  <ul class="fr-badges-group"><li><p class="fr-badge fr-badge--sm">${SEVERITY_LABELS[r.severity as keyof typeof SEVERITY_LABELS] ?? r.severity}</p></li><li><p class="fr-badge fr-badge--sm fr-badge--info">${r.id}</p></li></ul>
  <p>${r.description}</p>
  <p class="fr-text--sm">Principe : ${r.principleLabel}. Source : ${r.link ? html`<a href="${r.link}" rel="noreferrer">${r.source}</a>` : r.source}. Profils : ${r.enabledIn.length ? r.enabledIn.map((p) => PROFILE_WORDS[p] ?? p).join(', ') : 'aucun par défaut'}.</p>
  ${
    r.examples.bad.length
      ? html`<p class="fr-mb-1v"><strong>À éviter</strong></p><ul>${r.examples.bad.map((b) => html`<li>${example(b.text)}${b.suggestions?.length ? html` → <em>${b.suggestions.join(' ou ')}</em>` : ''}</li>`)}</ul>`
      : ''
  }
  ${r.examples.good.length ? html`<p class="fr-mb-1v"><strong>Écrit clairement</strong></p><ul>${r.examples.good.map((g) => html`<li>${g}</li>`)}</ul>` : ''}
</section>`,
  )}`,
  )}`,
  });
}
