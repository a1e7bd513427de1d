import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../../src/privacy/personal-data.js';
import { ofType } from '../helpers/personal-data.js';
import { ibanChecks, nirKey } from '../../src/privacy/identifiers.js';

/** The texts found, as "TYPE:text". */
function found(text: string): string[] {
  return findPersonalData(text).map((s) => `${s.type}:${text.slice(s.start, s.end)}`);
}

const HEAD = `Caisse d'allocations familiales de l'Isère
Service des prestations
3, rue des Alliés – 38000 Grenoble
Tél. : 04 76 20 20 20 (du lundi au vendredi, de 9 h à 16 h)
Courriel : prestations@caf-isere.fr
www.caf-isere.fr

Dossier suivi par : Mme Hélène Martel, conseillère
Ligne directe : 04 76 20 21 45 – h.martel@caf-isere.fr

`;
const RECIPIENT = `                                        Madame Lucie BRUNET
                                        Résidence Les Cèdres, bâtiment B
                                        7, avenue Jean-Perrot
                                        38100 Grenoble

Grenoble, le 3 février 2026

Objet : votre dossier

Madame Brunet,

`;
const SIGN = `

Veuillez agréer, Madame, nos salutations distinguées.

Le directeur,
Marc Aubert
`;
const letter = (body: string): string => HEAD + RECIPIENT + body + SIGN;

describe('NIR', () => {
  it('computes the key, Corsica included', () => {
    expect(nirKey('1850578006084')).toBe(91);
    expect(nirKey('180032B012034')).toBe(48);
    expect(nirKey('1580419004031')).toBe(nirKey('158042A004031'));
  });
  it('finds a NIR with a valid key, spaced or not, with "clé" or a dash before the key', () => {
    // a wrong key, no label: not a NIR
    expect(ofType(letter('Votre numéro est le 2 85 05 78 006 084 36, merci.'), 'NIR')).toEqual([]);
    const key = String(nirKey('1850578006084')).padStart(2, '0');
    expect(ofType(letter(`Numéro : 1 85 05 78 006 084 ${key}.`), 'NIR')).toEqual([`1 85 05 78 006 084 ${key}`]);
    expect(ofType(letter(`Numéro : 1850578006084${key}.`), 'NIR')).toEqual([`1850578006084${key}`]);
    expect(ofType(letter(`N° de sécurité sociale : 1 85 05 78 006 084 clé ${key}`), 'NIR')).toEqual([`1 85 05 78 006 084 clé ${key}`]);
    expect(ofType(letter(`N° SS : 1850578006084 - ${key}`), 'NIR')).toEqual([`1850578006084 - ${key}`]);
    expect(ofType(letter(`Assuré : 1 80 03 2B 012 034 48`), 'NIR')).toEqual(['1 80 03 2B 012 034 48']);
    expect(ofType(letter(`Numéro : 2 85 03 974 412 04 03`), 'NIR')).toEqual(['2 85 03 974 412 04 03']);
  });
  it('accepts a wrong key only under a social-security label', () => {
    expect(ofType(letter('N° de sécurité sociale : 1 85 05 78 006 084 99'), 'NIR')).toEqual(['1 85 05 78 006 084 99']);
    expect(ofType(letter('NIR : 1 85 05 78 006 084 99'), 'NIR')).toEqual(['1 85 05 78 006 084 99']);
    expect(ofType(letter('Référence : 1 85 05 78 006 084 99'), 'NIR')).toEqual([]);
  });
  it('leaves SIRET numbers, fiscal numbers and amounts alone', () => {
    const t = letter('SIRET : 263 300 117 00016. Montant : 1 234 567,89 €. Code : 3012345678901.');
    expect(ofType(t, 'NIR')).toEqual([]);
  });
});

describe('IBAN', () => {
  it('checks the ISO 13616 key through ibantools', () => {
    expect(ibanChecks('FR7630004005120001012345678')).toBe(true);
    expect(ibanChecks('FR7630004005120001012345679')).toBe(false);
    expect(ibanChecks('BE68539007547034')).toBe(true);
  });
  it("finds the person's IBAN, grouped by four or not, French or foreign", () => {
    expect(ofType(letter("L'aide sera versée sur votre compte FR76 3000 4005 1200 0101 2345 678."), 'IBAN')).toEqual(['FR76 3000 4005 1200 0101 2345 678']);
    expect(ofType(letter('Votre IBAN : FR7630004005120001012345678 – BIC BNPAFRPP'), 'IBAN')).toEqual(['FR7630004005120001012345678']);
    expect(ofType(letter('Remboursement sur votre compte : BE68 5390 0754 7034.'), 'IBAN')).toEqual(['BE68 5390 0754 7034']);
  });
  it("leaves the service's IBAN and invalid numbers alone", () => {
    const t = letter(
      "Vous pouvez payer par virement au compte de la Caf : IBAN FR76 1027 8089 0000 0204 6630 197.\nIdentifiant créancier SEPA : FR46ZZZ005002.\nAutre : FR76 3000 4005 1200 0101 2345 679.",
    );
    expect(ofType(t, 'IBAN')).toEqual([]);
  });
});

describe('TELEPHONE', () => {
  it("finds the person's numbers in any form", () => {
    const t = letter(
      'Nous avons bien noté votre numéro de portable : 06 12 34 56 78.\nNous avons tenté de vous joindre au 0145678912 et au +33 6 11 22 33 44.\nUn SMS vous sera envoyé au 07.62.19.84.05.\nVotre fille peut être jointe au +41 79 123 45 67.',
    );
    expect(ofType(t, 'TELEPHONE')).toEqual(['06 12 34 56 78', '0145678912', '+33 6 11 22 33 44', '07.62.19.84.05', '+41 79 123 45 67']);
  });
  it("leaves the service's numbers alone: letterhead, agent's line, short and 08 numbers, repeats", () => {
    const t = letter(
      'Pour toute question, appelez le 04 76 20 20 20 ou votre conseillère au 04 76 20 21 45.\nVous pouvez aussi appeler le 3230 ou le 0 810 25 38 80 (service gratuit + prix d’un appel).\nLa plateforme Allô Service public répond au 01 40 01 11 01.',
    );
    expect(ofType(t, 'TELEPHONE')).toEqual([]);
  });
  it('reads labelled fields of a form as the person’s', () => {
    const t = `Mairie de Vif – Service scolaire
Place de la Libération – 38450 Vif

FICHE D'INSCRIPTION

Nom : PERRIN    Prénom : Hugo
Date de naissance : 12/09/2016
Téléphone : 06 98 76 54 32
Courriel : famille.perrin@free.fr
`;
    expect(found(t)).toEqual(['NOM:PERRIN', 'NOM:Hugo', 'DATE_NAISSANCE:12/09/2016', 'TELEPHONE:06 98 76 54 32', 'EMAIL:famille.perrin@free.fr']);
  });
});

describe('EMAIL', () => {
  it("finds the person's addresses, a mistyped domain included", () => {
    const t = letter('Nous vous écrirons à lucie.brunet@gmail.com et à l.brunet38@gmial.com.');
    expect(ofType(t, 'EMAIL')).toEqual(['lucie.brunet@gmail.com', 'l.brunet38@gmial.com']);
  });
  it("finds the person's own address at a public domain", () => {
    expect(ofType(letter('Copie envoyée à votre adresse professionnelle, lucie.brunet@intradef.gouv.fr.'), 'EMAIL')).toEqual(['lucie.brunet@intradef.gouv.fr']);
  });
  it("leaves the service's and the agents' addresses alone", () => {
    const t = letter('Écrivez à prestations@caf-isere.fr, à h.martel@caf-isere.fr ou au délégué à la protection des données : dpo@caf-isere.fr. Ne répondez pas à ne-pas-repondre@caf.fr.');
    expect(ofType(t, 'EMAIL')).toEqual([]);
  });
});

describe('ADRESSE', () => {
  it('takes the recipient block from the street lines to the city, as one span', () => {
    expect(ofType(letter('Merci.'), 'ADRESSE')).toEqual(['Résidence Les Cèdres, bâtiment B\n                                        7, avenue Jean-Perrot\n                                        38100 Grenoble']);
  });
  it("finds the person's address in the text, not the service's nor a court's", () => {
    const t = letter(
      "Votre logement situé 4 impasse du Moulin, 33000 Bordeaux n'est pas décent.\nVous pouvez saisir le tribunal administratif de Grenoble, 2, place de Verdun, 38000 Grenoble.\nVenez à notre accueil, 3, rue des Alliés à Grenoble.",
    );
    expect(ofType(t, 'ADRESSE').slice(1)).toEqual(['4 impasse du Moulin, 33000 Bordeaux']);
  });
  it('reads labelled fields and keeps postcodes and cities alone', () => {
    const t = letter('Adresse du logement : 12 bis, rue Voltaire, 38000 Grenoble\nLe tribunal de Lyon (69003) est compétent.');
    expect(ofType(t, 'ADRESSE').slice(1)).toEqual(['12 bis, rue Voltaire, 38000 Grenoble']);
  });
  it('reads a recipient block set in a right-hand column', () => {
    const t = `CPAM de l'Isère
Affaire suivie par : M. Paul Vidal          Monsieur Karim SAÏDI
Ligne directe : 04 76 12 34 56              9, rue Nicolas-Chorier
Service des prestations                     38000 Grenoble

Grenoble, le 4 mars 2026

Monsieur,

Votre demande est acceptée.
`;
    expect(found(t)).toEqual(['NOM:Karim SAÏDI', 'ADRESSE:9, rue Nicolas-Chorier', 'ADRESSE:38000 Grenoble']);
  });
});

