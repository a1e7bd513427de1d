import { describe, expect, it } from 'vitest';
import type { PersonalDataSpan } from '../../src/privacy/personal-data.js';
import { Tagger, tagTokens, tokenize, trainTagger, type TrainingExample } from '../../src/privacy/tagger.js';

/** An invented sentence with its gold spans, written with ⟦TYPE:…⟧ marks. */
function example(marked: string): TrainingExample {
  let text = '';
  const spans: PersonalDataSpan[] = [];
  const re = /⟦(\w+):([^⟧]*)⟧/g;
  let at = 0;
  for (const m of marked.matchAll(re)) {
    text += marked.slice(at, m.index);
    spans.push({ start: text.length, end: text.length + m[2]!.length, type: m[1] as PersonalDataSpan['type'] });
    text += m[2];
    at = m.index + m[0].length;
  }
  text += marked.slice(at);
  return { text, spans };
}

const TOY = [
  'Monsieur ⟦NOM:Paul DURAND⟧ habite ici.\nDossier : ⟦NUMERO_DOSSIER:AB-1234⟧',
  'Madame ⟦NOM:Lucie MARTIN⟧ habite ici.\nDossier : ⟦NUMERO_DOSSIER:XY-9876⟧',
  'Monsieur ⟦NOM:Karim BENALI⟧ est venu.\nDossier : ⟦NUMERO_DOSSIER:QR-5555⟧',
  'Madame ⟦NOM:Anne PETIT⟧ est venue.\nLe service des impôts vous répond.',
  'Le service vous écrit.\nDossier : ⟦NUMERO_DOSSIER:KL-2020⟧\nMonsieur ⟦NOM:Jean ROUX⟧',
].map(example);

const found = (text: string, spans: readonly PersonalDataSpan[]): string[] => spans.map((s) => `${s.type}:${text.slice(s.start, s.end)}`);

describe('personal-data tagger (experiment)', () => {
  it('tokenizes words and punctuation with their line', () => {
    const toks = tokenize("N'DIAYE : 06.12\nici");
    expect(toks.map((t) => t.text)).toEqual(['N', "'", 'DIAYE', ':', '06', '.', '12', 'ici']);
    expect(toks.map((t) => t.line)).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('tags tokens in BIO from spans', () => {
    const text = 'Madame Anne PETIT, ici';
    const tags = tagTokens(tokenize(text), [{ start: 7, end: 17, type: 'NOM' }]);
    // O, B-NOM, I-NOM, O, O
    expect(Array.from(tags)).toEqual([0, 13, 14, 0, 0]);
  });

  it('learns a toy pattern and tags it in a new sentence', () => {
    const model = trainTagger(TOY, { epochs: 8 });
    const text = 'Madame Sophie GIRARD habite ici.\nDossier : ZZ-4242';
    expect(found(text, model.predict(text))).toEqual(['NOM:Sophie GIRARD', 'NUMERO_DOSSIER:ZZ-4242']);
    expect(model.predict('Le service vous répond.')).toEqual([]);
  });

  it('reads the rule output as features when trained with it', () => {
    // the rules' span is the only cue that tells the code apart
    const texts = ['Voir code AAA-111 puis code BBB-222.', 'Voir code CCC-333 puis code DDD-444.', 'Voir code EEE-555 puis code FFF-666.', 'Voir code JJJ-121 puis code KKK-343.', 'Voir code LLL-565 puis code MMM-787.', 'Voir code NNN-909 puis code PPP-232.'];
    const examples = texts.map((text, i) => {
      // the first code in odd letters, the second in even ones
      const start = (i % 2 ? text.indexOf('code ') : text.lastIndexOf('code ')) + 5;
      const span: PersonalDataSpan = { start, end: start + 7, type: 'NUMERO_DOSSIER' };
      return { text, spans: [span], hints: [span] };
    });
    const model = trainTagger(examples, { epochs: 8, useHints: true });
    const text = 'Voir code GGG-777 puis code HHH-888.';
    const second = text.lastIndexOf('code ') + 5;
    expect(found(text, model.predict(text, [{ start: second, end: second + 7, type: 'NUMERO_DOSSIER' }]))).toEqual(['NUMERO_DOSSIER:HHH-888']);
  });

  it('is deterministic and round-trips through JSON', () => {
    const a = trainTagger(TOY, { epochs: 5, seed: 7 });
    const b = trainTagger(TOY, { epochs: 5, seed: 7 });
    expect(JSON.stringify(a.toJSON())).toEqual(JSON.stringify(b.toJSON()));
    const back = Tagger.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    const text = 'Monsieur Yves LEROY est venu.\nDossier : MN-3131';
    expect(found(text, back.predict(text))).toEqual(found(text, a.predict(text)));
    expect(found(text, back.predict(text)).length).toBeGreaterThan(0);
  });
});
