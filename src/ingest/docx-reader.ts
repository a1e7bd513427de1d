/**
 * The XML side of the DOCX reader: streaming (saxes) handlers for the parts of a WordprocessingML
 * package: the body, notes, headers and footers (paragraphs into pending blocks), styles and numbering
 * (what makes a paragraph a heading or a list item), relationships (where the parts are).
 * Names are matched by namespace, not by prefix: transitional and strict OOXML read alike.
 */
import type { SaxesTagPlain } from 'saxes';
import type { XmlHandler } from './xml-blocks.js';
import type { BlockKind } from './types.js';

const W_NAMESPACES = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const MC_NAMESPACE = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** Element names of one part with their prefix replaced by the usual one ("w:", "mc:"), whatever the file declares. */
class Names {
  /** Declared prefix → usual prefix, for the namespaces the reader cares about. */
  private readonly prefixes = new Map<string, string>([
    ['w', 'w'],
    ['mc', 'mc'],
  ]);
  private readonly cache = new Map<string, string>();
  /** Raw prefixes of the WordprocessingML namespace, for attributes. */
  private wRaw: string[] = ['w'];
  private declared = false;

  /** Reads the namespace declarations of the root element (once). */
  declare(attributes: Record<string, string>): void {
    if (this.declared) return;
    this.declared = true;
    const w: string[] = [];
    for (const [key, uri] of Object.entries(attributes)) {
      if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
      const prefix = key === 'xmlns' ? '' : key.slice(6);
      if (W_NAMESPACES.has(uri)) {
        this.prefixes.set(prefix, 'w');
        w.push(prefix);
      } else if (uri === MC_NAMESPACE) this.prefixes.set(prefix, 'mc');
      // Any other namespace, even under the prefix "w", is none the reader knows.
      else this.prefixes.set(prefix, `~${prefix}`);
    }
    if (w.length) this.wRaw = w;
  }

  /** The element name with its usual prefix. */
  name(raw: string): string {
    let name = this.cache.get(raw);
    if (name === undefined) {
      const colon = raw.indexOf(':');
      const usual = this.prefixes.get(colon < 0 ? '' : raw.slice(0, colon));
      name = usual === undefined ? raw : `${usual}:${colon < 0 ? raw : raw.slice(colon + 1)}`;
      this.cache.set(raw, name);
    }
    return name;
  }

  /** A WordprocessingML attribute ("val" for w:val), whatever its prefix. */
  attr(tag: SaxesTagPlain, local: string): string | undefined {
    for (const p of this.wRaw) {
      const v = tag.attributes[p ? `${p}:${local}` : local];
      if (v !== undefined) return v;
    }
    return tag.attributes[local];
  }
}

/** A paragraph read from a part, its kind not yet known (styles and numbering are read alongside). */
export interface PendingBlock {
  /** What the paragraph's place makes it: paragraph, cell, footnote, header or footer. */
  kind: BlockKind;
  text: string;
  style?: string;
  numId?: string;
  ilvl?: string;
  outline?: number;
}

interface Paragraph {
  buf: string;
  style?: string;
  numId?: string;
  ilvl?: string;
  outline?: number;
  /** Its paragraph mark is a tracked deletion: its text joins the next paragraph. */
  deleted: boolean;
  /** Text boxes anchored in it: read after it, as mammoth does. */
  extras: PendingBlock[];
}

interface Snapshot {
  para: Paragraph | undefined;
  bufLength: number;
  sink: PendingBlock[];
  sinkLength: number;
  refs: number;
  carry: string;
}

/** Elements whose content is never text: tracked formatting changes, control properties, ruby guides. */
const SKIPPED = new Set([
  'w:sdtPr',
  'w:sdtEndPr',
  'w:pPrChange',
  'w:rPrChange',
  'w:tblPrChange',
  'w:trPrChange',
  'w:tcPrChange',
  'w:sectPrChange',
  'w:numberingChange',
  'w:tblPr',
  'w:tblGrid',
  'w:tcPr',
  'w:sectPr',
  'w:rt',
  'w:instrText',
  'w:delInstrText',
  'w:delText',
]);

