/**
 * The map of complex documents over HTTP: list (filters, sort, pages), CSV export, create from a file or
 * a text, read, update metadata, add a version, change status, record reports.
 * Every change is made in the caller's name (their login is the author) and written to the audit log.
 * An agent sees and changes only their own service's documents: another service's document answers
 * 404, as if it did not exist.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { analyse } from '../../analyse.js';
import { AppError } from '../../errors.js';
import { DOCUMENT_TYPES, DocumentTypeId, MENTION_IDS, Report } from '../../model.js';
import { saveReport, signatureBytes, type SaveOptions } from '../../map/service.js';
import { allowedMoves, STATUSES, type Status } from '../../map/statuses.js';
import type { DocumentMeta } from '../../store/documents.js';
import { mapCsv } from '../../map/export.js';
import { csvFile } from '../../report/csv.js';
import { compareReports, ComparisonSchema } from '../../map/compare.js';
import { DEFAULT_THRESHOLD, groupNearDuplicates, signatureFromBytes, similarity, wordDiff } from '../../map/near-duplicates.js';
import type { RouteDeps } from '../app.js';
import { readUpload } from '../upload.js';
import { assertReleasable } from './campaigns.js';
import { caller } from '../auth.js';
import { MAP_MANAGERS, MAP_READERS, MAP_WIDE, MAP_WRITERS, type Principal } from '../../auth/roles.js';

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

const UPLOAD_FIELDS = ['title', 'service', 'channel', 'yearlyVolume', 'type', 'path', 'profile', 'comment'] as const;

/** An agent's view of the map is their service. */
const ownService = (p: Principal): string | null => (p.role === 'agent' ? (p.service ?? '') : null);

// The map's actions shared by the API and the web pages (src/http/routes/pages.ts).

/** A document the caller may see (an agent: their service's only; others get NOT_FOUND). */
export async function visibleDocument(deps: RouteDeps, me: Principal, id: number) {
  const doc = await (await deps.store()).get(id);
  const own = ownService(me);
  if (own !== null && doc.service !== own) throw new AppError('NOT_FOUND', `Document inconnu : ${id}.`);
  return doc;
}

/** Changes a document's status, with its history and the audit log; publishing passes the release gate. */
/** `expected`: the status the person saw; another change made meanwhile then gives a CONFLICT rather than a move from a status they did not see. */
export async function changeStatus(deps: RouteDeps, me: Principal, id: number, status: Status, comment: string | null, expected?: Status) {
  const before = (await (await deps.store()).get(id)).status;
  // Publishing needs an expert's approval and a passed user test of the latest version.
  if (status === 'publie' && allowedMoves(before).includes('publie')) await assertReleasable(deps, id);
  const doc = await (await deps.store()).setStatus(id, status, me.login, comment, expected);
  await deps.log().record(me, 'document.status', `document:${doc.id}`, { from: before, to: doc.status });
  return doc;
}

/** The documents nearly the same as this one, nearest first. */
export async function nearDuplicatesOf(deps: RouteDeps, id: number, threshold: number): Promise<{ id: number; similarity: number }[]> {
  const all = await (await deps.store()).signatures();
  const mine = all.find((r) => r.id === id);
  if (!mine) return [];
  const sig = signatureFromBytes(mine.signature);
  return all
    .filter((r) => r.id !== id)
    .map((r) => ({ id: r.id, similarity: Math.round(similarity(sig, signatureFromBytes(r.signature)) * 1000) / 1000 }))
    .filter((r) => r.similarity >= threshold)
    .sort((a, b) => b.similarity - a.similarity || a.id - b.id);
}

/** Two versions compared (by default the one before the latest, and the latest). */
export async function compareVersions(deps: RouteDeps, id: number, latest: number | null, from?: number, to?: number) {
  const t = to ?? latest ?? 0;
  const f = from ?? t - 1;
  if (f < 1 || f === t) throw new AppError('VALIDATION', 'Deux versions différentes sont nécessaires pour comparer (paramètres from et to).');
  const store = await deps.store();
  return { from: f, to: t, ...compareReports((await store.version(id, f)).report, (await store.version(id, t)).report) };
}

