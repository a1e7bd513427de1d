/** The text report of the command line: quoted context around each alert. */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse.js';
import { formatText } from '../../src/report/format-text.js';
import { RuleLibrary } from '../../src/rules/load.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('text report', () => {
  it('never cuts a character written as two UTF-16 units when it shortens the context of an alert', async () => {
    const library = await RuleLibrary.load();
    // Emoji and mathematical letters at every offset around the cuts (57 and 60 units before and after).
    for (let shift = 0; shift < 4; shift++) {
      const filler = `${'x'.repeat(shift)}${'𝒜😀'.repeat(30)}`;
      const text = `${filler} Il est procédé à la vérification de votre dossier par nos services ${filler} ensuite.\n`;
      const out = formatText(analyse({ text }, library), false);
      expect(out).toContain('⟦');
      expect(out).toContain('…');
      expect(out).not.toMatch(LONE_SURROGATE);
    }
  });
});
