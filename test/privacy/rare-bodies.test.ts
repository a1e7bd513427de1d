import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../../src/privacy/personal-data.js';
import { ofType } from '../helpers/personal-data.js';

const HEAD = `Communauté de communes du Val d'Oust
Service des usagers
2, place de l'Église – 56800 Ploërmel
Tél. : 02 97 00 00 00

`;
const RECIPIENT = `                                        Monsieur Yann GUILLOUX
                                        4, rue des Forges
                                        56800 Ploërmel

Ploërmel, le 3 mars 2026

Objet : votre dossier

Monsieur,

`;
const SIGN = `

Veuillez agréer, Monsieur, nos salutations distinguées.

La responsable du service,
Armelle Tanguy
`;
const letter = (body: string): string => HEAD + RECIPIENT + body + SIGN;

describe('file numbers under rarer labels', () => {
  it('reads a number after « Votre n° … d’… : », a capital letter first', () => {
    expect(ofType(letter('Votre n° Pajemploi de salarié : K 5821 3306 74'), 'NUMERO_DOSSIER')).toEqual(['K 5821 3306 74']);
  });
  it('reads a number of five digits that starts with 00', () => {
    expect(ofType(letter('Le compte d’usager n° 00384 de la commune a été clos.'), 'NUMERO_DOSSIER')).toEqual(['00384']);
  });
  it('reads a case number after « Portalis » and « RG » in the running text, and a referral in a subject', () => {
    const text = letter('Jugement du 4 mai 2025, RG B 25/00417 – Portalis DCAX-W-K2P-RT7Q.\nObjet du message : [Saisine M2026-003172] votre demande');
    expect(ofType(text, 'NUMERO_DOSSIER')).toEqual(['B 25/00417', 'DCAX-W-K2P-RT7Q', 'M2026-003172']);
  });
  it('reads a registration number of the person’s request', () => {
    expect(ofType(letter('N° d’enregistrement de votre réclamation : UT35-R2-2026-0418'), 'NUMERO_DOSSIER')).toEqual(['UT35-R2-2026-0418']);
  });
  it('reads a licence number in the block of the person’s identity, not a body’s', () => {
    const text = letter(`L'agrément d'assistant maternel de :
M. PRIGENT Loïc
né le 02/09/1979 à Vannes
N° d'agrément : AM-56-2014-00219
est renouvelé.

L'organisme de formation (agrément n° 56-2019-0044) assure la formation continue.`);
    expect(ofType(text, 'NUMERO_DOSSIER')).toEqual(['AM-56-2014-00219']);
  });
});

describe('a first name given after the surname', () => {
  it('reads « prénom X » after a name', () => {
    expect(ofType(letter('Mme LE GALL épouse MOREL, prénom Annaïg, est désignée tutrice.'), 'NOM')).toEqual(['Yann GUILLOUX', 'LE GALL', 'MOREL', 'Annaïg']);
  });
});

describe('addresses in a table of persons', () => {
  it('reads the addresses of a table whose first column holds persons under a heading of its own', () => {
    const text = letter(`| Exploitant | Adresse | Parcelle |
| LE DUC Hervé | 3, chemin du Lavoir, 56800 Ploërmel | ZB 12 |
| MORVAN Soizic | Le Moulin-Neuf, 56800 Taupont | ZB 14 |
| JÉGO Alain | Ferme du Grand-Clos | ZC 3 |`);
    expect(ofType(text, 'ADRESSE')).toEqual(['4, rue des Forges\n                                        56800 Ploërmel', '3, chemin du Lavoir, 56800 Ploërmel', 'Le Moulin-Neuf, 56800 Taupont', 'Ferme du Grand-Clos']);
  });
  it('leaves a table of places without persons alone', () => {
    const text = letter(`| Permanence | Adresse | Horaires |
| Mairie | Le Bourg, 56800 Taupont | 9 h – 12 h |
| Médiathèque | Ferme du Grand-Clos | 14 h – 17 h |`);
    expect(ofType(text, 'ADRESSE')).toEqual(['4, rue des Forges\n                                        56800 Ploërmel']);
  });
});

