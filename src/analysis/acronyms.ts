/** The acronym registry: `SIGLE = développement | autre sens`, `*SIGLE = …` for sigles everyone knows. */
import { readFileSync } from 'node:fs';
import { LexiconError } from './lexicon.js';

/** One registry entry. */
export interface AcronymEntry {
  sigle: string;
  expansions: string[];
  wellKnown: boolean;
}

/** Parses a registry file; throws LexiconError naming the line on a malformed one. */
export function parseAcronyms(source: string, origin: string): Map<string, AcronymEntry> {
  const map = new Map<string, AcronymEntry>();
  source.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^(\*?)([\p{L}\p{N}&-]+)\s*=\s*(.+)$/u.exec(line);
    if (!m) throw new LexiconError(`${origin}:${i + 1} : ligne mal formée (attendu « SIGLE = développement ») : ${line}`);
    const sigle = m[2]!;
    if (map.has(sigle)) throw new LexiconError(`${origin}:${i + 1} : sigle « ${sigle} » déjà défini`);
    const expansions = m[3]!.split('|').map((s) => s.trim().normalize('NFC')).filter(Boolean);
    map.set(sigle, { sigle, expansions, wellKnown: m[1] === '*' });
  });
  return map;
}

/** Reads and merges registry files (later files override earlier ones). */
export function readAcronyms(paths: string[]): Map<string, AcronymEntry> {
  const out = new Map<string, AcronymEntry>();
  for (const p of paths) for (const [k, v] of parseAcronyms(readFileSync(p, 'utf8'), p)) out.set(k, v);
  return out;
}
