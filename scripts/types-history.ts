/**
 * `npm run eval:types-history`: how the document-type classifier would have done on each control set
 * when it was still blind. For every control set after the first, the signals are those of the commit
 * before the set arrived (git history), and the lexical model is trained on the sets labelled before
 * it; the set is then classified by the signals alone, the model alone and both together. Needs the
 * git history (a clone, not an export).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../src/paths.js';
import { RuleLibrary } from '../src/rules/load.js';
import { formatTypeModel, serializeTypeModel, trainTypeModel, TYPE_MODEL_FILE, TypeModel } from '../src/rules/type-model.js';
import { labelledSets, typeExamples } from './type-training.js';

const git = (...args: string[]): string => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

const sets = labelledSets().development;
const examples = typeExamples(sets);
const tally = { signals: 0, lexical: 0, both: 0, letters: 0 };
const rows: string[] = [];
for (let k = 2; k < sets.length; k++) {
  const set = sets[k]!;
  const added = git('log', '--diff-filter=A', '--format=%h', '--', `corpora/${set}/labels.jsonl`).split('\n').pop();
  if (!added) continue;
  const dir = mkdtempSync(join(tmpdir(), 'clarte-types-history-'));
  mkdirSync(join(dir, 'types'));
  writeFileSync(join(dir, 'types', 'types-de-document.yaml'), git('show', `${added}^:rules/types/types-de-document.yaml`));
  const earlier = new Set(sets.slice(0, k));
  const model = trainTypeModel(examples.filter((e) => earlier.has(e.set)));
  writeFileSync(join(dir, 'types', TYPE_MODEL_FILE), formatTypeModel(model, []));
  const library = await RuleLibrary.load(dir);
  const lexical = new TypeModel(serializeTypeModel(model));
  const test = examples.filter((e) => e.set === set);
  const ok = { signals: 0, lexical: 0, both: 0 };
  for (const e of test) {
    const both = library.documentTypes.classify(e.text);
    // The signals' verdict alone: the same classifier without a model.
    const signals = library.documentTypes.signalsOnly(e.text);
    if (signals.id === e.type) ok.signals++;
    if (lexical.read(e.text).best === e.type) ok.lexical++;
    if (both.id === e.type) ok.both++;
  }
  rmSync(dir, { recursive: true, force: true });
  tally.signals += ok.signals;
  tally.lexical += ok.lexical;
  tally.both += ok.both;
  tally.letters += test.length;
  rows.push(`${set} (signaux de ${added}^, modèle appris sur ${k} jeux) : signaux ${ok.signals}/${test.length} · modèle ${ok.lexical}/${test.length} · les deux ${ok.both}/${test.length}`);
}
for (const r of rows) console.log(r);
const share = (n: number): string => (n / tally.letters).toFixed(3);
console.log(JSON.stringify({ measure: 'types-history', letters: tally.letters, signals: share(tally.signals), lexical: share(tally.lexical), both: share(tally.both) }));