describe('a letter read from a word processor (one paragraph per line, a blank line between any two)', () => {
  const docx = (t: string): string =>
    t
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l)
      .join('\n\n');
  it('finds the recipient block and keeps the letterhead, the agent and the signatory', () => {
    const t = docx(letter('Votre conjoint, M. Alain Brunet, né le 4 mai 1980, habite 18 rue des Acacias, 38400 Saint-Martin-d’Hères.'));
    expect(found(t)).toEqual([
      'NOM:Lucie BRUNET',
      'ADRESSE:Résidence Les Cèdres, bâtiment B\n\n7, avenue Jean-Perrot\n\n38100 Grenoble',
      'NOM:Brunet',
      'NOM:Alain Brunet',
      'DATE_NAISSANCE:4 mai 1980',
      'ADRESSE:18 rue des Acacias, 38400 Saint-Martin-d’Hères',
    ]);
  });
  it('takes the contact lines under the recipient block as the person’s', () => {
    const t = docx(`${HEAD}Monsieur Idriss KONÉ\n12, rue Lesdiguières\n38000 Grenoble\nTél. : 06 52 41 30 77\n\nGrenoble, le 3 février 2026\n\nMonsieur,\n\nVotre demande est acceptée.${SIGN}`);
    expect(ofType(t, 'TELEPHONE')).toEqual(['06 52 41 30 77']);
    expect(ofType(t, 'ADRESSE')).toEqual(['12, rue Lesdiguières\n\n38000 Grenoble']);
  });
  it('reads a table and a two-column header whose rows a blank line separates', () => {
    const t = docx(
      `${HEAD}Dossier suivi par : Mme Martel          Madame Inès GARNIER\nTél. : 04 76 20 21 45                    5, rue Voltaire\nConseillère logement                     38000 Grenoble\n\nGrenoble, le 3 février 2026\n\nMadame,\n\nMembres du foyer :\nNom\tPrénom\tDate de naissance\nGARNIER\tInès\t2001-04-12\nGARNIER\tNoé\t2019-09-30\n\nVotre demande est acceptée.${SIGN}`,
    );
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['2001-04-12', '2019-09-30']);
    // (the right-hand column: one span per line, the left column's text lies between them)
    expect(ofType(t, 'ADRESSE')).toEqual(['5, rue Voltaire', '38000 Grenoble']);
    expect(ofType(t, 'NOM').join(' ')).not.toMatch(/Martel/);
  });
  it('keeps a residence or building line under the name in the block ("Les Jardins de…", "…, bloc B")', () => {
    for (const first of ['Les Jardins de l’Ysieux, appt 14', 'Le Millefiori, bloc B']) {
      const t = docx(`${HEAD}Madame Ginette FAUCHER\n${first}\n9, avenue de la Gare\n95270 Luzarches\n\nGrenoble, le 3 février 2026\n\nMadame,\n\nVotre demande est acceptée.${SIGN}`);
      expect(ofType(t, 'ADRESSE')).toEqual([`${first}\n\n9, avenue de la Gare\n\n95270 Luzarches`]);
    }
  });
});

describe('DATE_NAISSANCE', () => {
  it('takes the date alone after "né(e) le", "date de naissance" and in form boxes', () => {
    const t = letter(
      'Votre fils Noah, né le 3 mai 2015, et votre fille, née le 1er juin 2018.\nDate de naissance : 21 | 09 | 1976\nNé(e) le : 25.12.1961 à Lyon\nMme Anne Roux, née Guégan le 17 février 1958.',
    );
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['3 mai 2015', '1er juin 2018', '21 | 09 | 1976', '25.12.1961', '17 février 1958']);
  });
  it('leaves other dates alone', () => {
    const t = letter('Votre demande du 12/03/2025 sera examinée avant le 1er avril 2026. Votre époux, décédé le 2 mai 2024, avait 74 ans.');
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual([]);
  });
});

describe('NOM', () => {
  it('finds the addressee, relatives and third persons, without the civility', () => {
    const t = letter('Votre fils Noah et votre conjoint, M. Paul BRUNET, sont couverts. Votre propriétaire, Mme Claire Vasseur, a été informée.');
    expect(ofType(t, 'NOM')).toEqual(['Lucie BRUNET', 'Brunet', 'Noah', 'Paul BRUNET', 'Claire Vasseur']);
  });
  it('splits a maiden name after "née" and joins first names sharing a name', () => {
    const t = letter('Mme Julie MOREL née ROCHE et Madame et Monsieur Hugo et Camille FAIVRE.');
    expect(ofType(t, 'NOM').slice(2)).toEqual(['Julie MOREL', 'ROCHE', 'Hugo et Camille FAIVRE']);
  });
  it('leaves the agent in charge, the signatory, titles and street names alone', () => {
    const t = letter(
      'Mme Martel vous recevra le 3 mars. Votre référente, Mme Anne Cloarec, vous appellera. Écrivez à M. le Directeur. Le terrain est rue Victor-Hugo, près du lycée Champollion.',
    );
    expect(ofType(t, 'NOM')).toEqual(['Lucie BRUNET', 'Brunet']);
  });
  it('reads names in tables', () => {
    const t = `Attestation de droits

Nom, prénom              Date de naissance      Droits ouverts
DUPUIS Léa               04/06/2012             01/01/2026
DUPUIS Tom               19/11/2015             01/01/2026
`;
    expect(found(t)).toEqual(['NOM:DUPUIS Léa', 'DATE_NAISSANCE:04/06/2012', 'NOM:DUPUIS Tom', 'DATE_NAISSANCE:19/11/2015']);
  });
  it('reads a military grade as a civility', () => {
    const t = `Caisse nationale militaire de sécurité sociale

                                        Adjudant-chef Romain FABRE
                                        Quartier Bernadotte
                                        64000 Pau

Adjudant-chef,

Vos soins sont remboursés.
`;
    expect(found(t)).toEqual(['NOM:Romain FABRE', 'ADRESSE:Quartier Bernadotte\n                                        64000 Pau']);
  });
});

describe('NUMERO_DOSSIER', () => {
  it("finds the identifiers of the person's file, whatever the label", () => {
    const t = letter(
      [
        'N° allocataire : 0571248 F',
        'Numéro fiscal : 30 14 582 917 466',
        'Identifiant France Travail : 3204815L',
        'Référence unique de mandat (RUM) : ++0259100482137551241125',
        'N° Portalis : DBX2-W-B7J-CK4P',
        'Réf. du dossier : 7458210 / indu IND-2025-11873',
        'Votre facture n° 10078 523 114 du 15 janvier 2025 est réglée.',
      ].join('\n'),
    );
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['0571248 F', '30 14 582 917 466', '3204815L', '++0259100482137551241125', 'DBX2-W-B7J-CK4P', '7458210', 'IND-2025-11873', '10078 523 114']);
  });
  it('finds the repetitions of a known identifier', () => {
    const t = letter('Dossier n° AF-2025-0412 : rappelez la référence AF-2025-0412 dans vos courriers.');
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['AF-2025-0412', 'AF-2025-0412']);
  });
  it("leaves the service's references, template codes, cerfa, SIRET and legal references alone", () => {
    const t = letter(
      [
        'Nos réf. : SIP/CF/2025',
        'Code document : NOT-RSA-04',
        'Formulaire cerfa n° 15692*01',
        'SIRET : 263 300 117 00016',
        'Arrêté municipal n° 2025-0457 du 10 mars 2025, loi n° 89-462 du 6 juillet 1989 (article L. 262-2).',
        'Identifiant créancier SEPA : FR46ZZZ005002',
        'Bureau de vote : n° 12',
      ].join('\n'),
    );
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual([]);
  });
});

describe('findPersonalData', () => {
  it('returns sorted, non-overlapping spans, and nothing for an empty text or a template', () => {
    const t = letter('Votre fils Noah, né le 3 mai 2015. Votre compte FR76 3000 4005 1200 0101 2345 678.');
    const spans = findPersonalData(t);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    expect(findPersonalData('')).toEqual([]);
    const template = `[CIVILITÉ] [PRÉNOM] [NOM]
[ADRESSE]
[CODE POSTAL] [COMMUNE]

«CIVILITE» «NOM»,

Votre numéro allocataire : «NUM_ALLOCATAIRE». Appelez le 3230.
`;
    expect(findPersonalData(template)).toEqual([]);
  });
  it('reads Windows line breaks', () => {
    const t = letter('Votre fils Noah.').replace(/\n/g, '\r\n');
    expect(found(t)).toContain('NOM:Noah');
    expect(found(t)).toContain('NOM:Lucie BRUNET');
  });
});

// The mechanisms added after the second blind measurement: each one reads a way letters are written,
// not a sentence of the corpora (the sentences below are new).
describe('evidence of a person without the usual cues', () => {
  it('reads a name followed by a birth as the person’s, with or without civility, in any zone', () => {
    const t = letter(
      'Vos enfants à charge :\n- Romane TESSIER, née le 04/02/2015 ;\n- Jules TESSIER, apprenti, né le 19/09/2008.\nLa décision vaut pour Romane et pour Jules.',
    );
    expect(ofType(t, 'NOM').filter((n) => !/brunet/i.test(n))).toEqual(['Romane TESSIER', 'Jules TESSIER', 'Romane', 'Jules']);
  });
  it('reads names listed under a label of persons on the line above, and two civilities joined by "et"', () => {
    const t = `Commission de médiation du Jura
1, place de la Mairie – 39000 Lons-le-Saunier

Demandeurs :
1. M. PERRIER Alain
2. Mme PERRIER Odile

                                        Monsieur Alain PERRIER et Madame Odile PERRIER
                                        Le Moulin Neuf
                                        39570 Courlaoux

Objet : votre demande
${SIGN}`;
    const names = ofType(t, 'NOM');
    expect(names).toContain('PERRIER Alain');
    expect(names).toContain('PERRIER Odile');
    expect(names).toContain('Odile PERRIER');
    expect(ofType(t, 'ADRESSE')).toEqual(['Le Moulin Neuf\n                                        39570 Courlaoux']);
  });
  it('keeps a person’s surname when an agent’s label line also mentions it, but not a role after the name', () => {
    const t = letter(
      'Contact : 06 41 20 87 55 (M. Delbos) – enregistré dans votre dossier.\nDossier présenté par : Mme Inès Carvalho, conseillère en économie sociale et familiale.',
    ).replace('Madame Lucie BRUNET', 'Monsieur Paul DELBOS').replace('Madame Brunet,', 'Monsieur Delbos,');
    const names = ofType(t, 'NOM');
    expect(names.filter((n) => /delbos/i.test(n)).length).toBe(3);
    expect(names.some((n) => /Carvalho/.test(n))).toBe(false);
  });
  it('forgets an agent guessed from the words around one mention when the surname is the person’s elsewhere', () => {
    const t = letter(
      'Affaire : BRUNET / GIRAUD\nM. Paul GIRAUD m’a saisi d’un différend qui vous oppose.\nJe peux aussi vous appeler au 04 76 11 22 33, numéro que M. Giraud m’a communiqué.',
    );
    expect(ofType(t, 'NOM').filter((n) => /giraud/i.test(n))).toEqual(['GIRAUD', 'Paul GIRAUD', 'Giraud']);
  });
});

