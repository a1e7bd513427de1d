/**
 * « Analyser un courrier »: the form (works without JavaScript: a plain POST, text or file) and the
 * report: score and readability in plain words, the mentions checklist, the letter with each problem
 * marked (colour, underline pattern and number: never colour alone), and the list of problems grouped
 * by category; a mark links to its explanation and back.
 */
import type { Alert, Report } from '../model.js';
import { CATEGORY_LABELS, DOCUMENT_TYPE_LABELS, MENTION_LABELS, MENTION_STATUS_LABELS, mentionElementLabel, PERSONAL_DATA_LABELS, SEVERITY_LABELS } from '../report/labels.js';
import { html, type Html } from './html.js';
import type { Principal } from '../auth/roles.js';
import { page } from './layout.js';

/** The review profiles, as users name them. */
export const PROFILES: [string, string][] = [
  ['lettre', 'Lettre (par défaut)'],
  ['formulaire', 'Formulaire'],
  ['falc', 'Facile à lire et à comprendre (FALC)'],
  ['interne', 'Note interne'],
];

/** The analysis form, with an error message above it when the last try failed. */
export function analyseForm(o: { text?: string; profile?: string; error?: string; user?: Principal | null } = {}): Html {
  return page({
    title: 'Analyser un courrier',
    section: 'analyser',
    user: o.user ?? null,
    body: html`
<h1>Analyser un courrier</h1>
<p class="fr-text--lead">Collez le texte d’un courrier ou choisissez son fichier : Clarté signale ce qui gêne la compréhension et les mentions obligatoires qui manquent. Rien n’est conservé.</p>
${o.error ? html`<div class="fr-alert fr-alert--error fr-mb-3w" role="alert"><h2 class="fr-alert__title">Analyse impossible</h2><p>${o.error}</p></div>` : ''}
<form method="post" action="/analyser${o.user?.csrf ? `?_csrf=${encodeURIComponent(o.user.csrf)}` : ''}" enctype="multipart/form-data" class="fr-mb-6w">
  <div class="fr-input-group">
    <label class="fr-label" for="texte">Texte du courrier
      <span class="fr-hint-text">Collez le courrier entier, de l’en-tête à la signature.</span>
    </label>
    <textarea class="fr-input" id="texte" name="text" rows="14">${o.text ?? ''}</textarea>
  </div>
  <div class="fr-upload-group fr-mb-3w">
    <label class="fr-label" for="fichier">Ou son fichier
      <span class="fr-hint-text">PDF, Word (DOCX), LibreOffice (ODT), HTML ou texte. Le fichier l’emporte sur le texte collé.</span>
    </label>
    <input class="fr-upload" type="file" id="fichier" name="file" accept=".pdf,.docx,.odt,.html,.htm,.txt">
  </div>
  <div class="fr-select-group">
    <label class="fr-label" for="profil">Profil de relecture</label>
    <select class="fr-select" id="profil" name="profile">
      ${PROFILES.map(([id, label]) => html`<option value="${id}"${(o.profile ?? 'lettre') === id ? html` selected` : ''}>${label}</option>`)}
    </select>
  </div>
  <button class="fr-btn" type="submit">Analyser le courrier</button>
</form>`,
  });
}

const pct = (x: number) => `${Math.round(x * 100)} %`;
const num = (x: number, digits = 1) => x.toFixed(digits).replace('.', ',');

const GRADE_WORDS: Record<string, string> = {
  A: 'très clair',
  B: 'clair',
  C: 'moyennement clair',
  D: 'difficile',
  E: 'très difficile',
};

const STATUS_BADGE: Record<string, string> = { present: 'success', partial: 'warning', missing: 'error', 'not-applicable': 'info' };

