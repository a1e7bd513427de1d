/**
 * The team corpus's expert labels (corpora/lettres/labels.jsonl): document types and mention statuses
 * found by the engine, against the labels. The exact agreement is measured by `npm run eval` (labels);
 * the team's labels are the spec: every type and mention status must match them.
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
  it('finds the document types of every letter', () => {
    expect(a.disagreements.filter((d) => d.includes(': type '))).toEqual([]);
    expect(a.typeAccuracy).toBe(1);
  });
  it('finds every mention status and the missing elements, as labelled (the labels are the spec)', () => {
    expect(a.disagreements).toEqual([]);
    expect(a.mentionAccuracy).toBe(1);
    expect(a.presentReportedMissing).toMatch(/^0\//);
  });
});
