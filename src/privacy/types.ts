// The span types are declared with the public API (personal-data.ts); the detectors import them from here.
export type { PersonalDataSpan, PersonalDataType } from './personal-data.js';

/**
 * Which of two cue patterns is nearer to (ends later before) a position: 'personal', 'service' or
 * null when neither occurs in the window. A tie goes to the personal cue.
 */
export function nearestCue(window: string, personal: RegExp, service: RegExp): { kind: 'personal' | 'service' | null; personalEnd: number; serviceEnd: number } {
  const p = lastMatchEnd(window, personal);
  const s = lastMatchEnd(window, service);
  if (p < 0 && s < 0) return { kind: null, personalEnd: p, serviceEnd: s };
  return { kind: p >= s ? 'personal' : 'service', personalEnd: p, serviceEnd: s };
}

/** End offset of the last match of a global regex in a string, or -1. */
export function lastMatchEnd(s: string, re: RegExp): number {
  re.lastIndex = 0;
  let end = -1;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    end = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  return end;
}

/** The characters already covered by spans, to test an overlap in time proportional to the span. */
export class SpanMask {
  private readonly mask: Uint8Array;
  constructor(length: number, spans: Iterable<{ start: number; end: number }> = []) {
    this.mask = new Uint8Array(length + 1);
    for (const s of spans) this.add(s);
  }
  add(s: { start: number; end: number }): void {
    this.mask.fill(1, Math.max(0, s.start), Math.max(0, s.end));
  }
  overlaps(start: number, end: number): boolean {
    for (let i = Math.max(0, start); i < end; i++) if (this.mask[i]) return true;
    return false;
  }
}

/** A string matched literally in a regular expression. */
export const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
