/**
 * The map of complex documents over HTTP: list (filters, sort, pages), CSV export, create from a file or
 * a text, read, update metadata, add a version, change status, record reports.
 * NOTE: until accounts exist (issue "Accounts, roles and privacy"), `author` is a free field the caller fills.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { analyse } from '../../analyse.js';
import { AppError } from '../../errors.js';
import { DOCUMENT_TYPES, DocumentTypeId, MENTION_IDS, Report } from '../../model.js';
import { saveReport, type SaveOptions } from '../../map/service.js';
import { STATUSES } from '../../map/statuses.js';
import type { DocumentMeta } from '../../store/documents.js';
import { mapCsv } from '../../map/export.js';
import { compareReports, ComparisonSchema } from '../../map/compare.js';
import { DEFAULT_THRESHOLD, groupNearDuplicates, signatureFromBytes, similarity, wordDiff } from '../../map/near-duplicates.js';
import type { RouteDeps } from '../app.js';
import { readUpload } from '../upload.js';

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });
const Status = z.enum(STATUSES);
const Id = z.object({ id: z.coerce.number().int().positive() });

const Weights = z.object({ clarity: z.number(), legal: z.number(), reach: z.number(), reports: z.number() });
const DocumentSummary = z.object({
  id: z.number(),
  title: z.string(),
  path: z.string().nullable(),
  service: z.string().nullable(),
  channel: z.string().nullable(),
  yearlyVolume: z.number().nullable(),
  type: z.string().nullable(),
  declaredType: z.string().nullable(),
  status: Status,
  statusLabel: z.string(),
  score: z.number().nullable(),
  grade: z.string().nullable(),
  missingMentions: z.array(z.object({ id: z.string(), status: z.enum(['missing', 'partial']) })),
  reports: z.number(),
  latestVersion: z.number().nullable(),
  priority: z.object({ value: z.number(), rank: z.number(), factors: Weights, weights: Weights }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const VersionSummary = z.object({
  number: z.number(),
  sha256: z.string(),
  filename: z.string().nullable(),
  format: z.string(),
  bytes: z.number(),
  score: z.number(),
  grade: z.string(),
  type: z.string(),
  author: z.string().nullable(),
  comment: z.string().nullable(),
  createdAt: z.string(),
});
const Saved = z.object({ documentId: z.number(), version: z.number(), outcome: z.enum(['new-document', 'new-version', 'unchanged']), document: DocumentSummary });

const Meta = z.object({
  title: z.string().trim().min(1).max(300),
  service: z.string().trim().max(200).nullable(),
  channel: z.string().trim().max(100).nullable(),
  yearlyVolume: z.coerce.number().int().min(0).nullable(),
  type: DocumentTypeId.nullable(),
  path: z.string().max(1000).nullable(),
});
const TextVersion = z.object({
  text: z.string().describe('Texte du courrier (UTF-8)'),
  profile: z.string().optional(),
  author: z.string().max(200).optional(),
  comment: z.string().max(2000).optional(),
});
const ListQuery = z.object({
  service: z.string().optional(),
  status: Status.optional(),
  type: DocumentTypeId.optional(),
  grade: z.enum(['A', 'B', 'C', 'D', 'E']).optional(),
  missing: z.enum(MENTION_IDS).optional().describe('documents où cette mention manque ou est incomplète'),
  q: z.string().max(200).optional().describe('mots du titre ou du chemin'),
  sort: z.enum(['priority', 'score', '-score', 'title', 'updated']).default('priority'),
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(50),
});

const UPLOAD_FIELDS = ['title', 'service', 'channel', 'yearlyVolume', 'type', 'path', 'profile', 'author', 'comment'] as const;

/** The map routes. */
export function documentRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  /** A report and save options from a multipart upload or a JSON text. */
  const readVersion = async (req: FastifyRequest, declared?: DocumentTypeId): Promise<{ report: Report; fields: Record<string, string | undefined> }> => {
    const profileOf = (p: string | undefined): string => p ?? deps.config.DEFAULT_PROFILE;
    if (req.isMultipart()) {
      const { bytes, filename, fields } = await readUpload(req, deps.config.MAX_UPLOAD_BYTES, UPLOAD_FIELDS);
      const type = fields.type ? DocumentTypeId.safeParse(fields.type) : undefined;
      if (type && !type.success) throw new AppError('VALIDATION', `Type de document inconnu : « ${fields.type} ». Types possibles : ${DOCUMENT_TYPES.join(', ')}.`);
      const report = await deps.ingestor.analyseBytes(bytes, {
        profile: profileOf(fields.profile),
        transfer: true,
        ...(type?.success ? { documentType: type.data } : declared ? { documentType: declared } : {}),
        ...(filename ? { filename } : {}),
      });
      return { report, fields: { ...fields, path: fields.path ?? filename } };
    }
    const body = TextVersion.extend(Meta.partial().shape).safeParse(req.body ?? {});
    if (!body.success) throw new AppError('VALIDATION', 'Requête invalide : envoyez un fichier (multipart, champ « file ») ou un JSON { "text": … }.', body.error.issues);
    const { text, profile } = body.data;
    const type = body.data.type ?? declared;
    const report = analyse({ text }, deps.library, { profile: profileOf(profile), maxChars: deps.config.MAX_TEXT_CHARS, ...(type ? { documentType: type } : {}) });
    const fields: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(body.data)) if (k !== 'text' && v !== undefined && v !== null) fields[k] = String(v);
    return { report, fields };
  };

  const metaOf = (fields: Record<string, string | undefined>): Partial<DocumentMeta> => {
    const parsed = Meta.partial().safeParse(Object.fromEntries(Object.entries(fields).filter(([k, v]) => k in Meta.shape && v !== undefined && v !== '')));
    if (!parsed.success) throw new AppError('VALIDATION', 'Champs du document invalides.', parsed.error.issues);
    const out: Partial<DocumentMeta> = {};
    for (const [k, v] of Object.entries(parsed.data)) if (v !== undefined && k !== 'path') (out as Record<string, unknown>)[k] = v;
    return out;
  };

  return async (app) => {
    app.get(
      '/documents',
      {
        schema: {
          summary: 'La cartographie : documents filtrés et triés',
          description: 'Par défaut, par priorité décroissante ; chaque document montre les facteurs et les poids de sa priorité.',
          querystring: ListQuery,
          response: { 200: z.object({ items: z.array(DocumentSummary), total: z.number(), page: z.number(), perPage: z.number() }), 400: ErrorBody },
        },
      },
      async (req) => deps.store().list(req.query),
    );

    app.get(
      '/documents.csv',
      { schema: { summary: 'La cartographie en CSV (tableur)', querystring: ListQuery.omit({ page: true, perPage: true }) } },
      async (req, reply) => {
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="cartographie.csv"');
        return mapCsv(deps.store(), req.query);
      },
    );

    app.post(
      '/documents',
      {
        schema: {
          summary: 'Ajouter un document à la cartographie',
          description:
            'Un fichier (multipart : `file`, et facultatifs `title`, `service`, `channel`, `yearlyVolume`, `type`, `path`, `profile`, `author`, `comment`) ' +
            'ou un JSON `{ "text", "title"?, … }`. Le document est analysé ; un fichier déjà enregistré (mêmes octets) renvoie sa version (200).',
          body: z.unknown().optional(),
          response: { 200: Saved, 201: Saved, 400: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody },
        },
      },
      async (req, reply) => {
        const { report, fields } = await readVersion(req);
        const store = deps.store();
        const options: SaveOptions = { meta: metaOf(fields), author: fields.author ?? null, comment: fields.comment ?? null };
        if (fields.path) options.path = fields.path;
        const saved = saveReport(store, report, options);
        reply.status(saved.outcome === 'unchanged' ? 200 : 201);
        return { ...saved, document: store.get(saved.documentId) };
      },
    );

    app.get(
      '/documents/:id',
      {
        schema: {
          summary: 'Un document : versions, historique des statuts, signalements',
          params: Id,
          response: {
            200: z.object({
              document: DocumentSummary,
              versions: z.array(VersionSummary),
              history: z.array(z.object({ from: Status.nullable(), to: Status, author: z.string().nullable(), comment: z.string().nullable(), at: z.string() })),
              reports: z.array(z.object({ kind: z.string(), count: z.number(), comment: z.string().nullable(), author: z.string().nullable(), at: z.string() })),
            }),
            404: ErrorBody,
          },
        },
      },
      async (req) => {
        const store = deps.store();
        const { id } = req.params;
        return { document: store.get(id), versions: store.versions(id), history: store.history(id), reports: store.reports(id) };
      },
    );

    app.patch(
      '/documents/:id',
      {
        schema: {
          summary: 'Modifier le titre, le service, le canal, le volume annuel ou le type',
          params: Id,
          body: Meta.partial().strict(),
          response: { 200: DocumentSummary, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (req) => deps.store().update(req.params.id, req.body as Partial<DocumentMeta>),
    );

    app.post(
      '/documents/:id/versions',
      {
        schema: {
          summary: 'Ajouter une version (réécriture) : elle est analysée à l’envoi',
          description: 'Un fichier (multipart, champ `file`, et `comment`, `author`, `profile` facultatifs) ou un JSON `{ "text", "comment"? }`.',
          params: Id,
          body: z.unknown().optional(),
          response: { 200: Saved, 201: Saved, 400: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody },
        },
      },
      async (req, reply) => {
        const store = deps.store();
        const { id } = req.params;
        // 404 before any analysis; a type set by a person applies to every version (same mentions compared).
        const declared = store.get(id).declaredType;
        const { report, fields } = await readVersion(req, (declared ?? undefined) as DocumentTypeId | undefined);
        const { number, created } = store.addVersion(id, {
          report,
          sha256: report.source.sha256,
          bytes: report.source.bytes,
          format: report.source.format,
          filename: report.source.filename ?? null,
          author: fields.author ?? null,
          comment: fields.comment ?? null,
        });
        reply.status(created ? 201 : 200);
        return { documentId: id, version: number, outcome: created ? ('new-version' as const) : ('unchanged' as const), document: store.get(id) };
      },
    );

    app.get(
      '/documents/:id/versions/:number',
      {
        schema: {
          summary: 'Une version et son rapport',
          params: Id.extend({ number: z.coerce.number().int().positive() }),
          response: { 200: VersionSummary.extend({ documentId: z.number(), report: Report }), 404: ErrorBody },
        },
        serializerCompiler: () => (data) => JSON.stringify(data),
      },
      async (req) => deps.store().version(req.params.id, req.params.number),
    );

    app.get(
      '/documents/:id/compare',
      {
        schema: {
          summary: 'Comparer deux versions : score, alertes résolues et nouvelles, mentions, invariants juridiques',
          description: 'Par défaut, l’avant-dernière version (from) et la dernière (to). `legalRisk` vaut true si une date, un montant, un délai, un article, une juridiction ou une mention obligatoire présents avant manquent après.',
          params: Id,
          querystring: z.object({ from: z.coerce.number().int().positive().optional(), to: z.coerce.number().int().positive().optional() }),
          response: { 200: ComparisonSchema.extend({ from: z.number(), to: z.number() }), 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (req) => {
        const store = deps.store();
        const { id } = req.params;
        const latest = store.get(id).latestVersion;
        const to = req.query.to ?? latest ?? 0;
        const from = req.query.from ?? to - 1;
        if (from < 1 || from === to) throw new AppError('VALIDATION', 'Deux versions différentes sont nécessaires pour comparer (paramètres from et to).');
        return { from, to, ...compareReports(store.version(id, from).report, store.version(id, to).report) };
      },
    );

    const Threshold = z.coerce.number().min(0.5).max(1).default(DEFAULT_THRESHOLD).describe('similarité minimale (0,5 à 1 ; 0,6 par défaut)');
    const Brief = z.object({ id: z.number(), title: z.string(), service: z.string().nullable(), status: Status, score: z.number().nullable() });
    const brief = (id: number) => {
      const d = deps.store().get(id);
      return { id: d.id, title: d.title, service: d.service, status: d.status, score: d.score };
    };

    const Figures = z.object({
      mapped: z.number(),
      byStatus: z.record(z.string(), z.number()),
      rewritten: z.number(),
      released: z.number(),
      meanScoreBefore: z.number().nullable(),
      meanScoreAfter: z.number().nullable(),
      withAllMentions: z.number().nullable(),
    });
    app.get(
      '/indicators',
      {
        schema: {
          summary: 'Indicateurs annuels de la cartographie, en tout et par service',
          description:
            'Documents cartographiés (à la fin de l’année), par statut (aujourd’hui), réécrits et publiés dans l’année, score moyen avant et après ' +
            'réécriture, part des documents qui portent toutes les mentions obligatoires.',
          querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).default(() => new Date().getFullYear()), service: z.string().optional() }),
          response: { 200: Figures.extend({ year: z.number(), service: z.string().nullable(), byService: z.array(Figures.extend({ service: z.string().nullable() })) }), 400: ErrorBody },
        },
      },
      async (req) => deps.store().indicators(req.query.year, req.query.service),
    );

    app.get(
      '/near-duplicates',
      {
        schema: {
          summary: 'Groupes de modèles presque identiques (à réécrire ensemble)',
          querystring: z.object({ threshold: Threshold }),
          response: { 200: z.object({ groups: z.array(z.object({ size: z.number(), documents: z.array(Brief) })) }) },
        },
      },
      async (req) => {
        const items = deps.store().signatures().map((r) => ({ id: String(r.id), signature: signatureFromBytes(r.signature) }));
        const groups = groupNearDuplicates(items, req.query.threshold);
        return { groups: groups.map((g) => ({ size: g.length, documents: g.map((id) => brief(Number(id))) })) };
      },
    );

    app.get(
      '/documents/:id/near-duplicates',
      {
        schema: {
          summary: 'Les documents presque identiques à celui-ci, du plus proche au moins proche',
          params: Id,
          querystring: z.object({ threshold: Threshold }),
          response: { 200: z.object({ items: z.array(Brief.extend({ similarity: z.number() })) }), 404: ErrorBody },
        },
      },
      async (req) => {
        const store = deps.store();
        const { id } = req.params;
        store.get(id);
        const all = store.signatures();
        const mine = all.find((r) => r.id === id);
        if (!mine) return { items: [] };
        const sig = signatureFromBytes(mine.signature);
        const items = all
          .filter((r) => r.id !== id)
          .map((r) => ({ id: r.id, similarity: similarity(sig, signatureFromBytes(r.signature)) }))
          .filter((r) => r.similarity >= req.query.threshold)
          .sort((a, b) => b.similarity - a.similarity || a.id - b.id);
        return { items: items.map((r) => ({ ...brief(r.id), similarity: Math.round(r.similarity * 1000) / 1000 })) };
      },
    );

    app.get(
      '/documents/:id/diff',
      {
        schema: {
          summary: 'Différences mot à mot entre ce document et un autre (dernières versions)',
          params: Id,
          querystring: z.object({ with: z.coerce.number().int().positive() }),
          response: { 200: z.object({ from: z.number(), to: z.number(), parts: z.array(z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() })) }), 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (req) => {
        const store = deps.store();
        return { from: req.params.id, to: req.query.with, parts: wordDiff(store.latestText(req.params.id), store.latestText(req.query.with)) };
      },
    );

    app.post(
      '/documents/:id/status',
      {
        schema: {
          summary: 'Changer le statut (historique conservé)',
          description: 'identifie → a-reecrire → en-reecriture → validation-experte → test-usagers → publie, retour à une étape antérieure, ou abandonne.',
          params: Id,
          body: z.object({ status: Status, comment: z.string().max(2000).optional(), author: z.string().max(200).optional() }),
          response: { 200: DocumentSummary, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (req) => deps.store().setStatus(req.params.id, req.body.status, req.body.author ?? null, req.body.comment ?? null),
    );

    app.post(
      '/documents/:id/reports',
      {
        schema: {
          summary: 'Signaler un document (par exemple « incompréhensible »), avec un nombre',
          params: Id,
          body: z.object({
            kind: z.string().trim().min(1).max(100).default('incompréhensible'),
            count: z.number().int().min(1).max(1_000_000).default(1),
            comment: z.string().max(2000).optional(),
            author: z.string().max(200).optional(),
          }),
          response: { 200: DocumentSummary, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (req) => deps.store().addReport(req.params.id, req.body.kind, req.body.count, req.body.comment ?? null, req.body.author ?? null),
    );
  };
}
