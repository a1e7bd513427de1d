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
  it('does not read a model number made of zeros', () => {
    const t = HEAD2 + 'Votre identifiant a la forme suivante : identifiant : PGX-00-000000 (exemple).\n';
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual([]);
  });
});
