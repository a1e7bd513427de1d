import { describe, expect, it } from 'vitest';
import { ofType } from '../helpers/personal-data.js';

describe('labelled numbers of a reader, a ticket or an invoice', () => {
  const HEAD2 = `MÉDIATHÈQUE INTERCOMMUNALE
1, place du Marché – 24000 Périgueux

Périgueux, le 3 avril 2027

Madame Zoé TEYSSIER
6, rue Limogeanne
24000 Périgueux

Madame,

`;
  it('reads a reader’s card and invoices given under their label', () => {
    const t = HEAD2 + 'Carte de lecteur (adulte) : PGX-11-004287\nFactures : FM-27-000918 et FM-27-000919, réglées.\n';
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['PGX-11-004287', 'FM-27-000918', 'FM-27-000919']);
  });
  it('reads a number said to be a service’s short number as no person’s, wherever it is repeated', () => {
    const t = HEAD2 + (`[02/03/2027 10:12] Institut (38 250) : votre convocation est disponible.

Le numéro 38 250 est un numéro court d'envoi automatique.`);
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual([]);
  });
  it('reads the identifiers of a list of people given after “id.”', () => {
    const t = `FRANCE TRAVAIL – Agence de Sablé\n\nCOMPTE RENDU D'INFORMATION COLLECTIVE\n\nPersonnes convoquées :\n\n1. MARCHAL Inès – id. 3310958K – présente – retenue\n2. TOURE Ibrahim – Id. 7720431B – absent excusé\n3. VIDAL Rose – ident. 5083312T – présente\n`;
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['3310958K', '7720431B', '5083312T']);
  });
  it('does not read an idea or an abbreviation in a sentence as an identifier label', () => {
    const t = HEAD2 + 'Voir id. p. 12 ; même remarque au point 3.\n';
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual([]);
  });
  it('does not read a model number made of zeros', () => {
    const t = HEAD2 + 'Votre identifiant a la forme suivante : identifiant : PGX-00-000000 (exemple).\n';
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual([]);
  });
});
