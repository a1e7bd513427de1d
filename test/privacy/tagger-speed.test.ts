import { describe, expect, it } from 'vitest';
import type { PersonalDataSpan } from '../../src/privacy/personal-data.js';
import { shippedTagger } from '../../src/privacy/second-opinion.js';
import { Tagger, encodeLetter, trainTagger, type TrainingExample } from '../../src/privacy/tagger.js';

/** An invented text with its gold spans, written with ⟦TYPE:…⟧ marks. */
function example(marked: string): TrainingExample {
  let text = '';
  const spans: PersonalDataSpan[] = [];
  let at = 0;
  for (const m of marked.matchAll(/⟦(\w+):([^⟧]*)⟧/g)) {
    text += marked.slice(at, m.index);
    spans.push({ start: text.length, end: text.length + m[2]!.length, type: m[1] as PersonalDataSpan['type'] });
    text += m[2];
    at = m.index + m[0].length;
  }
  text += marked.slice(at);
  return { text, spans, hints: spans.slice(0, 1) };
}

// invented letters, with what the feature look-ups of predict must get right: "|" and "=" tokens (a
// "|" inside a compound feature's value), labels before colons, tabs, wide gaps, non-ASCII letters and
// signs, a character beyond the BMP, runs of digit groups, e-mail addresses, header, body and signature
const TRAIN = [
  'Objet : demande\nMonsieur ⟦NOM:Paul DURAND⟧ | né le ⟦DATE_NAISSANCE:12/03/1961⟧\nDossier n° : ⟦NUMERO_DOSSIER:AB-1234⟧',
  'Madame ⟦NOM:Lucie MARTIN⟧ || tél. : ⟦TELEPHONE:06 12 34 56 78⟧\nCourriel = ⟦EMAIL:lucie.martin@exemple.fr⟧',
  'Réf.\t: ⟦NUMERO_DOSSIER:XY-9876⟧ | IBAN : ⟦IBAN:FR76 3000 6000 0112 3456 7890 189⟧\nCordialement,\n⟦NOM:Karim BENALI⟧',
  'À l’attention de ⟦NOM:Anne PETIT⟧,\n⟦ADRESSE:12 rue des Lilas, 75011 Paris⟧\nN° sécu | ⟦NIR:1 61 03 75 112 345 67⟧',
  '|||\nÉtat civil : ⟦NOM:Jean ROUX⟧ =|= İlk 🙂 ok\nVeuillez agréer mes salutations.\n    ⟦NOM:Jean ROUX⟧',
].map(example);

const TEXTS = [
  'Objet : rappel\nMonsieur Yves LEROY | né le 01/02/1970\nDossier n° : MN-3131\nTél. : 07 11 22 33 44',
  'Madame Sophie GIRARD || courriel = sophie.girard@exemple.org\n\tRéf. : ZZ-4242 | IBAN : FR76 1111 2222 3333 4444 5555 666',
  '| a | b || c |||\n=|= İstanbul 🙂 ÉCOLE\n   N° sécu | 2 84 05 13 055 123 45\nCordialement,\nLéa DUPONT',
  '',
  'Le service vous répond.',
];

/** The plain path: the features as strings, looked up one by one, then decoded. */
function plain(tagger: Tagger, text: string, hints: readonly PersonalDataSpan[]): string {
  const frozen = tagger.space.frozen;
  tagger.space.frozen = true;
  try {
    return JSON.stringify(tagger.predictEncoded(encodeLetter(text, tagger.space, tagger.useHints ? hints : null)));
  } finally {
    tagger.space.frozen = frozen;
  }
}

function expectSame(tagger: Tagger, hints: (text: string) => PersonalDataSpan[]): number {
  let spans = 0;
  for (const text of [...TEXTS, ...TRAIN.map((x) => x.text)]) {
    const fast = tagger.predict(text, hints(text));
    // same spans, types and scores, to the last bit (JSON writes every digit of a double)
    expect(JSON.stringify(fast)).toBe(plain(tagger, text, hints(text)));
    spans += fast.length;
  }
  return spans;
}

describe('personal-data tagger: predict and the plain path agree', () => {
  it('on a model trained on invented letters', () => {
    const model = trainTagger(TRAIN, { epochs: 6 });
    expect(model.space.names.some((name) => name.startsWith('w-1|w=||'))).toBe(true);
    expect(expectSame(model, () => [])).toBeGreaterThan(0);
  });

  it('on a model that reads the rule output', () => {
    const model = trainTagger(TRAIN, { epochs: 6, useHints: true });
    const hints = (text: string): PersonalDataSpan[] => {
      const at = text.indexOf('|');
      return at < 0 ? [] : [{ start: at, end: Math.min(text.length, at + 12), type: 'NUMERO_DOSSIER' }];
    };
    expect(expectSame(model, hints)).toBeGreaterThan(0);
  });

  it('after a round trip through JSON, and when the space grows after a first predict', () => {
    const model = Tagger.fromJSON(JSON.parse(JSON.stringify(trainTagger(TRAIN, { epochs: 6 }).toJSON())));
    expect(expectSame(model, () => [])).toBeGreaterThan(0);
    model.space.frozen = false;
    encodeLetter('Des mots nouveaux : zygomatique | xylophone', model.space, null);
    model.space.frozen = true;
    expectSame(model, () => []);
  });

  it('on the shipped model', () => {
    expect(expectSame(shippedTagger(), () => [])).toBeGreaterThan(0);
  });
});
