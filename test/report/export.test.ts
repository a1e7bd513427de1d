import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse.js';
import { exportReport, reportCsv, reportHtml } from '../../src/report/export.js';
import { ourLibrary } from '../helpers/library.js';

describe('report downloads', () => {
  it('writes one CSV line per problem, an HTML page that escapes the letter, and the JSON report', async () => {
    const text = 'Nous accusons réception de votre courrier <script>alert(1)</script>. Afin de compléter votre dossier, nous vous remercions de bien vouloir nous adresser votre avis.';
    const r = analyse({ text, filename: 'réponse été.txt' }, await ourLibrary());
    expect(r.alerts.length).toBeGreaterThan(1);
    const csv = reportCsv(r).replace(/^\ufeff/, '').trim().split(/\r?\n/);
    expect(csv).toHaveLength(r.alerts.length + 1);
    expect(csv[1]).toMatch(/^1;/);
    const html = reportHtml(r);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain(`Score : <strong>${r.score.value.toFixed(0)} sur 100</strong>`);
    const json = exportReport(r, 'json');
    expect(JSON.parse(json.body)).toEqual(JSON.parse(JSON.stringify(r)));
    expect(json.filename).toBe('rapport-clarte-réponse-été.json');
    expect(exportReport(r, 'html').type).toMatch(/^text\/html/);
  });
});
