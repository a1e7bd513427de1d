/**
 * Our DOCX reader on real files: DOCX written by the `docx` package (Word's structures) and small
 * hand-written packages for what that package cannot write (alternate content, content controls,
 * moves, complex fields, strict OOXML, odd prefixes). Each gives its blocks, kinds and text.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AlignmentType,
  Bookmark,
  CarriageReturn,
  CheckBox,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  EndnoteReferenceRun,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  InsertedTextRun,
  InternalHyperlink,
  LevelFormat,
  NoBreakHyphen,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  SimpleField,
  SoftHyphen,
  SymbolRun,
  Tab,
  Table,
  TableCell,
  TableRow,
  TextRun,
  Textbox,
} from 'docx';
import { describe, expect, it } from 'vitest';
import { ingestLimits, loadConfig } from '../../src/config.js';
import { symbolChar } from '../../src/ingest/docx-reader.js';
import { extractDocument } from '../../src/ingest/extract.js';
import type { BlockKind } from '../../src/ingest/types.js';
import { ROOT } from '../../src/paths.js';
import { COMMENT_TEXT, FOOTER_TEXT, FOOTNOTE_TEXT, HEADER_TEXT, LIST_ITEMS, SUBJECT_TEXT, TABLE_CELLS, makeLetterDocx, makeZip } from '../../scripts/documents.js';

const limits = ingestLimits(loadConfig({}));

/** The blocks of a document as [kind, text] pairs. */
async function blocksOf(bytes: Buffer): Promise<[BlockKind, string][]> {
  const ex = await extractDocument(bytes, limits, 'unpdf');
  expect(ex.format).toBe('docx');
  return ex.blocks.map((b) => [b.kind, b.text]);
}

async function codeOf(bytes: Buffer): Promise<string> {
  try {
    await extractDocument(bytes, limits, 'unpdf');
    return 'report';
  } catch (e) {
    return (e as { code?: string }).code ?? 'crash';
  }
}

const p = (text: string): Paragraph => new Paragraph({ children: [new TextRun(text)] });
const cell = (...children: (Paragraph | Table)[]): TableCell => new TableCell({ children });