describe('names in an act of civil status corrected', () => {
  it('reads the names of a row labelled with a name, as written and as corrected, and a name in apposition', () => {
    const text = letter(`| Mention | Inscrit dans l'acte | Rectification |
| Nom de l'époux | MARCHAIS | MARCHAIX – naissance : LEROUX |
| Prénom de la mère de l'époux | Franck | Francine |
| Date du mariage | 12 juin 2004 | 12 juin 2004 |

La mention doit porter son nom de naissance, LEROUX, et non son nom d'usage.`);
    expect(ofType(text, 'NOM')).toEqual(['Yann GUILLOUX', 'MARCHAIS', 'MARCHAIX', 'LEROUX', 'Franck', 'Francine', 'LEROUX']);
  });
  it('leaves the header of a table of columns alone', () => {
    const text = letter(`| Nom et prénom | Date de naissance | Qualité |
| ROPERS Maël | 04/06/2015 | enfant |`);
    expect(ofType(text, 'NOM')).toEqual(['Yann GUILLOUX', 'ROPERS Maël']);
  });
  it('reads the other first names before « veuve »', () => {
    expect(ofType(letter('Personne à protéger : Madame PRADO Josette, Marie, Lucienne, veuve BLANC, née le 3 mai 1932.'), 'NOM')).toEqual([
      'Yann GUILLOUX',
      'PRADO Josette, Marie, Lucienne',
      'BLANC',
    ]);
  });
});

describe('a recipient block with « à l’attention de » in small letters', () => {
  it('reads the name on that line, not as an address', () => {
    const text = `Conservatoire à rayonnement départemental
1, rue du Théâtre – 56000 Vannes

Famille LE ROUX-BERNARD
à l'attention de Madame Nolwenn BERNARD
Résidence du Parc, bât. B
7, allée des Pins
56000 Vannes

Objet : facture

Madame,

Veuillez trouver la facture du trimestre.
`;
    expect(ofType(text, 'NOM')).toContain('Nolwenn BERNARD');
    expect(ofType(text, 'ADRESSE')).toEqual(['Résidence du Parc, bât. B\n7, allée des Pins\n56000 Vannes']);
  });
});

describe('addresses said in the running text', () => {
  it('reads an address after « son départ pour » and « parti vivre à », with the complements before its number', () => {
    const text = letter(
      'Votre fils, M. Erwan GUILLOUX, a quitté le logement ; depuis son départ pour 14, rue Thiers, 35000 Rennes, il ne figure plus au bail. ' +
        'L’ancien locataire est parti vivre à Résidence Les Mimosas, bât. 2, appt 11, 6, allée des Ajoncs, 56000 Vannes.',
    );
    expect(ofType(text, 'ADRESSE').slice(1)).toEqual(['14, rue Thiers, 35000 Rennes', 'Résidence Les Mimosas, bât. 2, appt 11, 6, allée des Ajoncs, 56000 Vannes']);
  });
  it('reads the address of a relative’s home, not the residence as a name', () => {
    const text = letter('Vous êtes joignable en journée chez votre sœur (domicile de votre sœur, Résidence du Port, esc. A, 9, quai Jean-Bart, 56100 Lorient).');
    expect(ofType(text, 'ADRESSE').slice(1)).toEqual(['Résidence du Port, esc. A, 9, quai Jean-Bart, 56100 Lorient']);
    expect(ofType(text, 'NOM')).toEqual(['Yann GUILLOUX']);
  });
  it('does not take « à domicile » (a kind of service) for the person’s home', () => {
    const text = letter('Les interventions à domicile sont organisées depuis le 4, rue de la Gare, 56000 Vannes.');
    expect(ofType(text, 'ADRESSE').slice(1)).toEqual([]);
  });
  it('does not read a person named after « domicile de » as a place', () => {
    const text = letter('Les enfants sont accueillis au domicile de votre compagne, Mme Aurélie CADIOU, à Lorient.');
    expect(ofType(text, 'ADRESSE').slice(1)).toEqual([]);
    expect(ofType(text, 'NOM')).toContain('Aurélie CADIOU');
  });
  it('reads an address abroad whose postcode and country stand on the lines below, in plain text and in a word processor’s paragraphs', () => {
    const body = 'Votre frère, M. Ronan GUILLOUX, demeurant Rua das Flores 22, 3.º Esq.\n4050-262 Porto\nPORTUGAL, nous a écrit.';
    expect(ofType(letter(body), 'ADRESSE').slice(1)).toEqual(['Rua das Flores 22, 3.º Esq.\n4050-262 Porto\nPORTUGAL']);
    expect(ofType(letter(body.replace(/\n/g, '\n\n')), 'ADRESSE').slice(1)).toEqual(['Rua das Flores 22, 3.º Esq.\n\n4050-262 Porto\n\nPORTUGAL']);
  });
});

