/**
 * The person's phone numbers and e-mail addresses, told from the service's own contact details
 * (letterhead, footer, "appelez-nous au…", agent's line) by the zone and the words around them.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { EXAMPLE_BEFORE_RE } from './identifiers.js';
import { hasOrgWord, type Layout } from './layout.js';
import { lastMatchEnd, nearestCue, type PersonalDataSpan } from './types.js';

const SEP = '[ \\u00A0\\u202F.\\-]?';
const PHONE_FR_RE = new RegExp(`(?<![\\p{L}\\p{N}+/])(?:(?:\\+|00)[ \\u00A0]?33[ \\u00A0]?(?:\\(0\\)[ \\u00A0]?)?|0)[1-9](?:${SEP}\\d{2}){4}(?![\\p{N}])`, 'gu');
/** A number in a national format other than France's: a 0, then groups of 2 to 4 digits (read with the country's plan). */
const NATIONAL_RE = /(?<![\p{L}\p{N}+/.,-])0\d{1,4}(?:[ \u00A0.-]\d{2,4}){1,4}(?![\p{L}\p{N}]|[.,/-]\d)/gu;
/** Countries whose phone plan a letter's numbers may follow, when the letter names the country (in capitals too, as an address's last line) or one of its cities. */
/** A country's name, also in capitals (an address's last line), then other words that name it (its cities, its adjective). */
const country = (name: string, others = ''): RegExp => new RegExp([name, name.toUpperCase(), ...(others ? [others] : [])].join('|'), 'u');
const FOREIGN_COUNTRIES: readonly [CountryCode, RegExp][] = [
  ['GB', country('Royaume-Uni', 'Angleterre|Écosse|Irlande\\s+du\\s+Nord|Pays\\s+de\\s+Galles|Londres|britannique|United\\s+Kingdom')],
  ['BE', country('Belgique', 'Bruxelles|belge|Liège|Anvers|Charleroi|Namur|Gand')],
  ['CH', country('Suisse', 'Genève|Lausanne|Zurich|Berne|Bâle')],
  ['DE', country('Allemagne', 'allemande?s?|Berlin|Munich|Francfort|Sarrebruck|Stuttgart|Cologne|Hambourg')],
  ['LU', country('Luxembourg')],
  ['IT', country('Italie', 'italienne?s?|Rome|Milan|Turin|Naples')],
  ['ES', country('Espagne', 'espagnole?s?|Madrid|Barcelone|Séville|Valence')],
  ['NL', country('Pays-Bas', 'néerlandaise?s?|Amsterdam|Rotterdam|La\\s+Haye')],
  ['IE', country('Irlande', 'Dublin')],
];
const PHONE_INTL_RE = /(?<![\p{L}\p{N}])(?:\+|00[ \u00A0]?)(?!33)[1-9]\d{0,2}(?:[ \u00A0.-]?\(?\d{1,4}\)?){2,6}(?![\p{L}\p{N}])/gu;

