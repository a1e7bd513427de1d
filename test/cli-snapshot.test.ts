/**
 * The `clarte` launcher (dist/src/clarte) and the command line's startup snapshot: one-off analyses
 * run from the snapshot and must give exactly what dist/src/clarte.mjs gives.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeLetterDocx } from '../scripts/documents.js';
import { ROOT } from '../src/paths.js';
import { clarte, type CliResult } from './helpers/cli.js';
import { VAGUE_WORD_RULE } from './helpers/rules.js';

const DIST = join(ROOT, 'dist', 'src');
const LETTER = join(ROOT, 'corpora', 'lettres', '02-caf-refus-aide-logement.txt');

function launcher(args: string[], input?: string | Buffer): CliResult {
  const p = spawnSync(join(DIST, 'clarte'), args, { input, encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 28 });
  return { status: p.status, stdout: p.stdout, stderr: p.stderr };
}

/** Runs the snapshot directly, as the launcher does. */
function fromSnapshot(args: string[]): CliResult {
  const p = spawnSync(process.execPath, ['--regexp-interpret-all', '--snapshot-blob', join(DIST, 'clarte.blob'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: p.status, stdout: p.stdout, stderr: p.stderr };
}

describe('clarte launcher and startup snapshot', () => {
  it('was built for this Node.js binary and this folder, so the launcher uses it', () => {
    const node = statSync(process.execPath);
    expect(readFileSync(join(DIST, 'clarte.blob.key'), 'utf8').trim()).toBe(`${node.size}:${Math.floor(node.mtimeMs / 1000)} ${DIST}`);
    const direct = fromSnapshot(['analyze', LETTER, '--format', 'json']);
    expect(direct.stderr).toBe('');
    expect(direct.status).toBe(0);
    expect(direct.stdout).toBe(clarte(['analyze', LETTER, '--format', 'json']).stdout);
  });

  it('gives the same reports, text and JSON, from a file and from stdin', () => {
    for (const format of ['json', 'text']) {
      const ours = launcher(['analyze', LETTER, '--format', format]);
      expect(ours.status).toBe(0);
      expect(ours.stdout).toBe(clarte(['analyze', LETTER, '--format', format]).stdout);
    }
    const text = readFileSync(LETTER, 'utf8');
    expect(launcher(['analyze', '-', '--format', 'json', '--profile', 'falc'], text).stdout).toBe(clarte(['analyze', '-', '--format', 'json', '--profile', 'falc'], text).stdout);
  });

  it('holds its source in ASCII (non-ASCII characters of regex literals escaped) and still means the same characters', () => {
    expect(readFileSync(join(DIST, 'clarte-snapshot.cjs'), 'utf8')).not.toMatch(/[^\0-\x7f]/);
    // Typographic apostrophes, guillemets, dashes, box drawing, emoji, other scripts: what the escaped
    // regex literals of the tokenizer, the tables and the personal-data detector read.
    const odd = [
      'Objet : l’aide « Vivre chez soi » — décision',
      '',
      'Madame Łucja Żółć, née le 3 mars 1990 😀, 𝒜𝒷 Ελλάδα ; tél. 06 12 34 56 78, courriel : lucja.zolc@exemple.fr.',
      '',
      '│ Nom │ Montant │',
      '│ Aide ponctuelle │ 1 234,56 € │',
      '',
      'Nous vous informons qu’il a été procédé à l’examen de votre dossier par nos services, conformément aux dispositions susvisées.',
      '',
      'Le directeur, Jean-Pierre Dupont',
      '',
    ].join('\n');
    for (const format of ['json', 'text']) {
      const ours = launcher(['analyze', '-', '--format', format], odd);
      expect(ours.status).toBe(0);
      expect(ours.stdout).toBe(clarte(['analyze', '-', '--format', format], odd).stdout);
    }
  });

  it('reads a DOCX in its worker thread, started from the snapshot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clarte-snap-'));
    const file = join(dir, 'lettre.docx');
    writeFileSync(file, await makeLetterDocx());
    const r = fromSnapshot(['analyze', file, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).source.format).toBe('docx');
    expect(r.stdout).toBe(clarte(['analyze', file, '--format', 'json']).stdout);
  });

  it('applies an organisation folder given at run time, not the rules held in the snapshot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clarte-snap-rules-'));
    writeFileSync(join(dir, 'truc-machin.yaml'), VAGUE_WORD_RULE);
    const r = launcher(['analyze', '-', '--format', 'json', '--rules', dir], 'Voici un truc machin pour vous.');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).alerts.map((a: { rule: string }) => a.rule)).toContain('truc-machin');
  });

  it('keeps the exit codes and messages of the command', () => {
    const usage = launcher(['analyze']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/indiquez au moins un fichier/);
    const missing = launcher(['analyze', join(tmpdir(), 'clarte-absent.txt')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/UNREADABLE: Fichier introuvable/);
    expect(launcher(['analyze', LETTER, '--profile', 'zz']).status).toBe(2);
    // Everything else goes to clarte.mjs.
    expect(launcher(['--help']).stdout).toMatch(/^Usage :/);
  });
});