describe('identifiers, phones and addresses without the usual labels', () => {
  it('reads any noun numbered for the person and identifiers named in the text, not service numbers', () => {
    const t = letter(
      'Concession n° PL-C-2001-0877 au cimetière de l’Est.\nVotre demande (dossier 2025-JUR-004417) est complète ; le dossier porte le numéro 39-2025-0512.\nNote d’information n° 2025-03. Lettre recommandée avec accusé de réception n° 2C 118 442 9031 7. Appelez le numéro 3646.',
    );
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['PL-C-2001-0877', '2025-JUR-004417', '39-2025-0512']);
  });
  it('reads a mobile number as the person’s unless the sender gives it as their own', () => {
    const t = letter('Lors de votre appel du 3 mars, vous avez demandé à être rappelée au 06 52 18 44 90.\nJe reste joignable au 06 70 11 23 45 (téléphone de service, le jeudi).');
    expect(ofType(t, 'TELEPHONE')).toEqual(['06 52 18 44 90']);
  });
  it('reads a mobile number in a log of messages sent, a number declared in the header, and ends an agent’s label with its sentence', () => {
    const log = letter(
      'Journal des envois :\nSMS    02/06/2026 09:01   06 48 22 91 07    Rappel : RDV demain à 10h20, accueil Titres\nSMS    02/06/2026 09:02   06 48 22 91 07    ÉCHEC – numéro non attribué\n\nVotre technicienne reste votre interlocutrice. Nous avons noté le numéro de Mme Brunet, le 07 55 12 40 98.',
    );
    expect(ofType(log, 'TELEPHONE')).toEqual(['06 48 22 91 07', '06 48 22 91 07', '07 55 12 40 98']);
    expect(ofType(log, 'NOM')).toContain('Brunet');
    const header = `SNCF Voyageurs – Service des procès-verbaux
Téléphone déclaré : 07 61 33 80 12

Objet : avis de contravention

Madame,

Nous avons relevé une infraction.${SIGN}`;
    expect(ofType(header, 'TELEPHONE')).toEqual(['07 61 33 80 12']);
  });
  it('reads the lines under "Coordonnées que vous nous avez communiquées :" as the person’s', () => {
    const t = letter('Coordonnées que vous nous avez communiquées :\n9, chemin des Aulnes, 39100 Dole\n03 84 70 12 34\n\nLe service reste à votre écoute.');
    expect(ofType(t, 'ADRESSE').slice(1)).toEqual(['9, chemin des Aulnes, 39100 Dole']);
    expect(ofType(t, 'TELEPHONE')).toEqual(['03 84 70 12 34']);
  });
  it('reads addresses given as the person’s in other words, and a third person’s phone', () => {
    const t = letter(
      'Hébergé chez : M. Malik OUALI, 5, rue des Tanneurs, 39100 Dole\nVotre père résidait jusqu’alors 8, rue Pasteur, 39000 Lons-le-Saunier.\nLe dossier vous a été envoyé à l’adresse que vous avez indiquée pour cet envoi : 3, allée des Saules, 39800 Poligny.\nVotre sœur est la personne de confiance ; nous la joignons au 03 84 72 19 40.',
    );
    expect(ofType(t, 'ADRESSE').slice(1)).toEqual(['5, rue des Tanneurs, 39100 Dole', '8, rue Pasteur, 39000 Lons-le-Saunier', '3, allée des Saules, 39800 Poligny']);
    expect(ofType(t, 'NOM')).toContain('Malik OUALI');
    expect(ofType(t, 'TELEPHONE')).toEqual(['03 84 72 19 40']);
  });
  it('reads forms with dot leaders, several birth dates in a row, and identifiers named without a colon', () => {
    const t = letter(
      'Numéro de demande .............. AVE-2026-01962\nDate de naissance ............... 1981-02-08\nVos enfants, nés le 12/05/2015 et le 28/10/2019, sont inscrits.\nVotre numéro fiscal personnel reste le 30 14 582 907 316.\nVotre épouse a sa propre demande (n° OFPRA 25-09-0418-7732).',
    );
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['AVE-2026-01962', '30 14 582 907 316', '25-09-0418-7732']);
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['1981-02-08', '12/05/2015', '28/10/2019']);
  });
  it('reads tab-separated tables by their header, not label-value pairs; "DN :" and ISO dates in cells', () => {
    const t = letter(
      'Nom et prénom\tDate de naissance\tN° d’inscription\nCHAPPUIS Olivier\t06/11/1981\tGEN-2025-118402\nCHAPPUIS Léa\t2016-09-09\tGEN-2025-118404\n\nAssuré\tJOUBERT Mickaël\nLésion\tentorse du poignet\n\n– Kélyan ÉDOUARD, DN : 03/07/2014',
    );
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['06/11/1981', '2016-09-09', '03/07/2014']);
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['GEN-2025-118402', 'GEN-2025-118404']);
    expect(ofType(t, 'NOM')).not.toContain('Lésion');
  });
  it('reads a code in brackets right after a person’s name as theirs, not a year', () => {
    const t = letter('Candidat : Raphaël NGUYEN-LEGRAND (CRR-ADM-25-0662).\nVotre fils, Hugo Brunet (2015), est inscrit.');
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['CRR-ADM-25-0662']);
  });
  it('leaves alone public accounts, legal texts, roles, numbers of services abroad and parcel tracking', () => {
    const t = letter(
      'Payez par virement : IBAN FR76 1007 1077 4798 1321 0010 238 – BIC TRPUFRP1.\nTextes : ordonnance n° 96-1122 du 20 décembre 1996 relative à la santé publique.\nSalarié né le 05/01/1996 à Casablanca.\nSection consulaire de Lisbonne : +351 213 939 292\nNuméro de suivi du colis : LP 0082 4471 9CN.\nNuméro vert : 0 800 972 100.',
    );
    expect(ofType(t, 'IBAN')).toEqual([]);
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual([]);
    expect(ofType(t, 'TELEPHONE')).toEqual([]);
    expect(ofType(t, 'NOM').filter((n) => !/brunet/i.test(n))).toEqual([]);
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['05/01/1996']);
  });
  it('reads the addressee of an e-mail header, whatever the provider', () => {
    const t = `De : Caisse de retraite <ne-pas-repondre@retraite-exemple.fr>
Pour : a.vandamme@telenet.be
Objet : certificat de vie

Madame,

Votre certificat de vie est arrivé.${SIGN}`;
    expect(ofType(t, 'EMAIL')).toEqual(['a.vandamme@telenet.be']);
  });

  it('reads a birth or married name after any name found, and the persons of a deceased', () => {
    const t = `Banque du Dauphiné
Pôle successions

Madame Brigitte LAMY
12, chemin des Granges
38510 Morestel

Succession de M. Marcel HUBERT, décédé le 19 janvier 2026
Votre interlocutrice : Mme Élise Morand

Madame,

Les héritiers sont vous-même et votre frère.
- Émilie LAMY née JOUBERT, belle-sœur
b) Nom : ZOUARI née BEN SALAH     Prénom : Fatma
Le virement à Marcel JOUBERT sera fait le 2 avril.${SIGN}`;
    const names = ofType(t, 'NOM');
    for (const n of ['Brigitte LAMY', 'Marcel HUBERT', 'JOUBERT', 'ZOUARI', 'BEN SALAH', 'Fatma']) expect(names).toContain(n);
    // the repeated birth name is looked for again
    expect(names.filter((n) => n.includes('JOUBERT'))).toHaveLength(2);
    // the agent stays
    expect(names.join(' ')).not.toMatch(/Morand/);
  });

  it('reads two persons named in the recipient block', () => {
    const t = `Mairie de Riom
Service petite enfance

Madame Amandine ROCHE et Monsieur Benoît VAN DER BERGHE
12 rue des Lilas
63200 Riom

Madame, Monsieur,

Benoît peut signer seul.${SIGN}`;
    expect(ofType(t, 'NOM')).toEqual(['Amandine ROCHE', 'Benoît VAN DER BERGHE', 'Benoît']);
  });

  it('reads a contact person of the family as a person, and a family’s webmail address as theirs', () => {
    const t = letter(
      'Votre dossier d’admission mentionne :\n- personne de contact : votre fille, 06 84 51 29 70, nathalie.guillot-bernard@sfr.fr ;\nLe collège a enregistré l’adresse famille.chevalier51@gmail.com.',
    );
    expect(ofType(t, 'TELEPHONE')).toEqual(['06 84 51 29 70']);
    expect(ofType(t, 'EMAIL')).toEqual(['nathalie.guillot-bernard@sfr.fr', 'famille.chevalier51@gmail.com']);
  });

  it('reads an IBAN whose digits happen to hold a NIR with a valid key as an IBAN', () => {
    const t = letter('Vous nous avez indiqué le compte FR76 1027 8341 8578 8079 8871 074 pour le prélèvement.');
    expect(ofType(t, 'IBAN')).toEqual(['FR76 1027 8341 8578 8079 8871 074']);
    expect(ofType(t, 'NIR')).toEqual([]);
  });

  it('reads identifiers written in the scheme of one already found, and labels with a code or « demande »', () => {
    const t = letter(
      'N° de pension : B 26 031 744 Y\nPension d’origine : O 19 882 015 K\nDossier S1 : 57-FRT-2026-02271\nVotre demande : MJ-2026-BFC-048812\nNuméro d’agrément de la structure : Q 11 222 333 Z\nLettre recommandée n° 2C 123 456 7890 1',
    );
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['B 26 031 744 Y', 'O 19 882 015 K', '57-FRT-2026-02271', 'MJ-2026-BFC-048812']);
  });

  it('reads a first name after a dash and the other parent of a form', () => {
    const t = letter('Nom : DUMONT – Prénom : Agnès\nAutre parent : DUBOIS Laura');
    expect(ofType(t, 'NOM').filter((n) => !/brunet/i.test(n))).toEqual(['DUMONT', 'Agnès', 'DUBOIS Laura']);
  });

  it('reads recipient blocks under a civility in two languages or « À l’attention de : » without civility', () => {
    const head = 'Caisse nationale\nService des retraités\n\n';
    const spanish = head + 'Señor / Monsieur Gérard FONTAINE\nCalle Mayor 27, 2.º B\n03590 Altea (Alicante)\nESPAGNE\n\nMonsieur,\n\nVotre dossier est complet.' + SIGN;
    expect(ofType(spanish, 'ADRESSE')).toEqual(['Calle Mayor 27, 2.º B\n03590 Altea (Alicante)\nESPAGNE']);
    const couple = head + 'À l’attention de : Antoine DESCHAMPS et Sarah BEN HAMIDA\n11, rue de la Pie-qui-Boit\n35400 Saint-Malo\n\nMadame, Monsieur,\n\nVotre dossier est complet.' + SIGN;
    expect(ofType(couple, 'ADRESSE')).toEqual(['11, rue de la Pie-qui-Boit\n35400 Saint-Malo']);
    expect(ofType(couple, 'NOM').join(' ')).toMatch(/DESCHAMPS.*BEN HAMIDA/);
  });

  it('reads an address under a heading « Adresse … : », not under one of the service', () => {
    const t = letter('Adresse dans le pays de résidence :\nRoute de Tunis, km 5\n3027 Sfax\nTUNISIE\n\nAdresse de l’agence :\n12, rue Pasteur\n38000 Grenoble');
    // (with the country's line, as the recipient block's: the README's convention)
    expect(ofType(t, 'ADRESSE').filter((a) => !/Cèdres/.test(a))).toEqual(['Route de Tunis, km 5\n3027 Sfax\nTUNISIE']);
  });

  it('leaves alone an animal’s name and birth, an acronym after a name, and labels after a dash', () => {
    const t = letter(
      'Élève : CHEVALIER Léo – INE 2911045832K\n\nChien détenu :\nNom : Titan – Race : rottweiler\nSexe : mâle – Né le 14/05/2024',
    );
    expect(ofType(t, 'NOM').filter((n) => !/brunet/i.test(n))).toEqual(['CHEVALIER Léo']);
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual([]);
  });

  it('leaves alone labelled values that are no address, the Caisse des dépôts’ accounts, and the service’s colleagues and lines', () => {
    const t = `Étude de Maître Lecoq, mandataire judiciaire
12, rue Jeanne-d’Arc – 76000 Rouen
Tél. : 02 35 07 19 40 – salaries@lecoq-mj.fr

Monsieur Karim BENALI
4, rue des Sapins
76100 Rouen

Monsieur,

Logement : studio meublé de 24 m², loué depuis le 1er septembre 2026
Adresse de correspondance : chez sa mère, à l’adresse ci-dessus
Mon collaborateur, M. Romain Duclos : 02 35 07 19 46.
Les sommes seront versées sur le compte de la liquidation : FR76 4003 1690 4316 2128 4271 361.${SIGN}`;
    expect(ofType(t, 'ADRESSE')).toEqual(['4, rue des Sapins\n76100 Rouen']);
    expect(ofType(t, 'NOM')).toEqual(['Karim BENALI']);
    expect(ofType(t, 'TELEPHONE')).toEqual([]);
    expect(ofType(t, 'IBAN')).toEqual([]);
  });

  it('reads more identifier labels: RG, affaire, signalement, a number in brackets, a parking penalty, a request’s reference', () => {
    const t = letter(
      [
        'N° de mesure : PM-87-10394    RG : 24/00218',
        'Votre numéro fiscal (3071 842 569 130) figure sur votre avis.',
        'Votre affaire : 25 087 000 412 (numéro parquet)',
        'Suite donnée à votre signalement SC-2025-07-45812.',
        'Le forfait post-stationnement (FPS) n° 67482 2025 0519 00731 de 35 € est annulé.',
        'Réf. de la demande en ligne : EC-8D47-K2Q9',
        'Énergies de l’Ouest : client 6002 481 937, 684,90 €',
      ].join('\n'),
    );
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual([
      'PM-87-10394',
      '24/00218',
      '3071 842 569 130',
      '25 087 000 412',
      'SC-2025-07-45812',
      '67482 2025 0519 00731',
      'EC-8D47-K2Q9',
      '6002 481 937',
    ]);
  });

  it('reads a place without a street number after the person’s words, not the end of a street nor a country', () => {
    const t = letter(
      [
        'Votre nouvelle adresse, Résidence Les Flamboyants, bâtiment B, 97139 Les Abymes, a été déclarée.',
        'Votre mère vit seule au lieu-dit Le Puy Grolier, 19700 Seilhac.',
        'Un contrôle aura lieu à votre domicile (La Ferme du Suran, à Meillonnas).',
        'L’audience se tiendra au tribunal, 2, rue Aristide-Briand, 37000 Tours.',
        'Votre frère vit en Suisse, à Sainte-Croix.',
      ].join('\n'),
    );
    expect(ofType(t, 'ADRESSE').filter((a) => !/Cèdres/.test(a))).toEqual([
      'Résidence Les Flamboyants, bâtiment B, 97139 Les Abymes',
      'lieu-dit Le Puy Grolier, 19700 Seilhac',
      'La Ferme du Suran, à Meillonnas',
    ]);
  });

  it('reads a third person’s mobile in a sentence that merely holds an organisation’s word', () => {
    const t = letter('Votre voisin nous a indiqué qu’il vous écrirait cette semaine. Il est joignable au 06 45 71 90 38.');
    expect(ofType(t, 'TELEPHONE')).toEqual(['06 45 71 90 38']);
  });

  it('reads several values of one scheme under a plural label, and labels in brackets or after a dash', () => {
    const t = letter(
      [
        'Numéros fiscaux : 07 41 286 593 012 (M.) – 07 44 913 205 768 (Mme)',
        'N° de sécurité sociale : 1 48 05 2B 033 012 70 – Matricule Ircantec : M 480 522 731',
        'Votre fils est élève au lycée de Basse-Terre (INE : 0701287463K).',
        'Dossier : 2025-00412, 3 pièces manquantes',
      ].join('\n'),
    );
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['07 41 286 593 012', '07 44 913 205 768', 'M 480 522 731', '0701287463K', '2025-00412']);
  });

  it('reads a hospital number and a short reference in the text, a label holding a year, a birth date after a comma, an address « que vous indiquez être »', () => {
    const t = letter(
      [
        'Patient : FAVRE Julien – IPP 730018456',
        'Rendez-vous au centre de collecte : réf. CAS-TLS-2610-58214',
        'Objet : Réf. RAT-33-2026-118274 – rattachement de votre fille',
        'Référence de l’avis d’impôt sur les revenus 2024 : 25 93 B64 512 077 41',
        'L’extrait indique une date de naissance, le 3 mai 1995, qui ne correspond pas.',
        'Joignez un justificatif du domicile de votre fils, que vous indiquez être 7, rue Dumenge, 69004 Lyon.',
        'Le refus de visa à un conjoint de Français ne peut être opposé qu’en cas de fraude.',
      ].join('\n'),
    );
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['730018456', 'CAS-TLS-2610-58214', 'RAT-33-2026-118274', '25 93 B64 512 077 41']);
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['3 mai 1995']);
    expect(ofType(t, 'ADRESSE')).toContain('7, rue Dumenge, 69004 Lyon');
    expect(ofType(t, 'NOM').join(' ')).not.toMatch(/Français/);
  });

  it('finds a known first name again after an elided word (« d’Enzo »)', () => {
    const t = letter('Votre fils Enzo est convoqué. La carte devra être retirée en présence d’Enzo, lorsqu’Enzo aura 12 ans.');
    expect(ofType(t, 'NOM').filter((n) => !/brunet/i.test(n))).toEqual(['Enzo', 'Enzo', 'Enzo']);
  });

  it('reads a block « Aux parents de … » and a labelled address in a street named after the nation', () => {
    const t = `Centre de PMI du Havre\nService de santé de l’enfant\n\nAux parents de Maya DIOP\nTour 7, appartement 114\n12, place Rouelles\n76610 Le Havre\n\nMadame, Monsieur,\n\nAdresse précédente (moins de 3 ans) : 3, rue Nationale, 13001 Marseille${SIGN}`;
    expect(ofType(t, 'ADRESSE')).toEqual(['Tour 7, appartement 114\n12, place Rouelles\n76610 Le Havre', '3, rue Nationale, 13001 Marseille']);
    expect(ofType(t, 'NOM')).toEqual(['Maya DIOP']);
  });
});

