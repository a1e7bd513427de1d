/**
 * What a stored text loses: the rules' personal data and a second reader's confident finds where the
 * rules found nothing and know nothing of the service (src/privacy/second-opinion.ts). The merging is
 * tested with a second reader of fixed finds (so that the tests do not move when the shipped model is
 * trained again on more letters); the shipped model itself is read in the last tests.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPersonalData, pseudonymise, type PersonalDataType } from '../../src/privacy/personal-data.js';
import { TAGGER_FILE, TAGGER_GATE, findPersonalDataToStore, shippedTagger } from '../../src/privacy/second-opinion.js';
import { FeatureSpace, Tagger, type ScoredSpan } from '../../src/privacy/tagger.js';

/** A second reader that finds each given string wherever it stands, with the given score (and sees each piece of a long text apart). */
class FixedReader extends Tagger {
  readonly pieces: number[] = [];
  constructor(private readonly finds: [PersonalDataType, string, number][]) {
    super(new FeatureSpace(), new Float64Array(0), new Float64Array(0), false);
  }
  override predict(text: string): ScoredSpan[] {
    this.pieces.push(text.length);
    const out: ScoredSpan[] = [];
    for (const [type, needle, score] of this.finds) for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push({ type, start: i, end: i + needle.length, score });
    return out.sort((a, b) => a.start - b.start);
  }
}

const BILL = `Syndicat des eaux de la Vallée
Service facturation
Tél. : 02 41 55 60 70

Abonné : Marc DELAUNAY
Adresse de desserte : 5 impasse des Saules, 49800 Trélazé
Contact : 06 48 21 73 95

Objet : facture d'eau du second semestre

Monsieur,

Votre consommation est de 48 mètres cubes. Une fuite chez les Ferrand a été signalée le 3 mars.

Dossier suivi par : Mme Claire Petit

Le directeur,
Jean Moreau
`;
const show = (text: string, spans: { start: number; end: number; type: string }[]): string[] => spans.map((s) => `${s.type}:${text.slice(s.start, s.end)}`);

describe('stored texts: the rules and a second reader', () => {
  it('adds the finds the rules left, whole, and keeps every rule find', () => {
    const rules = show(BILL, findPersonalData(BILL));
    expect(rules).not.toContain('TELEPHONE:06 48 21 73 95');
    expect(rules).not.toContain('NOM:Ferrand');
    const reader = new FixedReader([
      ['TELEPHONE', '06 48 21', 200], // found in part: replaced whole
      ['NOM', 'Ferrand', 180],
    ]);
    const stored = show(BILL, findPersonalDataToStore(BILL, reader));
    expect(stored).toEqual(expect.arrayContaining([...rules, 'TELEPHONE:06 48 21 73 95', 'NOM:Ferrand']));
    expect(stored).toHaveLength(rules.length + 2);
    const p = pseudonymise(BILL, findPersonalDataToStore(BILL, reader));
    expect(p.text).toContain('Contact : [TÉLÉPHONE]\n');
    expect(p.text).toContain('Une fuite chez les [NOM] a été signalée');
  });

  it('never overlaps two finds, also when a number made whole reaches the next find', () => {
    const reader = new FixedReader([
      ['TELEPHONE', '06 48', 300],
      ['TELEPHONE', '73 95', 300],
    ]);
    const stored = findPersonalDataToStore(BILL, reader);
    for (let i = 1; i < stored.length; i++) expect(stored[i]!.start).toBeGreaterThanOrEqual(stored[i - 1]!.end);
    expect(show(BILL, stored)).toContain('TELEPHONE:06 48 21 73 95');
    expect(pseudonymise(BILL, stored).text).toContain('Contact : [TÉLÉPHONE]\n');
  });

  it('keeps only the finds at or above the gate', () => {
    const reader = new FixedReader([['NOM', 'Ferrand', TAGGER_GATE - 1]]);
    expect(show(BILL, findPersonalDataToStore(BILL, reader))).toEqual(show(BILL, findPersonalData(BILL)));
    expect(show(BILL, findPersonalDataToStore(BILL, reader, TAGGER_GATE - 1))).toContain('NOM:Ferrand');
  });

  it('leaves what the rules know for the service’s: letterhead, agent, signatory, dates no one is born on', () => {
    const reader = new FixedReader([
      ['TELEPHONE', '02 41 55 60 70', 900],
      ['NOM', 'Claire Petit', 900],
      ['NOM', 'Jean Moreau', 900],
      ['DATE_NAISSANCE', '3 mars', 900],
      ['ADRESSE', 'Syndicat des eaux de la Vallée', 900],
    ]);
    expect(show(BILL, findPersonalDataToStore(BILL, reader))).toEqual(show(BILL, findPersonalData(BILL)));
  });

  it('reads a long text piece by piece and places each find in the whole text', () => {
    const long = Array.from({ length: 400 }, () => BILL).join('\n');
    const reader = new FixedReader([['TELEPHONE', '06 48 21 73 95', 300]]);
    const spans = findPersonalDataToStore(long, reader);
    expect(reader.pieces.length).toBeGreaterThan(2);
    for (const n of reader.pieces) expect(n).toBeLessThanOrEqual(50_000);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    const p = pseudonymise(long, spans);
    expect(p.text).not.toContain('06 48 21 73 95');
    expect(p.counts.TELEPHONE).toBe(400);
  });

  it('finds nothing in an empty or blank text', () => {
    expect(findPersonalDataToStore('', new FixedReader([]))).toEqual([]);
    expect(findPersonalDataToStore(' \n\n ', new FixedReader([]))).toEqual([]);
  });
});

describe('the shipped model', () => {
  it('was trained at build time on the development letters, never on a blind set', () => {
    const json = JSON.parse(readFileSync(TAGGER_FILE, 'utf8')) as { source: string; weights: Record<string, number[]> };
    expect(json.source).toMatch(/^Clarté, entraîné au build sur \d{3,} courriers fictifs annotés .*\bdev\d+\b/);
    expect(json.source).not.toMatch(/controle/);
    expect(Object.keys(json.weights).length).toBeGreaterThan(10_000);
  });

  it('reads a letter: its finds are spans of the text, with types and scores', () => {
    const finds = shippedTagger().predict(BILL);
    expect(finds.length).toBeGreaterThan(0);
    for (const f of finds) {
      expect(BILL.slice(f.start, f.end).trim()).toBe(BILL.slice(f.start, f.end));
      expect(Number.isFinite(f.score)).toBe(true);
    }
    expect(show(BILL, finds)).toContain('NOM:Marc DELAUNAY');
  });
});
