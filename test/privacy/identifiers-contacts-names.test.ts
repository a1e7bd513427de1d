import { describe, expect, it } from 'vitest';
import { ofType } from '../helpers/personal-data.js';

const HEAD = `Direction départementale de l'emploi, du travail et des solidarités
Pôle insertion
4, rue de la Monnaie – 86000 Poitiers
Tél. : 05 49 00 00 00

`;
const RECIPIENT = `                                        Madame Léa VERDIER
                                        12, rue des Écoles
                                        86000 Poitiers

Poitiers, le 9 avril 2026

Objet : votre dossier

Madame,

`;
const SIGN = `

Veuillez agréer, Madame, nos salutations distinguées.

Le chef du pôle,
Gilles Moreau
`;
const letter = (body: string): string => HEAD + RECIPIENT + body + SIGN;

describe('file numbers', () => {
  it('reads a number of ten digits from a 0 that is not grouped as a phone number', () => {
    expect(ofType(letter('La fiche de liaison n° 086-21-00457 doit être jointe à la demande.'), 'NUMERO_DOSSIER')).toEqual(['086-21-00457']);
  });
  it('reads a field after a dash at the start of a line', () => {
    expect(ofType(letter('Vos références :\n– matricule agent : TRD-00981 ;\n– service : paie.'), 'NUMERO_DOSSIER')).toEqual(['TRD-00981']);
  });
  it('reads a mandate reference under « mandat SEPA », not a creditor identifier', () => {
    const t = letter('Mandat SEPA (RUM) : DDETS86202604471 – identifiant créancier SEPA : FR12ZZZ123456');
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['DDETS86202604471']);
  });
  it('reads a code of letters and digits in groups, not a session code nor a bank code', () => {
    expect(ofType(letter('Code de transfert (provisoire) : QX4-81T-ZP2'), 'NUMERO_DOSSIER')).toEqual(['QX4-81T-ZP2']);
    expect(ofType(letter('Code de la session : SES-PO-2041'), 'NUMERO_DOSSIER')).toEqual([]);
    expect(ofType(letter('Code guichet : 00421'), 'NUMERO_DOSSIER')).toEqual([]);
  });
  it('reads a long number after « référence » in the running text', () => {
    expect(ofType(letter("Son avis d'impôt (référence 25 86 B 512 307 944) a été pris en compte."), 'NUMERO_DOSSIER')).toEqual(['25 86 B 512 307 944']);
  });
  it('reads a sick-leave number, a grant request numbered after its year, a long label and an agent’s staff number', () => {
    expect(ofType(letter('Arrêt de travail n° AT-2026-86-4418207'), 'NUMERO_DOSSIER')).toEqual(['AT-2026-86-4418207']);
    expect(ofType(letter('Demande de bourse 2027 n° BS-2027-PTS-1147'), 'NUMERO_DOSSIER')).toEqual(['BS-2027-PTS-1147']);
    expect(ofType(letter("N° d'inscription au registre des Français établis hors de France : 2018-LON-0441876"), 'NUMERO_DOSSIER')).toEqual(['2018-LON-0441876']);
    expect(ofType(letter('NIGEND : 218 447'), 'NUMERO_DOSSIER')).toEqual(['218 447']);
    // (a bus stop is still no file)
    expect(ofType(letter('Arrêt n° 4412 de la ligne 3.'), 'NUMERO_DOSSIER')).toEqual([]);
  });
  it('leaves points and a business-reply number alone', () => {
    expect(ofType(letter('Votre compte a été crédité : 1 412 points supplémentaires.'), 'NUMERO_DOSSIER')).toEqual([]);
    expect(ofType(letter('Écrivez-nous : Libre réponse n° 41208 – 86043 Poitiers Cedex.'), 'NUMERO_DOSSIER')).toEqual([]);
  });
});

describe('bank accounts', () => {
  it('reads who holds an account from the paragraph that introduces it (a word processor’s paragraphs)', () => {
    const service = letter('Merci de régler cette somme par virement au compte de l’Urssaf :\n\nIBAN FR76 3000 4018 2300 0123 4567 854 – BIC BNPAFRPPXXX\n\nen indiquant votre numéro.');
    expect(ofType(service, 'IBAN')).toEqual([]);
    const person = letter('Le remboursement est fait par virement sur le compte indiqué à l’adhésion :\n\nIBAN : FR76 3000 4018 2300 0123 4567 854');
    expect(ofType(person, 'IBAN')).toEqual(['FR76 3000 4018 2300 0123 4567 854']);
    const below = letter('Merci de payer par virement sur le compte indiqué ci-dessous :\nIBAN : FR76 3000 4018 2300 0123 4567 854');
    expect(ofType(below, 'IBAN')).toEqual([]);
  });
  it('reads the account hourly allowances are paid to (« indemnités horaires » are no opening hours)', () => {
    const t = letter('Vos indemnités horaires (8,95 € de l’heure) seront versées chaque mois sur le compte suivant :\nFR76 3000 4018 2300 0123 4567 854');
    expect(ofType(t, 'IBAN')).toEqual(['FR76 3000 4018 2300 0123 4567 854']);
  });
});

