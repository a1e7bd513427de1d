/** `npm run golden`: (re)writes corpora/lettres/attendus/*.json from the current engine, for review. */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse } from '../src/analyse.js';
import { ROOT } from '../src/paths.js';
import { RuleLibrary } from '../src/rules/load.js';

/** The reviewed part of a report: figures and one line per alert (line:column, rule, match, suggestions). */
export function goldenOf(file: string, text: string, library: RuleLibrary) {
  const r = analyse({ text, filename: file }, library);
  return {
    file,
    score: r.score.value,
    grade: r.score.grade,
    words: r.stats.words,
    sentences: r.stats.sentences,
    kandelMoles: r.readability.kandelMoles,
    type: r.documentType.id,
    mentions: Object.fromEntries(
      r.mentions.filter((m) => m.status !== 'not-applicable').map((m) => [m.id, m.status + (m.missing.length && m.status === 'partial' ? ` (${m.missing.join(', ')})` : '')]),
    ),
    alerts: r.alerts.map((a) => `${a.line}:${a.column} ${a.severity} ${a.rule} « ${a.match.replace(/\s+/g, ' ').slice(0, 80)} »${a.suggestions.length ? ` → ${a.suggestions.join(' | ')}` : ''}`),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = join(ROOT, 'corpora', 'lettres');
  const out = join(dir, 'attendus');
  mkdirSync(out, { recursive: true });
  const library = await RuleLibrary.load();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
    const g = goldenOf(f, readFileSync(join(dir, f), 'utf8'), library);
    writeFileSync(join(out, f.replace(/\.txt$/, '.json')), JSON.stringify(g, null, 2) + '\n');
    console.log(`${f}: ${g.score} (${g.grade}), ${g.alerts.length} alertes`);
  }
}
