/**
 * The before/after comparison of two Reports (src/map/compare.ts): real reports from the real engine,
 * on letter 04 of the corpus (a heavy refusal) and a plain-language rewrite of it that keeps every
 * legal fact; variants of the rewrite each lose one fact.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse.js';
import { compareReports, ComparisonSchema, extractFacts, parseFrenchNumber, type Comparison } from '../../src/map/compare.js';
import type { Report } from '../../src/model.js';
import { ROOT } from '../../src/paths.js';
import type { RuleLibrary } from '../../src/rules/load.js';
import { ourLibrary } from '../helpers/library.js';

const HEAVY = readFileSync(join(ROOT, 'corpora', 'lettres', '04-impots-rejet-reclamation-thrs.txt'), 'utf8');

// A plain-language rewrite of letter 04 that keeps every date, amount, deadline, article and court.
const CLEAR = `Direction départementale des finances publiques de l'Ardre
Service des impôts des particuliers de Valmont
3, boulevard de la République – CS 40012
99104 Valmont Cedex

Dossier suivi par : Mme Hélène Garnier, inspectrice des finances publiques
Tél. : 01 99 00 45 10
Courriel : sip.valmont@dgfip-exemple.fr
Accueil : lundi, mardi et jeudi de 8 h 45 à 12 h ; l'après-midi sur rendez-vous

Réf. : RC 2026/0187
N° fiscal : 3012345678901

                                        Monsieur Thomas GIRAUD
                                        15, chemin des Vignes
                                        99300 BRÉVAL-SUR-ARDRE

Valmont, le 16 mars 2026

Objet : votre demande d'annulation de la taxe d'habitation 2025 sur votre résidence secondaire

Monsieur,

Le 12 janvier 2026, vous nous avez demandé d'annuler votre taxe d'habitation sur les résidences secondaires pour 2025. Nous avons reçu votre demande le 14 janvier 2026. Cette taxe est de 1 234,56 €. Elle concerne le logement situé 4, impasse du Moulin à Lisle-en-Ardre. Selon vous, ce logement n'est pas habitable et n'a aucun meuble.

Notre réponse
Nous refusons votre demande. Vous devez payer toute la taxe.

Pourquoi ?
La taxe est due pour tous les logements meublés : c'est la règle de l'article 1407 du code général des impôts. Nous la calculons pour toute l'année, d'après la situation du logement au 1er janvier : c'est la règle de l'article 1415 du même code.
Le géomètre du cadastre a visité votre logement le 24 février 2026. Au 1er janvier 2025, le logement avait assez de meubles pour y vivre. Vos factures d'électricité de 2024, d'un total de 842,30 €, le montrent aussi. Vos travaux ont commencé en septembre 2025, donc après cette date.

Vous n'êtes pas d'accord ?
Vous avez deux mois à partir de la réception de ce courrier pour contester notre décision.
Vous pouvez saisir le tribunal administratif de Valmont, 7, place du Palais, 99100 Valmont. Vous pouvez aussi le faire sur internet, avec l'application Télérecours citoyens : www.telerecours.fr. C'est la règle de l'article R. 199-1 du livre des procédures fiscales.
Avant d'aller devant le juge, vous pouvez aussi écrire au conciliateur fiscal départemental, à l'adresse en haut de ce courrier. C'est un recours hiérarchique. Attention : ce recours ne vous donne pas plus de temps pour saisir le juge.

Veuillez recevoir, Monsieur, nos salutations distinguées.

Pour le directeur départemental des finances publiques et par délégation,
Hélène Garnier
Inspectrice des finances publiques
`;

const DEADLINE_SENTENCE = 'Vous avez deux mois à partir de la réception de ce courrier pour contester notre décision.\n';

/** The text with `from` replaced by `to`; fails when `from` is not in it (so a variant never silently equals its base). */
function variant(text: string, from: string, to: string): string {
  expect(text.includes(from), `« ${from} » not found`).toBe(true);
  return text.split(from).join(to);
}

let lib: RuleLibrary;
const cache = new Map<string, Report>();
const report = (text: string): Report => {
  let r = cache.get(text);
  if (!r) {
    r = analyse({ text }, lib);
    cache.set(text, r);
  }
  return r;
};
const compare = (before: string, after: string): Comparison => compareReports(report(before), report(after));
const lost = (c: Comparison): string[] => c.invariants.filter((v) => v.lost).map((v) => `${v.kind}:${v.value}`);
const facts = (text: string): string[] => extractFacts(text).map((f) => `${f.kind}:${f.value}`);

