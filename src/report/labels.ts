/** French labels of categories and severities, for every door that shows them to people. */
import type { Category, Severity } from '../model.js';

export const CATEGORY_LABELS: Record<Category, string> = {
  'sentence-length': 'Phrases longues',
  'paragraph-length': 'Paragraphes longs',
  'passive-voice': 'Voix passive',
  jargon: 'Jargon administratif',
  nominalisation: 'Tournures nominales et verbes lourds',
  impersonal: 'Formules impersonnelles',
  acronym: 'Sigles',
  negation: 'Négations',
  formula: 'Formules désuètes',
  typography: 'Typographie',
  readability: 'Lisibilité',
  mention: 'Mentions obligatoires',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  error: 'erreur',
  warning: 'avertissement',
  suggestion: 'suggestion',
};

export const PRINCIPLE_LABELS = {
  relevant: 'pertinent (le lecteur trouve ce dont il a besoin)',
  findable: 'repérable (le lecteur trouve facilement l’information)',
  understandable: 'compréhensible (le lecteur comprend)',
  usable: 'utilisable (le lecteur peut agir)',
} as const;
