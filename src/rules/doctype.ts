/**
 * Document type: an explainable classifier driven by data in rules/types/. Two parts:
 * - signals (types-de-document.yaml: patterns with weights): the type with the highest total, each
 *   signal counted once, when it reaches the threshold; a signal, like every rule pattern, starts at
 *   a word edge and is case-insensitive;
 * - the lexical model (modele-lexical.tsv, type-model.ts): the probability of each type from the
 *   words the letter uses.
 * The type is the one with the highest probability once the signals' type gets LEXICAL_BLEND × their
 * confidence added; without the model, or on a text with too few known words, the signals decide
 * alone (`autre` when none reaches the threshold). The evidence is the matched spans of the signals,
 * then the words that weigh most for the type.
 */
import { PatternRegex } from './pattern.js';
import { MIN_KNOWN_WORDS, type TypeModel } from './type-model.js';
import type { Span } from '../model.js';
import type { DOCUMENT_TYPES } from '../model.js';

/** One signal of a type, as written in the data file. */
export interface TypeSignal {
  pattern: string;
  weight: number;
}

/** The classifier's data (validated from rules/types/). */
export interface TypeSignals {
  threshold: number;
  types: Partial<Record<(typeof DOCUMENT_TYPES)[number], { label: string; signals: TypeSignal[] }>>;
}

/** The classification of a document. */
export interface DocumentTypeResult {
  id: (typeof DOCUMENT_TYPES)[number];
  confidence: number;
  evidence: Span[];
  /** Total weight of the signals per type, for the explanation. */
  scores: Record<string, number>;
  /** Probability of each type according to the lexical model, when it spoke. */
  lexical?: Record<string, number>;
  declared: boolean;
}

interface CompiledSignal {
  re: PatternRegex;
  weight: number;
}

/** Weight of the signals' verdict (× its confidence) added to the lexical model's probability of that type. */
export const LEXICAL_BLEND = 0.5;

/** Words of the lexical model shown as evidence. */
const LEXICAL_EVIDENCE = 3;

/** A compiled classifier. */
export class DocumentTypeClassifier {
  private readonly compiled: [DocumentTypeResult['id'], CompiledSignal[]][];

  constructor(
    private readonly data: TypeSignals,
    private readonly model?: TypeModel,
  ) {
    this.compiled = (Object.entries(data.types) as [DocumentTypeResult['id'], { signals: TypeSignal[] }][]).map(([id, t]) => [
      id,
      t.signals.map((s) => ({ re: new PatternRegex([s.pattern], { multiline: true }), weight: s.weight })),
    ]);
  }

  /** Classifies a text (its body: headers and footers are not evidence of a type). */
  classify(text: string): DocumentTypeResult {
    const bySignals = this.signalsOnly(text);
    const reading = this.model?.read(text);
    if (!reading || reading.known < MIN_KNOWN_WORDS) return bySignals;
    const blended: Record<string, number> = { ...reading.probabilities };
    if (bySignals.id !== 'autre') blended[bySignals.id] = (blended[bySignals.id] ?? 0) + LEXICAL_BLEND * bySignals.confidence;
    const ranked = Object.entries(blended).sort((a, b) => b[1] - a[1]);
    const id = ranked[0]![0] as DocumentTypeResult['id'];
    const total = ranked.reduce((s, [, v]) => s + v, 0);
    const signalSpans = id === bySignals.id ? bySignals.evidence : [];
    const words = reading.evidence(id, LEXICAL_EVIDENCE).filter((w) => !signalSpans.some((s) => w.start < s.end && s.start < w.end));
    const round3 = (v: number): number => Math.round(v * 1000) / 1000;
    return {
      id,
      confidence: Math.round((ranked[0]![1] / total) * 100) / 100,
      evidence: [...signalSpans, ...words].sort((a, b) => a.start - b.start),
      scores: bySignals.scores,
      lexical: Object.fromEntries(Object.entries(reading.probabilities).map(([k, v]) => [k, round3(v)])),
      declared: false,
    };
  }

  /** The verdict of the signals alone (what `classify` gives without a lexical model). */
  signalsOnly(text: string): DocumentTypeResult {
    const scores: Record<string, number> = {};
    const evidence = new Map<string, Span[]>();
    for (const [id, signals] of this.compiled) {
      let total = 0;
      const spans: Span[] = [];
      for (const s of signals) {
        const m = s.re.exec(text);
        if (!m) continue;
        total += s.weight;
        spans.push({ start: m.index, end: m.index + m[0].length });
      }
      scores[id] = Math.round(total * 10) / 10;
      evidence.set(id, spans.sort((a, b) => a.start - b.start));
    }
    const ranked = Object.entries(scores).sort((a, b) => b[1] - a[1]);
    const [best, second] = [ranked[0], ranked[1]];
    if (!best || best[1] < this.data.threshold) return { id: 'autre', confidence: ranked.length && best![1] > 0 ? 0.3 : 0.5, evidence: [], scores, declared: false };
    // Confidence: how clearly the best type leads the next one (1 when nothing else scores).
    const confidence = Math.round((best[1] / (best[1] + (second?.[1] ?? 0) + 1)) * 100) / 100;
    return { id: best[0] as DocumentTypeResult['id'], confidence, evidence: evidence.get(best[0]) ?? [], scores, declared: false };
  }
}