describe('phone numbers', () => {
  it('reads an international number written with « 00 » and a space', () => {
    expect(ofType(letter('Nous avons noté vos numéros : +216 98 412 305 (M. Verdier) et 00 216 22 518 407 (Mme Verdier).'), 'TELEPHONE')).toEqual(['+216 98 412 305', '00 216 22 518 407']);
  });
  it('reads « votre propre numéro » and « vos propres coordonnées »', () => {
    expect(ofType(letter('Votre propre numéro, le 05 49 61 22 80, reste le numéro de contact.'), 'TELEPHONE')).toEqual(['05 49 61 22 80']);
  });
  it('reads a second line of the same person given after « ou à son travail »', () => {
    expect(ofType(letter('Votre fille nous a indiqué qu’elle était joignable au 06 41 22 09 87 ou à son travail, au 05 49 37 18 26.'), 'TELEPHONE')).toEqual(['06 41 22 09 87', '05 49 37 18 26']);
  });
  it('reads a neighbour registered as « second contact » of a remote-alarm service', () => {
    expect(ofType(letter('Votre voisine, Mme Odile PRAT, est enregistrée comme second contact de la téléassistance (05.49.88.14.02).'), 'TELEPHONE')).toEqual(['05.49.88.14.02']);
  });
  it('reads the numbers someone will call the reader on, even on a line that names an agent', () => {
    expect(ofType(letter('Un rédacteur de la commission pourra vous rappeler au 05 49 12 30 44 ou au 06 71 20 38 15 si besoin.'), 'TELEPHONE')).toEqual(['05 49 12 30 44', '06 71 20 38 15']);
  });
  it('reads the number the service called the reader on, one the reader or a relative can be reached at, not an agent’s', () => {
    expect(ofType(letter('Notre conseillère vous a appelée au 05 49 61 22 80 le 3 mars, sans réponse.'), 'TELEPHONE')).toEqual(['05 49 61 22 80']);
    expect(ofType(letter('Votre employeur nous a indiqué que vous étiez joignable au 05 49 61 22 81.'), 'TELEPHONE')).toEqual(['05 49 61 22 81']);
    expect(ofType(letter('Votre fils, joignable au 05 49 61 22 82, nous a transmis les pièces.'), 'TELEPHONE')).toEqual(['05 49 61 22 82']);
    expect(ofType(letter('Votre conseillère, Mme Anne ROUX, est joignable au 05 49 61 22 83.'), 'TELEPHONE')).toEqual([]);
  });
  it('leaves the mobile of a worker the service sends alone (« le technicien d’astreinte peut être joint au »)', () => {
    expect(ofType(letter('En cas d’urgence, le technicien d’astreinte peut être joint au 06 12 34 56 78.'), 'TELEPHONE')).toEqual([]);
    expect(ofType(letter('Le plombier mandaté par notre service, M. Alain Roche, est joignable au 06 12 34 56 79.'), 'TELEPHONE')).toEqual([]);
    expect(ofType(letter('Votre assistante sociale peut être jointe au 06 12 34 56 77 le mardi matin.'), 'TELEPHONE')).toEqual([]);
  });
  it('reads a number followed by « numéro indiqué dans votre … »', () => {
    expect(ofType(letter('Le greffe pourra aussi appeler le 05 49 61 20 18, numéro indiqué dans votre requête.'), 'TELEPHONE')).toEqual(['05 49 61 20 18']);
  });
  it('reads a person « joint par nos services au » or « prévenu au », and « vous-même avez indiqué »', () => {
    expect(ofType(letter('Votre aide à domicile peut être jointe par nos services au 06 52 14 78 90. Vous-même avez indiqué le 05 49 22 61 38.'), 'TELEPHONE')).toEqual(['06 52 14 78 90', '05 49 22 61 38']);
    expect(ofType(letter('Vous serez prévenu au 05 49 30 11 72 avant la visite du technicien.'), 'TELEPHONE')).toEqual(['05 49 30 11 72']);
  });
  it('reads the details a relative gave at the front desk, and those given with the application', () => {
    expect(ofType(letter('Nous avons noté les coordonnées que votre frère a laissées au secrétariat le 2 mars : 05 49 44 27 90.'), 'TELEPHONE')).toEqual(['05 49 44 27 90']);
    expect(ofType(letter('Informez la mairie de tout changement. Nous avons enregistré le numéro de téléphone donné lors de votre demande : 05 49 71 26 40.'), 'TELEPHONE')).toEqual(['05 49 71 26 40']);
  });
  it('reads a number in the national format of a country the letter names, after a cue only', () => {
    expect(ofType(letter('Vous résidez au Royaume-Uni. Nous pourrons vous rappeler au 01392 447 120, numéro fixe indiqué sur votre demande.'), 'TELEPHONE')).toEqual(['01392 447 120']);
    expect(ofType(letter('Vous résidez en Belgique. Vos numéros : +32 475 61 20 94 (portable) et 02 513 44 07 (domicile, Bruxelles).'), 'TELEPHONE')).toEqual(['+32 475 61 20 94', '02 513 44 07']);
    // no country named, or no cue: not a number of the person's
    expect(ofType(letter('Nous pourrons vous rappeler au 01392 447 120.'), 'TELEPHONE')).toEqual([]);
    expect(ofType(letter('Vous résidez au Royaume-Uni. Le consulat répond au 020 7073 1200 le matin.'), 'TELEPHONE')).toEqual([]);
  });
  it('reads a foreign number of a range kept for fiction (possible, not valid)', () => {
    expect(ofType(letter('Nous vous appellerons au +44 7700 900 418 avant le rendez-vous.'), 'TELEPHONE')).toEqual(['+44 7700 900 418']);
  });
  it('does not chain a foreign number of the letterhead to a person’s number further down', () => {
    const t = `Caisse de compensation\nAvenue Edmond-Vaucher 18 – 1203 Genève\nTél. : +41 58 461 91 11\n\n${RECIPIENT}Nous avons noté votre numéro : 06 12 34 56 78.${SIGN}`;
    expect(ofType(t, 'TELEPHONE')).toEqual(['06 12 34 56 78']);
  });
  it('reads a foreign number « to reach us » when the service has no number in that country', () => {
    expect(ofType(letter('Votre frère, qui vit en Italie, participera aux frais ; il peut nous joindre au +39 347 218 6645.'), 'TELEPHONE')).toEqual(['+39 347 218 6645']);
    const t = `Consolato\nVia Roma 1 – 00100 Roma\nTél. : +39 06 4520 1100\n\n${RECIPIENT}Vous pouvez nous joindre au +39 06 4520 1120.${SIGN}`;
    expect(ofType(t, 'TELEPHONE')).toEqual([]);
  });
  it('reads a list item « téléphones : » under a dash among the person’s details', () => {
    expect(ofType(letter('Votre dossier comporte :\n– né le 08/06/1979 à Metz ;\n– téléphones : 03 87 12 41 26 et 06 40 21 33 78.'), 'TELEPHONE')).toEqual(['03 87 12 41 26', '06 40 21 33 78']);
  });
  it('reads a number right after a relative’s address', () => {
    expect(ofType(letter('Votre sœur, domiciliée 11, chemin des Vignes, 01750 Replonges (04 85 30 12 67), reçoit aussi le jugement.'), 'TELEPHONE')).toEqual(['04 85 30 12 67']);
  });
  it('reads a phone field under the person’s address in a form whose lines are paragraphs (a word processor’s)', () => {
    const t = [
      'Agence du Service civique – Délégation Bretagne',
      '4, rue Massillon – 29200 Brest',
      'Tél. : 02 98 43 49 60 – service-civique@region-academique.fr',
      'RÉCAPITULATIF DE VOTRE CONTRAT',
      'VOLONTAIRE',
      'Nom : ABGRALL              Prénom : Enzo',
      'Adresse : 8, rue de Lyon',
      '29200 Brest',
      'Téléphone : 0749152683',
      'Courriel : enzo.abgrall29@laposte.net',
      'STRUCTURE D’ACCUEIL',
      'Association Lire en Finistère – SIRET 438 219 764 00027',
      'Brest, le 8 septembre 2025',
      'Monsieur Abgrall,',
      'Votre contrat a été enregistré le 5 septembre 2025. Votre mission commence le 15 septembre 2025.',
      'Vous recevrez chaque mois une indemnité de 627,68 €.',
      'Un problème pendant votre mission ? Parlez-en d’abord à votre tuteur.',
      'Nous vous souhaitons une belle mission.',
      'Le délégué territorial du Service civique,',
      'Franck Hamon',
    ].join('\n\n');
    expect(ofType(t, 'TELEPHONE')).toEqual(['0749152683']);
  });
  it('reads an e-mail field at a university’s domain under the person’s address in a word processor’s form', () => {
    const t = [
      'Crous de Besançon – Service social',
      '38, avenue de l’Observatoire – 25000 Besançon',
      'Contact : messervices.etudiant.gouv.fr – 09 72 59 65 00',
      'NOTIFICATION DE BOURSE',
      'N° de dossier social étudiant : 25-BES-0044186',
      'Étudiant : KONATÉ Ibrahim',
      'Date de naissance : 21 novembre 2006',
      'Adresse : Résidence universitaire de la Bouloie, chambre 214',
      '23, rue Laplace',
      '25000 Besançon',
      'Courriel : ibrahim.konate@etu.univ-fcomte.fr',
      'Besançon, le 3 octobre 2025',
      'Bonjour Ibrahim,',
      'Nous avons examiné votre dossier social étudiant.',
      'Échelon : 5',
      'Le premier versement aura lieu fin août.',
      'Vous contestez cette décision ? Vous pouvez faire un recours gracieux.',
      'La responsable du service social,',
      'Anne Girard',
    ].join('\n\n');
    expect(ofType(t, 'EMAIL')).toEqual(['ibrahim.konate@etu.univ-fcomte.fr']);
  });
  it('reads a copy sent to a webmail below the signature', () => {
    expect(ofType(letter('Votre convention est signée.') + '\nCopie par courriel : fred.schneider@posteo.de\n', 'EMAIL')).toEqual(['fred.schneider@posteo.de']);
  });
  it('does not read a body’s phone field whose contact block a word processor set in paragraphs', () => {
    const t = ['De : ANTS <ne-pas-repondre@ants.gouv.fr>', 'Objet : Votre passeport est disponible', 'Bonjour Clarisse NKOULOU,', 'Le passeport de votre enfant est disponible au guichet suivant :', 'Mairie de Villeurbanne – Service Population', 'Place Lazare-Goujon, 69100 Villeurbanne', 'Tél. : 04 78 03 67 67', 'Retrait sans rendez-vous du lundi au vendredi.'].join('\n\n');
    expect(ofType(t, 'TELEPHONE')).toEqual([]);
  });
  it('does not read the letterhead’s number beside or under an address that is also the person’s', () => {
    const t = `CCAS de Brest\n12, rue Frézier – 29200 Brest\nTél. : 02 98 00 80 80\n\n                                        Monsieur Rachid HAMMOUDI\n                                        CCAS de Brest – Domiciliation\n                                        12, rue Frézier\n                                        29200 Brest\n\nMonsieur,\n\nVotre domiciliation est renouvelée.${SIGN}`;
    expect(ofType(t, 'TELEPHONE')).toEqual([]);
  });
  it('reads a mobile after a sentence that names a body before a colon (no label)', () => {
    expect(ofType(letter('Nous avons transmis vos coordonnées, avec votre accord, à la conseillère de la mission locale, qui pourra vous accompagner : 07 44 81 20 63.'), 'TELEPHONE')).toEqual(['07 44 81 20 63']);
    expect(ofType(letter('Mission locale du département : 07 44 81 20 63.'), 'TELEPHONE')).toEqual([]);
  });
});

