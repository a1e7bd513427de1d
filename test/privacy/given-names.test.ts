/**
 * Given names standing alone (children, pupils named by their first name), read with the team's lexicon of given
 * names (corpora/lexiques/prenoms.txt), and what stays no person's: places, works, agents, ordinary words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GIVEN_NAMES_FILE, givenName, parseGivenNames } from '../../src/privacy/given-names.js';
import { ofType } from '../helpers/personal-data.js';

const HEAD = 'Relais petite enfance du Val d’Allier\n12, place de la Mairie – 63800 Cournon\n\nObjet : contrat d’accueil\n\n';

describe('the given-name lexicon', () => {
  it('is well formed, large, and flags the names that are ordinary words or places', () => {
    const table = parseGivenNames(readFileSync(GIVEN_NAMES_FILE, 'utf8'), GIVEN_NAMES_FILE);
    expect(table.size).toBeGreaterThan(3000);
    expect(givenName('Nassim')).toBe('F');
    expect(givenName('MAËLYS')).toBe('F');
    expect(givenName('Rose')).toBe('A');
    expect(givenName('Pau')).toBe('A');
    expect(givenName('Dupont')).toBeUndefined();
  });

  it('names the file and line of a defect', () => {
    expect(() => parseGivenNames('# en-tête\nLouis\t-\nRose\n', 'prenoms.txt')).toThrow('prenoms.txt, ligne 3');
  });
});

describe('given names standing alone', () => {
  it('finds a child named by their first name, each time', () => {
    const t = HEAD + 'Madame,\n\nMerci pour votre appel. Louis sera accueilli à partir du 1er avril ; pensez à inscrire Louis au portail famille.\n';
    expect(ofType(t, 'NOM')).toEqual(['Louis', 'Louis']);
  });

  it('finds the children of a list, and a first name with an initial', () => {
    const t = HEAD + 'Vous aurez un groupe de quatre : Nassim, Timothée, Aya et Lorenzo. Emma D. restera avec moi.\n';
    expect(ofType(t, 'NOM')).toEqual(['Nassim', 'Timothée', 'Aya', 'Lorenzo', 'Emma D.']);
  });

  it('leaves places, works, agents and ordinary words alone', () => {
    const t =
      HEAD +
      'Pau, le 19 novembre 2026\n\n' +
      'La sortie au collège Louis Pasteur puis rue Victor est annulée ; le navire « Leonardo da Vinci » reste à quai.\n' +
      'Le livre « Edgar P. Jacobs » est en retard. Une rose a été offerte, Rose est un joli prénom.\n\n' +
      'Alexandre, pour l’équipe support\nNathalie, secrétariat du club\n';
    expect(ofType(t, 'NOM')).toEqual([]);
  });
});

describe('notes typed in lower case', () => {
  const NOTE =
    'notes accueil du samedi – a saisir lundi (agent : m. roux)\n\n' +
    'appel de mme nadia belkacem pour son fils yanis, tombe dans la cour a 10h, il a ete soigne par la directrice (mme vidal).\n' +
    'le papa mr tessier rappellera, c est lina et maelys qui ont vu la chute avec la surveillante.\n' +
    'reunion a 3 m. de la porte a 2 p.m. in the hall\n';

  it('finds the names after a civility and the given names, written without accents too', () => {
    const names = ofType(NOTE, 'NOM');
    expect(names).toEqual(expect.arrayContaining(['nadia belkacem', 'yanis', 'tessier', 'lina', 'maelys']));
  });

  it('leaves the agents named with their role, metres and hours alone', () => {
    const names = ofType(NOTE, 'NOM');
    for (const agent of ['roux', 'vidal', 'de', 'in']) expect(names).not.toContain(agent);
  });
});

describe('a given name and a surname without a civility', () => {
  it('finds the pupils and relatives a letter names in full', () => {
    const t = HEAD + 'Les élèves cités, Kylian et Noé VERDIER, ont été entendus ; la maman de Théo Chambon l’a signalé aussi.\n';
    expect(ofType(t, 'NOM')).toEqual(['Kylian', 'Noé VERDIER', 'Théo Chambon']);
  });

  it('leaves the officials named with their role, before or after, and a signatory under their title', () => {
    const t =
      HEAD +
      'Le samedi 5 décembre, Gérard Villeneuve, maire de Vernolles, inaugurera la rue ; le capitaine Hélène Wurtz conduira l’exercice.\n' +
      'Contact : Mathilde Garnier, chargée des relations presse.\n\nPour la commission, la présidente,\nMarie-Claude Jourdan\n';
    expect(ofType(t, 'NOM')).toEqual([]);
  });
});
