/** A worker's forced collections: once past its resting heap, not after every reply once data stays loaded. */
import { describe, expect, it } from 'vitest';
import { HeapWatch } from '../../src/ingest/heap-watch.js';

const MB = 1024 * 1024;

describe('HeapWatch', () => {
  it('collects once after a model is loaded for good, then only when garbage grows again', () => {
    const watch = new HeapWatch(40 * MB, 16 * MB);
    expect(watch.shouldCollect(50 * MB)).toBe(false);
    // the learned tagger loads: 36 MB that stay
    expect(watch.shouldCollect(90 * MB)).toBe(true);
    watch.collected(78 * MB);
    // later replies leave a few megabytes of garbage each: no collection until 16 MB more
    let collections = 0;
    let used = 78 * MB;
    for (let reply = 0; reply < 100; reply++) {
      used += 2 * MB;
      if (watch.shouldCollect(used)) {
        collections++;
        used = 78 * MB;
        watch.collected(used);
      }
    }
    // (every ninth reply: 18 MB of garbage passes the 16 MB margin; with the resting size kept at its first
    // value, every reply after the model loaded would collect: 100)
    expect(collections).toBe(11);
  });

  it('keeps collecting when a document leaves much garbage', () => {
    const watch = new HeapWatch(40 * MB, 16 * MB);
    expect(watch.shouldCollect(120 * MB)).toBe(true);
    watch.collected(41 * MB);
    expect(watch.shouldCollect(60 * MB)).toBe(true);
  });
});
