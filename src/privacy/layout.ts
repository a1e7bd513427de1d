/**
 * The zones of a letter, read line by line: the letterhead and reference lines (the service), the
 * recipient's address block and other identity blocks (the person), the body, the signature and
 * footer (the agent and the service). The personal-data detectors use them to tell the person's
 * contact details from the service's, and the addressee or a third person from the agent.
 *
 * A letter set in two columns ("Affaire suivie par : …          Madame Fatoumata DIALLO") is read
 * column by column for the recipient block.
 */

export type Zone = 'header' | 'person' | 'body' | 'signature';

export interface Line {
  index: number;
  /** Offset of the first character of the line. */
  start: number;
  /** Offset after the last character of the line (before "\r\n" or "\n"). */
  end: number;
  text: string;
  blank: boolean;
  /** Index of the block of consecutive non-blank lines the line belongs to (-1 for a blank line). */
  block: number;
}

export interface Range {
  start: number;
  end: number;
}

/** An identity block: a name, then a postal address (the recipient block, "ASSURÉ(E) / name / address"). */
export interface PersonBlock {
  names: Range[];
  addresses: Range[];
  /** The whole block, contact lines included ("Tél. : …" right under the address). */
  range: Range;
  /** Column of the block, and whether other text stands on its left (a two-column layout). */
  column: number;
  twoColumns: boolean;
}

export interface Layout {
  text: string;
  lines: Line[];
  /** Zone of each line (never 'person': see zoneAt). */
  zones: Zone[];
  /** Signature lines that repeat the name of an identity block: the person signs their own letter. */
  selfSigned: Set<number>;
  persons: PersonBlock[];
  /** Blocks of the body that are the service's contact block ("Une question ? Appelez-nous…"). */
  serviceBlocks: Set<number>;
  /** True for a line of the service's contact block: a short line of such a block, or a line with a cue of its own. */
  serviceLine(index: number): boolean;
  /** Blocks that describe the person ("Nom : …", "Date de naissance : …"): their labelled contacts are the person's. */
  personFormBlocks: Set<number>;
  /** Lower-cased surnames (last name token) of the agents and signatories. */
  agentSurnames: Set<string>;
  /** True when an agent label ("Dossier suivi par", "Votre conseillère") stands on the line before `offset`. */
  agentLabelBefore(offset: number): boolean;
  /** True when the block is about an animal (its first line: "Chien détenu :"). */
  animalBlock(block: number): boolean;
  /** True when line `index` holds an agent label. */
  agentLabelLine(index: number): boolean;
  /** True when a line of block `block` holds an agent label ("Affaire suivie par : …" and the lines under it). */
  agentBlock(block: number): boolean;
  /**
   * True inside a message quoted in an e-mail reply whose sender ("De : …") is the reply's addressee
   * ("À : …" of the reply): there "je", "me", "mon" speak for the person.
   */
  personVoice(offset: number): boolean;
  /** Index of the line holding an offset. */
  lineAt(offset: number): number;
  /** Zone of an offset: 'person' inside an identity block, else the zone of its line. */
  zoneAt(offset: number): Zone;
  /** The identity block holding an offset, or null. */
  personAt(offset: number): PersonBlock | null;
}

// ---------------------------------------------------------------------------------------------
// Shared lexical pieces

/** Military grades: they stand for a civility before a name ("Adjudant-chef Romain FABRE"). */
export const GRADE_SOURCE =
  "(?:Adjudant|Sergent|Caporal|Sous-lieutenant|Lieutenant-colonel|Lieutenant|Capitaine|Commandant|Colonel|Général|Major|Brigadier|Maréchal des logis|Gendarme|Matelot|Quartier-maître|Second maître|Premier maître|Maître principal|Aspirant|Soldat|Chef d['’]escadron|Chef de bataillon|Enseigne de vaisseau|Capitaine de corvette|Capitaine de frégate|Capitaine de vaisseau)(?:-chef)?";
export const CIVILITY_SOURCE =
  `(?:Madame|Monsieur|Mademoiselle|Mesdames|Messieurs|MADAME|MONSIEUR|MADEMOISELLE|(?:Mme|Mmes|Mlle|Mlles|Melle|MME|MLLE)\\.?|MM\\.|M\\.|Mr\\.?|${GRADE_SOURCE})(?:\\s+(?:et|ou|ET|OU)\\s+(?:Madame|Monsieur|Mademoiselle|MADAME|MONSIEUR|Mme|Mlle|M\\.))?`;

/** Words that follow a civility in a title, not a name: "Monsieur le Maire", "Madame la Directrice". */
export const TITLE_WORDS = new Set([
  'maire', 'préfet', 'préfète', 'sous-préfet', 'sous-préfète', 'directeur', 'directrice', 'président', 'présidente',
  'procureur', 'procureure', 'juge', 'ministre', 'recteur', 'rectrice', 'trésorier', 'trésorière', 'comptable',
  'médiateur', 'médiatrice', 'défenseur', 'défenseure', 'conciliateur', 'conciliatrice', 'délégué', 'déléguée',
  'chef', 'cheffe', 'responsable', 'inspecteur', 'inspectrice', 'commissaire', 'greffier', 'greffière', 'secrétaire',
  'adjoint', 'adjointe', 'conseiller', 'conseillère', 'docteur', 'député', 'députée', 'sénateur', 'sénatrice',
  'bâtonnier', 'proviseur', 'principal', 'principale', 'doyen', 'doyenne', 'administrateur', 'administratrice',
  'agent', 'agente', 'référent', 'référente', 'gestionnaire', 'instructeur', 'instructrice', 'contrôleur',
  'contrôleuse', 'receveur', 'payeur', 'percepteur', 'officier', 'capitaine', 'commandant', 'colonel', 'général',
  'générale', 'abbé', 'curé', 'vice-président', 'vice-présidente', 'premier', 'première', 'haut-commissaire',
  'adjudant', 'adjudant-chef', 'sergent', 'sergent-chef', 'caporal', 'caporal-chef', 'lieutenant', 'sous-lieutenant',
  'lieutenant-colonel', 'major', 'brigadier', 'brigadier-chef', 'gendarme', 'matelot', 'aspirant', 'soldat', 'cadre',
]);

/** Capitalised words that are never (part of) a person's name in a letter. */
export const NOT_NAME_WORDS = new Set([
  'le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'vous', 'nous', 'votre', 'vos', 'notre', 'nos', 'objet',
  'madame', 'monsieur', 'mademoiselle', 'mme', 'mlle', 'm', 'tél', 'tel', 'téléphone', 'courriel', 'mail', 'e-mail',
  'dossier', 'réf', 'ref', 'référence', 'n°', 'né', 'née', 'date', 'et', 'ou', 'pour', 'par', 'avec', 'sans', 'dans',
  'sur', 'en', 'à', 'au', 'aux', 'ce', 'cette', 'ces', 'il', 'elle', 'ils', 'elles', 'je', 'si', 'qui', 'que', 'dont',
  'adresse', 'nom', 'prénom', 'prénoms', 'service', 'direction', 'caisse', 'mairie', 'préfecture', 'centre',
  'agence', 'pôle', 'bureau', 'tribunal', 'cour', 'commission', 'conseil', 'département', 'région', 'république',
  'france', 'état', 'ville', 'commune', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre',
  'décembre', 'cedex', 'bp', 'cs', 'rue', 'avenue', 'boulevard', 'place', 'allée', 'impasse', 'chemin', 'route',
  'quai', 'pièce', 'pièces', 'copie', 'signature', 'fait', 'lu', 'vu', 'considérant', 'article', 'code', 'loi',
  'décret', 'arrêté', 'annexe', 'pj', 'ps', 'nb', 'cordialement', 'bonjour', 'merci', 'attention', 'important',
  // (mentions on an envelope's window: "PLI CONFIDENTIEL", "LETTRE RECOMMANDÉE", "URGENT")
  'pli', 'confidentiel', 'confidentielle', 'urgent', 'urgente', 'recommandé', 'lettre',
  'rappel', 'enfant', 'enfants', 'fils', 'fille', 'époux', 'épouse', 'conjoint', 'conjointe', 'bénéficiaire',
  'allocataire', 'assuré', 'assurée', 'demandeur', 'demandeuse', 'titulaire', 'locataire', 'aucun', 'aucune', 'tout',
  'toute', 'tous', 'toutes', 'chaque', 'non', 'oui', 'sexe', 'nationalité', 'situation', 'lieu', 'ci-joint',
  'ci-dessous', 'ci-dessus', 'identifiant', 'numéro', 'matricule', 'courrier', 'email', 'web', 'site', 'internet',
  'www', 'http', 'https', 'caf', 'cpam', 'urssaf', 'msa', 'ccas', 'dgfip', 'sip', 'anef', 'rsa', 'apl', 'aah', 'iban',
  'bic', 'rib', 'sms', 'veuve', 'veuf', 'divorcée', 'divorcé', 'lien', 'sa', 'son', 'ses', 'leur', 'leurs', 'mon',
  'ma', 'mes', 'total', 'montant', 'période', 'mois', 'année', 'heure', 'durée', 'accord', 'refus', 'oui', 'ok',
  // identifiers' acronyms ("Élève : CHEVALIER Léo – INE 2911045832K")
  'ine', 'nir', 'ipp', 'nud', 'pdl', 'prm', 'pce', 'rum', 'siret', 'siren',
  // nationalities ("visa de conjoint de Français")
  'français', 'française', 'françaises',
  // words of a letter's title ("NOTIFICATION DE RETRAITE DE RÉVERSION", "AVIS DE MISE EN RECOUVREMENT")
  'notification', 'décision', 'attestation', 'convocation', 'avis', 'relevé', 'retraite', 'réversion', 'demande',
  'certificat', 'récépissé', 'accusé', 'réception', 'information', 'informations', 'notice', 'formulaire',
  'bordereau', 'échéancier', 'facture', 'quittance', 'lettre', 'recommandée', 'mise', 'recouvrement',
  // states a form gives after a role ("VOTRE CONJOINT DÉCÉDÉ", "LA SALARIÉE DÉCLARÉE", "partenaire de Pacs")
  'décédé', 'décédée', 'déclaré', 'déclarée', 'pacs', 'pacsé', 'pacsée', 'marié', 'mariée', 'célibataire', 'séparé', 'séparée',
]);

