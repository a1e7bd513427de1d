/** Worker thread of the JSON Lines pool: loads the rules once, then analyses the chunks it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { analyseJsonLine, type BatchOptions } from './batch.js';
import { RuleLibrary } from './rules/load.js';

const data = workerData as { rulesDir: string | undefined; opts: BatchOptions };
const library = await RuleLibrary.load(data.rulesDir, data.opts.profile);

parentPort?.on('message', (chunk: { seq: number; lines: [string, string][] }) => {
  const results = [];
  for (const [where, line] of chunk.lines) {
    const r = analyseJsonLine(line, where, library, data.opts);
    if (r) results.push(r);
  }
  parentPort?.postMessage({ seq: chunk.seq, results });
});