describe('identifiers in the running text and public accounts', () => {
  it('reads « Dossier » with a capital, a hyphenated qualifier, « , le » before the value and « sous le n° »', () => {
    const t = letter(
      [
        'Journal des messages – Dossier PV 2025/118204',
        'Votre plainte est enregistrée sous le n° 2025/118204.',
        'Connectez-vous avec votre identifiant Humanis-Retraite HR-0012345678.',
        'Votre fille a son propre numéro fiscal, le 3104 552 981 337, depuis 2024.',
        'Le courrier vous sera envoyé à votre contrat, 45000 Orléans.',
      ].join('\n'),
    );
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['PV 2025/118204', '2025/118204', 'HR-0012345678', '3104 552 981 337']);
  });
  it('reads a field after a bar, a delivery point with its acronym, a theft report and a file « d’agrément », not a European regulation', () => {
    const t = letter(
      [
        'Allocataire : 5512873 | Dossier transfrontalier : BE-FR-2025-00817',
        'Point de livraison gaz (PCE) : 21 4470 0081 3392',
        'Le titre a été volé (déclaration de vol n° 44109/00871/2025, commissariat de Nantes).',
        'Dossier d’agrément n° AM-38-2025-0457',
        'En application du règlement européen n° 987/2009, la France verse un complément.',
        'Vol n° AF1234 au départ de Lyon.',
      ].join('\n'),
    );
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['5512873', 'BE-FR-2025-00817', '21 4470 0081 3392', '44109/00871/2025', 'AM-38-2025-0457']);
  });
  it('leaves alone an account at the Banque de France (bank code 30001, BIC BDFEFRPP)', () => {
    const t = letter('Les paiements se font par virement sur le compte indiqué dans votre espace, par exemple :\nIBAN FR76 3000 1007 9420 0200 0000 077 – BIC BDFEFRPPCCT');
    expect(ofType(t, 'IBAN')).toEqual([]);
  });
});

