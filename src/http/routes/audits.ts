/**
 * Batch audits over HTTP: many files (or one zip) in a multipart request → an audit job that runs in
 * the background; its progress, results and exports (CSV, JSON) by its id.
 */
import { basename } from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditCsv, auditJson, type AuditRow } from '../../audit.js';
import { AppError } from '../../errors.js';
import { ZipArchive } from '../../ingest/zip.js';
import type { RouteDeps } from '../app.js';
import { caller } from '../auth.js';
import { MAP_MANAGERS, type Principal } from '../../auth/roles.js';

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });
const AuditId = z.object({ id: z.uuid() });
const AuditInfo = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'interrupted']),
  profile: z.string(),
  save: z.boolean(),
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  author: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

/** Entries of a zip archive worth auditing: files only, no hidden or system entries. */
function auditable(name: string): boolean {
  return !name.endsWith('/') && !name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX');
}

/** Summary figures of an audit's rows. */
export function auditSummary(rows: AuditRow[]) {
  const read = rows.filter((r) => !r.error);
  const scores = read.map((r) => r.score!).sort((a, b) => a - b);
  const byGrade: Record<string, number> = {};
  for (const r of read) byGrade[r.grade!] = (byGrade[r.grade!] ?? 0) + 1;
  const errors: Record<string, number> = {};
  for (const r of rows) if (r.error) errors[r.error.code] = (errors[r.error.code] ?? 0) + 1;
  return {
    analysed: read.length,
    failed: rows.length - read.length,
    medianScore: scores.length ? scores[scores.length >> 1]! : null,
    byGrade,
    errors,
    withMissingMentions: read.filter((r) => r.missingMentions?.length).length,
    newDocuments: rows.filter((r) => r.saved === 'new-document').length,
    newVersions: rows.filter((r) => r.saved === 'new-version').length,
    unchanged: rows.filter((r) => r.saved === 'unchanged').length,
  };
}

/** Starts an audit of uploaded files (the profile checked first), recorded in the audit log. */
export async function startAudit(deps: RouteDeps, me: Principal, files: { path: string; data: Buffer }[], fields: Record<string, string>) {
  const profile = fields.profile || deps.config.DEFAULT_PROFILE;
  deps.library.ruleSet(profile); // an unknown profile is refused before anything is stored
  const info = await deps.auditJobs.start(files, { profile, save: fields.save !== 'false', author: me.login });
  await deps.log().record(me, 'audit.start', `audit:${info.id}`, { files: info.total, save: info.save });
  return info;
}

/** The uploaded files (a single .zip is opened, its entries become the files) and the fields. */
export async function readAuditFiles(req: FastifyRequest, config: RouteDeps['config']): Promise<{ files: { path: string; data: Buffer }[]; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw new AppError('BAD_REQUEST', 'Envoyez les fichiers en multipart (champ « file », répété), ou une archive zip.');
  const files: { path: string; data: Buffer }[] = [];
  const fields: Record<string, string> = {};
  let total = 0;
  for await (const part of req.parts({ limits: { files: config.MAX_AUDIT_FILES, fileSize: config.MAX_AUDIT_BYTES, fields: 10, parts: config.MAX_AUDIT_FILES + 10 } })) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      total += data.length;
      if (part.file.truncated || total > config.MAX_AUDIT_BYTES) {
        throw new AppError('TOO_LARGE', `L’audit dépasse la taille autorisée (${Math.round(config.MAX_AUDIT_BYTES / 1048576)} Mio en tout).`);
      }
      files.push({ path: part.filename || `fichier-${files.length + 1}`, data });
    } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
  }
  if (files.length === 0) throw new AppError('BAD_REQUEST', 'Aucun fichier reçu : envoyez-les dans le champ « file » (répété), ou une archive zip.');
  const only = files[0]!;
  if (files.length === 1 && /\.zip$/i.test(only.path)) {
    const zip = await ZipArchive.open(only.data, { maxZipEntries: config.MAX_AUDIT_FILES, maxZipBytes: config.MAX_AUDIT_BYTES });
    try {
      const entries: { path: string; data: Buffer }[] = [];
      for (const name of zip.names().filter(auditable).sort()) entries.push({ path: name, data: await zip.read(name) });
      if (entries.length === 0) throw new AppError('EMPTY_DOCUMENT', 'L’archive ne contient aucun fichier à auditer.');
      return { files: entries, fields };
    } finally {
      zip.close();
    }
  }
  return { files: files.map((f) => ({ ...f, path: basename(f.path) })), fields };
}

/** The audit routes. */
export function auditRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { config } = deps;

  const mustGet = async (id: string) => {
    const info = await deps.audits().get(id);
    if (!info) throw new AppError('NOT_FOUND', `Audit inconnu : ${id}.`);
    return info;
  };

  return async (app) => {
    app.post(
      '/audits',
      {
        config: { access: MAP_MANAGERS },
        schema: {
          summary: 'Lancer un audit : plusieurs fichiers, ou une archive zip',
          description:
            'Multipart : champ `file` répété (PDF, DOCX, ODT, HTML, texte) ou une seule archive `.zip` ; champs facultatifs `profile`, ' +
            '`save` (`false` pour ne rien enregistrer dans la cartographie ; enregistré par défaut). Répond 202 avec l’audit ; ' +
            'suivez-le par GET /api/v1/audits/{id}.',
          body: z.unknown().optional(),
          response: { 202: AuditInfo, 400: ErrorBody, 413: ErrorBody, 422: ErrorBody },
        },
      },
      async (req, reply) => {
        const { files, fields } = await readAuditFiles(req, config);
        const info = await startAudit(deps, caller(req), files, fields);
        reply.status(202).header('location', `/api/v1/audits/${info.id}`);
        return info;
      },
    );

    app.get(
      '/audits',
      { config: { access: MAP_MANAGERS }, schema: { summary: 'Les derniers audits', response: { 200: z.object({ items: z.array(AuditInfo) }) } } },
      async () => ({ items: await deps.audits().list() }),
    );

    app.get(
      '/audits/:id',
      {
        config: { access: MAP_MANAGERS },
        schema: {
          summary: 'Un audit : avancement, chiffres de synthèse et résultat de chaque fichier',
          params: AuditId,
          response: { 200: AuditInfo.extend({ summary: z.record(z.string(), z.unknown()), files: z.array(z.record(z.string(), z.unknown())) }), 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (req) => {
        const info = await mustGet(req.params.id);
        const rows = await deps.audits().rows(info.id);
        return { ...info, summary: auditSummary(rows), files: rows as unknown as Record<string, unknown>[] };
      },
    );

    app.get(
      '/audits/:id/results.csv',
      { config: { access: MAP_MANAGERS }, schema: { summary: 'Résultats de l’audit en CSV (tableur)', params: AuditId } },
      async (req, reply) => {
        const info = await mustGet(req.params.id);
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="audit-${info.id}.csv"`);
        return auditCsv(await deps.audits().rows(info.id));
      },
    );

    app.get(
      '/audits/:id/results.json',
      { config: { access: MAP_MANAGERS }, schema: { summary: 'Résultats de l’audit en JSON', params: AuditId } },
      async (req, reply) => {
        const info = await mustGet(req.params.id);
        reply.header('content-type', 'application/json; charset=utf-8');
        return auditJson(await deps.audits().rows(info.id), info.profile);
      },
    );
  };
}
