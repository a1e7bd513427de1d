/**
 * No rule pattern may backtrack catastrophically. Every pattern of every rule and type signal is run,
 * in a worker thread, over long hostile texts (runs of letters, blanks, line breaks, punctuation,
 * table borders); a pattern that does not finish in time is named. (A first version of an agent
 * pattern, `[ \t]{3,}[ \t|]*`, took minutes on the 5 MB robustness text and hung the whole suite:
 * a regex blocks the thread, so only another thread can time it out.)
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { PatternRegex } from '../../src/rules/pattern.js';
import { rulePatternLists } from '../helpers/patterns.js';

interface Compiled {
  where: string;
  source: string;
  flags: string;
}

/** Each pattern list as compiled for a scan (the indexed search tries the same regex at fewer places). */
function compiledPatterns(): Compiled[] {
  return rulePatternLists().map(({ where, patterns, options }) => ({
    where,
    source: new PatternRegex(patterns, options).source,
    flags: `g${options.caseSensitive ? '' : 'i'}${options.multiline ? 'm' : ''}u`,
  }));
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