describe('a list of persons hosted', () => {
  it('reads the address of a person hosted in a list headed « accueillies », no service’s block', () => {
    const text = letter(`PERSONNES ACCUEILLIES
1. FAYE Mariama, née le 02/03/1960, mère de l'hébergeant
   adresse : Quartier Médina, villa n° 37
   Kaolack
   SÉNÉGAL`);
    expect(ofType(text, 'ADRESSE').slice(1)).toEqual(['Quartier Médina, villa n° 37\n   Kaolack\n   SÉNÉGAL']);
  });
});

describe('a generic label’s sentence', () => {
  it('reads a number whose label follows a sentence about the land register', () => {
    expect(ofType(letter('La documentation cadastrale a été mise à jour. Le compte de propriétaire n° 00412 est établi à votre nom.'), 'NUMERO_DOSSIER')).toEqual(['00412']);
  });
  it('reads a licence number set as a paragraph of its own under the person’s birth (word processor)', () => {
    const plain = letter("L'agrément de :\nM. PRIGENT Loïc\nné le 02/09/1979 à Vannes\n3, rue du Port\n56000 Vannes\nN° d'agrément : AM-56-2014-00219\nest renouvelé.");
    const text = plain
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .join('\n\n');
    expect(ofType(text, 'NUMERO_DOSSIER')).toEqual(['AM-56-2014-00219']);
  });
});

describe('a person’s message forwarded at the top of a reply, no recipient block', () => {
  const text = `Ville de Pontivy – Régie des services à la famille
Hôtel de ville, 1, place Aristide-Briand – 56300 Pontivy
Portail : https://famille.pontivy.fr – Régie : 02 97 25 00 00

Message transféré par la famille
---------- Message transféré ----------
De : gaelle.kerbrat@icloud.com
Date : 4 mars 2026 à 08:10
À : regie.famille@mairie-pontivy.fr
Objet : Fwd: inscription

Bonjour,
Mon fils Titouan est inscrit le vendredi par erreur. Je suis joignable au 06 52 18 44 70 toute la matinée.
Gaëlle KERBRAT

> De : Portail famille <ne-pas-repondre@mairie-pontivy.fr>
> Objet : Confirmation d'inscription
>
> Compte famille : FAM-0048213
> Responsable 2 : LE NOAN Pierrick – 9, rue du Fil, 56300 Pontivy
> Enfant : LE NOAN KERBRAT Titouan – né le 02/04/2019 – accueil du soir lundi

Réponse de la régie

Madame,

Nous avons corrigé l'inscription.

Cordialement,
Soazig Le Du, régisseuse
`;
  it('reads the sender’s address, the number in their words and their name under the last sentence', () => {
    expect(ofType(text, 'EMAIL')).toEqual(['gaelle.kerbrat@icloud.com']);
    expect(ofType(text, 'TELEPHONE')).toEqual(['06 52 18 44 70']);
    expect(ofType(text, 'NOM')).toContain('Gaëlle KERBRAT');
  });
  it('reads the fields of the form quoted below it, « accueil » of a child’s activities no service’s cue', () => {
    expect(ofType(text, 'NUMERO_DOSSIER')).toEqual(['FAM-0048213']);
    expect(ofType(text, 'NOM')).toContain('LE NOAN Pierrick');
    expect(ofType(text, 'ADRESSE')).toEqual(['9, rue du Fil, 56300 Pontivy']);
    expect(ofType(text, 'NOM')).not.toContain('Soazig Le Du');
  });
  it('reads the same in a word processor’s paragraphs, one line each', () => {
    const paragraphs = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .join('\n\n');
    expect(ofType(paragraphs, 'NOM')).toEqual(expect.arrayContaining(['Gaëlle KERBRAT', 'LE NOAN Pierrick']));
    expect(ofType(paragraphs, 'ADRESSE')).toEqual(['9, rue du Fil, 56300 Pontivy']);
  });
});

