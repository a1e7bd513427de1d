/** Tables and boxes drawn with characters: each cell read whole, every character pointing back into the text. */
import { describe, expect, it } from 'vitest';
import { readings, type Reading } from '../../src/analysis/readings.js';

/** Every character of a reading that is not a joiner is the character at its offset in the text. */
function pointsBack(text: string, r: Reading): void {
  for (let i = 0; i < r.text.length; i++) {
    const c = r.text[i]!;
    if (c === '\n' || c === ' ') continue;
    expect(text[r.map[i]!], `character ${i} of the reading`).toBe(c);
  }
}

/** The one reading of a text, checked to point back into it. */
function onlyReading(text: string): string {
  const all = readings(text);
  expect(all).toHaveLength(1);
  pointsBack(text, all[0]!);
  return all[0]!.text;
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
    const [r, ...more] = readings(GRID);
    expect(more).toEqual([]);
    expect(r!.text).toBe('Recours\nDélai\n\nTribunal administratif de Valmont\n2 mois à compter de la notification');
    expect(GRID.slice(r!.start, r!.end)).toMatch(/^\+-+.*-\+$/s);
    pointsBack(GRID, r!);
  });

  it('joins a line whose first cell is empty to the row above, in a table without rules between rows', () => {
    const text = [
      '| Recours  | Auprès de qui ?       | Délai                  |',
      '|----------|-----------------------|------------------------|',
      '| Gracieux | Directeur général de  | 2 mois à compter de la |',
      '|          | l\'agence              | notification           |',
      '| Tribunal | Tribunal administratif| idem                   |',
    ].join('\n');
    expect(onlyReading(text)).toBe(
      "Recours\nAuprès de qui ?\nDélai\n\nGracieux\nDirecteur général de l'agence\n2 mois à compter de la notification\n\nTribunal\nTribunal administratif\nidem",
    );
  });

  it('reads a box as one paragraph', () => {
    const box = ['┌────────────────────────────┐', '│ Vous pouvez saisir le      │', '│ tribunal administratif de  │', '│ Valmont.                   │', '└────────────────────────────┘'].join('\n');
    const [r] = readings(box);
    expect(r!.text).toBe('Vous pouvez saisir le tribunal administratif de Valmont.');
    pointsBack(box, r!);
  });

  it('reads each line of a Markdown table as a row', () => {
    const md = ['| Recours | Délai |', '| --- | --- |', '| gracieux | deux mois |', '| contentieux | deux mois |'].join('\n');
    const [r] = readings(md);
    expect(r!.text).toBe('Recours\nDélai\n\ngracieux\ndeux mois\n\ncontentieux\ndeux mois');
    pointsBack(md, r!);
  });

  it('leaves prose alone, even with a stray separator', () => {
    expect(readings('Service des aides | Mairie de Valmont\nVotre demande est complète.')).toEqual([]);
    expect(readings('Aucun tableau ici.')).toEqual([]);
  });
});

describe('hanging indents', () => {
  it('joins indented continuation lines to the line before, not list items', () => {
    const text = [
      'Vous pouvez contester la présente décision :',
      '- par un recours contentieux devant le tribunal administratif de',
      '  Valmont, 7 rue des Cordeliers, 99012 Valmont',
      '  Cedex ;',
      '- par un recours gracieux.',
      '',
      'Autre paragraphe sans retrait.',
    ].join('\n');
    expect(onlyReading(text)).toBe(
      'Vous pouvez contester la présente décision :\n- par un recours contentieux devant le tribunal administratif de Valmont, 7 rue des Cordeliers, 99012 Valmont Cedex ;\n- par un recours gracieux.',
    );
  });

  it('reads a run of blanks as one, where a wrapped line was joined with its indentation', () => {
    // The normalised text joined "tribunal\n  administratif" into "tribunal   administratif".
    const raw = 'Vous pouvez :\n– soit saisir le tribunal\n  administratif de Valmont.\n\nFin.';
    const joined = raw.replace('tribunal\n', 'tribunal ');
    expect(readings(joined)).toEqual([]);
    const all = readings(joined, raw);
    expect(all.map((r) => r.text)).toEqual(['Vous pouvez :\n– soit saisir le tribunal administratif de Valmont.']);
    pointsBack(joined, all[0]!);
  });

  it('reads nothing else when no line is indented', () => {
    expect(readings('Une ligne\nune autre ligne\n\nun paragraphe.')).toEqual([]);
  });
});