describe('addresses abroad, after a name, and house names', () => {
  it('reads a street whose number follows its name, a floor and door, a foreign postcode and the country', () => {
    const t = letter(
      [
        'Votre fils, qui réside à l’étranger, demeure Rua Augusta 57, 2.º dto., 1100-048 Lisboa, Portugal.',
        'Votre sœur demeurant Calle Mayor 12, 4º A, 28013 Madrid (Espagne) a signé.',
        'Votre mère habite 3 carrer del Sol à Banyuls.',
        'Vous habitez Chemin des Grillons 14, 74500 Évian-les-Bains.',
        'Le stade se trouve place du 8 Mai 1945, 38000 Grenoble.',
      ].join('\n'),
    );
    expect(ofType(t, 'ADRESSE').slice(1)).toEqual([
      'Rua Augusta 57, 2.º dto., 1100-048 Lisboa, Portugal',
      'Calle Mayor 12, 4º A, 28013 Madrid (Espagne)',
      '3 carrer del Sol à Banyuls',
      'Chemin des Grillons 14, 74500 Évian-les-Bains',
    ]);
  });
  it('reads an address written right after a person’s name, also in the header, and a place without number', () => {
    const t = `Mairie de Volvic\nService état civil\n1, place de l’Église – 63530 Volvic\n\nDestinataires :\nMme Agathe FAURE – 15, rue des Tanneurs, 63000 Clermont-Ferrand\n\nObjet : votre rendez-vous\n\nMadame,\n\nSon père, M. Paul VIDAL, dont l’adresse est 6, allée des Saules, 31400 Toulouse, a été informé. Si le départ se fait chez votre mère, Mme Rose FAURE, à 4, cours Sablon, 63000 Clermont-Ferrand, prévenez-nous.\n1. M. Bernard VIGIER – Mas de la Garrigue, 30170 Fressac – parcelle A 12 ;${SIGN}`;
    expect(ofType(t, 'ADRESSE')).toEqual([
      '15, rue des Tanneurs, 63000 Clermont-Ferrand',
      '6, allée des Saules, 31400 Toulouse',
      '4, cours Sablon, 63000 Clermont-Ferrand',
      'Mas de la Garrigue, 30170 Fressac',
    ]);
  });
  it('reads a labelled address that starts with a house’s name, not a public house; a town may bear an organisation’s word', () => {
    const t = letter('   Adresse : Maison Ithurria, 64220 Saint-Jean-Pied-de-Port\n   Adresse : Domaine des Aulnes, 33290 Le Pian-Médoc\n   Adresse : Maison de la Solidarité, 64120 Saint-Palais');
    expect(ofType(t, 'ADRESSE').slice(1)).toEqual(['Maison Ithurria, 64220 Saint-Jean-Pied-de-Port', 'Domaine des Aulnes, 33290 Le Pian-Médoc']);
  });
  it('reads a recipient block under a civility alone, in a two-column header; a clerk or a lieutenant is an agent', () => {
    const t = `Étude de Maîtres ROUX et PONS\nNotaires associés\n\nDossier suivi par :                                 Monsieur et Madame\nMme Inès Carrel, clerc                              Gérard et Lucie MONTAGNE\nLigne directe : 04 72 10 20 31                      Domaine des Aulnes\ni.carrel@etude-roux.fr                              2, chemin du Lavoir\nNotre réf. : 2026-0077-IC                           69380 Lozanne\n\nMadame, Monsieur,\n\nLa battue est dirigée par M. Alain Garnier, lieutenant de louveterie (tél. 06 11 22 33 44).${SIGN}`;
    expect(ofType(t, 'NOM')).toEqual(['Gérard et Lucie MONTAGNE']);
    expect(ofType(t, 'ADRESSE')).toEqual(['Domaine des Aulnes', '2, chemin du Lavoir', '69380 Lozanne']);
    expect(ofType(t, 'TELEPHONE')).toEqual([]);
  });
});

describe('names from tables', () => {
  it('finds a first name of a table’s name column again in the text, and a birth name up to the next cell', () => {
    const t = letter(
      [
        'Membres du foyer :',
        '',
        '| Nom et prénom     | Lien       | Né(e) le   |',
        '| GARNIER Timéo     | enfant     | 14/02/2022 |',
        '',
        'La prestation pour Timéo reste versée par la Caf.',
        '',
        'Nom\tPrénom\tLien\tNé(e) le',
        'SOW née DIALLO\tMariam\tépouse\t1991-04-12',
        '',
        'Votre épouse, Mme SOW, vous rejoindra.',
      ].join('\n'),
    );
    expect(ofType(t, 'NOM')).toEqual(expect.arrayContaining(['GARNIER Timéo', 'Timéo', 'DIALLO']));
  });
  it('reads no table in label-value lines set apart with spaces', () => {
    const t = letter('Nom, prénom :        MARTIN Chloé\nN° étudiant :         22104588\nFormation :           Licence 3 Histoire');
    expect(ofType(t, 'NOM').filter((n) => !/brunet/i.test(n))).toEqual(['MARTIN Chloé']);
  });
});

describe('relatives, birth names and birth dates in more shapes', () => {
  it('reads « vos parents, X et Y », a relative in the person’s own words, and a birth name in two languages', () => {
    const t = letter(
      [
        'Vous indiquez que vos parents, Karim BENALI et Sophie ROUX, ne peuvent plus vous aider.',
        'Dans votre message : « le virement peut aller sur le compte de mon père, Henri VASSEUR. »',
        'Frau / Madame Ingrid KELLER geb. / née SOARES',
      ].join('\n'),
    );
    expect(ofType(t, 'NOM').filter((n) => !/brunet/i.test(n))).toEqual(['Karim BENALI et Sophie ROUX', 'Henri VASSEUR', 'Ingrid KELLER', 'SOARES']);
  });
  it('reads the next cells of a birth-date row and a birth date after two dots, not another date after spaces', () => {
    const t = letter('Rubrique\tEnfant\tParent\nNé(e) le\t02/06/2019\t17/10/1984\nDate de naissance .. 05/01/2002\nNée le 12/03/1980    Date d’entrée : 01/09/2020');
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['02/06/2019', '17/10/1984', '05/01/2002', '12/03/1980']);
  });
});

describe('phones: the caller’s number and an agent’s line', () => {
  it('reads the number someone called from as theirs', () => {
    const t = letter(
      [
        'Votre fils, M. Hugo BRUNET, conducteur du véhicule, nous a appelés depuis le 06 72 18 40 95 ce matin.',
        '',
        'Votre sœur peut aussi nous appeler depuis le +34 612 90 41 27 qu’elle nous a donné.',
        '',
        'Nous répondrons aux courriels que vous enverrez, ou aux appels du 07 81 26 33 90.',
      ].join('\n'),
    );
    expect(ofType(t, 'TELEPHONE')).toEqual(['06 72 18 40 95', '+34 612 90 41 27', '07 81 26 33 90']);
  });
  it('leaves alone a number followed by the agent’s name in brackets, not by the person’s', () => {
    const t = `Agence Immobilière du Centre\n2, place Carnot – 21000 Dijon\nTél. 03 80 41 22 10\n\nMadame Julie PERRIN\n8, rue Monge\n21000 Dijon\n\nMadame,\n\nPour toute contestation, joignez-nous au 03 80 41 22 17 (Mme Anne Lopez, gestionnaire).\n\nVous nous avez laissé le 06 20 41 87 55 (Mme Perrin) – enregistré dans votre dossier.\n\nVeuillez agréer, Madame, nos salutations distinguées.\n\nAnne Lopez\nGestionnaire locative\n`;
    expect(ofType(t, 'TELEPHONE')).toEqual(['06 20 41 87 55']);
  });
});

