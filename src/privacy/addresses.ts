/**
 * The person's postal addresses: identity blocks (the recipient block: street lines through postcode
 * and city, one span), labelled fields ("Adresse : …", "Domicile : …"), and addresses in the text
 * introduced as the person's ("votre logement situé 4 impasse du Moulin, 33000 Bordeaux"). The
 * service's address (letterhead, footer, "à l'adresse suivante : …", a court's) is left alone.
 */
import { hasOrgWord, isPostcodeLine, isStreetLine, type Layout, type Line } from './layout.js';
import { SpanMask, lastMatchEnd, type PersonalDataSpan } from './types.js';

const BODY_STREET_TYPES =
  "(?:rue|cour|avenue|av\\.|bd|boulevard|place|allée|allee|allées|impasse|chemin|route|quai|cours|square|résidence|lotissement|hameau|lieu-dit|lieudit|voie|sentier|passage|cité|villa|parvis|rond-point|faubourg|promenade|esplanade|mail|clos|domaine|montée|traverse|ruelle|sente|venelle|rampe|corniche|chaussée|quartier|route\\s+départementale|chem\\.|hent|grande\\s+rue|grand-rue|calle|camino|carrer|avinguda|avenida|rua|travessa|plaza|paseo|praça|via|viale|piazza|piazzale|corso|largo)";
