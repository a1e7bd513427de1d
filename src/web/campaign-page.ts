/**
 * User tests for the comms team: the campaigns of a document and the form to open one (on the
 * document's page), and a campaign's page: its results (comprehension per question with its 95 %
 * interval, ratings, A/B preference, comments, the previous campaign), the invitation links to send
 * (shown once) and closing the campaign.
 */
import type { Principal } from '../auth/roles.js';
import type { CampaignResults } from '../campaigns/results.js';
import type { Rate } from '../campaigns/stats.js';
import type { Campaign } from '../store/campaigns.js';
import type { VersionSummary } from '../store/documents.js';
import { html, type Html } from './html.js';
import { breadcrumb, noticeBox, page } from './layout.js';
import { frDate, frNumber } from './format.js';

const pct = (r: Rate | number | null) => {
  const v = typeof r === 'number' || r === null ? r : r.value;
  return v === null ? '—' : `${Math.round(v * 100)} %`;
};
const interval = (r: Rate) => (r.low === null || r.high === null ? '' : ` (entre ${pct(r.low)} et ${pct(r.high)})`);
const num = frNumber;
const QUESTION_SLOTS = 5;

/** The campaigns of a document, and the form to open one (comms team). */
export function campaignsBlock(o: { documentId: number; campaigns: Campaign[]; versions: VersionSummary[]; canManage: boolean; csrf: string }): Html {
  const latest = o.versions.at(-1)?.number ?? 0;
  const versionOptions = (selected: number | null, none: boolean) =>
    html`${none ? html`<option value="">aucune</option>` : ''}${o.versions.map((v) => html`<option value="${v.number}"${v.number === selected ? html` selected` : ''}>version ${v.number}</option>`)}`;
  const slot = (i: number) => html`<fieldset class="fr-fieldset fr-mb-2w" id="question-${i}">
  <legend class="fr-fieldset__legend">Question ${i}${i > 2 ? ' (facultative)' : ''}</legend>
  <div class="fr-fieldset__element"><div class="fr-input-group"><label class="fr-label" for="q${i}-prompt">Question</label><input class="fr-input" id="q${i}-prompt" name="q${i}_prompt" maxlength="500"${i <= 2 ? ' required' : ''}></div></div>
  <div class="fr-fieldset__element"><div class="fr-select-group"><label class="fr-label" for="q${i}-kind">Forme de la réponse</label>
    <select class="fr-select" id="q${i}-kind" name="q${i}_kind"><option value="text">réponse courte, avec ses mots</option><option value="choice">choix parmi des propositions</option></select></div></div>
  <div class="fr-fieldset__element"><div class="fr-input-group"><label class="fr-label" for="q${i}-options">Propositions (choix : une par ligne)</label><textarea class="fr-input" id="q${i}-options" name="q${i}_options" rows="3"></textarea></div></div>
  <div class="fr-fieldset__element"><div class="fr-input-group"><label class="fr-label" for="q${i}-accepted">Bonnes réponses<span class="fr-hint-text">Réponse courte : les réponses acceptées, une par ligne. Choix : les numéros des bonnes propositions (« 2 », ou « 1, 3 »).</span></label><textarea class="fr-input" id="q${i}-accepted" name="q${i}_accepted" rows="2"></textarea></div></div>
</fieldset>`;
  return html`${
    o.campaigns.length
      ? html`<div class="fr-table"><table>
  <caption>Campagnes de test</caption>
  <thead><tr><th scope="col">Campagne</th><th scope="col">Version</th><th scope="col">État</th><th scope="col">Réponses</th></tr></thead>
  <tbody>${o.campaigns.map((c) => html`<tr><th scope="row"><a href="/cartographie/campagnes/${c.id}">${c.title}</a></th><td>${c.version}${c.compareWith ? ` contre ${c.compareWith}` : ''}</td><td>${c.status === 'open' ? 'ouverte' : 'close'}</td><td>${c.answers} / ${c.panelSize}</td></tr>`)}</tbody>
</table></div>`
      : html`<p>Aucune campagne de test pour l’instant.</p>`
  }
${
  o.canManage && latest
    ? html`<details class="fr-mt-2w"><summary>Ouvrir une campagne de test</summary>
<form method="post" action="/cartographie/documents/${o.documentId}/campagnes" class="fr-mt-2w">
  <input type="hidden" name="_csrf" value="${o.csrf}">
  <div class="fr-input-group"><label class="fr-label" for="campagne-titre">Titre</label><input class="fr-input" id="campagne-titre" name="title" required minlength="3" maxlength="200"></div>
  <div class="fr-grid-row fr-grid-row--gutters">
    <div class="fr-col-6 fr-col-md-3"><div class="fr-select-group"><label class="fr-label" for="campagne-version">Version testée</label><select class="fr-select" id="campagne-version" name="version">${versionOptions(latest, false)}</select></div></div>
    <div class="fr-col-6 fr-col-md-3"><div class="fr-select-group"><label class="fr-label" for="campagne-comparer">Comparée à (A/B)</label><select class="fr-select" id="campagne-comparer" name="compareWith">${versionOptions(null, true)}</select></div></div>
    <div class="fr-col-6 fr-col-md-3"><div class="fr-input-group"><label class="fr-label" for="campagne-panel">Bénévoles</label><input class="fr-input" id="campagne-panel" name="panelSize" type="number" min="1" max="1000" value="12"></div></div>
    <div class="fr-col-6 fr-col-md-3"><div class="fr-input-group"><label class="fr-label" for="campagne-echeance">Échéance</label><input class="fr-input" id="campagne-echeance" name="deadline" type="date"></div></div>
  </div>
  ${Array.from({ length: QUESTION_SLOTS }, (_, i) => slot(i + 1))}
  <button class="fr-btn" type="submit">Ouvrir la campagne</button>
</form></details>`
    : ''
}`;
}

