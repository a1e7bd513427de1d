/**
 * An audit stopped while a file is being saved on the map: the file's row is still reported, so that
 * the resumed audit counts it as a new document (it would otherwise find it on the map and call it
 * unchanged); a file whose save had not begun is not reported.
 */
import { describe, expect, it } from 'vitest';
import { runAudit, type AuditRow, type AuditSaver } from '../src/audit.js';
import { loadConfig } from '../src/config.js';
import { Ingestor } from '../src/ingest/ingest.js';
import { ourLibrary } from './helpers/library.js';

const LETTER = 'Madame,\n\nVotre demande d’aide a été examinée par nos services.\n\nLe directeur, Jean Martin\n';

describe('an audit stopped during a save', () => {
  it('reports the file whose save finished after the stop, and not the files that were not saved', async () => {
    const ingestor = new Ingestor(loadConfig({ LOG_LEVEL: 'silent' }), await ourLibrary(), undefined, 1);
    await ingestor.start();
    const stop = new AbortController();
    const saved: string[] = [];
    const saver: AuditSaver = {
      known: async () => undefined,
      // The stop arrives while the first file is being saved; its save completes.
      save: async (path) => {
        stop.abort();
        await new Promise((r) => setTimeout(r, 20));
        saved.push(path);
        return { documentId: saved.length, version: 1, outcome: 'new-document' };
      },
    };
    const files = ['a.txt', 'b.txt', 'c.txt'].map((shown) => ({ shown, read: async () => Buffer.from(LETTER) }));
    const reported: AuditRow[] = [];
    try {
      await runAudit(files, ingestor, 'lettre', 1, (_done, row) => void reported.push(row), Number.MAX_SAFE_INTEGER, saver, stop.signal);
    } finally {
      await ingestor.close();
    }
    expect(saved).toEqual(['a.txt']);
    expect(reported.map((r) => [r.file, r.saved])).toEqual([['a.txt', 'new-document']]);
  });
});