const NOTE_SEPARATORS = new Set(['separator', 'continuationSeparator', 'continuationNotice']);

// Adobe Symbol encoding, 0x20–0x7E and 0xA0–0xFE (the Symbol font of w:sym).
const SYMBOL_LOW = ' !∀#∃%&∍()*+,−./0123456789:;<=>?≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_‾αβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}~';
const SYMBOL_HIGH = '€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐⎯↵ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓◊〈®©™∑⎛⎜⎝⎡⎢⎣⎧⎨⎩⎪〉∫⌠⎮⌡⎞⎟⎠⎤⎥⎦⎫⎬⎭';
// The Wingdings characters letters use: telephone, envelope, bullets, arrows, check boxes.
const WINGDINGS: Record<number, string> = {
  0x28: '☎',
  0x29: '✆',
  0x2a: '✉',
  0x6c: '●',
  0x6e: '■',
  0x6f: '□',
  0x71: '❑',
  0x76: '❖',
  0x77: '⬩',
  0x9f: '•',
  0xa7: '▪',
  0xa8: '□',
  0xd8: '➢',
  0xe0: '→',
  0xe8: '➔',
  0xf0: '⇨',
  0xfb: '✗',
  0xfc: '✓',
  0xfd: '☒',
  0xfe: '☑',
};

/** The character of a w:sym (symbol fonts mapped to Unicode); empty when unknown. */
export function symbolChar(font: string | undefined, hex: string | undefined): string {
  let code = parseInt(hex ?? '', 16);
  if (!Number.isInteger(code) || code <= 0) return '';
  // Symbol fonts are addressed in the private use area F000–F0FF.
  if (code >= 0xf000 && code <= 0xf0ff) code -= 0xf000;
  const f = (font ?? '').toLowerCase();
  if (f === 'symbol') {
    const c = code >= 0x20 && code <= 0x7e ? SYMBOL_LOW[code - 0x20] : code >= 0xa0 && code <= 0xfe ? SYMBOL_HIGH[code - 0xa0] : undefined;
    return c ?? '';
  }
  if (f.startsWith('wingdings') || f === 'webdings') return f === 'wingdings' ? (WINGDINGS[code] ?? '') : '';
  if (code < 0x20 || (code >= 0xe000 && code <= 0xf8ff) || code > 0x10ffff) return '';
  return String.fromCodePoint(code);
}

const CONTROL = /[\r\n\t\f\v]/;
const CONTROLS = /[\r\n\t\f\v]/g;

/**
 * `cleanLines` for a paragraph buffer, which holds no tab, carriage return or form feed (text() and
 * the tabs put blanks): blanks folded in each line, lines trimmed, empty lines dropped. Faster on long
 * paragraphs, where a regular expression replacing every single blank dominated the whole reading.
 */
function tidy(raw: string): string {
  const folded = raw.includes('  ') ? raw.replace(/ {2,}/g, ' ') : raw;
  if (!folded.includes('\n')) return folded.trim();
  let out = '';
  for (const line of folded.split('\n')) {
    const l = line.trim();
    if (l) out = out ? `${out}\n${l}` : l;
  }
  return out;
}

/** What a part holds: the body, the notes, or one header or footer. */
export type PartRole = 'body' | 'notes' | 'header' | 'footer';

/**
 * Reads the paragraphs of a WordprocessingML part (document, footnotes/endnotes, header, footer) into
 * pending blocks: text of w:t (and tabs, breaks, symbols) in runs, hyperlinks, fields, content controls,
 * smart tags, insertions and moves-to; deletions, moves-from, field instructions and comments left out;
 * of mc:AlternateContent only one branch (mc:Fallback when present, as mammoth, else the first mc:Choice).
 */
export class DocxPartReader implements XmlHandler {
  /** Blocks of the body, header or footer, in reading order. */
  readonly blocks: PendingBlock[] = [];
  /** Blocks of each note, by "footnote:id" / "endnote:id". */
  readonly notes = new Map<string, PendingBlock[]>();
  /** Note references of the body, in reading order ("footnote:id" / "endnote:id"). */
  readonly refs: string[] = [];