/** Reads the campaign form: the questions filled in (2 to 5), as the API takes them. */
export function campaignInput(body: Record<string, unknown>): {
  title: string;
  version: number;
  compareWith: number | null;
  panelSize: number;
  deadline: string | null;
  questions: { prompt: string; kind: 'choice' | 'text'; options?: string[]; accepted: (number | string)[]; multiple?: boolean }[];
} {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
  const lines = (k: string) =>
    s(k)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  const questions = [];
  for (let i = 1; i <= QUESTION_SLOTS; i++) {
    const prompt = s(`q${i}_prompt`);
    if (!prompt) continue;
    const kind = s(`q${i}_kind`) === 'choice' ? ('choice' as const) : ('text' as const);
    if (kind === 'choice') {
      const accepted = s(`q${i}_accepted`)
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map((n) => Number.parseInt(n, 10) - 1);
      questions.push({ prompt, kind, options: lines(`q${i}_options`), accepted, multiple: accepted.length > 1 });
    } else questions.push({ prompt, kind, accepted: lines(`q${i}_accepted`) });
  }
  const deadline = s('deadline');
  return {
    title: s('title'),
    version: Number.parseInt(s('version'), 10),
    compareWith: s('compareWith') ? Number.parseInt(s('compareWith'), 10) : null,
    panelSize: Number.parseInt(s('panelSize'), 10) || 12,
    deadline: /^\d{4}-\d{2}-\d{2}$/.test(deadline) ? `${deadline}T23:59:59+00:00` : null,
    questions,
  };
}

function resultsBlock(c: Campaign, r: CampaignResults, heading: string): Html {
  return html`<h2>${heading}</h2>
<p>${r.answers} réponse${r.answers > 1 ? 's' : ''} sur ${c.panelSize} bénévoles attendus.</p>
<div class="fr-table"><table>
  <caption>Compréhension, question par question</caption>
  <thead><tr><th scope="col">Question</th><th scope="col">Bonnes réponses</th><th scope="col">Taux (intervalle à 95 %)</th></tr></thead>
  <tbody>
    ${r.comprehension.perQuestion.map((q) => html`<tr><th scope="row">${q.prompt}</th><td>${q.correct} / ${q.total}</td><td>${pct(q.rate)}${interval(q.rate)}</td></tr>`)}
    <tr><th scope="row">Toutes les questions</th><td></td><td><strong>${pct(r.comprehension.overall)}</strong>${interval(r.comprehension.overall)}</td></tr>
  </tbody>
</table></div>
<p>Note de clarté : moyenne ${num(r.ratings.mean)} / 10, médiane ${num(r.ratings.median)} ; notes de 8/10 ou plus : <strong>${pct(r.ratings.shareAtLeast8)}</strong>${interval(r.ratings.shareAtLeast8)}.</p>
${
  r.preference
    ? html`<p>Préférence pour la version testée : ${pct(r.preference.preferNew)}${interval(r.preference.preferNew)} de ${r.preference.chose} bénévole${r.preference.chose > 1 ? 's' : ''} qui ont choisi (${r.preference.indifferent} sans préférence)${r.preference.significant ? ' — différence significative (test du signe)' : ''}.</p>`
    : ''
}
${r.comments.length ? html`<h3 class="fr-h6">Commentaires</h3><ul>${r.comments.map((t) => html`<li>« ${t} »</li>`)}</ul>` : ''}`;
}

