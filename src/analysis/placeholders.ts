/**
 * Merge fields of letter templates: «NOM», {{nom}}, {nom}, ${agent}, $(agent), %NOM%, #NOM#, <<NOM>>,
 * __NOM__, @NOM@, <%= nom %>, [NOM DE L'AGENT], <prénom>, XXXX, XX/XX/XXXX. They are not words (no
 * jargon, no word count) and stand for an element of a mention that the template leaves to be filled
 * in ("à compléter").
 */

/** Source of the merge-field regex (one alternative per syntax). */
export const PLACEHOLDER_SOURCE = [
  '«[\\p{L}\\p{N}_.\\-]{2,40}»',
  // {{ nom }}, {{ pieces.date_limite|date("d MMMM yyyy") }}, {% if … %}: template expressions and tags
  '\\{\\{[^{}\\n]{1,80}\\}\\}',
  '\\{%[^{}\\n]{1,80}%\\}',
  '\\$\\{[\\p{L}\\p{N}_.\\- ]{1,40}\\}',
  // $(agent_nom): a shell-like field
  '\\$\\([\\p{L}_][\\p{L}\\p{N}_.\\-]{0,40}\\)',
  // [[NOM]], [[SI LOGEMENT]] … [[FIN SI]]: double brackets, read whole (not as [NOM] inside brackets)
  '\\[\\[[^\\[\\]\\n]{1,60}\\]\\]',
  "\\[(?=[^\\]\\n]*\\p{Lu}[^\\]\\n]*\\p{Lu})[\\p{Lu}\\p{N}_ '’/\\-]{3,60}\\]",
  // <prénom>, <nom de l'usager>; not an HTML tag left in pasted text (<br>, <p>, <strong>…)
  "<(?!(?:br|p|b|i|u|em|strong|span|div|li|ul|ol|tr|td|th|a|hr|sup|sub)>)\\p{Ll}[\\p{L}\\p{N}_ '’\\-]{1,40}>",
  // {nom}, %NOM%, #NOM#, <<NOM>>: one identifier, no blank inside (so "50 % de … 20 %" is no field)
  '\\{[\\p{L}_][\\p{L}\\p{N}_.\\-]{0,40}\\}',
  '%[\\p{L}_][\\p{L}\\p{N}_.\\-]{0,40}%',
  '#[\\p{L}_][\\p{L}\\p{N}_.\\-]{0,40}#',
  '<<[\\p{L}_][\\p{L}\\p{N}_.\\- ]{0,40}>>',
  // __NOM__, @NOM@ (one identifier, no blank: an e-mail address has no second @), <%= nom %>
  '(?<![\\p{L}\\p{N}])__[\\p{L}\\p{N}][\\p{L}\\p{N}_]{0,40}__(?![\\p{L}\\p{N}])',
  '@[\\p{L}_][\\p{L}\\p{N}_]{0,40}@',
  '[<‹]%=?[^%\\n]{1,60}%>',
  'XX/XX/(?:XXXX|\\d{4}|XX|\\d{2})(?![\\p{L}\\p{N}])',
  '(?<![\\p{L}\\p{N}])X{3,}(?![\\p{L}\\p{N}])',
].join('|');

const TRIGGER = /[«{$[<%#@‹]|XXX|XX\/|__/;

// One regex for every call (each sentence is tokenised with it): its search always starts at 0.
const PLACEHOLDERS = new RegExp(PLACEHOLDER_SOURCE, 'gu');

/** Spans of the merge fields in a range of text (absolute offsets). */
export function placeholderSpans(text: string, from = 0, to = text.length): { start: number; end: number }[] {
  const range = from === 0 && to === text.length ? text : text.slice(from, to);
  if (!TRIGGER.test(range)) return [];
  const re = PLACEHOLDERS;
  re.lastIndex = 0;
  const out: { start: number; end: number }[] = [];
  for (let m = re.exec(range); m; m = re.exec(range)) out.push({ start: from + m.index, end: from + m.index + m[0].length });
  return out;
}

/**
 * The character that stands for a merge field in `maskPlaceholders`: a private-use character, so no
 * pattern reads it as a letter, a digit or a blank. A rule pattern's {placeholder} means a run of it.
 */
export const PLACEHOLDER_MASK = '\uE000';

/**
 * The text with every merge field replaced by as many mask characters (offsets unchanged): rule
 * patterns look for "a merge field here" with a one-character class instead of every field syntax,
 * which made them long to compile (a one-letter command line paid it), and a field's own words
 * ("[NOM DE L'AGENT]") are not read as text. The same string when there is no field.
 */
export function maskPlaceholders(text: string): string {
  const spans = placeholderSpans(text);
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const { start, end } of spans) {
    out += text.slice(at, start) + PLACEHOLDER_MASK.repeat(end - start);
    at = end;
  }
  return out + text.slice(at);
}

/** True when the text holds a merge field. */
export function hasPlaceholder(text: string): boolean {
  return placeholderSpans(text).length > 0;
}