describe('recipient blocks with a grade in retirement or a debtor’s label', () => {
  it('reads a retired grade « (ER) » as a civility and a house’s name as an address line', () => {
    const text = `MINISTÈRE DES ARMÉES
Bureau des pensions – 2, rue de la Marine – 83000 Toulon

Adjudant-chef (ER) Pascal ORSONI
Hameau de Vivario
Maison Orsoni
20219 Vivario

Objet : votre pension

Adjudant-chef,

Votre demande est enregistrée.
`;
    expect(ofType(text, 'ADRESSE')).toEqual(['Hameau de Vivario\nMaison Orsoni\n20219 Vivario']);
    expect(ofType(text, 'NOM')).toContain('Pascal ORSONI');
  });
  it('reads a block under « Débiteur : M. … » whose first line is a place with no number', () => {
    const text = `SDIS DU LOT – Groupement finances
Avenue de la Gare – CS 20001 – 46000 Cahors

TITRE DE RECETTE

Débiteur : M. LAFON Bastien
La Combe
4, chemin du Puits
46090 Arcambal
Référence débiteur : TIERS-0042187

Monsieur,

Vous devez la somme de 90 €.
`;
    expect(ofType(text, 'ADRESSE')).toEqual(['La Combe\n4, chemin du Puits\n46090 Arcambal']);
  });
});

describe('the person’s details after the signature, and « Contact : » before a sentence', () => {
  it('reads a note on the debtor’s details set under the signature', () => {
    const text = letter('Le titre est exécutoire.').replace(
      'Armelle Tanguy\n',
      "Armelle Tanguy\n\nCoordonnées du redevable connues du service : yann.guilloux@laposte.net – ancienne adresse : 12, rue de Brest, 29000 Quimper.\n",
    );
    expect(ofType(text, 'EMAIL')).toEqual(['yann.guilloux@laposte.net']);
    expect(ofType(text, 'ADRESSE').slice(1)).toEqual(['12, rue de Brest, 29000 Quimper']);
  });
  it('reads the contacts after « Contact : » said to be those registered in the person’s file', () => {
    const text = letter('Contact : 06 41 22 80 17 (M. Guilloux) – yann.guilloux@free.fr – enregistrés dans votre dossier.');
    expect(ofType(text, 'TELEPHONE')).toEqual(['06 41 22 80 17']);
    expect(ofType(text, 'EMAIL')).toEqual(['yann.guilloux@free.fr']);
  });
  it('reads the person’s contacts in a sentence after « Contact : »', () => {
    const text = letter('Contact : nous avons noté votre numéro 06 23 48 17 90 et votre adresse personnelle yann.g56@gmail.com.\nContact : Mme Armelle Tanguy, 02 97 00 00 12.');
    expect(ofType(text, 'TELEPHONE')).toEqual(['06 23 48 17 90']);
    expect(ofType(text, 'EMAIL')).toEqual(['yann.g56@gmail.com']);
    expect(ofType(text, 'NOM')).toEqual(['Yann GUILLOUX']);
  });
});

