/**
 * A sorted generated file (dist/lexiques) kept as one string and searched by dichotomy on character
 * offsets: no per-line objects and no table of line starts to build when it loads (the finite verb
 * forms have 160,000 lines: building their offsets took longer than reading them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_DIR } from '../paths.js';

/** Path of a generated file, or a clear error when the build has not made it. */
export function generatedPath(name: string): string {
  const p = join(GENERATED_DIR, name);
  if (!existsSync(p)) throw new Error(`Lexique généré absent : ${p}. Lancez « npm run build ».`);
  return p;
}

export class SortedLines {
  private readonly text: string;

  constructor(name: string) {
    const raw = readFileSync(generatedPath(name), 'utf8');
    // Skip the comment header; the rest is sorted by code units (build-data.ts).
    let from = 0;
    while (raw.startsWith('#', from)) from = raw.indexOf('\n', from) + 1;
    this.text = raw.slice(from);
  }

  /** Compares the line at `pos` with `key` on key.length code units (negative: the line sorts first). */
  private compareAt(pos: number, key: string): number {
    for (let i = 0; i < key.length; i++) {
      const a = this.text.charCodeAt(pos + i);
      const b = key.charCodeAt(i);
      if (Number.isNaN(a)) return -1;
      if (a !== b) return a - b;
    }
    return 0;
  }

  /** Offset of the first line that starts with `key`, or -1. */
  private locate(key: string): number {
    const text = this.text;
    // Invariant: lo is a line start; the first line not sorting before `key` starts in [lo, hi].
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = mid === 0 ? 0 : text.lastIndexOf('\n', mid - 1) + 1;
      if (this.compareAt(start, key) < 0) {
        const end = text.indexOf('\n', start);
        lo = end === -1 ? text.length : end + 1;
      } else hi = start;
    }
    return lo < text.length && this.compareAt(lo, key) === 0 ? lo : -1;
  }

  /** The rest of the line that starts with `key` (a key ending with its separator), or undefined. */
  find(key: string): string | undefined {
    const at = this.locate(key);
    if (at === -1) return undefined;
    const start = at + key.length;
    const end = this.text.indexOf('\n', start);
    return this.text.slice(start, end === -1 ? this.text.length : end);
  }

  /** True when a whole line equals `value`. */
  has(value: string): boolean {
    return this.locate(`${value}\n`) !== -1;
  }
}
