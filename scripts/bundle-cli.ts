/**
 * Bundles the command line into one file (dist/src/clarte.mjs) with esbuild, and the JSON Lines
 * worker next to it (dist/src/clarte-worker.mjs), and the ingestion worker (dist/src/clarte-ingest.mjs). Start-up of a one-letter analysis is dominated by
 * module loading (zod alone is ~100 files): one bundle halves it. The server stays unbundled and is
 * imported only by `clarte serve`.
 */
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../src/paths.js';

for (const [entry, name] of [
  ['cli.js', 'clarte.mjs'],
  ['batch-worker.js', 'clarte-worker.mjs'],
  ['ingest/worker.js', 'clarte-ingest.mjs'],
] as const) {
  const outfile = join(ROOT, 'dist', 'src', name);
  await build({
    entryPoints: [join(ROOT, 'dist', 'src', entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    // Document libraries load from node_modules, and only in the ingestion worker.
    external: ['./server.js', 'unpdf', 'pdf-parse', 'mammoth', 'yauzl', 'saxes', 'htmlparser2'],
    banner: { js: "import { createRequire as __clarteRequire } from 'node:module'; const require = __clarteRequire(import.meta.url);" },
    logLevel: 'error',
  });
  chmodSync(outfile, 0o755);
}