  private readonly names = new Names();
  private readonly stack: string[] = [];
  private readonly paras: Paragraph[] = [];
  private readonly rows: { sink: PendingBlock[]; length: number; deleted: boolean }[] = [];
  private readonly alts: { snapshot?: Snapshot; choiceRead: boolean }[] = [];
  private skip = 0;
  private cells = 0;
  private inText = false;
  private carry = '';
  private note: PendingBlock[] | undefined;
  private readonly container: BlockKind | undefined;

  constructor(private readonly role: PartRole) {
    this.container = role === 'header' || role === 'footer' ? role : undefined;
  }

  private sink(): PendingBlock[] {
    const top = this.paras[this.paras.length - 1];
    return top ? top.extras : (this.note ?? this.blocks);
  }

  private snapshot(): Snapshot {
    const para = this.paras[this.paras.length - 1];
    const sink = this.sink();
    return { para, bufLength: para?.buf.length ?? 0, sink, sinkLength: sink.length, refs: this.refs.length, carry: this.carry };
  }

  private rollback(s: Snapshot): void {
    if (s.para) s.para.buf = s.para.buf.slice(0, s.bufLength);
    s.sink.length = s.sinkLength;
    this.refs.length = s.refs;
    this.carry = s.carry;
  }

  open(t: SaxesTagPlain): void {
    // saxes sends a close event for every element, self-closing ones included: count them all.
    if (this.skip > 0) {
      this.skip++;
      return;
    }
    if (this.stack.length === 0) this.names.declare(t.attributes);
    const name = this.names.name(t.name);
    const parent = this.stack[this.stack.length - 1];
    const para = this.paras[this.paras.length - 1];
    switch (name) {
      case 'w:p': {
        const p: Paragraph = { buf: this.carry, deleted: false, extras: [] };
        this.carry = '';
        this.paras.push(p);
        break;
      }
      case 'w:t':
        if (parent === 'w:r') this.inText = true;
        break;
      case 'w:tab':
      case 'w:ptab':
        if (para && parent === 'w:r') para.buf += ' ';
        break;
      case 'w:br':
      case 'w:cr':
        if (para && parent === 'w:r') para.buf += '\n';
        break;
      case 'w:noBreakHyphen':
        if (para && parent === 'w:r') para.buf += '-';
        break;
      case 'w:sym':
        if (para && parent === 'w:r') para.buf += symbolChar(this.names.attr(t, 'font'), this.names.attr(t, 'char'));
        break;
      case 'w:rPr':
        // Run properties hold no text; those of the paragraph mark say whether it was deleted.
        if (parent !== 'w:pPr') {
          this.skip = 1;
          return;
        }
        break;
      case 'w:del':
        if (parent === 'w:rPr') {
          if (para) para.deleted = true;
        } else if (parent === 'w:trPr') {
          const row = this.rows[this.rows.length - 1];
          if (row) row.deleted = true;
        } else {
          this.skip = 1;
          return;
        }
        break;
      case 'w:moveFrom':
        if (parent !== 'w:rPr') {
          this.skip = 1;
          return;
        }
        break;
      case 'w:pStyle':
        if (para && parent === 'w:pPr') para.style = this.names.attr(t, 'val');
        break;
      case 'w:outlineLvl':
        if (para && parent === 'w:pPr') {
          const level = Number(this.names.attr(t, 'val'));
          if (Number.isInteger(level)) para.outline = level;
        }
        break;
      case 'w:numId':
      case 'w:ilvl':
        if (para && parent === 'w:numPr' && this.stack[this.stack.length - 2] === 'w:pPr') {
          const v = this.names.attr(t, 'val');
          if (v !== undefined) para[name === 'w:numId' ? 'numId' : 'ilvl'] = v;
        }
        break;
      case 'w:tc':
        this.cells++;
        break;
      case 'w:tr': {
        const sink = this.sink();
        this.rows.push({ sink, length: sink.length, deleted: false });
        break;
      }
      case 'w:footnoteReference':
      case 'w:endnoteReference':
        if (this.role === 'body') this.refs.push(`${name === 'w:footnoteReference' ? 'footnote' : 'endnote'}:${this.names.attr(t, 'id') ?? ''}`);
        break;
      case 'w:footnote':
      case 'w:endnote':
        if (this.role === 'notes' && this.stack.length === 1) {
          if (NOTE_SEPARATORS.has(this.names.attr(t, 'type') ?? '')) {
            this.skip = 1;
            return;
          }
          this.note = [];
          this.notes.set(`${name === 'w:footnote' ? 'footnote' : 'endnote'}:${this.names.attr(t, 'id') ?? ''}`, this.note);
        }
        break;
      case 'mc:AlternateContent':
        this.alts.push({ choiceRead: false });
        break;
      case 'mc:Choice': {
        const alt = this.alts[this.alts.length - 1];
        if (!alt || alt.choiceRead) {
          this.skip = 1;
          return;
        }
        alt.choiceRead = true;
        alt.snapshot = this.snapshot();
        break;
      }
      case 'mc:Fallback': {
        // Read only one branch: the fallback replaces what the choice gave.
        const alt = this.alts[this.alts.length - 1];
        if (alt?.snapshot) this.rollback(alt.snapshot);
        break;
      }
      default:
        if (SKIPPED.has(name)) {
          this.skip = 1;
          return;
        }
    }
    this.stack.push(name);
  }

