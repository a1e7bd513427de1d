import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/paths.js';
import { normalizeText } from '../../src/analysis/normalize.js';
import { segment, tokenize, TK } from '../../src/analysis/segment.js';

const sentencesOf = (t: string): string[] => segment(t).sentences.map((s) => t.slice(s.start, s.end));

describe('normalizeText', () => {
  it('applies NFC, line endings, ligatures, invisible and non-breaking spaces, hyphenated breaks', () => {
    expect(normalizeText('e\u0301te\u0301')).toBe('été');
    expect(normalizeText('a\r\nb\rc')).toBe('a\nb\nc');
    expect(normalizeText('\uFB01n \uFB02eur')).toBe('fin fleur');
    expect(normalizeText('\uFEFFa\u200Bb')).toBe('ab');
    expect(normalizeText('1\u202F234\u00A0€ ;')).toBe('1 234 € ;');
    expect(normalizeText('adminis-\ntration et Jean-\nPierre')).toBe('administration et Jean-\nPierre');
    expect(normalizeText('trans\u00AD\nmettre')).toBe('transmettre');
  });
  it('changes nothing in an already clean text, and each fix alone still applies', () => {
    const clean = 'Madame,\n\nVotre demande du 3 mars 2026 est complète.';
    expect(normalizeText(clean)).toBe(clean);
    expect(normalizeText('fin de ligne \nsuite')).toBe('fin de ligne\nsuite');
    expect(normalizeText('coupure exa-\nminée')).toBe('coupure examinée');
    expect(normalizeText('a\u0007b')).toBe('a b');
  });
});

describe('tokenize', () => {
  const toks = (t: string): string[] => tokenize(t).map((x) => x.text);
  it('splits elisions but keeps aujourd’hui and peut-être whole', () => {
    expect(toks("l'administration qu'il d’un jusqu'à aujourd'hui peut-être")).toEqual(["l'", 'administration', "qu'", 'il', 'd’', 'un', "jusqu'", 'à', "aujourd'hui", 'peut-être']);
    const t = tokenize("l'avis");
    expect(t[0]!.elided).toBe(true);
  });
  it('splits inverted clitics', () => {
    expect(toks('Sera-t-il examiné ? Pouvez-vous venir ? Est-ce utile ?')).toEqual(['Sera', '-t-il', 'examiné', '?', 'Pouvez', '-vous', 'venir', '?', 'Est', '-ce', 'utile', '?']);
  });
  it('scans plain words exactly as the regex does (the fast path changes nothing)', () => {
    const dir = join(ROOT, 'corpora', 'lettres');
    const texts = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => normalizeText(readFileSync(join(dir, f), 'utf8')));
    texts.push("J.-P. Martin, L. 211-2, A4, 2A, l'été d’un jusqu'à peut-être sera-t-il Ωmega naïve cœur --x x- 'a' l' a.b.c. M. X. ÉTAT. R&D l’État 3e 1er ﬁn");
    for (const t of texts) expect(tokenize(t, 0, t.length, true)).toEqual(tokenize(t, 0, t.length, false));
  });
  it('keeps numbers, dates, amounts, phones, e-mails and URLs whole', () => {
    const t = tokenize('1 234,56 € le 01.02.2024 à 14h30, 01 23 45 67 89, jean.dupont@exemple.fr, https://www.service-public.fr.');
    expect(t.filter((x) => x.kind !== TK.Punct && x.kind !== TK.Symbol && x.kind !== TK.Word).map((x) => x.text)).toEqual([
      '1 234,56', '01.02.2024', '14h30', '01 23 45 67 89', 'jean.dupont@exemple.fr', 'https://www.service-public.fr',
    ]);
  });
});