export interface CampaignPageData {
  user: Principal;
  documentTitle: string;
  campaign: Campaign;
  results: CampaignResults;
  previous: { campaign: Campaign; results: CampaignResults } | null;
  canManage: boolean;
  /** Links just created (shown once). */
  invitations?: { pseudonym: string | null; contact: string | null; page: string; expiresAt: string }[];
  skipped?: { volunteerId: number; reason: string }[];
  notice?: { kind: 'success' | 'error'; text: string };
}

export function campaignPage(d: CampaignPageData): Html {
  const c = d.campaign;
  return page({
    title: c.title,
    section: 'cartographie',
    user: d.user,
    body: html`${breadcrumb([{ label: 'Cartographie', href: '/cartographie' }, { label: d.documentTitle, href: `/cartographie/documents/${c.documentId}` }, { label: c.title }])}
<h1>${c.title}</h1>
${noticeBox(d.notice)}
<p>Version ${c.version}${c.compareWith ? ` comparée à la version ${c.compareWith} (ordre tiré au hasard pour chaque bénévole)` : ''} · ${c.status === 'open' ? 'ouverte' : 'close'} · ${c.invitations} invitation${c.invitations > 1 ? 's' : ''} envoyée${c.invitations > 1 ? 's' : ''}${c.deadline ? ` · jusqu’au ${frDate(c.deadline)}` : ''}.</p>
${
  d.invitations
    ? html`<div class="fr-alert fr-alert--info fr-mb-3w"><h2 class="fr-alert__title">${d.invitations.length} lien${d.invitations.length > 1 ? 's' : ''} d’invitation à envoyer</h2>
<p>Ils ne seront plus montrés : copiez-les maintenant dans votre publipostage. Chaque lien ne sert qu’une fois.</p>
${
  d.invitations.length
    ? html`<div class="fr-table fr-mt-2w"><table><caption>Liens d’invitation</caption><thead><tr><th scope="col">Bénévole</th><th scope="col">Contact</th><th scope="col">Lien</th></tr></thead>
<tbody>${d.invitations.map((i) => html`<tr><th scope="row">${i.pseudonym ?? '—'}</th><td>${i.contact ?? '—'}</td><td><code class="clarte-lien">${i.page}</code></td></tr>`)}</tbody></table></div>`
    : ''
}
${d.skipped?.length ? html`<p>${d.skipped.length} bénévole${d.skipped.length > 1 ? 's' : ''} non sollicité${d.skipped.length > 1 ? 's' : ''} : ${d.skipped.map((s) => s.reason).join(' ; ')}.</p>` : ''}</div>`
    : ''
}
${
  d.canManage && c.status === 'open'
    ? html`<div class="fr-grid-row fr-grid-row--gutters fr-mb-3w">
  <form method="post" action="/cartographie/campagnes/${c.id}/invitations" class="fr-col-12 fr-col-md-8">
    <input type="hidden" name="_csrf" value="${d.user.csrf ?? ''}">
    <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
      <div class="fr-col-6"><div class="fr-input-group"><label class="fr-label" for="inviter-nombre">Bénévoles à inviter<span class="fr-hint-text">Vide : de quoi compléter le panel.</span></label><input class="fr-input" id="inviter-nombre" name="count" type="number" min="1" max="1000"></div></div>
      <div class="fr-col-6"><button class="fr-btn" type="submit">Créer les liens d’invitation</button></div>
    </div>
  </form>
  <form method="post" action="/cartographie/campagnes/${c.id}/cloture" class="fr-col-12 fr-col-md-4">
    <input type="hidden" name="_csrf" value="${d.user.csrf ?? ''}">
    <button class="fr-btn fr-btn--secondary" type="submit">Clore la campagne</button>
  </form>
</div>`
    : ''
}
${resultsBlock(c, d.results, 'Résultats')}
${d.previous ? resultsBlock(d.previous.campaign, d.previous.results, `Campagne précédente : version ${d.previous.campaign.version}`) : ''}`,
  });
}
