/** `clarte audit --save`: the audited folder lands on the map, re-runs add no duplicate, an interrupted audit keeps what it saved. */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeLetterDocx } from '../scripts/documents.js';
import { ROOT } from '../src/paths.js';
import { openDatabase } from '../src/store/db.js';
import { documentStore } from '../src/store/documents.js';
import { sqliteSql } from '../src/store/sql.js';
import { clarte } from './helpers/cli.js';

const LETTERS = join(ROOT, 'corpora', 'lettres');
const letters = readdirSync(LETTERS).filter((f) => f.endsWith('.txt')).sort();

function folder(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'clarte-audit-save-'));
  mkdirSync(join(dir, 'caf'));
  for (const f of letters.slice(0, n)) copyFileSync(join(LETTERS, f), join(dir, 'caf', f));
  return dir;
}

async function mapOf(db: string) {
  const sql = sqliteSql(openDatabase(db));
  const store = documentStore(sql);
  const items = [];
  for (let page = 1; ; page++) {
    const { items: some } = await store.list({ perPage: 200, page });
    items.push(...some);
    if (some.length < 200) break;
  }
  const versions = [];
  for (const d of items) versions.push((await store.versions(d.id)).length);
  const result = { total: items.length, paths: items.map((d) => d.path!).sort(), versions };
  await sql.close();
  return result;
}

describe('clarte audit --save', () => {
  it('puts every readable file on the map once, and a changed file as a new version', async () => {
    const dir = folder(6);
    writeFileSync(join(dir, 'modele.docx'), await makeLetterDocx());
    writeFileSync(join(dir, 'casse.pdf'), '%PDF-1.4 tronqué');
    const db = join(dir, 'data', 'clarte.db');
    const first = clarte(['audit', dir, '--save', '--author', 'comms-1'], undefined, { DATABASE_PATH: db });
    expect(first.status).toBe(1); // one unreadable file
    expect(first.stderr).toMatch(/casse\.pdf: UNREADABLE/);
    expect(first.stderr).toMatch(/7 nouveaux documents, 0 nouvelle version, 0 déjà enregistré/);
    expect(first.stdout).toMatch(/caf\/01-[^\t]+\t.*document \d+, version 1 \(nouveau document\)/);
    expect((await mapOf(db)).paths).toEqual([...letters.slice(0, 6).map((f) => `caf/${f}`), 'modele.docx'].sort());

    const again = clarte(['audit', dir, '--save'], undefined, { DATABASE_PATH: db });
    expect(again.stderr).toMatch(/0 nouveau document, 0 nouvelle version, 7 déjà enregistrés/);
    // The stored reports give the same table without analysing again.
    expect(again.stdout.replace(/ \((nouveau document|déjà enregistré)\)/g, '')).toBe(first.stdout.replace(/ \((nouveau document|déjà enregistré)\)/g, ''));

    writeFileSync(join(dir, 'caf', letters[0]!), readFileSync(join(LETTERS, letters[10]!)));
    const out = join(mkdtempSync(join(tmpdir(), 'clarte-audit-out-')), 'audit.csv');
    const third = clarte(['audit', dir, '--save', '--out', out], undefined, { DATABASE_PATH: db });
    expect(third.stderr).toMatch(/0 nouveau document, 1 nouvelle version, 6 déjà enregistrés/);
    expect(readFileSync(out, 'utf8')).toMatch(new RegExp(`caf/${letters[0]!.replace('.', '\\.')};.*;2;nouvelle version\\r\\n`));
    const map = (await mapOf(db));
    expect(map.total).toBe(7);
    expect(map.versions.sort()).toEqual([1, 1, 1, 1, 1, 1, 2]);

    // A model renamed, lightly edited: a new version of its document, not a new document.
    renameSync(join(dir, 'caf', letters[1]!), join(dir, 'caf', 'renomme.txt'));
    writeFileSync(join(dir, 'caf', 'renomme.txt'), readFileSync(join(dir, 'caf', 'renomme.txt'), 'utf8') + '\nMise à jour : mars 2026.\n');
    const fourth = clarte(['audit', dir, '--save'], undefined, { DATABASE_PATH: db });
    expect(fourth.stderr).toMatch(/0 nouveau document, 1 nouvelle version, 6 déjà enregistrés/);
    expect(fourth.stdout).toMatch(/caf\/renomme\.txt\t.*version 2 \(nouvelle version\)/);
    expect((await mapOf(db)).total).toBe(7);
  });

  it('keeps what an interrupted audit saved, and a re-run completes it without duplicates', async () => {
    const dir = folder(letters.length);
    const db = join(dir, 'clarte.db');
    // Many copies under other names: enough work to be stopped in the middle.
    for (let i = 0; i < 4; i++) for (const f of letters) copyFileSync(join(LETTERS, f), join(dir, 'caf', `${i}-${f}`.replace('.txt', `-${i}.txt`)));
    for (const f of readdirSync(join(dir, 'caf'))) writeFileSync(join(dir, 'caf', f), readFileSync(join(dir, 'caf', f), 'utf8') + `\n${f}\n`);
    const total = readdirSync(join(dir, 'caf')).length;
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'clarte.mjs'), 'audit', dir, '--save'], { env: { ...process.env, DATABASE_PATH: db }, stdio: 'ignore' });
    // Stopped once some documents are on the map.
    for (let saved = 0; saved < 5; ) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        saved = (await mapOf(db)).total;
      } catch {
        saved = 0; // not created yet
      }
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const partial = (await mapOf(db)).total;
    expect(partial).toBeGreaterThanOrEqual(5);
    expect(partial).toBeLessThan(total);
    const rerun = clarte(['audit', dir, '--save'], undefined, { DATABASE_PATH: db });
    expect(rerun.status).toBe(0);
    const map = (await mapOf(db));
    expect(map.total).toBe(total);
    expect(new Set(map.paths).size).toBe(total);
    expect(map.versions.every((n) => n === 1)).toBe(true);
  });
});
