/** POST /api/v1/analyses: a Report for JSON text or for one uploaded file (multipart field `file`). */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { DOCUMENT_TYPES, DocumentTypeId, Report } from '../../model.js';
import type { RouteDeps } from '../app.js';
import { readUpload } from '../upload.js';

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });

const AnalysisRequest = z.object({
  text: z.string().describe('Texte du courrier (UTF-8)'),
  profile: z.string().optional().describe('lettre (par défaut), formulaire, falc, interne'),
  type: DocumentTypeId.optional().describe('Type du courrier s’il est connu ; sinon Clarté le reconnaît'),
  id: z.string().max(200).optional().describe('Identifiant recopié dans le rapport'),
  filename: z.string().max(300).optional(),
});

/** The analysis routes. */
export function analysisRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/analyses',
      {
        config: { access: deps.config.PUBLIC_ANALYSES ? 'public' : 'signed-in' },
        schema: {
          summary: 'Analyser un courrier',
          description:
            'Corps JSON `{ "text": … }` ou envoi multipart d’un fichier (champ `file`, champ `profile` facultatif). ' +
            'Renvoie le rapport (schéma clarte/report@1), avec le nombre de données personnelles trouvées par type (`personalData`). Rien du texte n’est conservé.',
          body: AnalysisRequest.nullish(),
          response: { 200: Report, 400: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody },
        },
        // The schema documents the Report; the pipeline builds it and the tests check it against the
        // schema. Validating it again on every answer would cost the event loop ~1 ms per 100 alerts.
        serializerCompiler: () => (data) => JSON.stringify(data),
      },
      async (req, reply) => {
        if (req.isMultipart()) {
          const { bytes, filename, fields } = await readUpload(req, deps.config.MAX_UPLOAD_BYTES, ['profile', 'type']);
          const { profile, type } = fields;
          const declared = type === undefined ? undefined : DocumentTypeId.safeParse(type);
          if (declared && !declared.success) throw new AppError('VALIDATION', `Type de document inconnu : « ${type} ». Types possibles : ${DOCUMENT_TYPES.join(', ')}.`);
          // Recognised by its content; read in a worker thread under the time and memory limits.
          return deps.ingestor.analyseBytes(bytes, {
            profile: profile ?? deps.config.DEFAULT_PROFILE,
            transfer: true,
            personalData: 'count',
            ...(declared?.success ? { documentType: declared.data } : {}),
            ...(filename ? { filename } : {}),
          });
        }
        if (!req.body) throw new AppError('BAD_REQUEST', 'Envoyez un corps JSON { "text": … } ou un fichier (multipart, champ « file »).');
        const { text, profile, id, filename, type } = req.body;
        const json = await deps.ingestor.analyseTextJson(
          { text, ...(id !== undefined ? { id } : {}), ...(filename !== undefined ? { filename } : {}) },
          { profile: profile ?? deps.config.DEFAULT_PROFILE, personalData: 'count', ...(type ? { documentType: type } : {}) },
        );
        // Serialised already (here, or by the worker that took a long text): sent as it is.
        return reply.type('application/json; charset=utf-8').send(json as unknown as Report);
      },
    );
  };
}