/** A DOCX of nearly every structure the `docx` package writes. */
async function richDocx(): Promise<Buffer> {
  const changed = { author: 'Agent', date: '2025-01-01T00:00:00Z' };
  const doc = new Document({
    numbering: {
      config: [
        { reference: 'puces', levels: [0, 1].map((level) => ({ level, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT })) },
        { reference: 'num', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT }] },
      ],
    },
    comments: { children: [{ id: 0, author: 'Agent', children: [p(COMMENT_TEXT)] }] },
    footnotes: {
      1: { children: [p('Première note de bas de page.')] },
      2: { children: [p('Deuxième note.'), p('Sa suite.')] },
      3: { children: [p('Note jamais citée.')] },
    },
    endnotes: { 1: { children: [p('Une note de fin.')] } },
    sections: [
      {
        properties: { titlePage: true },
        headers: {
          default: new Header({
            children: [p('Mairie de Valmont'), new Table({ rows: [new TableRow({ children: [cell(p('Service état civil')), cell(p('Tél. 01 23 45 67 89'))] })] })],
          }),
          first: new Header({ children: [p('Mairie de Valmont')] }),
        },
        footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' sur ', PageNumber.TOTAL_PAGES] })] })] }) },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Titre du courrier')] }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Objet : votre demande')] }),
          new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun('Sous-partie')] }),
          new Paragraph({ children: [new TextRun('Avant tab'), new TextRun({ children: [new Tab(), 'après tab'] }), new TextRun({ text: 'ligne deux', break: 1 })] }),
          new Paragraph({ children: [new TextRun('Avant saut de page.'), new PageBreak(), new TextRun('Après saut de page.')] }),
          new Paragraph({ children: [new TextRun({ children: ['Retour', new CarriageReturn(), 'chariot'] })] }),
          new Paragraph({ children: [new TextRun({ children: ['Jean', new NoBreakHyphen(), 'Pierre et adminis', new SoftHyphen(), 'tration'] })] }),
          new Paragraph({ children: [new TextRun('Coché '), new SymbolRun({ char: 'F0FC', symbolfont: 'Wingdings' }), new TextRun(' et alpha '), new SymbolRun({ char: 'F061', symbolfont: 'Symbol' })] }),
          new Paragraph({
            children: [
              new TextRun('Voir '),
              new ExternalHyperlink({ link: 'https://www.service-public.fr', children: [new TextRun('service-public.fr')] }),
              new TextRun(' et '),
              new InternalHyperlink({ anchor: 'ancre', children: [new TextRun('la suite')] }),
              new TextRun('.'),
            ],
          }),
          new Paragraph({ children: [new Bookmark({ id: 'ancre', children: [new TextRun('Ancre ici.')] })] }),
          new Paragraph({ children: [new TextRun('Fait le '), new SimpleField('DATE', '3 mars 2025'), new TextRun('.')] }),
          new Paragraph({
            children: [
              new TextRun('Texte '),
              new DeletedTextRun({ id: 1, ...changed, text: 'supprimé ' }),
              new InsertedTextRun({ id: 2, ...changed, text: 'inséré ' }),
              new TextRun('conservé.'),
            ],
          }),
          new Paragraph({ children: [new CommentRangeStart(0), new TextRun('Texte commenté.'), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] })] }),
          new Paragraph({ children: [new CheckBox({ checked: true }), new TextRun(' Je demande le remboursement.')] }),
          new Paragraph({ numbering: { reference: 'puces', level: 0 }, children: [new TextRun('Puce un')] }),
          new Paragraph({ numbering: { reference: 'puces', level: 1 }, children: [new TextRun('Puce imbriquée')] }),
          new Paragraph({ numbering: { reference: 'num', level: 0 }, children: [new TextRun('Numéro un')] }),
          new Table({
            rows: [
              new TableRow({ children: [cell(p('A1')), cell(p('B1'), new Table({ rows: [new TableRow({ children: [cell(p('Imbriquée 1')), cell(p('Imbriquée 2'))] })] }))] }),
              new TableRow({
                children: [new TableCell({ rowSpan: 2, children: [p('Fusion')] }), cell(new Paragraph({ numbering: { reference: 'puces', level: 0 }, children: [new TextRun('Liste en cellule')] }))],
              }),
              new TableRow({ children: [cell(p('B3'))] }),
            ],
          }),
          new Textbox({ style: { width: '200pt', height: '50pt' }, children: [p('Texte dans une zone de texte.')] }),
          new Paragraph({
            children: [
              new TextRun('Note un'),
              new FootnoteReferenceRun(1),
              new TextRun(' puis deux'),
              new FootnoteReferenceRun(2),
              new TextRun(' puis fin'),
              new EndnoteReferenceRun(1),
              new TextRun(' et encore un'),
              new FootnoteReferenceRun(1),
            ],
          }),
          p('Fin du courrier.'),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const W_STRICT = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
const OTHER_NS =
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"';

interface HandMade {
  body: string;
  styles?: string;
  numbering?: string;
  footnotes?: string;
  header?: string | Buffer;
  prefix?: string;
  strict?: boolean;
}

/** A DOCX package written by hand: parts found through their relationships, as Word writes them. */
function handDocx(o: HandMade): Promise<Buffer> {
  const w = o.prefix ?? 'w';
  const rel = o.strict ? 'http://purl.oclc.org/ooxml/officeDocument/relationships' : 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const part = (root: string, inner: string): string =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${w}:${root} xmlns:${w}="${o.strict ? W_STRICT : W}" ${OTHER_NS}>${inner}</${w}:${root}>`;
  const extra = (['styles', 'numbering', 'footnotes'] as const).filter((t) => o[t] !== undefined);
  const rels = extra.map((t, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/${t}" Target="${t}.xml"/>`).join('');
  const entries: { name: string; data: string | Buffer }[] = [
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="word/document.xml"/></Relationships>`,
    },
    { name: 'word/_rels/document.xml.rels', data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>` },
    { name: 'word/document.xml', data: part('document', `<${w}:body>${o.body}</${w}:body>`) },
  ];
  for (const t of extra) entries.push({ name: `word/${t}.xml`, data: part(t, o[t]!) });
  if (o.header !== undefined) entries.push({ name: 'word/header1.xml', data: typeof o.header === 'string' ? part('hdr', o.header) : o.header });
  return makeZip(entries);
}