describe('blocks set to the right', () => {
  it('keeps the lines of an address block indented alike as lines of their own', () => {
    const text = 'Service des aides\n\n                    Monsieur Hugo GARCIA\n                    16, rue des Acacias\n                    99100 Valmont\n\nMadame, Monsieur,';
    expect(readings(text)).toEqual([]);
  });
});

describe('other framings', () => {
  it('reads two columns split by one rule, each column whole', () => {
    const text = [
      'VOS RECOURS',
      '',
      'Le maire :                 │  Deux mois, qui commencent le jour',
      '  recours gracieux.        │  où cet arrêté vous est notifié.',
      'Le tribunal administratif  │  Le recours gracieux, s’il est',
      'de Valmont : recours.      │  rejeté, ouvre un nouveau délai.',
    ].join('\n');
    expect(onlyReading(text)).toBe('Le maire : recours gracieux. Le tribunal administratif de Valmont : recours.\nDeux mois, qui commencent le jour où cet arrêté vous est notifié. Le recours gracieux, s’il est rejeté, ouvre un nouveau délai.');
  });

  it('reads a box framed with asterisks as a box', () => {
    const text = ['Fin du courrier.', '**********************************', '* Vous pouvez saisir le tribunal *', '* administratif de Valmont.      *', '**********************************'].join('\n');
    expect(onlyReading(text)).toBe('Vous pouvez saisir le tribunal administratif de Valmont.');
  });

  it('reads a table drawn with double lines, its rules crossed (╦ ╬ ╩)', () => {
    const text = [
      '╔═══════════════╦════════════════════════╗',
      '║ Recours       ║ Tribunal administratif ║',
      '║ contentieux   ║ de Valmont             ║',
      '╠═══════════════╬════════════════════════╣',
      '║ Délai         ║ 2 mois                 ║',
      '╚═══════════════╩════════════════════════╝',
    ].join('\n');
    expect(onlyReading(text)).toBe('Recours contentieux\nTribunal administratif de Valmont\n\nDélai\n2 mois');
  });

  it('reads a box of asterisks whose right side is left open', () => {
    const text = ['Fin.', '**********************', '*  Vous devez faire un recours', '*  administratif préalable.', '**********************'].join('\n');
    expect(onlyReading(text)).toBe('Vous devez faire un recours administratif préalable.');
  });

  it('reads a box framed with hashes as a box, and no mixed frame', () => {
    const text = ['Fin du courrier.', '##################################', '# Vous pouvez saisir le tribunal #', '# administratif de Valmont.      #', '##################################'].join('\n');
    expect(onlyReading(text)).toBe('Vous pouvez saisir le tribunal administratif de Valmont.');
    expect(readings(['#####', '* Vous pouvez saisir *', '* le tribunal *', '#####'].join('\n'))).toEqual([]);
  });

  it('reads a table aligned with spaces between two rules, a short line continuing its row', () => {
    const text = [
      'Vous voulez…         Adressez-vous à…             Délai',
      '------------------------------------------------------------',
      'un recours gracieux  au préfet                    2 mois',
      'un recours           au tribunal administratif    2 mois',
      'contentieux          de Valmont (telerecours.fr)',
      '------------------------------------------------------------',
    ].join('\n');
    expect(onlyReading(text)).toBe('un recours gracieux\nau préfet\n2 mois\n\nun recours contentieux\nau tribunal administratif de Valmont (telerecours.fr)\n2 mois');
  });

  it('reads tables as drawn, not as the wrapped-line reading joined them', () => {
    const raw = ['Vos recours :', '┌──────────────────────────────────────────┐', '│ Saisir le tribunal administratif de la   │', '│ ville de Valmont dans les deux mois.     │', '└──────────────────────────────────────────┘'].join('\n');
    // As if a line break had been read as a space.
    const joined = raw.replace('la   │\n', 'la   │ ');
    expect(readings(joined, raw).map((r) => r.text)).toEqual(['Saisir le tribunal administratif de la ville de Valmont dans les deux mois.']);
  });

  it('reads each line of a table without rules as a row, unless its first cell is empty', () => {
    const text = [
      '| Rejet implicite le | 19 septembre, sans réponse de notre part |',
      '| Recours            | gracieux auprès du préfet, ou contentieux  |',
      '|                    | devant le tribunal administratif de Valmont |',
      '| Délai de recours   | deux mois à compter du 19 septembre        |',
    ].join('\n');
    expect(onlyReading(text)).toBe('Rejet implicite le\n19 septembre, sans réponse de notre part\n\nRecours\ngracieux auprès du préfet, ou contentieux devant le tribunal administratif de Valmont\n\nDélai de recours\ndeux mois à compter du 19 septembre');
  });

  it('reads two columns set side by side with spaces, without any rule', () => {
    const text = [
      'Département de Valmont, Hôtel du Département, 1 cours de la Loire, 99000 Valmont',
      'Madame,                                    VOS RECOURS',
      'Vous avez demandé l’agrément pour          Recours contentieux : tribunal',
      'recevoir deux personnes âgées.             administratif de Valmont, par',
      'Je refuse cet agrément.                    courrier ou sur Télérecours.',
    ].join('\n');
    expect(onlyReading(text)).toBe('Madame, Vous avez demandé l’agrément pour recevoir deux personnes âgées. Je refuse cet agrément.\nVOS RECOURS Recours contentieux : tribunal administratif de Valmont, par courrier ou sur Télérecours.');
    // Ordinary prose has no such gap.
    expect(readings('Une ligne de texte ordinaire,\nune autre ligne de texte,\net une troisième ligne.\nFin.')).toEqual([]);
  });

  it('continues a Markdown row where its first cell goes on further in', () => {
    const text = [
      '| Étape                 | Qui saisir ?             | Quand ?               |',
      '|-----------------------|--------------------------|-----------------------|',
      '| 1. Recours obligatoire | Le président du conseil  | Dans les 2 mois après |',
      '|    avant le juge       | départemental            | la réception          |',
      '| 2. Ensuite             | Le tribunal              | Dans les 2 mois       |',
      '|    seulement           | administratif de Valmont |                       |',
    ].join('\n');
    expect(onlyReading(text)).toBe('Étape\nQui saisir ?\nQuand ?\n\n1. Recours obligatoire avant le juge\nLe président du conseil départemental\nDans les 2 mois après la réception\n\n2. Ensuite seulement\nLe tribunal administratif de Valmont\nDans les 2 mois');
  });

  it('takes no ordinary list or rule for a table', () => {
    expect(readings('Objet : demande\n----------\nVotre demande est complète.\nNous la traitons.\n----------\nFin.')).toEqual([]);
    expect(readings('* une liste\n* à puces\n* simple')).toEqual([]);
  });
});