const PHONE_PERSONAL_CUE_RE =
  /(?:(?<![\p{L}])(?:votre|vos|ton|son|sa|leur)\s+(?:(?:nouveau|nouvelle|ancien|ancienne|propres?)\s+)?(?:numéro(?:\s+de)?(?:\s+(?:téléphone|portable|mobile|fixe|domicile))?|téléphone|t[ée]l(?![\p{L}])\.?|portable|mobile|ligne\s+(?:fixe|personnelle)|coordonnées)|vous(?:-mêmes?)?\s+(?:nous\s+)?(?:avez|aviez)\s+(?:\p{L}+\s+)?(?:indiqué|communiqué|donné|laissé|fourni|renseigné|signalé|déclaré|mentionné|transmis)|vous\s+(?:joindre|rejoindre|rappel|appel|contact|recontact|téléphon|préven|prévien|informer|informerons|envoyer|enverr)\p{L}*|vous\s+(?:êtes|étiez|serez|seriez|restez|resterez)\s+joignable|(?:votre|vos|son|sa|ses|leur)\s+(?:fils|filles?|enfants?|mère|père|parents?|époux|épouse|conjointe?|compagne?|compagnon|frère|sœur|soeur|grand-mère|grand-père|voisine?|aidante?|tut(?:eur|rice)|curat(?:eur|rice)|salariée?|propriétaire|locataire)(?![\p{L}])[^.;:\n]{0,50}?(?:joignables?|jointe?s?)\s+au|(?:tél(?:éphone)?\.?|n°)\s*(?:portable|mobile|domicile|personnel|perso|fixe)|(?<![\p{L}])(?:portable|mobile|SMS|texto)(?![\p{L}])|numéro\s+que\s+vous|nouveau\s+numéro|(?:numéro|téléphone|ligne)(?:\s+fixe)?\s+(?:du|de\s+votre|de\s+son|de\s+leur)\s+domicile|ancien\s+numéro|numéro\s+enregistré|personne\s+à\s+(?:contacter|prévenir)|(?:le|au)\s+numéro\s+(?:suivant|indiqué|déclaré)\s+dans\s+votre|coordonnées\s+(?:que\s+vous|suivantes|enregistrées|déclarées|communiquées|indiquées)|(?:coordonnées|numéros?|téléphones?)\s+que\s+(?:M\.|Mme|Madame|Monsieur|votre|vos|son|sa|leur|ce|cette)\s+[^,.;:\n]{1,40}?\s+(?:nous\s+)?(?:a|ont|avait|avaient)\s+(?:\p{L}+\s+)?(?:données?|indiquée?s?|communiquée?s?|fournie?s?|laissée?s?|transmise?s?|déclarée?s?|signalée?s?)(?:[^.:;\n]{0,60}:)?|(?:numéros?|téléphones?|coordonnées)(?:\s+de\s+téléphone)?\s+(?:donnée?s?|indiquée?s?|communiquée?s?|déclarée?s?|fournie?s?)\s+(?:lors\s+de|dans|sur|avec)\s+(?:votre|vos|sa|son|leur)(?:[^.:;\n]{0,60}:)?|vous\s+a\s+(?:enregistrée?|inscrite?)|(?:téléphone|numéro|portable)\s+(?:déclaré|indiqué|communiqué|renseigné|enregistré|saisi|noté)|numéro\s+de\s+notification|(?:enregistrée?s?|ajoutée?s?|inscrite?s?|indiquée?s?|désignée?s?|notée?s?)\s+comme\s+(?:(?:premier|second|deuxième|autre|seul)\s+)?(?:contact|personne\s+à\s+(?:contacter|prévenir))|vous\s+confirm\p{L}*|(?<![\p{L}])(?:la|le|les|l['’])\s*(?:joign|appel|rappel|contact|recontact)\p{L}*\s+au|(?:rappelée?s?|jointe?s?|contactée?s?|prévenue?s?|avertie?s?)(?:\s+(?:par|de|en)\s+[^,.;:\n\d]{1,40}?)?\s+au|être\s+rappelée?s?|(?:de|du)\s+(?:M\.|Mme|Madame|Monsieur)\s+\p{Lu}[\p{L}'’-]+,?\s+(?:le\s+)?)/giu;
/** Right before the number, a call to the reader: "vous appeler au", "vous rappellerons au", "en vous appelant au", "vous a appelée au". */
const CALL_YOU_RE = /(?<![\p{L}])vous\s+(?:(?:a|avons|avait|avions|ont|avaient)\s+)?(?:appel|rappel|joindre|rejoindre|joint|contact|recontact|téléphon)\p{L}*\s+(?:au|sur\s+(?:le|votre))\s*$/iu;
/** A worker of the service or of a firm it sends, then where they can be reached, right before the number. */
const WORKER_REACHED_RE =
  /(?<![\p{L}])(?:technicien(?:ne)?|plombier|électricien(?:ne)?|artisan|entreprise|prestataire|société|agente?|conseill(?:er|ère)|assistante?\s+social[e]?|travailleu(?:r|se)\s+social[e]?|référente?|gardien(?:ne)?|gestionnaire|instruct(?:eur|rice)|médecin|infirmi(?:er|ère)|éducat(?:eur|rice)|expert|contrôleu(?:r|se)|inspect(?:eur|rice)|coordinat(?:eur|rice)|interlocut(?:eur|rice)|astreinte|permanence|secrétariat|accueil|standard)(?![\p{L}])[^.;:\n]{0,60}?(?:peut\s+être\s+jointe?|(?:est|reste|sera|restera)\s+joignable|joignable)\s+au\s*$/iu;
/** Right before the number, a way to reach the service: "nous joindre au". */
const US_CALL_RE = /(?<![\p{L}])nous\s+(?:joindre|appeler|téléphoner|contacter)\s+(?:au|sur\s+le)\s*$/iu;
/** The country calling code of a number as normalised here ("33" for a French one). */
function callingCode(value: string): string {
  return value.startsWith('+') ? (parsePhoneNumberFromString(value)?.countryCallingCode ?? '') : '33';
}
/** Right before the number, the line a call came from or went to: "nous a appelés depuis le …", "aux appels du …", "à nos appels au …". */
const CALLER_CUE_RE = /(?<![\p{L}])(?:depuis\s+(?:le|son|sa|leur|votre)(?:\s+(?:numéro|portable|téléphone|mobile))?|(?:appels?|messages?|SMS)\s+(?:reçue?s?\s+)?(?:du|venant\s+du|depuis\s+le)|(?<![\p{L}])(?:nos|mes)\s+(?:appels|messages|relances|SMS)(?:\s+téléphoniques)?\s+(?:au|sur\s+le))\s*$/iu;
const PHONE_SERVICE_CUE_RE =
  /(?:(?<!vous\s)(?<![\p{L}])appel\p{L}*|contact(?:ez|er)\p{L}*|nous\s+joindre|(?<!vous\s)joindre\s+(?:le|la|les|nos|notre)\s+(?=\p{L})|standard|accueil|plateforme|(?<![\p{L}])services?(?![\p{L}])|numéro\s+(?:vert|gratuit|unique|non\s+surtaxé|d['’]urgence|d['’]appel)|serveur|composez|ligne\s+directe|secrétariat|permanence|informations?|questions?|renseignements?|rendez-vous|conseill\p{L}*|gestionnaire|agence|caisse|mairie|préfecture|tribunal|centre|(?<![\p{L}])(?:notre|nos)(?![\p{L}])|nous\s+(?:appeler|téléphoner)|(?<![\p{L}])assistance|urgence|astreinte|écoute|médiat\p{L}*|(?:du|le)\s+lundi|greffe|télécopie|fax|adil|association|à\s+votre\s+disposition|se\s+tient|je\s+(?:reste|suis)\s+joignable|me\s+(?:joindre|contacter|téléphoner|rappeler)|m['’](?:appeler|écrire|joindre)|mon\s+(?:numéro|portable|téléphone|mobile)|(?:ligne|téléphone|portable|mobile)\s+(?:professionnel(?:le)?|de\s+service|du\s+service))/giu;
const PHONE_SERVICE_AFTER_RE =
  /^[\s,;]*(?:\(|–|-|:)?\s*(?:appel|prix|service|gratuit|non\s+surtaxé|coût|du\s+lundi|de\s+\d{1,2}\s?h|\d{1,2}\s?h|standard|accueil|plateforme|numéro\s+vert|ouvert|joignable\s+du|tous\s+les\s+jours|7\s?j|24\s?h|poste\s+\d|secrétariat|frais\s+de|professionnel|(?:téléphone|ligne|portable)\s+(?:de|du|professionnel)(?![ \t]+\p{Lu})|permanence|le\s+(?:lundi|mardi|mercredi|jeudi|vendredi|samedi))/iu;
// ("au 06 … (Mme) ou au 06 … (M.)": which of a couple the number reaches)
const PHONE_PERSONAL_AFTER_RE = /^\s*(?:[,(–-]\s*(?:les?\s+)?numéros?\s+(?:\p{L}+\s+)?(?:que\s+vous|indiqués?|déclarés?|communiqués?|donnés?|renseignés?|enregistrés?)(?![\p{L}])|\((?:(?:mère|père|domicile|portable|mobile|fixe|perso|personnel|travail|conjointe?|parent|enfant|fils|fille|époux|épouse|M\.|Mme|Mlle|Madame|Monsieur)[),]|(?:M\.|Mme|Madame|Monsieur)\s+\p{Lu}))/iu;
// ("Téléphone en France :", "Portable au Maroc :": where the line is)
const PHONE_FIELD_RE = /(?:^[ \t]*(?:[-–—•·*][ \t]*)?|\s{2,}|\t)(?:tél(?:éphone)?s?\.?|n°\s+de\s+téléphone|portables?|mobiles?|gsm|fixe)(?:\s+(?:portable|mobile|fixe|domicile|personnel|professionnel|\(\p{L}+\)))?(?:\s+(?:en|au|aux|à\s+l['’])\s*\p{L}[\p{L}-]*)?\s*:\s*$/iu;

const WEBMAIL_RE =
  /(?:^|\.)(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|orange|wanadoo|free|sfr|neuf|laposte|bbox|numericable|icloud|me|mac|aol|protonmail|proton|posteo|mailbox|mailo|disroot|tutamail|gmx|mail|email|e-mail|courriel|tutanota|yandex|zoho|web|ukr|t-online|libero|virgilio|sapo|terra|wp|seznam|rambler|rediffmail|qq|163|126|naver|club-internet|aliceadsl|voila|libertysurf|skynet|bluewin|caramail|noos|cegetel|9online|messagerie|perso|famille|maison|poste)(?:[.-]|$)/i;
const SERVICE_DOMAIN_RE =
  /(?:gouv\.fr|\.gouv\b|caf\.fr|ameli\.fr|assurance-maladie|urssaf|msa\.fr|francetravail|pole-emploi|impots|dgfip|finances|mairie|ville-|agglo|metropole|departement|region|univ|ac-[a-z-]+\.fr|chu|ch-|hopital|hospitalier|prefecture|justice|interieur|education|crous|cnaf|carsat|retraite|ants|service-public|anah|caf-|cpam|collectivite|cd\d{2}|conseil|tribunal|ccas|habitat|hlm|logement|office|agence|sante|ars\b)/i;
const ROLE_LOCAL_RE =
  /^(?:contact|contacts|accueil|info|infos|information|dpo|dpd|rgpd|cil|cnil|donnees|informatique-libertes|delegue|protection|service|services|secretariat|secretariat-\w+|courrier|courriers|noreply|no-reply|ne-pas-repondre|nepasrepondre|ne_pas_repondre|admin|administration|direction|support|mairie|standard|donnees-personnelles|protection-donnees|recrutement|communication|relations?|usagers?|reclamations?|mediateur|mediation|scolarite|inscriptions?|admissions?|etat-?civil|urbanisme|social|aides?|prestations?|dossiers?|gestion|comptabilite|facturation|recouvrement|paie|rh|drh|webmaster|postmaster|hotline|assistance|bureau|cabinet|agence|guichet|permanence)(?:[._-]|$)/i;

/** A word of a service's name anywhere in the local part ("urbanisme.saint-aubin", "conciliateur-fiscal", "mairie.verdales"). */
const ROLE_TOKEN_RE =
  /(?:^|[._-])(?:avocats?|notaires?|huissiers?|etude|selarl|mairie|commune|ville|ccas|cias|prefecture|pref|sous-prefecture|ddt|ddtm|ddets|dreets|drac|sra|dpt|departement|region|conseil|tribunal|greffe|conciliateur|mediateur|urbanisme|etat-?civil|scolarite|secretariat|accueil|contact|service|services|direction|agence|caisse|centre|pole|bureau|cabinet|association|asso|club|ecole|college|lycee|universite|univ|mdph|caf|cpam|urssaf|msa|carsat|cnav|anah|ofii|spip|siao|ehpad|crous|regie|syndic|gendarmerie|police|sdis|trésor|tresor|impots|sip|sie|dgfip|drfip|ddfip|elections|voirie|environnement|social|solidarite|logement|habitat|emploi|formation|culture|sport|jeunesse|enfance|famille|sante|handicap|autonomie|retraite|prestations|recouvrement|facturation|comptabilite|rh|dpo|dpd|rgpd|noreply|no-reply|ne-pas-repondre|info|infos|courrier|standard)(?:[._-]|\d*$)/i;

/** A family's own address at a webmail: "famille.chevalier51@…", "fam-durand@…", "martin.dubois.famille@…". */
const FAMILY_LOCAL_RE = /^fam(?:ille)?[._-]?[a-z]{3,}|[a-z]{3,}[._-]fam(?:ille)?\d*$/;

/** An address given as an example: a placeholder's local part ("prenom.nom", "nom_prenom", "xxx"). */
const PLACEHOLDER_EMAIL_RE = /^(?:pr[eé]nom|nom|votre[._-]?(?:nom|adresse|pr[eé]nom)|x{2,}|identifiant|utilisateur)(?:[._-](?:pr[eé]nom|nom|x+))?@/i;
const EMAIL_RE = /(?<![\p{L}\p{N}._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,5}\.[A-Za-z]{2,12}(?![\p{L}\p{N}])/gu;
const WEBSITE_RE = /\b(?:https?:\/\/)?www\.([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi;

const EMAIL_PERSONAL_CUE_RE =
  /(?:\b(?:votre|vos|son|sa|leur)\s+(?:(?:nouvelle|ancienne)\s+)?(?:adresse\s+(?:électronique|e-?mail|mail|courriel|de\s+messagerie|personnelle|professionnelle)|courriel|e-?mail|mail|messagerie\s+personnelle)|vous\s+(?:nous\s+)?(?:avez|aviez)\s+(?:\w+\s+)?(?:indiqué|communiqué|donné|fourni|renseigné|écrit|envoyé|adressé)|depuis\s+(?:votre|l['’]adresse)|vous\s+(?:écrire|écrirons|répondre|répondrons|contacter|contacterons|informer|informerons|envoyer|enverrons|enverra|adresserons|adressera|transmettrons)|(?:courriel|e-?mail|mail)\s+(?:personnel|perso)|adresse\s+(?:électronique|e-?mail|mail)\s+(?:suivante|que\s+vous))/gi;
const EMAIL_SERVICE_CUE_RE =
  /(?:écri(?:vez|re)|contact\w*|adressez|envoyez|nous\s+(?:adresser|envoyer|transmettre|faire\s+parvenir|retourner|signaler|informer)|par\s+(?:courrier\s+électronique|courriel|mail|e-mail)\s+(?:à|au)|transmettez|retournez|nous\s+(?:écrire|joindre)|(?<![\p{L}])à\s+l['’]adresse\s+(?:suivante|ci-dessous|de\s+(?:notre|nos|la|l['’]|du))|notre\s+(?:adresse|service|messagerie)|\bservices?\b|délégué|dpo|protection\s+des\s+données|accueil|plateforme|secrétariat|conseill\w*|gestionnaire|agence|caisse|mairie|préfecture|questions?|réclamations?|renseignements?)/giu;
/** A copy's line: "Copie à :", "Copie par courriel :", "Cc :". */
const COPY_LINE_RE = /^\s*(?:copie(?:\s+(?:à|pour|par\s+(?:courriel|e-?mail|mail)))?|cc)\s*:\s*$/iu;
/** A line below the signature that sends the letter or a copy on ("Notifié au demandeur par courriel à …", "Copie : Mme X (…"). */
const NOTICE_LINE_RE = /^\s*(?:copies?|cc|ampliation|notifiée?s?|transmise?s?|adressée?s?|envoyée?s?)(?![\p{L}])[^\n]{0,120}$/iu;
const EMAIL_FIELD_RE = /(?:^|\s{2,}|\t)(?:courriel|e-?mail|mail|adresse\s+(?:électronique|e-?mail|mail|courriel|de\s+messagerie))(?:\s+(?:personnel|perso))?\s*:\s*$/i;

export function normalisePhone(s: string): string {
  let d = s.replace(/\D/g, '');
  if (d.startsWith('0033')) d = d.slice(4);
  else if (d.startsWith('33') && /^\s*(?:\+|00)/.test(s)) d = d.slice(2);
  if (d.startsWith('0')) d = d.slice(1);
  return d;
}

interface Contact {
  start: number;
  end: number;
  line: number;
  value: string;
}

/** The contact at `at` is the service's: letterhead, footer, agent's line, service block. */
function serviceLine(layout: Layout, at: number, before: string): boolean {
  const z = layout.zoneAt(at);
  if (z === 'person') return false;
  const li = layout.lineAt(at);
  const l = layout.lines[li]!;
  const lineBefore = layout.text.slice(l.start, at);
  if (layout.agentLabelBefore(at)) return true;
  // a line of a block that names the agent ("Affaire suivie par : Mme X" / "Tél. : …"), not the reader's
  if (layout.agentBlock(l.block) && !/(?<![\p{L}])(?:votre|vos|vous)(?![\p{L}])/iu.test(lineBefore)) return true;
  if (z === 'header' || z === 'signature') return !/(?<![\p{L}])(?:votre|vos)(?![\p{L}])/iu.test(before) && !PERSONAL_LINE_LABEL_RE.test(lineBefore);
  return layout.serviceLine(l.index) && !/\b(?:votre|vos)\b/i.test(before);
}

/** A line label that announces the person's contact even in the header ("Téléphone (domicile) :"). */
const PERSONAL_LINE_LABEL_RE = /(?:domicile|portable\s+personnel|personnel|perso|\(mère\)|\(père\)|déclaré|indiqué|communiqué|renseigné|enregistré|de\s+notification)\s*:\s*$/i;

function nameNear(names: PersonalDataSpan[], pos: number, lineStart: number): number {
  let best = -1;
  for (const n of names) if (n.end <= pos && n.end >= Math.max(lineStart, pos - 60)) best = Math.max(best, n.end);
  return best;
}

export function findPhones(layout: Layout, names: PersonalDataSpan[], addresses: readonly PersonalDataSpan[] = []): PersonalDataSpan[] {
  const { text, lines } = layout;
  const found: Contact[] = [];
  PHONE_FR_RE.lastIndex = 0;
  for (let m = PHONE_FR_RE.exec(text); m; m = PHONE_FR_RE.exec(text)) found.push({ start: m.index, end: m.index + m[0].length, line: layout.lineAt(m.index), value: normalisePhone(m[0]) });
  if (/(?:\+|00)(?!33)[1-9]/.test(text)) {
    PHONE_INTL_RE.lastIndex = 0;
    for (let m = PHONE_INTL_RE.exec(text); m; m = PHONE_INTL_RE.exec(text)) {
      const raw = m[0].replace(/^00/, '+');
      const p = parsePhoneNumberFromString(raw);
      // (a number of a range kept for fiction or tests, "+44 7700 900 418", is still a number: possible, not valid)
      if (p && (p.isValid() || (p.isPossible() && p.countryCallingCode !== '33'))) found.push({ start: m.index, end: m.index + m[0].length, line: layout.lineAt(m.index), value: p.number });
    }
  }
  // "01273 604 519", "02 215 43 07": a number in the national format of a country the letter speaks of
  const foreign = new Set<Contact>();
  // (the countries the letter names are looked for only when such a number stands in it)
  let countries: CountryCode[] | undefined;
  NATIONAL_RE.lastIndex = 0;
  for (let m = NATIONAL_RE.exec(text); m; m = NATIONAL_RE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (found.some((f) => f.start < end && start < f.end)) continue;
    countries ??= FOREIGN_COUNTRIES.filter(([, re]) => re.test(text)).map(([c]) => c);
    for (const c of countries) {
      const p = parsePhoneNumberFromString(m[0], c);
      if (p && p.isValid()) {
        const f = { start, end, line: layout.lineAt(start), value: p.number };
        found.push(f);
        foreign.add(f);
        break;
      }
    }
  }
  if (found.length === 0) return [];
  // in reading order ("… au +32 … et au 02 …": a number chained to the one before it)
  found.sort((a, b) => a.start - b.start);
  // the service's numbers: letterhead, footer, agent lines, service blocks
  const serviceNumbers = new Set<string>();
  const isMobile = (f: Contact): boolean => /^[67]/.test(f.value) || (f.value.startsWith('+') && !f.value.startsWith('+33'));
  // a mobile number in a block of the body that reads like the service's (a log of messages sent, with
  // times): the service's only when its agent or its own words give it
  const loggedMobile = (f: Contact): boolean => {
    const l = lines[f.line]!;
    return isMobile(f) && layout.zoneAt(f.start) === 'body' && !layout.agentLabelBefore(f.start) && !layout.agentBlock(l.block) && !PHONE_SERVICE_CUE_RE.test(text.slice(Math.max(l.start, f.start - 30), f.start));
  };
  for (const f of found) {
    const before = text.slice(lines[f.line]!.start, f.start);
    if (serviceLine(layout, f.start, before) && !loggedMobile(f)) serviceNumbers.add(f.value);
  }
  const serviceCodes = new Set([...serviceNumbers].map(callingCode));
  const out: PersonalDataSpan[] = [];
  const personWords = new Set<string>();
  for (const n of names) for (const w of text.slice(n.start, n.end).split(/\s+/)) personWords.add(w.toLowerCase());
  let lastPersonal = -1000;
  for (const f of found) {
    const line = lines[f.line]!;
    const zone = layout.zoneAt(f.start);
    const from = Math.max(line.start, f.start - 110);
    const before = text.slice(from, f.start);
    const after = text.slice(f.end, Math.min(line.end, f.end + 40));
    const push = (): void => {
      out.push({ start: f.start, end: f.end, type: 'TELEPHONE' });
      lastPersonal = f.end;
    };
    // ("format : 06 00 00 00 00 ou +33 6 00 00 00 00": an example of the form, no one's number)
    if (/^\+?\d?[1-9]0{8}$/.test(f.value.replace(/^\+33/, '')) || EXAMPLE_BEFORE_RE.test(text.slice(line.start, f.start))) continue;
    if (zone === 'person') {
      push();
      continue;
    }
    // "06 14 27 93 58 (mère) – 06 84 55 02 31 (père)": a number right after the person's number
    // ("06 … ou à son travail, au 02 …": another line of the same person's)
    const chained =
      f.start - lastPersonal < 35 &&
      /^[ \t]*(?:\([^)\n]{0,15}\))?[ \t]*(?:[,;–/-]|et|ou)?[ \t]*(?:(?:à|au|sur)[ \t]+(?:son|sa|leur|votre|mon)[ \t]+[\p{L}-]+[ \t]*,?[ \t]*(?:au|le)?[ \t]*|(?:au|le)[ \t]+)?$/u.test(text.slice(lastPersonal, f.start));
    // ("… (Mme Carine Dufour, gestionnaire)": an agent named after the number gives their own line)
    // (not the person's own name: "Contact : 06 … (M. Bertrand)" to Mme BERTRAND)
    const agentAfter = /^\s*\((?:M\.|Mme|Madame|Monsieur)\s/u.test(after) && (/^[^)]*/u.exec(after)![0].match(/\p{Lu}[\p{L}'’-]+/gu) ?? []).some((w) => layout.agentSurnames.has(w.toLowerCase()) && !personWords.has(w.toLowerCase()));
    if ((PHONE_PERSONAL_AFTER_RE.test(after) && !agentAfter) || chained) {
      push();
      continue;
    }
    // "Votre sœur, domiciliée 11, chemin des Vignes, 01750 Replonges (04 85 …)": right after a person's address
    if (addresses.some((a) => a.end <= f.start && a.end >= line.start && /^[ \t]*[(,–-]?[ \t]*(?:tél(?:éphone)?\.?[ \t]*:?[ \t]*)?$/iu.test(text.slice(a.end, f.start))) && !layout.agentLabelBefore(f.start)) {
      push();
      continue;
    }
    // "Adresse : 8, rue de Lyon, 29200 Brest" / "Téléphone : 07 …": a phone field (or a number alone) on the line
    // under a person's address, other contact fields apart (each line may be a paragraph of its own)
    if ((PHONE_FIELD_RE.test(text.slice(line.start, f.start)) || /^\s*$/.test(text.slice(line.start, f.start))) && underPersonAddress(layout, f.line, addresses) && !layout.agentLabelBefore(f.start)) {
      push();
      continue;
    }
    if (layout.personFormBlocks.has(line.block) && PHONE_FIELD_RE.test(text.slice(line.start, f.start))) {
      push();
      continue;
    }
    // "Mère : Mme Sarah MARTIN – 06 24 68 13 57": right after the person's name on a line that is no agent's
    const nameOnLine = nameNear(names, f.start, line.start);
    if (nameOnLine >= 0 && f.start - nameOnLine < 12 && /^[\s,;:–\-()]*$/u.test(text.slice(nameOnLine, f.start)) && !layout.agentLabelBefore(f.start)) {
      push();
      continue;
    }
    // the line a call came from (even in a block of the service's words: "Appel reçu au 18 depuis le …"),
    // the person's own words quoted in a reply: "vous pouvez me joindre au …, ou ma mère au …"
    if ((CALLER_CUE_RE.test(before) && !layout.agentLabelBefore(f.start)) || (layout.personVoice(f.start) && FIRST_PERSON_PHONE_RE.test(before))) {
      push();
      continue;
    }
    // "Un rédacteur pourra vous appeler au …", "nous vous rappellerons au …": the number someone calls the reader
    // on is the reader's, even on a line that names the agent who calls
    if (zone === 'body' && CALL_YOU_RE.test(before)) {
      push();
      continue;
    }
    if (serviceLine(layout, f.start, text.slice(line.start, f.start)) && !loggedMobile(f)) continue;
    if (serviceNumbers.has(f.value)) continue;
    // "il peut nous joindre au +39 …" in a letter whose service has no number in that country: not ours
    if (f.value.startsWith('+') && US_CALL_RE.test(before) && !serviceCodes.has(callingCode(f.value))) {
      push();
      continue;
    }
    // "02 35 07 19 46" next to the letterhead's "02 35 07 19 40": another line of the service's exchange
    if (!isMobile(f) && f.value.length >= 9 && [...serviceNumbers].some((n) => n.length === f.value.length && n.slice(0, -2) === f.value.slice(0, -2))) continue;
    // a number alone on its line under "Coordonnées que vous nous avez communiquées :"
    if (/^\s*$/.test(text.slice(line.start, f.start)) && personalHeadingAbove(layout, f.line)) {
      push();
      continue;
    }
    // "le technicien d'astreinte peut être joint au 06 …", "Votre assistante sociale est joignable au …": a worker's line
    // (a civility's point ends no sentence: "…, M. Alain Roche, est joignable au")
    if (WORKER_REACHED_RE.test(before.replace(/(?<![\p{L}])(M|Mme|Mlle|Dr|Me)\./gu, '$1'))) continue;
    const cue = nearestCue(before, PHONE_PERSONAL_CUE_RE, PHONE_SERVICE_CUE_RE);
    const nameEnd = nameNear(names, f.start, line.start) - from;
    const agentEnd = agentNear(layout, before);
    const serviceEnd = Math.max(cue.serviceEnd, agentEnd);
    const personalEnd = Math.max(cue.personalEnd, nameEnd);
    if (/^8|^9(?:69|70|71|72|73|74|75|76|77|78|79)/.test(f.value) && cue.personalEnd < 0) continue;
    // a mobile or foreign number is a person's unless the service or one of its agents gives it
    // (not one in a foreign national format: only a cue makes it the person's)
    const mobile = !foreign.has(f) && (/^[67]/.test(f.value) || (f.value.startsWith('+') && !f.value.startsWith('+33')));
    const serviceRight = cue.serviceEnd >= 0 && (SERVICE_SELF_RE.test(before) || cue.serviceEnd >= before.length - 12);
    // "Section consulaire de Lisbonne : +351 …": a body's name as the line's label
    // (a label: what comes before a colon or a dash, not a whole sentence)
    const lineHead = text.slice(line.start, f.start);
    // (not a phone's own label that names a place: "Téléphone en France :")
    // (not a sentence that speaks of the reader or of the service: "Nous avons transmis vos coordonnées au département :")
    const label = /[:–]/.test(lineHead) ? (lineHead.split(/[:–]/)[0] ?? '').split(/[.!?]\s/).pop()! : '';
    const orgLabel = label !== '' && !PHONE_FIELD_RE.test(lineHead) && hasOrgWord(label) && !/(?<![\p{L}])(?:nous|vous|votre|vos|je|que|qui)(?![\p{L}])/iu.test(label);
    if (mobile && agentEnd < 0 && (!serviceRight || (cue.personalEnd >= 0 && cue.personalEnd >= cue.serviceEnd - 40)) && !PHONE_SERVICE_AFTER_RE.test(after) && !orgLabel) {
      push();
      continue;
    }
    if (personalEnd >= 0 && personalEnd >= serviceEnd) {
      if (PHONE_SERVICE_AFTER_RE.test(after) && cue.personalEnd < 0) continue;
      push();
      continue;
    }
    if (serviceEnd >= 0) continue;
    if (PHONE_SERVICE_AFTER_RE.test(after)) continue;
    // no cue: a form field ("Téléphone : …") outside a service block, or a mobile number
    // (not a field of a body's contact block whose lines a word processor set apart: "Mairie de X – Service Population" /
    // "Place …, 69100 …" / "Tél. : …")
    if (serviceParagraphsAbove(layout, f.line)) continue;
    if (!orgLabel && !foreign.has(f) && (PHONE_FIELD_RE.test(text.slice(line.start, f.start)) || /^[67]/.test(f.value) || f.value.startsWith('+'))) push();
  }
  return out;
}

/** One of the two lines with text above, blank lines apart, names a body (a short line with no field, not speaking to the reader). */
function serviceParagraphsAbove(layout: Layout, li: number): boolean {
  if (li < 1 || !layout.lines[li - 1]!.blank) return false;
  for (let k = li - 1, seen = 0; k >= 0 && seen < 2; k--) {
    const l = layout.lines[k]!;
    if (l.blank) continue;
    seen++;
    // (a heading line or a name of a body, no field of a list: "– compte de versement : … (banque allemande) ;")
    if (l.text.length < 90 && !/[:;]/.test(l.text) && hasOrgWord(l.text) && !/(?<![\p{L}])(?:vous|votre|vos)(?![\p{L}])/iu.test(l.text) && !/[.!?]\s*$/.test(l.text)) return true;
  }
  return false;
}

/** A contact field's label at the start of a line: "Courriel :", "Portable :". */
const CONTACT_FIELD_LINE_RE = /^\s*(?:courriel|e-?mail|mail|adresse\s+électronique|tél(?:éphone)?\.?|portable|mobile|fixe|fax)(?:\s+[\p{L}()]+)?\s*:/iu;
/** The nearest line above with text, blank lines and other contact fields apart, ends a person's address. */
function underPersonAddress(layout: Layout, li: number, addresses: readonly PersonalDataSpan[]): boolean {
  if (addresses.length === 0) return false;
  // (an address above the first person's block stands in the letterhead: the service's, even when it is also the person's)
  const firstPerson = layout.persons[0]?.range.start ?? 0;
  for (let k = li - 1, seen = 0; k >= 0 && seen < 3; k--) {
    const l = layout.lines[k]!;
    if (l.blank) continue;
    seen++;
    // (not the right column of a letterhead, beside the service's own text)
    if (addresses.some((a) => a.end > l.start && a.end <= l.end && a.start >= firstPerson && !/\S[ \t]{3,}/.test(layout.text.slice(l.start, Math.max(l.start, a.start))))) return true;
    if (!CONTACT_FIELD_LINE_RE.test(l.text)) return false;
  }
  return false;
}

/** A heading line above, in the same block, that announces the person's details ("Vos coordonnées :"). */
const PERSONAL_HEADING_RE =
  /(?:(?:adresse|coordonnées|numéro|téléphone)s?\s+que\s+vous\s+(?:nous\s+)?(?:avez|aviez)\s+(?:\p{L}+\s+)?(?:indiqué|communiqué|déclaré|donné|renseigné)\p{L}*|(?:votre|vos)\s+(?:coordonnées|adresse|téléphone|numéro))[^\n:]{0,60}:\s*$/iu;
function personalHeadingAbove(layout: Layout, li: number): boolean {
  const l = layout.lines[li]!;
  for (let k = li - 1; k >= 0 && k >= li - 5; k--) {
    const p = layout.lines[k]!;
    if (p.blank || p.block !== l.block) return false;
    if (/:\s*$/.test(p.text)) return PERSONAL_HEADING_RE.test(p.text);
  }
  return false;
}

/** In the person's own words, their line or a relative's: "me joindre au", "mon portable :", "ma mère au". */
const FIRST_PERSON_PHONE_RE =
  /(?:(?:me|m['’])\s*(?:joindre|contacter|appeler|rappeler|téléphoner)|je\s+(?:suis|reste|serai)\s+joignable(?:\s+\p{L}+){0,3}\s+(?:au|sur\s+le)|(?:mon|ma|mes)\s+(?:numéro|portable|téléphone|mobile|fixe|\p{L}+(?:\s+\p{L}+)?))[^.\n\d]{0,15}$/iu;

/** The sender speaks of their own line: "je reste joignable au", "mon portable". */
const SERVICE_SELF_RE = /(?:je\s+(?:reste|suis)\s+joignable|me\s+(?:joindre|contacter|téléphoner|rappeler)|m['’](?:appeler|écrire|joindre)|mon\s+(?:numéro|portable|téléphone|mobile)|nous\s+joindre|joindre\s+(?:le|la|nos|notre)\s+(?:service|standard|accueil|permanence|secrétariat))[^.\n]{0,40}$/iu;

/** End (in `before`) of the last agent surname mentioned there, or -1. */
function agentNear(layout: Layout, before: string): number {
  if (layout.agentSurnames.size === 0) return -1;
  let end = -1;
  const re = /\p{Lu}[\p{L}'’-]+/gu;
  for (let m = re.exec(before); m; m = re.exec(before)) if (layout.agentSurnames.has(m[0].toLowerCase())) end = m.index + m[0].length;
  return end;
}

/** Lower case without accents. */
function fold(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
}

function domainOf(email: string): string {
  return email.slice(email.indexOf('@') + 1).toLowerCase();
}

/** The registrable part of a domain: "sip.valmont@dgfip-exemple.fr" → "dgfip-exemple.fr". */
function baseDomain(d: string): string {
  const parts = d.split('.');
  return parts.slice(-2).join('.');
}

export function findEmails(layout: Layout, names: PersonalDataSpan[], addresses: readonly PersonalDataSpan[] = []): PersonalDataSpan[] {
  const { text, lines } = layout;
  if (!text.includes('@')) return [];
  const found: Contact[] = [];
  // only the lines that hold an "@"
  for (const l of lines) {
    if (l.blank || !l.text.includes('@')) continue;
    EMAIL_RE.lastIndex = 0;
    for (let m = EMAIL_RE.exec(l.text); m; m = EMAIL_RE.exec(l.text)) found.push({ start: l.start + m.index, end: l.start + m.index + m[0].length, line: l.index, value: m[0] });
  }
  if (found.length === 0) return [];
  const serviceDomains = new Set<string>();
  WEBSITE_RE.lastIndex = 0;
  for (let m = WEBSITE_RE.exec(text); m; m = WEBSITE_RE.exec(text)) serviceDomains.add(baseDomain(m[1]!.toLowerCase()));
  for (const f of found) {
    const before = text.slice(lines[f.line]!.start, f.start);
    if (serviceLine(layout, f.start, before) && !WEBMAIL_RE.test(domainOf(f.value))) serviceDomains.add(baseDomain(domainOf(f.value)));
  }
  const personTokens = new Set<string>();
  for (const n of names) for (const w of fold(text.slice(n.start, n.end)).split(/[^a-z]+/)) if (w.length >= 3) personTokens.add(w);
  const agentTokens = new Set([...layout.agentSurnames].map(fold));
  const out: PersonalDataSpan[] = [];
  for (const f of found) {
    // a form's or a template's example ("prenom.nom@exemple.fr", "xxx@…"): nobody's address
    if (PLACEHOLDER_EMAIL_RE.test(f.value)) continue;
    const line = lines[f.line]!;
    const zone = layout.zoneAt(f.start);
    const domain = domainOf(f.value);
    const local = f.value.slice(0, f.value.indexOf('@')).toLowerCase();
    const webmail = WEBMAIL_RE.test(domain.replace(/\.[a-z]+$/, '')) && !SERVICE_DOMAIN_RE.test(domain);
    const lineBefore = text.slice(line.start, f.start);
    if (zone === 'person') {
      out.push({ start: f.start, end: f.end, type: 'EMAIL' });
      continue;
    }
    const before = text.slice(Math.max(line.start, f.start - 110), f.start);
    const cue = nearestCue(before, EMAIL_PERSONAL_CUE_RE, EMAIL_SERVICE_CUE_RE);
    const nameEnd = nameNear(names, f.start, line.start) - Math.max(line.start, f.start - 110);
    const recipientLine = /^\s*(?:à|a|destinataires?|pour|to)\s*:\s*(?:[^<\n]{0,60}<)?\s*$/iu.test(lineBefore) && !(layout.zoneAt(f.start) === 'signature');
    if (recipientLine && !ROLE_LOCAL_RE.test(local) && !ROLE_TOKEN_RE.test(local) && !SERVICE_DOMAIN_RE.test(domain)) {
      out.push({ start: f.start, end: f.end, type: 'EMAIL' });
      continue;
    }
    // (or a field on the line under a person's address, other contact fields apart: a word processor's paragraphs)
    if ((layout.personFormBlocks.has(line.block) || (underPersonAddress(layout, f.line, addresses) && !layout.agentLabelBefore(f.start))) && EMAIL_FIELD_RE.test(lineBefore) && !ROLE_LOCAL_RE.test(local)) {
      out.push({ start: f.start, end: f.end, type: 'EMAIL' });
      continue;
    }
    if (webmail) {
      // a town hall or an association may use a webmail: its address in the letterhead or with its name
      // (or a message's sender at a webmail: "De : Mireille X <…@hotmail.fr>" writing to a service)
      const toLine = /^\s*(?:à|a|destinataires?|pour|to|cc|copie|de|from|expéditeur)\s*:/iu.test(lineBefore) || nameNear(names, f.start, line.start) >= 0;
      // (a copy sent to a webmail below the signature goes to a private person: "Copie par courriel : …")
      if ((zone === 'signature' && !COPY_LINE_RE.test(lineBefore) && !NOTICE_LINE_RE.test(lineBefore)) || layout.agentLabelBefore(f.start) || (ROLE_TOKEN_RE.test(local) && !FAMILY_LOCAL_RE.test(local)) || (zone === 'header' && line.block === 0 && !toLine)) continue;
      out.push({ start: f.start, end: f.end, type: 'EMAIL' });
      continue;
    }
    if (serviceLine(layout, f.start, lineBefore)) continue;
    // the person's own address at a service domain ("romain.fabre@intradef.gouv.fr" for Romain FABRE)
    const parts = fold(local).split(/[._\-\d]+/).filter((p) => p.length >= 3);
    if (parts.some((p) => personTokens.has(p)) && !parts.some((p) => agentTokens.has(p))) {
      out.push({ start: f.start, end: f.end, type: 'EMAIL' });
      continue;
    }
    // a name run into the local part ("annemorel@…" for Anne MOREL), at a domain that is no service's
    const joined = fold(local).replace(/[^a-z]+/g, '');
    if (!SERVICE_DOMAIN_RE.test(domain) && !serviceDomains.has(baseDomain(domain)) && !ROLE_TOKEN_RE.test(local) && [...personTokens].some((p) => p.length >= 5 && joined.includes(p)) && ![...agentTokens].some((a) => a.length >= 4 && joined.includes(a))) {
      out.push({ start: f.start, end: f.end, type: 'EMAIL' });
      continue;
    }
    const knownService = serviceDomains.has(baseDomain(domain)) || SERVICE_DOMAIN_RE.test(domain);
    // "votre adresse professionnelle : contact@plomberie-dupont.fr": the person's, even with a role name
    if (!knownService && cue.kind === 'personal' && cue.personalEnd >= before.length - 40) {
      out.push({ start: f.start, end: f.end, type: 'EMAIL' });
      continue;
    }
    if (knownService || ROLE_LOCAL_RE.test(local) || ROLE_TOKEN_RE.test(local)) {
      // a service domain: personal only with a clear "votre adresse" cue right before
      if (cue.kind === 'personal' && cue.personalEnd >= before.length - 40 && !ROLE_LOCAL_RE.test(local) && !SERVICE_DOMAIN_RE.test(domain)) out.push({ start: f.start, end: f.end, type: 'EMAIL' });
      continue;
    }
    if (cue.kind === 'personal' || (nameEnd >= 0 && nameEnd >= cue.serviceEnd)) {
      out.push({ start: f.start, end: f.end, type: 'EMAIL' });
      continue;
    }
    if (cue.kind === 'service' && lastMatchEnd(before, EMAIL_SERVICE_CUE_RE) >= before.length - 60) continue;
    if (EMAIL_FIELD_RE.test(lineBefore) || /[a-z]{2,}[._-][a-z]{2,}/.test(local) || /[a-z]{3,}\d{1,4}$/.test(local)) out.push({ start: f.start, end: f.end, type: 'EMAIL' });
  }
  // the same address elsewhere in the letter (a reply quoting the person's message: "De : …") is theirs too
  const personal = new Set(out.map((o) => text.slice(o.start, o.end).toLowerCase()));
  for (const f of found) if (personal.has(f.value.toLowerCase()) && !out.some((o) => o.start === f.start)) out.push({ start: f.start, end: f.end, type: 'EMAIL' });
  return out;
}