const P = (inner: string, pPr = ''): string => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${inner}</w:p>`;
const R = (t: string): string => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
const box = (t: string): string => `<w:txbxContent>${P(R(t))}</w:txbxContent>`;

describe('DOCX written by the docx package', () => {
  it('reads the generated letter: heading, list, table, footnote, header and footer; no comment', async () => {
    const blocks = await blocksOf(await makeLetterDocx());
    expect(blocks[0]).toEqual(['heading', SUBJECT_TEXT]);
    expect(blocks.filter(([k]) => k === 'list-item').map(([, t]) => t)).toEqual([...LIST_ITEMS]);
    expect(blocks.filter(([k]) => k === 'cell').map(([, t]) => t)).toEqual(TABLE_CELLS.flat());
    expect(blocks.filter(([k]) => k === 'footnote')).toEqual([['footnote', FOOTNOTE_TEXT]]);
    expect(blocks.slice(-3)).toEqual([
      ['footnote', FOOTNOTE_TEXT],
      ['footer', FOOTER_TEXT],
      ['header', HEADER_TEXT],
    ]);
  });

  it('reads every structure of a rich document in order, each block with its kind', async () => {
    expect(await blocksOf(await richDocx())).toEqual([
      ['paragraph', 'Titre du courrier'],
      ['heading', 'Objet : votre demande'],
      ['heading', 'Sous-partie'],
      ['paragraph', 'Avant tab après tab\nligne deux'],
      // A page or column break, and w:cr, end a line (mammoth glued the words together).
      ['paragraph', 'Avant saut de page.\nAprès saut de page.'],
      ['paragraph', 'Retour\nchariot'],
      ['paragraph', 'Jean-Pierre et administration'],
      ['paragraph', 'Coché ✓ et alpha α'],
      ['paragraph', 'Voir service-public.fr et la suite.'],
      ['paragraph', 'Ancre ici.'],
      // The result of a simple field is text; a deletion is not, an insertion is.
      ['paragraph', 'Fait le 3 mars 2025.'],
      ['paragraph', 'Texte inséré conservé.'],
      ['paragraph', 'Texte commenté.'],
      ['paragraph', '☒ Je demande le remboursement.'],
      ['list-item', 'Puce un'],
      ['list-item', 'Puce imbriquée'],
      ['list-item', 'Numéro un'],
      ['cell', 'A1'],
      ['cell', 'B1'],
      ['cell', 'Imbriquée 1'],
      ['cell', 'Imbriquée 2'],
      ['cell', 'Fusion'],
      ['list-item', 'Liste en cellule'],
      ['cell', 'B3'],
      ['paragraph', 'Texte dans une zone de texte.'],
      ['paragraph', 'Note un puis deux puis fin et encore un'],
      ['paragraph', 'Fin du courrier.'],
      // Notes in the order of their first reference; a note never cited is left out.
      ['footnote', 'Première note de bas de page.'],
      ['footnote', 'Deuxième note.'],
      ['footnote', 'Sa suite.'],
      ['footnote', 'Une note de fin.'],
      // Field codes are not text; headers repeated on the first page are given once.
      ['footer', 'Page sur'],
      ['header', 'Mairie de Valmont'],
      ['header', 'Service état civil'],
      ['header', 'Tél. 01 23 45 67 89'],
    ]);
  });
});

describe('hand-written WordprocessingML', () => {
  it('reads one branch of mc:AlternateContent: the fallback when there is one, else the choice', async () => {
    const choice = `<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>${box('Zone de texte.')}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>`;
    const fallback = `<mc:Fallback><w:pict><v:shape><v:textbox>${box('Zone de texte.')}</v:textbox></v:shape></w:pict></mc:Fallback>`;
    expect(await blocksOf(await handDocx({ body: P(`${R('Avant la zone.')}<w:r><mc:AlternateContent>${choice}${fallback}</mc:AlternateContent></w:r>${R(' Après.')}`) }))).toEqual([
      ['paragraph', 'Avant la zone. Après.'],
      ['paragraph', 'Zone de texte.'],
    ]);
    expect(await blocksOf(await handDocx({ body: P(`${R('Avant.')}<w:r><mc:AlternateContent>${choice}</mc:AlternateContent></w:r>`) }))).toEqual([
      ['paragraph', 'Avant.'],
      ['paragraph', 'Zone de texte.'],
    ]);
  });

  it('reads content controls, smart tags and custom XML, not their properties', async () => {
    const body =
      `<w:sdt><w:sdtPr><w:alias w:val="Nom"/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr><w:sdtContent>${P(R('Contenu du contrôle.'))}</w:sdtContent></w:sdt>` +
      P(`${R('Madame ')}<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent>${R('Dupont')}</w:sdtContent></w:sdt>${R(', bonjour.')}`) +
      P(`${R('Le ')}<w:smartTag w:uri="urn:x" w:element="date"><w:smartTagPr><w:attr w:name="Year" w:val="2025"/></w:smartTagPr>${R('3 mars 2025')}</w:smartTag>${R('.')}`) +
      P(`<w:customXml w:element="x">${R('Balise XML.')}</w:customXml>`);
    expect(await blocksOf(await handDocx({ body }))).toEqual([
      ['paragraph', 'Contenu du contrôle.'],
      ['paragraph', 'Madame Dupont, bonjour.'],
      ['paragraph', 'Le 3 mars 2025.'],
      ['paragraph', 'Balise XML.'],
    ]);
  });

  it('leaves out deleted and moved-from text, deleted rows; joins a paragraph whose mark was deleted', async () => {
    const body =
      P(
        `${R('Début ')}<w:moveFrom w:id="1" w:author="A">${R('parti ')}</w:moveFrom><w:moveTo w:id="2" w:author="A">${R('arrivé ')}</w:moveTo>` +
          `<w:del w:id="3" w:author="A"><w:r><w:delText>effacé </w:delText></w:r></w:del><w:ins w:id="4" w:author="A">${R('ajouté ')}</w:ins>${R('fin.')}`,
      ) +
      P(R('Première moitié '), '<w:rPr><w:del w:id="5" w:author="A"/></w:rPr>') +
      P(R('et seconde.')) +
      `<w:tbl><w:tr><w:trPr><w:del w:id="6" w:author="A"/></w:trPr><w:tc>${P(R('Ligne supprimée'))}</w:tc></w:tr><w:tr><w:tc>${P(R('Ligne gardée'))}</w:tc></w:tr></w:tbl>`;
    expect(await blocksOf(await handDocx({ body }))).toEqual([
      ['paragraph', 'Début arrivé ajouté fin.'],
      ['paragraph', 'Première moitié et seconde.'],
      ['cell', 'Ligne gardée'],
    ]);
  });

  it('reads field results, never field instructions', async () => {
    const fld = (type: string): string => `<w:r><w:fldChar w:fldCharType="${type}"/></w:r>`;
    const body =
      P(`${R('Page ')}${fld('begin')}<w:r><w:instrText xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText></w:r>${fld('separate')}${R('2')}${fld('end')}${R(' sur ')}<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>3</w:t></w:r></w:fldSimple>`) +
      P(`${fld('begin')}<w:r><w:instrText> HYPERLINK "https://exemple.fr" </w:instrText></w:r>${fld('separate')}${R('le lien')}${fld('end')}`);
    expect(await blocksOf(await handDocx({ body }))).toEqual([
      ['paragraph', 'Page 2 sur 3'],
      ['paragraph', 'le lien'],
    ]);
  });

  it('reads strict OOXML and any prefix of the WordprocessingML namespace', async () => {
    const styles = '<w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/></w:style>';
    expect(await blocksOf(await handDocx({ strict: true, body: P(R('Texte strict'), '<w:pStyle w:val="Titre1"/>') + P(R('Suite.')), styles }))).toEqual([
      ['heading', 'Texte strict'],
      ['paragraph', 'Suite.'],
    ]);
    const body = '<ns0:p><ns0:pPr><ns0:pStyle ns0:val="Heading2"/></ns0:pPr><ns0:r><ns0:t>Préfixe inhabituel</ns0:t></ns0:r></ns0:p><ns0:p><ns0:r><ns0:t>Corps</ns0:t><ns0:tab/><ns0:t>suite</ns0:t></ns0:r></ns0:p>';
    expect(await blocksOf(await handDocx({ prefix: 'ns0', body }))).toEqual([
      ['heading', 'Préfixe inhabituel'],
      ['paragraph', 'Corps suite'],
    ]);
  });

  it('tells headings by style id, style name and outline level, not by a tracked former style', async () => {
    const styles =
      '<w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Chapitre"><w:name w:val="Chapitre"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="MonTitre"><w:name w:val="Mon titre"/><w:basedOn w:val="Chapitre"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Corps"><w:name w:val="Body Text"/></w:style>';
    const body =
      P(R('Titre français'), '<w:pStyle w:val="Titre1"/>') +
      P(R('Niveau hérité'), '<w:pStyle w:val="MonTitre"/>') +
      P(R('Niveau direct'), '<w:outlineLvl w:val="1"/>') +
      P(R('Corps de texte'), '<w:pStyle w:val="Corps"/>') +
      P(R('Titre retiré'), '<w:pStyle w:val="Corps"/><w:pPrChange w:id="1" w:author="A"><w:pPr><w:pStyle w:val="Titre1"/></w:pPr></w:pPrChange>');
    expect(await blocksOf(await handDocx({ body, styles }))).toEqual([
      ['heading', 'Titre français'],
      ['heading', 'Niveau hérité'],
      ['heading', 'Niveau direct'],
      ['paragraph', 'Corps de texte'],
      ['paragraph', 'Titre retiré'],
    ]);
  });

  it('tells list items by numbering.xml: numbering instance, level style, numbering style link; numId 0 is no list', async () => {
    const styles =
      '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>' +
      '<w:style w:type="numbering" w:styleId="MaListe"><w:name w:val="Ma liste"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>';
    const numbering =
      '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:pStyle w:val="ListBullet"/></w:lvl></w:abstractNum>' +
      '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="MaListe"/></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>';
    const num = (id: string): string => `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${id}"/></w:numPr>`;
    const body =
      P(R('Puce'), num('1')) + P(R('Sans liste'), num('0')) + P(R('Par le style'), '<w:pStyle w:val="ListBullet"/>') + P(R('Numéro inconnu'), num('9')) + P(R('Par lien de style'), num('2'));
    expect(await blocksOf(await handDocx({ body, styles, numbering }))).toEqual([
      ['list-item', 'Puce'],
      ['paragraph', 'Sans liste'],
      ['list-item', 'Par le style'],
      ['paragraph', 'Numéro inconnu'],
      ['list-item', 'Par lien de style'],
    ]);
  });

  it('reads footnotes in reference order, separators left out, a table in a note as cells', async () => {
    const note = (id: string, inner: string, type = ''): string => `<w:footnote ${type ? `w:type="${type}" ` : ''}w:id="${id}">${inner}</w:footnote>`;
    const footnotes =
      note('-1', P('<w:r><w:separator/></w:r>'), 'separator') +
      note('0', P('<w:r><w:continuationSeparator/></w:r>'), 'continuationSeparator') +
      note('1', P(`<w:r><w:footnoteRef/></w:r>${R(' Note un.')}`)) +
      note('2', P(`<w:r><w:footnoteRef/></w:r>${R(' Note deux.')}`) + `<w:tbl><w:tr><w:tc>${P(R('Cellule de note'))}</w:tc></w:tr></w:tbl>`);
    const body = P(`${R('Texte')}<w:r><w:footnoteReference w:id="2"/></w:r>${R(' et ')}<w:r><w:footnoteReference w:id="1"/></w:r>`);
    expect(await blocksOf(await handDocx({ body, footnotes }))).toEqual([
      ['paragraph', 'Texte et'],
      ['footnote', 'Note deux.'],
      ['cell', 'Cellule de note'],
      ['footnote', 'Note un.'],
    ]);
  });

  it('maps symbols, keeps ruby bases, leaves out ruby guides, math and soft hyphens', async () => {
    const body =
      P(`${R('Symboles ')}<w:r><w:sym w:font="Symbol" w:char="F0B3"/><w:sym w:font="Wingdings" w:char="F0FE"/><w:sym w:font="Arial" w:char="20AC"/><w:ptab w:alignment="right" w:relativeTo="margin" w:leader="none"/><w:t>fin</w:t></w:r>`) +
      P(`<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>かん</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>漢</w:t></w:r></w:rubyBase></w:ruby></w:r>`) +
      P(`${R('Soit ')}<m:oMath><m:r><m:t>x+1</m:t></m:r></m:oMath>${R(' la formule, cou')}<w:r><w:softHyphen/></w:r>${R('pée.')}`);
    expect(await blocksOf(await handDocx({ body }))).toEqual([
      ['paragraph', 'Symboles ≥☑€ fin'],
      ['paragraph', '漢'],
      ['paragraph', 'Soit la formule, coupée.'],
    ]);
    expect(symbolChar('Symbol', 'F061')).toBe('α');
    expect(symbolChar('Wingdings', 'F0FC')).toBe('✓');
    expect(symbolChar('Webdings', 'F021')).toBe('');
    expect(symbolChar('Arial', 'E001')).toBe('');
  });
});