/** The map routes. */
export function documentRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  /** A report and save options from a multipart upload or a JSON text. */
  const readVersion = async (req: FastifyRequest, declared?: DocumentTypeId): Promise<{ report: Report; fields: Record<string, string | undefined> }> => {
    const profileOf = (p: string | undefined): string => p ?? deps.config.DEFAULT_PROFILE;
    if (req.isMultipart()) {
      const { bytes, filename, fields } = await readUpload(req, deps.config.MAX_UPLOAD_BYTES, UPLOAD_FIELDS);
      const type = fields.type ? DocumentTypeId.safeParse(fields.type) : undefined;
      if (type && !type.success) throw new AppError('VALIDATION', `Type de document inconnu : « ${fields.type} ». Types possibles : ${DOCUMENT_TYPES.join(', ')}.`);
      // Personal data is replaced by placeholders before the analysis: the stored text never holds it.
      const report = await deps.ingestor.analyseBytes(bytes, {
        profile: profileOf(fields.profile),
        transfer: true,
        personalData: 'pseudonymise',
        ...(type?.success ? { documentType: type.data } : declared ? { documentType: declared } : {}),
        ...(filename ? { filename } : {}),
      });
      return { report, fields: { ...fields, path: fields.path ?? filename } };
    }
    const body = TextVersion.extend(Meta.partial().shape).safeParse(req.body ?? {});
    if (!body.success) throw new AppError('VALIDATION', 'Requête invalide : envoyez un fichier (multipart, champ « file ») ou un JSON { "text": … }.', body.error.issues);
    const { text, profile } = body.data;
    const type = body.data.type ?? declared;
    const report = analyse({ text }, deps.library, {
      profile: profileOf(profile),
      maxChars: deps.config.MAX_TEXT_CHARS,
      personalData: 'pseudonymise',
      ...(type ? { documentType: type } : {}),
    });
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

  /** The document when the caller may see it (an agent: only their service's); else NOT_FOUND. */
  const visible = async (req: FastifyRequest, id: number) => visibleDocument(deps, caller(req), id);
  /** The list query, narrowed to the agent's service. */
  const scoped = <Q extends { service?: string | undefined }>(req: FastifyRequest, q: Q): Q => {
    const own = ownService(caller(req));
    return own === null ? q : { ...q, service: own };
  };

  return async (app) => {
    app.get(
      '/documents',
      {
        config: { access: MAP_READERS },
        schema: {
          summary: 'La cartographie : documents filtrés et triés',
          description: 'Par défaut, par priorité décroissante ; chaque document montre les facteurs et les poids de sa priorité.',
          querystring: ListQuery,
          response: { 200: z.object({ items: z.array(DocumentSummary), total: z.number(), page: z.number(), perPage: z.number() }), 400: ErrorBody },
        },
      },
      async (req) => await (await deps.store()).list(scoped(req, req.query)),
    );

    app.get(
      '/documents.csv',
      { config: { access: MAP_READERS }, schema: { summary: 'La cartographie en CSV (tableur)', querystring: ListQuery.omit({ page: true, perPage: true }) } },
      async (req, reply) => {
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="cartographie.csv"');
        return mapCsv((await deps.store()), scoped(req, req.query));
      },
    );

    app.post(
      '/documents',
      {
        config: { access: MAP_WRITERS },
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
        const me = caller(req);
        const { report, fields } = await readVersion(req);
        const store = await deps.store();
        const meta = metaOf(fields);
        const own = ownService(me);
        if (own !== null) meta.service = own;
        const options: SaveOptions = { meta, author: me.login, comment: fields.comment ?? null };
        if (fields.path) options.path = fields.path;
        const saved = await saveReport(store, report, options);
        // A file already stored elsewhere on the map is not revealed to an agent of another service.
        if (own !== null && (await store.get(saved.documentId)).service !== own) throw new AppError('CONFLICT', 'Ce fichier est déjà enregistré dans la cartographie, hors de votre service.');
        if (saved.outcome !== 'unchanged') await deps.log().record(me, saved.outcome === 'new-document' ? 'document.create' : 'document.version', `document:${saved.documentId}`, { version: saved.version });
        reply.status(saved.outcome === 'unchanged' ? 200 : 201);
        return { ...saved, document: await store.get(saved.documentId) };
      },
    );

    app.get(
      '/documents/:id',
      {
        config: { access: MAP_READERS },
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
        const store = await deps.store();
        const { id } = req.params;
        return { document: await visible(req, id), versions: await store.versions(id), history: await store.history(id), reports: await store.reports(id) };
      },
    );

    app.patch(
      '/documents/:id',
      {
        config: { access: MAP_WRITERS },
        schema: {
          summary: 'Modifier le titre, le service, le canal, le volume annuel ou le type',
          params: Id,
          body: Meta.partial().strict(),
          response: { 200: DocumentSummary, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (req) => {
        const me = caller(req);
        await visible(req, req.params.id);
        const own = ownService(me);
        if (own !== null && 'service' in req.body && req.body.service !== own) throw new AppError('FORBIDDEN', 'Un agent ne peut pas confier un document à un autre service.');
        const doc = await (await deps.store()).update(req.params.id, req.body as Partial<DocumentMeta>);
        await deps.log().record(me, 'document.update', `document:${doc.id}`, req.body);
        return doc;
      },
    );

    app.post(
      '/documents/:id/versions',
      {
        config: { access: MAP_WRITERS },
        schema: {
          summary: 'Ajouter une version (réécriture) : elle est analysée à l’envoi',
          description: 'Un fichier (multipart, champ `file`, et `comment`, `author`, `profile` facultatifs) ou un JSON `{ "text", "comment"? }`.',
          params: Id,
          body: z.unknown().optional(),
          response: { 200: Saved, 201: Saved, 400: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody },
        },
      },
      async (req, reply) => {
        const store = await deps.store();
        const { id } = req.params;
        // 404 before any analysis; a type set by a person applies to every version (same mentions compared).
        const declared = (await visible(req, id)).declaredType;
        const { report, fields } = await readVersion(req, (declared ?? undefined) as DocumentTypeId | undefined);
        const { number, created } = await store.addVersion(id, {
          report,
          // the latest version's signature groups the document with its near-duplicates
          signature: signatureBytes(report.text),
          sha256: report.source.sha256,
          bytes: report.source.bytes,
          format: report.source.format,
          filename: report.source.filename ?? null,
          author: caller(req).login,
          comment: fields.comment ?? null,
        });
        if (created) await deps.log().record(caller(req), 'document.version', `document:${id}`, { version: number });
        reply.status(created ? 201 : 200);
        return { documentId: id, version: number, outcome: created ? ('new-version' as const) : ('unchanged' as const), document: await store.get(id) };
      },
    );

    app.get(
      '/documents/:id/versions/:number',
      {
        config: { access: MAP_READERS },
        schema: {
          summary: 'Une version et son rapport',
          params: Id.extend({ number: z.coerce.number().int().positive() }),
          response: { 200: VersionSummary.extend({ documentId: z.number(), report: Report }), 404: ErrorBody },
        },
        serializerCompiler: () => (data) => JSON.stringify(data),
      },
      async (req) => {
        await visible(req, req.params.id);
        return await (await deps.store()).version(req.params.id, req.params.number);
      },
    );

    app.get(
      '/documents/:id/compare',
      {
        config: { access: MAP_READERS },
        schema: {
          summary: 'Comparer deux versions : score, alertes résolues et nouvelles, mentions, invariants juridiques',
          description: 'Par défaut, l’avant-dernière version (from) et la dernière (to). `legalRisk` vaut true si une date, un montant, un délai, un article, une juridiction ou une mention obligatoire présents avant manquent après.',
          params: Id,
          querystring: z.object({ from: z.coerce.number().int().positive().optional(), to: z.coerce.number().int().positive().optional() }),
          response: { 200: ComparisonSchema.extend({ from: z.number(), to: z.number() }), 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (req) => {
        const { id } = req.params;
        return await compareVersions(deps, id, (await visible(req, id)).latestVersion, req.query.from, req.query.to);
      },
    );

    const Threshold = z.coerce.number().min(0.5).max(1).default(DEFAULT_THRESHOLD).describe('similarité minimale (0,5 à 1 ; 0,6 par défaut)');
    const Brief = z.object({ id: z.number(), title: z.string(), service: z.string().nullable(), status: Status, score: z.number().nullable() });
    const brief = async (id: number) => {
      const d = await (await deps.store()).get(id);
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
      scoreGain: z.number().nullable(),
      tests: z.number(),
      answers: z.number(),
      comprehension: z.number().nullable(),
      ratingsAtLeast8: z.number().nullable(),
    });
    app.get(
      '/indicators',
      {
        config: { access: MAP_WIDE },
        schema: {
          summary: 'Indicateurs annuels de la cartographie, en tout et par service',
          description:
            'Documents cartographiés (à la fin de l’année), par statut (aujourd’hui), réécrits et publiés dans l’année, score moyen avant et après ' +
            'réécriture et gain, part des documents qui portent toutes les mentions obligatoires ; tests usagers ayant reçu des réponses dans l’année, réponses, ' +
            'taux de compréhension et part des notes de 8/10 ou plus. Aussi en CSV : /indicators.csv.',
          querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).default(() => new Date().getFullYear()), service: z.string().optional() }),
          response: { 200: Figures.extend({ year: z.number(), service: z.string().nullable(), byService: z.array(Figures.extend({ service: z.string().nullable() })) }), 400: ErrorBody },
        },
      },
      async (req) => await (await deps.store()).indicators(req.query.year, req.query.service),
    );

    app.get(
      '/indicators.csv',
      {
        config: { access: MAP_WIDE },
        schema: {
          summary: 'Indicateurs annuels en CSV (publication) : une ligne pour l’ensemble, puis une par service',
          querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).default(() => new Date().getFullYear()), service: z.string().optional() }),
        },
      },
      async (req, reply) => {
        const all = await (await deps.store()).indicators(req.query.year, req.query.service);
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="indicateurs-${all.year}.csv"`);
        const row = (scope: string, f: typeof all) => [
          all.year,
          scope,
          f.mapped,
          f.rewritten,
          f.released,
          f.meanScoreBefore,
          f.meanScoreAfter,
          f.scoreGain,
          f.withAllMentions,
          f.tests,
          f.answers,
          f.comprehension,
          f.ratingsAtLeast8,
        ];
        return csvFile(
          ['annee', 'perimetre', 'documents_cartographies', 'reecrits', 'publies', 'score_moyen_avant', 'score_moyen_apres', 'gain_de_score', 'part_toutes_mentions', 'tests_usagers', 'reponses', 'comprehension', 'part_notes_8_et_plus'],
          [row(all.service ?? 'ensemble', all), ...(all.service === null ? all.byService.map((b) => row(b.service ?? 'sans service', { ...all, ...b })) : [])],
        );
      },
    );

    app.get(
      '/near-duplicates',
      {
        config: { access: MAP_WIDE },
        schema: {
          summary: 'Groupes de modèles presque identiques (à réécrire ensemble)',
          querystring: z.object({ threshold: Threshold }),
          response: { 200: z.object({ groups: z.array(z.object({ size: z.number(), documents: z.array(Brief) })) }) },
        },
      },
      async (req) => {
        const items = (await (await deps.store()).signatures()).map((r) => ({ id: String(r.id), signature: signatureFromBytes(r.signature) }));
        const groups = groupNearDuplicates(items, req.query.threshold);
        return { groups: await Promise.all(groups.map(async (g) => ({ size: g.length, documents: await Promise.all(g.map((id) => brief(Number(id)))) }))) };
      },
    );

    app.get(
      '/documents/:id/near-duplicates',
      {
        config: { access: MAP_READERS },
        schema: {
          summary: 'Les documents presque identiques à celui-ci, du plus proche au moins proche',
          params: Id,
          querystring: z.object({ threshold: Threshold }),
          response: { 200: z.object({ items: z.array(Brief.extend({ similarity: z.number() })) }), 404: ErrorBody },
        },
      },
      async (req) => {
        const { id } = req.params;
        await visible(req, id);
        return { items: await Promise.all((await nearDuplicatesOf(deps, id, req.query.threshold)).map(async (r) => ({ ...(await brief(r.id)), similarity: r.similarity }))) };
      },
    );

    app.get(
      '/documents/:id/diff',
      {
        config: { access: MAP_READERS },
        schema: {
          summary: 'Différences mot à mot entre ce document et un autre (dernières versions)',
          params: Id,
          querystring: z.object({ with: z.coerce.number().int().positive() }),
          response: { 200: z.object({ from: z.number(), to: z.number(), parts: z.array(z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() })) }), 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (req) => {
        const store = await deps.store();
        await visible(req, req.params.id);
        await visible(req, req.query.with);
        return { from: req.params.id, to: req.query.with, parts: wordDiff(await store.latestText(req.params.id), await store.latestText(req.query.with)) };
      },
    );

    app.post(
      '/documents/:id/status',
      {
        config: { access: MAP_MANAGERS },
        schema: {
          summary: 'Changer le statut (historique conservé)',
          description:
            'identifie → a-reecrire → en-reecriture → validation-experte → test-usagers → publie, retour à une étape antérieure, ou abandonne. « publie » demande que la dernière version soit validée par un expert et ait passé un test usagers (sinon 409 RELEASE_BLOCKED, avec les raisons ; voir /documents/{id}/release-check).',
          params: Id,
          body: z.object({
            status: Status,
            comment: z.string().max(2000).optional(),
            from: Status.optional().describe('le statut que vous avez vu : s’il a changé entre-temps (une autre personne, une autre instance), 409 CONFLICT plutôt qu’un passage depuis un statut que vous n’avez pas vu'),
          }),
          response: { 200: DocumentSummary, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (req) => {
        return await changeStatus(deps, caller(req), req.params.id, req.body.status, req.body.comment ?? null, req.body.from);
      },
    );

    app.post(
      '/documents/:id/reports',
      {
        config: { access: MAP_WRITERS },
        schema: {
          summary: 'Signaler un document (par exemple « incompréhensible »), avec un nombre',
          params: Id,
          body: z.object({
            kind: z.string().trim().min(1).max(100).default('incompréhensible'),
            count: z.number().int().min(1).max(1_000_000).default(1),
            comment: z.string().max(2000).optional(),
          }),
          response: { 200: DocumentSummary, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (req) => {
        const me = caller(req);
        await visible(req, req.params.id);
        const doc = await (await deps.store()).addReport(req.params.id, req.body.kind, req.body.count, req.body.comment ?? null, me.login);
        await deps.log().record(me, 'document.report', `document:${doc.id}`, { kind: req.body.kind, count: req.body.count });
        return doc;
      },
    );

    app.delete(
      '/documents/:id',
      {
        config: { access: MAP_MANAGERS },
        schema: {
          summary: 'Supprimer un document, ses versions, son historique et ses signalements',
          description: 'Le journal des modifications garde qui l’a supprimé, quand, et son titre.',
          params: Id,
          response: { 204: z.null(), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
        },
      },
      async (req, reply) => {
        const doc = await (await deps.store()).remove(req.params.id);
        await deps.log().record(caller(req), 'document.delete', `document:${doc.id}`, { title: doc.title, service: doc.service, versions: doc.latestVersion });
        return reply.status(204).send(null);
      },
    );
  };
}