describe('sentences cut by a page break', () => {
  it('reads the sentence whole, without the foot of the page and the next page head', () => {
    const text = [
      'Vous pouvez saisir le tribunal',
      '',
      'Ville de Valmont · 3 rue des Luthiers · 00700 Valmont · page 1/2',
      '',
      'Mairie de Valmont – N/Réf. 118 – suite',
      'administratif de Valmont dans un délai de deux mois.',
      'Je vous prie d’agréer, Madame, mes salutations distinguées.',
    ].join('\n');
    expect(onlyReading(text)).toBe('Vous pouvez saisir le tribunal administratif de Valmont dans un délai de deux mois.\nJe vous prie d’agréer, Madame, mes salutations distinguées.');
  });

  it('reads a foot of two lines, the page number alone on the last one', () => {
    const text = 'Un recours gracieux, ou un recours devant le tribunal\n\nRectorat – 8 rue Montesquieu – 00990 Valmont\n1/2\n\nadministratif de Valmont, par Télérecours citoyens.';
    expect(onlyReading(text)).toBe('Un recours gracieux, ou un recours devant le tribunal administratif de Valmont, par Télérecours citoyens.');
  });

  it('reads a page number set between dashes, the foot and a running head after it', () => {
    const text = 'Un recours devant le tribunal administratif de Valmont, dans les deux mois à compter de sa\n\n                                  – 1 –\nPréfecture de Valmont – 1, place de la Préfecture\n\n\nSAS Lirvon – dossier n° 2047/0188 – suite\n\nnotification.';
    expect(onlyReading(text)).toBe('Un recours devant le tribunal administratif de Valmont, dans les deux mois à compter de sa notification.');
  });

  it('goes on with a capital after a line left open on a preposition, and prefers a line in lower case', () => {
    const text = 'Vous pouvez saisir le tribunal administratif de\n\nCHI Morvaille – DRH – Confidentiel          Page 1 sur 2\n\nMorvaille. Ces recours doivent être formés dans un délai de deux mois.';
    expect(onlyReading(text)).toBe('Vous pouvez saisir le tribunal administratif de Morvaille. Ces recours doivent être formés dans un délai de deux mois.');
    const headed = 'Vous pouvez saisir le tribunal, dans un délai de deux mois à compter de la\n\nPréfecture – 1, place de la Préfecture\nPage 1/2\n\n\nRéf. : ECH-2047-0318 – M. Pinto\n\nnotification de la présente décision.';
    expect(onlyReading(headed)).toBe('Vous pouvez saisir le tribunal, dans un délai de deux mois à compter de la notification de la présente décision.');
  });

  it('leaves a page break alone when the sentence ended before it or nothing goes on after it', () => {
    expect(readings('Votre demande est acceptée.\n\npage 1/2\n\nvous recevrez la carte sous huit jours.')).toEqual([]);
    expect(readings('Votre demande est acceptée, sous réserve\n\npage 1/2\n\nArticle 2 – La carte est remise en mairie.')).toEqual([]);
  });
});