/** A service's e-mail reply quoting the person's own message (`body`: its last lines, each after "> "). */
const replyQuoting = (body: string): string => `${HEAD}De : Service insertion <ne-pas-repondre@ddets-vienne.fr>
À : lea.verdier@laposte.net
Objet : RE: ma demande

Madame,

Nous avons bien reçu votre message.

L'équipe insertion

> ----- Message d'origine -----
> De : lea.verdier@laposte.net
> À : accueil@ddets-vienne.fr
> Objet : ma demande
>
${body}`;

describe('quoted messages', () => {
  it('reads the person’s own message quoted in a reply addressed to them by e-mail', () => {
    const t = replyQuoting(`> Vous pouvez m'appeler au 06 27 41 88 05 le matin.
> Merci`);
    expect(ofType(t, 'TELEPHONE')).toEqual(['06 27 41 88 05']);
  });
});

describe('e-mail addresses', () => {
  it('reads a family address whose local part ends with « famille »', () => {
    const t = letter('Pour une visite, écrivez à accueil@ddets-vienne.fr. Nous avons noté votre adresse verdier.lopez.famille@gmail.com.');
    expect(ofType(t, 'EMAIL')).toEqual(['verdier.lopez.famille@gmail.com']);
  });
});

describe('names', () => {
  it('reads both parents after « Fils de … et de … », not a heading in capitals', () => {
    expect(ofType(letter('Fils de Bernard LAVAUD et de Josiane MERCIER\nNé le 3 mai 1990'), 'NOM')).toEqual(expect.arrayContaining(['Bernard LAVAUD', 'Josiane MERCIER']));
    expect(ofType(letter('FORMULAIRE – ENFANT DE MOINS DE 12 ANS\nÀ remplir par le représentant légal.'), 'NOM').join(' ')).not.toMatch(/MOINS/);
  });
  it('reads a relative named after a grade, and one named after « la sœur de X, »', () => {
    expect(ofType(letter('Votre fils est orphelin de son père, le caporal-chef Damien ROLLAND, décédé en service.'), 'NOM')).toContain('Damien ROLLAND');
    const t = letter("La sœur d'Enzo, Lilou, est scolarisée au collège.");
    expect(ofType(t, 'NOM')).toEqual(expect.arrayContaining(['Enzo', 'Lilou']));
  });
  it('leaves agents alone: an accompanying lecturer, a works supervisor', () => {
    expect(ofType(letter('Votre accompagnatrice, Mme Sylvie Renaud, maître de conférences, vous écrira.'), 'NOM')).not.toContain('Sylvie Renaud');
    expect(ofType(letter('Conducteur de travaux : M. Hervé Texier, Vienne TP.'), 'NOM')).not.toContain('Hervé Texier');
  });
  it('leaves a curator named in the letterhead alone', () => {
    const t = letter('Votre demande est complète.').replace('Pôle insertion\n', 'Service des archives\nConservateur : M. Julien Caulet\n');
    expect(ofType(t, 'NOM')).not.toContain('Julien Caulet');
  });
  it('leaves a company named with its SIRET alone', () => {
    expect(ofType(letter('Le bailleur, HABITAVIENNE (SIRET 312 456 789 00021), perçoit directement l’aide.'), 'NOM')).not.toContain('HABITAVIENNE');
  });
  it('reads the other items of a list whose first item holds a name found elsewhere', () => {
    const t = letter('Votre frère, M. VERDIER, sera témoin.\n\nTÉMOINS\n1. Paul VERDIER, frère de la future épouse\n2. Nadia BENSALEM, amie du futur époux\n');
    expect(ofType(t, 'NOM')).toContain('Nadia BENSALEM');
  });
  it('reads « Représentants légaux de X » under the recipient’s name as a name, not an address line', () => {
    const t = `${HEAD}À l'attention de :
Monsieur et Madame TEXEIRA
Représentants légaux de Inès TEXEIRA
5, allée des Buis
86100 Châtellerault

Poitiers, le 9 avril 2026

Madame, Monsieur,

Votre dossier est complet.${SIGN}`;
    expect(ofType(t, 'NOM')).toContain('Inès TEXEIRA');
    expect(ofType(t, 'ADRESSE')).toEqual(['5, allée des Buis\n86100 Châtellerault']);
  });
});

