/** POST /api/v1/analyses: a Report for JSON text (files arrive with the ingestion issue). */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { analyse } from '../../analyse.js';
import { Report } from '../../model.js';
import type { AppDeps } from '../app.js';

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });

const AnalysisRequest = z.object({
  text: z.string().describe('Texte du courrier (UTF-8)'),
  profile: z.string().optional().describe('lettre (par défaut), formulaire, falc, interne'),
  id: z.string().max(200).optional().describe('Identifiant recopié dans le rapport'),
  filename: z.string().max(300).optional(),
});

/** The analysis routes. */
export function analysisRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/analyses',
      {
        schema: {
          summary: 'Analyser un courrier',
          description: 'Renvoie le rapport (schéma clarte/report@1). Rien du texte n’est conservé.',
          body: AnalysisRequest,
          response: { 200: Report, 400: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody },
        },
      },
      async (req) => {
        const { text, profile, id, filename } = req.body;
        return analyse(
          { text, ...(id !== undefined ? { id } : {}), ...(filename !== undefined ? { filename } : {}) },
          deps.library,
          { profile: profile ?? deps.config.DEFAULT_PROFILE, maxChars: deps.config.MAX_TEXT_CHARS },
        );
      },
    );
  };
}
