/**
 * No rule pattern may backtrack catastrophically. Every pattern of every rule and type signal is run,
 * in a worker thread, over long hostile texts (runs of letters, blanks, line breaks, punctuation,
 * table borders); a pattern that does not finish in time is named. (A first version of an agent
 * pattern, `[ \t]{3,}[ \t|]*`, took minutes on the 5 MB robustness text and hung the whole suite:
 * a regex blocks the thread, so only another thread can time it out.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../../src/paths.js';
import { expandPlaceholders } from '../../src/rules/kinds/mention.js';
import { PatternRegex } from '../../src/rules/pattern.js';

interface Compiled {
  where: string;
  source: string;
  flags: string;
}

function compiledPatterns(): Compiled[] {
  const out: Compiled[] = [];
  const add = (where: string, patterns: string[], caseSensitive = false, multiline = false): void => {
    const re = new PatternRegex(patterns, { caseSensitive, multiline });
    out.push({ where, source: re.source, flags: `g${caseSensitive ? '' : 'i'}${multiline ? 'm' : ''}u` });
  };
  const dir = join(ROOT, 'rules');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
    const r = parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;
    if (r.kind === 'existence') add(f, r.patterns as string[], r.caseSensitive === true);
    if (r.kind !== 'mention') continue;
    for (const e of r.elements as { id: string; patterns: string[]; unless?: string[]; caseSensitive?: boolean }[]) {
      add(`${f} ${e.id}`, expandPlaceholders(e.patterns), e.caseSensitive === true);
      if (e.unless) add(`${f} ${e.id} unless`, expandPlaceholders(e.unless));
    }
    for (const d of (r.defects ?? []) as { id: string; patterns: string[] }[]) add(`${f} ${d.id}`, d.patterns);
    for (const [t, ps] of Object.entries((r.when ?? {}) as Record<string, string[]>)) add(`${f} when ${t}`, ps);
    const zone = r.zone as { patterns?: string[] } | undefined;
    if (zone?.patterns) add(`${f} zone`, zone.patterns);
  }
  const types = parse(readFileSync(join(dir, 'types', 'types-de-document.yaml'), 'utf8')) as { types: Record<string, { signals: { pattern: string }[] }> };
  for (const [t, { signals }] of Object.entries(types.types)) signals.forEach((s, i) => add(`type ${t} #${i + 1}`, [s.pattern], false, true));
  return out;
}

// Runs each pattern over hostile texts, posting the index of the pattern it starts.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const n = 20000;
const texts = [
  'a'.repeat(n), ' '.repeat(n), '\\n'.repeat(n), 'é '.repeat(n / 2), 'de la '.repeat(n / 6),
  ' | '.repeat(n / 3), '.'.repeat(n), '0 '.repeat(n / 2), 'Monsieur Dupont,'.repeat(n / 16),
  ('vous pouvez contester cette décision dans un délai de deux mois ').repeat(n / 64),
];
workerData.forEach((p, i) => {
  parentPort.postMessage(i);
  const re = new RegExp(p.source, p.flags);
  for (const t of texts) { re.lastIndex = 0; let k = 0; while (re.exec(t) && k++ < 5000) if (re.lastIndex === 0) break; }
});
parentPort.postMessage('done');
`;

describe('rule patterns run in linear time', () => {
  it('finishes every pattern over long hostile texts', async () => {
    const patterns = compiledPatterns();
    expect(patterns.length).toBeGreaterThan(80);
    const worker = new Worker(WORKER, { eval: true, workerData: patterns });
    let current = -1;
    const outcome = await new Promise<string>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), 60_000);
      worker.on('message', (m: number | string) => {
        if (m === 'done') {
          clearTimeout(timer);
          resolve('done');
        } else current = m as number;
      });
      worker.on('error', (e) => {
        clearTimeout(timer);
        resolve(`error: ${e.message}`);
      });
    });
    await worker.terminate();
    expect(outcome === 'done' ? 'done' : `${outcome} in ${patterns[current]?.where ?? '?'}`).toBe('done');
  }, 70_000);
});
