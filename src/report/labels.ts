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

/** French names of document types. */
export const DOCUMENT_TYPE_LABELS: Record<string, string> = {
  'accuse-reception': 'accusé de réception',
  'demande-pieces': 'demande de pièces',
  'decision-favorable': 'décision favorable',
  'decision-defavorable': 'décision défavorable',
  information: 'information',
  formulaire: 'formulaire',
  autre: 'autre',
};

/** French names of mentions. */
export const MENTION_LABELS: Record<string, string> = {
  recourse: 'voies et délais de recours',
  'agent-identity': "identité de l'agent",
  signature: 'signature',
  motivation: 'motivation',
  receipt: 'accusé de réception',
  'missing-documents': 'pièces manquantes',
  contact: 'contact',
  'processing-time': 'délai de traitement',
  'personal-data': 'données personnelles',
  algorithm: 'traitement algorithmique',
};

/** French names of mention statuses. */
export const MENTION_STATUS_LABELS: Record<string, string> = {
  present: 'présente',
  partial: 'incomplète',
  missing: 'absente',
  'not-applicable': 'sans objet',
};

/** Names of the kinds of personal data, as the text report prints them. */
export const PERSONAL_DATA_LABELS: Record<string, string> = {
  NIR: 'n° de sécurité sociale',
  IBAN: 'IBAN',
  TELEPHONE: 'téléphone',
  EMAIL: 'courriel',
  ADRESSE: 'adresse',
  DATE_NAISSANCE: 'date de naissance',
  NOM: 'nom',
  NUMERO_DOSSIER: 'n° de dossier',
};

/** Short French names of mention elements (CONTRACT.md ids): what is missing, in words. */
export const MENTION_ELEMENT_LABELS: Record<string, Record<string, string>> = {
  recourse: { 'administrative-appeal': 'le recours auprès de l’administration', court: 'le tribunal nommé', deadline: 'le délai de deux mois', 'start-point': 'le point de départ du délai', telerecours: 'Télérecours' },
  'agent-identity': { name: 'le nom de l’agent', role: 'sa fonction', address: 'l’adresse du service' },
  signature: { name: 'le nom du signataire', role: 'sa qualité' },
  motivation: { 'legal-basis': 'la règle appliquée', facts: 'les faits propres à la personne' },
  receipt: { 'receipt-date': 'la date de réception', 'silence-rule': 'ce que vaut le silence', 'service-contact': 'les coordonnées du service' },
  'missing-documents': { list: 'la liste des pièces', deadline: 'la date limite' },
  contact: { phone: 'le téléphone', email: 'l’adresse électronique', address: 'l’adresse', hours: 'les horaires' },
  'processing-time': { delay: 'le délai de traitement' },
};

/** The French name of a mention's element (its id when unknown). */
export const mentionElementLabel = (mention: string, element: string): string => MENTION_ELEMENT_LABELS[mention]?.[element] ?? element;
