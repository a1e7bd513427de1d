/**
 * Priority of a document on the map: an explainable weighted sum of four factors, each between 0 and 1.
 *
 *   priority = 100 × (wC·clarté + wJ·risque juridique + wV·portée + wS·signalements) / (wC + wJ + wV + wS)
 *
 *   clarté            = (100 − score) / 100                       (score of the latest version)
 *   risque juridique  = min(1, Σ poids(mention) × (1 si absente, ½ si incomplète))
 *   portée            = min(1, log10(1 + volume annuel) / 6)      (1 from a million copies a year)
 *   signalements      = min(1, log10(1 + signalements) / 2)       (1 from 99 reports)
 *
 * The weights come from the configuration (PRIORITY_WEIGHTS); the weight of each mention follows what
 * its absence costs (DOMAIN.md §3): a recourse paragraph missing makes the deadline unenforceable.
 */
import type { Report } from '../model.js';

/** Consequence weight of each required mention when it is missing (half when partial). */
export const MENTION_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  recourse: 1,
  signature: 0.8,
  algorithm: 0.8,
  motivation: 0.7,
  receipt: 0.7,
  'personal-data': 0.5,
  'agent-identity': 0.3,
  'missing-documents': 0.3,
  contact: 0.2,
  'processing-time': 0.2,
});

/** Weights of the four factors. */
export interface PriorityWeights {
  clarity: number;
  legal: number;
  reach: number;
  reports: number;
}

/** Default weights: clarity and legal risk first, then reach, then reports. */
export const DEFAULT_WEIGHTS: PriorityWeights = Object.freeze({ clarity: 0.35, legal: 0.35, reach: 0.2, reports: 0.1 });

/** The four factors of a document, each in [0, 1]. */
export interface PriorityFactors {
  clarity: number;
  legal: number;
  reach: number;
  reports: number;
}

/** What the priority is computed from. */
export interface PriorityInput {
  score: number | null;
  legalRisk: number;
  yearlyVolume: number | null;
  reports: number;
}

/** Legal risk of a report: the weighted missing and partial mentions, capped at 1. */
export function legalRisk(mentions: Report['mentions']): number {
  let sum = 0;
  for (const m of mentions) {
    const w = MENTION_WEIGHTS[m.id] ?? 0.3;
    if (m.status === 'missing') sum += w;
    else if (m.status === 'partial') sum += w / 2;
  }
  return Math.min(1, round(sum, 4));
}

/** The factors of a document. A document without any version counts as fully unclear. */
export function priorityFactors(input: PriorityInput): PriorityFactors {
  return {
    clarity: round(input.score === null ? 1 : Math.min(1, Math.max(0, (100 - input.score) / 100)), 4),
    legal: round(Math.min(1, Math.max(0, input.legalRisk)), 4),
    reach: round(Math.min(1, Math.log10(1 + Math.max(0, input.yearlyVolume ?? 0)) / 6), 4),
    reports: round(Math.min(1, Math.log10(1 + Math.max(0, input.reports)) / 2), 4),
  };
}

/** The priority (0–100, higher = rewrite sooner) from the factors and weights. */
export function priorityOf(factors: PriorityFactors, weights: PriorityWeights = DEFAULT_WEIGHTS): number {
  const total = weights.clarity + weights.legal + weights.reach + weights.reports;
  if (total <= 0) return 0;
  const sum = weights.clarity * factors.clarity + weights.legal * factors.legal + weights.reach * factors.reach + weights.reports * factors.reports;
  return round((100 * sum) / total, 2);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
