/** Services scope what an agent sees; every change lands in the audit log with its author (SQLite, and PostgreSQL when CLARTE_TEST_POSTGRES_URL is set). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { ROOT } from '../../src/paths.js';
import type { Sql } from '../../src/store/sql.js';
import { ENGINES } from '../helpers/databases.js';
import { ourLibrary } from '../helpers/library.js';
import { bearer, createAccount } from '../helpers/accounts.js';

const letter = (name: string) => readFileSync(join(ROOT, 'corpora', 'lettres', name), 'utf8');
let app: FastifyInstance;
let db: Sql;
const as = {} as Record<'urbanisme' | 'etatCivil' | 'comms' | 'admin' | 'expert', Record<string, string>>;

describe.each(ENGINES)('services scope what an agent sees ($name)', (engine) => {
  beforeAll(async () => {
    db = (await engine.fresh()).sql;
    app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), library: await ourLibrary(), sql: db });
    as.urbanisme = bearer(await createAccount(db, { login: 'agent-urba', role: 'agent', service: 'Urbanisme' }));
    as.etatCivil = bearer(await createAccount(db, { login: 'agent-ec', role: 'agent', service: 'État civil' }));
    as.comms = bearer(await createAccount(db, { login: 'comms', role: 'comms' }));
    as.admin = bearer(await createAccount(db, { login: 'admin', role: 'admin' }));
    as.expert = bearer(await createAccount(db, { login: 'expert', role: 'expert' }));
  });
  afterAll(async () => app.close());

  let urbaDoc = 0;
  let ecDoc = 0;

  it('files an agent’s document under their service, whatever service they name', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/documents', headers: as.urbanisme, payload: { text: letter('02-caf-refus-aide-logement.txt'), service: 'État civil', title: 'Refus' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().document.service).toBe('Urbanisme');
    urbaDoc = res.json().documentId;
    const ec = await app.inject({ method: 'POST', url: '/api/v1/documents', headers: as.etatCivil, payload: { text: letter('05-impots-information-taux-prelevement.txt'), title: 'Information' } });
    ecDoc = ec.json().documentId;
    expect(ec.json().document.service).toBe('État civil');
  });

  it('lists only the agent’s service, and hides other services’ documents as if they did not exist', async () => {
    const mine = (await app.inject({ url: '/api/v1/documents', headers: as.urbanisme })).json();
    expect(mine.items.map((d: { id: number }) => d.id)).toEqual([urbaDoc]);
    // Asking for another service does not widen the view.
    expect((await app.inject({ url: '/api/v1/documents?service=%C3%89tat%20civil', headers: as.urbanisme })).json().total).toBe(1);
    const csv = (await app.inject({ url: '/api/v1/documents.csv', headers: as.urbanisme })).body;
    expect(csv).toContain('Refus');
    expect(csv).not.toContain('Information');
    for (const url of [`/api/v1/documents/${ecDoc}`, `/api/v1/documents/${ecDoc}/versions/1`, `/api/v1/documents/${ecDoc}/compare`, `/api/v1/documents/${ecDoc}/near-duplicates`, `/api/v1/documents/${urbaDoc}/diff?with=${ecDoc}`]) {
      const res = await app.inject({ url, headers: as.urbanisme });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('Information');
    }
    const write = await app.inject({ method: 'POST', url: `/api/v1/documents/${ecDoc}/reports`, headers: as.urbanisme, payload: {} });
    expect(write.statusCode).toBe(404);
    const move = await app.inject({ method: 'PATCH', url: `/api/v1/documents/${urbaDoc}`, headers: as.urbanisme, payload: { service: 'État civil' } });
    expect(move.statusCode).toBe(403);
    // The comms team and experts see the whole map.
    expect((await app.inject({ url: '/api/v1/documents', headers: as.comms })).json().total).toBe(2);
    expect((await app.inject({ url: `/api/v1/documents/${ecDoc}`, headers: as.expert })).statusCode).toBe(200);
  });

  it('records who changed what in the audit log, and shows the author in the history', async () => {
    await app.inject({ method: 'PATCH', url: `/api/v1/documents/${urbaDoc}`, headers: as.urbanisme, payload: { title: 'Refus d’aide' } });
    const status = await app.inject({ method: 'POST', url: `/api/v1/documents/${urbaDoc}/status`, headers: as.comms, payload: { status: 'a-reecrire', comment: 'Prioritaire.' } });
    expect(status.statusCode).toBe(200);
    const doc = (await app.inject({ url: `/api/v1/documents/${urbaDoc}`, headers: as.comms })).json();
    expect(doc.history.at(-1)).toMatchObject({ to: 'a-reecrire', author: 'comms' });
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/documents/${ecDoc}`, headers: as.urbanisme })).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/documents/${ecDoc}`, headers: as.comms })).statusCode).toBe(204);
    expect((await app.inject({ url: `/api/v1/documents/${ecDoc}`, headers: as.comms })).statusCode).toBe(404);
    const log = (await app.inject({ url: '/api/v1/audit-log', headers: as.admin })).json().items as { actor: string; action: string; target: string; details: Record<string, unknown> }[];
    const actions = log.map((e) => `${e.actor} ${e.action} ${e.target}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        `agent-urba document.create document:${urbaDoc}`,
        `agent-urba document.update document:${urbaDoc}`,
        `comms document.status document:${urbaDoc}`,
        `comms document.delete document:${ecDoc}`,
      ]),
    );
    expect(log.find((e) => e.action === 'document.status')?.details).toEqual({ from: 'identifie', to: 'a-reecrire' });
    expect(log.find((e) => e.action === 'document.delete')?.details).toMatchObject({ title: 'Information' });
    // Newest first, filtered by target; never a letter's text.
    const one = (await app.inject({ url: `/api/v1/audit-log?target=document:${urbaDoc}`, headers: as.admin })).json().items;
    expect(one.every((e: { target: string }) => e.target === `document:${urbaDoc}`)).toBe(true);
    expect(JSON.stringify(log)).not.toMatch(/allocation|prélèvement/i);
    expect((await app.inject({ url: '/api/v1/audit-log', headers: as.comms })).statusCode).toBe(403);
  });
});
