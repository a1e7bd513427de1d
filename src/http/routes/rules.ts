/** GET /api/v1/rules and /api/v1/profiles: the living style guide, from the same data the engine runs. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CATEGORY_LABELS, PRINCIPLE_LABELS } from '../../report/labels.js';
import type { RouteDeps } from '../app.js';

const RuleInfo = z.object({
  id: z.string(),
  kind: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  severity: z.string(),
  principle: z.string(),
  principleLabel: z.string(),
  message: z.string(),
  description: z.string(),
  source: z.string(),
  link: z.string().optional(),
  enabledIn: z.array(z.string()),
  examples: z.object({
    bad: z.array(z.object({ text: z.string(), suggestions: z.array(z.string()).optional() })),
    good: z.array(z.string()),
  }),
});

const ProfileInfo = z.object({
  name: z.string(),
  label: z.string(),
  description: z.string(),
  overrides: z.record(z.string(), z.object({ enabled: z.boolean().optional(), severity: z.string().optional(), thresholds: z.record(z.string(), z.number()).optional() }).passthrough()),
});

/** The rules and profiles as users read them (the API and the « Guide » page). */
export function styleGuide(library: RouteDeps['library']) {
  const enabledIn = (id: string, defaultEnabled: boolean): string[] =>
    [...library.profiles.values()].filter((p) => p.rules[id]?.enabled ?? defaultEnabled).map((p) => p.name);
  const rules = [...library.rules.values()].map(({ id, rule }) => ({
    id,
    kind: rule.kind,
    category: rule.category,
    categoryLabel: CATEGORY_LABELS[rule.category],
    severity: rule.severity,
    principle: rule.principle,
    principleLabel: PRINCIPLE_LABELS[rule.principle],
    message: rule.message,
    description: rule.description,
    source: rule.source,
    ...(rule.link ? { link: rule.link } : {}),
    enabledIn: enabledIn(id, rule.enabled),
    examples: {
      bad: rule.examples.bad.map((b) => ({ text: b.text, ...(b.suggestions ? { suggestions: b.suggestions } : {}) })),
      good: rule.examples.good.map((g) => (typeof g === 'string' ? g : g.text)),
    },
  }));
  const profiles = [...library.profiles.values()].map((p) => ({ name: p.name, label: p.label, description: p.description, overrides: p.rules }));
  return { rules, profiles };
}

/** Rules and profiles routes. */
export function ruleRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { library } = deps;
  const { rules, profiles } = styleGuide(library);
  return async (app) => {
    app.get('/rules', { config: { access: 'public' }, schema: { summary: 'Règles (guide de style vivant)', response: { 200: z.object({ rules: z.array(RuleInfo) }) } } }, async () => ({ rules }));
    app.get('/profiles', { config: { access: 'public' }, schema: { summary: 'Profils', response: { 200: z.object({ profiles: z.array(ProfileInfo) }) } } }, async () => ({ profiles }));
  };
}
