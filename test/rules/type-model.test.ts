import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse.js';
import { buildDoc } from '../../src/analysis/document.js';
import { ROOT, RULES_DIR } from '../../src/paths.js';
import { RuleFileError, RuleLibrary } from '../../src/rules/load.js';
import { MIN_KNOWN_WORDS, parseTypeModel, serializeTypeModel, trainTypeModel, TYPE_MODEL_FILE, TypeModel, typeFeatures } from '../../src/rules/type-model.js';
import { labelledSets, typeExamples } from '../../scripts/type-training.js';

const SHIPPED = join(RULES_DIR, 'types', TYPE_MODEL_FILE);

function orgWithModel(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'clarte-model-'));
  mkdirSync(join(dir, 'types'));
  writeFileSync(join(dir, 'types', TYPE_MODEL_FILE), content);
  return dir;
}

const letter = (name: string): string => readFileSync(join(ROOT, 'corpora', 'lettres', name), 'utf8');

describe('lexical model of document types', () => {
  it('is what training on the development sets gives (retrain after changing labels or letters)', () => {
    const shipped = parseTypeModel(readFileSync(SHIPPED, 'utf8'), SHIPPED);
    const trained = trainTypeModel(typeExamples(labelledSets().development));
    expect(shipped.types).toEqual(trained.types);
    shipped.bias.forEach((b, i) => expect(Math.abs(b - trained.bias[i]!)).toBeLessThan(0.001));
    const informative = [...trained.weights].filter(([, ws]) => ws.some((v) => Math.abs(v) >= 0.00005));
    expect([...shipped.weights.keys()].sort()).toEqual(informative.map(([w]) => w).sort());
    for (const [w, ws] of informative) ws.forEach((v, i) => expect(Math.abs(v - shipped.weights.get(w)![i]!), w).toBeLessThan(0.001));
  });

  it('never trains on the control set', () => {
    const { development, control } = labelledSets();
    expect(development).not.toContain(control);
    expect(readFileSync(SHIPPED, 'utf8')).not.toMatch(new RegExp(`\\b${control}\\b`));
  });

  it('reads words in lower case with digits folded, each at its first occurrence', () => {
    const f = typeFeatures('Votre DEMANDE du 12/03/2024 : votre demande est REJETÉE.');
    expect([...f.keys()]).toEqual(['votre', 'demande', 'du', '00', '0000', 'est', 'rejetée']);
    expect(f.get('demande')).toBe(6);
  });

  it('gives probabilities that sum to 1 and evidence words at their place in the text', () => {
    const model = new TypeModel(serializeTypeModel(parseTypeModel(readFileSync(SHIPPED, 'utf8'), SHIPPED)));
    const doc = buildDoc(letter('06-impots-demande-pieces-credit-impot.txt'));
    const body = doc.masked.slice(0, doc.bodyEnd);
    const reading = model.read(body);
    const sum = Object.values(reading.probabilities).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 9);
    expect(reading.known).toBeGreaterThan(MIN_KNOWN_WORDS);
    // The reading sees the words typeFeatures sees (training reads letters with typeFeatures).
    const data = parseTypeModel(readFileSync(SHIPPED, 'utf8'), SHIPPED);
    expect(reading.known).toBe([...typeFeatures(body).keys()].filter((w) => data.weights.has(w)).length);
    const spans = reading.evidence('demande-pieces', 3);
    expect(spans).toHaveLength(3);
    for (const s of spans) expect(body.slice(s.start, s.end)).toMatch(/^[\p{L}\d]+$/u);
    // The heaviest words first.
    const weightOf = (sp: { start: number; end: number }): number => data.weights.get(body.slice(sp.start, sp.end).toLowerCase().replace(/\d/g, '0'))![data.types.indexOf('demande-pieces')]!;
    expect(spans.map(weightOf)).toEqual(spans.map(weightOf).sort((a, b) => b - a));
  });

  it('decides with the signals: a short text is left to the signals alone', async () => {
    const lib = await RuleLibrary.load();
    const short = lib.documentTypes.classify('Merci pour votre message.');
    expect(short.id).toBe('autre');
    expect(short.lexical).toBeUndefined();
    const long = lib.documentTypes.classify(letter('02-caf-refus-aide-logement.txt'));
    expect(long.id).toBe('decision-defavorable');
    expect(long.lexical?.['decision-defavorable']).toBeGreaterThan(0.3);
  });

  it('is replaced by an organisation’s model, which then decides the type', async () => {
    // A model that knows one word of every letter ("de") and leans hard to "information".
    const model = ['mot\tinformation\tdecision-defavorable', '(biais)\t0\t0', 'de\t50\t0'].join('\n');
    const lib = await RuleLibrary.load(orgWithModel(model));
    const r = analyse({ text: letter('03-caf-demande-pieces-prime-activite.txt') }, lib);
    // One known word is too little to speak: the signals decide…
    expect(r.documentType.id).toBe('demande-pieces');
    const many = ['mot\tinformation\tdecision-defavorable', '(biais)\t0\t0', ...'de la le les des votre vous nous pour une un et à en est dans par sur pas que qui au du ce avec'.split(' ').map((w) => `${w}\t50\t0`)];
    // …twenty-five known words leaning hard to "information" outweigh them.
    const dir2 = orgWithModel(many.join('\n'));
    const lib2 = await RuleLibrary.load(dir2);
    expect(analyse({ text: letter('03-caf-demande-pieces-prime-activite.txt') }, lib2).documentType.id).toBe('information');
    // The rules cache knows the model file: an edited model is read again, not served from the cache.
    writeFileSync(join(dir2, 'types', TYPE_MODEL_FILE), many.join('\n').replace(/\t50\t0$/gm, '\t0\t50'));
    const lib3 = await RuleLibrary.load(dir2);
    expect(analyse({ text: letter('03-caf-demande-pieces-prime-activite.txt') }, lib3).documentType.id).toBe('decision-defavorable');
  });

  it('stops the start naming the file and line of a bad model', async () => {
    const cases: [string, RegExp][] = [
      ['(biais)\t0', /ligne 1.*« mot »/],
      ['mot\tinformation\tinconnu\n(biais)\t0\t0', /ligne 1.*types invalides \(inconnu\)/],
      ['mot\tinformation\n(biais)\t0\nde\t1\t2', /ligne 3.*1 nombres attendus après « de »/],
      ['mot\tinformation\nde\tx', /ligne 2.*1 nombres attendus/],
      ['mot\tinformation\nde\t1', /ligne 2.*« \(biais\) »/],
      ['# vide', /modèle vide/],
    ];
    for (const [content, message] of cases) {
      const dir = orgWithModel(content);
      await expect(RuleLibrary.load(dir)).rejects.toThrow(RuleFileError);
      await expect(RuleLibrary.load(dir)).rejects.toThrow(new RegExp(`modele-lexical\\.tsv.*${message.source}`));
    }
  });
});