describe('addresses and tables', () => {
  it('reads a « logement étudiant » field', () => {
    expect(ofType(letter('– logement étudiant : résidence Rabelais, chambre 114, 86000 Poitiers ;'), 'ADRESSE')).toContain('résidence Rabelais, chambre 114, 86000 Poitiers');
  });
  it('reads a table read across: names in a row, addresses in the row labelled « Adresse », no row label as a name', () => {
    const t = letter('| | Demandeur | Autre parent |\n| Nom, prénom | VERDIER Léa | ALVES Nuno |\n| Adresse | voir ci-dessus | Rua das Flores 12, 4050-262 Porto, PORTUGAL |\n| Compte | FR00 | PT00 |\n\nMerci.');
    expect(ofType(t, 'ADRESSE')).toContain('Rua das Flores 12, 4050-262 Porto, PORTUGAL');
    expect(ofType(t, 'NOM')).not.toContain('Compte');
  });
});

describe('more of the person’s own words and numbers', () => {
  it('reads the name signing the person’s quoted message under its closing', () => {
    const t = replyQuoting(`> Je vous remercie de votre aide.
> Bien cordialement,
> Léa Verdier`);
    expect(ofType(t, 'NOM')).toContain('Léa Verdier');
  });
  it('reads a mandate reference in the running text', () => {
    expect(ofType(letter('Les échéances seront prélevées selon le mandat SEPA RUM-DV20260417 (identifiant créancier FR11ZZZ987654).'), 'NUMERO_DOSSIER')).toEqual(['RUM-DV20260417']);
  });
});