describe('phones and relatives in rarer wordings', () => {
  it('reads a call received from a number, and the fixed line of the home', () => {
    const text = letter('Vous nous avez téléphoné (appel reçu du 07 61 28 43 95). Le numéro fixe du domicile, 02 97 41 22 68, n’est pas publié.');
    expect(ofType(text, 'TELEPHONE')).toEqual(['07 61 28 43 95', '02 97 41 22 68']);
  });
  it('reads a number in the plan of a country written in capitals in the address, not as a file number', () => {
    const text = `Caisse de retraite complémentaire
TSA 10001 – 75009 Paris Cedex 09

Madame Leïla HADDAD
Rue Royale 40, boîte 2
1000 Bruxelles
BELGIQUE

Objet : votre certificat

Madame,

Votre propre numéro, le 02 314 27 90, ne répond plus.
`;
    expect(ofType(text, 'TELEPHONE')).toEqual(['02 314 27 90']);
    expect(ofType(text, 'NUMERO_DOSSIER')).toEqual([]);
  });
  it('reads a colleague named in the person’s own words, not an agent’s colleague named with a role', () => {
    expect(ofType(letter('Vous écrivez : « Ma collègue Laëtitia BRIAND est dans la même situation. »'), 'NOM')).toContain('Laëtitia BRIAND');
    expect(ofType(letter('Ma collègue Gaëlle Morvan, conseillère emploi, vous recevra le 4 mai.'), 'NOM')).toEqual(['Yann GUILLOUX']);
  });
});

describe('notes and plannings with no addressee', () => {
  it('leaves the staff of a planning alone: a body’s label, a day of permanence, a unit of the service, « en son absence »', () => {
    const text = `MAISON FRANCE SERVICES DU PAYS DE PLOËRMEL
2, rue du Val – 56800 Ploërmel – Tél. : 02 97 00 11 22

PROGRAMME DES PERMANENCES – MARS 2026

Permanences sur place :

• Aide au budget (association Familles rurales) : Mme Katell Morvan – lundi 9 mars, 9 h – 12 h.
• Écrivain public bénévole : M. Loïc Rouxel – tous les jeudis matin.
• Maison de justice et du droit Jean-Zay, 3, rue de la Gare, Ploërmel : permanence le mardi.

Questions sur une facture : bureau des recettes, Mme Soizic Le Garrec, 02 97 00 11 31 ; en son absence, M. Tanguy Le Moal, 02 97 00 11 33.
`;
    expect(findPersonalData(text)).toEqual([]);
  });
  it('leaves the number of a public notice alone', () => {
    expect(findPersonalData('AVIS AUX RIVERAINS N° VOI/2026/0412\n\nLa rue sera fermée le 3 mars.')).toEqual([]);
  });
});

describe('the last places of a person’s data', () => {
  it('reads a person named in the letter among the copies under the signature, not the lawyers', () => {
    const text = letter('Intimée : Madame Odile PRIGENT, demeurant 3, rue du Lac, 56000 Vannes.').replace(
      'Armelle Tanguy\n',
      'Armelle Tanguy\n\nCopie : Me Paul Riou (RPVA) – Mme PRIGENT (lettre simple)\n',
    );
    expect(ofType(text, 'NOM')).toEqual(['Yann GUILLOUX', 'Odile PRIGENT', 'PRIGENT']);
  });
  it('reads a box number after « adresse de correspondance » among the details the person entered, not the service’s', () => {
    const text = letter(
      'Les coordonnées que vous avez saisies : 06 12 40 77 31 – adresse de correspondance BP 22, 56120 Josselin Cedex.\nÉcrivez-nous à notre adresse postale BP 4, 56800 Ploërmel Cedex.',
    );
    expect(ofType(text, 'ADRESSE').slice(1)).toEqual(['BP 22, 56120 Josselin Cedex']);
  });
  it('reads the place of an intervention billed to the person in a table', () => {
    const text = letter(`| Date | Lieu d'intervention | Centre | Montant |
| 02/07/2026 | La Ville-Hervé, 56800 Taupont | CIS Ploërmel | 90,00 € |`);
    expect(ofType(text, 'ADRESSE').slice(1)).toEqual(['La Ville-Hervé, 56800 Taupont']);
  });
});

