/**
 * The labelled letters of corpora/ (sets named in corpora/jeux.json) as training examples of the
 * lexical model of document types, read exactly as the classifier reads a letter: normalised, merge
 * fields masked, body only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDoc } from '../src/analysis/document.js';
import { ROOT } from '../src/paths.js';
import { serializeTypeModel, trainTypeModel, TRAINING, TypeModel, type DocumentTypeId } from '../src/rules/type-model.js';

/** The sets of labelled letters: development sets (measured, used to fix and to train) and the control set. */
export interface LabelledSets {
  development: string[];
  control: string;
}

export const SETS_FILE = join(ROOT, 'corpora', 'jeux.json');

export function labelledSets(): LabelledSets {
  return JSON.parse(readFileSync(SETS_FILE, 'utf8')) as LabelledSets;
}

/** One labelled letter, as the classifier reads it. */
export interface TypeExample {
  set: string;
  file: string;
  type: DocumentTypeId;
  text: string;
}

/** The letters of some sets with their labelled type (sets without labels are skipped). */
export function typeExamples(sets: readonly string[]): TypeExample[] {
  const out: TypeExample[] = [];
  for (const set of sets) {
    const dir = join(ROOT, 'corpora', set);
    if (!existsSync(join(dir, 'labels.jsonl'))) continue;
    for (const line of readFileSync(join(dir, 'labels.jsonl'), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const l = JSON.parse(line) as { file: string; type: DocumentTypeId };
      const doc = buildDoc(readFileSync(join(dir, l.file), 'utf8'));
      out.push({ set, file: l.file, type: l.type, text: doc.masked.slice(0, doc.bodyEnd) });
    }
  }
  return out;
}

/**
 * Leave-one-set-out accuracy of the lexical model alone: each development set classified by a model
 * trained on the other sets. What the words alone generalise to letters of another writer and time.
 */
export function lexicalCrossValidation(examples: readonly TypeExample[]) {
  const sets = [...new Set(examples.map((e) => e.set))];
  const bySet: Record<string, string> = {};
  let right = 0;
  for (const set of sets) {
    const model = new TypeModel(serializeTypeModel(trainTypeModel(examples.filter((e) => e.set !== set))));
    const test = examples.filter((e) => e.set === set);
    let ok = 0;
    for (const e of test) {
      if (model.read(e.text).best === e.type) ok++;
    }
    bySet[set] = `${ok}/${test.length}`;
    right += ok;
  }
  return { letters: examples.length, accuracy: Math.round((right / examples.length) * 1000) / 1000, bySet };
}

/** The header of the model file: what it is, how it was made, from what, under which licence. */
export function modelHeader(sets: readonly string[], letters: number): string[] {
  return [
    'Modèle lexical des types de document de Clarté : régression logistique multinomiale sur les mots présents',
    "dans le corps d'une lettre (minuscules, chiffres ramenés à 0) ; une ligne par mot, un poids par type.",
    `Entraîné par « npm run train:types » (${Object.entries(TRAINING).map(([k, v]) => `${k} ${v}`).join(', ')})`,
    `sur ${letters} lettres annotées des jeux ${sets.join(', ')} (corpora/, lettres fictives écrites pour le projet).`,
    "Licence Ouverte 2.0 (Etalab), comme les corpus dont il est tiré. Ne pas modifier à la main : réentraîner.",
  ];
}

