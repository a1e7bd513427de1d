/**
 * The team corpus's expert labels (corpora/lettres/labels.jsonl): document types and mention statuses
 * found by the engine, against the labels. The exact agreement is measured by `npm run eval` (labels);
 * this test holds the floor reached so far, so that a change cannot lower it unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { labelAgreement } from '../scripts/eval-labels.js';
import { ourLibrary } from './helpers/library.js';

const library = await ourLibrary();

describe('expert labels of the team corpus', () => {
  const a = labelAgreement(library);
  it('covers at least 40 letters of every type', () => {
    expect(a.letters).toBeGreaterThanOrEqual(40);
    expect(Object.keys(a.typesSeen).sort()).toEqual(['accuse-reception', 'autre', 'decision-defavorable', 'decision-favorable', 'demande-pieces', 'formulaire', 'information']);
  });
  it('finds the document types', () => {
    expect(a.typeAccuracy).toBeGreaterThanOrEqual(0.95);
  });
  it('finds the mention statuses (and the missing elements of partial ones)', () => {
    expect(a.mentionAccuracy).toBeGreaterThanOrEqual(0.96);
    expect(a.recourseAccuracy).toBeGreaterThanOrEqual(0.95);
  });
});
