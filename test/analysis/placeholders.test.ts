/** Templates: merge fields are tokens of their own, never words, jargon or acronyms. */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse.js';
import { placeholderSpans } from '../../src/analysis/placeholders.js';
import { TK, tokenize } from '../../src/analysis/segment.js';
import { ourLibrary } from '../helpers/library.js';

const library = await ourLibrary();

describe('merge fields', () => {
  it('recognises each template syntax', () => {
    const text = "«NOM» {{ date_limite }} {{ pieces.date_limite|date(\"d MMMM yyyy\") }} {% if conjoint %} ${agent} $(agent_nom) [NOM DE L'AGENT] <prénom> {nom_agent} %AGENT_NOM% #CIVILITE# <<DATE_ENTREE>> [[GEST_NOM]] [[SI LOGEMENT]] __DATE_RECEPTION__ @NOM_AGENT@ <%= agent.nom %> XXXX XX/XX/XXXX XX/XX/2026";
    expect(placeholderSpans(text).map((s) => text.slice(s.start, s.end))).toEqual([
      '«NOM»',
      '{{ date_limite }}',
      '{{ pieces.date_limite|date("d MMMM yyyy") }}',
      '{% if conjoint %}',
      '${agent}',
      '$(agent_nom)',
      "[NOM DE L'AGENT]",
      '<prénom>',
      '{nom_agent}',
      '%AGENT_NOM%',
      '#CIVILITE#',
      '<<DATE_ENTREE>>',
      '[[GEST_NOM]]',
      '[[SI LOGEMENT]]',
      '__DATE_RECEPTION__',
      '@NOM_AGENT@',
      '<%= agent.nom %>',
      'XXXX',
      'XX/XX/XXXX',
      'XX/XX/2026',
    ]);
    // Ordinary brackets, quotes and numbers are not merge fields.
    expect(placeholderSpans('« la demande » [1] (voir) XL 2026 $ (5) <br> une hausse de 50 % des aides, soit 20 %. Le n° 12 # 3 #')).toEqual([]);
    // E-mail addresses and identifiers with underscores inside are not merge fields.
    expect(placeholderSpans('Écrivez à dpo@ville.exemple.fr ou à aides@caf.exemple.fr ; fichier mon__fichier__v2.')).toEqual([]);
  });
  it('makes one token of each, which is no word', () => {
    const toks = tokenize("Bonjour «PRENOM» {{nom}}, dossier [NOM DE L'AGENT].");
    expect(toks.filter((t) => t.kind === TK.Placeholder).map((t) => t.text)).toEqual(['«PRENOM»', '{{nom}}', "[NOM DE L'AGENT]"]);
    const r = analyse({ text: "Bonjour «PRENOM» {{nom}}, votre dossier n° XXXX est suivi par [NOM DE L'AGENT]." }, library);
    expect(r.stats.words).toBe(7); // Bonjour, votre, dossier, n°, est, suivi, par
    expect(r.alerts.filter((a) => a.category === 'acronym' || a.category === 'jargon')).toEqual([]);
  });
  it('a merge field where an element belongs completes the mention, to be filled in', () => {
    const r = analyse(
      { text: "Nous avons reçu votre demande le «DATE_DEPOT». Sans réponse de notre part dans un délai de deux mois, elle sera réputée acceptée. Service des aides, tél. {{telephone}}." },
      library,
      { documentType: 'accuse-reception' },
    );
    const receipt = r.mentions.find((m) => m.id === 'receipt')!;
    expect(receipt.status).toBe('present');
    expect(receipt.toComplete).toEqual(['receipt-date', 'service-contact']);
  });
});