beforeAll(async () => {
  lib = await ourLibrary();
});

describe('extractFacts', () => {
  it('reads French dates in words and in digits, with or without a year', () => {
    expect(facts('le 3 mars 2026')).toEqual(['date:2026-03-03']);
    expect(facts('le 03/03/2026')).toEqual(['date:2026-03-03']);
    expect(facts('le 3/3/26 et le 2026-03-03')).toEqual(['date:2026-03-03', 'date:2026-03-03']);
    expect(facts('au 1er janvier 2025')).toEqual(['date:2025-01-01']);
    expect(facts('au 1er janvier de l’année')).toEqual(['date:--01-01']);
    expect(facts('en septembre 2025, le 15 sept. 2025, le 4 août 2026')).toEqual(['date:2025-09', 'date:2025-09-15', 'date:2026-08-04']);
    expect(facts('mais en mai, le 31/13/2026 ou le 32 mars 2026')).toEqual([]);
  });
  it('reads amounts in euros with any thousands separator, and percentages', () => {
    expect(facts('une taxe de 1 234,56 € à payer')).toEqual(['amount:1234.56 EUR']);
    expect(facts('une taxe de 1\u202F234,56\u00A0€')).toEqual(['amount:1234.56 EUR']);
    expect(facts('soit 1234.56 euros, 150 €, 1.234,56 EUR et 12,5 €')).toEqual([
      'amount:1234.56 EUR',
      'amount:150.00 EUR',
      'amount:1234.56 EUR',
      'amount:12.50 EUR',
    ]);
    expect(facts('une majoration de 10 % ou de 2,5 pour cent')).toEqual(['amount:10 %', 'amount:2.5 %']);
  });
  it('reads deadlines and durations, number words turned into digits', () => {
    expect(facts('dans un délai de deux mois')).toEqual(['deadline:2 mois']);
    expect(facts('sous 2 mois')).toEqual(['deadline:2 mois']);
    expect(facts('dans un délai de trente jours, puis 15 jours ouvrés')).toEqual(['deadline:30 jours', 'deadline:15 jours ouvres']);
    expect(facts('un an, vingt et un jours, quatre-vingt-dix jours, les 3 derniers mois')).toEqual([
      'deadline:1 an',
      'deadline:21 jours',
      'deadline:90 jours',
      'deadline:3 mois',
    ]);
    expect(facts('Renvoyez les pièces sous quinzaine.')).toEqual(['deadline:15 jours']);
    expect(facts('aux jours et heures d’ouverture, au mois de mars')).toEqual([]);
  });
  it('parses French numbers in words', () => {
    expect(['deux', 'trente', 'vingt et un', 'soixante-dix', 'quatre-vingt-dix', 'deux cents', 'trois mille', '45'].map(parseFrenchNumber)).toEqual([
      2, 30, 21, 70, 90, 200, 3000, 45,
    ]);
    expect(parseFrenchNumber('plusieurs')).toBeUndefined();
  });
  it('reads article references, lists of them and numbered texts, not the articles of the document itself', () => {
    expect(facts('l’article L. 411-2 du code des relations entre le public et l’administration')).toEqual(['article:art. L411-2']);
    expect(facts('voir art. R. 421-5 du CJA')).toEqual(['article:art. R421-5']);
    expect(facts('les articles L. 112-3 et L. 112-4 du même code')).toEqual(['article:art. L112-3', 'article:art. L112-4']);
    expect(facts('les articles L. 821-1 et suivants et R. 822-1 du CCH')).toEqual(['article:art. L821-1', 'article:art. R822-1']);
    expect(facts('en vertu de l’article 1407 du CGI et de la loi n° 90-449')).toEqual(['article:art. 1407', 'article:loi n° 90-449']);
    expect(facts('Conformément au CRPA L.411-2,')).toEqual(['article:art. L411-2']);
    expect(facts('Article 1er : Le permis de construire est refusé.')).toEqual([]);
    const [first] = extractFacts('selon l’article 1407 du CGI');
    expect(first?.label).toBe('article 1407');
  });
  it('reads named courts and appeal bodies, not an unnamed « tribunal compétent »', () => {
    expect(facts('saisir le tribunal administratif de Lyon, 184, rue Duguesclin')).toEqual(['court:tribunal administratif de lyon']);
    expect(facts('saisir le TA de Lyon.')).toEqual(['court:tribunal administratif de lyon']);
    expect(facts('la cour administrative d’appel de Lyon')).toEqual(["court:cour administrative d'appel de lyon"]);
    expect(facts('le tribunal judiciaire de Saint-Aubin-sur-Ardre (pôle social)')).toEqual(['court:tribunal judiciaire de saint-aubin-sur-ardre']);
    expect(facts('le Conseil d’État, puis le Conseil d\'Etat')).toEqual(["court:conseil d'etat", "court:conseil d'etat"]);
    expect(facts('la Commission de Recours Amiable (CRA) de la caisse')).toEqual(['court:commission de recours amiable']);
    expect(facts('devant le tribunal administratif compétent ou la juridiction compétente')).toEqual([]);
  });
  it('finds nothing in phone numbers, postcodes and references', () => {
    expect(facts('Tél. : 01 99 00 12 34 ou 06.12.10.11.12 – Réf. : RC 2026/0187 – 99100 VALMONT – CS 40012')).toEqual([]);
  });
});

