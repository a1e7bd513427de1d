/**
 * Robustness suite: every real broken, encrypted, scanned or fuzzed file of the shared fixtures
 * (../shared/eval/fixtures, see its MANIFEST.json) is uploaded to the HTTP API and must end as the
 * manifest expects, within its time limit, with the server alive and its memory back near its start.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { Ingestor } from '../../src/ingest/ingest.js';
import { ROOT } from '../../src/paths.js';
import { ourLibrary } from '../helpers/library.js';

const DIR = join(ROOT, '..', 'shared', 'eval', 'fixtures');
const present = existsSync(join(DIR, 'MANIFEST.json'));
interface Entry {
  file: string;
  category: string;
  expect: string[];
}
const manifest: Entry[] = present ? (JSON.parse(readFileSync(join(DIR, 'MANIFEST.json'), 'utf8')) as Entry[]) : [];

function upload(name: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----clarte' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.skipIf(!present)('shared fixtures through the HTTP API', () => {
  let app: FastifyInstance;
  let ingestor: Ingestor;
  let rssStart = 0;
  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', EXTRACT_TIMEOUT_MS: '10000' });
    const library = await ourLibrary();
    ingestor = new Ingestor(config, library, undefined);
    await ingestor.start();
    app = await buildApp({ config, library, ingestor });
    global.gc?.();
    rssStart = process.memoryUsage().rss;
  });
  afterAll(() => app.close());

  it.each(manifest.map((e) => [e.file, e] as const))('%s', async (_name, entry) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/analyses', ...upload(entry.file.split('/').pop()!, readFileSync(join(DIR, entry.file))) });
    const outcome = res.statusCode === 200 ? 'report' : (res.json() as { error: { code: string } }).error.code;
    expect(entry.expect, `${entry.file} → ${outcome} (${res.statusCode})`).toContain(outcome);
    if (outcome !== 'report') expect((res.json() as { error: { message: string } }).error.message).toMatch(/\p{Ll}{3,} .*\p{Ll}/u);
  });

  it('stays alive and gives its memory back', async () => {
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    global.gc?.();
    // Worker heaps are bounded and recycled: memory ends near where it started, not growing per file.
    expect(process.memoryUsage().rss).toBeLessThan(Math.max(rssStart * 1.5, rssStart + 200 * 1024 * 1024));
  });
});
