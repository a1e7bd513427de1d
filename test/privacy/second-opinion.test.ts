/**
 * What a stored text loses: the rules' personal data and the shipped tagger's confident finds where the
 * rules found nothing (src/privacy/second-opinion.ts); the model is the one `npm run build` trained.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPersonalData, pseudonymise } from '../../src/privacy/personal-data.js';
import { TAGGER_FILE, TAGGER_GATE, findPersonalDataToStore, shippedTagger } from '../../src/privacy/second-opinion.js';

const BILL = `Syndicat des eaux de la Vallée
Service facturation

Abonné : Marc DELAUNAY
Adresse de desserte : 5 impasse des Saules, 49800 Trélazé
Contact : 06 48 21 73 95

Objet : facture d'eau du second semestre

Monsieur,

Votre consommation est de 48 mètres cubes. Le montant dû est de 156,20 euros.

Le service facturation
`;
const show = (text: string, spans: { start: number; end: number; type: string }[]): string[] => spans.map((s) => `${s.type}:${text.slice(s.start, s.end)}`);

describe('stored texts: the rules and the learned tagger', () => {
  it('ships a model trained at build time on the development letters', () => {
    const json = JSON.parse(readFileSync(TAGGER_FILE, 'utf8')) as { source: string; weights: Record<string, number[]> };
    expect(json.source).toMatch(/^Clarté, entraîné au build sur \d{3,} courriers fictifs annotés .*dev17/);
    expect(json.source).not.toMatch(/controle/);
    expect(Object.keys(json.weights).length).toBeGreaterThan(10_000);
  });

  it('adds the whole number the rules left and the tagger found, and keeps every rule find', () => {
    const rules = show(BILL, findPersonalData(BILL));
    expect(rules.some((r) => r.startsWith('TELEPHONE'))).toBe(false);
    const stored = show(BILL, findPersonalDataToStore(BILL));
    expect(stored).toEqual(expect.arrayContaining([...rules, 'TELEPHONE:06 48 21 73 95']));
    const p = pseudonymise(BILL, findPersonalDataToStore(BILL));
    expect(p.text).toContain('Contact : [TÉLÉPHONE]\n');
    expect(p.text).toContain('Syndicat des eaux de la Vallée');
    expect(p.text).toContain('156,20 euros');
  });

  it('keeps only the finds at or above the gate', () => {
    const found = shippedTagger().predict(BILL);
    const stored = findPersonalDataToStore(BILL);
    for (const s of found.filter((x) => x.score < TAGGER_GATE)) expect(stored.some((r) => r.start === s.start)).toBe(findPersonalData(BILL).some((r) => r.start === s.start));
  });

  it('reads a long text piece by piece: sorted, non-overlapping, the number replaced in every copy', () => {
    const long = Array.from({ length: 400 }, () => BILL).join('\n');
    expect(long.length).toBeGreaterThan(100_000);
    const spans = findPersonalDataToStore(long);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    const p = pseudonymise(long, spans);
    expect(p.text).not.toContain('06 48 21 73 95');
    expect(p.counts.TELEPHONE).toBe(400);
  });

  it('finds nothing in an empty or blank text', () => {
    expect(findPersonalDataToStore('')).toEqual([]);
    expect(findPersonalDataToStore(' \n\n ')).toEqual([]);
  });
});
