/**
 * Batch audits in the browser: the upload form (many files or one zip), the recent audits, and one
 * audit's page with its progress (refreshed by a small script of this site, or by the page itself
 * without JavaScript), its summary figures, each file's result and the CSV and JSON exports.
 */
import type { AuditRow } from '../audit.js';
import type { Principal } from '../auth/roles.js';
import { MENTION_LABELS } from '../report/labels.js';
import type { AuditInfo } from '../store/audits.js';
import { PROFILES } from './analyse-page.js';
import { html, raw, type Html } from './html.js';
import { breadcrumb, page } from './layout.js';
import { frDateTime } from './format.js';

const when = frDateTime;
const STATUS_WORDS: Record<AuditInfo['status'], string> = { running: 'en cours', done: 'terminé', interrupted: 'interrompu' };
const SAVED_WORDS: Record<string, string> = { 'new-document': 'nouveau document', 'new-version': 'nouvelle version', unchanged: 'déjà dans la cartographie' };

/** The upload form and the recent audits. */
export function auditsPage(o: { user: Principal; audits: AuditInfo[]; error?: string }): Html {
  return page({
    title: 'Audits',
    section: 'audits',
    user: o.user,
    body: html`<h1>Auditer des modèles de courriers</h1>
<p class="fr-text--lead">Envoyez plusieurs fichiers, ou une archive zip d’un dossier de modèles : chaque courrier est analysé et, sauf si vous le décochez, rangé dans la cartographie (nouveau document, ou nouvelle version d’un modèle déjà connu).</p>
${o.error ? html`<div class="fr-alert fr-alert--error fr-mb-3w" role="alert"><h2 class="fr-alert__title">Audit impossible</h2><p>${o.error}</p></div>` : ''}
<form method="post" action="/cartographie/audits?_csrf=${encodeURIComponent(o.user.csrf ?? '')}" enctype="multipart/form-data" class="fr-mb-6w">
  <div class="fr-upload-group fr-mb-3w">
    <label class="fr-label" for="fichiers">Fichiers ou archive zip
      <span class="fr-hint-text">PDF, Word (DOCX), LibreOffice (ODT), HTML, texte, ou un seul fichier .zip.</span>
    </label>
    <input class="fr-upload" type="file" id="fichiers" name="file" multiple required accept=".zip,.pdf,.docx,.odt,.html,.htm,.txt">
  </div>
  <div class="fr-select-group">
    <label class="fr-label" for="audit-profil">Profil de relecture</label>
    <select class="fr-select" id="audit-profil" name="profile">${PROFILES.map(([id, label]) => html`<option value="${id}">${label}</option>`)}</select>
  </div>
  <input type="hidden" name="save" value="false">
  <fieldset class="fr-fieldset" id="enregistrer">
    <legend class="fr-fieldset__legend fr-sr-only">Cartographie</legend>
    <div class="fr-fieldset__element"><div class="fr-checkbox-group">
      <input type="checkbox" id="audit-enregistrer" name="save" value="true" checked>
      <label class="fr-label" for="audit-enregistrer">Ranger les résultats dans la cartographie</label>
    </div></div>
  </fieldset>
  <button class="fr-btn" type="submit">Lancer l’audit</button>
</form>
<h2>Derniers audits</h2>
${
  o.audits.length
    ? html`<div class="fr-table"><table>
  <caption>Derniers audits</caption>
  <thead><tr><th scope="col">Lancé le</th><th scope="col">Par</th><th scope="col">Fichiers</th><th scope="col">État</th></tr></thead>
  <tbody>${o.audits.map((a) => html`<tr><th scope="row"><a href="/cartographie/audits/${a.id}">${when(a.createdAt)}</a></th><td>${a.author ?? '—'}</td><td>${a.done} / ${a.total}${a.failed ? ` (${a.failed} illisible${a.failed > 1 ? 's' : ''})` : ''}</td><td>${STATUS_WORDS[a.status]}</td></tr>`)}</tbody>
</table></div>`
    : html`<p>Aucun audit pour l’instant.</p>`
}`,
  });
}

export interface AuditSummaryView {
  analysed: number;
  failed: number;
  medianScore: number | null;
  byGrade: Record<string, number>;
  withMissingMentions: number;
  newDocuments: number;
  newVersions: number;
  unchanged: number;
}

