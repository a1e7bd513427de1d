/**
 * Bundles the command line into one file (dist/src/clarte.mjs) with esbuild. Start-up of a one-letter
 * analysis is dominated by module loading (zod alone is ~100 files): one bundle halves it. The server
 * stays unbundled and is imported only by `clarte serve`.
 */
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../src/paths.js';

const outfile = join(ROOT, 'dist', 'src', 'clarte.mjs');
await build({
  entryPoints: [join(ROOT, 'dist', 'src', 'cli.js')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile,
  external: ['./server.js'],
  banner: { js: "import { createRequire as __clarteRequire } from 'node:module'; const require = __clarteRequire(import.meta.url);" },
  logLevel: 'error',
});
chmodSync(outfile, 0o755);
