/**
 * Putting analysed files on the map: the one place that decides whether a file is a version already
 * stored (same bytes), a new version of a mapped document (same path) or a new document. Used by the
 * HTTP routes and by `clarte audit --save`, so both doors give the same map.
 */
import { basename, extname } from 'node:path';
import type { Report } from '../model.js';
import type { AuditSaver } from '../audit.js';
import type { DocumentMeta, DocumentStore } from '../store/documents.js';

/** How a saved file was placed on the map. */
export type SaveOutcome = 'new-document' | 'new-version' | 'unchanged';

/** French wording of each outcome (audit tables and exports). */
export const OUTCOME_LABELS: Readonly<Record<SaveOutcome, string>> = Object.freeze({
  'new-document': 'nouveau document',
  'new-version': 'nouvelle version',
  unchanged: 'déjà enregistré',
});

/** Where a saved report landed. */
export interface Saved {
  documentId: number;
  version: number;
  outcome: SaveOutcome;
}

/** Who saves and the metadata of a new document. */
export interface SaveOptions {
  /** The file's path (relative to the audited folder) or name: a later file with the same path is a new version. */
  path?: string;
  author?: string | null;
  comment?: string | null;
  meta?: Partial<DocumentMeta>;
}

/** A title for a new document: the letter's subject line (« Objet : … »), else its file name, else its first line. */
export function titleOf(report: Report, path?: string): string {
  const subject = /^[ \t]*(?:objet|obj\.)[ \t]*:[ \t]*(.+)$/im.exec(report.text.slice(0, 4000));
  if (subject?.[1]) return clip(subject[1].trim());
  const name = path ?? report.source.filename;
  if (name) return clip(basename(name, extname(name)).replace(/[-_]+/g, ' ').trim() || name);
  const first = report.text.split('\n').find((l) => l.trim());
  return first ? clip(first.trim()) : 'Document sans titre';
}

function clip(s: string): string {
  return s.length > 160 ? `${s.slice(0, 159)}…` : s;
}

/** Saves an analysed file on the map (idempotent: the same bytes twice give the same version). */
export function saveReport(store: DocumentStore, report: Report, options: SaveOptions = {}): Saved {
  const sha256 = report.source.sha256;
  const known = store.findBySha(sha256);
  if (known) return { documentId: known.documentId, version: known.number, outcome: 'unchanged' };
  const version = {
    report,
    sha256,
    bytes: report.source.bytes,
    format: report.source.format,
    filename: report.source.filename ?? (options.path ? basename(options.path) : null),
    author: options.author ?? null,
    comment: options.comment ?? null,
  };
  const byPath = options.path ? store.findByPath(options.path) : undefined;
  if (byPath !== undefined) {
    const { number } = store.addVersion(byPath, version);
    return { documentId: byPath, version: number, outcome: 'new-version' };
  }
  const id = store.create({ title: titleOf(report, options.path), path: options.path ?? null, ...options.meta }, version, options.author ?? null);
  return { documentId: id, version: 1, outcome: 'new-document' };
}

/** The saver of `clarte audit --save`: files go on the map under their path in the audited folder. */
export function mapSaver(store: DocumentStore, author: string | null = null): AuditSaver {
  return {
    known(sha256) {
      const found = store.findBySha(sha256);
      if (!found) return undefined;
      return { report: store.version(found.documentId, found.number).report, saved: { documentId: found.documentId, version: found.number, outcome: 'unchanged' } };
    },
    save: (path, report) => saveReport(store, report, { path, author }),
  };
}
