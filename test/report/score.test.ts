import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse.js';
import { computeScore, grade, READABILITY, SCORE_PARTS, SEVERITY_WEIGHT, weightsOf } from '../../src/report/score.js';
import type { Alert } from '../../src/model.js';
import { ourLibrary } from '../helpers/library.js';

const alert = (category: Alert['category'], severity: Alert['severity']): Alert => ({
  rule: 'x', category, severity, principle: 'understandable', message: 'm', start: 0, end: 1, line: 1, column: 1, match: 'a', suggestions: [],
});

describe('score', () => {
  it('is the documented sum of parts, recomputable by hand', async () => {
    const alerts = [alert('jargon', 'warning'), alert('jargon', 'error'), alert('passive-voice', 'suggestion')];
    const s = computeScore(weightsOf(alerts), 200, { kandelMoles: 55, rareShare: 0.45, verbShare: 0.1 });
    const jargon = SCORE_PARTS.jargon.max * (1 - (SEVERITY_WEIGHT.warning + SEVERITY_WEIGHT.error) / 2 / SCORE_PARTS.jargon.cap);
    const passive = SCORE_PARTS['passive-voice'].max * (1 - SEVERITY_WEIGHT.suggestion / 2 / SCORE_PARTS['passive-voice'].cap);
    const km = (55 - READABILITY.kmLow) / (READABILITY.kmHigh - READABILITY.kmLow);
    const rare = 1 - (0.45 - READABILITY.rareLow) / (READABILITY.rareHigh - READABILITY.rareLow);
    const verbs = (0.1 - READABILITY.verbLow) / (READABILITY.verbHigh - READABILITY.verbLow);
    const readability = (SCORE_PARTS.readability.max * (km + rare + verbs)) / 3;
    const untouched = Object.entries(SCORE_PARTS).filter(([c]) => !['jargon', 'passive-voice', 'readability'].includes(c)).reduce((n, [, p]) => n + p.max, 0);
    expect(s.parts.jargon).toBeCloseTo(jargon, 1);
    expect(s.parts['passive-voice']).toBeCloseTo(passive, 1);
    expect(s.parts.readability).toBeCloseTo(readability, 1);
    expect(s.value).toBeCloseTo(jargon + passive + readability + untouched, 1);
    expect(Object.values(SCORE_PARTS).reduce((n, p) => n + p.max, 0)).toBe(100);
  });
  it('grades A to E', async () => {
    expect([90, 75, 60, 45, 10].map(grade)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });
  it('does not punish a long letter for being long', async () => {
    const letter = 'Votre demande a été rejetée afin de permettre un nouvel examen. Vous pouvez nous écrire. Nous vous répondrons vite.\n\n';
    const lib = await ourLibrary();
    const one = analyse({ text: letter }, lib).score.value;
    const ten = analyse({ text: letter.repeat(10) }, lib).score.value;
    expect(Math.abs(one - ten)).toBeLessThanOrEqual(2);
  });
  it('counts every hit, not only the alerts shown (the per-rule cap does not improve a long bad letter)', async () => {
    const lib = await ourLibrary();
    const bad = 'Votre demande a été rejetée par le service. ';
    const short = analyse({ text: bad.repeat(400) }, lib);
    const long = analyse({ text: bad.repeat(1000) }, lib);
    expect(long.stats.passiveSentences).toBe(1000);
    expect(long.alerts.filter((a) => a.rule === 'voix-passive')).toHaveLength(500);
    expect(long.score.parts['passive-voice']).toBe(short.score.parts['passive-voice']);
  });
  it('ranks a plain rewrite above its heavy original', async () => {
    const lib = await ourLibrary();
    const heavy = 'Il vous appartient de procéder à la transmission des pièces justificatives afférentes à votre dossier, nonobstant les démarches préalablement effectuées auprès de la CAF, afin de permettre l’instruction de votre demande, laquelle sera examinée par la commission compétente.';
    const plain = 'Envoyez-nous les pièces demandées. Nous pourrons alors étudier votre demande. La commission vous donnera sa réponse.';
    expect(analyse({ text: plain }, lib).score.value).toBeGreaterThan(analyse({ text: heavy }, lib).score.value + 20);
  });
});
