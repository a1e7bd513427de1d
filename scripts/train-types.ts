/**
 * `npm run train:types`: trains the lexical model of document types on the development sets of
 * corpora/jeux.json and writes rules/types/modele-lexical.tsv (a test checks that the file is what
 * training gives). Prints the leave-one-set-out accuracy of the model alone.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES_DIR } from '../src/paths.js';
import { formatTypeModel, trainTypeModel, TYPE_MODEL_FILE } from '../src/rules/type-model.js';
import { labelledSets, lexicalCrossValidation, modelHeader, typeExamples } from './type-training.js';

const sets = labelledSets().development;
const examples = typeExamples(sets);
const model = trainTypeModel(examples);
const path = join(RULES_DIR, 'types', TYPE_MODEL_FILE);
writeFileSync(path, formatTypeModel(model, modelHeader(sets, examples.length)));
console.log(`${path} : ${model.weights.size} mots, ${examples.length} lettres`);
console.log(JSON.stringify({ measure: 'types-lexical-leave-one-set-out', ...lexicalCrossValidation(examples) }));
