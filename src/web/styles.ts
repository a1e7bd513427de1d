/**
 * Clarté's own styles, on top of the DSFR: marks in the letter. Severity shows by colour AND by the
 * underline's pattern (solid, dashed, dotted) AND by a number: never by colour alone (RGAA 3.1).
 */
export const CLARTE_CSS = `
.clarte-texte { white-space: pre-wrap; font-size: 1rem; line-height: 1.9; padding: 1.5rem; border: 1px solid var(--border-default-grey); background: var(--background-default-grey); }
.clarte-mark { background: none; padding: 0 .1rem; border-bottom: 3px solid; }
.clarte-mark--error { background-color: var(--background-contrast-error); border-bottom-style: solid; border-bottom-color: var(--border-plain-error); }
.clarte-mark--warning { background-color: var(--background-contrast-warning); border-bottom-style: dashed; border-bottom-color: var(--border-plain-warning); }
.clarte-mark--suggestion { background-color: var(--background-contrast-info); border-bottom-style: dotted; border-bottom-color: var(--border-plain-info); }
.clarte-mark__lien { color: inherit; background-image: none; text-decoration: none; }
.clarte-mark__lien:focus { outline: 2px solid var(--border-active-blue-france); outline-offset: 2px; }
.clarte-mark__num { font-size: .7rem; font-weight: 700; margin-left: .1rem; }
.clarte-liste { list-style: none; padding-left: 0; }
.clarte-detail { border-left: 4px solid; padding-left: .75rem; margin-bottom: 1rem; content-visibility: auto; contain-intrinsic-size: auto 6rem; }
.clarte-detail--error { border-left-color: var(--border-plain-error); border-left-style: solid; }
.clarte-detail--warning { border-left-color: var(--border-plain-warning); border-left-style: dashed; }
.clarte-detail--suggestion { border-left-color: var(--border-plain-info); border-left-style: dotted; }
.clarte-detail:target, .clarte-mark:target { outline: 3px solid var(--border-active-blue-france); }
.clarte-barres { max-width: 40rem; height: auto; }
.clarte-barres__barre { fill: var(--background-action-high-blue-france); }
.clarte-barres__texte { font-size: 13px; fill: var(--text-default-grey); }
#filtres[hidden], .clarte-appliquer[hidden] { display: none !important; }
section.clarte-masque { display: none; }
mark.clarte-masque { background: none; border-bottom: none; }
mark.clarte-masque .clarte-mark__num { display: none; }
.clarte-lien { word-break: break-all; }
.clarte-progression { width: 100%; height: 1.5rem; }
.clarte-tendance { max-width: 36rem; height: auto; }
.clarte-tendance__grille { stroke: var(--border-default-grey); stroke-width: 1; }
.clarte-tendance__ligne { fill: none; stroke: var(--border-plain-blue-france); stroke-width: 3; }
.clarte-tendance__point { fill: var(--background-action-high-blue-france); }
.clarte-tendance__texte { font-size: 12px; fill: var(--text-default-grey); }
.clarte-benevole { font-size: 1.125rem; }
.clarte-benevole .clarte-texte { font-size: 1.125rem; line-height: 1.8; padding: 1rem; }
.clarte-benevole__note { display: flex; flex-wrap: wrap; gap: .5rem; }
.clarte-benevole__note .fr-radio-group { min-width: 3.5rem; }
.clarte-detail__num { display: inline-block; min-width: 1.6rem; text-align: center; font-weight: 700; border: 1px solid currentColor; border-radius: .8rem; }
`;