describe('a reply quoting the person’s own message', () => {
  const reply = (quoted: string): string =>
    `De : Claire Dumas <claire.dumas@caf-exemple.fr>\nÀ : lea.fontaine88@free.fr\nObjet : RE: votre demande\n\nBonjour Madame Fontaine,\n\nVotre demande est bien enregistrée.\n\nCordialement,\nClaire Dumas\nConseillère – Caf de l’Ain\nLigne directe : 04 74 45 10 22\n\n${quoted}`;
  const message = `Envoyé : lundi 2 mars 2026 20:14\nÀ : claire.dumas@caf-exemple.fr\nObjet : demande\n\nBonsoir Madame Dumas,\n\nLe remboursement peut être versé sur le compte de mon frère, Paul FONTAINE, IBAN FR76 1670 6050 8712 9843 2207 672.\n\nVous pouvez me joindre au 07 52 18 64 30, ou mon frère au 04 74 21 55 18.\n\nMerci.\n\nLéa Fontaine\n`;
  it('reads the quoted message of the addressee as the person’s words, below the reply’s signature', () => {
    const t = reply(`-----Message d'origine-----\nDe : lea.fontaine88@free.fr\n${message}`);
    expect(ofType(t, 'EMAIL')).toEqual(['lea.fontaine88@free.fr', 'lea.fontaine88@free.fr']);
    expect(ofType(t, 'TELEPHONE')).toEqual(['07 52 18 64 30', '04 74 21 55 18']);
    expect(ofType(t, 'IBAN')).toEqual(['FR76 1670 6050 8712 9843 2207 672']);
    // (the signature of the quoted message, under its closing, is the person's whole name)
    expect(ofType(t, 'NOM')).toEqual(['Fontaine', 'Paul FONTAINE', 'Léa Fontaine']);
  });
  it('leaves first-person lines to the service when the quoted sender is not the addressee', () => {
    const t = reply(`-----Message d'origine-----\nDe : service.juridique@caf-exemple.fr\n${message.replace(/mon frère, Paul FONTAINE, /, '').replace(', ou mon frère au 04 74 21 55 18', '')}`);
    expect(ofType(t, 'TELEPHONE')).toEqual([]);
  });
});

describe('names at the start of list items', () => {
  const body = (sep: string): string =>
    ['Les riverains ont été consultés dans l’ordre des parcelles :', '1. M. Denis ARNAL – Mas des Oliviers, 30170 Fressac – parcelle A 14 ;', '2. PUECH Odile – parcelle A 15 ;', '3. LAFONT-ROUVIÈRE Martine – parcelle A 17.', '', 'M. Arnal a accepté. Pièces à fournir :', '– Une pièce d’identité ;', '– Un justificatif de domicile.'].join(sep);
  it('reads the names of the other items of a list that starts with a person, and the place after a name', () => {
    const t = letter(body('\n'));
    expect(ofType(t, 'NOM').filter((n) => !/brunet/i.test(n))).toEqual(['Denis ARNAL', 'PUECH Odile', 'LAFONT-ROUVIÈRE Martine', 'Arnal']);
    expect(ofType(t, 'ADRESSE')).toContain('Mas des Oliviers, 30170 Fressac');
  });
  it('reads such a list set as word-processor paragraphs, one blank line apart', () => {
    const t = letter(body('\n\n'));
    expect(ofType(t, 'NOM').filter((n) => !/brunet/i.test(n))).toEqual(['Denis ARNAL', 'PUECH Odile', 'LAFONT-ROUVIÈRE Martine', 'Arnal']);
  });
});

describe('professionals around the person', () => {
  it('leaves alone a company tutor named in copy and then under « Tuteur : » with a job title', () => {
    const t = `Université de Lorraine – Bureau des stages\n\nÀ : Inès MARCHAL <ines.marchal@etu.univ-lorraine.fr>\nCopie : tuteur en entreprise, M. Olivier Perrot <o.perrot@bureau-etudes.fr>\nObjet : convention de stage\n\nBonjour,\n\nOrganisme d’accueil : Bureau d’études Hydro-Est\nTuteur : M. Olivier Perrot, ingénieur hydraulicien\n\nVotre tutrice légale, Mme Sylvie MARCHAL, a été informée.\n\nCordialement,\n\nLe bureau des stages\n`;
    const names = ofType(t, 'NOM');
    expect(names.join(' | ')).not.toMatch(/Perrot/);
    expect(names).toContain('Sylvie MARCHAL');
  });
});

describe('an account named by the person’s role, a first name in quotes', () => {
  it('reads the IBAN of « le compte de l’étudiant » even in a block that names the host organisation', () => {
    const t = letter('STAGE\nStructure d’accueil : Laboratoire Terres Vives\nVersement par la structure d’accueil sur le compte de l’étudiant :\nIBAN FR76 1213 5027 7456 9250 1727 817');
    expect(ofType(t, 'IBAN')).toEqual(['FR76 1213 5027 7456 9250 1727 817']);
  });
  it('reads a name in quotes after « prénom », not a quoted title', () => {
    const t = letter('Dans l’acte, le prénom de votre fils est écrit « Jean-Marie », et non « Jean-Mari ». Consultez la rubrique « Mes Démarches ».');
    expect(ofType(t, 'NOM').filter((n) => !/brunet/i.test(n))).toEqual(['Jean-Marie']);
  });
});

describe('recipient blocks set as word-processor paragraphs', () => {
  it('reads the address lines one blank line apart under the civility line, down to the postcode, whatever the first line', () => {
    const t = [
      'Caisse de retraite du Sud-Ouest',
      '',
      '12, allée des Platanes – 33000 Bordeaux',
      '',
      'Monsieur Hervé LASSERRE',
      '',
      'Menuiserie Lasserre (entreprise individuelle)',
      '',
      'Borde Neuve',
      '',
      '64990 Urcuit',
      '',
      'Bordeaux, le 3 mars 2026',
      '',
      'Objet : votre dossier',
      '',
      'Monsieur,',
      '',
      'Votre demande est enregistrée.',
      '',
      'Veuillez agréer, Monsieur, nos salutations distinguées.',
    ].join('\n');
    // (as in a single-spaced block, the lines between the name and the postcode make one span)
    expect(ofType(t, 'ADRESSE')).toEqual(['Menuiserie Lasserre (entreprise individuelle)\n\nBorde Neuve\n\n64990 Urcuit']);
    expect(ofType(t, 'NOM')).toEqual(['Hervé LASSERRE']);
  });
});

describe('the sender’s postal address above the recipient block', () => {
  it('leaves alone « Adresse postale : » in a letterhead set as paragraphs, not « Adresse des travaux : »', () => {
    const t = [
      'AGENCE DES TITRES',
      '',
      'Centre de ressources titres',
      '',
      'Adresse postale : CRT – 4, rue Moyenne – 18000 Bourges',
      '',
      'Adresse des travaux : 9, rue des Mouettes, 35400 Saint-Malo',
      '',
      'Monsieur Paul ROUX',
      '',
      '7, avenue Pasteur',
      '',
      '35800 Dinard',
      '',
      'Objet : votre demande',
      '',
      'Monsieur,',
      '',
      'Votre demande est enregistrée.',
    ].join('\n');
    expect(ofType(t, 'ADRESSE')).toEqual(['9, rue des Mouettes, 35400 Saint-Malo', '7, avenue Pasteur\n\n35800 Dinard']);
  });
});

describe('caller lines in the service’s blocks, more foreign streets, « reçue par : »', () => {
  it('reads the number a call came from even in a block of the service’s words', () => {
    const t = letter('Détail de l’intervention\nIntervention du mardi 4 août 2026, 17 h 40\nAppel reçu au 18 depuis le 06 41 28 90 17');
    expect(ofType(t, 'TELEPHONE')).toEqual(['06 41 28 90 17']);
  });
  it('reads a Spanish « camino » after a relative’s name, and leaves alone the agent under « Demande reçue par : »', () => {
    const t = letter('Lieu de séjour : chez ma sœur, Ane GARAIKOETXEA, Camino de Larrabide 7, 2º dcha., 48012 Bilbao (Espagne)\nDemande reçue par : Maréchal des logis-chef Iker Etxart');
    expect(ofType(t, 'ADRESSE')).toContain('Camino de Larrabide 7, 2º dcha., 48012 Bilbao (Espagne)');
    expect(ofType(t, 'NOM').join(' | ')).not.toMatch(/Etxart/);
  });
});

describe('addresses: the same street again, a drifting right column, more cues', () => {
  it('reads the recipient’s street again when the text names it with « à » and the town', () => {
    const t = letter('Le juge statuera sur la contribution à leur entretien et le logement familial, situé 7, avenue Jean-Perrot à Grenoble.');
    expect(ofType(t, 'ADRESSE')).toContain('7, avenue Jean-Perrot à Grenoble');
  });
  it('reads a right column whose line leaves only two spaces after a long left cell, one character off', () => {
    const t = [
      'Préfecture de l’Isère',
      '',
      'Dossier suivi par : Mme Anne Roux                 Monsieur Karim HADDAD',
      'Instructrice, bureau des titres                    Résidence Les Lilas, bât. 2',
      'Tél. (mardi, jeudi, 9 h – 12 h) : 04 76 60 34 00   5, rue des Alpes',
      'Réf. service : TIT/2025                           38100 Grenoble',
      '',
      'Objet : votre demande',
      '',
      'Monsieur,',
      '',
      'Votre demande est enregistrée.',
    ].join('\n');
    expect(ofType(t, 'ADRESSE')).toEqual(['Résidence Les Lilas, bât. 2', '5, rue des Alpes', '38100 Grenoble']);
  });
  it('reads a place under « les coordonnées que vous avez indiquées » and an address after « dernier domicile »', () => {
    const t = letter('Les coordonnées que vous avez indiquées dans votre réclamation (Le Mas Blanc, 07200 Aubenas) restent confidentielles.\nSon dernier domicile était Résidence Les Pins, 4, rue Paoli, 20200 Bastia.');
    expect(ofType(t, 'ADRESSE').slice(1)).toEqual(['Le Mas Blanc, 07200 Aubenas', 'Résidence Les Pins, 4, rue Paoli, 20200 Bastia']);
  });
});

