/**
 * A cache of the validated rule files and compiled lexicons, keyed by a fingerprint of every file they
 * come from. A cache hit gives exactly what validation and compilation would give from the same bytes,
 * so start-up skips YAML parsing, schema validation and the Lefff look-ups (one-letter CLI runs).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledLexicon } from '../analysis/lexicon.js';
import { GENERATED_DIR, LEXICONS_DIR, ROOT } from '../paths.js';
import type { TypeSignals } from './doctype.js';
import type { StartKeys } from './prefix.js';
import type { SerializedTypeModel } from './type-model.js';
import type { ProfileFile, RuleFile } from './schema.js';

/** Bump when the shape of the cached data or of compiled lexicons changes. */
const CACHE_FORMAT = 4;
const CACHE_DIR = join(ROOT, 'dist', 'cache');

/** What the cache holds. */
export interface CachedLibrary {
  rules: { id: string; rule: RuleFile; path: string; dir: string }[];
  profiles: { name: string; label: string; description: string; rules: ProfileFile['rules'] }[];
  lexicons: [string, CompiledLexicon][];
  typeSignals: TypeSignals;
  /** Start keys of the rule patterns (prefix.ts), by flags and source. */
  startKeys: [string, StartKeys | null][];
  /** The lexical model of document types, as parsed from its file (none when no folder has one). */
  typeModel: SerializedTypeModel | null;
}

function filesOf(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** Fingerprint of the rule folders, their lexicons, ours and the generated data. */
export function fingerprint(dirs: readonly string[]): string {
  const h = createHash('sha256').update(`format ${CACHE_FORMAT}\n`);
  const files: string[] = [];
  for (const dir of dirs) {
    h.update(`dir ${dir}\n`);
    files.push(
      ...filesOf(dir, /\.ya?ml$/),
      ...filesOf(join(dir, 'profils'), /\.ya?ml$/),
      ...filesOf(join(dir, 'types'), /\.(?:ya?ml|tsv)$/),
      ...filesOf(join(dir, 'lexiques'), /\.txt$/),
    );
  }
  files.push(...filesOf(LEXICONS_DIR, /\.txt$/));
  for (const f of files) h.update(`file ${f}\n`).update(readFileSync(f));
  for (const f of ['verbes.lefff.index.json', 'participes.lefff.tsv']) {
    const p = join(GENERATED_DIR, f);
    if (existsSync(p)) {
      const st = statSync(p);
      h.update(`gen ${f} ${st.size} ${st.mtimeMs}\n`);
    }
  }
  return h.digest('hex').slice(0, 24);
}

/** The cached library for a fingerprint, if any (a corrupt file is ignored). */
export function readCache(fp: string): CachedLibrary | undefined {
  const path = join(CACHE_DIR, `rules-${fp}.json`);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CachedLibrary;
  } catch {
    return undefined;
  }
}

/** Writes the cache atomically and prunes old entries; a read-only install simply goes without. */
export function writeCache(fp: string, data: CachedLibrary): void {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const path = join(CACHE_DIR, `rules-${fp}.json`);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, path);
    // Keep the few most recent entries (one per rule folder set in use).
    const old = readdirSync(CACHE_DIR)
      .filter((f) => /^rules-[0-9a-f]+\.json$/.test(f))
      .map((f) => ({ f, t: statSync(join(CACHE_DIR, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t)
      .slice(8);
    for (const { f } of old) unlinkSync(join(CACHE_DIR, f));
  } catch {
    // NOTE: no cache on a read-only install: start-up only gets slower.
  }
}