describe('titles', () => {
  it('does not read a letter’s title in capitals as a name (paragraphs of a word processor)', () => {
    const t = [
      'Caisse de retraite des artisans',
      '12, rue de Rivoli',
      '75004 Paris',
      'Paris, le 3 mars 2026',
      'NOTIFICATION DE RETRAITE DE RÉVERSION',
      'Madame Odile FERRAND née LEBON',
      '8, rue des Lilas',
      '75011 Paris',
      'Numéro de sécurité sociale : 2 58 04 62 041 153 79',
      'Madame,',
      'Votre retraite de réversion vous est attribuée.',
      'Le directeur,',
      'Marc Aubert',
    ].join('\n\n');
    expect(ofType(t, 'NOM')).toEqual(['Odile FERRAND', 'LEBON']);
  });
});

describe('a message quoted at the top, above the recipient block', () => {
  it('reads the person’s own e-mail, name and phone number there: their address is not the letterhead’s', () => {
    const head = HEAD.replace('Tél. : 05 49 00 00 00', 'Tél. : 05 49 00 00 00 – insertion@ddets-vienne.gouv.fr');
    const t = `${head}De : Paul ROUSSEL <paul.roussel86@orange.fr>
À : insertion@ddets-vienne.gouv.fr
Objet : ma demande d'aide
> Bonjour, pouvez-vous me dire où en est mon dossier ?
> Mon portable : 07 61 42 80 15.

${RECIPIENT}Pour faire suite à votre message ci-dessus, nous vous confirmons que votre dossier est complet.${SIGN}`;
    expect(ofType(t, 'TELEPHONE')).toEqual(['07 61 42 80 15']);
    expect(ofType(t, 'EMAIL')).toContain('paul.roussel86@orange.fr');
    expect(ofType(t, 'NOM')).toContain('Paul ROUSSEL');
    // (the service's own line stays)
    expect(ofType(t, 'TELEPHONE')).not.toContain('05 49 00 00 00');
  });
});

