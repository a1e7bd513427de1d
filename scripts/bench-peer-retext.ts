/**
 * The retext peer of the benchmark: retext with readability, passive and simplify (English plugins, as
 * named by the issue). As a module it gives a per-letter function; run directly
 * (`node dist/scripts/bench-peer-retext.js FILE.jsonl`) it is the peer's whole command: it reads the
 * JSON Lines file, processes every letter and prints one JSON line per letter, like `clarte analyze
 * --input-jsonl FILE --format json`.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { retext } from 'retext';
import retextPassive from 'retext-passive';
import retextReadability from 'retext-readability';
import retextSimplify from 'retext-simplify';

/** What the peer reports for one message. */
export interface PeerMessage {
  ruleId: string | undefined;
  source: string | undefined;
  reason: string;
  start: number | undefined;
  end: number | undefined;
}

/** Builds the retext processor once and returns a function that checks one letter. */
export function createRetextPeer(): (text: string) => PeerMessage[] {
  const processor = retext().use(retextReadability).use(retextPassive).use(retextSimplify).freeze();
  return (text: string): PeerMessage[] =>
    processor.processSync(text).messages.map((m) => ({
      ruleId: m.ruleId,
      source: m.source,
      reason: m.reason,
      start: m.place && 'start' in m.place ? m.place.start.offset : undefined,
      end: m.place && 'end' in m.place ? m.place.end.offset : undefined,
    }));
}

async function main(file: string): Promise<void> {
  const check = createRetextPeer();
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  // Buffered stdout, as the Clarté CLI does, so that output cost is comparable.
  let chunks: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (chunks.length) process.stdout.write(chunks.join(''));
    chunks = [];
    size = 0;
  };
  for await (const line of rl) {
    if (!line.trim()) continue;
    const o = JSON.parse(line) as { id?: unknown; text?: unknown };
    if (typeof o.text !== 'string') continue;
    const s = JSON.stringify({ id: o.id, messages: check(o.text) }) + '\n';
    chunks.push(s);
    size += s.length;
    if (size > 65536) flush();
  }
  flush();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage : node dist/scripts/bench-peer-retext.js FICHIER.jsonl\n');
    process.exitCode = 2;
  } else {
    await main(file);
  }
}