  close(): void {
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    const name = this.stack.pop();
    switch (name) {
      case 'w:t':
        this.inText = false;
        break;
      case 'w:p':
        this.endParagraph();
        break;
      case 'w:tc':
        this.cells--;
        break;
      case 'w:tr': {
        const row = this.rows.pop();
        if (row?.deleted) row.sink.length = row.length;
        break;
      }
      case 'w:footnote':
      case 'w:endnote':
        if (this.stack.length === 1) this.note = undefined;
        break;
      case 'mc:AlternateContent':
        this.alts.pop();
        break;
    }
  }

  text(t: string): void {
    if (!this.inText || this.skip > 0) return;
    const para = this.paras[this.paras.length - 1];
    // Line breaks are w:br and w:cr; a line end inside w:t is a blank, as in Word.
    if (para) para.buf += CONTROL.test(t) ? t.replace(CONTROLS, ' ') : t;
  }

  private endParagraph(): void {
    const p = this.paras.pop();
    if (!p) return;
    if (p.deleted) {
      // A deleted paragraph mark joins the paragraph to the next one.
      this.carry += p.buf;
      this.sink().push(...p.extras);
      return;
    }
    const sink = this.sink();
    const text = tidy(p.buf);
    if (text) {
      const kind: BlockKind = this.container ?? (this.cells > 0 ? 'cell' : this.note ? 'footnote' : 'paragraph');
      const b: PendingBlock = { kind, text };
      if (p.style !== undefined) b.style = p.style;
      if (p.numId !== undefined) b.numId = p.numId;
      if (p.ilvl !== undefined) b.ilvl = p.ilvl;
      if (p.outline !== undefined) b.outline = p.outline;
      sink.push(b);
    }
    for (const e of p.extras) sink.push(e);
  }
}

interface StyleDef {
  name?: string;
  basedOn?: string;
  outline?: number;
  numId?: string;
  ilvl?: string;
}

/**
 * The walk shared by the small parts (styles, numbering): namespace-aware names, the stack of open
 * elements, and whole subtrees skipped.
 */
abstract class PartWalker implements XmlHandler {
  protected readonly names = new Names();
  private readonly stack: string[] = [];
  private skip = 0;

  /** Elements whose whole subtree is of no use. */
  protected abstract readonly skipped: ReadonlySet<string>;
  /** An element opens (its name with our prefixes, and its parent's). */
  protected abstract element(t: SaxesTagPlain, name: string, parent: string | undefined): void;
  /** An element closes. */
  protected abstract ended(name: string | undefined): void;

  open(t: SaxesTagPlain): void {
    if (this.skip > 0) {
      this.skip++;
      return;
    }
    if (this.stack.length === 0) this.names.declare(t.attributes);
    const name = this.names.name(t.name);
    if (this.skipped.has(name)) {
      this.skip = 1;
      return;
    }
    this.element(t, name, this.stack[this.stack.length - 1]);
    this.stack.push(name);
  }

