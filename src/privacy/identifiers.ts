/**
 * Numbers that identify the person: NIR (social security number, key checked), IBAN (mod 97), the
 * identifiers of their file (numéro d'allocataire, numéro fiscal, n° de dossier…) and dates of birth.
 */
import { ValidationErrorsIBAN, validateIBAN } from 'ibantools';
import { parseFrenchNumber } from '../analysis/french-numbers.js';
import type { Layout } from './layout.js';
import { SpanMask, escapeRe, nearestCue, type PersonalDataSpan } from './types.js';

const NIR_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])([1-478](?:[ \\u00A0\\u202F.\\-]?[0-9ABab]){12})(?:(?:[ \\u00A0\\u202F]*[-–/][ \\u00A0\\u202F]*(?:(?:clé|cle|Clé|CLÉ)[ \\u00A0\\u202F]*:?[ \\u00A0\\u202F]*)?|[ \\u00A0\\u202F]+(?:clé|cle|Clé|CLÉ)[ \\u00A0\\u202F]*:?[ \\u00A0\\u202F]*|[ \\u00A0\\u202F]{2,}|[ \\u00A0\\u202F.])?(\\d{2}))?(?![\\p{L}\\p{N}])`,
  'gu',
);
const NIR_LABEL_RE =
  /(?:s[ée]curit[ée]\s+sociale|\bNIR\b|\bn[°º]\s*(?:de\s+)?S\.?S\.?(?![\p{L}])|num[ée]ro\s+(?:de\s+)?S\.?S\.?(?![\p{L}])|\bINSEE\b|immatriculation|carte\s+vitale|\bsécu\b|assuré\s+social|n°\s+d['’]assuré)/iu;

/** Key of a NIR: 97 − (the 13 first characters mod 97), Corsica 2A → 19, 2B → 18. */
export function nirKey(first13: string): number {
  const digits = first13.replace(/2A/i, '19').replace(/2B/i, '18');
  let r = 0;
  for (const c of digits) r = (r * 10 + (c.charCodeAt(0) - 48)) % 97;
  return 97 - r;
}

export function findNirs(layout: Layout): PersonalDataSpan[] {
  const { text } = layout;
  const out: PersonalDataSpan[] = [];
  NIR_RE.lastIndex = 0;
  for (let m = NIR_RE.exec(text); m; m = NIR_RE.exec(text)) {
    const first13 = m[1]!.replace(/[^0-9ABab]/g, '').toUpperCase();
    // letters only for Corsica, in the department (2A, 2B)
    if (/[AB]/.test(first13) && !/^.{5}2[AB]\d{6}$/.test(first13)) continue;
    const key = m[2];
    const line = layout.lines[layout.lineAt(m.index)]!;
    const prevLine = layout.lines[line.index - 1];
    let context = text.slice(Math.max(line.start, m.index - 80), m.index);
    if (/^\s*$/.test(context) && prevLine) context = prevLine.text;
    const labelled = NIR_LABEL_RE.test(context);
    const valid = key !== undefined && Number(key) === nirKey(first13);
    // a 13-digit number with a wrong or no key is a NIR only when labelled so
    if (valid || labelled) out.push({ start: m.index, end: m.index + m[0].length, type: 'NIR' });
  }
  return out;
}

/**
 * Digits written one per box of a form: "|2|9| |1|0| |1|9|9|3|", "2 3 | 0 8 | 1 9 7 9", "2 | 9 | / | 1 | 1 | / | 1 | 9 | 9 | 2" (a bar
 * between boxes, a blank within a group, a box of its own for the slash).
 */
const BOXED_DIGITS_RE = /(?<![\p{L}\p{N}])\d(?:(?:[ \t]*\|[ \t]*(?:\/[ \t]*\|[ \t]*)?)+\d|[ \t]\d)+(?![\p{L}\p{N}])/gu;
const BIRTH_LABEL_RE = /naissance|(?<![\p{L}])n[ée]e?(?:\(e\))?[ \t]+le(?![\p{L}])/iu;

/** A date of birth or a NIR written in a form's boxes, one digit per box, on a line that names it. */
export function findBoxedDigits(layout: Layout): PersonalDataSpan[] {
  const { text } = layout;
  if (!text.includes('|')) return [];
  const out: PersonalDataSpan[] = [];
  BOXED_DIGITS_RE.lastIndex = 0;
  for (let m = BOXED_DIGITS_RE.exec(text); m; m = BOXED_DIGITS_RE.exec(text)) {
    if (!m[0].includes('|')) continue;
    const digits = m[0].replace(/\D/g, '');
    const line = layout.lines[layout.lineAt(m.index)]!;
    const label = text.slice(line.start, m.index);
    const span = { start: m.index, end: m.index + m[0].length };
    if (digits.length === 8 && BIRTH_LABEL_RE.test(label)) {
      const [d, mo, y] = [Number(digits.slice(0, 2)), Number(digits.slice(2, 4)), Number(digits.slice(4))];
      if (d >= 1 && d <= 31 && mo >= 1 && mo <= 12 && y >= 1890 && y <= new Date().getFullYear()) out.push({ ...span, type: 'DATE_NAISSANCE' });
    } else if (/^[1-478]/.test(digits) && ((digits.length === 15 && Number(digits.slice(13)) === nirKey(digits.slice(0, 13))) || (digits.length === 13 && NIR_LABEL_RE.test(label)))) {
      out.push({ ...span, type: 'NIR' });
    }
  }
  return out;
}

/**
 * An IBAN whose country, length, format and ISO 13616 key (mod 97) are right. A national check digit
 * (Spanish, Belgian… account keys) is not required: a mistyped national key is still the person's IBAN.
 */
export function ibanChecks(iban: string): boolean {
  const r = validateIBAN(iban);
  return r.errorCodes.every((e) => e === ValidationErrorsIBAN.WrongAccountBankBranchChecksum || e === ValidationErrorsIBAN.QRIBANNotAllowed);
}

// (an IBAN may run onto the next line or paragraph, between two groups: the country's length and the key decide where it ends)
const IBAN_RE = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:(?:[ \u00A0-]|[ \t]*\r?\n(?:[ \t]*\r?\n)?[ \t]*)?[A-Z0-9]){10,32}/gu;
const IBAN_PERSONAL_CUE_RE =
  /(?:compte\s+(?:[\p{L}'’]+\s+){0,2}(?:de|du)\s+votre|compte\s+(?:de\s+l['’]|du\s+|de\s+la\s+)(?:étudiante?|stagiaire|apprentie?|allocataire|bénéficiaire|assurée?|locataire|salariée?|élève|intéressée?|demandeu(?:r|se)|requérante?|retraitée?|pensionnée?|adhérente?|titulaire|victime|créanci(?:er|ère))(?![\p{L}])|(?:ancien|nouveau|votre)\s+compte|compte\s+(?:joint|personnel|à\s+débiter|à\s+créditer|que\s+vous|(?:indiqué|déclaré|communiqué|enregistré|renseigné)(?!\s+(?:ci-|en\s+(?:bas|haut|tête|annexe)|sur\s+(?:l['’]|la|le|cet?|cette)\s*(?:avis|facture|titre|courrier|échéancier|document|formulaire|présent)|dans\s+(?:l['’]|la|le|cet?|cette)\s*(?:avis|facture|titre|courrier|échéancier|document|présent))))|titulaires?\s+du\s+compte\s*:\s*(?:M\.|Mme|Madame|Monsieur|\p{Lu}[\p{L}'’-]+\s+\p{Lu})|\b(?:votre|vos|son|sa|leur)\s+(?:compte|rib|iban|coordonnées\s+bancaires|banque|relevé\s+d['’]identité)|vous\s+(?:avez|aviez|nous\s+avez)\s+(?:\w+\s+)?(?:indiqué|communiqué|transmis|fourni|donné|déclaré)|à\s+votre\s+nom|(?:rembours|vers|versement|virement\s+sur)\w*[^.\n]{0,40}(?:votre|vous)|titulaire\s*:\s*(?:M\.|Mme|Madame|Monsieur))/giu;
const IBAN_SERVICE_CUE_RE =
  /(?:(?:virement|payer|payez|réglez|régler|versez|verser|rembourser|remboursez)\s+(?:[\p{L}'’]+\s+){0,3}?(?:au|sur\s+le)\s+compte\s+(?:de|du|des)\s+(?!votre|vos)|compte\s+(?:de|du)\s+(?:la\s+|l['’])?(?:Caf|CAF|Urssaf|URSSAF|MSA|CPAM|Trésor|trésor|régie|Régie|Direction|direction|DRFIP|DDFIP|SIP|service|Service|centre|Centre|caisse|Caisse|commune|Commune|Ville|ville|mairie|Mairie|département|Département|région|Région|hôpital|établissement|agence|Agence|office|Office|bailleur)|notre\s+compte|compte\s+(?:du|de\s+la|de\s+l['’])\s*(?:trésor|caisse|régie|agence|service|direction|centre)|trésor\s+public|\bDRFIP\b|\bDDFIP\b|\bDGFIP\b|régie|comptable\s+public|à\s+l['’]ordre|créancier|payer\s+par\s+virement|par\s+virement\s+(?:sur|au|à)\s+(?:le|notre|l['’])|(?:titulaire|bénéficiaire)\s*:\s*(?:caisse|trésor|régie|direction|centre|agence|service|CAF|CPAM|URSSAF|DRFIP|DDFIP|DGFIP|mairie|commune|ville|agent\s+comptable|comptable))/giu;

/** The label of an account's holder. */
const HOLDER_LABEL_RE = /(?:titulaire(?:\s+du\s+compte)?|au\s+nom\s+de)\s*:/iu;

/** On the line before a value, words that give it as an example of the form to fill in: "Exemple :", "(format : …", "compte fictif". */
export const EXAMPLE_BEFORE_RE = /(?<![\p{L}])(?:exemples?(?:\s+de\s+(?:présentation|saisie))?\s*:|par\s+exemple|(?:au\s+)?format\s*:|fictif|fictive)[^\n]{0,60}$/iu;

export function findIbans(layout: Layout, names: readonly PersonalDataSpan[] = []): PersonalDataSpan[] {
  const { text } = layout;
  if (!/[A-Z]{2}\d{2}/.test(text)) return [];
  const out: PersonalDataSpan[] = [];
  IBAN_RE.lastIndex = 0;
  for (let m = IBAN_RE.exec(text); m; m = IBAN_RE.exec(text)) {
    const raw = m[0];
    // compact characters and their offsets in the match
    const offs: number[] = [];
    let compact = '';
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i]!;
      if (/[A-Z0-9]/.test(c)) {
        compact += c;
        offs.push(i);
      }
    }
    let end = -1;
    for (let len = compact.length; len >= 15; len--) {
      const nextOff = offs[len];
      // cut only where a group ends (a blank or the end of the match follows)
      if (nextOff !== undefined && nextOff === offs[len - 1]! + 1) continue;
      if (ibanChecks(compact.slice(0, len))) {
        end = offs[len - 1]! + 1;
        break;
      }
    }
    if (end < 0) continue;
    const start = m.index;
    IBAN_RE.lastIndex = start + end;
    // an account at the Trésor public (bank code 10071, BIC TRPUFRP1) is a public body's, never a person's
    // (likewise the Caisse des dépôts, bank code 40031: consigned funds, notaries', liquidators'; and the
    // Banque de France, bank code 30001, BIC BDFEFRPP…: it keeps no private person's account)
    if (/^FR\d{2}(?:10071|40031|30001)/.test(compact) || /^[\s–-]*(?:BIC|Code\s+BIC)?\s*:?\s*(?:TRPUFRP1|BDFEFRPP)/u.test(text.slice(start + end, start + end + 30))) continue;
    const li = layout.lineAt(start);
    // ("Exemple de présentation (compte fictif) : FR76 …": an example of the form, no one's account)
    if (EXAMPLE_BEFORE_RE.test(text.slice(layout.lines[li]!.start, start))) continue;
    // ("FR76 … – à l'ordre de Sanef": the account of the payee the person pays, a body)
    if (PAYEE_AFTER_RE.test(text.slice(start + end, start + end + 40))) continue;
    const zone = layout.zones[li]!;
    const line = layout.lines[li]!;
    const blockStart = layout.lines.find((l) => l.block === line.block && l.block >= 0)?.start ?? line.start;
    let before = text.slice(Math.max(blockStart, start - 400), start);
    // (a word processor's paragraphs: the sentence that introduces the account, ending with a colon, is a paragraph of its own)
    if (blockStart === line.start && /^[\s\p{L}.]{0,12}:?\s*$/u.test(text.slice(line.start, start))) {
      let k = li - 1;
      while (k > 0 && layout.lines[k]!.blank && k > li - 3) k--;
      const intro = layout.lines[k];
      if (intro && !intro.blank && k < li && /:\s*$/.test(intro.text)) before = `${intro.text.slice(-400)}\n${before}`;
    }
    const cue = nearestCue(before, IBAN_PERSONAL_CUE_RE, IBAN_SERVICE_CUE_RE);
    // "Titulaire : Lukas BAUER" on the line of the account or the line above (a blank line apart in a word
    // processor's paragraphs): a person found holds it
    let above = li - 1;
    while (above > 0 && layout.lines[above]!.blank && above > li - 3) above--;
    const holderLine = [li, above].some((k) => {
      const l = layout.lines[k];
      return !!l && !l.blank && HOLDER_LABEL_RE.test(l.text) && names.some((n) => n.type === 'NOM' && n.start >= l.start && n.end <= l.end);
    });
    if (holderLine) {
      out.push({ start, end: start + end, type: 'IBAN' });
      continue;
    }
    if (cue.kind === 'service') continue;
    if ((zone === 'header' || zone === 'signature') && cue.kind !== 'personal') continue;
    if (layout.serviceLine(line.index) && cue.kind !== 'personal') continue;
    out.push({ start, end: start + end, type: 'IBAN' });
  }
  return out;
}

/** After an account, the payee the person pays to: "– à l'ordre de la régie …", ", au profit du Trésor". */
const PAYEE_AFTER_RE = /^[ \t]*[–—,(-]?[ \t]*(?:à[ \t]+l['’]ordre[ \t]+d[eu']|au[ \t]+profit[ \t]+d[eu'])(?![ \t]*(?:M\.|Mme|Mlle|Monsieur|Madame|Mademoiselle)(?![\p{L}]))/u;

/** Nouns of the person's identifiers: "numéro d'<noun>", "<noun> n° …", "<noun> : …". */
const ID_NOUNS =
  "accident(?:\\s+du\\s+travail)?|AT|rente|accord\\s+préalable|forfait(?:\\s+post-stationnement)?|FPS|DNI|allocataires?|fiscale?|avis(?:\\s+d['’]imposition)?|contrats?(?:\\s+de\\s+(?:location|bail|prêt|travail|fourniture|abonnement))?|mandat|RUM|inscription|factures?|étranger|AGDREF|récépissé|permis(?:\\s+de\\s+(?:conduire|construire|aménager|démolir))?|identifiant|matricule|cotisant|mise\\s+en\\s+demeure|employeur|INE|étudiante?|RG|Portalis|parquet|BAJ|aide\\s+juridictionnelle|client|locataire|séjour|IPP|patient|déclaration\\s+préalable|électeur|indu|pré-demande|famille|intermédiation|adhérent|réclamation|dossiers?|demandes?|contravention|avis\\s+de\\s+contravention|sinistre|pension|retraite|bénéficiaire|assurée?|abonnée?|abonnement|affaire|requête|recours|titre(?:\\s+de\\s+séjour|\\s+exécutoire)?|passeport|carte(?:\\s+(?:de\\s+séjour|vitale|mobilité\\s+inclusion|d['’]invalidité|grise))?|compte\\s+(?:client|cotisant|usager|allocataire|adhérent)|bail|prêt|créance|échéancier|plan(?:\\s+de\\s+(?:règlement|surendettement|apurement))?|surendettement|écrou|affiliée?|affiliation|résidente?|compteur|point\\s+de\\s+(?:livraison|comptage)|PDL|PRM|PCE|télépaiement|procès-verbal|PV|jugement|ordonnance|usager|souscripteur|police|adhésion|candidature|candidat|élève|prise\\s+en\\s+charge|attestation|certificat|instance|procédure|redevable|contribuable|référence\\s+client|ayant\\s+droit|personne|OFII|SIAO|CAF|MSA|NUD|numéro\\s+unique|pension\\s+alimentaire|arrêt\\s+de\\s+travail|bourse|enregistrement|saisine|livret|formalité";
const NOUN_ONLY_FIELD =
  "(?:séjour|séj\\.|identifiant|matricule|INE|IPP|NEPH|NIGEND|NUMEN|RUM|RG|dossier|demande|réclamation|ticket|réservation|facture|carte\\s+(?:de\\s+lecteur|d['’]abonné|d['’]adhérent|de\\s+transport|scolaire)|affaire|signalement|mesure|client|adhérent|contrat|mandat|compte|allocataire|affiliation|PDL|PRM|PCE|NUD|point\\s+de\\s+(?:livraison|comptage)|numéro\\s+(?:étudiant|d['’]étudiant|étranger|allocataire|fiscal|client|adhérent))";
const QUAL = "(?:[ \\t\\u00A0]+(?!n[°º])(?:[\\p{L}'’()./-][\\p{L}\\p{N}'’()./-]*|(?:19|20)\\d{2}(?=[ \\t\\u00A0]*(?::|n[°º])))){0,8}?";
const PREP = "(?:[ \\t\\u00A0]+(?:de[ \\t]+la|de[ \\t]+l['’]|du|des|de|d['’])|[ \\t\\u00A0]+d['’]|[ \\t\\u00A0]*d['’])?[ \\t\\u00A0]*";
const PREFIX = "(?:n[°º]|no\\.?|num(?:éro|ero)?\\.?|numéro|r[ée]f(?:[ée]rence)?\\.?|code|identifiant|id\\.)";
/** A. "N° allocataire Caf :", "Numéro de la demande :", "numéro fiscal 3164…", "Référence unique de mandat (RUM) :". */
const PREFIXED_RE = new RegExp(
  `(?<![\\p{L}])${PREFIX}(?:[ \\t\\u00A0]+(?:national|unique|personnel|provisoire|définitif|d['’]identification))?${PREP}(?:votre[ \\t]+)?(?:${ID_NOUNS}|(?<acr>[A-Z][A-Z0-9]{1,9}(?:-[A-Z0-9]{2,9})?)(?=[ \\t]*(?:\\([^)\\n]{0,40}\\))?[ \\t]*:|[ \\t]+\\d))(?![\\p{L}])(?:${QUAL}[ \\t]*(?:\\([^)\\n]{0,40}\\))?[ \\t]*(?:n[°º][ \\t]*)?:|[ \\t]*(?:\\([^)\\n]{0,40}\\))?[ \\t]*(?:n[°º][ \\t]*)?(?::)?)`,
  'giu',
);
/** B. "Dossier n° …", "votre facture n° …", "Contrat de location n° :", "Dossier d'intermédiation n° :". */
const NUMBERED_RE = new RegExp(`(?<![\\p{L}])(?:${ID_NOUNS})(?![\\p{L}])${QUAL}[ \\t]*(?:\\([^)\\n]{0,40}\\))?[ \\t]*n[°º][ \\t]*:?`, 'giu');
/** C. a field: "Dossier : …", "Identifiant France Travail : …", "IPP (identifiant patient) : …". */
const FIELD_RE = new RegExp(`(?:^(?:[ \\t]*>)*(?:[ \\t]*[–—•·*-](?=[ \\t]))?|[ \\t]{2,}|[.;|][ \\t]+|\\(|[ \\t][–—][ \\t]*)[ \\t]*(?:votre[ \\t]+|vos[ \\t]+|Votre[ \\t]+|Vos[ \\t]+)?${NOUN_ONLY_FIELD}s?(?![\\p{L}])${QUAL}[ \\t]*(?:\\([^)\\n]{0,40}\\))?[ \\t]*:`, 'giu');
/** E. any noun numbered for the person: "Concession n° …", "Décision n° …", "N° de pensionné : …", "Références OFII : …". */
const ANY_NUMBERED_RE = /(?<![\p{L}])(?!(?:votre|vos|notre|nos|leur|leurs|mon|son|une|des|les|aux)[ \t]*n[°º])\p{L}[\p{L}'’-]{2,}(?:[ \t]+(?:(?:de|du|des|la|le)[ \t]+|d['’]|l['’])?[\p{L}'’-]{2,}){0,2}[ \t]*n[°º][ \t]*:?/giu;
const ANY_PREFIXED_RE = /(?<![\p{L}])(?:n[°º]|num(?:éro|ero)s?|r[ée]f[ée]rences?|r[ée]f\.|identifiant)(?:[ \t]+(?:de|du|des|la|le|votre|vos|mon|ma)(?![\p{L}])|[ \t]+(?:d|l)['’]|[ \t]*(?:d|l)['’])*(?:[ \t]?[\p{L}'’-]+){0,3}[ \t]?(?:\([^)\n]{0,40}\))?(?:[ \t]*:|\t+|[ ]{2,})/giu;
/** G. "Code de cession (annulé) : KB7-42Q-MX9", "Code d'accès : …": a code, read only when letters and digits mix (see readLine). */
const CODE_RE = /(?<![\p{L}])code(?:[ \t]+(?:de|du|des|la|le)(?![\p{L}])|[ \t]+(?:d|l)['’]|[ \t]*(?:d|l)['’])*(?:[ \t]?[\p{L}'’-]+){0,2}[ \t]?(?:\([^)\n]{0,40}\))?[ \t]*:/giu;
/**
 * F. an identifier named in the text, no colon: "(dossier 2024-BFC-0187342)", "– id. 4419572X –", "la référence REV-25-03118", "porte le numéro
 * 64-2025-0733", "votre numéro allocataire, 4417290, figure …" (set between commas).
 */
const INLINE_RE =
  /(?<![\p{L}])(?:[Dd]ossier|référence|numéro|[Ii]d(?:ent)?\.|Portalis|[Ss]aisine|RG|avis|demande|facture|contrat|mandat(?:[ \t]+(?:SEPA|de[ \t]+prélèvement))?|INE|IPP|NUD|RPPS|matricule|identifiant|RUM|compte|signalement|client|titre|carte(?![ \t]+professionnelle)|[Rr]éf\.|n[°º][ \t]*[A-Z]{2,10}|(?<=sous[ \t]+le[ \t]+)n[°º])(?:[ \t]+[\p{L}'’-]+){0,3}?(?:,(?=[ \t]+(?:le|la|l['’])[ \t]|[ \t]+[A-Z0-9][A-Z0-9/-]{3,}[ \t]*,))?[ \t]+(?:(?:est|reste|porte|sous)[ \t]+)?(?:(?:le|la|l['’])[ \t]*)?\(?(?=\d|[A-Z](?:[A-Z0-9/-]*\d|[ \t]?\d)|[A-Z]{2,4}[ \t]\d)/gu;
/** After a number, the date and subject of a legal text ("du 20 décembre 1996 relative à"). */
const LEGAL_TEXT_AFTER_RE = /^[ \t]+du[ \t]+\d{1,2}(?:er)?[ \t]+\p{L}+[ \t]+\d{4}[ \t,]+(?:relati(?:f|ve)|portant|modifiant|pris|fixant)/u;
/** After a number, the authority whose act it numbers: "du président du tribunal", "du préfet", "du conseil municipal". */
const AUTHORITY_AFTER_RE = /^[ \t]+(?:du|de[ \t]+la|de[ \t]+l['’])[ \t]*(?:président(?:e)?|préfet|préfète|maire|ministre|premier[ \t]+ministre|conseil[ \t]+(?:municipal|départemental|régional|communautaire|d['’]administration)|directeur[ \t]+général|directrice[ \t]+générale)(?![\p{L}])/u;
/** After a number, what makes it a service's line: "est un numéro court", "est un numéro vert". */
const SERVICE_NUMBER_AFTER_RE = /^[ \t]*,?[ \t]*(?:est|reste)[ \t]+(?:un|le)[ \t]+numéro[ \t]+(?:court|vert|gratuit|surtaxé|spécial|d['’]envoi|non[ \t]+surtaxé)(?![\p{L}])/u;
/** Before a number, an act named with its authority: "décision du directeur général n°", "arrêté du préfet n° :". */
const AUTHORITY_BEFORE_RE = /(?<![\p{L}])(?:décision|arrêté|délibération|circulaire|instruction|note[ \t]+de[ \t]+service)[ \t]+(?:du|de[ \t]+la|de[ \t]+l['’])[ \t]*(?:président(?:e)?|préfet|préfète|maire|ministre|conseil|direct(?:eur|rice))(?:[ \t]+(?:d['’])?[\p{L}'’-]+){0,6}[ \t]*n[°º][ \t]*:?[ \t]*$/u;
/** After a number, the date of a legal text ("du 7 février 2002"): the year it was numbered in. */
const LEGAL_DATE_AFTER_RE = /^[ \t]+du[ \t]+\d{1,2}(?:er)?[ \t]+\p{L}+[ \t]+(\d{4})(?!\d)/u;
/** Before "matricule" in the same sentence: an agent, not the person ("votre" breaks it). */
const AGENT_BEFORE_MATRICULE_RE =
  /(?<![\p{L}])(?:agent|agente|gardien(?:ne)?\s+de\s+la\s+paix|gendarme|brigadier(?:-chef)?|policier|policière|officier|contrôleu(?:r|se)|adjudant(?:-chef)?|maréchal\s+des\s+logis(?:-chef)?|enquêt(?:eur|rice)|agent\s+(?:de\s+contrôle|verbalisateur|enregistreur|assermenté))(?![\p{L}])(?:(?!\b(?:votre|vos|vous)\b)[^.;\n]){0,50}$/iu;

/** Generic labels that number no person: phone lines, postal codes, places, rooms, plots. */
const NOT_PERSONAL_GENERIC_RE = /(?<![\p{L}])(?:vert|gratuit|session|libre\s+réponse|court|appel|urgence|postal|voie|rue|porte|bâtiment|étage|salle|pièce|parcelle|cadastr\p{L}*|section|circulaire|instruction|note|rubrique|catégorie|échelon|classe|zone|secteur|canton|route|autoroute|tome|volume|question|motif|alinéa|paragraphe|point|étape|cas|semaine|suivi|colis|déclaration\s+d['’]activité|jour|mois|année|exercice|tranche|niveau|option|critère|case|ligne|colonne|tableau|liste|pièce|annexe|chapitre|titre\s+(?:I|II|III|IV|V)|rang|place|stand|quai|voie|arrêt(?!\s+de\s+travail)|circuit|itinéraire|station|sortie|département|région|commune|SIRET|SIREN|cerfa|TVA|sécurité\s+sociale|NIR|INSEE|IBAN|BIC|RIB)s?(?![\p{L}])/iu;
/** D. references: "V/Réf. :", "Votre référence :", "N/Réf. :", "Réf. :". */
const REF_RE =
  /(?<![\p{L}])(?:V\/\s?R[ée]f\.?|Vos\s+r[ée]f(?:[ée]rences?|s?\.)|Votre\s+r[ée]f[ée]rence|N\/\s?R[ée]f\.?|Nos\s+r[ée]f(?:[ée]rences?|s?\.)|Notre\s+r[ée]f[ée]rence|R[ée]f[ée]rences?|R[ée]f\.?)[ \t]*:/giu;

/** Label matches of a line, in order, overlapping ones dropped. */
function labelsOf(line: string, identity = false): { index: number; text: string; inline?: boolean; generic?: boolean }[] {
  const found: { index: number; text: string; inline?: boolean; generic?: boolean }[] = [];
  const run = (re: RegExp): void => {
    re.lastIndex = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      // an acronym as the noun ("Numéro SI-SIAO :") must be written in capitals
      const acr = m.groups?.['acr'];
      if (acr === undefined || /^[A-Z][A-Z0-9-]+$/.test(acr)) found.push({ index: m.index, text: m[0] });
      if (m[0].length === 0) re.lastIndex++;
    }
  };
  const low = line.toLowerCase();
  const numbered = low.includes('n°') || low.includes('nº');
  if (numbered || low.includes('num') || low.includes('réf') || low.includes('ref') || low.includes('code') || low.includes('identifiant') || low.includes('id.') || low.includes('no.')) run(PREFIXED_RE);
  if (numbered) run(NUMBERED_RE);
  if (line.includes(':')) {
    run(FIELD_RE);
    if (/r[ée]f/iu.test(line)) run(REF_RE);
  }
  // generic labels last: a label already found at the same place wins
  const generic = (re: RegExp): void => {
    re.lastIndex = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      // (within the label's sentence: "… la documentation cadastrale est à jour. Le compte n° …")
      const context = line.slice(Math.max(0, m.index - 45), m.index).replace(/^.*[.!?;][ \t]+(?=\p{Lu})/u, '') + m[0];
      if (!NOT_PERSONAL_GENERIC_RE.test(context) && !NOT_PERSONAL_LABEL_RE.test((identity ? context.replace(LICENCE_LABEL_RE, '') : context).replace(CHILDMINDER_LICENCE_RE, ''))) {
        const end = m.index + m[0].length;
        const clash = found.findIndex((f) => f.index <= end && m!.index <= f.index + f.text.length);
        // a longer generic label wins over a shorter one it contains ("Référence de l'avis d'impôt", not "Référence de l'avis")
        if (clash < 0) found.push({ index: m.index, text: m[0], generic: true });
        else if (found[clash]!.index >= m.index && found[clash]!.index + found[clash]!.text.length < end) found[clash] = { index: m.index, text: m[0], generic: true };
      }
      if (m[0].length === 0) re.lastIndex++;
    }
  };
  if (numbered) generic(ANY_NUMBERED_RE);
  if (/n[°º]|num|r[ée]f|identifiant/iu.test(line)) generic(ANY_PREFIXED_RE);
  if (/(?<![\p{L}])code(?![\p{L}])/iu.test(line)) generic(CODE_RE);
  // identifiers named in the running text: a strict shape is checked on the value (see readLine)
  INLINE_RE.lastIndex = 0;
  for (let m = INLINE_RE.exec(line); m; m = INLINE_RE.exec(line)) {
    if (NOT_PERSONAL_GENERIC_RE.test(m[0].replace(/\s(?:porte|reste|est|sous)\s/giu, ' '))) continue;
    // kept even over another label: the first of them that reads a value wins (see readLine)
    found.push({ index: m.index, text: m[0], inline: true });
  }
  found.sort((a, b) => a.index - b.index || b.text.length - a.text.length);
  return found;
}

// ("Réf. de la demande en ligne :" names the person's own request: not the service's reference)
const WEAK_LABEL_RE = /^(?:N\/\s?R[ée]f|Nos\s+r[ée]f|Notre\s+r[ée]f|R[ée]f(?![\p{L}.]*\s+(?:de|du|des|d['’])\s))/iu;
const YOUR_REF_RE = /^(?:V\/\s?R[ée]f|Vos\s+r[ée]f|Votre\s+r[ée]f)/iu;
/** Qualifiers of an identifier that is the service's, not the person's. */
const NOT_PERSONAL_LABEL_RE = /(?<![\p{L}])(?:créancier|avis\s+de\s+réception|avis\s+(?:à\s+la|à\s+l['’]|aux|au)\s+\p{L}+|avis\s+(?:du|de\s+la|de\s+l['’]|des)\s*(?:service|commission|conseil|comité|architecte|domaine|direction|préfet|maire|ministre|agence|autorité)|code\s+(?:INSEE|commune|officiel\s+géographique)|accusé\s+de\s+réception|(?<!mandat\s+)SEPA(?![ \t]*\(?RUM)|SIRET|SIREN|FINESS|RPPS|ADELI|bordereau|RCS|TVA|APE|NAF|UAI|RNA|EORI|convention\s+(?:CPAM|assurance\s+maladie|de\s+tiers\s+payant)|IDCC|ISBN|ISSN|CERFA|URSSAF\s+de|collectivité|organisme|établissement|cerfa|formulaire|modèle|courrier|document|édition|action|arrêté|délibération|décret|directive|règlement\s+(?:\(?(?:UE|CE|CEE)\)?|européen|communautaire|d['’]exécution|délégué)|recommandée?|envoi|(?<!en\s)ligne|salle|bureau|vote|lot|page|annexe|article|loi|téléphone|fax|télécopie|SMS|poste|évolution|informatique|ticket|incident|bus|tram|train|(?<!(?:déclaration|plainte|dépôt)\s+(?:de|pour)\s+)vol|quai|porte|guichet(?!\s+unique)|version|dépôt\s+légal|agrément|habilitation|marché|appel\s+d['’]offres|lot)s?(?![\p{L}])/iu;

/** The end of an identifier value at `at` ("0571248 F", "24 35 A 8176412 27", "DBX2-W-B7J-CK4P", "++0259…"), or -1. */
function readValue(text: string, at: number): number {
  const re = /\+{0,2}[A-Za-z0-9](?:[A-Za-z0-9*]|[-/._](?=[A-Za-z0-9]))*/y;
  let i = at;
  let end = -1;
  let digits = 0;
  let prevHadDigit = false;
  for (let k = 0; k < 10; k++) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) break;
    const tok = m[0];
    const d = tok.replace(/\D/g, '').length;
    const upperShort = /^[A-Z]{1,4}$/.test(tok);
    if (d === 0) {
      // a short capital group between or after numbers ("24 35 A 8176412 27", "0571248 F", "Z 4517")
      if (!upperShort) break;
      const nextIsNum = /^[ \u00A0]\+{0,2}[A-Za-z]*\d/.test(text.slice(i + tok.length, i + tok.length + 6));
      if (!prevHadDigit && !nextIsNum) break;
      if (!nextIsNum && !/^(?:[ \t]*(?:$|\n|[,.;)]|\s{2,}))/.test(text.slice(i + tok.length, i + tok.length + 3))) break;
    } else if (/\p{Ll}/u.test(tok) && !/\d/.test(tok.replace(/[^A-Za-z0-9]/g, '').slice(-1)) && d < 3) break;
    digits += d;
    end = i + tok.length;
    prevHadDigit = d > 0;
    // one blank (no line break) between groups
    if (!/^[ \u00A0](?=[+A-Za-z0-9])/.test(text.slice(end, end + 2))) break;
    i = end + 1;
  }
  if (end < 0 || end - at < 4) return -1;
  // a code of letters and digits in groups ("DBYS-W-B7J-MN2Q") may hold few digits
  if (digits < 3 && !(digits >= 1 && end - at >= 10 && /^[A-Z0-9]+(?:-[A-Z0-9]+){2,}$/.test(text.slice(at, end)))) return -1;
  return end;
}

/** Values of labelled identifiers ("N° allocataire : 4 521 876") and their repetitions. */
export function findDossiers(layout: Layout, cells: readonly PersonalDataSpan[] = []): PersonalDataSpan[] {
  const { text } = layout;
  const out: PersonalDataSpan[] = [];
  const values = new Set<string>();
  // (a licence's number in a block that describes the person, an identity form or their birth: see readLine)
  const licences = /agrément|habilitation/iu.test(text);
  const birthBlocks = new Set(licences ? layout.lines.filter((l) => !l.blank && BIRTH_IN_LINE_RE.test(l.text)).map((l) => l.block) : []);
  // a value holds 3 digits or more: only such lines are read (the label regex is costly)
  for (const line of layout.lines) {
    if (line.blank || !/\d/.test(line.text)) continue;
    // (or a line of its own right under that block: a word processor's paragraphs)
    const above = layout.lines[line.index - 2];
    const single = layout.lines[line.index - 1]?.blank && (layout.lines[line.index + 1]?.blank ?? true);
    const identity = layout.personFormBlocks.has(line.block) || birthBlocks.has(line.block) || (!!single && !!above && !above.blank && birthBlocks.has(above.block));
    readLine(text, line.start, line.end, out, values, licences && identity);
  }
  // (and a number read in a table's column, "N° de facture", written again in the body: "les factures TV-27-1187 et …")
  // (its value again, not its shape: a table's rows share their numbers' scheme, the rows of companies too)
  const inCells = cells.filter((c) => c.type === 'NUMERO_DOSSIER');
  const cellValues = new Set(inCells.map((c) => text.slice(c.start, c.end)).filter((v) => (v.match(/\d/g)?.length ?? 0) >= 3 && !values.has(v)));
  addRepetitions(text, out, values);
  addSameShapes(text, out, values);
  addRepetitions(text, out, cellValues, inCells);
  return out;
}

/**
 * Values written in the same scheme as an identifier found ("N° de pension : B 26 031 744 Y" then
 * "Pension d'origine : O 19 882 015 K"): capitals, digits and separators at the same places. Only
 * distinctive schemes: capitals and at least four digits, eight characters or more.
 */
function addSameShapes(text: string, out: PersonalDataSpan[], values: Set<string>): void {
  const shapes = new Set<string>();
  // (an account number is the IBAN reader's to judge: it knows the service's from the person's)
  const isIban = (v: string): boolean => /^[A-Z]{2}\d{2}/.test(v) && ibanChecks(v.replace(/[^A-Z0-9]/g, ''));
  for (const v of values) if (v.length >= 8 && /[A-Z]/.test(v) && !/[a-z]/.test(v) && /(?:\d\D*){4}/.test(v) && !isIban(v)) shapes.add(v.replace(/[A-Z]/g, 'A').replace(/\d/g, '9'));
  if (shapes.size === 0) return;
  const taken = new SpanMask(text.length, out);
  for (const shape of shapes) {
    const source = escapeRe(shape).replace(/A/g, '[A-Z]').replace(/9/g, '\\d');
    const re = new RegExp(`(?<![\\p{L}\\p{N}]|[\\p{L}\\p{N}][-/.])${source}(?![\\p{L}\\p{N}]|[-/.][\\p{L}\\p{N}])`, 'gu');
    for (const m of text.matchAll(re)) {
      const end = m.index + m[0].length;
      if (taken.overlaps(m.index, end) || isIban(m[0])) continue;
      // under a label of the service's own numbers ("Numéro d'agrément de la structure :")
      if (NOT_PERSONAL_LABEL_RE.test(text.slice(Math.max(0, text.lastIndexOf('\n', m.index) + 1), m.index))) continue;
      out.push({ start: m.index, end, type: 'NUMERO_DOSSIER' });
      taken.add({ start: m.index, end });
    }
  }
}

/** A person's birth given in a line of the block: "née le 3 mars 1984 à Vannes". */
const BIRTH_IN_LINE_RE = /(?<![\p{L}])n[ée]e?(?:\(e\))?[ \t]+le[ \t]+\d/u;

/** A code of eight characters or more mixing capitals and digits (three digits at least): "7H3K9QZ2", as a request's code is printed. */
const MIXED_CODE_RE = /^(?=(?:[A-Z]*\d){3})(?=[A-Z0-9]*[A-Z])[A-Z0-9]{8,16}$/;

/** A licence held by a person (a childminder's, a driving instructor's): the service's when not in the person's identity. */
const LICENCE_LABEL_RE = /(?<![\p{L}])(?:agrément|habilitation)s?(?![\p{L}])/iu;
/** A childminder's licence, wherever it stands: "numéro d'agrément PMI", "agrément de l'assistante maternelle". */
const CHILDMINDER_LICENCE_RE = /agrément\s+(?:PMI|d['’]assistante?\s+(?:maternel|familial)\p{L}*|de\s+(?:la|l['’]|le|votre|son|sa)\s*(?:salariée?|assistante?\s+(?:maternel|familial)\p{L}*))/iu;

function readLine(text: string, from: number, to: number, out: PersonalDataSpan[], values: Set<string>, identity = false): void {
  const line = text.slice(from, to);
  let done = from;
  for (const m of labelsOf(line, identity)) {
    if (from + m.index < done) continue;
    const label = m.text.trim();
    // ("Dossier d'agrément n° …": the qualifier of the person's file names its subject, not the service's number)
    // ("N° d'agrément :" under the person's name and birth: their own licence)
    if (NOT_PERSONAL_LABEL_RE.test(label.replace(/(?:numéro|n[°º])\s+(?:de\s+)?(?:dossier|demande)|^(?:votre\s+)?dossier\s+(?:de\s+|d['’])[\p{L}-]+/iu, '').replace(/\s(?:porte|reste|est|sous)\s/giu, ' ').replace(identity ? LICENCE_LABEL_RE : /$^/u, '').replace(CHILDMINDER_LICENCE_RE, ''))) continue;
    let at = from + m.index + m.text.length;
    const sp = /^[ \t\u00A0]*/.exec(text.slice(at, at + 80));
    at += sp ? sp[0].length : 0;
    // "Vos réf. : numéro fiscal …": the inner label is read on its own
    if (/^(?:num|n[°º]|r[ée]f)/iu.test(text.slice(at, at + 4)) && /[:]$/.test(label)) {
      continue;
    }
    const end = readValue(text, at);
    if (end < 0) continue;
    const value = text.slice(at, end);
    // a service's line said so right after it: "le numéro 38 200 est un numéro court d'envoi automatique"
    if (SERVICE_NUMBER_AFTER_RE.test(text.slice(end, end + 50))) continue;
    // a number of zeros only, the model of a format ("PCU-00-0000000", "0000 0000"): no one's
    if (!/[1-9]/.test(value) && /(?:0\D*){5}/.test(value)) continue;
    // a code: letters and digits mixed in groups, not a number (a bank's, a place's, an activity's code)
    if (m.generic && /^code/iu.test(label) && !/^(?=[A-Z0-9-]*[A-Z])(?=[A-Z0-9-]*\d)[A-Z0-9]+(?:-[A-Z0-9]+)+$/.test(value)) continue;
    // in the running text, only a clear identifier: 5 digits or more, or letters and digits in groups; no phone number
    // (or a code of four groups of capitals and digits or more, as courts number their cases: "DBXW-Q-A4K-PL3T"; or a mixed code, "7H3K9QZ2")
    // (or a staff number of capitals and digits after "matricule": "(matricule TRX-0412)")
    if (m.inline && !(/(?:\d\D*){5}/.test(value) || (/^matricule$/iu.test(label) && /^[A-Z]{2,5}-?\d{3,}$/.test(value)) || (/^[A-Z0-9]+(?:-[A-Z0-9]+){2,}$/.test(value) && /\d{3}/.test(value)) || (/^[A-Z0-9]+(?:-[A-Z0-9]+){3,}$/.test(value) && value.length >= 12 && /\d/.test(value)) || MIXED_CODE_RE.test(value))) continue;
    // a phone number under a label of our own guess ("Numéro de portable : 06 …", "0 800 972 100", "+352 …") is left to the phone reader
    // (an international prefix "00" opens ten digits or more: "00217" is a number of the person's)
    // (after a bare "numéro", a number grouped as a phone's of another plan: "votre numéro, le 02 314 27 90, ne répond plus")
    if (m.inline && /^numéro\b/iu.test(label) && !/dossier|client|allocataire|fiscal|contrat|demande/iu.test(label) && /^0\d{1,3}(?:[ .\u00A0]\d{2,3}){2,4}$/.test(value) && /^\d{8,10}$/.test(value.replace(/\D/g, ''))) continue;
    if ((m.inline || m.generic) && (/^\+/.test(value) || (/^00/.test(value) && value.replace(/\D/g, '').length >= 10) || phoneShaped(value))) continue;
    // a legal text: "ordonnance n° 96-1122 du 20 décembre 1996 relative à …"; an act of an authority: "décision n° E26000187/86
    // du président du tribunal administratif"
    // (or named before its number: "décision du directeur général n° 2019-DG-014", "arrêté du maire n° 42")
    if (LEGAL_TEXT_AFTER_RE.test(text.slice(end, end + 60)) || AUTHORITY_AFTER_RE.test(text.slice(end, end + 40)) || AUTHORITY_BEFORE_RE.test(text.slice(Math.max(0, at - 70), at))) continue;
    // "ordonnance n° 2002-149 du 7 février 2002", "loi n° 89-462 du 6 juillet 1989": a text numbered by its year
    const dated = LEGAL_DATE_AFTER_RE.exec(text.slice(end, end + 40));
    const year = /^(\d{2}|\d{4})-\d{1,5}$/.exec(value)?.[1];
    if (dated && year && dated[1]!.endsWith(year)) continue;
    // a tax form's number ("déclaration n° 1447-C-SD", "2042-C-PRO"): four digits and words in capitals,
    // unless its label names the person's case ("Dossier n° 4471-B")
    if (/^\d{4}(?:-[A-Z]{1,4}){1,2}$/.test(value) && !/dossier|demande|affaire|réclamation|compte|contrat|client|allocataire|usager|adhérent/iu.test(label)) continue;
    // an agent's service number: "gardien de la paix Loïc Perrot, matricule 1 045 287", "l'agent de contrôle (matricule …)"
    if (/matricule/iu.test(label) && AGENT_BEFORE_MATRICULE_RE.test(text.slice(Math.max(from, from + m.index - 70), from + m.index))) continue;
    // a number completed by merge fields ("PC 094 210 «ANNEE» «NUMERO»") belongs to a template
    if (/^[ \t]*[«{[<%#$]/.test(text.slice(end, end + 3))) continue;
    // (nor a school or financial year: "2026-2027", "2025/2026")
    if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(value) || /^(?:19|20)\d{2}(?:-\d{2})?$/.test(value) || /^(?:19|20)\d{2}[-/](?:19|20)\d{2}$/.test(value)) continue;
    // an account number is the IBAN reader's to judge (a service's account is no file of the person's)
    if (/^[A-Z]{2}\d{2}/.test(value) && ibanChecks(value.replace(/[^A-Z0-9]/g, ''))) continue;
    if (/^\s*(?:€|%|euros?\b|ans?\b|mois\b|jours?\b|h\b|heures?\b|km\b|m²|points?\b|trimestres?\b)/u.test(text.slice(end, end + 12))) continue;
    if (/^(?:cerfa|mod|modele|modèle|tpl|formulaire)/i.test(value)) continue;
    // (in the running text, "(référence 26 33 A 418 209 517)": a long number is the person's, not the service's)
    if (WEAK_LABEL_RE.test(label) && !YOUR_REF_RE.test(label) && !(m.inline && /^référence/iu.test(label) && (value.match(/\d/g)?.length ?? 0) >= 8)) {
      // the service's own reference: personal only when it numbers the file (a serial number of 4
      // digits or more that is no year: "AL/2026/004512", not "SIP/CF/2025" nor "DEP/VOI/2025-188")
      if (!/(?<!\d)(?!(?:19|20)\d{2}(?!\d))\d{4,}/.test(value)) continue;
    }
    out.push({ start: at, end, type: 'NUMERO_DOSSIER' });
    values.add(value);
    done = end;
    // "7458210 / indu IND-2025-11873": a second identifier after a slash; "07 41 286 593 012 (M.) –
    // 07 44 913 205 768 (Mme)": more values of the same scheme after a dash, a comma or "et"
    const shape = (v: string): string => v.replace(/[A-Z]/g, 'A').replace(/\d/g, '9');
    let last = end;
    for (let k = 0; k < 4; k++) {
      const more = /^[ \t]*(?:\([^)\n]{0,20}\))?[ \t]*(?:(\/)[ \t]*(?:\p{L}+[ \t]+)?|(?:–|—|,|;|et|ou)[ \t]+)/u.exec(text.slice(last, last + 40));
      if (!more) break;
      const at2 = last + more[0].length;
      const end2 = readValue(text, at2);
      if (end2 < 0 || (!more[1] && shape(text.slice(at2, end2)) !== shape(value))) break;
      out.push({ start: at2, end: end2, type: 'NUMERO_DOSSIER' });
      values.add(text.slice(at2, end2));
      done = last = end2;
    }
  }
}

/** Ten digits from a 0, written as a phone number is: "06 12 34 56 78", "0612345678", "0 800 11 10 09", "0690 47 21 86" (not "057-19-00871"). */
function phoneShaped(value: string): boolean {
  if (!/^0[\d .\u00A0-]*$/.test(value) || value.replace(/\D/g, '').length !== 10) return false;
  const groups = value.split(/[ .\u00A0-]/);
  return groups.length === 1 || groups.every((g) => g.length <= 4);
}

/** Repetitions of a known value elsewhere ("enregistré sous la référence AL/2026/004512"), not over `found` (spans another reader has). */
function addRepetitions(text: string, out: PersonalDataSpan[], values: Set<string>, found: readonly PersonalDataSpan[] = []): void {
  if (values.size === 0) return;
  const taken = new SpanMask(text.length, [...out, ...found]);
  for (const value of values) {
    if (value.length < 5) continue;
    for (let i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + value.length)) {
      const before = text[i - 1] ?? ' ';
      const after = text[i + value.length] ?? ' ';
      if (/[\p{L}\p{N}]/u.test(before) || /[\p{L}\p{N}]/u.test(after)) continue;
      if (!taken.overlaps(i, i + value.length)) {
        out.push({ start: i, end: i + value.length, type: 'NUMERO_DOSSIER' });
        taken.add({ start: i, end: i + value.length });
      }
    }
  }
}

const MONTHS = 'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre';
const WEEKDAYS = 'lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|(?:lun|mar|mer|jeu|ven|sam|dim)\\.';
/** Months shortened with a point, as a form or a calendar prints them: "12 déc. 1958", "3 janv. 1990". */
const SHORT_MONTHS = 'janv\\.|févr\\.|fevr\\.|avr\\.|juil\\.|sept\\.|oct\\.|nov\\.|déc\\.|dec\\.';
/** A number in words, as in a date written out: "vingt-huit", "trente et un", "quatre-vingt-sept". */
const NUMBER_WORD = 'un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante';
const NUMBER_WORDS = `(?:${NUMBER_WORD})(?:[ -](?:et[ -])?(?:${NUMBER_WORD})(?![\\p{L}])){0,3}`;
/** "vingt-huit février deux mille seize", "premier mars mil neuf cent quatre-vingt-sept" (an act of civil status spells its dates out). */
const DATE_IN_WORDS = `(?:premier|${NUMBER_WORDS})[ \\u00A0]+(?:${MONTHS})[ \\u00A0]+(?:deux[ -]mille|mil(?:le)?[ -]neuf[ -]cents?)(?:[ -]${NUMBER_WORDS})?(?![\\p{L}-])`;
/** A date: "12 mars 1985" (after a weekday or not: "jeudi 14 juin 2007"), in words, "12/03/1985", "12 | 03 | 1985", "1985-03-12". */
const DATE_SOURCE = `(?:(?:(?:${WEEKDAYS})[ \\u00A0]+)?(?:(?:1er|\\d{1,2})[ \\u00A0]+(?:${MONTHS}|${SHORT_MONTHS})[ \\u00A0]+\\d{4}|${DATE_IN_WORDS})|\\d{1,2}[ \\u00A0]?[/.\\-][ \\u00A0]?\\d{1,2}[ \\u00A0]?[/.\\-][ \\u00A0]?(?:\\d{4}|\\d{2})(?!\\d)|\\d{2}[ \\u00A0]*\\|[ \\u00A0]*\\d{2}[ \\u00A0]*\\|[ \\u00A0]*\\d{4}|(?:19|20)\\d{2}-\\d{2}-\\d{2}(?!\\d))`;
const SP = '[ \\t\\u00A0]';
const DOB_RE = new RegExp(
  [
    // "né le", "née le :", "né(e) le", "née GUÉGAN le", "nés le"
    `(?<![\\p{L}])n[ée]e?s?(?:${SP}*\\(e\\))?(?:${SP}+\\p{Lu}[\\p{L}'’-]+){0,3}${SP}+(?:le|en${SP}+date${SP}+du)${SP}*:?${SP}*`,
    // "Date de naissance : …", "date de naissance de votre fils : …", "votre date de naissance (…)"
    `date${SP}+(?:et${SP}+lieu${SP}+)?(?:de${SP}+)?naiss(?:ance|\\.)(?:${SP}+(?:de|du|des)${SP}+[^:\\n(]{1,40}?)?${SP}*(?:\\((?:jj|JJ)[^)\\n]{0,15}\\))?${SP}*(?::|,${SP}*le${SP}+|,|est${SP}+(?:le${SP}+)?|:?${SP}*le${SP}+|\\()?${SP}*(?:(?:jour|jj|JJ)${SP}*\\|${SP}*(?:mois|mm|MM)${SP}*\\|${SP}*(?:année|aaaa|AAAA)${SP}*\\r?\\n(?:${SP}*\\r?\\n)?${SP}*)?`,
    `(?<![\\p{L}])(?:DDN|DN|Naissance)${SP}*:${SP}*`,
    // "votre date de naissance a été corrigée : …", "… enregistrée sous la forme « 1996-02-09 »": a verb, then a colon or quotes
    `date${SP}+de${SP}+naissance(?:${SP}+(?:de|du|des)${SP}+[^:\\n(«.]{1,40}?)?${SP}+(?:a|est|était|sera|avait|figure|figurant|apparaît|indiquée?|enregistrée?|inscrite?|corrigée?|rectifiée?|portée?|déclarée?|présumée?|supposée?)(?![\\p{L}])[^\\n.:;«\\d]{0,50}?(?::${SP}*|«[${SP.slice(1, -1)}]*)`,
  ]
    .map((x) => `(?:${x})`)
    .join('|')
    .replace(/^/, '(?:')
    .concat(`)(${DATE_SOURCE})`),
  'giu',
);

// (or the next cells of a row: "Né(e) le<tab>04/03/2018<tab>21/09/1981", one column per person)
const MORE_DATES_RE = new RegExp(`^(?:${SP}*(?:,|et|ou)${SP}*(?:le${SP}+)?|[ ]*\\t[ \\t]*|[ ]{2,}|[ ]*\\|[ ]*)(${DATE_SOURCE})(?![ ]?[/.-]?\\d)`, 'u');
/** "être née le", "vous êtes né le", "je suis née le": a person is born, whatever noun comes before. */
const PERSON_BORN_BEFORE_RE = /(?<![\p{L}])(?:être|êtes|suis|es)\s*$/u;
// (a colon between opens a list of the person's data: "données enregistrées à votre dossier : née le …")
const NOT_BORN_RE = /(?<![\p{L}])(?:tacite|implicite|permis|accord|décision|droit|refus|rejet|acceptation|litige|différend|dette|créance|contrat|dossier|sinistre)s?\s*(?:[^\s:]+\s*){0,2}$/iu;

export function findBirthDates(layout: Layout): PersonalDataSpan[] {
  const { text } = layout;
  if (!/naiss|n[ée]e?s?[\s(]|DDN/i.test(text)) return [];
  const out: PersonalDataSpan[] = [];
  DOB_RE.lastIndex = 0;
  for (let m = DOB_RE.exec(text); m; m = DOB_RE.exec(text)) {
    const date = m[1]!;
    const start = m.index + m[0].length - date.length;
    // "le permis tacite né le …", "la décision implicite née le …": not a birth
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    // (but "vous avez indiqué, dans votre dossier, être née le …": a person, the subject of "être")
    const before = text.slice(Math.max(lineStart, m.index - 40), m.index);
    if (/^n/i.test(m[0]) && NOT_BORN_RE.test(before) && !PERSON_BORN_BEFORE_RE.test(before)) continue;
    if (layout.animalBlock(layout.lines[layout.lineAt(m.index)]!.block)) continue;
    out.push({ start, end: start + date.length, type: 'DATE_NAISSANCE' });
    // "nés le 12/05/2015 et le 28/10/2019": the dates that follow
    let at = start + date.length;
    for (let k = 0; k < 6; k++) {
      const more = MORE_DATES_RE.exec(text.slice(at, at + 60));
      if (!more) break;
      const d = more[1]!;
      const s0 = at + more[0].length - d.length;
      out.push({ start: s0, end: s0 + d.length, type: 'DATE_NAISSANCE' });
      at = s0 + d.length;
    }
  }
  sameDatesElsewhere(text, out);
  return out;
}

const MONTH_NUMBER: Record<string, number> = { janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12 };
const NUMERIC_DATE_RE = /(?<![\d/.-])(?:(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d{2})|((?:19|20)\d{2})-(\d{2})-(\d{2})|(1er|\d{1,2})[ \u00A0]+([\p{L}]+)[ \u00A0]+((?:19|20)\d{2}))(?![\d/.-]?\d)/gu;

/** A date's day, month and year as "yyyy-mm-dd", or null. */
function dateKey(m: RegExpExecArray): string | null {
  const [d, mo, y] = m[1] ? [m[1], m[2]!, m[3]!] : m[4] ? [m[6]!, m[5]!, m[4]] : [m[7]!, String(MONTH_NUMBER[m[8]!.toLowerCase()] ?? ''), m[9]!];
  const day = d === '1er' ? 1 : Number(d);
  const month = Number(mo);
  if (!month || month > 12 || !day || day > 31) return null;
  return `${y}-${month}-${day}`;
}

/** The "yyyy-m-d" key of a date written in words ("huit avril deux mille un"), or null. */
function wordsDateKey(s: string): string | null {
  const m = /^([\p{L} -]+?)[ \u00A0]+(\p{L}+)[ \u00A0]+((?:deux[ -]mille|mil(?:le)?[ -]neuf[ -]cents?)[\p{L} -]*)$/u.exec(s.toLowerCase());
  if (!m || /\d/.test(s)) return null;
  const month = MONTH_NUMBER[m[2]!];
  const day = parseFrenchNumber(m[1]!) ?? -1;
  const year = parseFrenchNumber(m[3]!) ?? -1;
  if (!month || day < 1 || day > 31 || year < 1900 || year > 2100) return null;
  return `${year}-${month}-${day}`;
}

/**
 * A birth date given again in another form ("22/01/1987 (acte marocain : 1987-01-22)", "né le 3 mai 1990 …
 * votre date de naissance, 03/05/1990"): the same day elsewhere in the letter is the same birth date.
 */
function sameDatesElsewhere(text: string, out: PersonalDataSpan[]): void {
  if (out.length === 0) return;
  const keys = new Set<string>();
  const found: { start: number; end: number; key: string }[] = [];
  NUMERIC_DATE_RE.lastIndex = 0;
  // (a date written in words: "huit avril deux mille un (2001-04-08 sur l'acte)")
  for (const o of out) {
    const key = wordsDateKey(text.slice(o.start, o.end));
    if (key) keys.add(key);
  }
  for (let m = NUMERIC_DATE_RE.exec(text); m; m = NUMERIC_DATE_RE.exec(text)) {
    const key = dateKey(m);
    if (!key) continue;
    const span = { start: m.index, end: m.index + m[0].length, key };
    if (out.some((o) => o.start <= span.start && span.end <= o.end)) keys.add(key);
    else found.push(span);
  }
  for (const f of found) if (keys.has(f.key) && !out.some((o) => o.start < f.end && f.start < o.end)) out.push({ start: f.start, end: f.end, type: 'DATE_NAISSANCE' });
}
