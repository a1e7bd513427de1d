/** The page shell in the look of the State's design system (DSFR, served locally from /dsfr/). */
import { ROLE_LABELS, type Principal } from '../auth/roles.js';
import { html, type Html } from './html.js';

export interface PageOptions {
  title: string;
  /** The current section, for the navigation. */
  section?: 'analyser' | 'cartographie' | 'audits' | 'indicateurs' | 'guide';
  body: Html;
  /** Who is signed in (web session), if anyone. */
  user?: Principal | null;
  /** More of the head (a refresh while a job runs), and scripts of this site (progressive enhancement). */
  head?: Html;
  scripts?: string[];
}

/** A whole page: DSFR header, skip links, main content, footer. */
export function page(o: PageOptions): Html {
  const nav = (id: PageOptions['section'], href: string, label: string) =>
    html`<li class="fr-nav__item"><a class="fr-nav__link" href="${href}"${id === o.section ? html` aria-current="page"` : ''}>${label}</a></li>`;
  return html`<!doctype html>
<html lang="fr" data-fr-scheme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} — Clarté</title>
<link rel="stylesheet" href="/dsfr/dsfr.min.css">
<link rel="stylesheet" href="/dsfr/utility/icons/icons.min.css">
<link rel="stylesheet" href="/static/clarte.css">
<link rel="icon" href="/dsfr/favicon/favicon.svg" type="image/svg+xml">
${o.head ?? ''}
</head>
<body>
<div class="fr-skiplinks">
  <nav class="fr-container" role="navigation" aria-label="Accès rapide">
    <ul class="fr-skiplinks__list">
      <li><a class="fr-link" href="#contenu">Contenu</a></li>
      <li><a class="fr-link" href="#navigation">Menu</a></li>
    </ul>
  </nav>
</div>
<header role="banner" class="fr-header">
  <div class="fr-header__body">
    <div class="fr-container">
      <div class="fr-header__body-row">
        <div class="fr-header__brand fr-enlarge-link">
          <div class="fr-header__brand-top">
            <div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div>
          </div>
          <div class="fr-header__service">
            <a href="/" title="Accueil — Clarté"><p class="fr-header__service-title">Clarté</p></a>
            <p class="fr-header__service-tagline">Des courriers administratifs clairs</p>
          </div>
        </div>
        <div class="fr-header__tools">
          <div class="fr-header__tools-links">
            <ul class="fr-btns-group">
              ${
                o.user
                  ? html`<li><p class="fr-btn fr-icon-account-circle-line">${o.user.name} (${ROLE_LABELS[o.user.role]})</p></li>
              <li><form method="post" action="/deconnexion"><input type="hidden" name="_csrf" value="${o.user.csrf ?? ''}"><button class="fr-btn fr-icon-logout-box-r-line" type="submit">Se déconnecter</button></form></li>`
                  : html`<li><a class="fr-btn fr-icon-lock-line" href="/connexion">Se connecter</a></li>`
              }
            </ul>
          </div>
        </div>
      </div>
    </div>
  </div>
  <div class="fr-header__menu">
    <div class="fr-container">
      <nav class="fr-nav" id="navigation" role="navigation" aria-label="Menu principal">
        <ul class="fr-nav__list">
          ${nav('analyser', '/', 'Analyser un courrier')}
          ${o.user ? nav('cartographie', '/cartographie', 'Cartographie') : ''}
          ${o.user && (o.user.role === 'admin' || o.user.role === 'comms') ? nav('audits', '/cartographie/audits', 'Audits') : ''}
          ${o.user && o.user.role !== 'agent' ? nav('indicateurs', '/indicateurs', 'Indicateurs') : ''}
          ${nav('guide', '/guide', 'Guide des règles')}
        </ul>
      </nav>
    </div>
  </div>
</header>
<main role="main" id="contenu" class="fr-container fr-py-4w" tabindex="-1">
${o.body}
</main>
<footer class="fr-footer" role="contentinfo" id="pied">
  <div class="fr-container">
    <div class="fr-footer__body">
      <div class="fr-footer__brand fr-enlarge-link">
        <a href="/" title="Accueil — Clarté"><p class="fr-logo">République<br>Française</p></a>
      </div>
      <div class="fr-footer__content">
        <p class="fr-footer__content-desc">Clarté relit les courriers de l’administration, sur vos serveurs : aucun texte ne quitte la machine, et une analyse ponctuelle n’est pas conservée.</p>
      </div>
    </div>
  </div>
</footer>
<script type="module" src="/dsfr/dsfr.module.min.js"></script>
${(o.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script>`)}
</body>
</html>`;
}

/** A page saying what went wrong, in French. */
export function errorPage(status: number, message: string, user: Principal | null): Html {
  const title = status === 403 ? 'Accès refusé' : status === 404 ? 'Page introuvable' : status >= 500 ? 'Erreur du service' : 'Demande impossible';
  return page({
    title,
    user,
    body: html`<h1>${title}</h1>
<div class="fr-alert fr-alert--error fr-mb-3w" role="alert"><p>${message}</p></div>
<p><a class="fr-link" href="/">Retour à l’accueil</a></p>`,
  });
}

/** The trail above a page's title: each step a link, the last one the current page. */
export function breadcrumb(trail: { label: string; href?: string }[]): Html {
  return html`<nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :"><ol class="fr-breadcrumb__list">
  ${trail.map((t) => (t.href ? html`<li><a class="fr-breadcrumb__link" href="${t.href}">${t.label}</a></li>` : html`<li><a class="fr-breadcrumb__link" aria-current="page">${t.label}</a></li>`))}
</ol></nav>`;
}

/** What an action did (success) or why it was refused (error, with its reasons). */
export function noticeBox(n: { kind: 'success' | 'error'; text: string; reasons?: string[] } | undefined): Html {
  if (!n) return html``;
  return html`<div class="fr-alert fr-alert--${n.kind} fr-mb-3w" role="${n.kind === 'error' ? 'alert' : 'status'}"><p>${n.text}</p>${n.reasons?.length ? html`<ul>${n.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}</div>`;
}
