/**
 * Bundles the command line into one file (dist/src/clarte.mjs) with esbuild, and the JSON Lines
 * worker next to it (dist/src/clarte-worker.mjs), and the ingestion worker (dist/src/clarte-ingest.mjs). Start-up of a one-letter analysis is dominated by
 * module loading (zod alone is ~100 files): one bundle halves it. The server stays unbundled and is
 * imported only by `clarte serve`.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
    external: ['./server.js', 'unpdf', 'pdf-parse', 'yauzl', 'saxes', 'htmlparser2'],
    banner: { js: "import { createRequire as __clarteRequire } from 'node:module'; const require = __clarteRequire(import.meta.url);" },
    logLevel: 'error',
  });
  chmodSync(outfile, 0o755);
}

// The startup snapshot of the command line (see src/snapshot.ts and scripts/launcher.sh). Its entry is
// bundled as CommonJS, as `node --build-snapshot` requires; `import.meta.url` becomes the bundle's URL.
const dist = join(ROOT, 'dist', 'src');
const entry = join(dist, 'clarte-snapshot.cjs');
const blob = join(dist, 'clarte.blob');
const keyFile = `${blob}.key`;
rmSync(keyFile, { force: true });
await build({
  entryPoints: [join(dist, 'snapshot.js')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: entry,
  external: ['./server.js', 'unpdf', 'pdf-parse', 'yauzl', 'saxes', 'htmlparser2'],
  define: { 'import.meta.url': '__clarteUrl' },
  // The snapshot keeps the bundle's source: without comments and in ASCII (below), a smaller heap to
  // deserialise at every start.
  charset: 'ascii',
  minifyWhitespace: true,
  banner: { js: "const __clarteUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'error',
});
// esbuild leaves non-ASCII characters in regex literals and String.raw templates (our regex sources):
// a single one beyond Latin-1 ("’") made the whole source a two-byte string in the snapshot. As
// \uXXXX escapes they mean the same characters in a regex, with or without the u flag, inside a class
// or not (an astral character becomes its two escaped halves: the same pair, one code point with u).
writeFileSync(entry, readFileSync(entry, 'utf8').replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
copyFileSync(join(ROOT, 'scripts', 'launcher.sh'), join(dist, 'clarte'));
chmodSync(join(dist, 'clarte'), 0o755);
// Regexes compiled to machine code cannot be serialised: the snapshot is made, and run, with interpreted regexes.
const made = spawnSync(process.execPath, ['--regexp-interpret-all', '--snapshot-blob', blob, '--build-snapshot', entry], { cwd: dist, encoding: 'utf8' });
if (made.status === 0) {
  const node = statSync(process.execPath);
  writeFileSync(keyFile, `${node.size}:${Math.floor(node.mtimeMs / 1000)} ${dist}\n`);
} else {
  // Not fatal: the launcher then starts dist/src/clarte.mjs, only more slowly.
  process.stderr.write(`clarte: startup snapshot not built (${made.status ?? made.signal}): ${(made.stderr || '').slice(0, 500)}\n`);
}
