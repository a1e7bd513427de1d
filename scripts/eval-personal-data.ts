/**
 * Evaluation of the personal-data detector on an annotated set: plain-text letters where each personal
 * datum is wrapped ⟦TYPE:text⟧. A gold span is found when a detection of the same type overlaps it and
 * covers at least 80 % of its characters (overlap alone for ADRESSE and NOM). A detection that overlaps
 * no gold span is a false positive.
 *
 *   node dist/scripts/eval-personal-data.js corpora/donnees-personnelles/dev [--manquees] [--docx] [--stockage]
 * (--stockage: what a stored version loses, the rules and the learned tagger; see src/privacy/second-opinion.ts)
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPersonalData, type PersonalDataSpan, type PersonalDataType } from '../src/privacy/personal-data.js';
import { findPersonalDataToStore } from '../src/privacy/second-opinion.js';

export const PERSONAL_DATA_TYPES: readonly PersonalDataType[] = ['NIR', 'IBAN', 'TELEPHONE', 'EMAIL', 'ADRESSE', 'DATE_NAISSANCE', 'NOM', 'NUMERO_DOSSIER'];

export interface TypeFigures {
  gold: number;
  found: number;
  recall: number;
  detections: number;
  falsePositives: number;
}

export interface PersonalDataEval {
  files: number;
  perType: Record<PersonalDataType, TypeFigures>;
  gold: number;
  found: number;
  recall: number;
  /** Gold spans overlapped by a detection of any type. */
  foundAnyType: number;
  recallAnyType: number;
  detections: number;
  falsePositives: number;
  falsePositiveRate: number;
  /** The false positives (file, type, text), in reading order. */
  falsePositiveTexts: { file: string; type: PersonalDataType; text: string }[];
  /** The gold spans that were not found (file, type, text). */
  missed: { file: string; type: PersonalDataType; text: string; foundAs?: PersonalDataType }[];
  /** Mean detection time per letter, in milliseconds (warm: median of five passes after a warm-up of `warmUp` letters). */
  meanMs: number;
  /** Mean number of words per letter. */
  meanWords: number;
}

export interface Annotated {
  text: string;
  gold: PersonalDataSpan[];
}

const MARK_RE = /⟦(NIR|IBAN|TELEPHONE|EMAIL|ADRESSE|DATE_NAISSANCE|NOM|NUMERO_DOSSIER):/gu;

/** The plain text and the gold spans of an annotated letter (⟦TYPE:…⟧ marks removed). */
export function parseAnnotated(source: string): Annotated {
  let text = '';
  const gold: PersonalDataSpan[] = [];
  let at = 0;
  MARK_RE.lastIndex = 0;
  for (let m = MARK_RE.exec(source); m; m = MARK_RE.exec(source)) {
    const close = source.indexOf('⟧', m.index + m[0].length);
    if (close < 0) break;
    text += source.slice(at, m.index);
    const inner = source.slice(m.index + m[0].length, close);
    gold.push({ start: text.length, end: text.length + inner.length, type: m[1] as PersonalDataType });
    text += inner;
    at = close + 1;
    MARK_RE.lastIndex = at;
  }
  text += source.slice(at);
  return { text, gold };
}

function overlap(a: PersonalDataSpan, b: PersonalDataSpan): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** True when a detection finds a gold span (same type; 80 % of its characters, or overlap for ADRESSE and NOM). */
export function matches(gold: PersonalDataSpan, det: PersonalDataSpan): boolean {
  if (gold.type !== det.type) return false;
  const o = overlap(gold, det);
  if (o === 0) return false;
  if (gold.type === 'ADRESSE' || gold.type === 'NOM') return true;
  return o >= 0.8 * (gold.end - gold.start);
}

/**
 * The letter as a word processor's document comes out of our DOCX and ODT readers: one paragraph per
 * line, no indentation, a blank line between any two paragraphs.
 */
export function asWordProcessorText(source: string): string {
  return source
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n\n');
}

export interface EvalOptions {
  /** Read each letter as it comes out of a DOCX (see asWordProcessorText). */
  wordProcessor?: boolean;
  /** Letters analysed before timing (3,000 by default; less once the process has analysed as many). */
  warmUp?: number;
  /** Measure what a stored version loses (the rules and the learned tagger) rather than the rules alone. */
  store?: boolean;
}