/** One audit: progress, figures, each file. */
export function auditPage(o: { user: Principal; info: AuditInfo; summary: AuditSummaryView; rows: AuditRow[] }): Html {
  const { info, summary: s } = o;
  const running = info.status === 'running';
  const pct = info.total ? Math.round((info.done / info.total) * 100) : 100;
  return page({
    title: `Audit du ${when(info.createdAt)}`,
    section: 'audits',
    user: o.user,
    // Without JavaScript the page reloads itself while the audit runs; with it, audit-progress.js
    // updates the bar and reloads once at the end.
    ...(running ? { head: html`<noscript><meta http-equiv="refresh" content="3"></noscript>`, scripts: ['/static/audit-progress.js'] } : {}),
    body: html`${breadcrumb([{ label: 'Audits', href: '/cartographie/audits' }, { label: `Audit du ${when(info.createdAt)}` }])}
<h1>Audit du ${when(info.createdAt)}</h1>
<div class="fr-mb-3w" id="avancement" data-audit="${info.id}" data-running="${running ? 'oui' : 'non'}">
  <label for="audit-barre">Avancement : <span id="audit-texte" aria-live="polite">${info.done} fichier${info.done > 1 ? 's' : ''} sur ${info.total} (${STATUS_WORDS[info.status]})</span></label>
  <progress id="audit-barre" class="clarte-progression" max="${info.total}" value="${info.done}">${pct} %</progress>
</div>
${
  running
    ? html`<p>Les résultats s’affichent à la fin de l’audit ; vous pouvez quitter cette page, l’audit continue.</p>`
    : html`<ul class="fr-badges-group fr-mb-2w">
  <li><p class="fr-badge fr-badge--success">${s.analysed} analysé${s.analysed > 1 ? 's' : ''}</p></li>
  ${s.failed ? html`<li><p class="fr-badge fr-badge--error">${s.failed} illisible${s.failed > 1 ? 's' : ''}</p></li>` : ''}
  <li><p class="fr-badge">score médian : ${s.medianScore === null ? '—' : String(s.medianScore).replace('.', ',')}</p></li>
  <li><p class="fr-badge fr-badge--warning">${s.withMissingMentions} avec une mention manquante</p></li>
</ul>
${info.save ? html`<p>Cartographie : ${s.newDocuments} nouveau${s.newDocuments > 1 ? 'x' : ''} document${s.newDocuments > 1 ? 's' : ''}, ${s.newVersions} nouvelle${s.newVersions > 1 ? 's' : ''} version${s.newVersions > 1 ? 's' : ''}, ${s.unchanged} déjà connu${s.unchanged > 1 ? 's' : ''}.</p>` : html`<p>Résultats non rangés dans la cartographie.</p>`}
<p><a class="fr-link fr-icon-download-line fr-link--icon-left" href="/api/v1/audits/${info.id}/results.csv">Télécharger les résultats (CSV, tableur)</a> · <a class="fr-link fr-icon-download-line fr-link--icon-left" href="/api/v1/audits/${info.id}/results.json">JSON</a></p>
<div class="fr-table"><table>
  <caption>Résultat de chaque fichier</caption>
  <thead><tr><th scope="col">Fichier</th><th scope="col">Score</th><th scope="col">Mentions manquantes</th><th scope="col">Données personnelles</th><th scope="col">Cartographie</th></tr></thead>
  <tbody>${o.rows.map(
    (r) => html`<tr>
    <th scope="row">${r.file}</th>
    ${
      r.error
        ? html`<td colspan="4"><span class="fr-badge fr-badge--error fr-badge--sm">illisible</span> ${r.error.message} <span class="fr-text--xs">(${r.error.code})</span></td>`
        : html`<td>${r.score ?? '—'} (${r.grade ?? '—'})</td>
    <td>${r.missingMentions?.length ? r.missingMentions.map((m, i) => html`${i ? ', ' : ''}${MENTION_LABELS[m] ?? m}`) : 'aucune'}</td>
    <td>${r.personalData ?? 0}</td>
    <td>${r.document ? html`<a href="/cartographie/documents/${r.document}">${SAVED_WORDS[r.saved ?? ''] ?? 'document'} (v${r.version ?? 1})</a>` : '—'}</td>`
    }
  </tr>`,
  )}</tbody>
</table></div>`
}`,
  });
}

/** The progress script: polls the audit and updates the bar, reloads the page when it ends. */
export const AUDIT_PROGRESS_JS = raw(`const box = document.getElementById('avancement');
if (box && box.dataset.running === 'oui') {
  const bar = document.getElementById('audit-barre');
  const text = document.getElementById('audit-texte');
  const tick = async () => {
    try {
      const res = await fetch('/api/v1/audits/' + box.dataset.audit, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (res.ok) {
        const a = await res.json();
        bar.max = a.total;
        bar.value = a.done;
        text.textContent = a.done + ' fichier' + (a.done > 1 ? 's' : '') + ' sur ' + a.total + (a.status === 'running' ? ' (en cours)' : '');
        if (a.status !== 'running') return location.reload();
      }
    } catch (e) {}
    setTimeout(tick, 800);
  };
  setTimeout(tick, 400);
}
`).value;
