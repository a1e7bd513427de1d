/**
 * Names of the addressee and of third persons (spouse, child, landlord…): after a civility, in the
 * recipient block, in the salutation, after "votre fils", in form fields ("Nom : … Prénom : …") and
 * tables. The agent in charge and the signatory are never reported: the law requires naming them.
 */
import { CIVILITY_SOURCE, NOT_NAME_WORDS, TITLE_WORDS, hasOrgWord, nameLikeLine, surnameOf, type Layout } from './layout.js';
import { givenName, givenNameUnaccented } from './given-names.js';
import { SpanMask, escapeRe, type PersonalDataSpan } from './types.js';

const PARTICLE_RE = /(?:de|du|des|van|von|der|den|da|dos|das|di|del|della|le|la|ben|bin|ibn|el|al|ait|aït|y|mac|zu)[ \t\u00A0]+(?=\p{Lu})|(?:d|l)['’](?=\p{Lu})/uy;
const WORD_RE = /\p{Lu}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*/uy;
const INITIAL_RE = /\p{Lu}\.[ \t\u00A0]?(?=\p{Lu})/uy;
const SPACES_RE = /[ \t\u00A0]+/y;
const ET_RE = /(?:et|ou)[ \t\u00A0]+(?=\p{Lu})/uy;
const NAME_PARTICLE_WORDS = new Set(['le', 'la', 'du', 'de', 'van', 'von', 'da', 'del', 'di', 'el', 'al', 'ben', 'des']);

function stickyAt(re: RegExp, s: string, at: number): number {
  re.lastIndex = at;
  const m = re.exec(s);
  return m ? at + m[0].length : -1;
}

/**
 * The end of a person's name starting at `at` (capitalised words, particles, initials, "Chantal et
 * Bernard ROUX"), or -1. Stops at a title ("le Maire"), a non-name word or the end of the line.
 */
export function scanName(s: string, at: number, maxTokens = 5): number {
  let i = at;
  let tokens = 0;
  let end = -1;
  // a lower-case particle may open a name ("de La Fontaine", "d'Almeida")
  const lead = stickyAt(PARTICLE_RE, s, i);
  if (lead > 0) i = lead;
  for (;;) {
    const ini = stickyAt(INITIAL_RE, s, i);
    if (ini > 0) {
      i = ini;
      continue;
    }
    const w = stickyAt(WORD_RE, s, i);
    if (w < 0) break;
    const word = s.slice(i, w);
    const low = word.toLowerCase().replace(/['’]$/, '');
    if (TITLE_WORDS.has(low)) break;
    if (NOT_NAME_WORDS.has(low)) {
      // "Le Goff", "Da Silva", "Van Damme": a capitalised particle before a name; two of them: "DE LA BROSSE", "Van der Berg"
      if (!NAME_PARTICLE_WORDS.has(low)) break;
      const sp = stickyAt(SPACES_RE, s, w);
      if (sp < 0) break;
      const w2 = stickyAt(WORD_RE, s, sp);
      if (w2 < 0) break;
      const low2 = s.slice(sp, w2).toLowerCase();
      if (TITLE_WORDS.has(low2)) break;
      if (NOT_NAME_WORDS.has(low2)) {
        if (!NAME_PARTICLE_WORDS.has(low2) || low2 === low) break;
        const sp3 = stickyAt(SPACES_RE, s, w2);
        const w3 = sp3 < 0 ? -1 : stickyAt(WORD_RE, s, sp3);
        if (w3 < 0 || w3 - sp3 < 2) break;
        const low3 = s.slice(sp3, w3).toLowerCase();
        if (TITLE_WORDS.has(low3) || NOT_NAME_WORDS.has(low3)) break;
      }
      i = sp;
      continue;
    }
    // a lone capital is no name ("N° SS", "Sexe : F")
    if (w - i < 2) break;
    tokens++;
    end = w;
    if (tokens >= maxTokens) break;
    const sp = stickyAt(SPACES_RE, s, w);
    if (sp < 0) {
      const ap = stickyAt(PARTICLE_RE, s, w);
      if (ap > 0) {
        i = ap;
        continue;
      }
      break;
    }
    const part = stickyAt(PARTICLE_RE, s, sp);
    if (part > 0) {
      i = part;
      continue;
    }
    const et = stickyAt(ET_RE, s, sp);
    if (et > 0) {
      const w2 = stickyAt(WORD_RE, s, et);
      const low2 = w2 > 0 ? s.slice(et, w2).toLowerCase() : '';
      if (w2 > 0 && !NOT_NAME_WORDS.has(low2) && !TITLE_WORDS.has(low2)) {
        i = et;
        continue;
      }
      break;
    }
    i = sp;
  }
  return tokens > 0 ? end : -1;
}

const CIV_RE = new RegExp(`(?<![\\p{L}\\p{N}])${CIVILITY_SOURCE}[ \\t\\u00A0]+(?:(?:veuve|Veuve|VEUVE|Vve|épouse|Épouse)[ \\t\\u00A0]+)?(?=\\p{Lu}|(?:de|du|d['’])[ \\p{Lu}])`, 'gu');

/** A role right before a civility name: the name is an agent's. */
const AGENT_BEFORE_RE =
  /(?<![\p{L}])(?:suivie?s?\s+par|conseill(?:er|ère)s?|collaborat(?:eur|rice)s?|gérante?|gestionnaires?|interlocut(?:eur|rice)|référente?|contact(?:\s+\p{Ll}+)?\s*:|instruct(?:eur|rice)|\bagente?\b|rapporteure?|(?:abstentions?|contre|pour)\s*:\s*\d+\s*\((?:(?:M\.|Mme|Mlle)\s+[^(),.\n]+,\s*)*|architecte|géomètre|chargée?\s+d[e']|assistante?\s+social|travailleu(?:r|se)\s+social|responsable|direct(?:eur|rice)|\bchef|cheffe|médecin|contrôleu|inspect(?:eur|rice)|délégué|\bmaire|adjointe?|président|secrétaire|signataire|rédigée?\s+par|signé\s*:|en\s+(?:son|leur)\s+absence|(?:suppléée?|remplacée?)\s+par|appel(?:ez|er)(?:-la|-le)?|contact(?:ez|er)(?:-la|-le)?|joindre|rendez-vous\s+avec|écri(?:re|vez)\s+à|par\s+délégation|\bP\/|\bpour\s+le\s+|greffi|juriste|juge(?![\p{L}])|coordinat(?:eur|rice)|médiat(?:eur|rice)|conciliat(?:eur|rice)|accompagnée?\s+par|accompagnat(?:eur|rice)|conducteur\s+de\s+travaux|chef\s+de\s+chantier|reçu(?:e)?\s+par|entretien\s+avec|prévenez|évaluat(?:eur|rice)|infirmi(?:er|ère)|préfet|avocat|commissaire|huissier|notaire|enregistrée?\s+par|de\s*:|cadre\s+(?:de\s+santé|socio-éducatif|administratif)|éducat(?:eur|rice)|puéricult|sage-femme|psycholog|ergothérap|aide-soignant|pharmacien|assistante?\s+familial|animat(?:eur|rice)|formateur|formatrice|enseignant|professeur|proviseur|principale?\s+(?:du|de\s+l['’])|CPE|mandataire|magistrat|procureur|enquêt(?:eur|rice)|gendarme|policier|officier|agent\s+d['’]accueil|chargée?\s+d['’]accueil|pénitentiaire|probation|tut(?:eur|rice)\s+(?:professionnel(?:le)?|en\s+entreprise|de\s+stage|d['’]apprentissage)|maître\s+(?:de\s+stage|d['’]apprentissage)|délégué\s+du\s+procureur|audit(?:eur|rice)|interprète|traduct|gardien(?:ne)?|concierge|classe\s+de|maîtresse|maître\s+d['’]école|capitaine|commandant|lieutenant|\bmajor|adjudante?|supérieure?\s+(?:de|du|des)|provincial|maître-nageur|maîtres-nageurs|moniteur|monitrice|entraîneu(?:r|se))[^.\n]{0,60}$/iu;
/** A mail-merge field in capitals between French quotes: "«NOM»", "« PRÉNOM »", "«ADRESSE_LIGNE_1»". */
const MERGE_FIELD_RE = /«[ \u00A0]*[A-ZÉÈ][A-ZÉÈ0-9_]{2,}(?:[ _][A-ZÉÈ0-9_]+)*[ \u00A0]*»/gu;
/** A merge field for the addressee's name: "«NOM»", "«CIVILITE»", "« PRÉNOM »", "«NOM_USAGE»". */
const NAME_MERGE_FIELD_RE = /«[ \u00A0]*(?:CIVILIT[EÉ]|PR[EÉ]NOMS?|NOM)(?:[ _][A-ZÉÈ0-9_]+)?[ \u00A0]*»/u;
/** The minutes of an assembly's sitting: a council's or a board's deliberation. */
const ASSEMBLY_ACT_RE = /délibération|séance\s+du|conseil\s+(?:municipal|départemental|régional|communautaire|d['’]administration|syndical)|commission\s+permanente|assemblée\s+(?:générale|délibérante)/iu;
/** On a line of the minutes, before a name: who was present, absent or represented, and how members voted. */
const ASSEMBLY_BEFORE_RE =
  /^\s*(?:(?:étaient\s+)?présente?s|(?:étaient\s+)?absente?s(?:\s+(?:excusée?s|représentée?s|ayant\s+donné\s+(?:pouvoir|procuration)))?|excusée?s|(?:présidente?|secrétaire)\s+de\s+(?:la\s+)?séance|représentée?s|pouvoirs?|procurations?|membres?\s+(?:présents|absents|votants)|(?:vote|scrutin|résultat\s+du\s+vote)\s*:[^:\n]*?\d+\s+(?:voix\s+)?(?:pour|contre|abstentions?))\s*(?::|\()[^:\n]*$|(?:^|[–;,.]\s*)(?:\d+\s+(?:voix\s+)?(?:pour|contre|abstentions?)\s*\(|(?:pour|contre|abstentions?)\s*:?\s*\d+\s*\()[^:\n]*$/iu;
/** A unit of the service right before a name: "bureau des recettes, Mme X", "secrétariat de la commission : M. Y". */
const SERVICE_UNIT_BEFORE_RE = /(?<![\p{L}])(?:bureau|service|pôle|cellule|secrétariat|guichet|antenne|division|unité|département)\s+(?:des?|du|de\s+la|de\s+l['’]|d['’])\s*[\p{L}'’ -]{2,40}[,:–-]\s*$/iu;
/** A body or one of its units, then its contact in brackets: "le service juridique de la société (M. X", "le cabinet Y, conseil en … (Mme Z". */
const BODY_BRACKET_BEFORE_RE = /(?<![\p{L}])(?:service|cabinet|société|entreprise|agence|bureau|pôle|étude|office|direction|département)(?![\p{L}])[^.;:()\n]{0,80}\([ \t]*$/iu;
/** A role right after a name: "Mme Dupuis, votre conseillère"; a day of permanence: "Mme X – lundi 14 décembre, 9 h – 12 h". */
const AGENT_AFTER_RE =
  /^\s*(?:[–—-]\s*(?:(?:le|les|tous\s+les)\s+)?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi)s?(?![\p{L}])|(?:vous\s+(?:recevra|accueillera|rencontrera|rappellera|accompagnera|répondra)|(?:reste|se\s+tient)\s+à\s+votre\s+(?:disposition|écoute)|(?:y\s+)?répondra\s+à\s+vos\s+questions|instruit\s+votre|suit\s+votre|est\s+chargée?\s+de\s+votre)|(?:,|\(|–|-)?\s*(?:(?:notre|votre|la|le|l['’]|en\s+tant\s+que|qui\s+est|(?:a\s+été\s+|est\s+)?(?:désignée?|nommée?)\s+(?:en\s+qualité\s+de|comme))\s+)?(?:(?:premier|première|\d{1,2}(?:er|re|e|ème))\s+)?(?:poste\s+\d|vice-présid|service\s+\p{Ll}|cellule\s|cabinet\s|étude\s|conseill|gestionnaire|agent|chargé|responsable|direct|chef|instruct|assistant(?!e?\s+maternelle)|travailleu|référent|secrétaire|inspect|contrôleu|technicien|adjoint|délégué|médecin|greffi|maire|président|juriste|juge|comptable|attaché|rédact|coordinat|cheffe|interlocut|médiat|conciliat|évaluat|infirmi|officier|régisseu|avocat|commissaire|huissier|notaire|cadre|éducat|puéricult|sage-femme|psycholog|pharmacien|assistante?\s+familial|animat|format|enseignant|professeur|mandataire|magistrat|procureur|enquêt|gendarme|policier|officier|commandant|capitaine|lieutenant|clerc|ingénieur|maîtres?\s+de\s+conférences|rapporteu))/iu;
/** A label of the person or a relative at the start of a line ("Bénéficiaire : Mme …", "À : M. …"). */
const PERSON_LABEL_RE =
  /^\s*(?:[A-Za-z0-9]{1,2}[.)]\s*)?(?:à|(?:to|pour)(?=\s*:(?!\s*\d))|destinataire|concerne|personne\s+concernée|bénéficiaires?|allocataire|assuré(?:e|\(e\))?|demandeu(?:r|se)s?|défendeu(?:r|se)s?|requérante?s?|enfants?|patiente?|élève|étudiante?|usager|titulaires?|intéressée?|locataires?|redevable|défunte?|époux|épouse|conjointe?|parents?|ayant\s+droit|candidate?|contribuable|propriétaire|bailleur|débit(?:eur|rice)|créanci(?:er|ère)|victime|témoin|tut(?:eur|rice)|curat(?:eur|rice)|aidant|personne\s+à\s+prévenir|représentant\s+légal|conducteur(?!\s+de\s+travaux)|abonnée?|résidente?|souscripteur|déclarante?|co-?titulaire|vous|identité|nom|membre|soussignée?|partie|mère|père)(?:\s*\((?:e|s)\))?(?:\s+[\p{L}\p{N}'’-]+){0,3}\s*:/iu;

/** Any short label at the start of the line ("Cotisant : M. …", "Exploitant : Mme …"). */
const GENERIC_LABEL_RE = /^\s*(?:[A-Za-z0-9]{1,2}[.)]\s*)?[\p{L}'’() -]{2,40}:\s*$/u;
/** Labels of the agents, the service or the sender ("Expéditeur :", "Signé par :", "Copie à :"). */
const AGENTISH_LABEL_RE =
  /(?:présentée?\s+par|reçue?\s+par|santé|professionnel|secteur|permanence|scolarit|référent|suivi|suit|traite|gère|en\s+charge|contact|conseill|interlocut|gestionnaire|référent|chargé|instruct|évaluat|agent|responsable|direct|chef|signataire|signé|rédact|expéditeur|^\s*de\s*:|médecin|docteur|infirmi|assistant|secrétari|service|technicien|inspect|contrôl|correspondant|délégué|coordinat|accompagnat|animat|formateur|éducat|enseignant|professeur|juge|greffi|avocat|président|maire|préfet|ministre|auditeur|enquêteur|expert|commissaire|huissier|notaire|copie|cc|interlocuteur|accueil|équipe|praticien|magistrat|rapporteur|secrétaire|coordonnat|conciliateur|médiateur|vérificat|conservat|archiviste|régisseu|trésori|receveu|ordonnat|bibliothécaire|intendant|économe|conducteur\s+de\s+travaux|bénévole|écrivain\s+public|intervenante?)/iu;

const RELATION_RE =
  /(?<![\p{L}])(?:(?:votre|vos|son|sa|ses|leur|leurs|mon|ma|mes|l['’]|de\s+l['’]|du|le|la|les|un|une|de(?=\s+(?:deux|trois|quatre|cinq|six)\s))\s*)(?:(?:deux|trois|quatre|cinq|six)\s+)?(?:fils|filles?|enfants?|époux|épouse|conjointe?|mari|femme|compagnon|compagne|concubine?|partenaire|père|mère|parents|frères?|sœurs?|soeurs?|freres?|pere|mere|grand-père|grand-mère|petit-fils|petite-fille|petits-enfants|neveu|nièce|oncle|tante|beau-père|belle-mère|beau-fils|belle-fille|tut(?:eur|rice)|curat(?:eur|rice)|bailleur|bailleresse|propriétaire|colocataire|voisine?s?|ex-conjointe?|ex-époux|ex-épouse|ex-mari|ex-femme|aidante?|défunte?|bébé|nourrisson|cadette?|aînée?|benjamine?|ayant\s+droit|salariée?|employée?|assistante?\s+maternelle|locataire|petit|petite|jeune|collègue)(?:\s+(?:aînée?s?|cadette?s?|mineure?s?|majeure?s?|unique|décédée?s?|défunte?s?))?(?:\s*(?:de|d['’])\s*(?<of>\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?)(?=\s*,))?(?:\s*(?:,|:)\s*|\s+)(?:(?:prénommée?|nommée?|appelée?|M\.|Mme|Mlle|Madame|Monsieur|Mademoiselle|(?:le|la|l['’])\s*(?:sergent|caporal|adjudant|sous-lieutenant|lieutenant|capitaine|commandant|colonel|général|major|brigadier|maréchal\s+des\s+logis|gendarme|soldat|matelot|quartier-maître|aspirant)(?:-chef)?)\s+)?(?=\p{Lu})|(?<![\p{L}])vous-même\s*,\s*(?=\p{Lu})/giu;

// (in small letters or capitalised: "ENFANT DE MOINS DE 16 ANS" is a heading)
const FILIATION_RE = new RegExp(`(?<![\\p{L}])(?:[Ff]ils|[Ff]ille|[Ee]nfant)[ \\t]+de[ \\t]+(?:${CIVILITY_SOURCE}[ \\t]+)?(?=\\p{Lu})`, 'gu');
const FILIATION_MORE_RE = new RegExp(`^[ \\t]+et[ \\t]+de[ \\t]+(?:${CIVILITY_SOURCE}[ \\t]+)?(?=\\p{Lu})`, 'u');

/** The closing of a message, before its signature. */
const SIGN_OFF_RE = /^[ \t>]*(?:merci(?:\s+(?:d['’]avance|beaucoup|par\s+avance))?|cordialement|bien\s+cordialement|bien\s+à\s+vous|salutations(?:\s+distinguées)?|sincères\s+salutations|respectueusement|bonne\s+journée)[ \t]*[,.!]?[ \t]*$/iu;

/** A quick test for a line that may hold a relative's name. */
const RELATION_WORD_RE = /fils|parent|collègue|frere|pere|mere|fille|enfant|époux|épouse|conjoint|mari|femme|compagn|concubin|partenaire|père|mère|frère|sœur|soeur|neveu|nièce|oncle|tante|tut|curat|bailleu|propriétaire|locataire|voisin|aidant|défunt|bébé|nourrisson|cadet|aîné|benjamin|ayant|salarié|employé|assistant|petit|jeune|vous-même/i;

const FIELD_RE =
  /(?:^|[ \t]{2,}|\t|[;|]\s*|[ \t][–—][ \t]*)(?:[A-Za-z0-9]{1,2}[.)]\s*)?(?:(?:son|votre|sa)\s+)?(?:Nom(?:\s+de\s+(?:naissance|famille|jeune\s+fille)|\s+d['’]usage(?:\s+(?:demandé|choisi|actuel|retenu))?|\s+marital|\s+et\s+prénoms?(?:\(s\))?|,\s*prénoms?(?:\(s\))?|\s+patronymique|\s+(?:de\s+l['’]|du\s+|de\s+la\s+|des\s+)(?:enfant|élève|conjointe?|époux|épouse|bailleur|propriétaire|titulaire|cotitulaire|demandeu(?:r|se)|patiente?|bénéficiaire|assurée?|locataire|défunte?|représentant\s+légal|parents?|mère|père|tut(?:eur|rice)|allocataire|étudiante?|candidate?|intéressée?|personne\s+à\s+prévenir|enfants?))?|NOM(?:\s+DE\s+NAISSANCE|\s+D['’]USAGE|\s+ET\s+PRÉNOMS?)?|nom\s+(?:de\s+(?:naissance|famille|jeune\s+fille)|d['’]usage)|[Pp]rénoms?(?:\(s\))?(?:\s+(?:usuels?|actuels?|demandés?|choisis?|nouveaux?|anciens?|retenus?))?|PRÉNOMS?(?:\(S\))?|Prénom\s+et\s+nom|Identité|Enfants?(?:\(s\))?(?:\s+à\s+charge)?|Bénéficiaires?|Allocataire|Assuré(?:e|\(e\))?(?:\s+(?:décédée?|social|principal))?|Demandeu(?:r|se)s?|Défendeu(?:r|se)s?|Titulaires?(?:\s+du\s+(?:bail|contrat|compte|dossier))?|Cotitulaire|Locataires?|Patiente?|Élève|Étudiante?|Conjointe?|Époux|Épouse|Intéressée?|Redevable|Candidate?|Requérante?s?|Personne\s+(?:à\s+prévenir|concernée)|Représentant\s+légal|Parent\s+[\p{L}]+|(?:Autre|Second|Premier|Deuxième)\s+parent|Débit(?:eur|rice)|Victime|Conducteur|Défunte?|Mère|Père|Aidant(?:\s+familial)?|Salariée?|Employée?|Hériti(?:er|ère)|Hébergeante?|Soussignée?|Je\s+soussignée?|Déposante?|Déclarante?|Réclamante?|Plaignante?|Souscript(?:eur|rice))[ \t]*(?:\([^)\n]{0,30}\))?[ \t]*:[ \t]*/gmu;

const NAME_LINE_PREFIX_RE = new RegExp(`^\\s*(?:(?:et|&)\\s+)?(?:(?:copie(?:\\s+(?:à|pour))?|cc)\\s*:\\s*)?(?:(?:À|A)\\s+l['’]attention\\s+de\\s*:?\\s*|(?:Aux\\s+)?(?:parents|représentants?\\s+léga(?:l|ux)|héritiers|ayants\\s+droit|tut(?:eur|rice)|curat(?:eur|rice))\\s+(?:de\\s+|d['’]|du\\s+)|(?:destinataire|à|a|débit(?:eur|rice)|redevable)\\s*:\\s*|(?:hébergée?s?\\s+)?chez\\s+|c\\/o\\s+)?(?:\\p{Lu}[\\p{L}.]{1,9}\\s*\\/\\s*)?(?:${CIVILITY_SOURCE}(?:\\s*\\((?:ER|R|H|hon\\.?)\\))?[ \\t\\u00A0]+)?`, 'iu');
const PAIR_RE = new RegExp(`^[ \\t]*(?:,|et|&)[ \\t]*${CIVILITY_SOURCE}[ \\t\\u00A0]+`, 'u');
const CIVILITY_AHEAD_RE = new RegExp(`^${CIVILITY_SOURCE}(?![\\p{L}])`, 'u');
const LEADING_CIVILITY_RE = new RegExp(`^(?:${CIVILITY_SOURCE}[ \\t]+)`, 'u');
// (in two languages: "geb. / née")
// (a nickname may stand in quotes: "dit « Jojo »"; the first name given after the surname: "Mme ROUX, prénom Léa")
const CHAIN_RE = /^[ \t]*,?[ \t]*(?:\p{Ll}{2,5}\.?[ \t]*\/[ \t]*)?(?:(?:née?|épouse|ép\.|veuve|veuf|divorcée?|prénoms?(?:[ \t]+usuels?)?)[ \t]+|(?:dite?|alias)[ \t]+(?:[«"“][ \t\u00A0]*)?)/iu;

/** More first names after a name, before "née" or "veuve": ", Marie, Anne" (capitalised words between commas). */
const FIRST_NAMES_AFTER_RE = /^(?:[ \t]*,[ \t]*\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?){1,3}(?=[ \t]*,[ \t]*(?:née?|épouse|ép\.|veuve|veuf|divorcée?)[ \t])/u;

/** More first names after "SURNAME First", up to the end of the line or a birth: ", Louis", ", Marie, Anne, née le". */
const MORE_FIRST_NAMES_RE = /^(?:[ \t]*,[ \t]*\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?){1,3}(?=[ \t]*(?:\r?\n|$)|[ \t]*,[ \t]*n[ée]e?s?[ \t]+le(?![\p{L}]))/u;

function lineEndAt(s: string, at: number): number {
  const nl = s.indexOf('\n', at);
  return nl < 0 ? s.length : nl;
}

/** The first word of a place's name, never a person's. */
const PLACE_WORD_RE = /^(?:résidence|rue|avenue|boulevard|allée|impasse|chemin|route|quai|hameau|lieu-dit|lotissement|cité|bâtiment|appartement)(?![\p{L}])/iu;

/** A name found by the scanner is kept unless it is an organisation ("OFFICE PUBLIC DE L'HABITAT"). */
function plausible(s: string): boolean {
  // ("votre mère, Résidence Les Acacias, …": a place after the relative's word, not their name)
  if (hasOrgWord(s) || PLACE_WORD_RE.test(s)) return false;
  const words = s.split(/\s+/);
  // a run of capitalised words longer than a name
  return words.length <= 6;
}

/** Names after a civility and elsewhere, with the agents' set apart. */
export function findNames(layout: Layout, tableNames: readonly PersonalDataSpan[] = []): PersonalDataSpan[] {
  const { text, lines } = layout;
  const out: PersonalDataSpan[] = [];
  const agents = layout.agentSurnames;
  const surname = (a: number, b: number): string => surnameOf(text.slice(a, b));
  // words of names found with the person's own evidence (identity block, label, birth, salutation):
  // they stay the person's even when an agent's line mentions them ("Contact : … (M. Bertrand)")
  const strong = new Set<string>();
  const add = (start: number, end: number, sure = false): void => {
    if (end <= start || !plausible(text.slice(start, end))) return;
    out.push({ start, end, type: 'NOM' });
    if (sure) for (const w of text.slice(start, end).split(/[\s,]+/)) if (w.length >= 3 && /^\p{Lu}/u.test(w)) strong.add(w.toLowerCase());
    // "Julie MOREL née ROCHE", "Madame ROCHE épouse DUMAS Brigitte"; "PRADO Josette, Marie, Lucienne, veuve BLANC": the
    // other first names are the name's too
    const fn = FIRST_NAMES_AFTER_RE.exec(text.slice(end, end + 60));
    const skip = fn ? fn[0].length : 0;
    const c = CHAIN_RE.exec(text.slice(end + skip, end + skip + 20));
    if (c) {
      if (fn) out[out.length - 1]!.end = end + skip;
      const at = end + skip + c[0].length;
      const e2 = scanName(text, at, 5);
      if (e2 > at && e2 <= lineEndAt(text, at)) add(at, e2, sure);
    }
  };

  // 1. identity blocks (recipient block first)
  for (const p of layout.persons)
    for (const r of p.names) {
      const civ = NAME_LINE_PREFIX_RE.exec(text.slice(r.start, r.end));
      const at = r.start + (civ ? civ[0].length : 0);
      const end = scanName(text, at, 8);
      if (end > at && end <= r.end) {
        add(at, end, true);
        // "Madame Amandine ROCHE et Monsieur Benoît VAN DER BERGHE"
        const pair = PAIR_RE.exec(text.slice(end, r.end));
        const at2 = end + (pair?.[0].length ?? 0);
        const end2 = pair ? scanName(text, at2, 8) : -1;
        if (end2 > at2 && end2 <= r.end) add(at2, end2, true);
      }
    }
  const personSurnames = new Set(out.map((o) => surname(o.start, o.end)));
  const inPerson = (a: number): boolean => layout.personAt(a)?.names.some((r) => a >= r.start && a < r.end) ?? false;

  // 2. civility + name, anywhere else. An agent guessed from the words around one mention ("appeler",
  // "rendez-vous avec") is forgotten when the same surname is also found as the person's.
  const guessedAgents = new Set<string>();
  // (read once, and only when a line calls for it)
  let assemblyAct: boolean | undefined;
  const assembly = (): boolean => (assemblyAct ??= ASSEMBLY_ACT_RE.test(text));
  const template = text.includes('«') && NAME_MERGE_FIELD_RE.test(text) && (text.match(MERGE_FIELD_RE) ?? []).length >= 2;
  CIV_RE.lastIndex = 0;
  for (let m = CIV_RE.exec(text); m; m = CIV_RE.exec(text)) {
    const at = m.index + m[0].length;
    const li = layout.lineAt(m.index);
    if (inPerson(m.index)) continue;
    const end = scanName(text, at);
    if (end < 0) continue;
    CIV_RE.lastIndex = end;
    const zone = layout.zoneAt(m.index);
    const line = lines[li]!;
    const lineBefore = text.slice(line.start, m.index);
    const before = text.slice(Math.max(line.start, m.index - 80), m.index);
    const sn = surname(at, end);
    if (zone === 'signature') {
      // (a copy sent under the signature to a person named in the letter: "Copie : Me X (RPVA) – Mme DURAND (lettre simple)")
      if (/^\s*(?:copies?|cc|ampliations?)(?:\s+(?:à|pour))?\s*:/iu.test(lineBefore) && (strong.has(sn) || ((personSurnames.has(sn) || out.some((o) => surname(o.start, o.end) === sn)) && !agents.has(sn)))) add(at, end);
      else agents.add(sn);
      continue;
    }
    // the members of an assembly in the minutes of its sitting: present, absent, proxies, votes;
    // anyone named in a mail-merge template ("«CIVILITE» «NOM»"): its author, reviewer or contact, no addressee
    if ((template || (ASSEMBLY_BEFORE_RE.test(lineBefore) && assembly())) && !strong.has(sn)) {
      agents.add(sn);
      continue;
    }
    // an agent's line ("Contact : …") may name the person already known: "(M. Bertrand)"; so does an item of a
    // list under a heading of the agents ("Vos interlocuteurs" / "– Facturation : M. X (05 …)")
    // the members of a jury or a board: "Jury : Mme X, M. Y (examinateur)", "Composition du jury :" / "– Mme X, …"
    if ((layout.agentLabelBefore(m.index) || agentListItem(layout, li) || panelMember(layout, li, m.index)) && !strong.has(sn)) {
      agents.add(sn);
      continue;
    }
    // the label nearest the name: "Propriétaire du modèle : pôle … – contact interne : M. X" is a contact's
    const colon = lineBefore.replace(/:\s*$/, '').lastIndexOf(':');
    const labelSeg = colon >= 0 && /:\s*$/.test(lineBefore) ? lineBefore.slice(colon + 1) : lineBefore;
    const lineAfter = text.slice(end, line.end);
    const roleAfter = AGENT_AFTER_RE.test(text.slice(end, Math.min(line.end, end + 50)));
    // (not a label naming a body: "Point conseil budget (association X) : Mme …" is its staff)
    const generic = GENERIC_LABEL_RE.test(labelSeg) && !AGENTISH_LABEL_RE.test(labelSeg) && !hasOrgWord(labelSeg) && !agents.has(sn) && !roleAfter;
    const labelled =
      PERSON_LABEL_RE.test(labelSeg) ||
      generic ||
      /(?:votre|vos|son|sa|ses)\s+(?:fils|filles?|enfants?|époux|épouse|conjointe?|mari|femme|père|mère|frère|sœur|bailleur|ancien\s+employeur|propriétaire|voisine?s?|parents?|compagne?|compagnon|partenaire)\b[^.\n]{0,25}$/iu.test(before) ||
      // "1. M. BERTRAND Anthony" under "Débiteurs :", "Mme X, née le …", "M. X et Mme Y"
      (/^\s*(?:[-–•*·]|\d{1,2}[.)])?\s*$/u.test(lineBefore) && labelLineAbove(layout, li)) ||
      BORN_AFTER_RE.test(lineAfter) ||
      PERSON_AFTER_RE.test(lineAfter) ||
      pairedWithPrevious(out, text, line.start, m.index) ||
      (personSurnames.has(sn) && zone !== 'header');
    // "Tuteur : M. X, ingénieur agronome" for an agent already named so ("tuteur en entreprise, M. X")
    // ("Tutrice : Mme X, coordinatrice – 02 …": a tutor named with their trade is a professional's)
    if (labelled && roleAfter && (agents.has(sn) || /tut(?:eur|rice)/iu.test(labelSeg)) && !strong.has(sn) && !personSurnames.has(sn)) {
      agents.add(sn);
      continue;
    }
    if (zone === 'header' && !labelled && !/^\s*(?:Bonjour\s+|Cher\s+|Chère\s+)?$/u.test(lineBefore)) {
      agents.add(sn);
      continue;
    }
    // the salutation ("Madame Grondin,") names the addressee, even when an agent bears the same name
    // (not in the person's own message quoted in a reply: there the salutation names the agent they wrote to)
    const salutation = /^\s*(?:(?:Bonjour|Chère|Cher)\s+)?$/u.test(lineBefore) && /^\s*,\s*$/.test(text.slice(end, line.end)) && !layout.personVoice(m.index);
    if (!labelled && !salutation) {
      if (agents.has(sn) && !strong.has(sn)) continue;
      const after = text.slice(end, Math.min(line.end, end + 50));
      // ("bureau des recettes, Mme X, 02 …": the unit of the service the name is given for)
      // ("le service des ressources humaines de l'entreprise (Mme X, 05 …)": the contact given in brackets for a body)
      if (AGENT_BEFORE_RE.test(before) || AGENT_AFTER_RE.test(after) || SERVICE_UNIT_BEFORE_RE.test(before) || BODY_BRACKET_BEFORE_RE.test(before)) {
        if (!agents.has(sn)) guessedAgents.add(sn);
        agents.add(sn);
        continue;
      }
    }
    add(at, end, labelled || salutation || PERSON_AFTER_RE.test(lineAfter));
  }
  if (guessedAgents.size > 0) {
    const persons = new Set(out.map((o) => surname(o.start, o.end)));
    for (const sn of guessedAgents) if (persons.has(sn)) agents.delete(sn);
  }

  // 2b. a salutation with a name and no civility: "Bonjour Jeanne KOWALSKI,", "Chère Inès,"
  for (const l of lines) {
    const m = /^\s*(?:Bonjour|Bonsoir|Cher|Chère|Chers|Chères)[ \t]+(?=\p{Lu})/u.exec(l.text);
    if (!m || layout.zoneAt(l.start) === 'signature') continue;
    const at = l.start + m[0].length;
    if (CIVILITY_AHEAD_RE.test(text.slice(at, at + 12))) continue;
    const end = scanName(text, at, 5);
    if (end > at && /^\s*[,!]?\s*$/.test(text.slice(end, l.end)) && !agents.has(surname(at, end))) add(at, end);
  }

  // 2c. a name without civility right before a birth: "- Capucine GIRARDIN, née le …", "Kylian KLEIN, né le"
  for (const l of lines) {
    if (l.blank || !/n[ée]e?s?(?![\p{L}])/u.test(l.text) || layout.zoneAt(l.start) === 'signature') continue;
    // ("qui a la garde de Chloé, née le …", "la mère de Léa, née le …": a child or a relative named after its tie;
    // "Demande n° … – enfant Noé MARTIN, né le …": after the noun)
    const starts = /(?:^[ \t]*(?:[-–•*·][ \t]*|\d{1,2}[.)][ \t]*)?|[:;,(][ \t]*|[ \t]{2,}|\t|(?:et|ou)[ \t]+|[ \t](?:garde|charge|mère|père|parents|fils|fille|frère|sœur)[ \t]+(?:de[ \t]+|d['’])|[ \t](?:enfant|élève)[ \t]+)(?=\p{Lu})/gu;
    for (let m = starts.exec(l.text); m; m = starts.exec(l.text)) {
      if (m[0].length === 0) starts.lastIndex++;
      const at = l.start + m.index + m[0].length;
      if (CIVILITY_AHEAD_RE.test(text.slice(at, at + 12))) continue;
      const end = scanName(text, at, 5);
      if (end < 0 || end > l.end || !BORN_AFTER_RE.test(text.slice(end, l.end))) continue;
      // "Salarié né le …", "Enfant né le …": a role, not a name
      if (ROLE_NOUN_RE.test(text.slice(at, end))) continue;
      if (layout.agentLabelBefore(at)) continue;
      add(at, end, true);
      starts.lastIndex = end - l.start;
    }
  }

  // 2d. a name followed by an age or a birth date: "garde de Capucine (10 ans)", "– Léo (8 mois)", "et Lina
  // (04/05/2019)"; "un autre élève, Enzo W., qui …"
  for (const l of lines) {
    if (l.blank || !/\(\s*(?:\d{1,2}\s*(?:ans|mois)\s*\)|n[ée]|\d{1,2}(?:er)?[\s/.])|\p{Lu}\.[ \t]*[,;)]/u.test(l.text) || layout.zoneAt(l.start) === 'signature') continue;
    AGE_AFTER_RE.lastIndex = 0;
    for (let m = AGE_AFTER_RE.exec(l.text); m; m = AGE_AFTER_RE.exec(l.text)) {
      const at = l.start + m.index + m[0].length - m[1]!.length;
      const end = scanName(text, at, 3);
      if (end < 0 || end > l.end || ROLE_NOUN_RE.test(text.slice(at, end)) || layout.agentLabelBefore(at)) continue;
      const after = text.slice(end, l.end);
      const initial = /^[ \t]+\p{Lu}\.(?=[ \t]*[,;)])/u.exec(after);
      if (initial && !/^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$/u.test(text.slice(at, end))) continue;
      if (!initial && !AGE_OR_BIRTH_RE.test(after)) continue;
      if (agents.has(surname(at, end)) && !strong.has(surname(at, end))) continue;
      add(at, initial ? end + initial[0].length : end);
    }
  }

  // 3. relatives: "votre fils Lucas", "votre épouse, Mme …"
  const relations: number[] = [];
  for (const l of lines) {
    if (l.blank || !RELATION_WORD_RE.test(l.text)) continue;
    RELATION_RE.lastIndex = 0;
    for (let m = RELATION_RE.exec(l.text); m; m = RELATION_RE.exec(l.text)) {
      relations.push(l.start + m.index, m[0].length);
      // "Les parents de Timéo, M. et Mme …", "la sœur d'Ibrahim, Mariam": whose relatives they are is a person too
      const of = m.groups?.['of'];
      if (of) {
        const at = l.start + m.index + m[0].lastIndexOf(of);
        if (scanName(text, at, 3) === at + of.length && !agents.has(surname(at, at + of.length))) add(at, at + of.length);
      }
    }
  }
  for (let q = 0; q < relations.length; q += 2) {
    const m = { index: relations[q]!, 0: text.slice(relations[q]!, relations[q]! + relations[q + 1]!) };
    const at = m.index + m[0].length;
    if (layout.zoneAt(m.index) === 'signature') continue;
    const end = scanName(text, at, 4);
    if (end < 0 || end > lineEndAt(text, at)) continue;
    if (agents.has(surname(at, end)) && !/^(?:votre|vos)\s+(?:fils|fille|enfant)/i.test(m[0])) continue;
    // ("ma collègue Mme X vous recevra": an agent's colleague, named with their role)
    if (/collègue/iu.test(m[0]) && (AGENT_AFTER_RE.test(text.slice(end, end + 50)) || layout.agentLabelBefore(at))) continue;
    add(at, end);
  }

  // 3b. filiation: "Fille de Patrick FABRE et de Nathalie VIDAL", "fils de M. Karim SAÏDI et de Mme Awa DIOP"
  for (const l of lines) {
    if (l.blank || !/(?:fils|fille|enfant)\s+de\s/iu.test(l.text) || layout.zoneAt(l.start) === 'signature') continue;
    FILIATION_RE.lastIndex = 0;
    for (let m = FILIATION_RE.exec(l.text); m; m = FILIATION_RE.exec(l.text)) {
      let at = l.start + m.index + m[0].length;
      for (let k = 0; k < 2; k++) {
        const end = scanName(text, at, 5);
        if (end < 0 || end > l.end || (agents.has(surname(at, end)) && !strong.has(surname(at, end)))) break;
        add(at, end);
        const more = FILIATION_MORE_RE.exec(text.slice(end, l.end));
        if (!more) break;
        at = end + more[0].length;
      }
    }
  }

  // 3c. the person's own message quoted in a reply, signed under its closing: "> Merci d'avance," / "> Clémence Duvignau"
  for (let li = 1; li < lines.length; li++) {
    const l = lines[li]!;
    if (l.blank || !layout.personVoice(l.start)) continue;
    const q = /^[ \t]*(?:>[ \t]*)*/.exec(l.text)![0].length;
    let prev = li - 1;
    while (prev > 0 && /^[ \t>]*$/.test(lines[prev]!.text)) prev--;
    // (or signed right under its last sentence, the message ending there: "… toute la journée." / "Julie MARCHAND" / "")
    // (a word processor's paragraphs: a blank line apart; the message ends there, a quoted header or the text's end next)
    let next = li + 1;
    while (next < lines.length && lines[next]!.blank) next++;
    const lastSentence =
      (prev === li - 1 || (prev === li - 2 && lines[li - 1]!.blank)) &&
      /[.!?…][ \t]*$/u.test(lines[prev]!.text) &&
      (next >= lines.length || /^[ \t]*(?:>|-{2,}|(?:de|from)[ \t]*:)/iu.test(lines[next]!.text));
    if ((!SIGN_OFF_RE.test(lines[prev]!.text) && !lastSentence) || !nameLikeLine(l.text.slice(q))) continue;
    const at = l.start + q;
    const end = scanName(text, at, 4);
    if (end > at && /^[ \t]*$/.test(text.slice(end, l.end))) add(at, end);
  }

  // 4. form fields: "Nom : DUPONT   Prénom : Marie", "Enfant(s) : Lucas, Emma"
  const readField = (at: number, nameLabel: boolean): void => {
    if (layout.zoneAt(at) === 'signature' || layout.animalBlock(lines[layout.lineAt(at)]!.block)) return;
    const le = lineEndAt(text, at);
    const gap = /[ \t]{3,}|\t/.exec(text.slice(at, le));
    const stop = gap ? at + gap.index : le;
    let i = at;
    let guard = 0;
    while (i < stop && guard++ < 8) {
      const civ = LEADING_CIVILITY_RE.exec(text.slice(i, stop));
      if (civ) i += civ[0].length;
      const end = scanName(text, i, 5);
      if (end < 0 || end > stop) break;
      // "– Race : rottweiler": the next label, not a name
      if (/^[ \t]*:/.test(text.slice(end, end + 3))) break;
      if (!agents.has(surname(i, end)) || nameLabel) add(i, end, nameLabel);
      // more names on the line: ", Emma (8 ans)", " et Emma", " ou FONTAINE Grégoire"
      const rest = /^(?:[ \t]*\([^)\n]{0,30}\))?[ \t]*(?:,|;|et|ou|\/|–|-)[ \t]*(?:(?:M\.|Mme|Mlle|Madame|Monsieur)[ \t]+)?/u.exec(text.slice(end, stop));
      if (!rest) break;
      i = end + rest[0].length;
    }
  };
  for (const line of lines) {
    if (line.blank || !line.text.includes(':')) continue;
    FIELD_RE.lastIndex = 0;
    for (let m = FIELD_RE.exec(line.text); m; m = FIELD_RE.exec(line.text)) {
      readField(line.start + m.index + m[0].length, /nom|prénom/i.test(m[0]));
    }
  }

  // 4c. any label of an identity form before a full name, surname in capitals: "Ressortissant : SANTUCCI Antoine Paul"
  // (in a block of the person's identity, or right above their birth)
  for (let li = 0; li < lines.length; li++) {
    const l = lines[li]!;
    if (l.blank || !l.text.includes(':')) continue;
    // (in a quoted message too: "> Responsable 2 : COSTA Nuno"; a family's "responsable 1", "responsable légal" is a parent)
    const m = /^[ \t]*(?:>[ \t]*)*([\p{L}'’() -]{2,40}?(?:[ \t]+\d)?)[ \t]*:[ \t]*(?=\p{Lu})/u.exec(l.text);
    if (!m || AGENTISH_LABEL_RE.test(m[1]!.replace(/responsable\s+(?:\d|légal)/iu, '')) || hasOrgWord(m[1]!) || layout.zoneAt(l.start) === 'signature' || layout.agentLabelLine(li)) continue;
    let next = li + 1;
    while (next < lines.length && lines[next]!.blank && next <= li + 2) next++;
    if (!layout.personFormBlocks.has(l.block) && !formParagraphNear(layout, li) && !(lines[next] && BIRTH_LINE_RE.test(lines[next]!.text))) continue;
    // (a civility is no initial: "Représentant légal 2 : M. CHAPUIS Fabrice")
    const civ = LEADING_CIVILITY_RE.exec(text.slice(l.start + m[0].length, l.end));
    const at = l.start + m[0].length + (civ ? civ[0].length : 0);
    const end = scanName(text, at, 5);
    if (end < 0 || !/^[ \t]*(?:$|[,;(–—]|-[ \t])/u.test(text.slice(end, l.end))) continue;
    const words = text.slice(at, end).split(/\s+/);
    if (words.length < 2 || !words.some((w) => /^[\p{Lu}'’-]{2,}$/u.test(w)) || !words.some((w) => /^\p{Lu}\p{Ll}/u.test(w))) continue;
    if (agents.has(surname(at, end)) && !strong.has(surname(at, end))) continue;
    add(at, end, true);
  }

  // 4b. a name in quotes after "prénom" or "nom de famille" in the sentence: "son prénom y est écrit « Jean-Luc »"
  for (const l of lines) {
    if (l.blank || !l.text.includes('«') || !/prénom|nom\s+d/iu.test(l.text) || layout.zoneAt(l.start) === 'signature') continue;
    QUOTED_NAME_RE.lastIndex = 0;
    for (let m = QUOTED_NAME_RE.exec(l.text); m; m = QUOTED_NAME_RE.exec(l.text)) {
      const at = l.start + m.index + m[0].length;
      const end = scanName(text, at, 4);
      if (end > at && /^[ \t\u00A0]*»/u.test(text.slice(end, end + 3))) add(at, end);
    }
  }

  // 4d. a name set in apposition after "nom de naissance" or "prénom": "votre nom de naissance, LEBRETON ;", "son prénom, Maëlle, …"
  for (const l of lines) {
    if (l.blank || !/nom/iu.test(l.text) || layout.zoneAt(l.start) === 'signature') continue;
    APPOSED_NAME_RE.lastIndex = 0;
    for (let m = APPOSED_NAME_RE.exec(l.text); m; m = APPOSED_NAME_RE.exec(l.text)) {
      const at = l.start + m.index + m[0].length;
      const end = scanName(text, at, 4);
      if (end > at && end <= l.end && /^[ \t]*(?:[,;.)]|$)/u.test(text.slice(end, l.end)) && !agents.has(surname(at, end))) add(at, end);
    }
  }

  // 4e. a given name of the lexicon in the body, alone ("votre fils Louis", "Nassim, Timothée, Aya et Lorenzo"), with an
  // initial ("Emma D.") or a surname ("la maman de Théo Chambon"); see givenNamesAlone
  for (const n of givenNamesAlone(layout)) add(n.start, n.end);
  // 4f. notes typed in lower case: "mme aminata traore", "appel au papa mr kader benmoussa", "c'est lya et noham"
  for (const n of lowerCaseNames(layout)) add(n.start, n.end);

  // 5. the same names elsewhere in the letter (surname or first name alone), those of tables' name columns too
  for (const n of tableNames) if (n.type === 'NOM') out.push({ start: n.start, end: n.end, type: 'NOM' });
  propagate(layout, out, strong);
  // 6. a birth or married name after any name found, also one found by its repetition ("– Émilie
  // LECLERC née JOUBERT"); such a name found now is looked for elsewhere in its turn
  const before = out.length;
  const taken = new SpanMask(text.length, out);
  for (const f of out.slice()) {
    const fn = FIRST_NAMES_AFTER_RE.exec(text.slice(f.end, f.end + 60));
    const skip = fn ? fn[0].length : 0;
    const c = CHAIN_RE.exec(text.slice(f.end + skip, f.end + skip + 20));
    if (!c) continue;
    const at = f.end + skip + c[0].length;
    if (fn) f.end += skip;
    let end = scanName(text, at, 5);
    // (up to a name already found after it: "KONATÉ née TRAORÉ<tab>Aminata", the first name a cell of its own)
    for (let k = at; k < end; k++)
      if (taken.overlaps(k, k + 1)) {
        end = k;
        while (end > at && /\s/.test(text[end - 1]!)) end--;
        break;
      }
    if (end > at && end <= lineEndAt(text, at)) add(at, end, strong.has(surname(f.start, f.end)));
  }
  if (out.length > before) propagate(layout, out, strong);
  // 7a. a list of several households: an item that starts with a full name and names the family's guardian
  // ("– PEYRE Lucas, CE2 – responsable : Anne PEYRE, 06 …") holds two persons' names
  for (const n of householdItemNames(layout, agents, strong)) add(n.start, n.end);
  // 7. the items of a list whose other items start with a person's name start with one too
  // ("1. VIGIER Bernard – …", "2. HOFFMANN Luc – …", "3. CASTAN-ROUQUETTE Sylvie – parcelle …")
  const listed = listItemNames(layout, out);
  if (listed.length > 0) {
    for (const n of listed) add(n.start, n.end);
    propagate(layout, out, strong);
  }
  // the other first names after "SURNAME First" found again: "PAYET Jimmy, Louis" / "né le …"
  for (const n of out) {
    const more = text[n.end] === ',' ? MORE_FIRST_NAMES_RE.exec(text.slice(n.end, n.end + 60)) : null;
    if (more && /^(?:[\p{Lu}'’-]{2,}[ \t]+)+\p{Lu}\p{Ll}/u.test(text.slice(n.start, n.end))) n.end += more[0].length;
  }
  // "Le bailleur, SIGUY (SIRET 351 786 298 00034)": a company's name
  return out.filter((n) => !COMPANY_AFTER_RE.test(text.slice(n.end, n.end + 12)));
}

/**
 * A word processor's paragraphs, one line each: a line of a person's identity form among the three paragraphs above
 * or below ("> Responsable 2 : …" two paragraphs above "> Enfant : …").
 */
function formParagraphNear(layout: Layout, li: number): boolean {
  const { lines } = layout;
  const single = (k: number): boolean => !!lines[k] && !lines[k]!.blank && !!lines[k - 1]?.blank && (lines[k + 1]?.blank ?? true);
  if (!single(li)) return false;
  for (const step of [-2, 2])
    for (let k = li + step, n = 0; n < 3 && single(k); k += step, n++) if (layout.personFormBlocks.has(lines[k]!.block)) return true;
  return false;
}

const BULLET_ITEM_RE = /^[ \t]*[-–•*·][ \t]+/u;

/** Line `li` is an item of a bulleted list under a heading of the agents ("6. Vos interlocuteurs", "Vos contacts :"). */
function agentListItem(layout: Layout, li: number): boolean {
  const { lines } = layout;
  if (!BULLET_ITEM_RE.test(lines[li]!.text)) return false;
  for (let k = li - 1, seen = 0; k >= 0 && seen < 8; k--) {
    const l = lines[k]!;
    if (l.blank) continue;
    seen++;
    if (BULLET_ITEM_RE.test(l.text)) continue;
    return l.text.trim().length <= 60 && !/:[ \t]*\S/.test(l.text) && layout.agentLabelLine(k);
  }
  return false;
}

/** A jury's or a selection board's composition: its members sit for the body. */
const PANEL_RE = /(?<![\p{L}])(?:jury|(?:membres|composition)\s+(?:du\s+comité|de\s+la\s+commission(?:\s+d['’](?:admission|attribution|examen|sélection))?))(?![\p{L}])/iu;

/**
 * The name at `at` on line `li` is a member of a jury or a board: after a label "Jury :" on its line, or in an item of
 * a bulleted list under a heading that names the jury ("Composition du jury (…) :" / "– Mme X, professeure ;").
 */
function panelMember(layout: Layout, li: number, at: number): boolean {
  const { lines, text } = layout;
  const l = lines[li]!;
  const colon = text.lastIndexOf(':', at);
  if (colon >= l.start && PANEL_RE.test(text.slice(l.start, colon)) && !/;|\p{Ll}{2}[.!?](?:\s|$)/u.test(text.slice(colon, at))) return true;
  if (!BULLET_ITEM_RE.test(l.text)) return false;
  for (let k = li - 1, seen = 0; k >= 0 && seen < 8; k--) {
    const h = lines[k]!;
    if (h.blank) continue;
    seen++;
    if (BULLET_ITEM_RE.test(h.text)) continue;
    return /:[ \t]*$/.test(h.text) && PANEL_RE.test(h.text);
  }
  return false;
}

const COMPANY_AFTER_RE = /^[ \t]*[(,–-]?[ \t]*(?:SIRET|SIREN|RCS|SARL|SAS|SASU|EURL)(?![\p{L}])/u;

const GUARDIAN_LABEL_RE = new RegExp(`(?<![\\p{L}])(?:responsables?(?:[ \\t]+(?:l[ée]ga(?:l|ux|les?)|\\d))?|parents?|représentants?[ \\t]+légaux?|représentante?[ \\t]+légale?|mère|père|tut(?:eur|rice)[ \\t]+légale?)[ \\t]*:[ \\t]*(?:${CIVILITY_SOURCE}[ \\t]+)?(?=\\p{Lu})`, 'giu');

/**
 * The items of a list of households: "– PEYRE Lucas, CE2 – carte … – responsable : Anne PEYRE, 06 …". An item that
 * starts with a full name (one word in capitals, one capitalised) and gives a guardian or the parents further on:
 * both are persons' names.
 */
function householdItemNames(layout: Layout, agents: Set<string>, strong: Set<string>): PersonalDataSpan[] {
  const { text, lines } = layout;
  const out: PersonalDataSpan[] = [];
  for (const l of lines) {
    if (l.blank || !l.text.includes(':') || layout.zoneAt(l.start) === 'signature') continue;
    const item = LIST_ITEM_RE.exec(l.text);
    if (!item) continue;
    GUARDIAN_LABEL_RE.lastIndex = 0;
    let g = GUARDIAN_LABEL_RE.exec(l.text);
    if (!g) continue;
    const at = l.start + item[0].length;
    const end = scanName(text, at, 4);
    if (end < 0 || end > l.start + g.index || !/^[ \t]*(?:[–—,;(]|-[ \t])/u.test(text.slice(end, l.end))) continue;
    const words = text.slice(at, end).split(/\s+/);
    if (words.length < 2 || !words.some((w) => /^[\p{Lu}'’-]{2,}$/u.test(w)) || !words.some((w) => /^\p{Lu}\p{Ll}/u.test(w))) continue;
    const sn = surnameOf(text.slice(at, end));
    if (agents.has(sn) && !strong.has(sn)) continue;
    out.push({ start: at, end, type: 'NOM' });
    for (; g; g = GUARDIAN_LABEL_RE.exec(l.text)) {
      const a = l.start + g.index + g[0].length;
      const e = scanName(text, a, 5);
      if (e > a && e <= l.end) out.push({ start: a, end: e, type: 'NOM' });
    }
  }
  return out;
}

const LIST_ITEM_RE = /^[ \t]*(?:\d{1,2}[.)]|[-–•*·])[ \t]+/u;
/** A row of a schedule: a time of day, or a slot, then the text ("9 h 40   Inès CHERKAOUI – BAFA…", "10:30  …"). */
const TIME_ITEM_RE = /^[ \t]*(?:(?:[01]?\d|2[0-3])[ \t]?[hH](?:[ \t]?[0-5]\d)?|(?:[01]?\d|2[0-3]):[0-5]\d)(?:[ \t]*[–—-][ \t]*(?:(?:[01]?\d|2[0-3])[ \t]?[hH](?:[ \t]?[0-5]\d)?|(?:[01]?\d|2[0-3]):[0-5]\d))?(?:[ \t]{2,}|\t|[ \t]*[:–—][ \t]+)/u;
/**
 * A person's name written as a first name and a surname in capitals, either way round ("Inès CHERKAOUI",
 * "CASTAGNÉ Manon", "DA COSTA Sandra", "Solène de LA MOTTE-ROUGE"): a name, whatever stands around it
 * (a table's cell, a schedule's row). A heading never writes a word in capitals beside a first name.
 */
export const FULL_NAME_RE =
  /^(?:\p{Lu}{2,}[\p{Lu}'’-]*(?:[ \t]+\p{Lu}{2,}[\p{Lu}'’-]*)*[ \t]+\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?|\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?[ \t]+(?:(?:de|du|des|le|la|van|von|da|di|del|dos)[ \t]+|d['’])?\p{Lu}{2,}[\p{Lu}'’-]*(?:[ \t]+\p{Lu}{2,}[\p{Lu}'’-]*)?)$/u;
const LEADING_CIV_RE = new RegExp(`^${CIVILITY_SOURCE}[ \\t]+`, 'u');

/**
 * Names at the start of the items of a list where one item at least starts with a name already found; in a schedule
 * (rows opening on a time), the rows that start with a first name and a surname in capitals, two at least.
 */
function listItemNames(layout: Layout, found: PersonalDataSpan[]): PersonalDataSpan[] {
  const { text, lines } = layout;
  const starts = new Set(found.map((f) => f.start));
  const out: PersonalDataSpan[] = [];
  let i = 0;
  while (i < lines.length) {
    const l = lines[i]!;
    const itemRe = LIST_ITEM_RE.test(l.text) ? LIST_ITEM_RE : TIME_ITEM_RE.test(l.text) ? TIME_ITEM_RE : null;
    if (l.blank || !itemRe) {
      i++;
      continue;
    }
    const schedule = itemRe === TIME_ITEM_RE;
    // the items of one list: consecutive item lines, or item lines one blank line apart (paragraphs of a word processor)
    const items: { at: number; end: number }[] = [];
    let j = i;
    for (; j < lines.length && itemRe.test(lines[j]!.text); j += lines[j + 1]?.blank && lines[j + 2] && itemRe.test(lines[j + 2]!.text) ? 2 : 1) {
      const lj = lines[j]!;
      let at = lj.start + itemRe.exec(lj.text)![0].length;
      const civ = LEADING_CIV_RE.exec(text.slice(at, lj.end));
      if (civ) at += civ[0].length;
      items.push({ at, end: lj.end });
    }
    i = j;
    // (an item starts with a name found, or with a name holding one found: "Camille FABRE" where "FABRE" was)
    const startsWithName = (it: { at: number; end: number }): boolean => {
      if (starts.has(it.at)) return true;
      const e = scanName(text, it.at, 4);
      return e > it.at && e <= it.end && found.some((f) => f.type === 'NOM' && f.start >= it.at && f.end <= e);
    };
    const fullName = (it: { at: number; end: number }): boolean => {
      const e = scanName(text, it.at, 4);
      return e > it.at && e <= it.end && FULL_NAME_RE.test(text.slice(it.at, e));
    };
    if (items.length < 2 || layout.zoneAt(items[0]!.at) === 'signature') continue;
    if (schedule ? items.filter(fullName).length < 2 : !items.some(startsWithName)) continue;
    for (const it of items) {
      if (schedule && !fullName(it)) continue;
      const e = scanName(text, it.at, 4);
      // the name ends the item or comes before a dash, a comma or a bracket
      if (e < 0 || e > it.end || !/^[ \t]*(?:[–—,;:(]|-[ \t]|$)/u.test(text.slice(e, it.end)) || !plausible(text.slice(it.at, e))) continue;
      if (layout.agentSurnames.has(surnameOf(text.slice(it.at, e)))) continue;
      out.push({ start: it.at, end: e, type: 'NOM' });
    }
  }
  return out;
}

const MONTH_NAMES = 'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre';

/** A person's name after "nom de naissance" or "prénom" and a comma or a colon, in the running text. */
const APPOSED_NAME_RE = /(?<![\p{L}])(?:(?:votre|son|sa|leur|mon|ma|le|la|du|de\s+la)\s+)(?:prénoms?(?:\s+usuels?)?|nom\s+(?:de\s+famille|de\s+naissance|d['’]usage|de\s+jeune\s+fille|patronymique))(?:\s+(?:de\s+l['’]|du\s+|de\s+la\s+)?[\p{Ll}-]+)?[ \t]*[,:][ \t]*(?=\p{Lu})/giu;
const QUOTED_NAME_RE = /(?<![\p{L}])(?:prénoms?|nom\s+(?:de\s+famille|de\s+naissance|d['’]usage))(?![\p{L}])[^.!?\n«»]{0,60}«[ \t\u00A0]*(?=\p{Lu})/giu;

/** Right after a name: the person's birth or birth name ("Capucine GIRARDIN, née le …", "(né le", "née COLOMBET le"). */
const BORN_AFTER_RE = /^[ \t]*(?:,[ \t]*\p{Ll}[^,\n\p{Lu}]{1,40}(?=,))?,?[ \t]*\(?[ \t]*n[ée]e?s?(?:[ \t]*\(e\))?(?:[ \t]+\p{Lu}[\p{L}'’-]+(?:[ \t]*,[ \t]*n[ée]e?s?)?)?(?:[ \t]*,[ \t]*\p{Ll}[^,\n]{1,30},)?[ \t]+(?:le|en|à|au|aux)(?![\p{L}])/u;

/** A role noun written with a capital at the start of a line, before a birth. */
const ROLE_NOUN_RE = /^(?:salariée?|enfant|élève|conjointe?|époux|épouse|demandeu(?:r|se)|bénéficiaire|assurée?|titulaire|défunte?|locataire|patiente?|allocataire|intéressée?|candidate?|requérante?|étudiante?|apprentie?|stagiaire|mineure?|majeure?|personne|agent|résidente?|adhérente?)s?$/iu;

/**
 * Where a name followed by an age or an initial may start: in the running text (after a lower-case word, a
 * comma or a bracket) or after a list's bullet, not at the start of a sentence nor after a label's colon
 * ("Garantie (10 ans)", "Durée : Bail (3 ans)").
 */
const AGE_AFTER_RE = /(?:^[ \t]*(?:[-–•*·]|\d{1,2}[.)])[ \t]+|(?<=\p{Ll}[ \t]|[,(][ \t]*|\p{Ll}['’]))(\p{Lu}[\p{L}'’-]+)(?=(?:[ \t]+\p{Lu}[\p{L}'’-]+){0,2}[ \t]*(?:\([ \t]*(?:\d{1,2}[ \t]*(?:ans|mois)[ \t]*\)|(?:n[ée]e?[ \t]+le[ \t]+)?(?:\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d{2}|(?:1er|\d{1,2})[ \t]+\p{Ll}+[ \t]+(?:19|20)\d{2})[ \t]*\))|[ \t]+\p{Lu}\.[ \t]*[,;)]))/gu;
/** Right after a name: an age or a birth date in brackets ("(10 ans)", "(04/05/2019)", "(née le 3 mars 2015)"). */
const AGE_OR_BIRTH_RE = new RegExp(`^[ \\t]*\\([ \\t]*(?:\\d{1,2}[ \\t]*(?:ans|mois)|(?:n[ée]e?[ \\t]+le[ \\t]+)?(?:\\d{1,2}[/.]\\d{1,2}[/.](?:19|20)\\d{2}|(?:1er|\\d{1,2})[ \\t]+(?:${MONTH_NAMES})[ \\t]+(?:19|20)\\d{2}))[ \\t]*\\)`, 'u');

/** A line that gives a person's birth or social security number. */
const BIRTH_LINE_RE = /^\s*(?:née?(?:\(e\))?\s+le|date\s+(?:et\s+lieu\s+)?de\s+naissance|n°\s+de\s+sécurité)/iu;

/** Right after a name: where the person lives ("M. Gilles BRIAND, demeurant …"). */
const PERSON_AFTER_RE = /^[ \t]*,?[ \t]*(?:demeurant|domiciliée?|résidant|habitant|hébergée?|décédée?[ \t]+(?:le|en|à|depuis)(?![\p{L}]))(?![\p{L}])/u;

/** The line above, in the same block, is a label of persons alone ("Débiteurs :", "Enfants à charge :"). */
function labelLineAbove(layout: Layout, li: number): boolean {
  const l = layout.lines[li]!;
  for (let k = li - 1; k >= 0 && k >= li - 6; k--) {
    const p = layout.lines[k]!;
    if (p.blank || p.block !== l.block) return false;
    if (/:\s*$/.test(p.text)) return PERSON_LABEL_RE.test(p.text) || (GENERIC_LABEL_RE.test(p.text) && !AGENTISH_LABEL_RE.test(p.text));
  }
  return false;
}

/** "M. Florent GIRARDIN et Mme Agathe GIRARDIN": a civility right after a person's name on the same line. */
function pairedWithPrevious(found: PersonalDataSpan[], text: string, lineStart: number, at: number): boolean {
  const last = found[found.length - 1];
  return !!last && last.end >= lineStart && last.end <= at && /^[ \t]*(?:,|et|ou|&)[ \t]*$/u.test(text.slice(last.end, at));
}

const BUSINESS_BEFORE_RE =
  /(?:plomberie|boulangerie|pâtisserie|garage|cabinet|entreprise|établissements|ets|sarl|sas|sasu|eurl|sci|pharmacie|transports|menuiserie|maçonnerie|électricité|peinture|taxis?|ambulances|restaurant|café|hôtel|boucherie|charcuterie|épicerie|fromagerie|librairie|coiffure|salon|auto-école|société|groupe|domaine|ferme|gîte|clinique|laboratoire|agence|immobilière|studio|atelier|chauffage|couverture|jardins?)\s+$/iu;
const STREET_BEFORE_RE = /(?:rue|avenue|boulevard|place|allée|impasse|chemin|route|quai|square|résidence|lycée|collège|école|hôpital|centre|salle|parc|pont|cours|stade|gymnase|saint|sainte|groupe\s+hospitalier|clinique|hent)\s+(?:(?:de|du|des|la|le|l['’]|d['’])\s*)*$/iu;

const WORD_CHAR_RE = /[\p{L}\p{N}'’-]/u;
const ELISION_BEFORE_RE = /(?:^|[^\p{L}])(?:d|l|qu|jusqu|lorsqu|puisqu)['’]$/iu;

/** A first name right before a surname in capitals: "Pierre-Yves " (after a colon, a comma, a bracket, a dash or a lower-case word). */
const FIRST_NAME_BEFORE_RE = /(?<=(?:^|[:,;(–—-]|\p{Ll})[ \t\u00A0]+)(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)[ \u00A0]$/u;
/** A common noun's ending: "Succession", "Indivision", "Communauté" before a surname are no first names. */
const NOUN_ENDING_RE = /(?:tion|sion|ité|age|aire|ure|isme|ment|ants|ents|iers|eurs)$/u;

const CAPITALISED_WORD_RE = /(?<![\p{L}\p{N}'’@.-])\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?![\p{L}\p{N}'’@-])/gu;
/** What makes a capitalised word before a given name part of another proper noun, a title or an article's object. */
const NOT_ALONE_BEFORE_RE = new RegExp(`(?:(?:^|[^\\p{L}])(?:le|la|les|du|des|au|aux|un|une|ce|cette)|\\p{Lu}[\\p{L}'’-]*|${CIVILITY_SOURCE})[ \\t\\u00A0]+$`, 'u');

/**
 * What makes a given name after it no person's alone: a particle and a surname ("Leonardo da Vinci", "Santiago de
 * Compostela"), an initial and a surname ("Edgar P. Jacobs"), a role or a body set beside it ("Alexandre, pour
 * l'équipe Support", "Nathalie, secrétariat du club", "Morgane (Mairie)", "Morgane (accueil)": an agent signing or named
 * for their office; a child's class, age or birth in brackets stays the child's: "Louis (CM2)", "Louis (6 ans)").
 */
const NOT_ALONE_AFTER_RE =
  /^(?:[ \t\u00A0]+(?:da|de|di|del|della|do|dos|das|du|van|von|der|le|la|bin|ben|ibn|el)[ \t\u00A0]+\p{Lu}|[ \t\u00A0]\p{Lu}\.[ \t\u00A0]*\p{Lu}|[ \t]*,[ \t]*(?:pour|secrétaire|secrétariat|service|équipe|accueil|agente?|conseill[eè]re?|chargée?|responsable|assistante?|référente?|direct(?:eur|rice)|gestionnaire|animat(?:eur|rice)|coordinat(?:eur|rice)|présidente?|trésori[eè]re?)(?![\p{L}])|[ \t]*\((?![ \t]*(?:n[ée]e?s?|élève|eleve|CM|CE|CP|GS|MS|PS|TPS)(?![\p{L}]))[ \t]*\p{L})/u;

const PLACE_NAME_RE =
  /(?:\d{5}|\d{2} \d{3})[ \t]+(\p{Lu}[\p{L}'’-]*)|(?:mairie|ville|commune|préfecture|sous-préfecture)[ \t]+(?:de|d['’])[ \t]*(\p{Lu}[\p{L}'’-]*)|^[ \t]*(\p{Lu}[\p{L}'’-]*),[ \t]+le[ \t]+\d/gimu;

/** A surname after a given name, then no other capitalised word nor a role: "Noé VERDIER,", "Théo Chambon l'a signalé". */
const SURNAME_AFTER_RE = /^[ \t\u00A0]+(\p{Lu}[\p{L}'’]+(?:-\p{Lu}[\p{L}'’]+)?)(?=[ \t\u00A0]*(?:[,.;:!?)]|$|[ \t\u00A0]\p{Ll}|[ \t\u00A0]\())/u;
/** The last words before a name name a role: the person is an agent or an official. */
const ROLE_BEFORE_RE =
  /(?<![\p{L}])(?:directr\p{L}*|directeur|principale?|proviseur\p{L}*|professeur\p{L}*|enseignante?|institutr\p{L}*|ma[îi]tresse|conseill\p{L}*|CPE|infirmi\p{L}*|médecin|docteur|assistante?(?:[ \t]+sociale?)?|référente?|coordinat\p{L}*|animat\p{L}*|éducat\p{L}*|responsable|chef(?:fe)?|secrétaire|gestionnaire|chargée?(?:[ \t]+de[ \t]+\p{L}+)?|agente?|maire|adjointe?|présidente?|inspect\p{L}*|juge|greffi\p{L}*|entraîneur|entraineur|coach|tut(?:eur|rice)\s+de\s+stage|intervenante?|psychologue|signataire|délégué\p{L}*|interlocut\p{L}*|contact|gardien[ \t]+de[ \t]+la[ \t]+paix|commissaire|colonel|lieutenant\p{L}*|capitaine|commandant|adjudant\p{L}*|brigadier\p{L}*|major|sergent\p{L}*|gendarme|procureur\p{L}*|régisseu\p{L}*|comptable|avocate?|notaire|d['’]après)(?:[ \t]+\p{Ll}[\p{L}'’-]*){0,4}[ \t]*[,:–-]?[ \t\u00A0]*$/iu;

/**
 * A role set after a name: "Gérard Villeneuve, maire de …", "Mathilde Garnier, chargée des relations presse", "c'est Sophie,
 * l'infirmière du cabinet", "Sophie – infirmière 08:47" (a message's sender), "Loïc Sarda<TAB>infirmier" (a staff sheet).
 */
const ROLE_AFTER_RE =
  /^[ \t]*(?:,|[–—-]|\t)[ \t]*(?:(?:le|la|l['’]|notre|votre)[ \t]*)?(?:maire|adjointe?|présidente?|directr\p{L}*|directeur|chargée?|avocate?|notaire|juriste|secrétaire|trésori\p{L}*|commandant\p{L}*|chef(?:fe)?|responsable|conseill\p{L}*|agente?|service|matricule|médecin|infirmi\p{L}*|assistante?|référente?|coordinat\p{L}*|animat\p{L}*|éducat\p{L}*|gestionnaire|inspect\p{L}*|délégué\p{L}*|déléguée|vice-présidente?|conseillère|élue?|membre|capitaine|lieutenant|commissaire|juge|greffi\p{L}*|procureur\p{L}*|professeur\p{L}*|enseignante?|psychologue|interprète|huissi\p{L}*|commissaire[ \t]+de[ \t]+justice)(?![\p{L}])/iu;

/** A line that lists the service's people: "Agents : Morgane (accueil), Yassine (propreté)". */
const AGENTS_LINE_RE = /^[ \t]*(?:agents?|intervenant(?:e|s|es)?|équipe|contacts?|interlocut\p{L}*|référent(?:e|s|es)?|encadrement|animat\p{L}*)[ \t]*:/iu;

/** A given name of the lexicon, not an ordinary word's: "Louis", "Jean-Baptiste" (a compound as the lexicon writes it). */
function aGivenName(w: string): boolean {
  return givenName(w) === 'F';
}

/**
 * Given names of the lexicon (corpora/lexiques/prenoms.txt) standing alone in the body of a letter: a child, a pupil
 * named by their first name ("votre fils Louis", "Nassim a adoré", "Kylian, Emma D. et Noé"), with an initial after
 * them, or a surname ("Noé VERDIER"). Not a name that is also an ordinary word ("Rose", "Pierre", "France"), not one
 * followed by a capitalised word that is no surname (a place, a body), not after a street's, school's, business's
 * word, an article, a civility or another capitalised word ("rue Louis", "le Louis d'or", "M. Louis", "Collège
 * Louis"), not an agent's; a full name not after or before a role, nor a signatory's under their title.
 */
function givenNamesAlone(layout: Layout): PersonalDataSpan[] {
  const { text, lines } = layout;
  const out: PersonalDataSpan[] = [];
  const staff = new Set<string>();
  let places: Set<string> | undefined;
  // (one scan of the text; the few given names it meets are then looked at in their line)
  CAPITALISED_WORD_RE.lastIndex = 0;
  for (let m = CAPITALISED_WORD_RE.exec(text); m; m = CAPITALISED_WORD_RE.exec(text)) {
    if (!aGivenName(m[0])) continue;
    // the places the letter names: a given name may be a town's ("56120 Josselin", "Mairie de Josselin", "Pau, le 19 mai")
    if (!places) {
      places = new Set<string>();
      for (const p of text.matchAll(PLACE_NAME_RE)) places.add((p[1] ?? p[2] ?? p[3]!).toLowerCase());
    }
    const a = m.index;
    const b = a + m[0].length;
    const li = layout.lineAt(a);
    const l = lines[li]!;
    const zone = layout.zoneAt(l.start);
    if (zone === 'signature' || zone === 'header' || places.has(m[0].toLowerCase()) || layout.agentLabelLine(li) || AGENTS_LINE_RE.test(l.text)) continue;
    const after = text.slice(b, Math.min(l.end, b + 40));
    // ("Sam. 16/10/2027": a day's abbreviation before a date)
    if (NOT_ALONE_AFTER_RE.test(after) || /^\.[ \t]*\d/.test(after)) continue;
    const initial = /^[ \t\u00A0]\p{Lu}\.(?![\p{L}])/u.exec(after);
    // or with a surname: "Noé VERDIER", "la maman de Théo Chambon" (not a third capitalised word: a place, a body)
    const next = initial ? null : SURNAME_AFTER_RE.exec(after);
    const family = next && !givenName(next[1]!) && !hasOrgWord(next[1]!) && !layout.agentSurnames.has(next[1]!.toLowerCase()) ? next : null;
    if (!initial && !family && /^[ \t\u00A0]+\p{Lu}/u.test(after)) continue;
    const before = text.slice(Math.max(l.start, a - 40), a);
    if (NOT_ALONE_BEFORE_RE.test(before) || STREET_BEFORE_RE.test(before) || BUSINESS_BEFORE_RE.test(before)) continue;
    if (layout.agentSurnames.has(m[0].toLowerCase()) || layout.agentLabelBefore(a)) continue;
    // (a full name after a role is an agent's or an official's: "la directrice, Claire Petit", "votre conseillère Ana Sousa")
    if (family && (ROLE_BEFORE_RE.test(before) || ROLE_AFTER_RE.test(after.slice(family[0].length)))) {
      staff.add(text.slice(a, b + family[0].length));
      continue;
    }
    if (!family && !initial && ROLE_AFTER_RE.test(after)) {
      // (and the same given name elsewhere in the letter is the same agent's: "Sophie, je n'ai toujours pas le code")
      staff.add(m[0]);
      continue;
    }
    // (a full name alone on its line under a line, or a word processor's paragraph, that ends with a comma: a signatory,
    // "Pour la CDAPH, la présidente,")
    if (family && text.slice(l.start, a).trim() === '' && text.slice(b + family[0].length, l.end).trim() === '' && /,[ \t]*$/u.test(lines[li - 1]?.blank ? (lines[li - 2]?.text ?? '') : (lines[li - 1]?.text ?? ''))) continue;
    out.push({ start: a, end: b + (initial ? initial[0].length : family ? family[0].length : 0), type: 'NOM' });
  }
  return staff.size ? out.filter((o) => !staff.has(text.slice(o.start, o.end))) : out;
}

/** A line typed in lower case: six words at least, none capitalised but acronyms ("cni", "MC", "ANTS" may stand). */
function lowerCaseLine(s: string): boolean {
  const words = s.match(/\p{L}+/gu);
  return !!words && words.length >= 6 && !words.some((w) => /^\p{Lu}\p{Ll}/u.test(w)) && words.filter((w) => /^\p{Ll}/u.test(w)).length >= 0.8 * words.length;
}

/** Words of a lower-case note that stop a name: articles, pronouns, prepositions, common verbs and nouns of such notes. */
const LOWER_STOP_WORDS = new Set(
  'le la les l de du des d un une et ou a au aux en dans sur sous pour par avec chez sans vers est sont etait était a ont il elle ils elles on qui que qu ne pas se sa son ses leur leurs ce cette ces mon ma mes lui nee née ne né tel tél tel. portable mail adresse dossier rdv pour voir fils fille mari femme mere mère pere père soeur sœur frere frère enfant enfants maman papa voisin voisine agee âgée signale dit demande'.split(' '),
);
/** A role named before or after a person in a note: they are an agent, not the person ("la directrice (mme vigouroux)", "mme poirier, coordinatrice"). */
const LOWER_ROLE_RE = /(?<![\p{L}])(?:(?:directr|directeur|gardien|agent|conseill|coordinat|animat|éducat|educat|enseignant|professeur|maîtresse|maitresse|infirmi|médecin|medecin|secrétaire|secretaire|référent|referent|gestionnaire|assistant|stagiaire)\p{L}*|anim\.|chargée?|contact|cf)(?:[ \t]+\p{Ll}+){0,3}[^\p{L}]*$/iu;

/**
 * Names in a note typed in lower case: after a civility ("mme aminata traore", "m. pelletier": one word, two when one
 * is a given name), and the given names of the lexicon ("lya et noham"; written without accents, "lea"). Not a name
 * whose role is written beside it ("la directrice (mme vigouroux)", "lea (animatrice)", "mme poirier, coordinatrice").
 */
function lowerCaseNames(layout: Layout): PersonalDataSpan[] {
  const { text, lines } = layout;
  const out: PersonalDataSpan[] = [];
  for (const [li, l] of lines.entries()) {
    if (l.blank || layout.agentLabelLine(li) || layout.zoneAt(l.start) === 'signature') continue;
    // (a civility in lower case is enough; a given name alone needs a line typed in lower case)
    const lowerLine = !/\p{Lu}\p{Ll}/u.test(l.text) && lowerCaseLine(l.text);
    if (!lowerLine && !/(?<![\p{L}])(?:mme|mr|m\.|mlle)[ \t]+\p{Ll}/u.test(l.text)) continue;
    const role = (a: number, b: number): boolean =>
      LOWER_ROLE_RE.test(text.slice(Math.max(l.start, a - 25), a)) || /^[ \t]*(?:,[ \t]*|\([ \t]*)(?:directr|direct|gardien|agent|conseill|coordinat|animat|anim\.|éducat|educat|enseignant|prof|infirmi|médecin|medecin|secr|référent|referent|gestionnaire|chargé|charge|assistant|stagiaire)/iu.test(text.slice(b, b + 20));
    WORD_RUN_RE.lastIndex = 0;
    const words: { a: number; b: number; w: string }[] = [];
    for (let m = WORD_RUN_RE.exec(l.text); m; m = WORD_RUN_RE.exec(l.text)) words.push({ a: l.start + m.index, b: l.start + m.index + m[0].length, w: m[0] });
    for (let k = 0; k < words.length; k++) {
      const { a, w } = words[k]!;
      // ("m." after a number is a metre, "3 m. de haut"; "p.m." is an hour)
      const civility = /^(?:mme|mmes|mr|m|mlle|madame|monsieur)$/u.test(w) && (w !== 'm' || (text[words[k]!.b] === '.' && !/(?:\d[ \t]*|\.)$/u.test(text.slice(Math.max(l.start, a - 3), a))));
      if (civility) {
        const n1 = words[k + 1];
        if (!n1 || !/^\p{Ll}{2,}$/u.test(n1.w) || LOWER_STOP_WORDS.has(n1.w) || !/^[ \t.]+$/u.test(text.slice(words[k]!.b, n1.a))) continue;
        let end = n1.b;
        const n2 = words[k + 2];
        if (n2 && /^[ \t]+$/u.test(text.slice(n1.b, n2.a)) && /^\p{Ll}{2,}$/u.test(n2.w) && !LOWER_STOP_WORDS.has(n2.w) && (givenNameUnaccented(n1.w) || givenNameUnaccented(n2.w))) end = n2.b;
        if (!role(a, end)) out.push({ start: n1.a, end, type: 'NOM' });
        k += end === n1.b ? 1 : 2;
        continue;
      }
      if (!lowerLine || givenNameUnaccented(w) !== 'F' || w !== w.toLowerCase() || text[a - 1] === '@' || text[a - 1] === '.' || /^[.@]\p{L}/u.test(text.slice(words[k]!.b, words[k]!.b + 2))) continue;
      if (!role(a, words[k]!.b)) out.push({ start: a, end: words[k]!.b, type: 'NOM' });
    }
  }
  return out;
}
const WORD_RUN_RE = /(?<![\p{L}\p{N}'’-])\p{L}+(?:-\p{L}+)*(?![\p{L}\p{N}'’-])/gu;

function propagate(layout: Layout, found: PersonalDataSpan[], strong: Set<string>): void {
  const { text } = layout;
  const tokens = new Set<string>();
  for (const f of found) {
    for (const w of text.slice(f.start, f.end).split(/\s+/)) {
      const low = w.toLowerCase();
      if (w.length >= 3 && !NOT_NAME_WORDS.has(low) && !TITLE_WORDS.has(low) && (!layout.agentSurnames.has(low) || strong.has(low)) && /^\p{Lu}/u.test(w)) tokens.add(low);
    }
  }
  if (tokens.size === 0) return;
  const surnames = new Set(found.map((f) => surnameOf(text.slice(f.start, f.end))));
  // (an agent's whole name: "Pierre Durand" signs, "Contact : M. Pierre Durand, chef de service" above; the neighbours are
  // M. et Mme Durand)
  const otherFirstName = (a: number): boolean => {
    const w = /(\p{Lu}[\p{L}'’-]+)[ \t\u00A0]+$/u.exec(text.slice(Math.max(0, a - 30), a));
    if (!w || tokens.has(w[1]!.toLowerCase())) return false;
    const last = /^[\p{L}'’-]+/u.exec(text.slice(a))![0];
    const whole = new RegExp(`(?<![\\p{L}])${escapeRe(w[1]!)}[ \\t\\u00A0]+${escapeRe(last)}(?![\\p{L}])`, 'giu');
    return [...text.matchAll(whole)].some((o) => o.index !== a - w[0].length && layout.agentLabelLine(layout.lineAt(o.index)));
  };
  const taken = new SpanMask(text.length, found);
  const covered = (a: number, b: number): boolean => taken.overlaps(a, b);
  const extra: PersonalDataSpan[] = [];
  // occurrences of each token, whole words, in reading order
  const lower = text.toLowerCase();
  // (a few characters change length in lower case: offsets would no longer match)
  if (lower.length !== text.length) return;
  const hits: number[] = [];
  for (const t of tokens)
    for (let i = lower.indexOf(t); i >= 0; i = lower.indexOf(t, i + t.length)) {
      // (an elided article or preposition may come right before: "d'Enzo", "qu'Emma")
      const elided = /['’]/.test(text[i - 1] ?? '') && ELISION_BEFORE_RE.test(text.slice(Math.max(0, i - 9), i));
      if ((WORD_CHAR_RE.test(text[i - 1] ?? ' ') && !elided) || WORD_CHAR_RE.test(text[i + t.length] ?? ' ')) continue;
      hits.push(i, t.length);
    }
  const order = [...Array(hits.length / 2).keys()].sort((x, y) => hits[2 * x]! - hits[2 * y]!);
  for (const k of order) {
    const m = { index: hits[2 * k]!, 0: text.slice(hits[2 * k]!, hits[2 * k]! + hits[2 * k + 1]!) };
    if (!/^\p{Lu}/u.test(m[0])) continue;
    const a = m.index;
    const b = a + m[0].length;
    if (covered(a, b)) continue;
    const li = layout.lineAt(a);
    // (under the signature, a name the person's own evidence gave: the person signs too, "Bon pour accord : S. Hammoudi")
    // (the person's surname, not a first name: "Gilles Arnaud" signs for the service, though Arnaud BERTHELOT is the addressee)
    if (layout.zoneAt(a) === 'signature' && !layout.selfSigned.has(li) && !(strong.has(m[0].toLowerCase()) && surnames.has(m[0].toLowerCase()) && !otherFirstName(a))) continue;
    const line = layout.lines[li]!;
    if (layout.agentLabelBefore(a)) continue;
    if (STREET_BEFORE_RE.test(text.slice(Math.max(line.start, a - 30), a))) continue;
    // a business name: "Plomberie Dupont", "Garage Martin"
    if (BUSINESS_BEFORE_RE.test(text.slice(Math.max(line.start, a - 30), a))) continue;
    // "@" or "." around: part of an e-mail address or a domain
    if (/[@.]/.test(text[b] ?? '') && /\w/.test(text[b + 1] ?? '')) continue;
    if (/[@.]/.test(text[a - 1] ?? '')) continue;
    // next to an agent's name: "Lucas Robert" when the person is Lucas BERTIN
    const next = /^\s+(\p{Lu}[\p{L}'’-]+)/u.exec(text.slice(b, b + 40));
    if (next && layout.agentSurnames.has(next[1]!.toLowerCase())) continue;
    const prev = extra[extra.length - 1];
    // (one name: a space or two apart; "Hélène Vignal        Marc Vignal", signatures side by side, are two)
    if (prev && /^[ \u00A0]{1,2}$/.test(text.slice(prev.end, a))) prev.end = b;
    else {
      // a surname in capitals found again with a first name before it: "… à informer : Pierre-Yves HAMON, fils"
      // ("LE GOFF" found as "GOFF": its particle in capitals before it)
      const particle = /^[\p{Lu}'’-]{2,}$/u.test(m[0]) ? /(?<![\p{L}])(?:LE|LA|DE|DU|DA|DOS|VAN|VON|DEL|DI|EL|AL|BEN|AÏT|AIT)[ \u00A0]$/u.exec(text.slice(Math.max(line.start, a - 6), a)) : null;
      if (particle && !covered(a - particle[0].length, a)) {
        // (right after a first name found: one name, "Salma EL AMRANI")
        if (prev && /^[ \t\u00A0]+$/.test(text.slice(prev.end, a - particle[0].length))) prev.end = b;
        else extra.push({ start: a - particle[0].length, end: b, type: 'NOM' });
        continue;
      }
      const first = /^[\p{Lu}'’-]{2,}$/u.test(m[0]) ? FIRST_NAME_BEFORE_RE.exec(text.slice(Math.max(line.start, a - 40), a)) : null;
      const fw = first?.[1]?.toLowerCase() ?? '';
      const ok = !!first && !NOT_NAME_WORDS.has(fw) && !TITLE_WORDS.has(fw) && !NOUN_ENDING_RE.test(fw) && !/^(?:famille|consorts|indivision|succession|héritiers|madame|monsieur)$/u.test(fw) && !covered(a - first[0].length, a) && !layout.agentSurnames.has(fw);
      // (or initials: "S. Haddad", "A. P. Rodrigues"; "M." alone is a civility)
      const initials = ok ? null : /(?<![\p{L}.])(?!M\.[ \u00A0]?$)(?:\p{Lu}\.[ \u00A0]?){1,3}$/u.exec(text.slice(Math.max(line.start, a - 9), a));
      extra.push({ start: ok ? a - first![0].length : initials && !covered(a - initials[0].length, a) ? a - initials[0].length : a, end: b, type: 'NOM' });
    }
  }
  found.push(...extra);
}