describe('segment', () => {
  it('does not split after French abbreviations, initials and article references', () => {
    const t = 'M. Dupont et Mme Durand ont reçu, le 3 janv. 2026, l’avis n° 12 (art. L. 211-2 du code, cf. p. 4). J.-P. Martin, Tél. : 01 23 45 67 89, Réf. : AB12. Merci.';
    expect(sentencesOf(t)).toEqual([
      'M. Dupont et Mme Durand ont reçu, le 3 janv. 2026, l’avis n° 12 (art. L. 211-2 du code, cf. p. 4).',
      'J.-P. Martin, Tél. : 01 23 45 67 89, Réf. : AB12.',
      'Merci.',
    ]);
  });
  it('splits on ! ? … and closing quotes, not before lower case', () => {
    expect(sentencesOf('Vraiment ? oui. Il a dit « Venez. » Puis il est parti… Enfin !')).toEqual([
      'Vraiment ? oui.',
      'Il a dit « Venez. »',
      'Puis il est parti…',
      'Enfin !',
    ]);
  });
  it('splits after a full stop that ends a plain word when a word that opens sentences follows in lower case', () => {
    expect(sentencesOf('Le jury rendra son verdict lundi. on le saura alors. Cette menace est levée. c’est-à-dire que tout va bien.')).toEqual([
      'Le jury rendra son verdict lundi.',
      'on le saura alors.',
      'Cette menace est levée.',
      'c’est-à-dire que tout va bien.',
    ]);
    expect(sentencesOf('Ils sont sept. Puis ils partent. Reçu le 3 sept. Le dossier est complet.')).toEqual([
      'Ils sont sept.',
      'Puis ils partent.',
      'Reçu le 3 sept.',
      'Le dossier est complet.',
    ]);
    expect(sentencesOf('Reçu le 3 sept. 2026 au guichet.')).toEqual(['Reçu le 3 sept. 2026 au guichet.']);
    // A closing bracket, then a capitalised sentence starter (a heading or a list without a full stop).
    expect(sentencesOf('Guerre du Golfe (1990-1991) L’affaire commence alors.')).toEqual(['Guerre du Golfe (1990-1991)', 'L’affaire commence alors.']);
    expect(sentencesOf('Le tribunal (TA) de Lyon statue. Voir (annexe) Dupont.')).toEqual(['Le tribunal (TA) de Lyon statue.', 'Voir (annexe) Dupont.']);
    for (const t of ['(1) Les allocations non versées sont perdues.', 'Cochez :\n( ) Un membre du foyer est invalide.', 'AUTRE(S) MISE(S) EN GARDE SPÉCIALE(S).']) {
      expect(sentencesOf(t).some((x) => /^(?:Les|Un|EN) /.test(x))).toBe(false);
    }
    // Not after "etc." (the list goes on), an abbreviation or an initial, nor before a word that does not open sentences.
    for (const t of ['Joignez vos bulletins, relevés, etc. et votre avis d’imposition.', 'Le centre est à 3 km env. en voiture.', 'Il a vu M. le maire.', 'Le contrat est signé. voir annexe 2.']) {
      expect(sentencesOf(t)).toEqual([t]);
    }
  });
  it('makes headings, address lines, salutations and bullet items sentences of their own', () => {
    const t = 'Caisse d’allocations familiales\n12 rue des Lilas\n99000 Valmont\n\nObjet : votre demande\n\nMadame,\nVous devez fournir :\n- votre bail ;\n- vos quittances.\n1) Signez.\n2) Envoyez.';
    expect(sentencesOf(t)).toEqual([
      'Caisse d’allocations familiales', '12 rue des Lilas', '99000 Valmont', 'Objet : votre demande', 'Madame,',
      'Vous devez fournir :', '- votre bail ;', '- vos quittances.', '1) Signez.', '2) Envoyez.',
    ]);
    expect(segment(t).paragraphs).toHaveLength(3);
  });
  it('joins a wrapped line that continues in lower case', () => {
    const t = 'Nous avons bien reçu votre demande de logement social déposée auprès de nos\nservices le 4 mars, et nous la traitons.';
    expect(sentencesOf(t)).toHaveLength(1);
  });
  it('counts words with elisions merged and numbers counted', () => {
    const s = segment("L'agent a versé 1 234,56 € aujourd'hui.").sentences[0]!;
    expect(s.words).toBe(5);
  });
  it('stays linear on a 2,000-word sentence without punctuation', () => {
    const t = Array.from({ length: 2000 }, (_, i) => (i % 7 === 0 ? 'administration' : 'mot')).join(' ');
    const s = segment(t);
    expect(s.sentences).toHaveLength(1);
    expect(s.sentences[0]!.words).toBe(2000);
  });
});
