/** Every pattern list our rule files compile (existence, mention elements and conditions, type signals), with its options. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../../src/paths.js';
import { expandPlaceholders } from '../../src/rules/kinds/mention.js';
import type { PatternOptions } from '../../src/rules/pattern.js';

export interface PatternList {
  where: string;
  patterns: string[];
  options: PatternOptions;
}

export function rulePatternLists(): PatternList[] {
  const out: PatternList[] = [];
  const dir = join(ROOT, 'rules');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
    const r = parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;
    if (r.kind === 'existence') {
      const b = r.wordBoundaries !== false;
      out.push({ where: f, patterns: r.patterns as string[], options: { caseSensitive: r.caseSensitive === true, wordStart: b, wordEnd: b } });
    }
    if (r.kind !== 'mention') continue;
    for (const e of r.elements as { id: string; patterns: string[]; unless?: string[]; caseSensitive?: boolean }[]) {
      out.push({ where: `${f} ${e.id}`, patterns: expandPlaceholders(e.patterns), options: { caseSensitive: e.caseSensitive === true } });
      if (e.unless) out.push({ where: `${f} ${e.id} unless`, patterns: expandPlaceholders(e.unless), options: {} });
    }
    for (const d of (r.defects ?? []) as { id: string; patterns: string[] }[]) out.push({ where: `${f} ${d.id}`, patterns: d.patterns, options: {} });
    for (const [t, ps] of Object.entries((r.when ?? {}) as Record<string, string[]>)) out.push({ where: `${f} when ${t}`, patterns: ps, options: {} });
    const zone = r.zone as { patterns?: string[] } | undefined;
    if (zone?.patterns) out.push({ where: `${f} zone`, patterns: zone.patterns, options: {} });
  }
  const types = parse(readFileSync(join(dir, 'types', 'types-de-document.yaml'), 'utf8')) as { types: Record<string, { signals: { pattern: string }[] }> };
  for (const [t, { signals }] of Object.entries(types.types)) {
    signals.forEach((s, i) => out.push({ where: `type ${t} #${i + 1}`, patterns: [s.pattern], options: { multiline: true } }));
  }
  return out;
}