describe('relatives and form fields', () => {
  it('reads children named after « vos enfants majeurs, »', () => {
    expect(ofType(letter('Vos enfants majeurs, Ludovic et Cindy MARAIS, n’ont pas à déposer de demande.'), 'NOM')).toContain('Ludovic et Cindy MARAIS');
  });
  it('reads a child named after « la garde de », before its birth date', () => {
    expect(ofType(letter('Vous versez 350 € par mois à votre ancienne épouse, qui a la garde de Chloé, née le 23 janvier 2010.'), 'NOM')).toContain('Chloé');
  });
  it('reads a first name in a field « – prénom : » in small letters after a dash', () => {
    expect(ofType(letter('Nom de naissance de la mère : non renseigné – prénom : Khadija'), 'NOM')).toEqual(['Léa VERDIER', 'Khadija']);
  });
});

describe('officials and agents named in acts, templates and notices', () => {
  const act = (body: string): string => `CONSEIL DÉPARTEMENTAL DE LA VIENNE\nPlace Aristide-Briand – 86000 Poitiers\n\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\n\n${body}\n`;
  it('leaves the rapporteur, the secretary of the sitting and the members who abstained alone', () => {
    const t = act('Rapporteure : Mme Odile Marchal, vice-présidente chargée de l’insertion\nSecrétaire de séance : M. Hugo Lenoir\n\nAdopté.\nPour : 30 – Contre : 0 – Abstentions : 2 (M. Paul Rivet, Mme Anne Sorel).');
    expect(ofType(t, 'NOM')).toEqual([]);
  });
  it('leaves the members present, absent, represented or voting in the minutes of a sitting alone', () => {
    const t = act('Séance du 12 novembre 2026\nPrésents : M. Jean Dupont, maire, Mme Claire Martin, M. Paul Rivet.\nAbsents excusés : M. Hugo Lenoir (pouvoir à Mme Anne Sorel), Mme Lucie Vidal.\nVote : 15 pour, 2 contre (M. Paul Rivet, Mme Claire Martin), 1 abstention (M. Hugo Lenoir).');
    expect(ofType(t, 'NOM')).toEqual([]);
  });
  it('still reads a person after « Pour : » in a letter (no vote)', () => {
    expect(ofType(letter('Pour : Mme Claire MARTIN, votre fille'), 'NOM')).toContain('Claire MARTIN');
  });
  it('leaves anyone named in a mail-merge template alone (its author, reviewer or contact)', () => {
    const t = `DIRECTION DÉPARTEMENTALE DES FINANCES PUBLIQUES\n5, rue de la Poste – 86000 Poitiers\n\nMODÈLE DE COURRIER\n\n                                        «CIVILITE» «PRENOM» «NOM»\n                                        «ADRESSE»\n\nAuteur du modèle : M. Thomas Leclerc (pôle qualité).\nRelecture juridique : Mme Claire Dumont.\n\nMadame, Monsieur,\n\nVous êtes redevable de la somme indiquée.\n`;
    expect(ofType(t, 'NOM')).toEqual([]);
    // (quoted words in capitals are no merge fields: « CEJ », « RSA »)
    expect(ofType(letter('Votre application « CEJ » et votre allocation « RSA ». Relecture : Mme Claire DUMONT, votre mère.'), 'NOM')).toContain('Claire DUMONT');
  });
  it('leaves a body named in a table with a SIRET column alone', () => {
    const t = act('Bénéficiaire                          SIRET                 Montant\nAssociation Relais Emploi Vienne      409 227 160 00038     42 500 €');
    expect(ofType(t, 'NOM')).toEqual([]);
  });
  it('leaves a technical contact with an extension, a coordinator of a service and an architect alone', () => {
    expect(ofType(letter('Contact technique : Mme Corinne Roux, cellule éditique, poste 3312.'), 'NOM')).not.toContain('Corinne Roux');
    expect(ofType(letter('Coordonnatrice communale : Mme Hélène Barre, service population, le matin.'), 'NOM')).not.toContain('Hélène Barre');
    expect(ofType(letter('Votre architecte, Mme Sandrine Lacaze (cabinet Atelier Clain, SIRET 751 208 334 00027), a reçu une copie.'), 'NOM')).not.toContain('Sandrine Lacaze');
  });
  it('gives a birth date after a clause to the name inside the clause, not to the agent before it', () => {
    const names = ofType(letter('Notre gardien, M. Jérôme Pinel, nous a signalé que votre fils Mamadou, né le 11.09.2004, a quitté le logement.'), 'NOM');
    expect(names).toContain('Mamadou');
    expect(names).not.toContain('Jérôme Pinel');
  });
});

