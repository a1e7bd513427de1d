/** Locations of the project's data folders, resolved from this file (works from src/ and dist/src/). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'rules'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('Clarté: project root not found');
}

/** The project root (the folder holding package.json, rules/ and corpora/). */
export const ROOT = findRoot();
/** Rule files shipped with Clarté. */
export const RULES_DIR = join(ROOT, 'rules');
/** Lexicons written by the team. */
export const LEXICONS_DIR = join(ROOT, 'corpora', 'lexiques');
/** Lexicons generated at build time from third-party data (Lefff, word frequencies). */
export const GENERATED_DIR = join(ROOT, 'dist', 'lexiques');
