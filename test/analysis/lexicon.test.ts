import { describe, expect, it } from 'vitest';
import { expandVariants, LexiconError, LexiconMatcher, matchCase, parseLexicon } from '../../src/analysis/lexicon.js';
import { buildDoc } from '../../src/analysis/document.js';

function find(lexicon: string, text: string) {
  const m = new LexiconMatcher(parseLexicon(lexicon, 'test'));
  const doc = buildDoc(text);
  return doc.sentences.flatMap((s) =>
    m.match(s.tokens, doc.text).map((h) => ({ match: doc.text.slice(s.tokens[h.from]!.start, s.tokens[h.to - 1]!.end), suggestions: h.suggestions })),
  );
}

describe('lexicon files', () => {
  it('parses substitutions, glosses and variants', () => {
    const e = parseLexicon('# comment\nafin de = pour\nnonobstant = malgré | en dépit de\nforclusion ~ perte du droit d’agir\nprocéder à {la|une} vérification = vérifier\n', 'x');
    expect(e.map((x) => x.term)).toEqual(['afin de', 'nonobstant', 'forclusion', 'procéder à la vérification', 'procéder à une vérification']);
    expect(e[1]!.suggestions).toEqual(['malgré', 'en dépit de']);
    expect(e[2]).toMatchObject({ type: 'gloss', gloss: 'perte du droit d’agir' });
    expect(expandVariants('{a|b} x {c|d}')).toEqual(['a x c', 'a x d', 'b x c', 'b x d']);
  });
  it('rejects malformed lines and duplicates, naming the line', () => {
    expect(() => parseLexicon('afin de pour', 'f.txt')).toThrow(/f\.txt:1/);
    expect(() => parseLexicon('a = b\na = c', 'f.txt')).toThrow(LexiconError);
    expect(() => parseLexicon('a = b\n{a|} = c', 'f.txt')).toThrow(/vide/);
  });
});

describe('lexicon matcher', () => {
  it('matches verbs in any form and conjugates the suggestion alike', () => {
    expect(find('solliciter = demander', 'Vous sollicitez une aide. Il a sollicité un délai. Elles sollicitaient.')).toEqual([
      { match: 'sollicitez', suggestions: ['demandez'] },
      { match: 'sollicité', suggestions: ['demandé'] },
      { match: 'sollicitaient', suggestions: ['demandaient'] },
    ]);
  });
  it('matches plural and feminine forms, multi-word terms, both apostrophes, and keeps the case', () => {
    expect(find("modalité = règle\nà l'effet de = pour", 'Les modalités sont fixées. À l’effet de payer.')).toEqual([
      { match: 'modalités', suggestions: ['règles'] },
      { match: 'À l’effet de', suggestions: ['Pour'] },
    ]);
    expect(find('afin de = pour', 'AFIN DE PAYER')).toEqual([{ match: 'AFIN DE', suggestions: ['POUR'] }]);
  });
  it('prefers the longest match and ignores commas inside a term', () => {
    expect(find('agréer = accepter\nveuillez agréer madame = bien à vous', 'Veuillez agréer, Madame, mes salutations.')).toEqual([
      { match: 'Veuillez agréer, Madame', suggestions: ['Bien à vous'] },
    ]);
  });
  it('matches terms that end with an elision', () => {
    expect(find("afin {de|d'} = pour", "Afin d'obtenir l'aide, afin de payer.")).toEqual([
      { match: "Afin d'", suggestions: ['Pour'] },
      { match: 'afin de', suggestions: ['pour'] },
    ]);
  });
  it('matches pronominal verbs in any form and picks the person from the subject', () => {
    expect(find("{s'acquitter|vous acquitter} {de|d'} = payer", 'Vous devez vous acquitter de la taxe. Vous vous acquittez de la taxe.')).toEqual([
      { match: 'vous acquitter de', suggestions: ['payer'] },
      { match: 'vous acquittez de', suggestions: ['payez'] },
    ]);
    expect(find('disposer que = prévoir que', "L'article dispose que. Je dispose que.")).toEqual([
      { match: 'dispose que', suggestions: ['prévoit que'] },
      { match: 'dispose que', suggestions: ['prévois que'] },
    ]);
  });
  it('conjugates negative and pronominal suggestions', () => {
    expect(find('méconnaître = ne pas respecter\ncomparaître = se présenter', 'Votre projet méconnaît la règle. Vous comparaissez demain. Il comparaît.')).toEqual([
      { match: 'méconnaît', suggestions: ['ne respecte pas'] },
      { match: 'comparaissez', suggestions: ['vous présentez'] },
      { match: 'comparaît', suggestions: ['se présente'] },
    ]);
    expect(find('enfreindre = ne pas appliquer', 'Ils enfreignent la loi.')).toEqual([{ match: 'enfreignent', suggestions: ["n'appliquent pas"] }]);
  });
  it('keeps the case of the match', () => {
    expect(matchCase('Afin de', 'pour')).toBe('Pour');
    expect(matchCase('afin de', 'pour')).toBe('pour');
    expect(matchCase('NONOBSTANT', 'malgré')).toBe('MALGRÉ');
  });
});
