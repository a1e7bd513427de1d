/**
 * The figures of a test campaign: rates with their 95 % confidence interval (Wilson score interval),
 * rating summaries, the preference between two versions (with an exact sign test), and the
 * correlation between the automatic score and comprehension (Pearson with its t-test, Spearman).
 */

/** A proportion with its Wilson 95 % interval; `value` null when nothing was counted. */
export interface Rate {
  value: number | null;
  low: number | null;
  high: number | null;
}

const Z = 1.96;

/**
 * successes / total with the Wilson score interval:
 * (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n).
 */
export function rate(successes: number, total: number): Rate {
  if (total <= 0) return { value: null, low: null, high: null };
  const p = successes / total;
  const z2 = Z * Z;
  const centre = p + z2 / (2 * total);
  const margin = Z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  const d = 1 + z2 / total;
  return { value: p, low: Math.max(0, (centre - margin) / d), high: Math.min(1, (centre + margin) / d) };
}

export interface RatingSummary {
  count: number;
  mean: number | null;
  median: number | null;
  /** Share of ratings of 8/10 or more (the Services Publics+ indicator). */
  shareAtLeast8: Rate;
  /** How many ratings of 0, 1, … 10. */
  distribution: number[];
}

/** Summary of 0–10 ratings. */
export function ratingSummary(ratings: readonly number[]): RatingSummary {
  const distribution = new Array<number>(11).fill(0);
  for (const r of ratings) if (r >= 0 && r <= 10) distribution[Math.round(r)]!++;
  const n = ratings.length;
  if (n === 0) return { count: 0, mean: null, median: null, shareAtLeast8: rate(0, 0), distribution };
  const sorted = [...ratings].sort((a, b) => a - b);
  const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return { count: n, mean: ratings.reduce((a, b) => a + b, 0) / n, median, shareAtLeast8: rate(ratings.filter((r) => r >= 8).length, n), distribution };
}

/** ln C(n, k). */
function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** ln Γ(x), Lanczos approximation (g = 7, 9 terms). */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const xx = x - 1;
  let a = c[0]!;
  const t = xx + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Two-sided exact binomial test of k successes in n against p = 1/2 (the sign test). */
export function signTest(k: number, n: number): number {
  if (n === 0) return 1;
  const tail = Math.min(k, n - k);
  let p = 0;
  for (let i = 0; i <= tail; i++) p += Math.exp(logChoose(n, i) - n * Math.LN2);
  return Math.min(1, 2 * p - (2 * tail === n ? Math.exp(logChoose(n, tail) - n * Math.LN2) : 0));
}

export interface Preference {
  /** Share preferring the new version among those who chose one, with its interval. */
  preferNew: Rate;
  chose: number;
  indifferent: number;
  /** Two-sided sign test against an even split. */
  pValue: number | null;
  significant: boolean;
}

/** Preference between the new and the old version (ties set apart). */
export function preference(votesNew: number, votesOld: number, indifferent: number): Preference {
  const chose = votesNew + votesOld;
  const pValue = chose ? signTest(votesNew, chose) : null;
  return { preferNew: rate(votesNew, chose), chose, indifferent, pValue, significant: pValue !== null && pValue < 0.05 };
}

/** Comprehension per question and over all answers pooled. */
export function comprehension(perQuestion: readonly { correct: number; total: number }[]): { perQuestion: Rate[]; overall: Rate } {
  const correct = perQuestion.reduce((a, q) => a + q.correct, 0);
  const total = perQuestion.reduce((a, q) => a + q.total, 0);
  return { perQuestion: perQuestion.map((q) => rate(q.correct, q.total)), overall: rate(correct, total) };
}

/** The agreement between the automatic score and comprehension is shown from this many tested versions. */
export const MIN_CORRELATION_N = 8;

export interface Correlation {
  n: number;
  pearson: number | null;
  spearman: number | null;
  /** Two-sided p-value of Pearson's r (t-test with n − 2 degrees of freedom). */
  pValue: number | null;
}

function pearsonOf(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** Ranks from 1, ties given their average rank. */
function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) r[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Regularised incomplete beta function I_x(a, b) (continued fraction, Numerical Recipes' betacf). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  const cf = (xx: number, aa: number, bb: number): number => {
    const tiny = 1e-300;
    let c = 1;
    let d = 1 - ((aa + bb) * xx) / (aa + 1);
    if (Math.abs(d) < tiny) d = tiny;
    d = 1 / d;
    let h = d;
    for (let m = 1; m <= 300; m++) {
      const m2 = 2 * m;
      let num = (m * (bb - m) * xx) / ((aa + m2 - 1) * (aa + m2));
      d = 1 + num * d;
      if (Math.abs(d) < tiny) d = tiny;
      c = 1 + num / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      h *= d * c;
      num = (-(aa + m) * (aa + bb + m) * xx) / ((aa + m2) * (aa + m2 + 1));
      d = 1 + num * d;
      if (Math.abs(d) < tiny) d = tiny;
      c = 1 + num / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      const del = d * c;
      h *= del;
      if (Math.abs(del - 1) < 1e-12) break;
    }
    return h;
  };
  return x < (a + 1) / (a + b + 2) ? (front * cf(x, a, b)) / a : 1 - (front * cf(1 - x, b, a)) / b;
}

/** Pearson's r and Spearman's ρ between two series, with the p-value of r. */
export function correlation(xs: readonly number[], ys: readonly number[]): Correlation {
  const n = Math.min(xs.length, ys.length);
  if (n < 3) return { n, pearson: null, spearman: null, pValue: null };
  const x = xs.slice(0, n);
  const y = ys.slice(0, n);
  const r = pearsonOf(x, y);
  const rho = pearsonOf(ranks(x), ranks(y));
  let pValue: number | null = null;
  if (r !== null) {
    const df = n - 2;
    if (Math.abs(r) >= 1) pValue = 0;
    else {
      const t2 = (r * r * df) / (1 - r * r);
      pValue = incompleteBeta(df / (df + t2), df / 2, 0.5);
    }
  }
  return { n, pearson: r, spearman: rho, pValue };
}