/** The first line of a block about an animal ("Chien détenu :"): the names and births below are not persons'. */
const ANIMAL_HEADING_RE = /^\s*(?:(?:le|la|votre|son|sa|l['’])\s*)?(?:chien|chienne|chat|chatte|animal|animaux|cheval|jument|équidé|poney|âne|furet|NAC)s?(?![\p{L}])/iu;

/** Words of an organisation's name: a line holding one is no person's name. */
const ORG_WORDS_RE =
  /(?<![\p{L}])(?:caisse|service|services|direction|mairie|ville|préfecture|sous-préfecture|centre|agence|pôle|bureau|département|departement|conseil|office|université|universite|tribunal|cour|ministère|ministere|assurance|commune|communauté|république|hôpital|hopital|hospitalier|hospices|clinique|académie|rectorat|trésor|tresor|finances|impôts|impots|maison|région|region|habitat|agglomération|métropole|établissement|institut|école|ecole|lycée|college|collège|secrétariat|délégation|cabinet|plateforme|antenne|permanence|accueil|mission|fonds|commission|syndicat|association|société|sarl|sas|sasu|sci|eurl|eirl|earl|gaec|scea|snc|scop|selarl|gmbh|entreprise|banque|mutuelle|crous|caf|cpam|urssaf|msa|ccas|cias|dgfip|drfip|ddfip|sip|ddt|ddets|dreets|anah|ofii|france|france travail|cnaf|carsat|cnav|ars|mdph|apec|crédit|gendarmerie|police|palais|siège|division|unité|cellule|guichet|sdis|greffe|juridiction|hôtel|ufr|campus|scolarité|laboratoire|faculté|logement|logements|immobilier|immobilière|foncière|edf|engie|régie|syndic|notaires?|huissiers?|admr|ehpad|résidence services|groupe|fédération|union|coopérative|comité|chambre\s+(?:de|des|d['’])\s+(?:commerce|métiers|agriculture|notaires)|ordre|préfet|ministre|consulat|consulaire|ambassade|conseil départemental|hlm|opac|oph|public|publique|national|nationale|départemental|départementale|régional|régionale|municipal|municipale|productions?|films?|consulting|holding|industries?|constructions?|distribution|transports?|boulangerie|pharmacie|garage|restaurant|café|camping|brasserie|auberge|menuiserie|plomberie|élevage|domaine\s+(?:de|du|des)|cave|coopérative|exploitation|entreprises?|ets|établissements)(?![\p{L}])/iu;

export function hasOrgWord(s: string): boolean {
  // "SA" (a company) only in capitals: "chez sa mère" names no company
  return ORG_WORDS_RE.test(s) || /(?<![\p{L}])SA(?![\p{L}])/u.test(s);
}

export const STREET_TYPES_SOURCE =
  "(?:rue|avenue|av\\.|bd|boulevard|place|allée|allee|allées|impasse|chemin|route|quai|cours|square|résidence|residence|lotissement|hameau|lieu-dit|lieudit|voie|sentier|passage|cité|cite|villa|parvis|rond-point|faubourg|promenade|esplanade|mail|clos|domaine|montée|traverse|ruelle|sente|venelle|rampe|corniche|chaussée|quartier|ZA|ZI|ZAC|lot|bâtiment|bât\\.|appartement|appt\\.?|apt\\.?|escalier|étage|route départementale|RD|RN|hent|straat|strasse|straße|calle|rua|via)";

/** Abroad: "Hauptstraße 58", "Kortrijksesteenweg 412", "Flat 3, 27 Belsize Park Gardens", "Apartment 4B". */
const FOREIGN_STREET_LINE_SOURCE = "\\p{Lu}[\\p{L}-]*(?:straße|strasse|str\\.|steenweg|straat|laan|gasse|platz|weg|allee)\\s+\\d{1,4}|(?:Flat|Apartment|Apt\\.?|Unit)\\s+\\d{1,4}[A-Z]?(?![\\p{L}])";
const STREET_LINE_RE = new RegExp(
  `^\\s*(?:(?:\\d{1,4}(?:\\s?(?:bis|ter|quater|[A-Da-d]))?\\s*,?\\s+)?${STREET_TYPES_SOURCE}(?![\\p{L}])|\\d{1,4}(?:\\s?(?:bis|ter|quater|[A-Da-d]))?\\s*,?\\s+\\p{L}|(?:chez|c\\/o|BP|CS|TSA|boîte postale|lieu-dit|le\\s+clos)(?![\\p{L}])|les\\s+\\p{Lu}\\p{L}*|${FOREIGN_STREET_LINE_SOURCE})`,
  'iu',
);

/** A postcode and city line: "99100 Valmont", "99104 VALMONT CEDEX", "F-75001 Paris", "1000 Bruxelles". */
export const POSTCODE_CITY_RE = /^\s*(?:(?:F|B|L|CH|D|P|E|MC)-)?(?:\d{5}|\d{2}\s\d{3}|\d{4}-\d{3}|\d{4})\s+\p{Lu}[\p{L}'’\- ()0-9]{1,60}?(?:\s+(?:CEDEX|Cedex)(?:\s*\d{1,2})?)?\s*$/u;

const COUNTRY_LINE_RE = /^\s*(?:FRANCE|BELGIQUE|SUISSE|LUXEMBOURG|ESPAGNE|PORTUGAL|ITALIE|ALLEMAGNE|MONACO|MAROC|ALGÉRIE|ALGERIE|TUNISIE|SÉNÉGAL|SENEGAL|ROYAUME-UNI|PAYS-BAS|POLOGNE|ROUMANIE|France|Belgique|Suisse|Luxembourg|Espagne|Portugal|Italie|Allemagne|Monaco|Maroc|Algérie|Tunisie|Sénégal|Pays-Bas|Pologne|Roumanie|IRLANDE|Irlande|CANADA|Canada|ÉTATS-UNIS|États-Unis|GUINÉE|Guinée|MALI|Mali|CAMEROUN|Cameroun|CÔTE D['’]IVOIRE|Côte d['’]Ivoire|ESPAÑA|España|ITALIA|Italia|DEUTSCHLAND|Deutschland|SCHWEIZ|Schweiz|La\s+Réunion|LA\s+RÉUNION|Guadeloupe|GUADELOUPE|Martinique|MARTINIQUE|Guyane|GUYANE|Mayotte|MAYOTTE|Nouvelle-Calédonie|NOUVELLE-CALÉDONIE|Polynésie\s+française|POLYNÉSIE\s+FRANÇAISE)\s*$/u;

export function isStreetLine(s: string): boolean {
  return STREET_LINE_RE.test(s);
}

/** A British town and postcode: "London NW3 4JH". */
const UK_POSTCODE_CITY_RE = /^\s*\p{Lu}[\p{L}'’ -]{1,40}\s+[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\s*$/u;
/** A Canadian town, its province and postcode: "Montréal (Québec) H2J 2L3". */
const CA_POSTCODE_CITY_RE = /^\s*\p{Lu}[\p{L}'’ -]{1,40}(?:\s*\([^()\n]{2,30}\))?\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d\s*$/u;

export function isPostcodeLine(s: string): boolean {
  return POSTCODE_CITY_RE.test(s) || UK_POSTCODE_CITY_RE.test(s) || CA_POSTCODE_CITY_RE.test(s);
}

// Civility at the start of a line followed by a capitalised word (a name, or a title we reject later).
// (a civility in two languages: "Señor / Monsieur", "Herr / Monsieur")
const CIVILITY_LINE_RE = new RegExp(`^\\s*(?:(?:À|A|à)\\s+l['’]attention\\s+de\\s*:?\\s*|(?:[Hh]ébergée?s?\\s+)?chez\\s+|(?:destinataire|DESTINATAIRE|Destinataire|À|A|[Cc]opie(?:\\s+(?:à|pour))?|COPIE|[Cc]c|CC|[Dd]ébit(?:eur|rice)|DÉBIT(?:EUR|RICE)|[Rr]edevable|REDEVABLE)\\s*:\\s*)?(?:\\p{Lu}[\\p{L}.]{1,9}\\s*\\/\\s*)?${CIVILITY_SOURCE}(?:\\s*\\((?:ER|R|H|hon\\.?)\\))?\\s+(?=\\p{Lu})`, 'u');
/** "À l'attention de : Antoine DESCHAMPS et Sarah BEN HAMIDA": the persons without a civility. */
const ATTENTION_RE = /^\s*(?:(?:À|A|à)\s+l['’]attention\s+de\s*:?\s*|Aux\s+(?:parents|représentants\s+légaux|héritiers|ayants\s+droit)\s+(?:de\s+|d['’]))/u;

/** The first line of a numbered or bulleted item. */
const HOUSEHOLD_ITEM_RE = /^[ \t]*(?:\d{1,3}[.)]|[-–•*·])[ \t]+\S/u;
/** A cue that an item describes a family: a child's birth, the parents, a legal guardian. */
const HOUSEHOLD_CUE_RE = /(?<![\p{L}])(?:n[ée]e?[ \t]+le|parents?[ \t]*:|responsables?(?:[ \t]+l[ée]ga(?:l|ux|les?))?[ \t]*:|représentants?[ \t]+légaux?)/iu;

/** A company's legal form or a body's kind on a line: "Autocars X SARL", "Association Y". */
const LEGAL_FORM_RE = /(?<![\p{L}])(?:SARL|SAS|SASU|EURL|SA|SCI|SCOP|GIE|EARL|GAEC|association|fondation|fédération|syndicat|société|entreprise|groupe|cabinet)(?![\p{L}])/iu;
/** The officer's role after a name: "Mme X, présidente", "M. Y, responsable d'exploitation". */
const OFFICER_AFTER_RE = /^[^,\n]{3,60},[ \t]*(?:(?:vice-)?présidente?|direct(?:eur|rice)|responsable|gérante?|secrétaire|trésori(?:er|ère)|chef|cheffe|chargée?\s+d|coordinat(?:eur|rice)|DRH)(?![\p{L}])/iu;

/** Labels of the agent in charge: their names and contacts are the service's. */
export const AGENT_LABEL_RE =
  /(?:(?:dossier|affaire|demande|courrier)\s+suivie?\s+par|(?:instruite?|traitée?|gérée?)\s+par|qui\s+(?:suit|traite|gère|instruit)\s+(?:votre|le|ce)\s+(?:dossier|demande)|en\s+charge\s+de\s+votre\s+(?:dossier|demande)|chargée?\s+de\s+votre\s+(?:dossier|demande)|suivie?\s+par|enregistrée?\s+par|vos?\s+(?:conseill(?:er|ère|ers|ères)|contacts?|interlocut(?:eur|rice)s?|gestionnaires?|référente?s?|correspondante?s?|chargée?s?\s+de\s+\p{L}+|instruct(?:eur|rice)|assistante?\s+social\p{L}*|travailleu(?:r|se)s?\s+socia\p{L}*|éducat(?:eur|rice)|puéricultrice|infirmi(?:er|ère)|médecin|évaluat(?:eur|rice)|accompagnat(?:eur|rice)|coordinat(?:eur|rice)|animat(?:eur|rice)|formateur|formatrice|tut(?:eur|rice)\s+pédagogique|délégué(?:e)?|inspect(?:eur|rice)|contrôleu(?:r|se)|agent|technicien(?:ne)?|médiat(?:eur|rice)|juriste|avocat(?:e)?)\s*[:,]|(?<!(?:désignée?|choisie?|indiquée?)\s+comme\s+(?:votre\s+|son\s+|sa\s+)?)interlocut(?:eur|rice)|gestionnaire(?:\s+\p{L}+)?\s*:|instruct(?:eur|rice)\s*:|évaluat(?:eur|rice)\s*:|rédacteur|rédactrice|signataire|agent\s+(?:chargé|instructeur|en charge)|personne\s+à\s+contacter\s+(?:au|à\s+la|dans)|(?<!personnes?\s+(?:de\s+)?|d['’]urgence\s+|comme\s+)contact\s*:(?!\s*(?:nous|vous|votre|vos|je)(?![\p{L}]))(?![^\n]{0,120}?(?:enregistr|indiqu|communiqu|déclar)(?:ée?s?)\s+(?:dans|sur|à)\s+votre)|votre\s+correspondant|conseill(?:er|ère)\s*:|référente?\s*:|secrétariat\s*:|rapporteure?s?\s*:|chargée?\s+de\s+(?:dossier|mission|clientèle)\s*:|^\s*de\s*:|médecin\s*:|infirmi(?:er|ère)\s*:|ligne\s+directe)/imu;

/** A quick test before AGENT_LABEL_RE: every agent label holds one of these. */
const AGENT_LABEL_HINT_RE = /suivi|suit|instruit|traité|géré|charg|enregistr|conseill|contact|interlocut|gestionnaire|référent|correspondant|instruct|assistant|évaluat|rédact|signataire|agent|^\s*de\s*:|médecin|infirmi|ligne directe|traite|gère|travailleu|éducat|puéricult|accompagnat|coordinat|animat|format|tut|délégu|inspect|contrôl|technicien|médiat|juriste|avocat/i;

const SALUTATION_RE =
  /^\s*(?:(?:Bonjour|Chère|Cher|Chers|Chères)\s*,?\s*)?(?:(?:Madame|Monsieur|Mademoiselle|Maître|Mesdames|Messieurs)(?:\s*(?:,|et|ou)\s*(?:Madame|Monsieur|Mademoiselle))?(?:\s+[^\s,][^,\n]{0,50})?\s*,|Bonjour(?:\s+[^,\n]{0,50})?\s*[,!]?)\s*$/u;

const CLOSING_RE =
  /(?:agréer|recevoir,?\s+(?:madame|monsieur)|l['’]expression|salutations|sentiments|considération|cordialement|bien à vous|respectueusement|avec nos remerciements|à bientôt)/i;
const SIGNATURE_START_RE =
  /^\s*(?:(?:pour\s+(?:le|la|l['’])|p\/|p\.o\.|par\s+délégation|le|la|l['’]|les|votre|vos)\s*[\p{L}'’ .\-/]{0,70},\s*$|fait\s+à\s+\p{Lu}[^\n]{0,40},?\s+le\s|pour\s+(?:le|la|l['’])\s*[\p{L}'’ -]{2,50}\s+et\s+par\s+délégation)/iu;

/** A long paragraph that speaks to the reader, no footer's legal notice: the letter goes on after its signature. */
/** After the signature, a note on the person's details: "Coordonnées du débiteur : …", "Ancienne adresse de l'assuré : …". */
const PERSON_DETAILS_NOTE_RE =
  /^\s*(?:(?:coordonnées|adresses?|courriel|téléphone|ancienne\s+adresse)\s+(?:du|de\s+la|de\s+l['’])\s*(?:débit(?:eur|rice)|redevable|demandeu(?:r|se)|bénéficiaire|assurée?|allocataire|usager|locataire|propriétaire|intéressée?|requérante?|contribuable|abonnée?)(?![\p{L}])|ancienne\s+adresse\s*:)/iu;

function bodyAfterSignature(s: string): boolean {
  if (PERSON_DETAILS_NOTE_RE.test(s)) return true;
  return s.length > 150 && /(?<![\p{L}])(?:vous|votre|vos)(?![\p{L}])/iu.test(s) && !/RGPD|données\s+(?:personnelles|à\s+caractère)|CNIL|informatique\s+et\s+libertés|droits?\s+d['’](?:accès|opposition)|protection\s+des\s+données|traitement/iu.test(s);
}

/** The start of a message quoted in an e-mail reply ("-----Message d'origine-----", "Le 3 mars 2026, X a écrit :"). */
const QUOTED_MESSAGE_RE = /^\s*(?:>\s*)?(?:-{2,}\s*(?:message\s+d['’]origine|message\s+original|original\s+message|message\s+transféré|forwarded\s+message)\s*-{2,}|>?\s*le\s[^\n]{4,80}\sa\s+écrit\s*:)\s*$/iu;
const COUPON_RE = /(?:^\s*(?:P\.?\s?-?S\.?|N\.?\s?B\.?)\s*[:.–-]|coupon|talon|à\s+(?:nous\s+)?retourner|à\s+compléter|à\s+découper|✂|-{6,}|partie\s+à\s+(?:conserver|retourner)|attestation\s+sur\s+l['’]honneur|questionnaire)/i;

const SERVICE_BLOCK_CUE_RE =
  /(?:\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi)\b[^\n]{0,40}\d{1,2}\s?h|\d{1,2}\s?h\s?\d{0,2}\s?(?:à|-|–)\s?\d{1,2}\s?h|www\.|https?:|nous\s+(?:contacter|joindre|écrire|appeler)|une\s+question|pour\s+toute\s+question|renseignements|appelez|contactez|horaires(?<!(?:indemnités?|taux|tarifs?|coûts?|volumes?|plages?|forfaits?|crédits?|décalages?|fuseaux?|montants?|heures?)\shoraires)|accueil(?!l)|standard|numéro\s+(?:vert|gratuit|non\s+surtaxé)|appel\s+(?:gratuit|non\s+surtaxé)|prix\s+d['’]un\s+appel)/i;

const PERSON_FORM_LABEL_RE =
  /(?:^|\s{2,}|\t)(?:nom(?:\s+de\s+(?:naissance|famille)|\s+d['’]usage|\s+et\s+prénoms?|\s*,\s*prénoms?)?|prénoms?(?:\(s\))?|date\s+(?:et\s+lieu\s+)?de\s+naissance|n°\s+(?:d['’])?allocataire|votre|vos)\s*:|\b(?:votre|vos)\s+(?:numéro|coordonnées|adresse|téléphone|portable|courriel)/im;

/** A heading that introduces the person's identity block: "ASSURÉ(E)", "Titulaire du contrat :", "VOUS". */
const PERSON_HEADING_RE =
  /^\s*(?:[A-Z0-9]{1,2}[.)]\s*)?(?:(?:mes|vos)\s+(?:informations|infos|coordonnées)(?:\s+personnelles)?|(?:(?:le|la|l['’]|votre|vos)\s+)?(?:assurée?|assuré\(e\)|bénéficiaires?|titulaires?(?:\s+du\s+(?:contrat|compte|bail|dossier))?|allocataire|demandeu(?:r|se)|locataire|patiente?|destinataire|vous|identité(?:\s+(?:du|de\s+la|de\s+l['’])\s*[\p{L} ]{2,30})?|étudiante?|élève|enfant|conjointe?|redevable|contribuable|personne\s+concernée|adresse(?:\s+(?:du|de\s+la|de\s+l['’])\s*[\p{L} ]{2,30})?|domicile|coordonnées|débiteur|créancier|représentant\s+légal))(?:\s*\(e\)|\(s\))?\s*:?\s*$/iu;

/** A line that is a civility alone, for one person or a couple ("Monsieur et Madame", "Madame ou Monsieur"). */
const CIVILITY_ALONE_RE = /^\s*(?:Madame|Monsieur|Mademoiselle|Mme|M\.|MADAME|MONSIEUR|Señora?|Senhora?|Signora?|Signor|Herrn?|Frau|Mrs?\.?|Ms\.?)(?:\s+(?:et|ou|ET|OU)\s+(?:Madame|Monsieur|Mme|M\.|MADAME|MONSIEUR))?\s*$/u;

/** A field of the person's identity at the start of a line. */
const IDENTITY_LABEL_RE =
  /^\s*(?:>\s*)*(?:[A-Z0-9]{1,2}[.)]\s*)?(?:nom|prénoms?|date\s+(?:et\s+lieu\s+)?de\s+naissance|née?(?:\(e\))?\s+le|n°\s+de\s+sécurité|numéro\s+de\s+sécurité|étudiante?|bénéficiaire|assurée?|assuré\(e\)|patiente?|allocataire|titulaire|demandeu(?:r|se)|cotisant|locataire|élève|enfant|conjointe?|personne\s+concernée|identité|sexe|à(?=\s*:)|mère|père|parents?|responsable\s+légal|représentant\s+légal|tut(?:eur|rice)|personne\s+de\s+confiance|personne\s+à\s+prévenir)(?![\p{L}])[^:\n]{0,30}:/imu;

// ---------------------------------------------------------------------------------------------

interface Row {
  start: number;
  end: number;
  text: string;
  blank: boolean;
  line: number;
}

/** The raw lines of a text, with their offsets. */
function rawLines(text: string): { start: number; end: number; text: string; blank: boolean }[] {
  const out: { start: number; end: number; text: string; blank: boolean }[] = [];
  let start = 0;
  for (;;) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    let end = nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    const t = text.slice(start, end);
    out.push({ start, end, text: t, blank: t.trim() === '' });
    if (nl >= text.length) break;
    start = nl + 1;
  }
  return out;
}

/**
 * True for a text with a blank line between any two lines, as word processors' paragraphs come out
 * ("Madame Sophie Lambert", blank, "12 rue des Lilas", blank, "33000 Bordeaux"): its blank lines do
 * not separate blocks.
 */
function doubleSpaced(raw: { blank: boolean }[]): boolean {
  let lines = 0;
  let adjacent = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i]!.blank) continue;
    lines++;
    if (i + 1 < raw.length && !raw[i + 1]!.blank) adjacent++;
  }
  return lines >= 6 && adjacent <= lines * 0.05;
}

/** How a line's cells are set apart, if it has cells: bars, tabs, or wide runs of spaces. */
function columnsOf(s: string): 'pipes' | 'tabs' | 'spaces' | null {
  if ((s.match(/\|/g)?.length ?? 0) >= 2) return 'pipes';
  if (/\S\t+\S/.test(s)) return 'tabs';
  if (/\S {3,}\S/.test(s)) return 'spaces';
  return null;
}

/** In a double-spaced text, a line that goes on the address (or contacts) block of the line before it. */
function continuesBlock(prev: string, next: string): boolean {
  // rows of one table, or of a two-column header: cells set apart the same way
  const kind = columnsOf(prev);
  if (kind && kind === columnsOf(next)) return true;
  if (prev.length > 80 || next.length > 80 || /[.!?;]\s*$/.test(prev) || isDateLine(prev)) return false;
  if (isStreetLine(next) || isPostcodeLine(next) || COUNTRY_LINE_RE.test(next)) return true;
  // under the addressee's name, a building or residence line ("Le Millefiori, bloc B")
  if (civilityNameLine(prev) && addressLike(next) && !/:/.test(next)) return true;
  return CONTACT_LINE_RE.test(next) && (isPostcodeLine(prev) || COUNTRY_LINE_RE.test(prev) || CONTACT_LINE_RE.test(prev));
}

/**
 * In a double-spaced text, the blank lines inside an addressee's block: from a civility or name line, short
 * lines one blank apart down to a postcode line ("M. Paul ROUX", "La Grange Neuve", "85140 Essarts").
 */
function addresseeBlanks(raw: { text: string; blank: boolean }[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!.text;
    // (a civility line, "Aux parents de …", or a bare name: "Senhora Maria FERREIRA")
    if (raw[i]!.blank || t.length > 90 || !(civilityNameLine(t) || ATTENTION_RE.test(t) || nameLikeLine(t))) continue;
    const blanks: number[] = [];
    for (let k = i + 1, seen = 0; k + 1 < raw.length && seen < 5; k += 2, seen++) {
      const next = raw[k + 1]!;
      if (!raw[k]!.blank || next.blank || next.text.length > 80 || /:/.test(next.text) || isDateLine(next.text)) break;
      blanks.push(k);
      if (isPostcodeLine(next.text)) {
        if (raw[k + 2]?.blank && raw[k + 3] && COUNTRY_LINE_RE.test(raw[k + 3]!.text)) blanks.push(k + 2);
        for (const b of blanks) out.add(b);
        break;
      }
    }
  }
  return out;
}

function splitLines(text: string): Line[] {
  const raw = rawLines(text);
  const spaced = doubleSpaced(raw);
  const addressee = spaced ? addresseeBlanks(raw) : new Set<number>();
  const lines: Line[] = [];
  let block = -1;
  let inBlock = false;
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    // a single blank line inside an address block of a double-spaced text is no line of the layout
    if (spaced && r.blank && i > 0 && i + 1 < raw.length && !raw[i - 1]!.blank && !raw[i + 1]!.blank && (addressee.has(i) || continuesBlock(raw[i - 1]!.text, raw[i + 1]!.text))) continue;
    if (!r.blank && !inBlock) block++;
    inBlock = !r.blank;
    lines.push({ index: lines.length, start: r.start, end: r.end, text: r.text, blank: r.blank, block: r.blank ? -1 : block });
  }
  return lines;
}

/** True when the text after a civility is a name, not a title ("Monsieur le Maire") nor a salutation. */
function civilityNameLine(s: string): boolean {
  const m = CIVILITY_LINE_RE.exec(s);
  if (!m) return false;
  const rest = s.slice(m[0].length).trim();
  if (rest.endsWith(',')) return false;
  const first = /^[\p{L}'’-]+/u.exec(rest)?.[0] ?? '';
  const low = first.toLowerCase();
  if (!first || TITLE_WORDS.has(low)) return false;
  if ((low === 'le' || low === 'la') && TITLE_WORDS.has((/^\S+\s+([\p{L}'’-]+)/u.exec(rest)?.[1] ?? '').toLowerCase())) return false;
  return true;
}

/** A line that is a bare name: 2–6 capitalised words (particles allowed), no digit, no organisation word. */
export function nameLikeLine(s: string): boolean {
  // "Jean DUPONT – Plomberie Dupont": the name before a dash
  const t = s.trim().replace(/,$/, '').replace(/\s+[–-]\s+.*$/u, '');
  if (!t || /\d|[:@;()]/.test(t)) return false;
  const words = t.split(/\s+/);
  if (words.length < 2 || words.length > 6) return false;
  let caps = 0;
  for (const w of words) {
    if (/^\p{Lu}/u.test(w)) {
      if (NOT_NAME_WORDS.has(w.toLowerCase()) && !/^(?:le|la|de|du|da|van|von|el)$/i.test(w)) return false;
      caps++;
    } else if (!/^(?:de|du|des|d['’]\S*|van|von|der|le|la|et|ben|el|da|dos)$/u.test(w)) return false;
  }
  return caps >= 2 && !hasOrgWord(t);
}

function addressLike(s: string): boolean {
  return isStreetLine(s) || isPostcodeLine(s) || /\d/.test(s) || /(?<![\p{L}])(?:appartement|appt|bâtiment|bât|résidence|escalier|étage|lieu-dit|hameau|chez|porte|logement|boîte|log\.|villa|clos|domaine|mas|ferme|moulin|manoir|château|bloc|tour|immeuble|bateau|péniche|foyer|chambre|quartier|maison)(?![\p{L}])/iu.test(s);
}

function isDateLine(s: string): boolean {
  return /^\s*\p{Lu}[\p{L}'’\- ]+,\s*le\s/u.test(s) || /^\s*(?:le\s+)?\d{1,2}(?:er)?\s+\p{L}+\s+\d{4}\s*$/u.test(s) || /^\s*objet\s*:/i.test(s);
}

/** Rows of the right-hand column of a two-column header (segments after a wide gap, from column 25). */
function rightColumnRows(lines: Line[], to: number): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < to; i++) {
    const l = lines[i]!;
    // (the gutter may hold a bar: "Mission locale   |  Monsieur …")
    const m = /^(.*?[^\s|│])(\s{4,}(?:[|│][ \t]*)?|\s*[|│][ \t]{2,})(\S.*)$/.exec(l.text);
    if (m && m[1]!.length + m[2]!.length >= 25) {
      const off = m[1]!.length + m[2]!.length;
      const text = m[3]!.replace(/\s+$/, '');
      rows.push({ start: l.start + off, end: l.start + off + text.length, text, blank: false, line: i });
    } else rows.push({ start: l.start, end: l.start, text: '', blank: true, line: i });
  }
  // a left cell long enough to leave only two spaces before the column ("Tél. (lundi, 9 h – 12 h) : 02 …  8, rue …"):
  // split at the column most rows start at
  const counts = new Map<number, number>();
  for (const r of rows) if (!r.blank) counts.set(r.start - lines[r.line]!.start, (counts.get(r.start - lines[r.line]!.start) ?? 0) + 1);
  let column = -1;
  for (const [c, k] of counts) if (k >= 2 && (column < 0 || k > counts.get(column)!)) column = c;
  if (column < 0) return rows;
  for (const r of rows) {
    const t = lines[r.line]!.text;
    if (!r.blank) continue;
    // (a column set by hand may drift by one character)
    const at = [column, column + 1, column - 1].find((c) => c > 0 && t.length > c && /\S {2,}$/.test(t.slice(0, c)) && /\S/.test(t[c]!));
    if (at === undefined) continue;
    const text = t.slice(at).replace(/\s+$/, '');
    const start = lines[r.line]!.start + at;
    Object.assign(r, { start, end: start + text.length, text, blank: false });
  }
  return rows;
}

function trimRange(text: string, start: number, end: number): Range {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /[\s,;]/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** A line naming whom the addressees act for: "Représentants légaux de …", "Tutrice de …". */
const REPRESENTED_LINE_RE = /^\s*(?:(?:aux?|les?)\s+)?(?:parents|représentants?\s+léga(?:l|ux)|tut(?:eur|rice)|curat(?:eur|rice)|héritiers|ayants\s+droit)\s+(?:de\s+|d['’]|du\s+)\p{Lu}[^\d\n]*$/iu;

/** A line of the person's identity inside an identity block, before the address: birth, social security number. */
const BLOCK_IDENTITY_LINE_RE = /^\s*(?:née?(?:\(e\))?\s+le|(?:n°|numéro)\s*(?:de\s+)?(?:sécu|sécurité\s+sociale|ss|nir)(?![\p{L}])|nir(?![\p{L}])|date\s+(?:et\s+lieu\s+)?de\s+naissance)/iu;

/** A line naming the person's business inside their block: a legal form first, or a sole trader's status. */
const BUSINESS_LINE_RE = /^\s*(?:(?:EARL|GAEC|SCEA|SARL|SAS|SASU|EURL|SCI|SNC|SELARL|EI)(?![\p{L}])|(?:entrepreneur|entrepreneuse|entreprise)\s+individuel(?:le)?|micro-entrepreneu(?:r|se)|auto-entrepreneu(?:r|se))/iu;

/**
 * A line saying the person is domiciled at a body ("Domicilié chez France terre d'asile – SPADA de Paris",
 * "Domiciliation administrative – CCAS de Grenoble", "CCAS de Marseille – Domiciliation"): the address
 * lines of the block are the body's (an administrative domiciliation), not the person's.
 */
const DOMICILIATION_LINE_RE =
  /^\s*(?:(?:domiciliée?s?|élection\s+de\s+domicile)(?:\s+administrative(?:ment)?)?\s*(?:chez|au|aux|à\s+l['’]|à\s+la|auprès\s+(?:de|du|des|d['’])|à\s*:|:|–|-)|domiciliation(?![\p{L}])|[^\n]{2,60}[–-]\s*domiciliation(?:\s+administrative)?\s*$)/iu;
const ACRONYM_RE = /(?<![\p{L}])\p{Lu}{3,}(?![\p{L}])/u;

const CONTACT_LINE_RE = /^\s*(?:tél(?:éphone)?\.?|portable|mobile|fixe|courriel|e-?mail|mail|adresse\s+électronique)(?:\s+[\p{L}()]+)?\s*:/iu;
/**
 * A contact line right under an identity block: a labelled one, a label before the number without a colon ("Tél.
 * 02 35 …"), or a line holding only numbers or only an e-mail address.
 */
const CONTACT_UNDER_RE =
  /^\s*(?:(?:tél(?:éphone)?\.?|portable|mobile|fixe|port\.|courriel|e-?mail|mail|adresse\s+électronique)(?:\s+[\p{L}()]+)?\s*(?::|(?=[+\d]))|(?:\+|00)?\d[\d ./-]{8,}$|[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$)/iu;

/**
 * Identity blocks in rows: a name (civility line, or bare name after a blank line or a heading such as
 * "ASSURÉ(E)" or "Titulaire du contrat :"), address lines, a postcode line (+ country line).
 */
function findPersonBlocks(text: string, rows: Row[], from: number, to: number, firstOnly: boolean, skip: (r: Row) => boolean): PersonBlock[] {
  const out: PersonBlock[] = [];
  for (let i = from; i < to; i++) {
    const r = rows[i]!;
    // a name line starts with a capital and has an address line right below it
    const next = rows[i + 1];
    if (r.blank || !next || next.blank || r.text.trim().length > 90 || !/^\s*\p{Lu}/u.test(r.text) || skip(r)) continue;
    const prev = rows[i - 1];
    const civ = civilityNameLine(r.text) && !/:/.test(r.text.replace(/^\s*(?:destinataire|à|a|copie(?:\s+(?:à|pour))?|cc|débit(?:eur|rice)|redevable)\s*:/iu, ''));
    // (or a civility alone: "Monsieur et Madame" above "Bernard et Monique LABARTHE")
    const afterHeading = !!prev && !prev.blank && (PERSON_HEADING_RE.test(prev.text) || CIVILITY_ALONE_RE.test(prev.text));
    const attention = ATTENTION_RE.exec(r.text);
    const bare = !civ && (((!prev || prev.blank || afterHeading) && nameLikeLine(r.text)) || (!!attention && nameLikeLine(r.text.slice(attention[0].length))));
    if (!civ && !bare) continue;
    // a body's addressee: "Association X" / "À l'attention de Mme Y, présidente" / its seat's address (the letter is
    // written to the body; its officer and its address are no private person's)
    if (attention && prev && !prev.blank && (hasOrgWord(prev.text) || LEGAL_FORM_RE.test(prev.text)) && OFFICER_AFTER_RE.test(r.text.slice(attention[0].length))) continue;
    const names: Range[] = [trimRange(text, r.start, r.end)];
    let j = i + 1;
    // more name lines: "Monsieur Bernard ROUX" under "Madame Chantal ROUX", "et Madame Anne LE GALL"
    while (j < rows.length && j <= i + 2 && !rows[j]!.blank && civilityNameLine(rows[j]!.text.replace(/^(\s*)(?:et|&)\s+/u, '$1'))) {
      names.push(trimRange(text, rows[j]!.start, rows[j]!.end));
      j++;
    }
    const addr: Row[] = [];
    let last = -1;
    let domiciled = false;
    for (let k = j; k < rows.length && k <= j + 5; k++) {
      const row = rows[k]!;
      const t = row.text;
      if (row.blank || isDateLine(t) || CONTACT_LINE_RE.test(t)) break;
      // ("TRAORÉ Moussa" / "né le 11/03/1995" / "n° sécu …" / "23, rue …": the person's identity between name and address)
      if (BLOCK_IDENTITY_LINE_RE.test(t)) continue;
      // ("EARL du Puy de X", "Entrepreneur individuel": the business the person runs, no address line)
      if (BUSINESS_LINE_RE.test(t)) continue;
      if (DOMICILIATION_LINE_RE.test(t) && (hasOrgWord(t) || (t !== t.toUpperCase() && ACRONYM_RE.test(t)))) {
        domiciled = true;
        continue;
      }
      // a note in brackets under a heading ("(article 675 du code de procédure civile)") is no address line
      if (/^\s*\(/.test(t)) break;
      if (isPostcodeLine(t)) {
        addr.push(row);
        last = k;
        if (k + 1 < rows.length && COUNTRY_LINE_RE.test(rows[k + 1]!.text)) {
          addr.push(rows[k + 1]!);
          last = k + 1;
        }
        break;
      }
      if (!addressLike(t) && k > j + 1) break;
      if (/:/.test(t)) break;
      // ("Représentants légaux de Ibrahim HAMIDOU" under "Monsieur et Madame HAMIDOU": a name line, not the address's first)
      if (/^\s*(?:(?:hébergée?s?\s+)?chez|c\/o)(?![\p{L}])/iu.test(t) || REPRESENTED_LINE_RE.test(t)) names.push(trimRange(text, row.start, row.end));
      else addr.push(row);
    }
    if (last < 0) {
      // no postcode line: accept a civility line followed by street lines
      if (!civ || !rows[j] || rows[j]!.blank || !isStreetLine(rows[j]!.text)) continue;
      for (let k = j; k < rows.length && k <= j + 3 && !rows[k]!.blank && addressLike(rows[k]!.text) && !isDateLine(rows[k]!.text); k++) {
        addr.push(rows[k]!);
        last = k;
      }
      if (last < 0) continue;
    }
    if (bare && addr.length < 2 && !afterHeading) continue;
    // contact lines right under the block are the person's
    let endRow = last;
    while (endRow + 1 < rows.length && endRow + 1 <= last + 3 && !rows[endRow + 1]!.blank && CONTACT_UNDER_RE.test(rows[endRow + 1]!.text)) endRow++;
    const column = r.start - (text.lastIndexOf('\n', r.start - 1) + 1);
    const twoColumns = rows.slice(i, endRow + 1).some((x) => x.start - (text.lastIndexOf('\n', x.start - 1) + 1) >= column && /\S/.test(text.slice(text.lastIndexOf('\n', x.start - 1) + 1, x.start)));
    const addresses: Range[] = [];
    // consecutive address rows make one span (one per row when other text stands on their left)
    let runStart: Row | null = null;
    let runEnd: Row | null = null;
    for (const a of addr) {
      if (runStart && runEnd && a.line === runEnd.line + 1 && !twoColumns) runEnd = a;
      else {
        if (runStart && runEnd) addresses.push(trimRange(text, runStart.start, runEnd.end));
        runStart = a;
        runEnd = a;
      }
    }
    if (runStart && runEnd) addresses.push(trimRange(text, runStart.start, runEnd.end));
    // (domiciled at a body: its address, not the person's)
    if (domiciled) addresses.length = 0;
    out.push({ names, addresses, range: { start: r.start, end: rows[endRow]!.end }, column, twoColumns });
    if (firstOnly) return out;
    i = endRow;
  }
  return out;
}

const SIGNATURE_NAME_RE = /(?:^|[,:]\s*|\s)((?:\p{Lu}\.\s?)?\p{Lu}[\p{Ll}'’-]+(?:[ -](?:\p{Lu}[\p{Ll}'’-]+|\p{Lu}{2,}[\p{Lu}'’-]*))+|(?:\p{Lu}\.\s?|\p{Lu}[\p{Ll}'’-]+\s)\p{Lu}{2,}[\p{Lu}'’-]*)\s*$/u;
const CIV_NAME_ANY_RE = new RegExp(`${CIVILITY_SOURCE}\\s+((?:\\p{Lu}\\.\\s?)?\\p{Lu}[\\p{L}'’\\-]+(?:\\s+(?:de\\s+|du\\s+|d['’]|le\\s+|la\\s+)?\\p{Lu}[\\p{L}'’\\-]+){0,3})`, 'gu');

export function surnameOf(name: string): string {
  const parts = name.split(/\s+/).filter((p) => p && !/^\p{Lu}\.$/u.test(p));
  // "BERTRAND Anthony": the word in capitals is the surname
  const caps = parts.filter((p) => p.length >= 2 && /^[\p{Lu}'’-]+$/u.test(p));
  if (caps.length === 1 && parts.length > 1) return caps[0]!.toLowerCase();
  return (parts[parts.length - 1] ?? '').toLowerCase();
}

/** Adds the surnames of the agents named in a line (after a civility, or a bare "First LAST"). */
function collectAgentNames(s: string, into: Set<string>, bare: boolean): void {
  CIV_NAME_ANY_RE.lastIndex = 0;
  let found = false;
  for (let m = CIV_NAME_ANY_RE.exec(s); m; m = CIV_NAME_ANY_RE.exec(s)) {
    const name = m[1]!;
    if (TITLE_WORDS.has(name.split(/\s/)[0]!.toLowerCase())) continue;
    for (const p of name.split(/\s+/)) if (p.length > 2) into.add(p.toLowerCase());
    into.add(surnameOf(name));
    found = true;
  }
  if (found || !bare) return;
  // "Votre contact : Roselyne Teyssier – bureau …": a bare name right after the label
  const after = /:\s*((?:\p{Lu}\.\s?)?\p{Lu}[\p{L}'’-]+(?:\s+(?:de\s+|du\s+|d['’]|le\s+|la\s+)?\p{Lu}[\p{L}'’-]+){1,3})/u.exec(s);
  if (after && !hasOrgWord(after[1]!)) {
    for (const p of after[1]!.split(/\s+/)) if (p.length > 2) into.add(p.toLowerCase());
    return;
  }
  // "Le directeur, Jean Moreau", "Patricia Lemoine", "J. Lefèvre", "Claire PETIT"
  const m = SIGNATURE_NAME_RE.exec(s.trim());
  if (m && !hasOrgWord(m[1]!)) for (const p of m[1]!.split(/\s+/)) if (p.length > 2) into.add(p.toLowerCase());
}

/** The first line of a quoted message's header ("De : …", "> From: …") and the lines that follow it ("À :", "Objet :"…). */
const QUOTE_FROM_RE = /^[ \t]*>?[ \t]*(?:de|from|expéditeur)[ \t]*:/iu;
const QUOTE_HEADER_RE = /^[ \t]*>?[ \t]*(?:à|a|to|cc|envoyé(?:\s+le)?|sent|date|objet|subject)[ \t]*:/iu;
const QUOTE_TO_RE = /^[ \t]*>?[ \t]*(?:à|a|to)[ \t]*:(.*)$/iu;
/** A service's staff named as a message's addressee ("À : délégué du Défenseur des droits"). */
const SERVICE_ADDRESSEE_RE = /(?<![\p{L}])(?:délégu\p{L}*|défenseur|médiat\p{L}*|conseill\p{L}*|gestionnaire|référente?|agent|instruct\p{L}*|greffe|accueil)(?![\p{L}])/iu;

/**
 * The header lines under a quoted message's "De :" line `i` (at most five, one blank line apart allowed: a
 * word processor's paragraphs): its "À :" addressee, how many header lines, and the line after them.
 */
function quoteHeader(lines: readonly Line[], i: number): { to: string | undefined; headerLines: number; next: number } {
  let to: string | undefined;
  let k = i + 1;
  let headerLines = 0;
  for (; k < lines.length && headerLines < 5; k++) {
    const t = lines[k]!.text;
    if (lines[k]!.blank && !lines[k - 1]!.blank) continue;
    if (!QUOTE_HEADER_RE.test(t)) break;
    headerLines++;
    to ??= QUOTE_TO_RE.exec(t)?.[1];
  }
  return { to, headerLines, next: k };
}

/**
 * Messages quoted in a letter (an e-mail the person sent to the service) whose sender is a person: a
 * header "De : <an address>" then "À : <the service>" (an address of the letter's own letterhead, an
 * organisation's words, or its staff without any address). The message runs to the end of its "> " lines,
 * or to a line of dashes, or to the end of the letter.
 */
function personQuotedMessages(lines: readonly Line[]): { fromLine: number; start: number; end: number }[] {
  const out: { fromLine: number; start: number; end: number }[] = [];
  // (the reply's own "À : <the person's address>" line is no address of the service's)
  const head = lines.slice(0, 15).filter((l) => !QUOTE_TO_RE.test(l.text));
  const joined = (ls: readonly Line[]): string =>
    ls
      .map((l) => l.text)
      .join('\n')
      .toLowerCase();
  const top = joined(head);
  // the letterhead's own lines: the top lines but the headers of messages ("De :")
  const letterhead = joined(head.filter((l) => !QUOTE_FROM_RE.test(l.text)));
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.blank || !QUOTE_FROM_RE.test(l.text)) continue;
    const from = l.text.match(EMAIL_ADDRESS_RE);
    if (!from) continue;
    const { to, headerLines, next: k } = quoteHeader(lines, i);
    if (headerLines === 0 || to === undefined) continue;
    const toAddresses = to.match(EMAIL_ADDRESS_RE) ?? [];
    const inLetterhead = (e: string): boolean => letterhead.includes(e.toLowerCase());
    // (the service's own address, as in its letterhead: a message of the service's; but not when the
    // address stands only on this "De :" line, written to an address of the letterhead: the person's
    // message quoted at the top, above the recipient block)
    const quotedAtTop = !from.some(inLetterhead) && toAddresses.some(inLetterhead);
    // (nor a sender at a webmail, no address of the letterhead: a person's message forwarded at the top, "De : x@icloud.com")
    const privateSender = !from.some(inLetterhead) && from.every((e) => PRIVATE_MAIL_DOMAIN_RE.test(e));
    if (from.some((e) => top.includes(e.toLowerCase())) && !quotedAtTop && !privateSender) continue;
    const toService = toAddresses.length > 0 ? toAddresses.some((e) => top.includes(e.toLowerCase()) || hasOrgWord(e.replace(/[.@_-]/g, ' '))) : hasOrgWord(to) || SERVICE_ADDRESSEE_RE.test(to);
    if (!toService) continue;
    const quoted = /^[ \t]*>/.test(l.text);
    let j = k;
    for (; j < lines.length; j++) {
      const t = lines[j]!.text;
      if (lines[j]!.blank && !lines[j - 1]!.blank && lines[j + 1] && /^[ \t]*>/.test(lines[j + 1]!.text)) continue;
      if (quoted ? !/^[ \t]*>/.test(t) : /^[ \t]*[-_=]{6,}[ \t]*$/.test(t) || QUOTE_FROM_RE.test(t)) break;
    }
    out.push({ fromLine: i, start: l.start, end: j < lines.length ? lines[j]!.start : lines[lines.length - 1]!.end });
    i = j - 1;
  }
  return out;
}

/**
 * The "De :" lines of messages between private persons quoted in a letter (a message the person forwarded): a
 * sender's address at a webmail that is no address of the letterhead, written to such addresses only ("De : Paul X
 * <p.x@free.fr>" / "À : Anne Y <anne.y@gmail.com>"). They name no agent.
 */
const PRIVATE_MAIL_DOMAIN_RE = /@(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|orange|wanadoo|free|sfr|neuf|laposte|bbox|icloud|me|aol|protonmail|proton|gmx|numericable|club-internet|aliceadsl|sapo|web|t-online|libero|skynet|bluewin)\.[a-z.]{2,8}$/i;

function privateMessageSenders(lines: readonly Line[]): number[] {
  const out: number[] = [];
  const top = lines
    .slice(0, 15)
    .map((l) => l.text)
    .join('\n')
    .toLowerCase();
  // (a private person's address: at a webmail, no address of the letterhead nor with a body's word)
  const bodyAddress = (e: string): boolean => !PRIVATE_MAIL_DOMAIN_RE.test(e) || top.includes(e.toLowerCase()) || hasOrgWord(e.replace(/[.@_-]/g, ' '));
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.blank || !QUOTE_FROM_RE.test(l.text)) continue;
    const from = l.text.match(EMAIL_ADDRESS_RE);
    if (!from || from.some(bodyAddress)) continue;
    const { to } = quoteHeader(lines, i);
    const toAddresses = to?.match(EMAIL_ADDRESS_RE) ?? [];
    if (toAddresses.length > 0 && !toAddresses.some(bodyAddress)) out.push(i);
  }
  return out;
}

const EMAIL_ADDRESS_RE = /[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,12}/g;

/** The end of a sentence: not the point of "M.", "Dr." or an initial ("J.-P."). */
const SENTENCE_END_RE = /(?<!(?:^|[\s(,;:'’-])\p{Lu}\p{Ll}{0,2})[.!?][ \t]+\p{Lu}/u;

export function analyseLayout(text: string): Layout {
  const lines = splitLines(text);
  const n = lines.length;
  const starts = lines.map((l) => l.start);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // end of the first agent label of each line (-1: none)
  // the addresses the reply is sent to ("À : …", "Cc : …" before any quoted message)
  const addressees = new Set<string>();
  if (text.includes('@'))
    for (const l of lines) {
      if (l.blank) continue;
      if (QUOTED_MESSAGE_RE.test(l.text)) break;
      if (/^\s*(?:à|a|to|cc)\s*:/iu.test(l.text)) for (const e of l.text.match(EMAIL_ADDRESS_RE) ?? []) addressees.add(e.toLowerCase());
    }
  // (the sender of a quoted message who is the reply's addressee is the person, not an agent: "De : … <their address>")
  const addresseeSender = (t: string): boolean => addressees.size > 0 && /^\s*(?:de|from|expéditeur)\s*:/iu.test(t) && (t.match(EMAIL_ADDRESS_RE) ?? []).some((e) => addressees.has(e.toLowerCase()));
  const quotedFromPerson = text.includes('@') ? personQuotedMessages(lines) : [];
  const personSenderLines = new Set(quotedFromPerson.map((q) => q.fromLine));
  if (text.includes('@')) for (const i of privateMessageSenders(lines)) personSenderLines.add(i);
  const agentLabelEnd = lines.map((l) => {
    if (l.blank || !AGENT_LABEL_HINT_RE.test(l.text) || addresseeSender(l.text) || personSenderLines.has(l.index)) return -1;
    const m = AGENT_LABEL_RE.exec(l.text);
    return m ? l.start + m.index + m[0].length : -1;
  });
  // a bare "Contact :" inside an item of a list of households ("2. Demande n° … – enfant X, née le …" /
  // "   Parents : …" / "   Contact : 06 …") gives that family's phone or e-mail, not an agent's
  for (const l of lines) {
    const e = agentLabelEnd[l.index]!;
    if (e < 0 || !/^[ \t]+contacts?[ \t]*:$/iu.test(text.slice(l.start, e))) continue;
    let k = l.index;
    while (k > 0 && lines[k - 1]!.block === l.block) k--;
    if (!HOUSEHOLD_ITEM_RE.test(lines[k]!.text)) continue;
    let family = false;
    for (let j = k; j < n && lines[j]!.block === l.block && !family; j++) family = HOUSEHOLD_CUE_RE.test(lines[j]!.text);
    if (family) agentLabelEnd[l.index] = -1;
  }
  const zones: Zone[] = new Array<Zone>(n).fill('body');

  // salutation, subject line
  let salutation = -1;
  let objet = -1;
  const searchTop = Math.max(12, Math.ceil(n * 0.7));
  for (let i = 0; i < n && i < searchTop; i++) {
    const t = lines[i]!.text;
    if (lines[i]!.blank) continue;
    if (objet < 0 && /^\s*(?:objet|OBJET|Objet)\s*:/.test(t)) objet = i;
    if (t.length < 90 && SALUTATION_RE.test(t)) {
      salutation = i;
      break;
    }
  }
  let bodyStart: number;
  if (salutation >= 0) bodyStart = objet >= 0 && objet < salutation ? objet : salutation;
  else if (objet >= 0) bodyStart = objet;
  else bodyStart = -1;

  // the recipient block: near the top, whole lines first, then the right-hand column
  const rows: Row[] = lines.map((l) => ({ start: l.start, end: l.end, text: l.text, blank: l.blank, line: l.index }));
  const top = bodyStart >= 0 ? bodyStart : Math.min(n, 40);
  let recipient = findPersonBlocks(text, rows, 0, top, true, () => false)[0];
  if (!recipient) {
    const right = rightColumnRows(lines, top);
    recipient = findPersonBlocks(text, right, 0, top, true, () => false)[0];
  }
  if (bodyStart < 0) {
    // no salutation and no subject: the header ends after the recipient block, or after the first block
    if (recipient) bodyStart = Math.max(...[recipient.range.end].map((e) => lines.findIndex((l) => l.end >= e))) + 1;
    else {
      // the letterhead: the first block, and the blocks after it that read like one (service, address, contacts)
      bodyStart = 0;
      for (let blocks = 0; blocks < 5; blocks++) {
        let i = bodyStart;
        while (i < n && lines[i]!.blank) i++;
        let j = i;
        while (j < n && !lines[j]!.blank) j++;
        if (i >= n) break;
        const ls = lines.slice(i, j);
        const letterhead =
          blocks === 0 ||
          (ls.every((l) => l.text.length <= 100 && !IDENTITY_LABEL_RE.test(l.text)) &&
            ls.some((l) => hasOrgWord(l.text) || CONTACT_LINE_RE.test(l.text) || isPostcodeLine(l.text) || /\d{5}\s+\p{Lu}/u.test(l.text) || agentLabelEnd[l.index]! >= 0));
        if (!letterhead) break;
        bodyStart = j;
      }
    }
  }
  for (let i = 0; i < bodyStart && i < n; i++) zones[i] = 'header';

  // signature: after the closing formula, or from a signature line ("Le directeur,") near the end
  let closing = -1;
  const nonBlank = lines.filter((l) => !l.blank);
  const tailFrom = nonBlank[Math.max(0, nonBlank.length - 10)]?.index ?? 0;
  for (let i = n - 1; i > Math.max(bodyStart, 0); i--) {
    const t = lines[i]!.text;
    if (!lines[i]!.blank && t.length < 260 && CLOSING_RE.test(t) && !/\?\s*$/.test(t)) {
      closing = i;
      break;
    }
  }
  let sigStart = closing >= 0 ? closing + 1 : -1;
  for (let i = Math.max(tailFrom, bodyStart + 1); i < n; i++) {
    const l = lines[i]!;
    if (l.blank || l.text.length > 90) continue;
    if (SIGNATURE_START_RE.test(l.text) && (sigStart < 0 || i < sigStart) && (closing < 0 || i > closing)) {
      sigStart = i;
      break;
    }
  }
  if (sigStart >= 0) {
    let coupon = false;
    for (let i = sigStart; i < n; i++) {
      // (a message quoted below the reply's signature is no part of it)
      // (nor a paragraph of the letter set after it: "INFORMATIONS PRATIQUES" / "… vous sera envoyé à …")
      if (!coupon && (COUPON_RE.test(lines[i]!.text) || QUOTED_MESSAGE_RE.test(lines[i]!.text) || bodyAfterSignature(lines[i]!.text))) coupon = true;
      zones[i] = coupon ? 'body' : 'signature';
    }
  }

  // service contact blocks
  const blockLines = new Map<number, Line[]>();
  for (const l of lines)
    if (!l.blank) {
      const arr = blockLines.get(l.block);
      if (arr) arr.push(l);
      else blockLines.set(l.block, [l]);
    }
  const serviceBlocks = new Set<number>();
  const serviceLines = new Set<number>();
  for (const [b, ls] of blockLines) {
    const joined = ls.map((l) => l.text).join('\n');
    // (a block that gives a person's birth describes the person: "Enfant : … – née le 04/03/2017 – accueil du soir")
    if (!SERVICE_BLOCK_CUE_RE.test(joined) || PERSON_FORM_LABEL_RE.test(joined) || /(?<![\p{L}])n[ée]e?(?:\(e\))?\s+le\s+\d/u.test(joined)) continue;
    serviceBlocks.add(b);
    // a line of such a block: a short line with a cue of its own, or a short line that does not speak of the reader
    for (const l of ls) if (l.text.length < 110 && (SERVICE_BLOCK_CUE_RE.test(l.text) || !/(?<![\p{L}])(?:vous|votre|vos)(?![\p{L}])/iu.test(l.text))) serviceLines.add(l.index);
  }
  const serviceLine = (index: number): boolean => serviceLines.has(index);

  const personFormBlocks = new Set<number>();
  for (const [b, ls] of blockLines) {
    if (ls.some((l) => agentLabelEnd[l.index]! >= 0) || zones[ls[0]!.index] === 'signature') continue;
    if (ls.some((l) => l.text.includes(':') && IDENTITY_LABEL_RE.test(l.text))) personFormBlocks.add(b);
  }

  // other identity blocks (forms, attestations): anywhere but the signature and service blocks
  const persons: PersonBlock[] = recipient ? [recipient] : [];
  const others = findPersonBlocks(text, rows, 0, n, false, (r) => {
    const z = zones[r.line]!;
    const l = lines[r.line]!;
    return z === 'signature' || serviceLines.has(l.index) || (recipient !== undefined && r.start < recipient.range.end && recipient.range.start < r.end) || (z === 'header' && l.block === 0);
  });
  for (const p of others) {
    const last = persons[persons.length - 1];
    // blocks come in reading order: an overlap can only be with the recipient block or the previous one
    if (!(last && last.range.start < p.range.end && p.range.start < last.range.end) && !(recipient && recipient.range.start < p.range.end && p.range.start < recipient.range.end)) persons.push(p);
  }
  persons.sort((a, b) => a.range.start - b.range.start);
  // the identity blocks over each line
  const personsOfLine: PersonBlock[][] = lines.map(() => []);
  for (const p of persons) for (let li = lineAt(p.range.start); li < n && lines[li]!.start < p.range.end; li++) personsOfLine[li]!.push(p);

  // agents: labelled lines anywhere, signature lines (not a signature that repeats the name of an identity
  // block: the person signs their own letter, "Sylvie LHEUREUX / 9, rue … / … / Sylvie Lheureux")
  const wordsKey = (s: string): string => s.toLowerCase().split(/\s+/).filter(Boolean).sort().join(' ');
  const personNames = new Set(persons.flatMap((p) => p.names.map((r) => wordsKey(text.slice(r.start, r.end)))));
  // (the names of a couple signing apart, "Françoise Lecomte     Didier Lecomte" under "Françoise et Didier LECOMTE":
  // every word of the line is a word of the identity blocks' names)
  const personWords = new Set(persons.flatMap((p) => p.names.flatMap((r) => text.slice(r.start, r.end).toLowerCase().match(/\p{L}[\p{L}'’-]*/gu) ?? [])));
  // (or one of the names a line of signatures holds, apart by tabs, wide spaces or a dash: "J. Hauchecorne	A. P. Rodrigues"; initials
  // apart)
  const ownNames = (line: string): boolean =>
    line.split(/\t|\s{3,}|\s[–—-]\s/).some((part) => {
      const words = (part.match(/\p{L}[\p{L}'’-]*/gu) ?? []).filter((w) => !/^(?:et|m|mme|mr|monsieur|madame)$/iu.test(w) && w.length > 1);
      return words.length > 0 && words.some((w) => /^\p{Lu}/u.test(w)) && words.every((w) => personWords.has(w.toLowerCase()));
    });
  const agentSurnames = new Set<string>();
  const selfSigned = new Set<number>();
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    if (l.blank || personsOfLine[i]!.some((p) => l.start >= p.range.start && l.end <= p.range.end && !p.twoColumns)) continue;
    const m = agentLabelEnd[i]! >= 0 ? AGENT_LABEL_RE.exec(l.text) : null;
    if (m) {
      const rest = l.text.slice(m.index);
      const stop = SENTENCE_END_RE.exec(rest.slice(m[0].length));
      collectAgentNames(stop ? rest.slice(0, m[0].length + stop.index) : rest, agentSurnames, true);
    }
    else if (zones[i] === 'signature' && l.text.trim().length < 90) {
      if (personNames.has(wordsKey(l.text)) || ownNames(l.text)) selfSigned.add(i);
      else collectAgentNames(l.text, agentSurnames, true);
    }
  }
  agentSurnames.delete('');

  const personAt = (offset: number): PersonBlock | null => {
    const li = lineAt(offset);
    for (const p of personsOfLine[li]!) if (offset >= p.range.start && offset < p.range.end && (!p.twoColumns || offset - lines[li]!.start >= p.column - 2)) return p;
    return null;
  };
  const zoneAt = (offset: number): Zone => (personAt(offset) ? 'person' : zones[lineAt(offset)]!);
  // an agent's label speaks for the rest of its sentence, not for the whole line
  const agentLabelBefore = (offset: number): boolean => {
    const e = agentLabelEnd[lineAt(offset)]!;
    return e >= 0 && e <= offset && !SENTENCE_END_RE.test(text.slice(e, offset));
  };
  const agentLabelLine = (index: number): boolean => (agentLabelEnd[index] ?? -1) >= 0;
  const agentBlocks = new Set<number>();
  for (const l of lines) if (agentLabelEnd[l.index]! >= 0) agentBlocks.add(l.block);
  const agentBlock = (block: number): boolean => agentBlocks.has(block);
  const blockFirst = new Map<number, number>();
  for (const l of lines) if (!l.blank && !blockFirst.has(l.block)) blockFirst.set(l.block, l.index);
  // (a word processor's paragraphs: the heading "Chien détenu :" stands a few field lines above, blank lines apart)
  const animalBlock = (block: number): boolean => {
    const first = blockFirst.get(block);
    if (first === undefined) return false;
    if (ANIMAL_HEADING_RE.test(lines[first]!.text)) return true;
    for (let k = first - 1, seen = 0; k >= 0 && seen < 4; k--) {
      const t = lines[k]!.text;
      if (lines[k]!.blank) continue;
      seen++;
      if (/:\s*$/.test(t)) return ANIMAL_HEADING_RE.test(t);
      if (!/^\s*[\p{L}' ]{2,30}:/u.test(t)) return false;
    }
    return false;
  };
  // messages quoted in a reply, sent by the reply's addressee
  const voiceFrom: number[] = [];
  for (const l of lines) {
    if (l.blank) continue;
    if (QUOTED_MESSAGE_RE.test(l.text)) {
      voiceFrom.push(l.start);
      break;
    }
  }
  let voiceStart = -1;
  if (voiceFrom.length > 0 && addressees.size > 0) {
    const q = lineAt(voiceFrom[0]!);
    for (let k = q + 1; k < n && k <= q + 6; k++) if (addresseeSender(lines[k]!.text)) voiceStart = voiceFrom[0]!;
  }
  const personVoice = (offset: number): boolean => (voiceStart >= 0 && offset >= voiceStart) || quotedFromPerson.some((q) => offset >= q.start && offset < q.end);
  return { text, lines, zones, persons, serviceBlocks, serviceLine, personFormBlocks, agentSurnames, selfSigned, agentLabelBefore, agentLabelLine, agentBlock, animalBlock, personVoice, lineAt, zoneAt, personAt };
}
