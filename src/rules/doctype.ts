/**
 * Document type: an explainable classifier driven by data (rules/types/*.yaml). Each type has
 * signals (patterns with weights); a document takes the type with the highest total, each signal
 * counted once, when it reaches the threshold; else `autre`. The evidence is the matched spans.
 * A signal, like every rule pattern, starts at a word edge; it is case-insensitive.
 */
import { PatternRegex } from './pattern.js';
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
  /** Total weight per type, for the explanation. */
  scores: Record<string, number>;
  declared: boolean;
}

interface CompiledSignal {
  re: PatternRegex;
  weight: number;
}

/** A compiled classifier. */
export class DocumentTypeClassifier {
  private readonly compiled: [DocumentTypeResult['id'], CompiledSignal[]][];

  constructor(private readonly data: TypeSignals) {
    this.compiled = (Object.entries(data.types) as [DocumentTypeResult['id'], { signals: TypeSignal[] }][]).map(([id, t]) => [
      id,
      t.signals.map((s) => ({ re: new PatternRegex([s.pattern], { multiline: true }), weight: s.weight })),
    ]);
  }

  /** Classifies a text (its body: headers and footers are not evidence of a type). */
  classify(text: string): DocumentTypeResult {
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
