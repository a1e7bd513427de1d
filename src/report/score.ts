/**
 * The 0–100 clarity score: a sum of parts, one per category, each a share of its maximum that shrinks
 * with the density of alerts per 100 words (so a long letter is not punished for being long), and a
 * readability part from Kandel & Moles and the share of rare words. README.md gives the formula.
 */
import type { Alert, Category } from '../model.js';

/** Maximum points of each category and the weighted alerts per 100 words at which the part reaches 0. */
export const SCORE_PARTS: Record<Category, { max: number; cap: number }> = {
  readability: { max: 35, cap: 0 },
  'sentence-length': { max: 15, cap: 4 },
  'passive-voice': { max: 8, cap: 4 },
  jargon: { max: 10, cap: 5 },
  nominalisation: { max: 5, cap: 3 },
  impersonal: { max: 5, cap: 3 },
  formula: { max: 3, cap: 3 },
  acronym: { max: 5, cap: 3 },
  negation: { max: 3, cap: 3 },
  'paragraph-length': { max: 4, cap: 2 },
  typography: { max: 2, cap: 4 },
  mention: { max: 5, cap: 2 },
};

/** Weight of one alert by severity. */
export const SEVERITY_WEIGHT = { suggestion: 0.5, warning: 1, error: 2 } as const;

/** Bounds of the readability part: Kandel & Moles from 20 (0 point) to 90 (full); rare content words
 * (outside the 3,000 most frequent forms) from 65 % (0 point) to 25 % (full); conjugated verbs from 6 %
 * of the words (0 point: a nominal style) to 16 % (full). */
export const READABILITY = { kmLow: 20, kmHigh: 90, rareLow: 0.25, rareHigh: 0.65, verbLow: 0.06, verbHigh: 0.16 };

/** The measures the readability part is made of. */
export interface ReadabilityMeasures {
  kandelMoles: number;
  rareShare: number;
  verbShare: number;
}

const clamp01 = (v: number): number => Math.max(0, Math.min(1, v));
const round1 = (v: number): number => Math.round(v * 10) / 10;

/** Letter grade of a score. */
export function grade(value: number): 'A' | 'B' | 'C' | 'D' | 'E' {
  if (value >= 85) return 'A';
  if (value >= 70) return 'B';
  if (value >= 55) return 'C';
  if (value >= 40) return 'D';
  return 'E';
}

/** Severity weights of alerts by category (what the score counts). */
export function weightsOf(alerts: readonly Pick<Alert, 'category' | 'severity'>[]): Map<Category, number> {
  const weights = new Map<Category, number>();
  for (const a of alerts) weights.set(a.category, (weights.get(a.category) ?? 0) + SEVERITY_WEIGHT[a.severity]);
  return weights;
}

/** Computes the score from the weights of every hit by category, the word count and readability measures. */
export function computeScore(weights: ReadonlyMap<Category, number>, words: number, m: ReadabilityMeasures) {
  const per100 = Math.max(words, 1) / 100;
  const parts: Record<string, number> = {};
  let total = 0;
  for (const [cat, { max, cap }] of Object.entries(SCORE_PARTS) as [Category, { max: number; cap: number }][]) {
    let share: number;
    if (cat === 'readability') {
      const km = clamp01((m.kandelMoles - READABILITY.kmLow) / (READABILITY.kmHigh - READABILITY.kmLow));
      const rare = clamp01(1 - (m.rareShare - READABILITY.rareLow) / (READABILITY.rareHigh - READABILITY.rareLow));
      const verbs = clamp01((m.verbShare - READABILITY.verbLow) / (READABILITY.verbHigh - READABILITY.verbLow));
      share = words === 0 ? 1 : (km + rare + verbs) / 3;
    } else {
      share = clamp01(1 - (weights.get(cat) ?? 0) / per100 / cap);
    }
    parts[cat] = round1(max * share);
    total += max * share;
  }
  const value = round1(total);
  return { value, grade: grade(value), parts };
}
