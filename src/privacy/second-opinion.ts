/**
 * The personal data of a text Clarté stores: the rules' spans (findPersonalData), plus what a learned
 * tagger (tagger.ts) finds where the rules found nothing.
 *
 * Why: on letters no one had tuned anything on (blind sets of corpora/donnees-personnelles), the rules
 * miss 4 to 15 % of the personal data, a different part each time (new layouts, lists of persons, typed
 * drafts); the tagger, trained on the annotated development letters, misses other ones. A stored
 * version keeps what the rules miss in clear, while a false find only masks a word with a placeholder:
 * for what is stored, the union is the safer side. The model is trained at build time
 * (scripts/build-data.ts) from corpora/donnees-personnelles/dev*, deterministic (fixed seed and passes).
 * An ephemeral analysis only counts personal data, with the rules alone (fast, nothing is kept).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import { GENERATED_DIR } from '../paths.js';
import { readPersonalData, type PersonalDataSpan } from './personal-data.js';
import { Tagger, type ScoredSpan, type TaggerJSON } from './tagger.js';

/** The model trained by `npm run build`. */
export const TAGGER_FILE = join(GENERATED_DIR, 'donnees-personnelles.etiqueteur.json');

/**
 * Lowest confidence (mean margin of a span's tags over "no personal data") for a find of the tagger to
 * be kept. Chosen on the development sets' leave-one-set-out curve: from 0 to 150 the same recall and
 * fewer false finds; above, recall falls (scripts/experiment-pd-tagger.ts).
 */
export const TAGGER_GATE = 150;

/** Texts longer than this are tagged by pieces cut at line ends (the decoder's memory grows with the text). */
const PIECE = 50_000;

let model: Tagger | undefined;

/** The shipped tagger, read once (about 7 MB of JSON; a third of a second, 56 MB of heap while it loads; 36 MB kept once its prediction tables are built). */
export function shippedTagger(): Tagger {
  if (model) return model;
  let json: TaggerJSON;
  try {
    json = JSON.parse(readFileSync(TAGGER_FILE, 'utf8')) as TaggerJSON;
  } catch (e) {
    throw new AppError('INTERNAL', `Le modèle de détection des données personnelles est illisible ou absent (${TAGGER_FILE}) : relancez « npm run build ». ${(e as Error).message}`);
  }
  model = Tagger.fromJSON(json);
  return model;
}

/** The tagger's finds over a whole text, piece by piece when it is long. */
function tag(tagger: Tagger, text: string): ScoredSpan[] {
  if (text.length <= PIECE) return tagger.predict(text);
  const out: ScoredSpan[] = [];
  for (let from = 0; from < text.length; ) {
    let to = Math.min(text.length, from + PIECE);
    if (to < text.length) {
      const nl = text.lastIndexOf('\n', to);
      if (nl > from + PIECE / 2) to = nl + 1;
    }
    for (const s of tagger.predict(text.slice(from, to))) out.push({ ...s, start: s.start + from, end: s.end + from });
    from = to;
  }
  return out;
}

/** Groups that go on a number on its line (« 06 71 28 » found, « 44 90 » left): digits, or an IBAN's groups of four. */
const MORE_DIGITS = /^(?:[ .-]?\d{1,5}(?![\p{L}\d]))+/u;
const MORE_IBAN = /^(?: ?[0-9A-Z]{1,4}(?![\p{L}\d]))+/u;

/** A number the tagger found in part is replaced whole: its span goes on over the groups that follow on its line. */
function whole(text: string, s: ScoredSpan): ScoredSpan {
  const re = s.type === 'TELEPHONE' || s.type === 'NIR' ? MORE_DIGITS : s.type === 'IBAN' ? MORE_IBAN : null;
  const more = re?.exec(text.slice(s.end, s.end + 40));
  return more ? { ...s, end: s.end + more[0].length } : s;
}

/**
 * Spans of personal data to replace before a text is stored: the rules', plus the tagger's confident finds
 * that overlap none of them and stand where the rules know nothing of the service (its agents' lines,
 * contact block, signature, staff names: what the legal mentions read); sorted, non-overlapping.
 */
export function findPersonalDataToStore(text: string, tagger: Tagger = shippedTagger(), gate = TAGGER_GATE): PersonalDataSpan[] {
  const reading = readPersonalData(text);
  const rules = reading.spans;
  if (text.trim() === '') return rules;
  const extra: ScoredSpan[] = [];
  for (const found of tag(tagger, text)) {
    if (found.score < gate) continue;
    const s = whole(text, found);
    // (a number made whole may reach the tagger's next find: the first one keeps it)
    const last = extra[extra.length - 1];
    if (last && s.start < last.end) continue;
    if (!rules.some((r) => r.start < s.end && s.start < r.end) && !reading.theService(s)) extra.push(s);
  }
  if (extra.length === 0) return rules;
  return [...rules, ...extra.map(({ start, end, type }) => ({ start, end, type }))].sort((a, b) => a.start - b.start);
}
