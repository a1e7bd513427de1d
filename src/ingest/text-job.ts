/** Pasted text to analyse, on the main thread or in an ingestion worker: the same analysis either way. */
import { analyse } from '../analyse.js';
import type { PersonalDataMode, Report } from '../model.js';
import type { RuleLibrary } from '../rules/load.js';

/** Pasted text and how to analyse it. */
export interface TextJob {
  text: string;
  documentType?: Report['documentType']['id'];
  personalData?: PersonalDataMode;
  filename?: string;
  id?: string;
  profile: string;
  maxChars: number;
}

/** The report of pasted text (what `POST /api/v1/analyses` answers for JSON text). */
export function analyseTextJob(job: TextJob, library: RuleLibrary): Report {
  return analyse({ text: job.text, ...(job.filename !== undefined ? { filename: job.filename } : {}), ...(job.id !== undefined ? { id: job.id } : {}) }, library, {
    profile: job.profile,
    maxChars: job.maxChars,
    ...(job.documentType ? { documentType: job.documentType } : {}),
    ...(job.personalData ? { personalData: job.personalData } : {}),
  });
}