describe('a birth and a phone told in a sentence', () => {
  it('reads a birth after « être née le », even after « dossier », and not a decision born of silence', () => {
    const t = letter("Vous avez indiqué, dans votre dossier, être née le 9 février 1996 à Alençon. Une décision implicite de rejet est née le 12 mars 2026.");
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['9 février 1996']);
  });
  it('reads « votre ancien tel » as the person’s line', () => {
    const t = letter('Nous avons votre tel 06 20 57 84 39 et votre ancien tel 02 43 97 31 08 (fixe résilié ?).');
    expect(ofType(t, 'TELEPHONE')).toEqual(['06 20 57 84 39', '02 43 97 31 08']);
  });
});

describe('a letter a person writes and signs', () => {
  const t = `Sylvie LHEUREUX\n9, rue des Tanneries\n72500 Montval-sur-Loir\nTél. : 06 58 03 92 17\n\n                                   Monsieur le Maire\n                                   Mairie de Montval-sur-Loir\n\nMontval-sur-Loir, le 21 novembre 2026\n\nObjet : candidature\n\nMonsieur le Maire,\n\nJe vous adresse ma candidature au poste d'agent d'accueil. Mon mari, Frédéric LHEUREUX, travaille en horaires postés.\n\nJe vous prie d'agréer, Monsieur le Maire, l'expression de mes respectueuses salutations.\n\nSylvie Lheureux\n`;
  it('reads the signature that repeats the writer’s name, and the family that shares it', () => {
    const names = ofType(t, 'NOM');
    expect(names).toContain('Sylvie Lheureux');
    expect(names).toContain('Frédéric LHEUREUX');
  });
  it('still reads an agent’s signature as no one’s personal data, also when the agent shares a first name', () => {
    const names = ofType(letter('Votre demande est acceptée. Votre fils Gilles VERDIER peut vous accompagner.'), 'NOM');
    expect(names).toContain('Léa VERDIER');
    expect(names).not.toContain('Gilles Moreau');
  });
});

describe('children counted before their names', () => {
  it('reads « mère de deux enfants, Léo et Chloé »', () => {
    const t = letter('Je suis mariée et mère de deux enfants, Léo et Chloé, scolarisés au collège. Nous avons reçu de deux services des réponses.');
    const names = ofType(t, 'NOM').join(' | ');
    expect(names).toContain('Léo');
    expect(names).toContain('Chloé');
  });
});