describe('the letter after its signature', () => {
  it('reads a paragraph to the reader set after the signature as the letter’s, not a legal footer', () => {
    const t = `${HEAD}${RECIPIENT}Votre demande est accordée.\n\nFait à Grenoble, le 3 février 2026.\n\nPour le maire et par délégation,\nL’officier de l’état civil,\nPaul Renaud\n\nINFORMATIONS PRATIQUES\n\nUne fois la mention portée sur votre acte, vous pourrez demander un extrait à jour ; un message vous sera envoyé à lucie.brunet.38@protonmail.com dès que ce sera fait, et vous pourrez nous écrire.\n\nConformément au RGPD, vous disposez d’un droit d’accès à vos données : écrivez au délégué à la protection des données, Mme Claire Vidal, dpo@caf-isere.fr, ou saisissez la CNIL.\n`;
    expect(ofType(t, 'EMAIL')).toEqual(['lucie.brunet.38@protonmail.com']);
    expect(ofType(t, 'NOM').join(' | ')).not.toMatch(/Vidal|Renaud/);
  });
});

describe('an account held by a person found', () => {
  it('reads the IBAN under « Titulaire : » and a person’s name, even after the public accountant’s words, not a public body’s', () => {
    const body = (holder: string, sep: string): string =>
      letter(`La somme vous sera remboursée par le comptable public, sous 30 jours, sur le compte indiqué dans votre demande :${sep}Titulaire : ${holder}${sep}IBAN : DE90 6649 0000 0041 2378 06 – BIC : GENODE61OG1`);
    expect(ofType(body('Jonas WEBER', '\n'), 'IBAN')).toEqual(['DE90 6649 0000 0041 2378 06']);
    expect(ofType(body('Jonas WEBER', '\n\n'), 'IBAN')).toEqual(['DE90 6649 0000 0041 2378 06']);
    expect(ofType(body('Régie des eaux de Colmar', '\n'), 'IBAN')).toEqual([]);
  });
});

describe('recipient blocks as paragraphs, without a French civility', () => {
  it('reads the block under « Aux parents de … » or a bare name, one blank line apart', () => {
    const head = 'Centre médico-social du Havre\n\n21, rue Jules-Siegfried – 76600 Le Havre\n\n';
    const tail = '\n\nObjet : bilan de santé\n\nMadame, Monsieur,\n\nVotre enfant est convoqué.';
    const a = `${head}Aux parents de Lina BARRY\n\nBâtiment C, appartement 31\n\n4, place Rouelles\n\n76610 Le Havre${tail}`;
    expect(ofType(a, 'ADRESSE')).toEqual(['Bâtiment C, appartement 31\n\n4, place Rouelles\n\n76610 Le Havre']);
    const b = `${head}Senhora Ana Maria COSTA\n\nRua do Carmo, 12, 3.º Dto.\n\n4700-309 Braga\n\nPORTUGAL${tail}`;
    expect(ofType(b, 'ADRESSE')).toEqual(['Rua do Carmo, 12, 3.º Dto.\n\n4700-309 Braga\n\nPORTUGAL']);
  });
});

describe('contacts of a relative added « comme contact », a place in the label or after the number', () => {
  it('reads the numbers and address of a relative registered « comme contact », not an agent’s line', () => {
    const t = letter('Votre frère, M. Julien BRUNET, est enregistré comme contact : 04 76 88 12 40, julien.b38@laposte.net.');
    expect(ofType(t, 'TELEPHONE')).toEqual(['04 76 88 12 40']);
    expect(ofType(t, 'EMAIL')).toEqual(['julien.b38@laposte.net']);
  });
  it('reads « Téléphone en France : » in a form of the person, and a mobile number followed by where it is from', () => {
    const t = letter('Nom : BRUNET    Prénom : Lucie\nTéléphone en France : 07 61 24 38 95\n\nVotre message :\n> Tél. : 0696 41 27 58 (portable de Martinique, je n’ai pas d’autre numéro)');
    expect(ofType(t, 'TELEPHONE')).toEqual(['07 61 24 38 95', '0696 41 27 58']);
  });
});

describe('identity blocks: a second addressee « et Madame … », a copy to a person, the person’s details in their own message', () => {
  it('reads « et Madame … » under the first addressee as a name, not an address line', () => {
    const t = `${HEAD}                                        Monsieur Gwenaël PRIGENT\n                                        et Madame Nolwenn LE BRIS\n                                        3, rue des Mouettes\n                                        29200 Brest\n\nObjet : votre dossier\n\nMadame, Monsieur,\n\nVotre demande est accordée.${SIGN}`;
    expect(ofType(t, 'NOM')).toEqual(['Gwenaël PRIGENT', 'Nolwenn LE BRIS']);
    expect(ofType(t, 'ADRESSE')).toEqual(['3, rue des Mouettes\n                                        29200 Brest']);
  });
  it('reads a block « Copie : Monsieur … » and its address below the recipient block', () => {
    const t = `${HEAD}${RECIPIENT.replace('\nGrenoble, le', '\n                                        Copie : Monsieur Arnaud BRUNET\n                                        9, chemin des Prés\n                                        73000 Chambéry\n\nGrenoble, le')}Votre demande est accordée.${SIGN}`;
    expect(ofType(t, 'NOM')).toContain('Arnaud BRUNET');
    expect(ofType(t, 'ADRESSE')).toContain('9, chemin des Prés\n                                        73000 Chambéry');
  });
  it('reads the name and address under « Mes informations : », past the birth and social security lines', () => {
    const t = letter('Votre message :\n\nJe souhaite un échéancier.\n\nMes informations :\nLEGRAND Théo\nné le 04/06/1991\nn° sécu 191067511804512\n14, allée des Peupliers, bât. 2\n38400 Saint-Martin-d’Hères\n\nMerci.');
    expect(ofType(t, 'NOM')).toContain('LEGRAND Théo');
    expect(ofType(t, 'ADRESSE')).toContain('14, allée des Peupliers, bât. 2\n38400 Saint-Martin-d’Hères');
  });
});

describe('a reply quoting the person’s own message', () => {
  const reply = (salutation: string): string =>
    [
      'De : Agence Immo Dauphiné <gestion@immo-dauphine.fr>',
      'À : chloe.rivet@free.fr',
      'Objet : RE: charges',
      '',
      'Madame Rivet,',
      '',
      'Nous avons bien reçu votre demande.',
      '',
      'Cordialement,',
      '',
      'Sandrine Morel',
      'Gestionnaire locative – 04 76 11 22 33',
      '',
      '-----Message d’origine-----',
      'De : Chloé Rivet <chloe.rivet@free.fr>',
      'Envoyé : lundi 2 mars 2026 20:14',
      '',
      `${salutation},`,
      '',
      'Pouvez-vous me détailler les charges ?',
      '',
      'Chloé Rivet',
    ].join('\n');
  it('reads the sender of the quoted message, the reply’s addressee, as the person and not an agent', () => {
    const names = ofType(reply('Bonjour Madame Morel'), 'NOM');
    expect(names).toContain('Chloé Rivet');
    expect(names.join(' | ')).not.toMatch(/Morel/);
  });
});

describe('word-processor paragraphs: a phone label naming a place, a note in brackets under a heading', () => {
  it('reads « Téléphone en France : » on a line of its own', () => {
    const t = letter('Vos coordonnées :\n\nTéléphone en France : 06 72 18 40 93\n\nTéléphone en Suisse : +41 79 412 33 08');
    expect(ofType(t, 'TELEPHONE')).toEqual(['06 72 18 40 93', '+41 79 412 33 08']);
  });
  it('takes no heading and its bracketed note for a name and an address above the recipient', () => {
    const t = `${HEAD}AVIS DE NOTIFICATION SPÉCIALE\n(article 12 du règlement intérieur)\nMadame Lucie BRUNET\n7, avenue Jean-Perrot\n38100 Grenoble\n\nObjet : votre dossier\n\nMadame,\n\nVotre demande est accordée.${SIGN}`;
    expect(ofType(t, 'NOM')).toContain('Lucie BRUNET');
    expect(ofType(t, 'ADRESSE')).toEqual(['7, avenue Jean-Perrot\n38100 Grenoble']);
  });
});

describe('names: a third person’s label, an age or an initial after a first name, a nickname, any identity label', () => {
  it('reads « Salariée : » and « Héritier : » as labels of persons', () => {
    const t = letter('Salariée : KOUASSI Awa\nHéritier : M. Denis BRUNET');
    expect(ofType(t, 'NOM')).toEqual(expect.arrayContaining(['KOUASSI Awa', 'Denis BRUNET']));
  });
  it('reads a first name followed by an age, or by the initial of a surname, in the running text', () => {
    const t = letter('Elle assure la garde de Maëlys (7 ans) le mercredi.\nUn camarade, Nathan B., a été bousculé.\n– Timéo (8 mois)');
    expect(ofType(t, 'NOM')).toEqual(expect.arrayContaining(['Maëlys', 'Nathan B.', 'Timéo']));
  });
  it('leaves alone a capitalised noun with a duration at the start of a line or after a label', () => {
    const t = letter('Garantie (10 ans) : incluse.\nDurée : Bail (3 ans), renouvelable.');
    expect(ofType(t, 'NOM').join(' | ')).not.toMatch(/Garantie|Bail/);
  });
  it('reads a nickname in quotes after « dit » and a full name under any label of an identity form', () => {
    const t = letter('Pensionné : ORSONI Jean-Baptiste, dit « Titò »\nNé le 04/02/1941 à Bastia');
    expect(ofType(t, 'NOM')).toEqual(expect.arrayContaining(['ORSONI Jean-Baptiste', 'Titò']));
  });
});
describe('names under an identity label: not after an organisation’s label', () => {
  it('leaves alone « Centre de secours : CIS Val-Nord » above a birth', () => {
    const t = letter('Centre de secours : CIS Val-Nord\nNé le 04/02/1941 à Bastia');
    expect(ofType(t, 'NOM')).toEqual(['Lucie BRUNET', 'Brunet']);
  });
});