const STREET_WORD_RE = new RegExp(`(?<![\\p{L}])${BODY_STREET_TYPES}[ \\u00A0]`, 'iu');
const STREET_RE = new RegExp(`(?<![\\p{L}\\p{N}])(?:(\\d{1,4}(?:[ \\u00A0]?(?:bis|ter|quater|[A-Da-d](?![\\p{L}])))?)[ \\u00A0]*,?[ \\u00A0]+)?(${BODY_STREET_TYPES})[ \\u00A0]+`, 'giu');
const NAME_TOKEN_RE = /(?:\p{Lu}[\p{L}'’]*(?:-[\p{L}\p{N}][\p{L}'’]*)*|\d{1,4}(?:er)?|(?:de|du|des|del|dels|da|do|dos|das|la|le|les|aux|au|à|en|sur|sous|lès|et|ar|an|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)(?=[ \u00A0])|(?:l|d)['’](?=\p{Lu}))/uy;
const CITY_RE = /\p{Lu}[\p{L}'’]*(?:-[\p{L}'’]+)*(?:[ \u00A0-](?:(?:sur|sous|en|lès|les|le|la|de|du|des|aux|d['’]|l['’])[ \u00A0-]?)?\p{Lu}[\p{L}'’]*(?:-[\p{L}'’]+)*){0,4}(?:[ \u00A0]+(?:CEDEX|Cedex)(?:[ \u00A0]+\d{1,2})?)?/uy;
const COMPLEMENT_RE = /,[ \u00A0]*(?:appartement|appt\.?|apt\.?|bâtiment|bât\.?|escalier|esc\.?|étage|porte|résidence|logement|log\.|boîte|chambre|lieu-dit|lieudit|hameau|quartier|\d{1,2}(?:e|er|ème)\s+étage)[ \u00A0]*[\p{L}\p{N}'’\- ]{0,30}?(?=,|[ \u00A0]+\d{5}|$|\n|\.)/uy;
const POSTCODE_RE = /[ \u00A0]*(?:,|–|-)?[ \u00A0]*(?:\d{5}|\d{2}[ \u00A0]\d{3})[ \u00A0]+(?=\p{Lu})/uy;
/** Abroad, a floor and door after the number ("3º B", "4.º esq."). */
const FOREIGN_FLOOR_RE = /,[ \u00A0]*\d{1,2}\.?[ºª°](?:[ \u00A0]*\p{L}{1,5}\.?)?(?=,)/uy;
/** A foreign postcode after a comma: 4 digits ("1741", "L-1741", "CH-1201") or Portugal's "1250-142". */
const FOREIGN_POSTCODE_RE = /[ \u00A0]*,[ \u00A0]*(?:(?:[A-Z]{1,2}-)?\d{4}(?:-\d{3})?|(?:[A-Z]{1,2}-)\d{5})[ \u00A0]+(?=\p{Lu})/uy;
/** Countries, in French and in their own language, as written after a foreign town. */
const COUNTRY_NAMES = [
  'Allemagne', 'Deutschland', 'Andorre', 'Autriche', 'Belgique', 'België', 'Espagne', 'España', 'Italie', 'Italia', 'Luxembourg', 'Monaco',
  'Portugal', 'Suisse', 'Schweiz', 'Svizzera', 'Pays-Bas', 'Royaume-Uni', 'Irlande', 'Pologne', 'Roumanie', 'Grèce', 'Turquie', 'Maroc',
  'Algérie', 'Tunisie', 'Sénégal', 'Mali', 'Guinée', "Côte d['’]Ivoire", 'Cameroun', 'Congo', 'Gabon', 'Bénin', 'Togo', 'Niger',
  'Burkina Faso', 'Mauritanie', 'Madagascar', 'Comores', 'Haïti', 'Liban', 'Canada', 'États-Unis', 'Brésil', 'Vietnam', 'Chine',
];
// (with its official long form: "Union des Comores", "RÉPUBLIQUE DU SÉNÉGAL", "Royaume du Maroc")
const COUNTRY_SOURCE = `(?:(?:Union|République|Royaume|Principauté|Grand-Duché|Confédération|UNION|RÉPUBLIQUE|ROYAUME|PRINCIPAUTÉ|GRAND-DUCHÉ|CONFÉDÉRATION)[ \\u00A0]+(?:des|du|de[ \\u00A0]+la|de|d['’]|DES|DU|DE[ \\u00A0]+LA|DE|D['’])[ \\u00A0]*)?(?:${COUNTRY_NAMES.flatMap((c) => [c, c.toUpperCase()]).join('|')})`;
/** The country after a foreign city: ", Portugal", " (Espagne)", "ITALIA"; a province in brackets before it ("Ventimiglia (IM)", "Nerja (Málaga)"). */
const COUNTRY_AFTER_RE = new RegExp(
  `(?:[ \\u00A0]+\\((?:[A-Z]{2}|\\p{Lu}\\p{Ll}+(?:[ -]\\p{Lu}?\\p{Ll}+){0,2})\\)(?![\\p{L}]))?(?:,[ \\u00A0]*(?:${COUNTRY_SOURCE})|[ \\u00A0]+\\((?:${COUNTRY_SOURCE})\\))?(?![\\p{L}])`,
  'uy',
);
/** Where a person lives, then a place abroad in comma-separated parts (a street or district, a box, a town) ending in its country (or a British town and postcode: "14 Kensington Place, Bath BA1 2QP"). */
const FOREIGN_CUE_RE = /domicili|demeur|habit|résid|vit|vivent|installé/i;
const FOREIGN_PLACE_RE = new RegExp(
  `(?<![\\p{L}])(?:domiciliée?s?|demeurant|habitant|résidant|habite|habitent|réside|résident|vit|vivent|installée?s?)[ \\u00A0]+(?:(?:au|à|en)[ \\u00A0]+)?((?:(?:\\p{Lu}|\\p{N}|(?:quartier|lieu-dit|hameau|village|cité|résidence|route|rue|avenue|chemin|boulevard|place)[ \\u00A0])[^,.;:!?\\n()«»]{1,40},[ \\u00A0]*){1,4}(?:${COUNTRY_SOURCE}|\\p{Lu}[\\p{L}'’-]+(?:[ \\u00A0]\\p{Lu}[\\p{L}'’-]+){0,2}[ \\u00A0]+[A-Z]{1,2}\\d[A-Z\\d]?[ \\u00A0]\\d[A-Z]{2}))(?![\\p{L}\\p{N}])`,
  'gu',
);
const A_CITY_RE = /[ \u00A0]*,?[ \u00A0]+(?:à|a)[ \u00A0]+(?=\p{Lu})/uy;

const STRONG_PERSONAL_RE =
  /(?:(?<![\p{L}])que\s+vous\s+(?:nous\s+)?(?:indiquez|déclarez|signalez)\s+(?:être|comme)|(?<![\p{L}])(?:votre|vos|son|sa|ses|leur)\s+(?:(?:nouveau|nouvel|nouvelle|ancien|ancienne|actuel|actuelle|précédent|précédente|dernière)\s+)?(?:logement|domicile|adresse|résidence|habitation|maison|appartement|terrain|local|bien|propriété|parcelle|immeuble|chambre|studio|pavillon|exploitation|commerce|garage|lieu\s+de\s+résidence|résidence\s+principale)|(?<![\p{L}])vous\s+(?:\p{L}+\s+)?(?:habitez|résidez|demeurez|louez|occupez|viviez|habitiez|résidiez|avez\s+emménagé|avez\s+déménagé|êtes\s+domiciliée?|vivez|êtes\s+locataire|êtes\s+propriétaire|avez\s+acquis|avez\s+acheté|occupiez|louiez|avez\s+quitté|quittez|possédez)|domicilié(?:e|s|es)?(?![\p{L}])|(?<![\p{L}])demeurant|(?<![\p{L}])(?:habit|résid|demeur)(?:e|es|ent|ez|ons|ant|ait|aient|ais|é|ée|er)?(?![\p{L}])|(?:adresse|coordonnées)\s+que\s+vous\s+(?:nous\s+)?(?:avez|aviez)\s+(?:\p{L}+\s+)?(?:indiqu|communiqu|déclar|donn|renseign|saisi)\p{L}*|(?<![\p{L}])(?:dernier|ancien|précédent|nouveau)\s+domicile|(?<![\p{L}])chez\s+vous|(?<![\p{L}])(?:nouvelle|ancienne|dernière)\s+adresse|adresse\s+(?:connue|déclarée|personnelle|du\s+logement|de\s+votre)|adresse\s+(?:indiquée|déclarée|renseignée|communiquée|mentionnée|enregistrée)\s+(?:dans|sur|lors\s+de|par)\s+votre|à\s+votre\s+adresse|déménag\p{L}*|emménag\p{L}*|lieu\s+des\s+travaux|travaux\s+(?:au|situés)|(?<![\p{L}])(?:son|sa|leur|votre)\s+départ\s+(?:pour|vers)|(?<![\p{L}])partie?s?\s+(?:vivre|habiter|résider|s['’]installer)\s+(?:à|au|en|chez))/giu;
const WEAK_PERSONAL_RE = /(?:(?<![\p{L}])sis(?:e|es)?(?![\p{L}])|situé(?:e|s|es)?(?![\p{L}])|(?<![\p{L}])(?:logement|terrain|maison|appartement|immeuble|parcelle|local|habitation|propriété|studio|pavillon|(?<!à\s)domicile)(?![\p{L}]))/giu;
const SERVICE_RE =
  /(?:tribunal|(?<![\p{L}])cour(?![\p{L}])|conseil|direction|(?<![\p{L}])services?(?![\p{L}])|agence|caisse|mairie|préfecture|sous-préfecture|(?<![\p{L}])centre(?![\p{L}])|commission|accueil|bureau|locaux|siège|antenne|permanence|guichet|maison\s+(?:france|de\s+la|du|des|départementale|de\s+(?:justice|quartier|santé|l['’]emploi|retraite|services?))|point-justice|(?<![\p{L}])pôle(?![\p{L}])|adresse\s+(?:suivante|ci-dessous|ci-dessus|indiquée\s+(?:ci|en|plus)|figurant\s+en|en\s+haut|la\s+plus\s+proche)|médiat\p{L}*|défenseur|délégation|greffe|trésorerie|rendez-vous|présent(?:er|ez)|envoy(?:er|ez)|adress(?:er|ez)|écri(?:re|vez)|retourn(?:er|ez)|déposer|déposez|juridiction|hôtel\s+de\s+ville|france\s+services|mission\s+locale|(?<![\p{L}])espace(?![\p{L}])|nos\s+bureaux|notre\s+adresse|bailleur\s+social|(?<![\p{L}])office(?![\p{L}])|cabinet|association|université|école|collège|lycée|hôpital|hospitalier|(?<![\p{L}])gare(?![\p{L}])|(?<![\p{L}])poste(?![\p{L}])|(?<![\p{L}])CAF(?![\p{L}])|CPAM|URSSAF|France\s+Travail|convoquée?|convocation|entretien|réunion|cérémonie|audience|visite\s+médicale|médecin|expert|notaire|huissier|commissaire|avocat|palais|salle|gymnase|stade|bureau\s+de\s+vote|société|entreprise|employeur|(?<![\p{L}])lieu\s*:|(?<![\p{L}])SAS|SARL|(?<![\p{L}])SA(?![\p{L}])|organisme|établissement|ministre|ministère|chantier|travaux\s+de\s+voirie|chaussée|trottoirs?|(?<![\p{L}])(?:CCAS|CIAS|CHRS|CADA|UDAF|CLIC|PMI|EHPAD|ESAT|IME|MECS|foyer)(?![\p{L}])|domiciliation|structure|centre\s+d['’]hébergement)/giu;
/** "Adresse : …", "Domicile : …", "Adresse des travaux : …", "Votre adresse pendant l'année universitaire : …". */
const ADDRESS_LABEL_RE =
  /(?:^[ \t]*(?:>[ \t]*)*(?:[-–•*·][ \t]*)?|[ \t]{2,}|\t|[.;]\s+)(?:(?:votre|son|sa|leur|mon|ma|notre)\s+)?(?:(?:nouvelle|ancienne|dernière)\s+)?(?:adresse(?:\s+(?!électronique|e-?mail|mail|courriel|de\s+messagerie|IP\b|web|internet)[^:\n]{1,60}?)?|domicile|demeurant|hébergée?\s+chez|lieu\s+de\s+résidence|résidant|logement(?:\s+(?:concerné|étudiant|actuel|principal|de\s+fonction))?|lieu\s+des\s+travaux|installation(?:\s+contrôlée)?|immeuble\s+concerné|bien\s+(?:vendu|concerné|loué)|point\s+de\s+(?:livraison|comptage|consommation|raccordement)|lieu\s+(?:de\s+consommation|d['’]intervention|du\s+sinistre|de\s+l['’]accident)|site\s+de\s+consommation)[ \t]*(?:\([^)\n]{0,30}\))?[ \t]*:[ \t]*/gimu;
/** A qualifier that makes a labelled address the service's ("Adresse la plus proche", "Adresse de l'agence"). */
const SERVICE_ADDRESS_LABEL_RE = /(?:proche|accueil|envoi|retour|rendez-vous|agence|site|siège|service|bureau|guichet|centre|caisse|mairie|préfecture|tribunal|organisme|établissement|expéditeur|agent|employeur|entreprise|société|permanence|courrier\s+à|nous\s+écrire)/iu;
const ADDRESS_HEADING_RE =
  /^\s*(?:[A-Z0-9]{1,2}[.)]\s*)?(?:(?:(?:votre|vos)\s+)?(?:(?:nouvelle|nouvelles|nouveau|nouvel)\s+)?(?:adresse|domicile|coordonnées)(?:\s+(?:postale|du\s+domicile|personnelle|actuelle)|\s+(?!électronique|e-?mail|mail|courriel|de\s+messagerie)[^:\n]{1,50}?(?=\s*:))?\s*:?|[^\n]{0,120}(?:(?:adresse|coordonnées)\s+que\s+vous\s+(?:nous\s+)?(?:avez|aviez)\s+(?:\p{L}+\s+)?(?:indiquée?s?|communiquée?s?|déclarée?s?|donnée?s?|renseignée?s?)|(?:votre|vos)\s+(?:adresse|coordonnées)\s+(?:actuelle|postale|enregistrée|connue)s?|(?:votre|vos)\s+(?:nouvelle|nouvelles|nouveau|nouvel)\s+(?:adresse|coordonnées|domicile))[^\n:]{0,60}:)\s*$/iu;
const PLACE_CUE_RE = /situé|sis|domicili|demeurant|habitant|résidant/i;
const PLACE_RE =
  /(?:situé|située|situés|situées|sis|sise|domiciliée?s?|demeurant|habitant|résidant)[ \u00A0]+(?:au[ \u00A0]+|à[ \u00A0]+)?((?:(?:lieu-dit|hameau|le|la|les|l['’])[ \u00A0]+)?\p{Lu}[\p{L}'’-]+(?:[ \u00A0-](?:(?:de|du|des|la|le|les|d['’]|l['’])[ \u00A0]*)?\p{Lu}[\p{L}'’-]+){0,4},?[ \u00A0]+\d{5}[ \u00A0]+\p{Lu}[\p{L}'’]*(?:[ \u00A0-](?:(?:sur|sous|en|lès|les|le|la|de|du|des|aux|d['’]|l['’])[ \u00A0-]?)?\p{Lu}[\p{L}'’]*){0,4})/gu;
/** A place without a street number: its name (a hamlet, a residence and its building), then a postcode or "à" and the town. */
const PLACE_NO_NUMBER_RE =
  /(?:^|[(,:][ \u00A0]*|[ \u00A0])((?:(?:lieu-dit|hameau|résidence|lotissement|domaine|le|la|les|l['’])[ \u00A0]+)?\p{Lu}[\p{L}'’-]+(?:[ \u00A0-](?:(?:de[ \u00A0]+la|de[ \u00A0]+l['’]|de|du|des|la|le|les|d['’]|l['’])[ \u00A0]*)?\p{Lu}[\p{L}'’-]+){0,4}(?:,[ \u00A0]*(?:bâtiment|bât\.|appartement|app\.|appt\.?|escalier|esc\.|lot|porte)[ \u00A0]*[\p{L}\p{N}]{1,4})*(?:,[ \u00A0]*|[ \u00A0]+)(?:\d{5}[ \u00A0]+|à[ \u00A0]+)\p{Lu}[\p{L}'’]*(?:[ \u00A0-](?:(?:sur|sous|en|lès|les|le|la|de|du|des|aux|d['’]|l['’])[ \u00A0-]?)?\p{Lu}[\p{L}'’]*){0,4})/gu;
/**
 * Between a person's name and their address on the same line: "Mme Agathe LEROY – 15, rue …", "M. Paul
 * VIDAL, dont l'adresse est 6, allée …", "chez votre mère, Mme X, à 4, cours …", "Mme X, maraîchère à La Touche, 35630 …".
 */
const NAME_GLUE_RE = /(?:[ \t\u00A0]*(?:\([^()\n]{0,30}\))?(?:[ \t\u00A0]*,[ \t\u00A0]*(?:son|sa|leur|votre)?[ \t\u00A0]*\p{Ll}[\p{Ll}'’-]*(?:[ \t\u00A0]+(?:\p{Ll}[\p{Ll}'’-]*|[dl]['’]\p{Ll}[\p{Ll}'’-]*)){0,4})?(?:[ \t\u00A0]*(?:,|–|—|-|:)[ \t\u00A0]*(?:(?:à|au|dont[ \t\u00A0]+l['’]adresse[ \t\u00A0]+est|(?:qui[ \t\u00A0]+)?(?:demeure|habite|réside|vit)(?:[ \t\u00A0]+(?:au|à))?)[ \t\u00A0]*:?[ \t\u00A0]*)?|(?<=\p{Ll})[ \t\u00A0]+(?:à|au)[ \t\u00A0]+))$/u;
/** The postcode and town that end an address (a town may bear such a word: "Saint-Palais", "Ville-d'Avray"). */
const TOWN_AT_END_RE = /(?:\d{5}|\d{2}[ \u00A0]\d{3})[ \u00A0]+\p{Lu}[^,\n]*$/u;
/** A house's name at the start of an address: "Maison Etxeberria", "Domaine des Aulnes" (not "Maison de la Justice"). */
const HOUSE_NAME_RE = /^[ \t]*(?:maison|villa|mas|ferme|domaine(?:[ \u00A0]+(?:de|du|des)(?=[ \u00A0]+\p{Lu}))?)[ \u00A0]+(?!(?:de|du|des|d['’]|France|Départementale?|Familiale|Médicale|Communale|Municipale|Régionale)(?![\p{L}]))(?=\p{Lu})/iu;
/** A street type and its name, up to a comma: set aside before looking for an organisation's word. */
const STREET_NAME_RE = new RegExp(`(?<![\\p{L}])${BODY_STREET_TYPES}[ \\u00A0]+[^,\\n]*`, 'giu');
/** Before a place name, what makes it the end of a street's name: a street type or a number. */
const STREET_TAIL_RE = new RegExp(`(?:(?<![\\p{L}])${BODY_STREET_TYPES}(?:[ \\u00A0]+(?:de|du|des|la|le|les|aux)(?![\\p{L}])|[ \\u00A0]+[dl]['’])*|\\d)[ \\u00A0,]*$`, 'iu');
/** Where a person lives, said in the text ("qui vit seule au", "où ils résident"). */
const LIVES_RE = /(?<![\p{L}])(?:vit|vivent|habite|habitent|réside|résident|demeure|demeurent|hébergée?s?)(?:[ \u00A0]+(?:seule?s?|ensemble|toujours|désormais|actuellement|aujourd['’]hui))?[ \u00A0]+(?:au|à|aux|en|chez)?/giu;
const ADDRESS_LABEL_WORD_RE = /adresse|domicile|demeurant|résid|logement|lieu|point|site|héberg|installation|immeuble\s+concerné|bien\s+(?:vendu|concerné|loué)/i;
const FIELD_STOP_RE = /[ \t]{3,}|\t|[ \t]+(?:Tél(?:éphone)?|Courriel|E-?mail|Portable|Code postal|N°)\b|(?<!(?:^|[\s(,])(?:M|MM|Dr|Me|Mgr|St|Ste|[A-Z]))\.[ \t]+(?=\p{Lu})/iu;
const CITY_FIELD_RE = /^[ \t]*(?:code\s+postal|CP|ville|commune|localité)[ \t]*:/i;

/** Right before an address, a copy of the letter sent there: "reçoit copie de ce courrier à", "une copie lui est adressée au". */
const COPY_SENT_RE = /(?:(?<![\p{L}])(?:lui|leur)[ \t\u00A0]+(?:\p{L}+[ \t\u00A0]+)?(?:adress|envoi|envoy|enverr|transmet|fera|ferons)\p{L}*[ \t\u00A0]+(?:une[ \t\u00A0]+)?|(?<![\p{L}]))(?:copie|double)(?![\p{L}])[^.;:\n]{0,50}?[ \t\u00A0](?:à|au)[ \t\u00A0]*$/iu;

/** After a street's name and number abroad, up to the end of the line: a floor and a door ("3.º B", "4t 2a", "2º izq."). */
const FLOOR_TO_LINE_END_RE = /^(?:,[ \u00A0]*(?:\d{1,2}\.?[ºª°]?[a-z]{0,2}\.?(?:[ \u00A0]+[\p{L}\d]{1,4}\.?){0,2}))?[ \t]*$/u;

/** An address's label in the running text, no colon: "adresse de correspondance", "adresse postale" (a box or a number after it). */
const INLINE_ADDRESS_HINT_RE = /adresse\s+(?:de\s+correspondance|postale|personnelle|de\s+domicile)/iu;
const INLINE_ADDRESS_LABEL_RE = /(?<![\p{L}])adresse\s+(?:de\s+correspondance|postale|personnelle|de\s+domicile)[ \t\u00A0]+(?=(?:BP|CS|boîte\s+postale|\d))/giu;

/** Complements of an address written before its number and street: "Résidence Les Acacias, bât. 2, appt 12, ". */
// (the word, then a capital or a number: "appartement 12", not "appartement situé …"; the word in capitals or not, the flag
// being left out so that the capital is one)
const COMPLEMENT_WORDS = ['résidence', 'bâtiment', 'bât\\.', 'appartement', 'appt\\.?', 'apt\\.?', 'escalier', 'esc\\.', 'porte', 'lotissement', 'immeuble', 'cité', 'hameau', 'lieu-dit', 'domaine']
  .map((w) => `[${w[0]}${w[0]!.toUpperCase()}]${w.slice(1)}`)
  .join('|');
const COMPLEMENTS_BEFORE_RE = new RegExp(`(?<![\\p{L}])(?:(?:${COMPLEMENT_WORDS})(?![\\p{L}])[ \\t\\u00A0.]*(?=\\p{Lu}|\\d|(?:du|de|des|de la|d['’]|l['’])[ \\t\\u00A0]*\\p{Lu})[^,;:()\\n]{0,40},[ \\t\\u00A0]*){1,4}$`, 'u');

/** A normalised street key ("8 allee des glycines") to compare mentions of the same address. */
function streetKey(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    // ("3, rue de l'Aiguillerie à Montpellier": the town read as the end of the name is no part of the street)
    .replace(/ a [a-z][a-z ]*$/, '');
}

interface StreetHit {
  start: number;
  end: number;
  key: string;
  /** A street's name, its number after it, a postcode and a town: a whole address written as abroad. */
  numberAfter: boolean;
  /** A street's name and its number after it, no postcode on the line ("Calle Mayor 12, 2.º A" and the town below). */
  numberLast: boolean;
}

function sticky(re: RegExp, s: string, at: number): number {
  re.lastIndex = at;
  const m = re.exec(s);
  return m ? at + m[0].length : -1;
}

/** Street addresses in a range: number, street type, name, then complements and city. */
function streetHits(text: string, from: number, to: number, needNumber: boolean): StreetHit[] {
  const out: StreetHit[] = [];
  const slice = text.slice(from, to);
  STREET_RE.lastIndex = 0;
  for (let m = STREET_RE.exec(slice); m; m = STREET_RE.exec(slice)) {
    if (needNumber && !m[1]) continue;
    let i = from + m.index + m[0].length;
    let nameEnd = -1;
    let caps = 0;
    for (let k = 0; k < 10; k++) {
      const e = sticky(NAME_TOKEN_RE, text, i);
      if (e < 0 || e > to) break;
      const tok = text.slice(i, e);
      if (/^\p{Lu}|^\d/u.test(tok)) {
        if (/^\p{Lu}/u.test(tok)) caps++;
        nameEnd = e;
      }
      const sp = /^[ \u00A0]+/.exec(text.slice(e, e + 4));
      if (/['’]$/.test(tok)) i = e;
      else if (sp) i = e + sp[0].length;
      else break;
    }
    if (nameEnd < 0 || caps === 0) continue;
    let end = nameEnd;
    // "Calle de Alcalá 148, 3º B, 28009 Madrid": the number after the name (its last token), not a year ("place du 8-Mai 1945")
    const numberAfter = !m[1] && /[ \u00A0](?!(?:1[89]|20)\d{2}$)\d{1,4}$/u.test(text.slice(from + m.index, nameEnd));
    for (let c = sticky(FOREIGN_FLOOR_RE, text, end); numberAfter && c > 0 && c <= to; c = sticky(FOREIGN_FLOOR_RE, text, end)) end = c;
    for (let c = sticky(COMPLEMENT_RE, text, end); c > 0 && c <= to; c = sticky(COMPLEMENT_RE, text, end)) end = c;
    let postcode = false;
    const pc = Math.max(sticky(POSTCODE_RE, text, end), numberAfter ? sticky(FOREIGN_POSTCODE_RE, text, end) : -1);
    if (pc > 0 && pc <= to) {
      const ce = sticky(CITY_RE, text, pc);
      if (ce > 0 && ce <= to) {
        end = ce;
        postcode = true;
        const co = sticky(COUNTRY_AFTER_RE, text, end);
        if (co > 0 && co <= to) end = co;
      }
    } else {
      const a = sticky(A_CITY_RE, text, end);
      if (a > 0) {
        const ce = sticky(CITY_RE, text, a);
        if (ce > 0 && ce <= to) end = ce;
      }
    }
    const start = from + m.index;
    out.push({ start, end, key: streetKey(text.slice(from + m.index, nameEnd)), numberAfter: numberAfter && postcode, numberLast: numberAfter && !postcode });
    STREET_RE.lastIndex = end - from;
  }
  return out;
}

function trimmedRange(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /[\s,;.]/.test(text[end - 1]!)) end--;
  return [start, end];
}

function addressLine(s: string): boolean {
  return isStreetLine(s) || isPostcodeLine(s) || (/\d/.test(s) && !/:/.test(s)) || /(?<![\p{L}])(?:résidence|bâtiment|bât\.|appartement|escalier|lieu-dit|hameau|chambre|villa|clos|domaine)(?![\p{L}])/iu.test(s);
}

/**
 * Following lines of an address that goes on below line `li`, up to the postcode line (or -1). With
 * `freeFirst`, the first line may be a place name ("Kervéguen", "Le Clos des Oliviers").
 */
function continuation(layout: Layout, li: number, freeFirst = false): number {
  const { lines } = layout;
  // (a word processor's paragraphs: a blank line before a line that reads as an address's is skipped)
  let first = li + 1;
  for (let k = li + 1, seen = 0; k < lines.length && seen < 4; k++) {
    const t = lines[k]!.text;
    if (lines[k]!.blank) {
      const next = lines[k + 1];
      if (next && !next.blank && (addressLine(next.text) || COUNTRY_LINE_RE.test(next.text)) && !/:/.test(next.text)) {
        if (k === first) first++;
        continue;
      }
      return -1;
    }
    seen++;
    if (/:/.test(t)) return -1;
    const free = freeFirst && k === first && /^\s*\p{Lu}[\p{L}'’\- ]{1,40}$/u.test(t) && t.trim().split(/\s+/).length <= 5;
    if (!free && !addressLine(t)) return -1;
    if (isPostcodeLine(t)) return k;
  }
  return -1;
}

export function findAddresses(layout: Layout, names: readonly PersonalDataSpan[] = []): PersonalDataSpan[] {
  const { text, lines } = layout;
  const out: PersonalDataSpan[] = [];
  // the end of each person's name, to read an address written right after it
  const nameEnds = new Set(names.map((n) => n.end));
  const afterName = (at: number): boolean => {
    const l = lines[layout.lineAt(at)]!;
    const before = text.slice(Math.max(l.start, at - 40), at);
    const glue = NAME_GLUE_RE.exec(before);
    return !!glue && nameEnds.has(at - glue[0].length);
  };
  // street addresses of each line, read once
  const hitsCache = new Map<number, StreetHit[]>();
  const lineHits = (li: number): StreetHit[] => {
    let h = hitsCache.get(li);
    if (!h) {
      const l = lines[li]!;
      // an address to compare or to report holds a number
      h = /\d/.test(l.text) && STREET_WORD_RE.test(l.text) ? streetHits(text, l.start, l.end, false) : [];
      hitsCache.set(li, h);
    }
    return h;
  };
  const personalKeys = new Set<string>();
  const serviceKeys = new Set<string>();
  const isServiceZone = (at: number): boolean => {
    const z = layout.zoneAt(at);
    const l = lines[layout.lineAt(at)]!;
    return z === 'signature' || layout.serviceLine(l.index) || (z === 'header' && l.block === 0);
  };

  // 1. identity blocks: their address lines
  for (const p of layout.persons)
    for (const r of p.addresses) {
      // ("demeurant Kervéguen" / "11, hent …": the address starts after the verb)
      const verb = /^(?:demeurant|domiciliée?s?|résidant|habitant)[ \t]+(?=\S)/iu.exec(text.slice(r.start, r.end));
      // ("Madame X, demeurant Rue du Moulin 8" / "7500 Tournai": the street at the end of the name's line)
      const li = layout.lineAt(r.start);
      const above = li > 0 ? lines[li - 1]! : null;
      const tail = above && !above.blank && p.names.some((n) => n.start >= above.start && n.start < above.end) ? /(?<![\p{L}])(?:demeurant|domiciliée?s?|résidant|habitant)[ \t]+([^,;:()\n]*\d[^;:()\n]*)$/iu.exec(above.text) : null;
      const start = tail && isStreetLine(tail[1]!) ? above!.start + tail.index + tail[0].length - tail[1]!.length : r.start + (verb ? verb[0].length : 0);
      out.push({ start, end: r.end, type: 'ADRESSE' });
      for (const h of streetHits(text, r.start, r.end, false)) personalKeys.add(h.key);
    }

  // the service's streets: letterhead, footer, service blocks
  for (const l of lines) {
    if (l.blank) continue;
    const z = layout.zoneAt(l.start);
    if (z === 'person' || (z !== 'header' && z !== 'signature' && !layout.serviceLine(l.index))) continue;
    if (z === 'header' && l.block !== 0 && ((!hasOrgWord(l.text) && !/[–|]/.test(l.text)) || ADDRESS_LABEL_WORD_RE.test(l.text.split(':')[0] ?? ''))) continue;
    for (const h of lineHits(l.index)) if (!personalKeys.has(h.key) && !afterName(h.start)) serviceKeys.add(h.key);
  }

  const recipientStart = layout.persons[0]?.range.start ?? -1;
  // 2. labelled fields: "Adresse : 12 rue des Lilas, 75011 Paris"
  const labels: number[] = [];
  for (const l of lines) {
    if (l.blank || !l.text.includes(':') || !ADDRESS_LABEL_WORD_RE.test(l.text)) continue;
    ADDRESS_LABEL_RE.lastIndex = 0;
    for (let m = ADDRESS_LABEL_RE.exec(l.text); m; m = ADDRESS_LABEL_RE.exec(l.text)) labels.push(l.start + m.index + m[0].length, m[0].length);
  }
  for (let q = 0; q < labels.length; q += 2) {
    const at = labels[q]!;
    const label = text.slice(at - labels[q + 1]!, at);
    const li = layout.lineAt(at);
    const l = lines[li]!;
    if (layout.zoneAt(at) === 'person' || isServiceZone(at)) continue;
    // above the recipient block, a bare "Adresse postale :" heads the sender's address (as the letterhead's paragraphs of a
    // word processor come apart, it may stand in no first block)
    if (recipientStart >= 0 && at < recipientStart && layout.zones[li] === 'header' && /^[\s.;–-]*adresse\s+postale\s*:\s*$/iu.test(label)) continue;
    if (SERVICE_ADDRESS_LABEL_RE.test(label) && !/(?<![\p{L}])(?:votre|vos)(?![\p{L}])/iu.test(label)) continue;
    const rest = text.slice(at, l.end);
    const stop = FIELD_STOP_RE.exec(rest);
    let end = at + (stop ? stop.index : rest.length);
    const value = text.slice(at, end);
    // (abroad, an address may hold no number: "Quartier X, Mitsamiouli, Grande Comore, UNION DES COMORES")
    if (!/\d/.test(value) && !isStreetLine(value) && !COUNTRY_AT_END_RE.test(value)) continue;
    // "chez sa mère, à l'adresse ci-dessus", "studio meublé de 24 m²": no address of its own
    if (/ci-dessus|ci-dessous|susmentionn|précitée|même\s+adresse/iu.test(value)) continue;
    if (!isStreetLine(value) && !/\d{5}|\d{2}[ \u00A0]\d{3}/.test(value) && /\d\s*(?:m²|m2|€|euros?|ans?|%|pièces?)(?![\p{L}])/u.test(value) && streetHits(text, at, end, false).length === 0) continue;
    // (a street's own name may hold such a word: "rue Nationale", "avenue de la République")
    // (nor a house's name: "Maison Etxeberria", "Domaine des Aulnes")
    if (/_{3,}|\.{4,}|…/.test(value) || hasOrgWord(value.replace(/\b(?:résidence|cité)\s+(?:universitaire|crous)\b/gi, '').replace(HOUSE_NAME_RE, '').replace(STREET_NAME_RE, '').replace(TOWN_AT_END_RE, '').replace(COUNTRY_END_RE, ''))) continue;
    const hits = streetHits(text, at, end, false);
    if (hits.some((h) => serviceKeys.has(h.key))) continue;
    // continuation: address lines down to the postcode line, or "Code postal : … Ville : …" right below
    if (end === l.end) {
      const k = continuation(layout, li);
      if (k > 0) end = lines[k]!.end;
      else {
        const next = lines[li + 1];
        const below = lines[li + 2];
        if (next && !next.blank && CITY_FIELD_RE.test(next.text)) end = next.end;
        // abroad, no postcode: the town, then the country, on the lines below ("Quartier Médina, villa 37" / "Kaolack" / "SÉNÉGAL")
        else if (next && below && !next.blank && /^[ \t]*\p{Lu}[\p{L}'’ -]{1,40}$/u.test(next.text) && !hasOrgWord(next.text) && COUNTRY_LINE_RE.test(below.text)) end = below.end;
      }
    }
    const [s0, e] = trimmedRange(text, at, end);
    // "Hébergé chez : M. Karim HAKIMI, 19, rue …": the address starts at its street
    const s = !isStreetLine(value) && hits.length > 0 && hits[0]!.start > s0 ? hits[0]!.start : s0;
    if (e > s) {
      out.push({ start: s, end: e, type: 'ADRESSE' });
      for (const h of hits) personalKeys.add(h.key);
    }
  }

  const taken = new SpanMask(text.length, out);
  const push = (start: number, end: number): void => {
    out.push({ start, end, type: 'ADRESSE' });
    taken.add({ start, end });
  };

  // 2b. an address after a label written in the sentence, no colon: "… – adresse de correspondance BP 14, 26400 Crest", said as the person's
  if (INLINE_ADDRESS_HINT_RE.test(text))
    for (const l of lines) {
      if (l.blank || !/\d{5}/.test(l.text) || isServiceZone(l.start) || layout.zoneAt(l.start) === 'person') continue;
      INLINE_ADDRESS_LABEL_RE.lastIndex = 0;
      for (let m = INLINE_ADDRESS_LABEL_RE.exec(l.text); m; m = INLINE_ADDRESS_LABEL_RE.exec(l.text)) {
        const at = l.start + m.index + m[0].length;
        const rest = text.slice(at, l.end);
        const stop = /[.;](?=\s|$)|[ \t][–—][ \t]|\)/u.exec(rest);
        const value = rest.slice(0, stop ? stop.index : rest.length);
        if (!/(?:\d{5}|\d{2}[ \u00A0]\d{3})[ \u00A0]+\p{Lu}/u.test(value) || hasOrgWord(value.replace(STREET_NAME_RE, '').replace(TOWN_AT_END_RE, ''))) continue;
        const before = text.slice(Math.max(l.start, at - m[0].length - 160), at - m[0].length);
        if (/(?<![\p{L}])(?:notre|nos)\s*$/iu.test(before) || lastMatchEnd(before, STRONG_PERSONAL_RE) <= lastMatchEnd(before, SERVICE_RE)) continue;
        const [s0, e] = trimmedRange(text, at, at + value.length);
        if (e > s0 && !taken.overlaps(s0, e)) push(s0, e);
      }
    }

  // 3. an address heading on its own line ("B. ADRESSE") and the address lines below it
  for (let li = 0; li < lines.length - 1; li++) {
    const l = lines[li]!;
    // (a heading may end a sentence: "… envoyée à l'adresse que vous avez indiquée :")
    if (l.blank || l.text.length > 200 || !/dress|omicil|oordonn/i.test(l.text) || !ADDRESS_HEADING_RE.test(l.text) || isServiceZone(l.start)) continue;
    // "Adresse de l'agence :", "Adresse d'envoi :": the service's
    if (SERVICE_ADDRESS_LABEL_RE.test(l.text) && !/(?<![\p{L}])(?:votre|vos)(?![\p{L}])/iu.test(l.text)) continue;
    const k = continuation(layout, li, true);
    if (k < 0) {
      // the whole address on the next line: "9, chemin des Aulnes, 39100 Dole"
      const next = lines[li + 1]!;
      for (const h of next.blank ? [] : lineHits(next.index)) if (/\d{5}/.test(text.slice(h.start, h.end)) && !taken.overlaps(h.start, h.end)) push(h.start, h.end);
      continue;
    }
    // (and the country's line below a foreign town: "PORTUGAL")
    const country = lines[k + 1] && !lines[k + 1]!.blank && COUNTRY_LINE_RE.test(lines[k + 1]!.text) ? k + 1 : k;
    const [s, e] = trimmedRange(text, lines[li + 1]!.start, lines[country]!.end);
    if (!taken.overlaps(s, e)) push(s, e);
  }

  // 4. a place name with a postcode, no street: "votre logement situé Kerhuel, 29120 Pont-l'Abbé"
  for (const l of lines) {
    if (l.blank || !/\d{5}/.test(l.text) || !PLACE_CUE_RE.test(l.text)) continue;
    const z = layout.zoneAt(l.start);
    if (z === 'signature' || z === 'person' || isServiceZone(l.start)) continue;
    PLACE_RE.lastIndex = 0;
    for (let m = PLACE_RE.exec(l.text); m; m = PLACE_RE.exec(l.text)) {
      const start = l.start + m.index + m[0].length - m[1]!.length;
      const end = start + m[1]!.length;
      if (taken.overlaps(start, end) || hasOrgWord(m[1]!)) continue;
      const before = text.slice(Math.max(l.start, start - 160), start);
      const strong = lastMatchEnd(before, STRONG_PERSONAL_RE);
      const weak = lastMatchEnd(before, WEAK_PERSONAL_RE);
      const service = lastMatchEnd(before, SERVICE_RE);
      if (Math.max(strong, weak) > service) push(start, end);
    }
  }

  // 5. the text: street addresses introduced as the person's
  for (const l of lines) {
    if (l.blank || !/\d/.test(l.text)) continue;
    const z = layout.zoneAt(l.start);
    if (z === 'signature') continue;
    for (const h of lineHits(l.index)) {
      let hEnd = h.end;
      if (!/^\d/.test(text.slice(h.start, h.start + 1)) && !h.numberAfter) {
        // abroad, the number after the street's name ending the line (a floor and a door may follow), the postcode and town on the
        // next line and the country below: "Rua das Flores 22, 3.º Esq." / "4050-262 Porto" / "PORTUGAL"
        // (a word processor's paragraphs: one blank line between the lines)
        const lineBelow = (k: number): Line | undefined => (lines[k + 1]?.blank && lines[k + 2] && !lines[k + 2]!.blank ? lines[k + 2] : lines[k + 1]);
        const next = lineBelow(l.index);
        if (!h.numberLast || !FLOOR_TO_LINE_END_RE.test(text.slice(h.end, l.end)) || !next || next.blank || !isPostcodeLine(next.text)) continue;
        const below = lineBelow(next.index);
        const country = below && !below.blank ? COUNTRY_START_RE.exec(below.text) : null;
        hEnd = country ? below!.start + country[0].length : trimmedRange(text, h.start, next.end)[1];
      }
      // (an address continued on the lines below may join a part already found there: "7500 Tournai" / "BELGIQUE")
      if (taken.overlaps(h.start, hEnd === h.end ? h.end : lines[l.index]!.end)) continue;
      if (layout.zoneAt(h.start) === 'person') continue;
      if (serviceKeys.has(h.key)) continue;
      let personal = personalKeys.has(h.key) || afterName(h.start);
      if (!personal) {
        if (isServiceZone(h.start)) continue;
        const before = text.slice(Math.max(l.start, h.start - 160), h.start);
        const strong = lastMatchEnd(before, STRONG_PERSONAL_RE);
        const weak = lastMatchEnd(before, WEAK_PERSONAL_RE);
        const service = lastMatchEnd(before, SERVICE_RE);
        if (strong >= 0 && strong > service) personal = true;
        else if (weak >= 0 && weak > service && (service < 0 || weak - service > 45)) personal = true;
        else {
          // "Votre sœur, Mme X, … a demandé qu'une copie lui soit envoyée à l'adresse 8, …": a person named earlier in the
          // sentence, then "adresse", and no service's word after the name
          const from = h.start - before.length;
          const nameEnd = names.reduce((m, n) => (n.type === 'NOM' && n.end <= h.start && n.end >= from ? Math.max(m, n.end) : m), -1);
          if (nameEnd >= 0) {
            const between = text.slice(nameEnd, h.start);
            // (or a copy of the letter sent to them there: "…, reçoit copie de ce courrier à 15, rue …")
            // ("nous lui adresserons une copie à": the verb sends it to the person, no service's word)
            const copy = COPY_SENT_RE.exec(between);
            const rest = copy ? between.slice(0, copy.index) : between;
            // (a pronoun speaks of the person named in the sentence before: "… lui soient envoyés. Avec votre accord, nous lui adresserons une copie à")
            const pronoun = !!copy && /^(?:lui|leur)(?![\p{L}])/iu.test(copy[0]);
            if ((/(?<![\p{L}])adresse(?![\p{L}])/iu.test(between) || copy) && (pronoun || !/[.!?][ \t]+\p{Lu}/u.test(between)) && lastMatchEnd(rest, SERVICE_RE) < 0) personal = true;
          }
        }
      }
      if (personal) {
        // (with the complements written before the number: "Résidence Les Acacias, appt 12, 4, rue …")
        const c = COMPLEMENTS_BEFORE_RE.exec(text.slice(Math.max(l.start, h.start - 120), h.start));
        const start = c && !taken.overlaps(h.start - c[0].length, h.start) ? h.start - c[0].length : h.start;
        push(start, hEnd);
      }
    }
  }
  // 6. a place with no street number, a postcode or "à" and its town, right after the person's
  // words: "Votre nouvelle adresse, Résidence Les Flamboyants, bâtiment B, 97139 Les Abymes", "qui vit
  // seule au lieu-dit Le Puy Grolier, 19700 Seilhac", "à votre domicile (La Ferme du Suran, à Meillonnas)"
  for (const l of lines) {
    if (l.blank || !/\d{5}|,[ \u00A0]*à[ \u00A0]+\p{Lu}/u.test(l.text)) continue;
    const z = layout.zoneAt(l.start);
    if (z === 'signature' || z === 'person' || isServiceZone(l.start)) continue;
    PLACE_NO_NUMBER_RE.lastIndex = 0;
    for (let m = PLACE_NO_NUMBER_RE.exec(l.text); m; m = PLACE_NO_NUMBER_RE.exec(l.text)) {
      const start = l.start + m.index + m[0].length - m[1]!.length;
      const end = start + m[1]!.length;
      if (taken.overlaps(start, end) || hasOrgWord(m[1]!.replace(/^(?:résidence|lotissement|domaine)\s/iu, ''))) continue;
      // ("au domicile de votre compagne, Mme Léa MOREAU, à Dole": a person's name, not a place)
      if (names.some((n) => n.type === 'NOM' && n.start < end && n.end > start)) continue;
      const before = text.slice(Math.max(l.start, start - 70), start);
      // the end of a street's name ("12, rue Aristide-Briand, 37000 Tours"), or one word before "à" ("Suisse, à Sainte-Croix")
      if (STREET_TAIL_RE.test(before) || (!/\d{5}/.test(m[1]!) && !/^\S+\s+\S+[\s\S]*,[ \u00A0]*à/u.test(m[1]!))) continue;
      const cue = Math.max(lastMatchEnd(before, STRONG_PERSONAL_RE), lastMatchEnd(before, LIVES_RE), lastMatchEnd(before, WEAK_PERSONAL_RE));
      // (or right after the person's name: "Bernard VIGIER – Mas de la Garrigue, 30170 Fressac")
      if ((cue >= 0 && cue > lastMatchEnd(before, SERVICE_RE) && cue >= before.length - 40) || (/\d{5}/.test(m[1]!) && afterName(start))) push(start, end);
    }
  }

  // 7. abroad, an address with no postcode closed by its country, right after where the person lives:
  // "domiciliée quartier Hamdallaye, BP 2147, Conakry, GUINÉE"
  if (FOREIGN_CUE_RE.test(text))
    for (const l of lines) {
      if (l.blank || !FOREIGN_CUE_RE.test(l.text)) continue;
      const z = layout.zoneAt(l.start);
      if (z === 'signature' || z === 'person' || isServiceZone(l.start)) continue;
      FOREIGN_PLACE_RE.lastIndex = 0;
      for (let m = FOREIGN_PLACE_RE.exec(l.text); m; m = FOREIGN_PLACE_RE.exec(l.text)) {
        const start = l.start + m.index + m[0].length - m[1]!.length;
        const end = start + m[1]!.length;
        if (taken.overlaps(start, end) || hasOrgWord(m[1]!.replace(STREET_NAME_RE, ''))) continue;
        push(start, end);
      }
    }

  // 8. abroad, an address written on one line and closed by its country: "(Kortrijksesteenweg 412, 9000 Gent,
  // BELGIQUE)", "Núria CASALS, Carrer de Còrsega, 287, 3r 1a, 08008 Barcelona, ESPAGNE", "à l'adresse Flat 3, 41
  // Brixton Hill, London SW2 1JF, ROYAUME-UNI": from the country, back through the parts that read as an address
  if (COUNTRY_END_RE.test(text))
    for (const l of lines) {
      if (l.blank || !/\d/.test(l.text)) continue;
      const z = layout.zoneAt(l.start);
      if (z === 'signature' || z === 'person' || isServiceZone(l.start)) continue;
      COUNTRY_END_RE.lastIndex = 0;
      for (let m = COUNTRY_END_RE.exec(l.text); m; m = COUNTRY_END_RE.exec(l.text)) {
        const end = l.start + m.index + m[0].length;
        const start = foreignAddressStart(text, l.start, l.start + m.index, names);
        if (start < 0 || taken.overlaps(start, end)) continue;
        const before = text.slice(Math.max(l.start, start - 160), start);
        const cue = Math.max(lastMatchEnd(before, STRONG_PERSONAL_RE), lastMatchEnd(before, LIVES_RE), lastMatchEnd(before, WEAK_PERSONAL_RE));
        const nameRight = names.some((n) => n.type === 'NOM' && n.end <= start && /^[ \t]*[,:(–-][ \t]*$/u.test(text.slice(n.end, start)));
        if (nameRight || afterName(start) || (cue >= 0 && cue > lastMatchEnd(before, SERVICE_RE))) push(start, end);
      }
    }

  // 9. an address block of its own right under the person's identity fields ("Nom : …", "Né le : …"), no name above it
  for (let li = 1; li < lines.length; li++) {
    const l = lines[li]!;
    const prev = lines[li - 1]!;
    if (l.blank || !prev.blank || l.block === 0 || layout.zoneAt(l.start) === 'signature' || layout.zoneAt(l.start) === 'person' || isServiceZone(l.start)) continue;
    let above = li - 1;
    while (above > 0 && lines[above]!.blank) above--;
    if (lines[above]!.blank || !layout.personFormBlocks.has(lines[above]!.block)) continue;
    const k = continuation(layout, li - 1, true);
    if (k < 0 || k > li + 4 || (lines[k + 1] && !lines[k + 1]!.blank && !COUNTRY_LINE_RE.test(lines[k + 1]!.text))) continue;
    const [s0, e] = trimmedRange(text, l.start, (lines[k + 1] && !lines[k + 1]!.blank ? lines[k + 1]! : lines[k]!).end);
    if (!hasOrgWord(text.slice(s0, e).replace(STREET_NAME_RE, '').replace(TOWN_AT_END_RE, '')) && !taken.overlaps(s0, e)) push(s0, e);
  }

  return out;
}

/** A country ending a line's value, after at least two places: "…, Mitsamiouli, Grande Comore, UNION DES COMORES". */
const COUNTRY_AT_END_RE = new RegExp(`^[^,\\n]+(?:,[^,\\n]+){1,4},[ \\t]*(?:${COUNTRY_SOURCE})[ \\t.]*$`, 'u');
/** A country at the start of a line, the sentence going on after it ("ESPAGNE, téléphone …"). */
const COUNTRY_START_RE = new RegExp(`^[ \\t]*(?:${COUNTRY_SOURCE})(?=[ \\t]*(?:[,.;)]|$))`, 'u');
const COUNTRY_LINE_RE = new RegExp(`^[ \\t]*(?:${COUNTRY_SOURCE})[ \\t]*$`, 'u');

/** A country closing a part of a line: ", ESPAGNE", ", Belgique". */
const COUNTRY_END_RE = new RegExp(`,[ \\u00A0]*(?:${COUNTRY_SOURCE})(?![\\p{L}])`, 'gu');
/** A postcode and a town: "08008 Barcelona", "4000-447 Porto", "L-1741 Luxembourg", "London SW2 1JF". */
const FOREIGN_TOWN_PART_RE = /^(?:(?:[A-Z]{1,2}-)?\d{4,5}(?:-\d{3})?[ \u00A0]+\p{Lu}[\p{L}'’ -]*(?:\([^()]{1,20}\))?|\p{Lu}[\p{L}'’ -]*[ \u00A0]+[A-Z]{1,2}\d[A-Z\d]?[ \u00A0]\d[A-Z]{2})$/u;
/** A token of an address part: a capitalised word, a number, a floor ("2.º", "3r", "1a"), a short particle. */
const ADDRESS_TOKEN_RE = /^(?:\p{Lu}[\p{L}'’.-]*|\d{1,5}[\p{L}.ºª°]{0,3}|\d{1,2}\.?[ºª°]|de|del|della|dels|di|da|do|dos|das|des|du|la|le|el|van|von|der|den|het|am|an|im|bis|ter)$/u;

/**
 * Where an address ends in a country at `countryAt` starts: the part right before (a postcode and a town),
 * then back through parts of capitalised words and numbers, up to a bracket, a colon, a name found or words of a sentence.
 */
function foreignAddressStart(text: string, lineStart: number, countryAt: number, names: readonly PersonalDataSpan[]): number {
  let end = countryAt;
  let start = -1;
  for (let k = 0; k < 6; k++) {
    let s = end - 1;
    while (s >= lineStart && !/[,(:;]/.test(text[s]!)) s--;
    const raw = text.slice(s + 1, end);
    const part = raw.trim();
    if (!part || part.length > 60 || names.some((n) => n.type === 'NOM' && n.start < end && n.end > s + 1)) break;
    if (k === 0) {
      if (!FOREIGN_TOWN_PART_RE.test(part)) return -1;
      start = s + 1 + raw.indexOf(part);
    } else {
      // the address tokens at the end of the part ("… à l'adresse Flat 3": "Flat 3")
      const words = part.split(/[ \u00A0]+/);
      let w = words.length;
      while (w > 0 && ADDRESS_TOKEN_RE.test(words[w - 1]!)) w--;
      if (w === words.length || !/^(?:\p{Lu}|\d)/u.test(words[w]!)) break;
      const kept = words.slice(w).join(' ');
      start = s + 1 + raw.lastIndexOf(kept);
      if (w > 0) break;
    }
    if (s < lineStart || text[s] !== ',') break;
    end = s;
  }
  // (an address holds a number and more than its town)
  return start >= 0 && start < countryAt && /\d/.test(text.slice(start, countryAt)) && text.slice(start, countryAt).includes(',') ? start : -1;
}