describe('the person signs, or is sent the letter, under the signature', () => {
  it('reads a couple’s own letter: the contacts under their address without a colon, and their names signed apart', () => {
    const t =
      'Hélène et Marc VIGNAL\n7, rue des Tanneurs\n67000 Strasbourg\nTél. 03.88.12.45.67 / 06.71.20.33.48\nmarc.vignal@laposte.net\n\n' +
      '                                        Monsieur le Maire\n                                        Hôtel de ville\n                                        67000 Strasbourg\n\n' +
      'Strasbourg, le 3 mai 2027\n\nObjet : recours gracieux\n\nMonsieur le Maire,\n\nNous contestons le permis accordé à notre voisin.\n\n' +
      'Nous vous prions d’agréer, Monsieur le Maire, l’expression de notre considération distinguée.\n\n' +
      'Hélène Vignal                Marc Vignal\n';
    expect(ofType(t, 'TELEPHONE')).toEqual(['03.88.12.45.67', '06.71.20.33.48']);
    expect(ofType(t, 'EMAIL')).toEqual(['marc.vignal@laposte.net']);
    expect(ofType(t, 'NOM')).toEqual(expect.arrayContaining(['Hélène Vignal', 'Marc Vignal']));
  });

  it('reads the person’s initial and surname under « Bon pour accord », not the agent who signs with the same surname', () => {
    const base =
      'OPH du Val de Meurthe\nService recouvrement\n2, rue Jeanne-d’Arc – 54000 Nancy\n\n' +
      'Contact : M. Pierre Haddad, chargé de recouvrement\n\n' +
      'Monsieur Samir HADDAD\n12, allée des Roses\n54000 Nancy\n\nNancy, le 2 juin 2027\n\nObjet : plan d’apurement\n\n' +
      'Monsieur,\n\nVous remboursez votre dette de 1 240 € en douze mensualités.\n\nVeuillez agréer, Monsieur, nos salutations distinguées.\n\n' +
      'Le chargé de recouvrement,\nPierre Haddad\n\n';
    const t = base + 'Bon pour accord, le 10 juin 2027 : S. Haddad\n';
    const names = ofType(t, 'NOM');
    expect(names).toContain('S. Haddad');
    expect(names).not.toContain('Pierre Haddad');
    expect(names.filter((n) => n.includes('Pierre'))).toEqual([]);
  });

  it('reads a private address the letter is notified to below the signature, not a lawyer’s', () => {
    const t =
      'Mairie de Laxou – Service urbanisme\n\nArrêté de non-opposition à une déclaration préalable\n\nDossier n° DP 054 304 27 00021\n\n' +
      'Le maire de Laxou arrête : il n’est pas fait opposition à la déclaration préalable.\n\nFait à Laxou, le 2 avril 2027\nLe maire,\nAnne Bertin\n\n' +
      'Notifié au demandeur par courriel à t.nguyen54@gmail.com le 3 avril 2027.\n' +
      'Copie : Me Lucie Arnaud, avocate – l.arnaud.avocat@orange.fr\n';
    expect(ofType(t, 'EMAIL')).toEqual(['t.nguyen54@gmail.com']);
  });
});

describe('the staff of a message, and a form’s filled fields', () => {
  it('leaves a nurse who signs her messages with her first name and her role, wherever the first name comes back', () => {
    const t =
      'Fil de SMS\n\nBonjour Mme Haddad, c’est Sophie, l’infirmière du cabinet. Je passe demain à 8 h.\n\nSophie – infirmière 08:47\n\n' +
      'Sophie, je n’ai toujours pas reçu le code. Mon fils Yanis est là demain.\n';
    const names = ofType(t, 'NOM');
    expect(names).not.toContain('Sophie');
    expect(names).toContain('Yanis');
  });

  it('reads the numbers of a stay, an accident at work and a pension the letter names (« Séjour : », « AT n° »)', () => {
    const t =
      'Centre hospitalier\n\nMadame,\n\nIPP : 0300918842 – Séjour : S27-0044185\n\nVotre taux d’incapacité est fixé à 8 % après l’accident du travail du 4 février 2027 (AT n° AT-26-2027-00388).\n';
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['0300918842', 'S27-0044185', 'AT-26-2027-00388']);
  });

  it('reads the values of fields filled between dot leaders (« Nom : ABDOU ....... Prénom : Saïd ....... »)', () => {
    const t = 'Centre hospitalier\n\nJe soussigné(e)\nNom : ABDOU ........................ Prénom : Saïd Ali ........................\nAdresse : 8, rue Pasteur, 69007 Lyon\n';
    expect(ofType(t, 'NOM')).toEqual(['ABDOU', 'Saïd Ali']);
  });
});

describe('a person’s message to a service', () => {
  it('reads the sender at a webmail at the top of the message, not the service it writes to', () => {
    const t =
      'De : Mireille PAYET <mireille.payet@hotmail.fr>\nÀ : SIP Angers – messagerie <sip.angers@dgfip.finances.gouv.fr>\nDate : 18 mai 2027, 19:04\nObjet : rattachement de ma fille\n\n' +
      'Bonsoir Monsieur,\n\nMa fille a signé la demande de rattachement, je la joins.\n\nCordialement,\nMireille Payet\n';
    expect(ofType(t, 'EMAIL')).toEqual(['mireille.payet@hotmail.fr']);
    expect(ofType(t, 'NOM')).toContain('Mireille PAYET');
  });
});