describe('identifiers: an IBAN over two lines, a number set between commas', () => {
  it('reads an IBAN cut between two groups at the end of a line', () => {
    const t = letter('La cotisation sera prélevée sur le compte IBAN FR76 3000 4028 3700\n0105 7284 659 à votre nom.');
    expect(ofType(t, 'IBAN')).toEqual(['FR76 3000 4028 3700\n0105 7284 659']);
    const docx = letter('La cotisation sera prélevée sur le compte IBAN FR76 3000 4028 3700\n\n0105 7284 659\n\nà votre nom.');
    expect(ofType(docx, 'IBAN')).toEqual(['FR76 3000 4028 3700\n\n0105 7284 659']);
  });
  it('reads « votre numéro allocataire, 4417290, … »', () => {
    const t = letter('Votre numéro allocataire, 4417290, a été communiqué à l’organisme.');
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['4417290']);
  });
});

describe('tables of persons: an heirs’ column, an address column, cells set off the header’s columns', () => {
  it('reads the names, births and addresses of a table of heirs whose cells drift from the header', () => {
    const t = letter('Héritier                          Né(e) le          Adresse\nROUSSEL Anne                29/11/1968   6, rue des Forges, 42000 Saint-Étienne');
    expect(ofType(t, 'NOM')).toContain('ROUSSEL Anne');
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['29/11/1968']);
    expect(ofType(t, 'ADRESSE')).toContain('6, rue des Forges, 42000 Saint-Étienne');
  });
  it('leaves alone the address column of a table of services', () => {
    const t = letter('Organisme                Adresse\nPoint d’accueil Nord     6, rue des Forges, 42000 Saint-Étienne');
    expect(ofType(t, 'ADRESSE')).not.toContain('6, rue des Forges, 42000 Saint-Étienne');
  });
});

describe('e-mail: a name run into the local part', () => {
  it('reads « annemorel@… » for Mme Anne MOREL at a domain that is no service’s, not a town hall’s address', () => {
    const t = letter('Votre fille, Mme Anne MOREL, qui vit en Belgique depuis plusieurs années, nous l’a demandé par courriel (annemorel@telenet.be). La mairie reste joignable à mairie.stmorel@telenet.be.');
    expect(ofType(t, 'EMAIL')).toEqual(['annemorel@telenet.be']);
  });
});

describe('addresses: « adresse » after a person named earlier in the sentence', () => {
  it('reads the address a relative asked copies to be sent to, not a service’s named after them', () => {
    const t = letter('Votre fils, M. Hugo BRUNET, a demandé que les avis lui soient adressés à l’adresse 5, impasse des Saules, 38200 Vienne.\nM. Hugo BRUNET peut aussi se présenter à l’accueil du centre, à l’adresse 2, rue de la Paix, 38000 Grenoble.');
    expect(ofType(t, 'ADRESSE')).toContain('5, impasse des Saules, 38200 Vienne');
    expect(ofType(t, 'ADRESSE')).not.toContain('2, rue de la Paix, 38000 Grenoble');
  });
});

describe('identifiers: not a service’s account nor a year span', () => {
  it('leaves alone the service’s IBAN after « compte » and a school year after « contrat »', () => {
    const t = letter('Payez uniquement sur le compte de la caisse (FR76 1007 1350 0000 0010 0973 142).\nVotre contrat 2026-2027 est signé.');
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual([]);
    expect(ofType(t, 'IBAN')).toEqual([]);
  });
});

describe('birth dates: a name ending in a word of a debt, a verb before the date', () => {
  it('reads the birth after a first name that ends like « dette » (Odette, Bernadette)', () => {
    const t = letter('Votre tante, Mme Bernadette ROUSSEL, née le 2 juin 1940 à Vienne, vit chez vous.');
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['2 juin 1940']);
  });
  it('reads « votre date de naissance a été corrigée : … » and « … enregistrée sous la forme « … » »', () => {
    const t = letter('Votre date de naissance a bien été rectifiée : 7 octobre 1979.\nLa date de naissance de votre fils était enregistrée sous la forme « 2011-04-30 » par erreur.\nLa date de naissance ne change pas le délai du 15 mars 2026.');
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['7 octobre 1979', '2011-04-30']);
  });
});

describe('names and births: a date in brackets after a name', () => {
  it('reads « Vos enfants Jade (12/01/2017) et Timéo (03/09/2020) », not a date of the letter’s year', () => {
    const t = letter('Vos enfants Jade (12/01/2017) et Timéo (03/09/2020) sont à votre charge.\nVotre fils Jade a rencontré Mme Vasseur (09/02/2026) à l’école.');
    expect(ofType(t, 'DATE_NAISSANCE')).toEqual(['12/01/2017', '03/09/2020']);
    expect(ofType(t, 'NOM')).toContain('Timéo');
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual([]);
  });
});

describe('phones: which of a couple a number reaches', () => {
  it('reads « au 06 … (Mme) ou au 07 … (M.) » even after an agent named earlier', () => {
    const t = letter('Vous pouvez joindre M. Bernard Loiseau, officier d’état civil, au 04 76 20 22 10. Nous vous appellerons de notre côté au +34 655 123 456 (Mme) ou au 07 81 22 45 19 (M.).');
    expect(ofType(t, 'TELEPHONE')).toEqual(['+34 655 123 456', '07 81 22 45 19']);
  });
});

describe('quoted messages: an e-mail the person sent to the service', () => {
  const quoted = (sep: string): string =>
    letter(
      [
        'Votre message est reproduit ci-dessous.',
        '',
        '> De : florian.meyer77@free.fr',
        '> Envoyé : mardi 3 mars 2026 08:10',
        '> À : prestations@caf-isere.fr',
        '> Objet : mon dossier',
        '>',
        '> Bonjour, vous pouvez m’appeler au 06.45.12.78.30 le soir.',
        '',
        'Vous pouvez nous appeler au 04 76 20 20 20.',
      ].join(sep),
    );
  it('reads the sender’s address and the number they give in their own words', () => {
    for (const sep of ['\n', '\n\n']) {
      const t = quoted(sep);
      expect(ofType(t, 'EMAIL')).toEqual(['florian.meyer77@free.fr']);
      expect(ofType(t, 'TELEPHONE')).toEqual(['06.45.12.78.30']);
    }
  });
  it('reads a message sent to a service’s staff with no address (« À : délégué du … »)', () => {
    const t = letter('-----Message d’origine-----\nDe : nadia.lopez31@hotmail.fr\nDate : 2 mars 2026 21:40\nÀ : délégué du médiateur\nObjet : indu\n\nBonjour, mon téléphone : 0692 11 22 33.\n----------------------------------\n\nNous reprenons votre dossier.');
    expect(ofType(t, 'EMAIL')).toEqual(['nadia.lopez31@hotmail.fr']);
    expect(ofType(t, 'TELEPHONE')).toEqual(['0692 11 22 33']);
  });
});

describe('identifiers: « Votre réclamation : … »', () => {
  it('reads the person’s claim number as a field', () => {
    const t = letter('Votre réclamation : RCL-38-26-01234\n\nNous avons bien reçu votre demande.');
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['RCL-38-26-01234']);
  });
});

describe('identifiers: numbers that are no person’s file', () => {
  it('leaves alone a registered letter’s receipt number, a legal text numbered by its year, a tax form and an agent’s service number', () => {
    const t = letter(
      [
        'LETTRE RECOMMANDÉE AVEC DEMANDE D’AVIS DE RÉCEPTION n° 2C 145 872 3321 0',
        'Le barème est fixé par l’ordonnance n° 2011-318 du 4 avril 2011.',
        'Déposez la déclaration n° 2044-S-SD avant le 31 mai.',
        'Le contrôle a été fait par le brigadier Marc Tessier, matricule 2 118 904, et l’agent de contrôle (matricule 5 907 311).',
        'Votre matricule : 4 512 887',
      ].join('\n'),
    );
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['4 512 887']);
  });
  it('still reads a case number written like a tax form when its label names the case', () => {
    const t = letter('Dossier n° 4471-B\nDéposez aussi la déclaration n° 1447-C-SD.');
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['4471-B']);
  });
});

describe('tables and fields: persons in the first column of a tabbed table, a lower-case field', () => {
  it('reads the children of a tabbed bill whose header has a number in brackets', () => {
    const t = letter('Détail de la facture\nEnfant\tClasse\tRepas\tTarif (QF 3)\tMontant\nLéonie\tCM1\t12\t3,10 €\t37,20 €\nSacha\tGS\t9\t3,10 €\t27,90 €\n\nMerci de régler.');
    expect(ofType(t, 'NOM')).toEqual(expect.arrayContaining(['Léonie', 'Sacha']));
  });
  it('reads the heirs of a tabbed table with one column of persons', () => {
    const t = letter('Héritier\tPart nette\tDroits\nJeanne VAN DER MEER née MARTY\t52 000 €\t1 200 €\n\nLes droits sont dus.');
    expect(ofType(t, 'NOM')).toEqual(expect.arrayContaining(['Jeanne VAN DER MEER', 'MARTY']));
  });
  it('reads « ; nom de naissance : … » after another field', () => {
    const t = letter('Nom d’usage : GARNIER-FAURE ; nom de naissance : FAURE\n\nVotre demande est complète.');
    expect(ofType(t, 'NOM')).toContain('FAURE');
  });
});

describe('identifiers: a driving-licence file number', () => {
  it('reads « NEPH : … » as a field', () => {
    const t = letter('Permis de conduire\nNEPH : 130822400915\n\nVotre dossier est transmis à la commission.');
    expect(ofType(t, 'NUMERO_DOSSIER')).toEqual(['130822400915']);
  });
});
