/**
 * Tables laid out with spaces: a header row ("Nom et prénom    Date de naissance    N° de sécurité
 * sociale") and rows below it. A cell under a name column is a name, under a birth-date column a date
 * of birth.
 */
import { STREET_TYPES_SOURCE, hasOrgWord, type Layout } from './layout.js';
import { FULL_NAME_RE, scanName } from './names.js';
import type { PersonalDataSpan, PersonalDataType } from './types.js';

const NAME_COL_RE = /^(?:nom|pr[ée]nom|enfants?|bénéficiaires?|personnes?|patient|identité|ayant|membres?|titulaires?|assurée?s?|[ée]l[èe]ves?|[ée]tudiants?|conjoint|parents?|ayants?\s+droit|hériti(?:er|ère)s?|indivisaires?|coïndivisaires?|obligée?s?\s+alimentaires?|stagiaires?|salariée?s?(?![\p{L}])|apprentie?s?(?![\p{L}])|candidate?s?(?![\p{L}])|participante?s?|convoquée?s?|demandeu(?:r|se)s?\s+d['’]emploi|détenue?s?(?![\p{L}])|visiteu(?:r|se)s?(?![\p{L}])|victimes?(?![\p{L}])|témoins?(?![\p{L}])|plaignante?s?|prévenue?s?(?![\p{L}])|propriétaires?(?![\p{L}])|copropriétaires?(?:\s*\(s\))?(?![\p{L}])|demandeu(?:r|se)s?(?:\s*\(s\))?$|demanderesses?$|défend(?:eur|eresse)s?$|pétitionnaires?$|locataires?$|occupante?s?$|requérante?s?$|mandataires?$|naturalisée?s?(?![\p{L}]))/iu;
/** An address column: read only in a table of persons (a name or birth column beside it), not a list of services. */
const ADDRESS_COL_RE =
  /^(?:(?:nouvelle|ancienne|dernière)\s+)?(?:adresse|domicile|résidence)(?!\s+(?:e-?mail|mail|électronique|courriel|ip|web|internet|administrative|professionnelle|du\s+service|de\s+l['’](?:agence|établissement|organisme)|du\s+(?:centre|siège|cabinet)|de\s+la\s+structure))(?:\s+(?:si\s+non[ -]occupante?|[\p{L}'’]+(?:\s+[\p{L}'’]+)?))?$/iu;
/** In an address column, a cell of a street without its town ("14, rue de l'Essor", "3 bis, impasse des Merisiers"). */
const STREET_CELL_RE = new RegExp(`^\\d{1,4}(?:\\s?(?:bis|ter|[a-d]))?,?\\s+${STREET_TYPES_SOURCE}\\s+\\S`, 'iu');
// (abroad, the number after the street's name and a postcode of four digits: "Rue de la Station 41, 1410 Waterloo")
const ADDRESS_CELL_RE = /^(?:\d{1,4}(?:\s?(?:bis|ter))?,?\s+\p{L}[^|\t]*?(?:\d{5}|\d{2}\s\d{3})|\p{Lu}[^|\t\d,]{2,40}\s\d{1,4}(?:\s?(?:bis|ter|[a-zA-Z]))?,\s*(?:[A-Z]{1,2}-)?\d{4,5})\s+\p{Lu}/u;
/**
 * In an address column of a table of persons, a cell may hold no street number: a postcode and town end it
 * ("Le Moulin-Haut, 43100 Brioude"), or it is a house or a place ("Ferme des Granges", "Hameau de Vialas", "Grande Rue, n° 4").
 */
const PLACE_CELL_RE = /(?:^|,[ \t]*|[ \t]+)(?:\d{5}|\d{2}\s\d{3})\s+\p{Lu}[^|\t,]*$|^(?:ferme|mas|maison|villa|domaine|hameau|lieu-dit|lieudit|moulin|château|résidence|lotissement|grande[ -]rue|grand-rue)(?:\s+(?:de\s+la|de\s+l['’]|de|du|des|d['’]))?\s*\p{Lu}/iu;
/** A column of the place the service came to or the work was done, in a letter to a person: their home. */
const PERSON_PLACE_COL_RE = /^(?:lieu\s+(?:d['’]intervention|des\s+travaux|du\s+sinistre)|adresse\s+(?:du\s+logement|des\s+travaux|du\s+sinistre|de\s+l['’]intervention|du\s+bien)|logement\s+concerné)$/iu;
const NO_ADDRESS_CELL_RE = /ci-dessus|ci-dessous|idem|inconnue?|néant|même\s+adresse|sans\s+domicile/iu;
const ID_COL_RE = /(?:^|\s)(?:référence|réf\.?|n°|numéro|num|NNE|id(?=\s+\p{L})|identifiant|contrat|dossier|matricule|compte|INE|IPP|factures?|écrou|pièce\s+d['’]identité|passeport|CNI|immatriculation|immat\.|fiche|licence)(?![\p{L}])/iu;
/** In a table of persons only: the columns of their parents or guardians ("Resp. 1", "responsable", "representant_legal"). */
const GUARDIAN_COL_RE = /^(?:resp\.|responsables?|repr[ée]sentante?s?|m[èe]re|p[èe]re|tut(?:eur|rice)s?|contacts?\s+(?:famille|familial|proche))(?![\p{L}])(?!.*(?:t[ée]l|mail|courriel|adresse|portable))/iu;
/** In a table of persons only: a column of their phone numbers ("Tél. resp. 1", "telephone", "portable"). */
const PHONE_COL_RE = /^(?:t[ée]l(?:[ée]phone)?\.?|portable|mobile|gsm)(?![\p{L}])/iu;
const PHONE_CELL_RE = /^(?:\+\d{2,3}[ .]?)?\d[\d .-]{7,16}\d$/u;
/** A cell naming an identity document before its number. */
const ID_DOCUMENT_CELL_RE = /^(?:CNI|carte(?:[ \t]+(?:d['’]identité|de[ \t]+séjour|nationale))?|passeport|titre[ \t]+de[ \t]+séjour|TS|récépissé|permis(?:[ \t]+de[ \t]+conduire)?|livret(?:[ \t]+de[ \t]+famille)?)[ \t]*(?:n[°º][ \t]*)?:?[ \t]+([A-Z0-9][A-Z0-9/.-]{3,30})$/iu;
const DOB_COL_RE = /(?:naissance|naiss\.|^née?(?:\(e\))?(?:\s+le)?$|^d?dn$)/iu;
const DATE_CELL_RE = /^(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2}(?:er)?\s+\p{L}+\s+\d{4}|\d{2}\s*\|\s*\d{2}\s*\|\s*\d{4})$/u;

/** In a table read across, the label of a row of addresses. */
const ADDRESS_ROW_RE = /^(?:adresses?|domicile)(?:\s+(?:actuelle|postale|personnelle))?$/iu;
/** The label of a row that gives a person's name ("Nom de l'épouse", "Prénom du père", "Nom d'usage"), not a body's. */
const NAME_LABEL_ROW_RE = /^(?:nom|prénoms?|nom\s+et\s+prénoms?)(?![\p{L}])/iu;
const NOT_PERSON_ROW_RE = /(?<![\p{L}])(?:service|organisme|établissement|société|entreprise|employeur|banque|commune|ville|voie|rue|lieu|médecin|agent|conseill\p{L}*|gestionnaire|référente?|interlocut\p{L}*|notaire|avocate?|signataire|responsable|direct\p{L}*|école|produit|fichier|logiciel|modèle|document|formulaire|animal|chien|chat|cheval|navire|bateau|domaine|exploitation)(?![\p{L}])/iu;
/** In a table read across, the label of a row of names. */
const NAME_ROW_RE = /^(?:nom|prénom|identité)/iu;

/** A cell naming a body's officer: "Paul Mercier, gérant", "Mme Cordier, responsable gestion locative". */
const OFFICER_CELL_RE = /,[ \t]*(?:gérante?|co-?gérante?|présidente?|responsable|direct(?:eur|rice)|représentante?|chargée?|syndic|administrat(?:eur|rice))(?![\p{L}])/iu;

interface Cell {
  col: number;
  start: number;
  end: number;
  text: string;
}

/** A table's cells: between bars, between tabs, between semicolons (a CSV export), or set apart by two spaces or more. */
type Separator = 'pipes' | 'tabs' | 'semicolons' | 'spaces';

/** Every field between separators, empty ones too ("08:30;;LEGENDRE" keeps LEGENDRE in the third column). */
function fields(s: string, start: number, separator: string): Cell[] {
  const out: Cell[] = [];
  let at = 0;
  for (const [index, field] of s.split(separator).entries()) {
    let lead = field.length - field.trimStart().length;
    let t = field.trim();
    // (a quoted field of a CSV export: "\"7 rue Gambetta 76300 Sotteville\"")
    if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
      t = t.slice(1, -1);
      lead++;
    }
    out.push({ col: index, start: start + at + lead, end: start + at + lead + t.length, text: t });
    at += field.length + 1;
  }
  return out;
}

function cells(text: string, start: number, end: number, sep: Separator): Cell[] {
  const out: Cell[] = [];
  const s = text.slice(start, end);
  if (sep === 'semicolons') return fields(s, start, ';');
  const pipes = sep !== 'spaces';
  const re = sep === 'pipes' ? /[^|]+/g : sep === 'tabs' ? /[^\t]+/g : /\S+(?: \S+)*/g;
  let index = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const lead = m[0].length - m[0].trimStart().length;
    const t = m[0].trim();
    // (an empty last cell is the space after the closing bar; an empty first cell is kept, "| | Nom | Date |" heads
    // a column of row labels, the framing bar having been blanked by unframe)
    if (pipes && !t && (m.index + m[0].length === s.length || (m.index === 0 && sep === 'tabs'))) continue;
    out.push({ col: pipes ? index : m.index, start: start + m.index + lead, end: start + m.index + lead + t.length, text: t });
    index++;
  }
  return out;
}

export function findTableCells(layout: Layout): PersonalDataSpan[] {
  const { text, lines } = layout;
  const out: PersonalDataSpan[] = [];
  acrossTableAddresses(layout, out);
  for (let i = 0; i < lines.length - 1; i++) {
    const l = lines[i]!;
    // (a table of two columns whose outer bars were blanked as a frame's, see unframe: one bar left, rows of bars below)
    const bars = l.text.match(/\|/g)?.length ?? 0;
    const twoColumns = bars === 1 && /^[ \t]/.test(l.text) && (lines[i + 1]?.text.includes('|') ?? false);
    const semicolons = l.text.match(/;/g)?.length ?? 0;
    // (semicolons between short headings, spaced or not: "Nom ; Prénom ; Né le ; Lieu"; a sentence's parts are longer)
    const csv = semicolons >= 2 && l.text.split(';').every((h) => h.trim().split(/\s+/).length <= 4);
    const sep: Separator = bars >= 2 || twoColumns ? 'pipes' : /\S\t+\S/.test(l.text) ? 'tabs' : csv ? 'semicolons' : 'spaces';
    const pipes = sep !== 'spaces';
    // (a header holds no number but in brackets, "Tarif (QF 4)", or a heading's rank, "Resp. 1", "Parent 2")
    if (l.blank || (sep === 'spaces' && !/\S {2,}\S/.test(l.text)) || /\d/.test(l.text.replace(/\([^()\n]*\)/g, '').replace(/(?<![\p{L}\d])(?:au|du|le)[ \t]+\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?(?!\d)/gu, '').replace(/(?<=\p{L}\.?[ \t])[1-3](?![\p{L}\d])/gu, ''))) continue;
    const headCells = cells(text, l.start, l.end, sep);
    const head = headCells.filter((h) => h.text !== '');
    // ("Nom, prénom :     DUPONT Marie": a label and its value, no table header)
    // (one heading of a sheet of four columns or more may say more: "Défunts inhumés (nom – né(e) le – décès)")
    const long = head.filter((h) => h.text.split(' ').length > 6);
    if (head.length < 2 || head.some((h) => /:$/.test(h.text)) || long.length > (pipes && head.length >= 4 ? 1 : 0) || long.some((h) => h.text.split(' ').length > 12)) continue;
    // ("| Nom, prénom | CASTAGNÉ Manon | ESTÈVE Julien |": a row of a table read across, its cells hold names, not headings)
    // (a heading may look like a first name and a surname: "Identifiant FT", "Numéro CAF")
    if (head.some((h) => FULL_NAME_RE.test(h.text) && !ID_COL_RE.test(h.text) && !NAME_COL_RE.test(h.text) && !DOB_COL_RE.test(h.text))) continue;
    // (an export's headings are often written as identifiers: "date_naissance", "representant_legal")
    const headings = head.map((h) => h.text.replace(/_/g, ' '));
    const kinds: (PersonalDataType | null)[] = headings.map((h) =>
      DOB_COL_RE.test(h) ? 'DATE_NAISSANCE' : NAME_COL_RE.test(h) ? 'NOM' : ID_COL_RE.test(h) && !/sécurité|NIR|SIRET|SIREN|FINESS|téléphone/iu.test(h) ? 'NUMERO_DOSSIER' : ADDRESS_COL_RE.test(h) ? 'ADRESSE' : null,
    );
    // ("| Date | Lieu d'intervention | Montant |" in a bill to the person: the place the service came to, their home)
    const placeCols = layout.persons.length > 0 ? head.map((h) => PERSON_PLACE_COL_RE.test(h.text)) : [];
    // ("Bénéficiaire    SIRET    Action    Montant": a table of bodies, not of persons; but a table of persons may name
    // their employer's: "Nom    Prénom    Né(e) le    Employeur    SIRET employeur")
    const persons = kinds.includes('DATE_NAISSANCE') || headings.some((h) => /^pr[ée]noms?$/iu.test(h));
    // (in a table of persons: their parents' or guardians' names, their phone numbers, their codes: "code_pass_sport")
    if (persons)
      for (let k = 0; k < kinds.length; k++) {
        if (kinds[k] !== null) continue;
        const h = headings[k]!;
        kinds[k] = GUARDIAN_COL_RE.test(h) ? 'NOM' : PHONE_COL_RE.test(h) ? 'TELEPHONE' : /^code(?![\p{L}])(?!\s+(?:postal|commune|insee|uai))/iu.test(h) ? 'NUMERO_DOSSIER' : null;
      }
    if (!persons && head.some((h) => /(?<![\p{L}])(?:SIRET|SIREN|FINESS|RNA)(?![\p{L}])/u.test(h.text))) for (let k = 0; k < kinds.length; k++) if (kinds[k] === 'NOM') kinds[k] = null;
    // ("Nom    Fonction    RPPS / ADELI": a sheet of the staff, not of persons served)
    if (!persons && head.some((h) => /^(?:fonctions?|grades?|RPPS|ADELI)(?![\p{L}])/iu.test(h.text))) for (let k = 0; k < kinds.length; k++) if (kinds[k] === 'NOM') kinds[k] = null;
    // (a table of persons: a name or birth column, or a column whose first cells are persons' names, "PERNOT Claude",
    // under a heading of its own: "Affouagiste", "Exploitant")
    if (!kinds.includes('NOM') && !kinds.includes('DATE_NAISSANCE') && !(pipes && personRows(text, lines, i, sep))) for (let k = 0; k < kinds.length; k++) if (kinds[k] === 'ADRESSE') kinds[k] = null;
    for (let k = 0; k < kinds.length; k++) if (placeCols[k]) kinds[k] = 'ADRESSE';
    if (!kinds.some((k) => k !== null)) continue;
    // tab-separated lines are often "label<TAB>value" pairs: a header names two kinds of column at least, or
    // three columns or more with persons in the first ("Enfant<TAB>École<TAB>Montant", "Héritier<TAB>Part<TAB>Droits")
    if (sep === 'tabs' && kinds.filter((k) => k !== null).length < 2 && !(head.length >= 3 && kinds[0] === 'NOM')) continue;
    // (a CSV header names two kinds of column at least: "heure;matricule;nom;prénom;date_naissance;poste")
    if (sep === 'semicolons' && kinds.filter((k) => k !== null).length < 2) continue;
    const headTabs = l.text.split('\t').length;
    const mark = sep === 'pipes' ? '|' : sep === 'tabs' ? '\t' : sep === 'semicolons' ? ';' : null;
    // (a word processor's document: one paragraph per row, a blank line between paragraphs, under the header too)
    const paragraphs = mark !== null && !!lines[i + 1]?.blank && (lines[i + 2]?.text.includes(mark) ?? false);
    for (let j = i + 1, rows = 0; j < lines.length && rows < 20; j++) {
      const r = lines[j]!;
      if (r.blank && paragraphs && !lines[j - 1]!.blank && (lines[j + 1]?.text.includes(mark!) ?? false)) continue;
      if (r.blank || layout.zoneAt(r.start) === 'signature') break;
      rows++;
      if (sep === 'pipes' && !r.text.includes('|')) break;
      if (sep === 'tabs' && !r.text.includes('\t')) break;
      if (sep === 'semicolons' && !r.text.includes(';')) break;
      if (pipes && /^[\s|:-]+$/.test(r.text)) continue;
      // (a test line of an export: "TEST;TEST;Ligne;2000-01-01;…;0000000000")
      if (/(?<![\p{L}])TEST(?![\p{L}])/u.test(r.text)) continue;
      let row = cells(text, r.start, r.end, sep);
      // (a pasted sheet: one tab between cells, an empty cell is two tabs; when the row has exactly the header's
      // fields, each keeps its column: "48240<TAB>MOREAU Steven<TAB><TAB>Me Julie Royer")
      if (sep === 'tabs' && !/\t\t/.test(l.text)) {
        const exact = fields(text.slice(r.start, r.end), r.start, '\t');
        if (exact.length === headTabs) row = exact.filter((c) => c.text !== '');
      }
      const kindOf = (c: Cell, ci: number): string | null | undefined => {
        if (pipes) return kinds[head.indexOf(headCells[c.col] ?? head[0]!)] ?? null;
        // (a row with as many cells as the header: one cell per column, even set by hand off the header's columns)
        if (row.length === head.length) return kinds[ci];
        let best = 0;
        for (let k = 1; k < head.length; k++) if (Math.abs(head[k]!.col - c.col) < Math.abs(head[best]!.col - c.col)) best = k;
        return kinds[best];
      };
      // (a row whose name column holds a body, "SARL Transports Vidal": its numbers and address are the body's)
      // (and the names in its other columns are its officers': "SCI Les Trois Robec<TAB>…<TAB>Paul Mercier, gérant"; a row that
      // also names a person is that person's: "CHAMPAGNE HABITAT OPH | Mme Cindy DUPUIS")
      const nameCells = row.filter((c, ci) => c.text !== '' && kindOf(c, ci) === 'NOM');
      const bodyRow = nameCells.some((c) => hasOrgWord(c.text)) && nameCells.every((c) => hasOrgWord(c.text) || OFFICER_CELL_RE.test(c.text));
      for (const [ci, c] of row.entries()) {
        if (c.text === '') continue;
        const kind = kindOf(c, ci);
        if (bodyRow && (kind === 'NUMERO_DOSSIER' || kind === 'ADRESSE' || kind === 'NOM')) continue;
        if (kind === 'DATE_NAISSANCE' && DATE_CELL_RE.test(c.text)) out.push({ start: c.start, end: c.end, type: kind });
        else if (kind === 'TELEPHONE') {
          if (PHONE_CELL_RE.test(c.text) && (c.text.match(/\d/g)?.length ?? 0) >= 9) out.push({ start: c.start, end: c.end, type: kind });
        }
        else if (kind === 'NUMERO_DOSSIER') {
          // ("CNI X4RT72L90", "passeport O01728465", "titre de séjour 5102764418": the kind of document, then its number)
          const labelled = ID_DOCUMENT_CELL_RE.exec(c.text);
          if (labelled && (labelled[1]!.match(/\d/g)?.length ?? 0) >= 3) out.push({ start: c.end - labelled[1]!.length, end: c.end, type: kind });
          else if (/^[A-Z0-9][A-Z0-9 /.-]{2,30}$/.test(c.text) && (c.text.match(/\d/g)?.length ?? 0) >= 3 && !/^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$/.test(c.text))
            out.push({ start: c.start, end: c.end, type: kind });
        }
        // (a place's compound name may hold an organisation's word: "La Ville-Hervé")
        else if (kind === 'ADRESSE' && (ADDRESS_CELL_RE.test(c.text) || STREET_CELL_RE.test(c.text) || (PLACE_CELL_RE.test(c.text) && !NO_ADDRESS_CELL_RE.test(c.text) && !hasOrgWord(c.text.replace(/,[^,]*$/u, '').replace(/\p{L}+(?:-\p{L}+)+/gu, '')))))
          out.push({ start: c.start, end: c.end, type: kind });
        else if (kind === 'NOM' && !hasOrgWord(c.text)) {
          // (within the cell: a name does not run on into the next column, "Léonie<TAB>CM1")
          const e = Math.min(scanName(text, c.start, 5), c.end);
          // (or a first name and a surname in capitals, then what the cell says of them: "PERRIN Jean-Claude, 8, rue …")
          if (e > c.start && (e - c.start >= 0.6 * (c.end - c.start) || (FULL_NAME_RE.test(text.slice(c.start, e)) && /^[ \t]*(?:[,(–—]|\+?\d)/u.test(text.slice(e, c.end)))))
            out.push({ start: c.start, end: e, type: 'NOM' });
        }
      }
    }
  }
  return out;
}

/** The rows under a header (line `i`): two of the first three hold a person's name as a cell of its own. */
function personRows(text: string, lines: Layout['lines'], i: number, sep: Separator): boolean {
  let persons = 0;
  for (let j = i + 1, seen = 0; j < lines.length && seen < 3; j++) {
    const r = lines[j]!;
    // (a word processor's table: a blank paragraph under the header and between rows)
    if (r.blank && lines[i + 1]?.blank && !lines[j - 1]!.blank && (lines[j + 1]?.text.includes('|') ?? false)) continue;
    if (r.blank || !r.text.includes('|')) break;
    if (/^[\s|:-]+$/.test(r.text)) continue;
    seen++;
    if (cells(text, r.start, r.end, sep).some((c) => FULL_NAME_RE.test(c.text))) persons++;
  }
  return persons >= 2;
}

/**
 * A table read across, one column per person, the first cell of each row its label: under a row of names
 * ("| Nom, prénom | CASTAGNÉ Manon | ESTÈVE Julien |"), the cells of a row "| Adresse | … |" are addresses.
 */
function acrossTableAddresses(layout: Layout, out: PersonalDataSpan[]): void {
  const { text, lines } = layout;
  let namesRow = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.blank || (l.text.match(/\|/g)?.length ?? 0) < 2) {
      namesRow = -1;
      continue;
    }
    const row = cells(text, l.start, l.end, 'pipes').filter((c) => c.text !== '');
    if (row.length < 2) continue;
    if (NAME_ROW_RE.test(row[0]!.text) && row.slice(1).some((c) => FULL_NAME_RE.test(c.text))) namesRow = i;
    // ("| Nom de l'époux | MARCHAIS | MARCHAIX (nom d'usage) – naissance : LEROUX |": a row of a person's names, as written and
    // as corrected; each cell's names, at its start or after a colon or a dash)
    // (not the header of a table of columns, "| Nom et prénom | Date de naissance | Qualité |": a row under another row)
    const prev = lines[i - 1];
    const under = !!prev && !prev.blank && (prev.text.match(/\|/g)?.length ?? 0) >= 2;
    const headings = row.slice(1).some((c) => /^\p{L}[\p{Ll}\s'’()°.-]*$/u.test(c.text) && (DOB_COL_RE.test(c.text) || ID_COL_RE.test(c.text) || NAME_COL_RE.test(c.text) || ADDRESS_COL_RE.test(c.text)));
    if (under && !headings && NAME_LABEL_ROW_RE.test(row[0]!.text) && !NOT_PERSON_ROW_RE.test(row[0]!.text))
      for (const c of row.slice(1)) {
        if (hasOrgWord(c.text)) continue;
        for (const m of c.text.matchAll(/(?:^|[:–—][ \t]*)(?=\p{Lu})/gu)) {
          const at = c.start + m.index + m[0].length;
          const e = scanName(text, at, 4);
          if (e > at && e <= c.end) out.push({ start: at, end: e, type: 'NOM' });
        }
      }
    else if (namesRow >= 0 && ADDRESS_ROW_RE.test(row[0]!.text))
      for (const c of row.slice(1)) if (/\d/.test(c.text) && /\p{Lu}\p{Ll}/u.test(c.text) && !/ci-dessus|ci-dessous|idem|inconnue?/iu.test(c.text)) out.push({ start: c.start, end: c.end, type: 'ADRESSE' });
  }
}
