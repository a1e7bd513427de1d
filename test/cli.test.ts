import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Report } from '../src/model.js';
import { clarte } from './helpers/cli.js';

const LETTER = 'Madame,\n\nVotre demande a été rejetée par le service afin de permettre un examen ultérieur de votre dossier par la CAF.\n';
const dir = mkdtempSync(join(tmpdir(), 'clarte-cli-'));
const lines = (s: string): unknown[] => s.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown);

describe('clarte analyze', () => {
  it('reads stdin and prints a valid clarte/report@1 line', () => {
    const r = clarte(['analyze', '-', '--format', 'json'], LETTER);
    expect(r.status).toBe(0);
    const [rep] = lines(r.stdout);
    const report = Report.parse(rep);
    expect(report.alerts.map((a) => a.category)).toEqual(expect.arrayContaining(['passive-voice', 'jargon', 'acronym']));
    expect(report.source.filename).toBeUndefined();
  });
  it('shows the document type and the mentions, and takes a declared type (--type)', () => {
    const refusal = 'Nous avons le regret de rejeter votre demande. Vous pouvez saisir le tribunal administratif de Valmont dans un délai de deux mois à compter de la notification.';
    const r = clarte(['analyze', '-'], refusal);
    expect(r.stdout).toMatch(/Type : décision défavorable \(reconnu, confiance \d+ %\)/);
    expect(r.stdout).toMatch(/Mentions : .*voies et délais de recours \(incomplète\)/);
    const declared = lines(clarte(['analyze', '-', '--type', 'information', '--format', 'json'], refusal).stdout)[0] as { documentType: { id: string } };
    expect(declared.documentType.id).toBe('information');
    expect(clarte(['analyze', '-', '--type', 'lettre'], refusal).status).toBe(2);
  });
  it('prints a readable text report with line:column and the span marked', () => {
    const r = clarte(['analyze', '-'], LETTER);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/score \d+(\.\d)?\/100 \([A-E]\)/);
    expect(r.stdout).toContain('Voix passive (1)');
    expect(r.stdout).toMatch(/Points perdus : .*Voix passive \d+(\.\d)?\/8/);
    expect(r.stdout).toMatch(/3:15 +avertissement +Voix passive « a été rejetée »/);
    expect(r.stdout).toContain('⟦a été rejetée⟧');
    expect(r.stdout).toContain('→ pour');
  });
  it('analyses several files, goes on past a bad one and exits 1 naming it', () => {
    const good = join(dir, 'lettre.txt');
    writeFileSync(good, LETTER);
    const pdf = join(dir, 'scan.txt');
    writeFileSync(pdf, Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj\n', 'latin1'));
    const r = clarte(['analyze', good, pdf, join(dir, 'absent.txt'), '--format', 'json']);
    expect(r.status).toBe(1);
    expect(lines(r.stdout)).toHaveLength(1);
    expect((lines(r.stdout)[0] as { source: { filename: string } }).source.filename).toBe('lettre.txt');
    // Recognised by its content as a PDF (whatever its name), and a truncated one.
    expect(r.stderr).toMatch(/scan\.txt: UNREADABLE: Ce PDF est endommagé/);
    expect(r.stderr).toMatch(/absent\.txt: UNREADABLE: /);
  });
  it('reads JSON Lines and copies each id, reporting bad lines on stderr', () => {
    const f = join(dir, 'in.jsonl');
    writeFileSync(f, [JSON.stringify({ id: 'a', text: 'Bonjour.' }), 'pas du json', JSON.stringify({ id: 'b', text: '   ' }), JSON.stringify({ id: 'c', text: LETTER })].join('\n'));
    const r = clarte(['analyze', '--input-jsonl', f, '--format', 'json']);
    expect(r.status).toBe(1);
    expect(lines(r.stdout).map((x) => (x as { id: string }).id)).toEqual(['a', 'c']);
    expect(r.stderr).toMatch(/in\.jsonl:2: UNREADABLE: Ligne JSON invalide/);
    expect(r.stderr).toMatch(/in\.jsonl:3: EMPTY_DOCUMENT: /);
  });
  it('spreads a large JSON Lines input over worker threads and keeps the input order', () => {
    const f = join(dir, 'lot.jsonl');
    const lines = Array.from({ length: 260 }, (_, i) =>
      i === 123 ? '{"id": "cassée", "text": ' : JSON.stringify({ id: `l${i}`, text: `Votre demande n° ${i} a été rejetée afin de permettre un examen.` }),
    );
    writeFileSync(f, lines.join('\n') + '\n');
    const r = clarte(['analyze', '--input-jsonl', f, '--format', 'json'], undefined, { WORKERS: '2' });
    expect(r.status).toBe(1);
    const ids = lines.flatMap((l, i) => (i === 123 ? [] : [`l${i}`]));
    const reports = r.stdout.split('\n').filter(Boolean).map((l) => Report.parse(JSON.parse(l)));
    expect(reports.map((x) => x.id)).toEqual(ids);
    expect(reports[200]!.text).toContain('n° 201');
    expect(reports[200]!.alerts.map((a) => a.rule)).toEqual(expect.arrayContaining(['voix-passive', 'jargon-administratif']));
    expect(r.stderr).toBe(`${f}:124: UNREADABLE: Ligne JSON invalide.\n`);
    // The main thread analyses beside one worker, or alone: the same bytes out, in the same order.
    for (const workers of ['1', '0']) {
      const other = clarte(['analyze', '--input-jsonl', f, '--format', 'json'], undefined, { WORKERS: workers });
      expect(other.stdout).toBe(r.stdout);
      expect(other.stderr).toBe(r.stderr);
    }
  });
  it('reports odd JSON Lines lines one by one and goes on (null, arrays, object ids, BOM)', () => {
    const f = join(dir, 'odd.jsonl');
    writeFileSync(f, '\uFEFF' + [JSON.stringify({ id: 'a', text: 'Bonjour.' }), 'null', '[1]', JSON.stringify({ id: { x: 1 }, text: 'x' }), JSON.stringify({ id: 7, text: 'Merci.' })].join('\n'));
    const r = clarte(['analyze', '--input-jsonl', f, '--format', 'json']);
    expect(r.status).toBe(1);
    expect(lines(r.stdout).map((x) => (x as { id: string }).id)).toEqual(['a', '7']);
    expect(r.stderr.split('\n').filter(Boolean).map((l) => l.split(': ').slice(0, 2).join(': '))).toEqual([`${f}:2: UNREADABLE`, `${f}:3: UNREADABLE`, `${f}:4: UNREADABLE`]);
    const missing = clarte(['analyze', '--input-jsonl', join(dir, 'absent.jsonl')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/absent\.jsonl: UNREADABLE: Fichier introuvable/);
  });
  it('names the file bytes in the report (size and SHA-256), as the HTTP door does', () => {
    const f = join(dir, 'octets.txt');
    const bytes = Buffer.from('\xEF\xBB\xBFVotre demande a \xE9t\xE9 rejet\xE9e.', 'latin1');
    writeFileSync(f, bytes);
    const rep = lines(clarte(['analyze', f, '--format', 'json']).stdout)[0] as { source: { bytes: number; sha256: string }; text: string };
    expect(rep.source.bytes).toBe(bytes.length);
    expect(rep.source.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    // A BOM followed by bytes that are not UTF-8: read as Windows-1252, no replacement characters.
    expect(rep.text).toBe('Votre demande a été rejetée.');
  });
  it('decodes Windows-1252 files', () => {
    const f = join(dir, 'ancien.txt');
    writeFileSync(f, Buffer.from('Nous avons reçu votre requête le 3 février 2026.', 'latin1'));
    const r = clarte(['analyze', f, '--format', 'json']);
    expect((lines(r.stdout)[0] as { text: string }).text).toBe('Nous avons reçu votre requête le 3 février 2026.');
  });
  it('exits 2 on usage errors and unknown profiles', () => {
    expect(clarte(['analyze']).status).toBe(2);
    expect(clarte(['analyze', '-', '--format', 'xml'], 'a').status).toBe(2);
    expect(clarte(['analyze', '-', '--profile', 'inconnu'], 'a').status).toBe(2);
    expect(clarte(['frobnicate']).status).toBe(2);
    expect(clarte(['analyze', '-', '--rules', join(dir, 'absent')], 'a').stderr).toMatch(/introuvable/);
    expect(clarte(['analyze', '-', '-'], 'a').status).toBe(2);
    const bad = clarte(['analyze', '-'], 'a', { MAX_TEXT_CHARS: 'beaucoup' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^clarte : Configuration invalide/);
  });
});

describe('bad input never crashes or hangs', () => {
  it('empty and whitespace-only input: EMPTY_DOCUMENT, exit 1', () => {
    for (const input of ['', '   \n\t  \n']) {
      const r = clarte(['analyze', '-', '--format', 'json'], input);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^-: EMPTY_DOCUMENT: Le (?:document|fichier) est vide/);
    }
  });
  it('binary garbage: a clear UNSUPPORTED_FORMAT', () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const r = clarte(['analyze', '-', '--format', 'json'], bytes);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/UNSUPPORTED_FORMAT/);
  });
  it('English and German text: a report with a clear warning', () => {
    const en = 'The application was rejected by the office because the documents were not provided in time. Please contact us.';
    const de = 'Ihr Antrag wurde von der Behörde abgelehnt, weil die Unterlagen nicht rechtzeitig eingereicht wurden. Bitte kontaktieren Sie uns.';
    for (const [text, lang] of [[en, 'en'], [de, 'de']] as const) {
      const r = clarte(['analyze', '-', '--format', 'json'], text);
      expect(r.status).toBe(0);
      const rep = Report.parse(lines(r.stdout)[0]);
      expect(rep.language).toBe(lang);
      expect(rep.warnings[0]?.code).toBe('NOT_FRENCH');
    }
  });
  it('a single 2,000-word sentence without punctuation and 5 MB of text: reports', () => {
    const long = Array.from({ length: 2000 }, (_, i) => ['votre', 'demande', 'a', 'été', 'rejetée', 'afin', 'de', 'nonobstant'][i % 8]).join(' ');
    const r1 = clarte(['analyze', '-', '--format', 'json'], long);
    expect(r1.status).toBe(0);
    const rep = Report.parse(lines(r1.stdout)[0]);
    expect(rep.stats.sentences).toBe(1);
    expect(rep.alerts.find((a) => a.rule === 'phrase-longue')?.severity).toBe('error');
    const para = 'Votre demande a été examinée par nos services. Nous vous informons que le montant de 1 234,56 € sera versé le 12 mars 2026.\n\n';
    const big = para.repeat(Math.ceil((5 * 1024 * 1024) / para.length));
    const r2 = clarte(['analyze', '-', '--format', 'json'], big);
    expect(r2.status).toBe(0);
    expect(Report.parse(lines(r2.stdout)[0]).stats.words).toBeGreaterThan(500_000);
  });
});