  close(): void {
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    this.ended(this.stack.pop());
  }

  text(): void {}
}

/** Reads word/styles.xml: each style's name, parent, outline level and numbering. */
export class StylesReader extends PartWalker {
  /** Paragraph styles by id (the first definition of an id wins). */
  readonly paragraph = new Map<string, StyleDef>();
  /** Numbering styles (w:numStyleLink targets) by id: their numbering instance. */
  readonly numbering = new Map<string, string>();
  protected readonly skipped: ReadonlySet<string> = new Set(['w:latentStyles', 'w:docDefaults', 'w:rPr', 'w:tblPr', 'w:tblStylePr', 'w:pPrChange']);
  private current: { type: string; id: string; def: StyleDef } | undefined;

  protected element(t: SaxesTagPlain, name: string, parent: string | undefined): void {
    if (name === 'w:style') {
      const id = this.names.attr(t, 'styleId');
      const type = this.names.attr(t, 'type') ?? 'paragraph';
      if (id !== undefined && !(type === 'numbering' ? this.numbering.has(id) : this.paragraph.has(id))) {
        this.current = { type, id, def: {} };
        if (type === 'paragraph') this.paragraph.set(id, this.current.def);
        else if (type === 'numbering') this.numbering.set(id, '');
      } else this.current = undefined;
    } else if (this.current) {
      const def = this.current.def;
      const val = this.names.attr(t, 'val');
      if (name === 'w:name' && parent === 'w:style') def.name = val;
      else if (name === 'w:basedOn' && parent === 'w:style') def.basedOn = val;
      else if (name === 'w:outlineLvl' && parent === 'w:pPr') {
        const level = Number(val);
        if (Number.isInteger(level)) def.outline = level;
      } else if (name === 'w:numId' && parent === 'w:numPr') {
        def.numId = val;
        if (this.current.type === 'numbering' && val !== undefined) this.numbering.set(this.current.id, val);
      } else if (name === 'w:ilvl' && parent === 'w:numPr') def.ilvl = val;
    }
  }

  protected ended(name: string | undefined): void {
    if (name === 'w:style') this.current = undefined;
  }
}

/** Reads word/numbering.xml: which numbering instances and levels exist (mammoth's test for a list item). */
export class NumberingReader extends PartWalker {
  /** numId → abstractNumId. */
  readonly nums = new Map<string, string>();
  /** abstractNumId → its levels and its link to a numbering style. */
  readonly abstracts = new Map<string, { levels: Set<string>; link?: string }>();
  /** Paragraph styles a level names (w:lvl/w:pStyle): such paragraphs are list items. */
  readonly styles = new Set<string>();
  protected readonly skipped: ReadonlySet<string> = new Set(['w:rPr', 'w:pPr', 'w:numPicBullet']);
  private abstract: { levels: Set<string>; link?: string } | undefined;
  private num: string | undefined;

  protected element(t: SaxesTagPlain, name: string, parent: string | undefined): void {
    if (name === 'w:abstractNum') {
      this.abstract = { levels: new Set() };
      this.abstracts.set(this.names.attr(t, 'abstractNumId') ?? '', this.abstract);
    } else if (name === 'w:num') this.num = this.names.attr(t, 'numId');
    else if (this.abstract && name === 'w:lvl' && parent === 'w:abstractNum') this.abstract.levels.add(this.names.attr(t, 'ilvl') ?? '0');
    else if (this.abstract && name === 'w:pStyle' && parent === 'w:lvl') {
      const v = this.names.attr(t, 'val');
      if (v !== undefined) this.styles.add(v);
    } else if (this.abstract && name === 'w:numStyleLink' && parent === 'w:abstractNum') {
      const v = this.names.attr(t, 'val');
      if (v !== undefined) this.abstract.link = v;
    } else if (this.num !== undefined && name === 'w:abstractNumId' && parent === 'w:num' && !this.nums.has(this.num)) {
      this.nums.set(this.num, this.names.attr(t, 'val') ?? '');
    }
  }

  protected ended(name: string | undefined): void {
    if (name === 'w:abstractNum') this.abstract = undefined;
    else if (name === 'w:num') this.num = undefined;
  }
}

