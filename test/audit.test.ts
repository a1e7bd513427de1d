/** `clarte audit`: every format of a folder, past bad files, to a table, a CSV or a JSON file (real CLI). */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLetterDocx, makeLetterOdt, makeLetterPdf, makeEncryptedPdf } from '../scripts/documents.js';
import { clarte } from './helpers/cli.js';

let dir: string;
let outDir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clarte-audit-'));
  outDir = mkdtempSync(join(tmpdir(), 'clarte-audit-out-'));
  mkdirSync(join(dir, 'service', 'modeles'), { recursive: true });
  writeFileSync(join(dir, 'lettre.txt'), 'Madame, votre demande a été rejetée par la commission. Nous restons à votre disposition.\n');
  writeFileSync(join(dir, 'service', 'refus.pdf'), await makeLetterPdf());
  writeFileSync(join(dir, 'service', 'modeles', 'pieces.docx'), await makeLetterDocx());
  // An ODT named .doc: read by its content.
  writeFileSync(join(dir, 'service', 'modeles', 'pieces.doc'), await makeLetterOdt());
  writeFileSync(join(dir, 'protege.pdf'), await makeEncryptedPdf());
  writeFileSync(join(dir, '.cache'), 'ignored');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

describe('clarte analyze on documents', () => {
  it('reads PDF, DOCX and ODT and places alerts on their page and paragraph', () => {
    const r = clarte(['analyze', join(dir, 'service', 'refus.pdf'), join(dir, 'service', 'modeles', 'pieces.docx'), join(dir, 'service', 'modeles', 'pieces.doc')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^refus\.pdf — score \d+(\.\d)?\/100 \([A-E]\) · 2 pages · /);
    expect(r.stdout).toMatch(/ {4}p\.2 §\d+ +avertissement Voix passive « a été rejetée »/);
    expect(r.stdout).toMatch(/^pieces\.docx — score/m);
    expect(r.stdout).toMatch(/ {4}§\d+ +avertissement Voix passive « a été rejetée »/);
    expect(r.stdout).toMatch(/^pieces\.doc — score .* · 2 pages · /m);
  });
});

describe('clarte audit', () => {
  it('reads every file of the tree, goes on past a protected one and exits 1 naming it', () => {
    const r = clarte(['audit', dir]);
    expect(r.status).toBe(1);
    const rows = r.stdout.trim().split('\n');
    expect(rows.map((l) => l.split('\t')[0])).toEqual(['lettre.txt', 'protege.pdf', 'service/modeles/pieces.doc', 'service/modeles/pieces.docx', 'service/refus.pdf']);
    expect(rows[1]).toMatch(/^protege\.pdf\tENCRYPTED\t/);
    expect(rows[4]).toMatch(/^service\/refus\.pdf\t\d+(\.\d)?\/100 \([A-E]\)\t\d+ mots\t\d+ alertes/);
    expect(r.stderr).toMatch(/protege\.pdf: ENCRYPTED: Ce PDF est protégé par un mot de passe/);
    expect(r.stderr).toMatch(/audit : 4 analysés, 1 illisible\n$/);
  });
  it('writes a CSV for spreadsheets and a JSON document', () => {
    const csv = join(outDir, 'audit.csv');
    expect(clarte(['audit', join(dir, 'service'), '--out', csv]).status).toBe(0);
    const lines = readFileSync(csv, 'utf8').split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFFfichier;format;pages;mots;score;note;/);
    expect(lines[1]).toMatch(/^modeles\/pieces\.doc;odt;2;\d+;/);
    expect(lines[3]).toMatch(/^refus\.pdf;pdf;2;\d+;/);
    const json = join(outDir, 'audit.json');
    clarte(['audit', dir, '--out', json]);
    const doc = JSON.parse(readFileSync(json, 'utf8')) as { schema: string; summary: { files: number; failed: number }; documents: { file: string; error?: { code: string } }[] };
    expect(doc.schema).toBe('clarte/audit@1');
    expect(doc.summary).toMatchObject({ files: 5, failed: 1 });
    expect(doc.documents.find((d) => d.file === 'protege.pdf')!.error!.code).toBe('ENCRYPTED');
  });
  it('writes an HTML page to print, worst scores first, names escaped', () => {
    const tree = mkdtempSync(join(tmpdir(), 'clarte-audit-html-'));
    writeFileSync(join(tree, 'a<b>.txt'), 'Madame, votre demande a été rejetée par la commission compétente.\n');
    writeFileSync(join(tree, 'clair.txt'), 'Madame, nous acceptons votre demande. Vous recevrez votre aide le 5 mars.\n');
    writeFileSync(join(tree, 'casse.pdf'), '%PDF-1.4 tronqué');
    const html = join(outDir, 'audit.html');
    expect(clarte(['audit', tree, '--out', html]).status).toBe(1);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(page).toContain('<th scope="row">a&lt;b&gt;.txt</th>');
    expect(page).not.toContain('a<b>');
    expect(page).toMatch(/3 fichiers · 2 analysés · 1 illisible/);
    expect(page.indexOf('a&lt;b&gt;.txt')).toBeLessThan(page.indexOf('clair.txt'));
    expect(page).toMatch(/<li><strong>casse\.pdf<\/strong> \(UNREADABLE\)/);
  });
  it('refuses a file over the size limit before reading it, and goes on', () => {
    const r = clarte(['audit', dir], undefined, { MAX_UPLOAD_BYTES: '2000' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^service\/refus\.pdf\tTOO_LARGE\t/m);
    expect(r.stdout).toMatch(/^lettre\.txt\t\d/m);
  });
  it('refuses bad usage with exit 2', () => {
    expect(clarte(['audit']).status).toBe(2);
    expect(clarte(['audit', dir, '--out', 'x.xlsx']).status).toBe(2);
  });
});
