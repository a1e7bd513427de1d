/**
 * The volunteer's test page, reached only through an invitation link (/participer/inv_…): made for a
 * phone (large text, one question per screen), nothing else of the service visible (no menu, no
 * sign-in, no link to the map). It works without JavaScript: each step is a plain form that carries the
 * answers given so far, and nothing is stored before the last step sends them.
 */
import { frDate } from './format.js';
import { html, type Html } from './html.js';

export interface VolunteerQuestion {
  id: number;
  position: number;
  prompt: string;
  kind: 'choice' | 'text';
  options: string[] | null;
  multiple: boolean;
}

export interface VolunteerView {
  token: string;
  title: string;
  letters: { label: string; text: string }[];
  questions: VolunteerQuestion[];
  compare: boolean;
  deadline: string | null;
}

/** An answer as the store takes it. */
export interface GivenAnswer {
  questionId: number;
  choice?: number[];
  text?: string;
}

/** The page shell for volunteers: the State's look, and nothing of Clarté's tools. */
export function volunteerShell(title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="fr" data-fr-scheme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${title}</title>
<link rel="stylesheet" href="/dsfr/dsfr.min.css">
<link rel="stylesheet" href="/static/clarte.css">
</head>
<body class="clarte-benevole">
<header role="banner" class="fr-header">
  <div class="fr-header__body">
    <div class="fr-container">
      <div class="fr-header__body-row">
        <div class="fr-header__brand">
          <div class="fr-header__brand-top">
            <div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div>
          </div>
          <div class="fr-header__service">
            <p class="fr-header__service-title">Test de lecture</p>
            <p class="fr-header__service-tagline">Aidez-nous à écrire des courriers plus clairs</p>
          </div>
        </div>
      </div>
    </div>
  </div>
</header>
<main role="main" id="contenu" class="fr-container fr-py-3w">
${body}
</main>
</body>
</html>`;
}


function letters(v: VolunteerView): Html {
  return html`${v.letters.map(
    (l) => html`<section class="fr-mb-3w" aria-labelledby="courrier-${l.label.replace(/\W+/g, '-')}">
  <h2 class="fr-h4" id="courrier-${l.label.replace(/\W+/g, '-')}">${l.label}</h2>
  <div class="clarte-texte clarte-benevole__courrier" tabindex="0" role="region" aria-label="${l.label}">${l.text}</div>
</section>`,
  )}`;
}

/** The form's hidden fields: the answers given so far. */
function carried(answers: GivenAnswer[]): Html {
  return html`<input type="hidden" name="reponses" value="${JSON.stringify(answers)}">`;
}

/** Step 0: the letter(s) to read, then "Commencer". */
export function volunteerIntro(v: VolunteerView): Html {
  const n = v.questions.length;
  return volunteerShell(
    `${v.title} — test de lecture`,
    html`<h1 class="fr-h2">Merci de votre aide !</h1>
<p class="fr-text--lead">Lisez ${v.compare ? 'les deux versions de ce courrier' : 'ce courrier'} comme si vous l’aviez reçu, puis répondez à ${n} questions, une à la fois. Cela prend environ 5 minutes.</p>
<p>Vos réponses sont enregistrées sans votre nom ni votre contact. Vous pourrez relire le courrier à chaque question.${v.deadline ? html` Ce test est ouvert jusqu’au ${frDate(v.deadline)}.` : ''}</p>
${letters(v)}
<form method="post" action="/participer/${v.token}">
  ${carried([])}
  <input type="hidden" name="etape" value="0">
  <button class="fr-btn fr-btn--lg" type="submit">J’ai lu, je réponds aux questions</button>
</form>`,
  );
}

/** Steps 1..n: one question, the letter one click away. */
export function volunteerQuestion(v: VolunteerView, step: number, answers: GivenAnswer[], error?: string): Html {
  const q = v.questions[step - 1]!;
  const n = v.questions.length;
  const id = `question-${q.id}`;
  const field =
    q.kind === 'text'
      ? html`<div class="fr-input-group${error ? ' fr-input-group--error' : ''}">
  <label class="fr-label" for="${id}">${q.prompt}<span class="fr-hint-text">Répondez avec vos mots.</span></label>
  <input class="fr-input${error ? ' fr-input--error' : ''}" id="${id}" name="texte" type="text" autocomplete="off" maxlength="1000" required${error ? html` aria-describedby="${id}-erreur"` : ''}>
  ${error ? html`<p class="fr-error-text" id="${id}-erreur">${error}</p>` : ''}
</div>`
      : html`<fieldset class="fr-fieldset${error ? ' fr-fieldset--error' : ''}" id="${id}"${error ? html` aria-describedby="${id}-erreur"` : ''}>
  <legend class="fr-fieldset__legend">${q.prompt}${q.multiple ? html`<span class="fr-hint-text">Plusieurs réponses possibles.</span>` : ''}</legend>
  ${(q.options ?? []).map(
    (o, i) => html`<div class="fr-fieldset__element"><div class="fr-${q.multiple ? 'checkbox' : 'radio'}-group fr-${q.multiple ? 'checkbox' : 'radio'}-rich">
    <input type="${q.multiple ? 'checkbox' : 'radio'}" id="${id}-${i}" name="choix" value="${i}"${q.multiple ? '' : ' required'}>
    <label class="fr-label" for="${id}-${i}">${o}</label>
  </div></div>`,
  )}
  ${error ? html`<div class="fr-messages-group"><p class="fr-message fr-message--error" id="${id}-erreur">${error}</p></div>` : ''}
</fieldset>`;
  return volunteerShell(
    `Question ${step} sur ${n} — test de lecture`,
    html`<p class="fr-badge fr-badge--info fr-mb-2w">Question ${step} sur ${n}</p>
<form method="post" action="/participer/${v.token}">
  ${carried(answers)}
  <input type="hidden" name="etape" value="${step}">
  ${field}
  <button class="fr-btn fr-btn--lg fr-mt-2w" type="submit">${step < n ? 'Question suivante' : 'Continuer'}</button>
</form>
<details class="fr-mt-4w">
  <summary>Relire le courrier</summary>
  ${letters(v)}
</details>`,
  );
}

/** The last step: the 0-10 rating, the preferred version, a comment. */
export function volunteerRating(v: VolunteerView, answers: GivenAnswer[], error?: string): Html {
  const step = v.questions.length + 1;
  return volunteerShell(
    'Votre avis — test de lecture',
    html`<p class="fr-badge fr-badge--info fr-mb-2w">Dernière étape</p>
<form method="post" action="/participer/${v.token}">
  ${carried(answers)}
  <input type="hidden" name="etape" value="${step}">
  <fieldset class="fr-fieldset${error ? ' fr-fieldset--error' : ''}" id="note"${error ? ' aria-describedby="note-erreur"' : ''}>
    <legend class="fr-fieldset__legend">Ce courrier est-il clair ?<span class="fr-hint-text">0 : pas du tout clair ; 10 : très clair.</span></legend>
    <div class="clarte-benevole__note">
    ${Array.from({ length: 11 }, (_, i) => html`<div class="fr-radio-group"><input type="radio" id="note-${i}" name="note" value="${i}" required><label class="fr-label" for="note-${i}">${i}</label></div>`)}
    </div>
    ${error ? html`<div class="fr-messages-group"><p class="fr-message fr-message--error" id="note-erreur">${error}</p></div>` : ''}
  </fieldset>
  ${
    v.compare
      ? html`<fieldset class="fr-fieldset" id="preference">
    <legend class="fr-fieldset__legend">Quelle version est la plus claire ?<span class="fr-hint-text">Facultatif.</span></legend>
    ${[
      ['A', 'La version A'],
      ['B', 'La version B'],
      ['same', 'Les deux se valent'],
    ].map(([value, label]) => html`<div class="fr-fieldset__element"><div class="fr-radio-group"><input type="radio" id="preference-${value}" name="preference" value="${value}"><label class="fr-label" for="preference-${value}">${label}</label></div></div>`)}
  </fieldset>`
      : ''
  }
  <div class="fr-input-group">
    <label class="fr-label" for="commentaire">Un commentaire ?<span class="fr-hint-text">Facultatif. N’y écrivez ni votre nom ni vos coordonnées.</span></label>
    <textarea class="fr-input" id="commentaire" name="commentaire" rows="4" maxlength="2000"></textarea>
  </div>
  <button class="fr-btn fr-btn--lg" type="submit">Envoyer mes réponses</button>
</form>`,
  );
}

/** After sending. */
export function volunteerThanks(message: string): Html {
  return volunteerShell('Merci — test de lecture', html`<h1 class="fr-h2">Merci !</h1><div class="fr-alert fr-alert--success"><p>${message}</p></div><p>Vous pouvez fermer cette page.</p>`);
}

/** A link that cannot be used (unknown, already used, expired). */
export function volunteerError(message: string): Html {
  return volunteerShell('Lien inutilisable — test de lecture', html`<h1 class="fr-h2">Ce lien ne peut pas être utilisé</h1><div class="fr-alert fr-alert--error" role="alert"><p>${message}</p></div>`);
}