export async function evaluatePersonalData(dir: string, options: EvalOptions = {}): Promise<PersonalDataEval> {
  const names = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort();
  const letters: { file: string; a: Annotated }[] = [];
  for (const f of names) {
    const source = await readFile(join(dir, f), 'utf8');
    letters.push({ file: f, a: parseAnnotated(options.wordProcessor ? asWordProcessorText(source) : source) });
  }
  const perType = Object.fromEntries(PERSONAL_DATA_TYPES.map((t) => [t, { gold: 0, found: 0, recall: 1, detections: 0, falsePositives: 0 }])) as Record<PersonalDataType, TypeFigures>;
  const falsePositiveTexts: PersonalDataEval['falsePositiveTexts'] = [];
  const missed: PersonalDataEval['missed'] = [];
  let foundAnyType = 0;
  // Warm-up of `warmUp` letters whatever the set's size (four passes over a set of 40 letters left the
  // compiler cold: a set then read 1.6 times slower than the same code over the 650 letters), then five
  // timed passes of at least 200 letters each; the median pass is kept.
  const find = options.store ? findPersonalDataToStore : findPersonalData;
  const results = letters.map(({ a }) => find(a.text));
  const rounds = letters.length ? Math.ceil(200 / letters.length) : 0;
  const warmRounds = letters.length ? Math.ceil((options.warmUp ?? 3000) / letters.length) : 0;
  for (let k = 0; k < warmRounds; k++) for (const { a } of letters) find(a.text);
  const passes: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) for (const { a } of letters) find(a.text);
    passes.push((performance.now() - t0) / rounds);
  }
  passes.sort((x, y) => x - y);
  const meanMs = letters.length ? passes[2]! / letters.length : 0;
  const meanWords = letters.length ? letters.reduce((n, { a }) => n + (a.text.match(/\S+/g)?.length ?? 0), 0) / letters.length : 0;
  letters.forEach(({ file, a }, i) => {
    const dets = results[i]!;
    for (const g of a.gold) {
      const fig = perType[g.type];
      fig.gold++;
      if (dets.some((d) => matches(g, d))) fig.found++;
      else {
        const other = dets.find((d) => overlap(g, d) > 0);
        missed.push({ file, type: g.type, text: a.text.slice(g.start, g.end), ...(other ? { foundAs: other.type } : {}) });
      }
      if (dets.some((d) => overlap(g, d) > 0)) foundAnyType++;
    }
    for (const d of dets) {
      const fig = perType[d.type];
      fig.detections++;
      if (!a.gold.some((g) => overlap(g, d) > 0)) {
        fig.falsePositives++;
        falsePositiveTexts.push({ file, type: d.type, text: a.text.slice(d.start, d.end) });
      }
    }
  });
  let gold = 0;
  let found = 0;
  let detections = 0;
  let falsePositives = 0;
  for (const t of PERSONAL_DATA_TYPES) {
    const f = perType[t];
    f.recall = f.gold ? f.found / f.gold : 1;
    gold += f.gold;
    found += f.found;
    detections += f.detections;
    falsePositives += f.falsePositives;
  }
  return {
    files: letters.length,
    perType,
    gold,
    found,
    recall: gold ? found / gold : 1,
    foundAnyType,
    recallAnyType: gold ? foundAnyType / gold : 1,
    detections,
    falsePositives,
    falsePositiveRate: detections ? falsePositives / detections : 0,
    falsePositiveTexts,
    missed,
    meanMs,
    meanWords,
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(1).replace('.', ',')} %`;

/** The French report printed by the command line. */
export function formatEval(e: PersonalDataEval, options: { missed?: boolean; wordProcessor?: boolean } = {}): string {
  const rows: string[] = [];
  rows.push(`Données personnelles — ${e.files} courriers${options.wordProcessor ? ' (mis en page comme un DOCX : un paragraphe par ligne)' : ''}`);
  rows.push('');
  rows.push(`${'type'.padEnd(16)}${'attendues'.padStart(10)}${'trouvées'.padStart(10)}${'rappel'.padStart(10)}${'détections'.padStart(12)}${'faux positifs'.padStart(15)}`);
  for (const t of PERSONAL_DATA_TYPES) {
    const f = e.perType[t];
    rows.push(`${t.padEnd(16)}${String(f.gold).padStart(10)}${String(f.found).padStart(10)}${pct(f.recall).padStart(10)}${String(f.detections).padStart(12)}${String(f.falsePositives).padStart(15)}`);
  }
  rows.push('');
  rows.push(`Rappel global : ${pct(e.recall)} (${e.found}/${e.gold})`);
  rows.push(`Rappel tous types confondus : ${pct(e.recallAnyType)} (${e.foundAnyType}/${e.gold})`);
  rows.push(`Taux de faux positifs : ${pct(e.falsePositiveRate)} (${e.falsePositives}/${e.detections} détections)`);
  rows.push(`Temps moyen par courrier : ${e.meanMs.toFixed(3).replace('.', ',')} ms (${Math.round(e.meanWords)} mots en moyenne)`);
  if (e.falsePositiveTexts.length) {
    rows.push('');
    rows.push(`Faux positifs (${Math.min(30, e.falsePositiveTexts.length)} premiers sur ${e.falsePositiveTexts.length}) :`);
    for (const f of e.falsePositiveTexts.slice(0, 30)) rows.push(`  ${f.file}  ${f.type}  « ${f.text.replace(/\s*\n\s*/g, ' ⏎ ')} »`);
  }
  if (options.missed && e.missed.length) {
    rows.push('');
    rows.push(`Données manquées (${e.missed.length}) :`);
    for (const m of e.missed) rows.push(`  ${m.file}  ${m.type}  « ${m.text.replace(/\s*\n\s*/g, ' ⏎ ')} »${m.foundAs ? ` (trouvée comme ${m.foundAs})` : ''}`);
  }
  return rows.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  if (!dir) {
    console.error('Usage : eval-personal-data DOSSIER [--manquees] [--docx] [--stockage]');
    process.exit(2);
  }
  const wordProcessor = args.includes('--docx');
  evaluatePersonalData(dir, { wordProcessor, store: args.includes('--stockage') })
    .then((e) => console.log(formatEval(e, { missed: args.includes('--manquees'), wordProcessor })))
    .catch((err: unknown) => {
      console.error(`Évaluation impossible : ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    });
}