describe('tables copied from a word processor (columns split by tabs)', () => {
  it('leaves lines of labels and values alone: they have no header row', () => {
    expect(readings('Demande :\taide sociale à l’hébergement\nReçue le :\t6 octobre 2053\nInstruction :\tdeux mois au plus')).toEqual([]);
  });

  it('reads each cell after its column header, row by row', () => {
    const text = [
      'Article 3 – Voies et délais de recours :',
      '',
      'Recours\tAdressé à\tDélai\tÀ compter de',
      'Gracieux\tM. le préfet\t2 mois\tla notification du présent arrêté',
      'Contentieux\tTribunal administratif de Valmont\t2 mois\tla notification du présent arrêté',
      '',
      'Fait à Valmont.',
    ].join('\n');
    expect(onlyReading(text)).toBe(
      'Recours Gracieux\nAdressé à M. le préfet\nDélai 2 mois\nÀ compter de la notification du présent arrêté\n\n' +
        'Recours Contentieux\nAdressé à Tribunal administratif de Valmont\nDélai 2 mois\nÀ compter de la notification du présent arrêté',
    );
  });

  it('skips empty cells, and reads no table from a lone tabbed line or lines of different widths', () => {
    expect(onlyReading('Quoi ?\tQui ?\tQuand ?\nPoint de départ\t\tla réception de cette lettre')).toBe('Quoi ? Point de départ\nQuand ? la réception de cette lettre');
    expect(readings('Nom :\tDupont\nAdresse :\t3 rue des Lilas\tValmont')).toEqual([]);
    expect(readings('Référence :\tPV-2047-0041\n\nMadame,')).toEqual([]);
  });
});

