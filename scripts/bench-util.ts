/** Helpers shared by the benchmarks (bench.ts, bench-ingest.ts): statistics, memory, French figures, machine, results file. */
import { writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';

/** Median of a list (mean of the two middle values for an even count; NaN when empty). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A full collection when node runs with --expose-gc (a no-op otherwise). */
export const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/** The kernel's high-water mark of this process's resident set, in MiB. */
export const maxRssMiB = (): number => process.resourceUsage().maxRSS / 1024;

const nf = (digits: number): Intl.NumberFormat => new Intl.NumberFormat('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** French number with ordinary spaces as thousands separators (safe in every terminal). */
export const fr = (v: number, digits = 0): string => (Number.isFinite(v) ? nf(digits).format(v).replace(/[\u202f\u00a0]/g, ' ') : 'n/d');

/** A goal's verdict in the report. */
export const ok = (met: boolean): string => (met ? 'atteint' : 'NON atteint');

/** Writes the results file and says so, with the bench's whole duration. */
export function writeResults(path: string, results: unknown, startedMs: number, w: (s?: string) => unknown): void {
  writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
  w();
  w(`Chiffres écrits dans ${path} (durée totale du banc : ${fr((performance.now() - startedMs) / 1000, 0)} s).`);
}

/** The machine a measure was taken on, as the benchmarks print it and write it to their results. */
export function machineFacts(): { cpu: string; cores: number; node: string; os: string; memoryGiB: number } {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'inconnu',
    cores: cpu.length,
    node: process.version,
    os: `${platform()} ${release()}`,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  };
}