/** Alerts that can be marked in the text without overlapping, in reading order. */
function markable(alerts: readonly Alert[]): Set<Alert> {
  const sorted = [...alerts].filter((a) => a.end > a.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out = new Set<Alert>();
  let end = -1;
  for (const a of sorted) {
    if (a.start >= end) {
      out.add(a);
      end = a.end;
    }
  }
  return out;
}

/** The letter with its marks. */
function markedText(r: Report, numbers: Map<Alert, number>): Html {
  const marks = [...markable(r.alerts)].sort((a, b) => a.start - b.start);
  const parts: (Html | string)[] = [];
  let at = 0;
  for (const a of marks) {
    const n = numbers.get(a)!;
    parts.push(r.text.slice(at, a.start));
    parts.push(
      html`<mark class="clarte-mark clarte-mark--${a.severity}" id="alerte-${n}" data-categorie="${a.category}"><a href="#detail-${n}" class="clarte-mark__lien">${r.text.slice(a.start, a.end)}<span class="fr-sr-only"> (problème ${n} : ${CATEGORY_LABELS[a.category]}, ${SEVERITY_LABELS[a.severity]})</span></a><sup class="clarte-mark__num" aria-hidden="true">${n}</sup></mark>`,
    );
    at = a.end;
  }
  parts.push(r.text.slice(at));
  return html`<div class="clarte-texte">${parts}</div>`;
}

/** The report page of one analysis. */
export function reportPage(r: Report, user: Principal | null = null): Html {
  const alerts = [...r.alerts].sort((a, b) => a.start - b.start);
  const numbers = new Map(alerts.map((a, i) => [a, i + 1]));
  const marked = markable(alerts);
  const byCategory = new Map<string, Alert[]>();
  for (const a of alerts) byCategory.set(a.category, [...(byCategory.get(a.category) ?? []), a]);
  const mentions = r.mentions.filter((m) => m.status !== 'not-applicable');
  const pd = r.personalData;
  const title = r.source.filename ? `Analyse de ${r.source.filename}` : 'Analyse du courrier';
  return page({
    title,
    section: 'analyser',
    user,
    scripts: ['/static/analyse.js'],
    body: html`
<h1>${title}</h1>
<p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/">Analyser un autre courrier</a></p>
${r.warnings.map((w) => html`<div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w"><p>${w.message}</p></div>`)}
<div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
  <div class="fr-col-12 fr-col-md-4">
    <div class="fr-card fr-card--no-arrow"><div class="fr-card__body"><div class="fr-card__content">
      <h2 class="fr-card__title">Score : ${num(r.score.value, 0)} sur 100</h2>
      <p class="fr-card__desc">Note <strong>${r.score.grade}</strong> : courrier ${GRADE_WORDS[r.score.grade]}. Le score part de 100 et perd des points pour chaque catégorie de problèmes et pour les mentions obligatoires manquantes.</p>
    </div></div></div>
  </div>
  <div class="fr-col-12 fr-col-md-4">
    <div class="fr-card fr-card--no-arrow"><div class="fr-card__body"><div class="fr-card__content">
      <h2 class="fr-card__title">Lisibilité</h2>
      <p class="fr-card__desc">${num(r.stats.wordsPerSentence)} mots par phrase en moyenne (${r.stats.words} mots, ${r.stats.sentences} phrases). Indice de Kandel et Moles : ${num(r.readability.kandelMoles)} (${r.readability.kandelMolesBand}) ; plus il est haut, plus le texte se lit facilement. ${pct(r.readability.rareWordShare)} de mots peu courants.</p>
    </div></div></div>
  </div>
  <div class="fr-col-12 fr-col-md-4">
    <div class="fr-card fr-card--no-arrow"><div class="fr-card__body"><div class="fr-card__content">
      <h2 class="fr-card__title">Type de courrier</h2>
      <p class="fr-card__desc">${DOCUMENT_TYPE_LABELS[r.documentType.id] ?? r.documentType.id} (confiance ${pct(r.documentType.confidence)}).${pd && pd.found ? html` Données personnelles vues (non conservées) : ${Object.entries(pd.counts).map(([t, n], i) => html`${i ? ', ' : ''}${PERSONAL_DATA_LABELS[t] ?? t} ${n}`)}.` : ''}</p>
    </div></div></div>
  </div>
</div>

<form method="post" action="/analyser/telecharger" class="fr-mb-4w" id="copie-form">
  ${user?.csrf ? html`<input type="hidden" name="_csrf" value="${user.csrf}">` : ''}
  <input type="hidden" name="profile" value="${r.profile}">
  ${r.source.filename ? html`<input type="hidden" name="filename" value="${r.source.filename}">` : ''}
  <details>
    <summary>Corriger une copie du texte et l’analyser à nouveau</summary>
    <div class="fr-input-group fr-mt-2w">
      <label class="fr-label" for="copie">Copie du texte analysé<span class="fr-hint-text">Modifiez-la librement ; les boutons « Appliquer » de la liste des problèmes y reportent une suggestion. L’original n’est pas touché.</span></label>
      <textarea class="fr-input" id="copie" name="text" rows="12">${r.text}</textarea>
      <p class="fr-sr-only" id="copie-etat" aria-live="polite"></p>
    </div>
    <button class="fr-btn fr-mb-2w" type="submit" formaction="/analyser">Analyser à nouveau</button>
  </details>
  <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
    <li><button class="fr-btn fr-btn--secondary fr-icon-printer-line" type="submit" name="format" value="html">Télécharger le rapport à imprimer (HTML, ou PDF depuis le navigateur)</button></li>
    <li><button class="fr-btn fr-btn--secondary fr-icon-download-line" type="submit" name="format" value="csv">CSV (tableur)</button></li>
    <li><button class="fr-btn fr-btn--secondary fr-icon-download-line" type="submit" name="format" value="json">JSON</button></li>
  </ul>
</form>

<h2 id="mentions">Mentions obligatoires</h2>
<div class="fr-table fr-mb-4w"><table>
  <caption class="fr-sr-only">Mentions obligatoires : état, texte de référence et ce qu’il faut ajouter</caption>
  <thead><tr><th scope="col">Mention</th><th scope="col">État</th><th scope="col">Référence</th><th scope="col">À ajouter</th></tr></thead>
  <tbody>
  ${mentions.map(
    (m) => html`<tr id="mention-${m.id}">
      <th scope="row">${MENTION_LABELS[m.id] ?? m.id}</th>
      <td><p class="fr-badge fr-badge--${STATUS_BADGE[m.status]}">${MENTION_STATUS_LABELS[m.status]}</p></td>
      <td>${m.source}</td>
      <td>${m.missing.length ? html`<ul>${m.missing.map((x) => html`<li>${mentionElementLabel(m.id, x)}</li>`)}</ul>` : m.status === 'present' ? 'Rien' : ''}</td>
    </tr>`,
  )}
  </tbody>
</table></div>

<div class="fr-grid-row fr-grid-row--gutters">
  <div class="fr-col-12 fr-col-lg-7">
    <h2 id="texte">Le courrier</h2>
    <p class="fr-text--sm">Chaque passage signalé est surligné, souligné (trait plein : erreur ; tirets : avertissement ; pointillés : suggestion) et numéroté. Activez-le pour lire son explication.</p>
    ${markedText(r, numbers)}
  </div>
  <div class="fr-col-12 fr-col-lg-5">
    <h2 id="problemes">${alerts.length} problème${alerts.length > 1 ? 's' : ''} relevé${alerts.length > 1 ? 's' : ''}</h2>
    <fieldset class="fr-fieldset fr-mb-2w" id="filtres" hidden>
      <legend class="fr-fieldset__legend fr-text--regular">Afficher</legend>
      ${[...byCategory.entries()].map(
        ([cat, list]) => html`<div class="fr-fieldset__element fr-fieldset__element--inline"><div class="fr-checkbox-group fr-checkbox-group--sm">
        <input type="checkbox" id="filtre-${cat}" value="${cat}" checked><label class="fr-label" for="filtre-${cat}">${CATEGORY_LABELS[cat as Alert['category']] ?? cat} (${list.length})</label>
      </div></div>`,
      )}
    </fieldset>
    ${[...byCategory.entries()].map(
      ([cat, list]) => html`<section class="fr-mb-3w" aria-labelledby="cat-${cat}" data-categorie="${cat}">
      <h3 class="fr-h6" id="cat-${cat}">${CATEGORY_LABELS[cat as Alert['category']] ?? cat} (${list.length})</h3>
      <ol class="clarte-liste">
      ${list.map((a) => {
        const n = numbers.get(a)!;
        return html`<li id="detail-${n}" class="clarte-detail clarte-detail--${a.severity}">
          <p class="fr-mb-1v"><span class="clarte-detail__num" aria-hidden="true">${n}</span> <strong>${SEVERITY_LABELS[a.severity]}</strong> — ${a.message}</p>
          <p class="fr-text--sm fr-mb-1v">« ${a.match} »${marked.has(a) ? html` · <a href="#alerte-${n}">voir dans le texte</a>` : ''}</p>
          ${a.suggestions.length ? html`<p class="fr-text--sm fr-mb-1v">Suggestion${a.suggestions.length > 1 ? 's' : ''} : ${a.suggestions.map((s, i) => html`${i ? ' | ' : ''}<q>${s}</q>`)}</p>` : ''}
          ${a.suggestions.map((s) => html`<button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm fr-mb-1v clarte-appliquer" hidden data-start="${a.start}" data-end="${a.end}" data-match="${r.text.slice(a.start, a.end)}" data-replacement="${s}">Appliquer « ${s} » à la copie</button> `)}
        </li>`;
      })}
      </ol>
    </section>`,
    )}
  </div>
</div>`,
  });
}

/** Applies a suggestion to the copy of the text (progressive enhancement: the buttons show with JavaScript). */
export const ANALYSE_JS = `const filters = document.getElementById('filtres');
if (filters) {
  filters.hidden = false;
  for (const box of filters.querySelectorAll('input[type=checkbox]')) {
    box.addEventListener('change', () => {
      for (const el of document.querySelectorAll('[data-categorie="' + box.value + '"]')) el.classList.toggle('clarte-masque', !box.checked);
    });
  }
}
const copy = document.getElementById('copie');
const state = document.getElementById('copie-etat');
if (copy) {
  const edits = [];
  const nearest = (text, match, around) => {
    let best = -1;
    for (let i = text.indexOf(match); i >= 0; i = text.indexOf(match, i + 1)) if (best < 0 || Math.abs(i - around) < Math.abs(best - around)) best = i;
    return best;
  };
  for (const b of document.querySelectorAll('button.clarte-appliquer')) {
    b.hidden = false;
    b.addEventListener('click', () => {
      const start = Number(b.dataset.start);
      const match = b.dataset.match;
      const replacement = b.dataset.replacement;
      let at = start + edits.filter((e) => e.at < start).reduce((n, e) => n + e.delta, 0);
      const text = copy.value;
      if (text.slice(at, at + match.length) !== match) at = nearest(text, match, at);
      if (at < 0) {
        b.disabled = true;
        b.textContent = 'Passage introuvable dans la copie';
        return;
      }
      copy.value = text.slice(0, at) + replacement + text.slice(at + match.length);
      edits.push({ at: start, delta: replacement.length - match.length });
      for (const other of document.querySelectorAll('button.clarte-appliquer[data-start="' + b.dataset.start + '"]')) other.disabled = true;
      b.textContent = 'Appliquée à la copie : « ' + replacement + ' »';
      copy.closest('details').open = true;
      if (state) state.textContent = 'Suggestion appliquée à la copie : ' + replacement;
    });
  }
}
`;
