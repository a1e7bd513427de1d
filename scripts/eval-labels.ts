/**
 * Agreement with the expert labels of corpora/lettres/labels.jsonl: document types (classified, not
 * declared), mention statuses, and the missing elements of partial mentions (of every status for
 * `recourse`), and how many mentions present in a letter were reported missing. A mention absent
 * from a letter's labels is expected `not-applicable`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse } from '../src/analyse.js';
import { MENTION_IDS } from '../src/model.js';
import { ROOT } from '../src/paths.js';
import type { RuleLibrary } from '../src/rules/load.js';
import type { DocumentTypeId } from '../src/rules/type-model.js';

interface Label {
  file: string;
  type: string;
  mentions: Record<string, { status: string; missing?: string[] }>;
}

/** The agreement figures and the disagreements. */
export function labelAgreement(library: RuleLibrary, dir = join(ROOT, 'corpora', 'lettres'), options: { declaredTypes?: boolean; mentions?: readonly string[] } = {}) {
  const labels = readFileSync(join(dir, 'labels.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Label);
  const typesSeen: Record<string, number> = {};
  const disagreements: string[] = [];
  let types = 0;
  let mentions = 0;
  let mentionsOk = 0;
  let recourse = 0;
  let recourseOk = 0;
  // The issue's third measure: a mention present in the letter (in whatever wording) reported missing.
  let present = 0;
  let presentReportedMissing = 0;
  const same = (a: string[] = [], b: string[] = []): boolean => [...a].sort().join() === [...b].sort().join();
  for (const l of labels) {
    typesSeen[l.type] = (typesSeen[l.type] ?? 0) + 1;
    // Excerpts (a decision and its recourse paragraph) are checked with their type declared.
    const declared = options.declaredTypes ? { documentType: l.type as DocumentTypeId } : {};
    const r = analyse({ text: readFileSync(join(dir, l.file), 'utf8'), filename: l.file }, library, declared);
    if (r.documentType.id === l.type) types++;
    else disagreements.push(`${l.file}: type ${r.documentType.id} ≠ ${l.type}`);
    for (const id of options.mentions ?? MENTION_IDS) {
      const want = l.mentions[id];
      const got = r.mentions.find((m) => m.id === id);
      const expected = want?.status ?? 'not-applicable';
      const status = got?.status ?? 'not-applicable';
      let ok = expected === status;
      if (ok && status !== 'present' && status !== 'not-applicable' && (status === 'partial' || id === 'recourse')) ok = same(want?.missing, got?.missing);
      mentions++;
      if (ok) mentionsOk++;
      else disagreements.push(`${l.file}: ${id} ${status}${got?.missing.length ? ` [${got.missing.join(', ')}]` : ''} ≠ ${expected}${want?.missing?.length ? ` [${want.missing.join(', ')}]` : ''}`);
      if (expected === 'present') {
        present++;
        if (status === 'missing') presentReportedMissing++;
      }
      if (id === 'recourse' && want) {
        recourse++;
        if (ok) recourseOk++;
      }
    }
  }
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    letters: labels.length,
    typesSeen,
    typeAccuracy: round(types / labels.length),
    mentionAccuracy: round(mentionsOk / mentions),
    recourseAccuracy: round(recourse ? recourseOk / recourse : 1),
    mentionsChecked: mentions,
    presentReportedMissing: `${presentReportedMissing}/${present}`,
    disagreements,
  };
}