describe('errors and limits', () => {
  it('says a package without its main part is incomplete', async () => {
    const zip = await makeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/styles.xml', data: `<w:styles xmlns:w="${W}"/>` },
    ]);
    await expect(extractDocument(zip, limits, 'unpdf')).rejects.toMatchObject({ code: 'UNREADABLE', message: expect.stringMatching(/incomplet/) });
  });
  it('says a main part with malformed XML is damaged', async () => {
    const bytes = await handDocx({ body: '<w:p><w:r><w:t>ouvert</w:r></w:p>' });
    await expect(extractDocument(bytes, limits, 'unpdf')).rejects.toMatchObject({ code: 'UNREADABLE', message: expect.stringMatching(/endommagé/) });
  });
  it('leaves out a malformed header but refuses a header longer than it declares', async () => {
    expect(await blocksOf(await handDocx({ body: P(R('Corps.')), header: Buffer.from('<w:hdr><w:p>') }))).toEqual([['paragraph', 'Corps.']]);
    const lying = await handDocx({ body: P(R('Corps.')), header: Buffer.alloc(2 * 1024 * 1024, 0x20) });
    const at = lying.lastIndexOf(Buffer.from('word/header1.xml')) - 46;
    expect(lying.readUInt32LE(at)).toBe(0x02014b50);
    lying.writeUInt32LE(1000, at + 24);
    expect(await codeOf(lying)).toBe('UNREADABLE');
  });
});

const FIXTURES = join(ROOT, '..', 'shared', 'eval', 'fixtures', 'docx');

describe.skipIf(!existsSync(FIXTURES))('shared DOCX fixtures', () => {
  it.each([
    ['mammoth__text-box.docx', [['paragraph', 'Datum plane']]],
    ['mammoth__strict-format.docx', [['paragraph', 'Test']]],
    ['mammoth__simple-list.docx', [['list-item', 'Apple'], ['list-item', 'Banana']]],
    ['mammoth__comments.docx', [['paragraph', 'Ouch.']]],
    [
      'mammoth__endnotes.docx',
      [
        ['paragraph', 'Ouch.'],
        ['footnote', 'A tachyon walks into a bar.'],
        ['footnote', 'Fin.'],
      ],
    ],
    [
      'mammoth__tables.docx',
      [
        ['paragraph', 'Above'],
        ['cell', 'Top left'],
        ['cell', 'Top right'],
        ['cell', 'Bottom left'],
        ['cell', 'Bottom right'],
        ['paragraph', 'Below'],
      ],
    ],
  ] as const)('%s', async (file, expected) => {
    expect(await blocksOf(readFileSync(join(FIXTURES, file)))).toEqual(expected);
  });
});