describe('whole spans, nothing of the name or address left out', () => {
  it('reads a name with two particles in capitals', () => {
    const text = `Mairie de Josselin
Place Notre-Dame – 56120 Josselin

Monsieur Armel DE LA VILLÉON
3, rue du Château
56120 Josselin

Objet : votre concession

Monsieur,

Votre demande est enregistrée.
`;
    expect(ofType(text, 'NOM')).toEqual(['Armel DE LA VILLÉON']);
  });
  it('reads the first name before a surname found again, and a birth name before « née le »', () => {
    const text = letter('Conjointe collaboratrice : Katell GUILLOUX née LE BIHAN, née le 2 mars 1972.\nAutre proche à informer : Erwan GUILLOUX, fils, à Brest.');
    expect(ofType(text, 'NOM')).toEqual(['Yann GUILLOUX', 'Katell GUILLOUX', 'LE BIHAN', 'Erwan GUILLOUX']);
  });
  it('does not take a common noun for a first name, nor a civility for an initial', () => {
    const text = letter('Représentant légal 2 : M. ROPERS Fabien – 06 11 22 33 44\nSuccession GUILLOUX : les héritiers sont informés.');
    expect(ofType(text, 'NOM')).toEqual(['Yann GUILLOUX', 'ROPERS Fabien', 'GUILLOUX']);
  });
  it('reads the complements before a number only when they name a place', () => {
    const text = letter('Votre appartement situé Résidence Le Clos des Ajoncs, appartement 12, 8, rue du Puits, 56000 Vannes est loué.');
    expect(ofType(text, 'ADRESSE').slice(1)).toEqual(['Résidence Le Clos des Ajoncs, appartement 12, 8, rue du Puits, 56000 Vannes']);
  });
  it('reads the last line of an address in Canada and overseas', () => {
    const block = (name: string, lines: string): string => `Consulat général de France\n1501, avenue McGill College – Montréal (Québec) H3A 3M8\n\n${name}\n${lines}\n\nObjet : votre inscription\n\nMadame,\n\nVotre demande est enregistrée.\n`;
    expect(ofType(block('Madame Léa GAUTHIER', '4100, rue Saint-Denis, app. 2\nMontréal (Québec) H2J 2K9\nCANADA'), 'ADRESSE')).toEqual(['4100, rue Saint-Denis, app. 2\nMontréal (Québec) H2J 2K9\nCANADA']);
    expect(ofType(block('Madame Léa GAUTHIER', '12, chemin des Letchis\n97410 Saint-Pierre\nLa Réunion'), 'ADRESSE')).toEqual(['12, chemin des Letchis\n97410 Saint-Pierre\nLa Réunion']);
  });
  it('reads an address whose street ends the name’s line, « demeurant » left out', () => {
    const text = letter(`INTIMÉS :
Madame Soizic LE GOFF, autre héritière, demeurant Rue de la Station 12
1410 Waterloo
BELGIQUE

Madame Nolwenn ROPARS
demeurant Kerlann
4, hent Park-Nevez
29000 Quimper
`);
    expect(ofType(text, 'ADRESSE').slice(1)).toEqual(['Rue de la Station 12\n1410 Waterloo\nBELGIQUE', 'Kerlann\n4, hent Park-Nevez\n29000 Quimper']);
  });
  it('reads the town and the country below a labelled address abroad', () => {
    const text = letter(`Personne accueillie :
1. FAYE Mariama, née le 02/03/1960
   adresse : Quartier Médina, villa n° 37
   Kaolack
   SÉNÉGAL`);
    expect(ofType(text, 'ADRESSE').slice(1)).toEqual(['Quartier Médina, villa n° 37\n   Kaolack\n   SÉNÉGAL']);
  });
});

describe('the rest of a name found again', () => {
  it('reads a capital particle before a surname found again, and the other first names after it', () => {
    const text = `Caisse de retraite des marins
1, quai de la Douane – 29200 Brest

Monsieur Loïc LE GOFF
4, rue du Port
29900 Concarneau

Objet : votre pension

Monsieur,

Nous avons enregistré :
BÉNÉFICIAIRE
LE GOFF Loïc, Yann
né le 08/12/1964 à Quimper
`;
    expect(ofType(text, 'NOM')).toEqual(['Loïc LE GOFF', 'LE GOFF Loïc, Yann']);
  });
});