/** Reads a relationships part (*.rels): internal targets by type (the last segment of the type URI). */
export class RelsReader implements XmlHandler {
  /** Type (e.g. "officeDocument", "styles") → targets, in order. */
  readonly targets = new Map<string, string[]>();

  open(t: SaxesTagPlain): void {
    if (!t.name.endsWith('Relationship')) return;
    const type = t.attributes.Type;
    const target = t.attributes.Target;
    if (!type || !target || t.attributes.TargetMode === 'External') return;
    const key = type.slice(type.lastIndexOf('/') + 1);
    const list = this.targets.get(key);
    if (list) list.push(target);
    else this.targets.set(key, [target]);
  }

  close(): void {}
  text(): void {}
}

/** The part a relationship target names, from the folder of the part that holds the relationship. */
export function resolveTarget(folder: string, target: string): string {
  let path = target.startsWith('/') ? target.slice(1) : folder ? `${folder}/${target}` : target;
  try {
    path = decodeURI(path);
  } catch {
    // a malformed escape: keep the name as written
  }
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg && seg !== '.') out.push(seg);
  }
  return out.join('/');
}

function isHeadingName(name: string): boolean {
  return name === 'Heading' || /^(?:heading|titre) ?[1-9]$/i.test(name);
}

/** What styles and numbering say about paragraphs: heading, list item or neither. */
export class Classifier {
  constructor(
    private readonly styles: StylesReader | undefined,
    private readonly numbering: NumberingReader | undefined,
  ) {}

  /** The final kind of a pending block. */
  kind(b: PendingBlock): BlockKind {
    if (b.kind === 'header' || b.kind === 'footer') return b.kind;
    if (this.isHeading(b)) return 'heading';
    if (this.isListItem(b)) return 'list-item';
    return b.kind;
  }

  private isHeading(b: PendingBlock): boolean {
    // mammoth's default style map (Heading1…6 by id or name, Apple Pages' "Heading") and French
    // Word's "Titre1…"; then the outline level of the paragraph or of its style (Word's navigation pane).
    if (b.style !== undefined && isHeadingName(b.style)) return true;
    const own = b.style === undefined ? undefined : this.styles?.paragraph.get(b.style);
    if (own?.name !== undefined && isHeadingName(own.name)) return true;
    if (b.outline !== undefined) return b.outline >= 0 && b.outline <= 8;
    const seen = new Set<string>();
    for (let id = b.style; id !== undefined && !seen.has(id) && seen.size < 20; ) {
      seen.add(id);
      const def = this.styles?.paragraph.get(id);
      if (def?.outline !== undefined) return def.outline >= 0 && def.outline <= 8;
      id = def?.basedOn;
    }
    return false;
  }

  private isListItem(b: PendingBlock): boolean {
    const n = this.numbering;
    if (!n) return false;
    if (b.numId !== undefined && b.ilvl !== undefined) return this.hasLevel(b.numId, b.ilvl);
    if (b.style !== undefined && n.styles.has(b.style)) return true;
    if (b.numId !== undefined) return this.hasLevel(b.numId, '0');
    // Numbering given by the paragraph style itself (Word's "List Bullet"…).
    const seen = new Set<string>();
    for (let id: string | undefined = b.style; id !== undefined && !seen.has(id) && seen.size < 20; id = this.styles?.paragraph.get(id)?.basedOn) {
      seen.add(id);
      const def = this.styles?.paragraph.get(id);
      if (def?.numId !== undefined) return this.hasLevel(def.numId, def.ilvl ?? '0');
    }
    return false;
  }

  private hasLevel(numId: string, ilvl: string, seen = new Set<string>()): boolean {
    const n = this.numbering;
    if (!n || seen.has(numId)) return false;
    seen.add(numId);
    const abstractId = n.nums.get(numId);
    const abstract = abstractId === undefined ? undefined : n.abstracts.get(abstractId);
    if (!abstract) return false;
    if (abstract.link === undefined) return abstract.levels.has(ilvl);
    const linked = this.styles?.numbering.get(abstract.link);
    return linked ? this.hasLevel(linked, ilvl, seen) : false;
  }
}
