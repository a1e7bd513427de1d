/** Tables and boxes drawn with characters: each cell read whole, every character pointing back into the text. */
import { describe, expect, it } from 'vitest';
import { tableReadings, type TableReading } from '../../src/analysis/tables.js';

/** Every character of a reading that is not a joiner is the character at its offset in the text. */
function pointsBack(text: string, r: TableReading): void {
  for (let i = 0; i < r.text.length; i++) {
    const c = r.text[i]!;
    if (c === '\n' || c === ' ') continue;
    expect(text[r.map[i]!], `character ${i} of the reading`).toBe(c);
  }
}

const GRID = [
  'Vos recours :',
  '+------------------+--------------------------+',
  '| Recours          | Délai                    |',
  '+------------------+--------------------------+',
  '| Tribunal         | 2 mois à compter de la   |',
  '| administratif de | notification             |',
  '| Valmont          |                          |',
  '+------------------+--------------------------+',
  'Fin.',
].join('\n');

describe('tables drawn with characters', () => {
  it('joins the lines of each cell, column by column, row by row', () => {
    const [r, ...more] = tableReadings(GRID);
    expect(more).toEqual([]);
    expect(r!.text).toBe('Recours\nDélai\n\nTribunal administratif de Valmont\n2 mois à compter de la notification');
    expect(GRID.slice(r!.start, r!.end)).toMatch(/^\+-+.*-\+$/s);
    pointsBack(GRID, r!);
  });

  it('reads a box as one paragraph', () => {
    const box = ['┌────────────────────────────┐', '│ Vous pouvez saisir le      │', '│ tribunal administratif de  │', '│ Valmont.                   │', '└────────────────────────────┘'].join('\n');
    const [r] = tableReadings(box);
    expect(r!.text).toBe('Vous pouvez saisir le tribunal administratif de Valmont.');
    pointsBack(box, r!);
  });

  it('reads each line of a Markdown table as a row', () => {
    const md = ['| Recours | Délai |', '| --- | --- |', '| gracieux | deux mois |', '| contentieux | deux mois |'].join('\n');
    const [r] = tableReadings(md);
    expect(r!.text).toBe('Recours\nDélai\n\ngracieux\ndeux mois\n\ncontentieux\ndeux mois');
    pointsBack(md, r!);
  });

  it('leaves prose alone, even with a stray separator', () => {
    expect(tableReadings('Service des aides | Mairie de Valmont\nVotre demande est complète.')).toEqual([]);
    expect(tableReadings('Aucun tableau ici.')).toEqual([]);
  });
});