describe('more general readings', () => {
  it('reads a childminder’s licence number under « numéro d’agrément PMI »', () => {
    expect(ofType(letter('– numéro d’agrément PMI : AM-56-2016-0211.'), 'NUMERO_DOSSIER')).toEqual(['AM-56-2016-0211']);
  });
  it('reads the address under a long sentence ending « à l’adresse que vous avez indiquée : »', () => {
    const text = letter(
      "Une fois la demande validée, votre carte sera imprimée et envoyée en lettre suivie à l'adresse que vous avez indiquée :\nLieu-dit Kerbiquet\n2, chemin des Ajoncs\n56800 Taupont\n",
    );
    expect(ofType(text, 'ADRESSE').slice(1)).toEqual(['Lieu-dit Kerbiquet\n2, chemin des Ajoncs\n56800 Taupont']);
  });
  it('reads « cour » as a street type, not « la cour de l’école »', () => {
    const text = letter('Le père de l’enfant reçoit une copie à son adresse : 4, cour Lafayette, 56100 Lorient. Les enfants jouent dans la cour de l’école, 2 fois par jour.');
    expect(ofType(text, 'ADRESSE').slice(1)).toEqual(['4, cour Lafayette, 56100 Lorient']);
  });
});

describe('states and trades that are no names', () => {
  it('reads no name in « VOTRE CONJOINT DÉCÉDÉ », « LA SALARIÉE DÉCLARÉE » nor « partenaire de Pacs »', () => {
    const text = letter('2. VOTRE CONJOINT DÉCÉDÉ\n3. LA SALARIÉE DÉCLARÉE\nVous pouvez être assisté par votre partenaire de Pacs.');
    expect(ofType(text, 'NOM')).toEqual(['Yann GUILLOUX']);
  });
  it('leaves a tutor named with their trade alone, not a relative who is tutor', () => {
    const text = letter('Tutrice : Mme Soazig Le Meur, coordinatrice – 02 97 00 00 40\nTuteur : M. Erwan GUILLOUX, votre frère');
    expect(ofType(text, 'NOM')).toEqual(['Yann GUILLOUX', 'Erwan GUILLOUX']);
  });
});

describe('an identifier set between commas after a body’s acronym', () => {
  it('reads « votre numéro d’allocataire CAF, 4417290, figure … », and still « Dossier PV 2026/004417 »', () => {
    expect(ofType(letter('Votre numéro d’allocataire CAF, 4417290, figure sur la notification.'), 'NUMERO_DOSSIER')).toEqual(['4417290']);
    expect(ofType(letter('Historique des SMS – Dossier PV 2026/004417'), 'NUMERO_DOSSIER')).toEqual(['PV 2026/004417']);
  });
});

describe('numbers of savings books, one-stop formalities and invoices; relatives written without accents', () => {
  it('reads a savings book’s number, a one-stop formality’s number and an invoice column, not a counter’s number', () => {
    const text = letter(`- livret A n° 05 8812 4470 3 : 1 200,00 €
Formalité guichet unique n° J00318842207
Présentez-vous au guichet n° 4.

| Facture | Montant |
| FAC-2026-004417 | 42,10 € |`);
    expect(ofType(text, 'NUMERO_DOSSIER')).toEqual(['05 8812 4470 3', 'J00318842207', 'FAC-2026-004417']);
  });
  it('reads a brother named in an SMS written without accents', () => {
    expect(ofType(letter('Réponse reçue : « je passe ce midi avec mon frere Mathis, c’est lui qui conduira »'), 'NOM')).toContain('Mathis');
  });
});

describe('a mixed code in the running text', () => {
  it('reads a pre-request’s code of capitals and digits after its noun, not a word in capitals', () => {
    expect(ofType(letter('Apportez votre pré-demande 4K8P2QX7 au rendez-vous. Le numéro ABCDEFGH n’existe pas.'), 'NUMERO_DOSSIER')).toEqual(['4K8P2QX7']);
  });
});

describe('examples printed on a blank form', () => {
  it('reads no number nor account given as an example of the format', () => {
    const text = letter(`Téléphone : ......................  (format : 06 00 00 00 00 ou +33 6 00 00 00 00)
Exemple de présentation (compte fictif, ne pas recopier) : FR76 3000 6000 0112 3456 7890 189
Votre portable : 06 52 18 44 70`);
    expect(ofType(text, 'TELEPHONE')).toEqual(['06 52 18 44 70']);
    expect(ofType(text, 'IBAN')).toEqual([]);
  });
});
