/**
 * Hard-wrapped letters (old systems, e-mails, text exports) break sentences across lines. Mention and
 * type patterns read a copy where those line breaks are spaces (same offsets); address lines,
 * headings, signature lines, list items and paragraph breaks keep theirs.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse.js';
import { joinWrappedLines } from '../../src/analysis/normalize.js';
import { ourLibrary } from '../helpers/library.js';

const WRAPPED = [
  'Votre demande de carte de résident est rejetée pour les motifs exposés ci-dessus.',
  '',
  'Si vous contestez cette décision, vous pouvez former un recours gracieux',
  'auprès du préfet ou saisir le tribunal administratif de Valmont, 3 rue des',
  'Juges, 99100 Valmont, dans un délai de deux mois à compter de la',
  'notification de la présente décision. Le tribunal peut être saisi par',
  "l'application Télérecours citoyens sur le site www.telerecours.fr.",
].join('\n');

describe('hard-wrapped paragraphs', () => {
  it('reads the line breaks inside a wrapped sentence as spaces, same length', () => {
    const joined = joinWrappedLines(WRAPPED);
    expect(joined.length).toBe(WRAPPED.length);
    expect(joined).toContain('à compter de la notification de la présente');
    expect(joined).toContain('recours gracieux auprès du préfet');
    // Before a capital after a word that cannot end a line ("des\nJuges", "de\nMontbrézac"): joined.
    expect(joined).toContain('3 rue des Juges');
    const court = 'Il peut également être déféré au tribunal administratif de\nMontbrézac, 5 place de l’Arsenal.';
    expect(joinWrappedLines(court)).toContain('tribunal administratif de Montbrézac');
    // Before a capital after any other word, after a full stop, and a paragraph break: kept.
    const heading = 'Le dossier a été transmis au service instructeur de la Direction\nDépartementale des territoires.';
    expect(joinWrappedLines(heading)).toBe(heading);
    expect(joined).toContain('ci-dessus.\n\nSi vous');
  });

  it('keeps the lines of an address, a signature and a list', () => {
    const text = [
      'Nous vous demandons de nous envoyer les documents suivants avant le 3 mai :',
      'a) votre dernier avis d’impôt ;',
      'b) un relevé d’identité bancaire.',
      '',
      'Madame Claire Durand, gestionnaire des aides au logement',
      'Service des aides, 2 rue de la Paix, 99100 Valmont',
    ].join('\n');
    const joined = joinWrappedLines(text);
    expect(joined).toContain(':\na) votre');
    expect(joined).toContain('logement\nService');
    expect(joinWrappedLines(text.replace('avant le 3 mai :\n', 'avant le 3 mai\n\n'))).toContain('mai\n\na) votre');
  });

  it('finds every element of a recourse paragraph wrapped across lines', async () => {
    const report = analyse({ text: WRAPPED }, await ourLibrary(), { documentType: 'decision-defavorable' });
    const recourse = report.mentions.find((m) => m.id === 'recourse')!;
    expect(recourse.status).toBe('present');
    expect(recourse.missing).toEqual([]);
  });
});