describe('compareReports', () => {
  it('finds no change between two identical texts', () => {
    const c = compare(HEAVY, HEAVY);
    const r = report(HEAVY);
    expect(c.resolved).toEqual([]);
    expect(c.introduced).toEqual([]);
    expect(c.kept).toBe(r.alerts.length);
    expect(c.kept).toBeGreaterThan(20);
    expect(c.score).toEqual({ before: r.score.value, after: r.score.value, delta: 0 });
    expect(c.readability.kandelMoles.delta).toBe(0);
    expect(c.readability.lix.delta).toBe(0);
    expect(Object.values(c.stats).map((d) => d.delta)).toEqual([0, 0, 0, 0, 0]);
    expect(c.categories.every((k) => k.delta === 0 && k.before > 0)).toBe(true);
    expect(c.mentions.every((m) => m.change === 'same')).toBe(true);
    expect(c.invariants.length).toBeGreaterThan(10);
    expect(lost(c)).toEqual([]);
    expect(c.addedFacts).toEqual([]);
    expect(c.legalRisk).toBe(false);
  });

  it('sees a plain rewrite that keeps every fact as an improvement without legal risk', () => {
    const c = compare(HEAVY, CLEAR);
    expect(c.score.after).toBeGreaterThan(c.score.before + 20);
    expect(c.score.delta).toBeCloseTo(c.score.after - c.score.before, 5);
    expect(c.readability.kandelMoles.delta).toBeGreaterThan(0);
    expect(c.stats.longSentences.after).toBeLessThan(c.stats.longSentences.before);
    expect(c.resolved.length).toBeGreaterThan(30);
    expect(c.resolved.map((a) => a.match)).toEqual(expect.arrayContaining(['nonobstant', 'ledit', 'il vous appartient de']));
    expect(c.introduced.length).toBeLessThanOrEqual(2);
    const jargon = c.categories.find((k) => k.category === 'jargon');
    expect(jargon && jargon.after - jargon.before).toBe(jargon?.delta);
    expect(jargon?.delta).toBeLessThan(-10);
    expect(c.categories.reduce((n, k) => n + k.before, 0)).toBe(report(HEAVY).alerts.length);
    expect(c.categories.reduce((n, k) => n + k.after, 0)).toBe(report(CLEAR).alerts.length);
    // Every fact of the heavy letter is still there, after normalisation.
    expect(c.invariants.filter((v) => v.kind !== 'mention').map((v) => `${v.kind}:${v.value}`)).toEqual([
      'date:2026-03-16',
      'date:2026-01-12',
      'date:2026-01-14',
      'amount:1234.56 EUR',
      'article:art. 1407',
      'article:art. 1415',
      'date:--01-01',
      'date:2026-02-24',
      'amount:842.30 EUR',
      'date:2025-01-01',
      'date:2025-09',
      'court:tribunal administratif de valmont',
      'deadline:2 mois',
      'article:art. R199-1',
      'court:conciliateur fiscal',
    ]);
    expect(lost(c)).toEqual([]);
    expect(c.legalRisk).toBe(false);
    const recourse = c.mentions.find((m) => m.id === 'recourse');
    expect(recourse).toMatchObject({ before: 'present', after: 'present', change: 'same' });
    expect(c.summary).toMatch(/^Score 53,5 → \d+(,\d)? \(\+\d+(,\d)?\) ; \d+ alertes résolues, .* ; aucun élément juridique perdu\.$/);
  });

  it('flags a dropped deadline sentence, and the recourse mention that became partial', () => {
    const c = compare(HEAVY, variant(CLEAR, DEADLINE_SENTENCE, ''));
    expect(lost(c)).toEqual(['deadline:2 mois', 'mention:recourse']);
    expect(c.legalRisk).toBe(true);
    const deadline = c.invariants.find((v) => v.kind === 'deadline');
    expect(deadline).toMatchObject({ label: 'deux mois', before: true, after: false, lost: true });
    expect(HEAVY.slice(deadline?.where?.start, deadline?.where?.end)).toBe('deux mois');
    const recourse = c.mentions.find((m) => m.id === 'recourse');
    expect(recourse).toMatchObject({ before: 'present', after: 'partial', change: 'worsened', missingBefore: [] });
    expect(recourse?.missingAfter).toContain('deadline');
    expect(c.summary).toContain('2 éléments juridiques perdus : délai « deux mois », mention « voies et délais de recours » (présente → incomplète');
  });

  it('flags a changed amount, and lists the new one as an added fact only', () => {
    const c = compare(HEAVY, variant(CLEAR, '1 234,56 €', '1 243,56 €'));
    expect(lost(c)).toEqual(['amount:1234.56 EUR']);
    expect(c.invariants.find((v) => v.lost)).toMatchObject({ label: '1 234,56 €', after: false });
    expect(c.addedFacts.map((f) => `${f.kind}:${f.value}:${f.label}`)).toEqual(['amount:1243.56 EUR:1 243,56 €']);
    expect(c.mentions.every((m) => m.change === 'same')).toBe(true);
    expect(c.legalRisk).toBe(true);
    expect(c.summary).toMatch(/; 1 élément juridique perdu : montant « 1 234,56 € »\.$/);
  });

  it('flags a court no longer named, and the recourse mention that lost its court', () => {
    const c = compare(HEAVY, variant(CLEAR, 'saisir le tribunal administratif de Valmont, 7, place du Palais, 99100 Valmont', 'saisir le tribunal compétent'));
    expect(lost(c)).toEqual(['court:tribunal administratif de valmont', 'mention:recourse']);
    const recourse = c.mentions.find((m) => m.id === 'recourse');
    expect(recourse).toMatchObject({ before: 'present', after: 'partial', change: 'worsened', newlyMissing: ['court'] });
    expect(c.invariants.find((v) => v.kind === 'mention' && v.lost)?.detail).toBe('présente → incomplète ; manque : le tribunal nommé');
    expect(c.legalRisk).toBe(true);
  });

  it('sees the court named again as an improvement, with the court as an added fact, not an invariant', () => {
    const c = compare(variant(CLEAR, 'saisir le tribunal administratif de Valmont, 7, place du Palais, 99100 Valmont', 'saisir le tribunal compétent'), CLEAR);
    expect(c.mentions.find((m) => m.id === 'recourse')).toMatchObject({ before: 'partial', after: 'present', change: 'improved' });
    expect(c.invariants.some((v) => v.kind === 'court' && v.value.startsWith('tribunal administratif'))).toBe(false);
    expect(c.addedFacts.map((f) => `${f.kind}:${f.value}`)).toEqual(['court:tribunal administratif de valmont']);
    expect(c.legalRisk).toBe(false);
  });

  it('does not count « 2 mois » for « deux mois », nor « 03/03/2026 » for « 3 mars 2026 », as lost', () => {
    const c = compare(HEAVY, variant(variant(CLEAR, 'deux mois', '2 mois'), 'le 24 février 2026', 'le 24/02/2026'));
    expect(lost(c)).toEqual([]);
    expect(c.invariants.find((v) => v.value === '2026-02-24')).toMatchObject({ label: '24 février 2026', after: true, lost: false });
    expect(c.invariants.find((v) => v.kind === 'deadline')).toMatchObject({ label: 'deux mois', after: true, lost: false });
    const small = compare(
      'Nous avons reçu votre demande le 3 mars 2026. Vous pouvez la contester dans un délai de deux mois.',
      'Nous avons reçu votre demande le 03/03/2026. Vous avez 2 mois pour la contester.',
    );
    expect(small.invariants.map((v) => `${v.kind}:${v.value}:${v.lost}`).filter((s) => !s.startsWith('mention'))).toEqual(['date:2026-03-03:false', 'deadline:2 mois:false']);
    // A year is twelve months; a year dropped from a date is a loss.
    expect(lost(compare('Vous avez un an pour agir, avant le 1er mars 2026.', 'Vous avez 12 mois pour agir, avant le 1er mars.'))).toEqual(['date:2026-03-01']);
  });

  it('matches alerts by rule and text, not by offset: a paragraph added at the top keeps the others', () => {
    const prefix = 'Ce courrier remplace notre courrier du 2 mars 2026, qui contenait une erreur.\n\n';
    const before = report(HEAVY);
    const after = report(prefix + HEAVY);
    const c = compareReports(before, after);
    expect(c.resolved).toEqual([]);
    expect(c.kept).toBe(before.alerts.length);
    expect(c.introduced.every((a) => a.start < prefix.length)).toBe(true);
    // The same alerts sit elsewhere: an offset-based comparison would have resolved and introduced them all.
    const at = new Set(before.alerts.map((a) => `${a.rule}@${a.start}`));
    expect(after.alerts.filter((a) => at.has(`${a.rule}@${a.start}`))).toEqual([]);
  });

  it('folds apostrophes and matches repeated alerts as a multiset', () => {
    const curly = compare(HEAVY, HEAVY.replace(/'/g, '’'));
    expect(curly.resolved).toEqual([]);
    expect(curly.introduced).toEqual([]);
    const twice = 'Ledit local est vide depuis longtemps. Ledit local est froid en hiver.';
    const once = 'Ledit local est vide depuis longtemps. Le local est froid en hiver.';
    const c = compare(twice, once);
    const ledit = (r: Report): number => r.alerts.filter((a) => a.match.toLowerCase() === 'ledit').length;
    expect(ledit(report(twice))).toBe(2);
    expect(c.resolved.filter((a) => a.match.toLowerCase() === 'ledit')).toHaveLength(1);
    expect(c.resolved.find((a) => a.match.toLowerCase() === 'ledit')?.start).toBe(twice.lastIndexOf('Ledit'));
    expect(c.introduced.filter((a) => a.match.toLowerCase() === 'ledit')).toEqual([]);
  });

  it('ranks mention statuses missing < partial < present, not-applicable apart', () => {
    const base = report(CLEAR);
    const withRecourse = (status: Report['mentions'][number]['status'], missing: string[]): Report => ({
      ...base,
      mentions: base.mentions.map((m) => (m.id === 'recourse' ? { ...m, status, missing } : m)),
    });
    const change = (b: Report, a: Report): string | undefined => compareReports(b, a).mentions.find((m) => m.id === 'recourse')?.change;
    expect(change(withRecourse('present', []), withRecourse('missing', ['court']))).toBe('worsened');
    expect(change(withRecourse('missing', ['court']), withRecourse('partial', ['court']))).toBe('improved');
    expect(change(withRecourse('partial', ['court']), withRecourse('partial', ['court', 'telerecours']))).toBe('worsened');
    expect(change(withRecourse('partial', ['court', 'telerecours']), withRecourse('partial', ['court']))).toBe('improved');
    expect(change(withRecourse('present', []), withRecourse('not-applicable', []))).toBe('worsened');
    expect(change(withRecourse('not-applicable', []), withRecourse('not-applicable', []))).toBe('same');
    const c = compareReports(withRecourse('partial', ['telerecours']), withRecourse('not-applicable', []));
    expect(c.invariants.find((v) => v.kind === 'mention' && v.value === 'recourse')).toMatchObject({ lost: true, after: false });
    expect(c.legalRisk).toBe(true);
    // A mention that was already missing is no invariant.
    const m = compareReports(withRecourse('missing', ['court']), withRecourse('missing', ['court']));
    expect(m.invariants.some((v) => v.value === 'recourse')).toBe(false);
  });

  it('gives a result that the schema accepts, also after a JSON round trip', () => {
    for (const c of [compare(HEAVY, CLEAR), compare(HEAVY, variant(CLEAR, DEADLINE_SENTENCE, ''))]) {
      expect(ComparisonSchema.parse(c)).toEqual(c);
      expect(ComparisonSchema.parse(JSON.parse(JSON.stringify(c)))).toEqual(c);
    }
    expect(() => ComparisonSchema.parse({ ...compare(HEAVY, CLEAR), legalRisk: 'non' })).toThrow();
  });
});
