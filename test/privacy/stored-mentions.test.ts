/**
 * Saving a letter does not change its verdict: the type and the legal mentions of a stored version are
 * read in the text before its personal data is replaced (in memory only) and their offsets mapped onto
 * the stored text. Before, a masked signatory read as a field to complete, a masked e-mail as no
 * contact channel, and placeholders moved the type (173 of 2,258 corpus texts changed something).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse.js';
import type { Report } from '../../src/model.js';
import { ROOT } from '../../src/paths.js';
import type { RuleLibrary } from '../../src/rules/load.js';
import { ourLibrary } from '../helpers/library.js';

/** Short decisions written blind, many signed in a few lines where names, e-mails and phones sit close. */
const DIR = join(ROOT, 'corpora', 'recours-variantes-3');
const LETTERS = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ file: f, text: readFileSync(join(DIR, f), 'utf8') }));

const verdict = (r: Report): string[] => [
  `type:${r.documentType.id}`,
  ...r.mentions.map((m) => `${m.id}:${m.status}:${m.missing.join(',')}:${(m.toComplete ?? []).join(',')}:${(m.defects ?? []).join(',')}`),
];

let library: RuleLibrary;
beforeAll(async () => {
  library = await ourLibrary();
});

describe('stored versions keep the verdict of the analysis', () => {
  it('gives each stored letter the type and mention statuses of its ephemeral analysis, offsets in the stored text', () => {
    expect(LETTERS.length).toBeGreaterThanOrEqual(60);
    let replaced = 0;
    for (const { file, text } of LETTERS) {
      const counted = analyse({ text }, library, { personalData: 'count' });
      const stored = analyse({ text }, library, { personalData: 'pseudonymise' });
      if (stored.personalData!.found === 0) continue;
      replaced++;
      expect(stored.text, file).not.toBe(counted.text);
      expect(verdict(stored), file).toEqual(verdict(counted));
      // Mention alerts and evidence point into the stored text, and quote it (never the text before).
      for (const a of stored.alerts) {
        const quoted = a.match.endsWith('…') && a.end - a.start > 500 ? a.match.slice(0, -1) : a.match; // a block-long match is cut
        expect(stored.text.slice(a.start, a.start + quoted.length), file).toBe(quoted);
      }
      const countedMentionAlerts = counted.alerts.filter((a) => a.category === 'mention').map((a) => a.rule);
      expect(stored.alerts.filter((a) => a.category === 'mention').map((a) => a.rule), file).toEqual(countedMentionAlerts);
      for (const m of stored.mentions) {
        for (const e of m.evidence) {
          expect(e.start, file).toBeLessThanOrEqual(e.end);
          expect(e.end, file).toBeLessThanOrEqual(stored.text.length);
        }
      }
      for (const e of stored.documentType.evidence) expect(e.end, file).toBeLessThanOrEqual(stored.text.length);
    }
    // Most of these decisions name their addressee: the comparison is not vacuous.
    expect(replaced).toBeGreaterThanOrEqual(40);
  });

  it('finds the signatory after a replaced salutation, its evidence in the stored text', () => {
    const text =
      'Monsieur Damien Astruc,\n\nJe prononce votre exclusion des médiathèques pour six mois, car vous avez dégradé des ouvrages.\n\n' +
      'Vous pouvez contester cette décision dans un délai de deux mois à compter de sa notification, par un recours gracieux auprès du président de l’agglomération ou devant le tribunal administratif de Clermont-Ferrand.\n\n' +
      'La directrice du réseau des médiathèques, Isabelle Capdeville';
    const stored = analyse({ text }, library, { personalData: 'pseudonymise', documentType: 'decision-defavorable' });
    expect(stored.text.startsWith('Monsieur [NOM],')).toBe(true);
    const signature = stored.mentions.find((m) => m.id === 'signature')!;
    expect(signature.status).toBe('present');
    const shift = text.length - stored.text.length;
    expect(shift).toBeGreaterThan(0);
    // Found after the replaced name: moved back by the length it lost.
    const name = signature.evidence.map((e) => stored.text.slice(e.start, e.end)).join(' | ');
    expect(name).toContain('Isabelle Capdeville');
  });
});
