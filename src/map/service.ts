/**
 * Putting analysed files on the map: the one place that decides whether a file is a version already
 * stored (same bytes), a new version of a mapped document (same path) or a new document. Used by the
 * HTTP routes and by `clarte audit --save`, so both doors give the same map.
 */
import { basename, extname } from 'node:path';
import type { Report } from '../model.js';
import type { AuditSaver } from '../audit.js';
import { LSH_BANDS, LSH_ROWS, NearDuplicateIndex, SHINGLE_SIZE, signature, signatureFromBytes, signatureToBytes, SIGNATURE_SIZE } from './near-duplicates.js';
import { documentStore, type DocumentMeta, type DocumentStore } from '../store/documents.js';
import type { PriorityWeights } from './priority.js';
import type { Sql } from '../store/sql.js';

/** The signature method: stored signatures made by another one are recomputed (`syncSignatures`). */
export const SIGNATURE_METHOD = `minhash-v1-${SHINGLE_SIZE}w-${SIGNATURE_SIZE}x${LSH_BANDS}x${LSH_ROWS}`;

/**
 * An audited file this similar to a document already on the map before the audit is a new version
 * of it (a model saved under another name); below, it is a document of its own, grouped with its
 * near-duplicates (DEFAULT_THRESHOLD, 0.6) so that variants are rewritten together.
 */
export const SAME_MODEL_SIMILARITY = 0.95;

/** The signature of a text, as stored. */
export function signatureBytes(text: string): Uint8Array {
  return signatureToBytes(signature(text));
}

/** The map's store over a database, its priorities and signatures brought up to the current settings. */
export async function openMap(db: Sql, weights: PriorityWeights): Promise<DocumentStore> {
  const store = documentStore(db, weights);
  await store.syncWeights();
  await store.syncSignatures(SIGNATURE_METHOD, signatureBytes);
  return store;
}

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
  /** The mapped document a near-identical file becomes a new version of (audits), if any. */
  sameModel?: (signature: Uint8Array) => Promise<number | undefined>;
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

/**
 * Saves an analysed file on the map (idempotent: the same bytes twice give the same version). The
 * lookups that decide where it goes and the write are one transaction holding the map's placing lock:
 * two instances or workers saving the same new file at once make one document.
 */
export async function saveReport(store: DocumentStore, report: Report, options: SaveOptions = {}): Promise<Saved> {
  const sha256 = report.source.sha256;
  const known = await store.findBySha(sha256);
  if (known) return { documentId: known.documentId, version: known.number, outcome: 'unchanged' };
  const sig = signatureBytes(report.text);
  // a renamed model (audits only) is looked for before the lock, and only for a path not yet mapped:
  // it reads the map's index through the caller's store; the path and the bytes are looked up again under it
  const candidate = options.sameModel && !(options.path && (await store.findByPath(options.path)) !== undefined) ? await options.sameModel(sig) : undefined;
  return store.sql.transaction(async (tx) => {
    await tx.get(store.placingLock);
    return place(documentStore(tx, store.weights), report, sig, candidate, options);
  });
}

async function place(store: DocumentStore, report: Report, sig: Uint8Array, candidate: number | undefined, options: SaveOptions): Promise<Saved> {
  const sha256 = report.source.sha256;
  const known = await store.findBySha(sha256);
  if (known) return { documentId: known.documentId, version: known.number, outcome: 'unchanged' };
  const version = {
    report,
    sha256,
    signature: sig,
    bytes: report.source.bytes,
    format: report.source.format,
    filename: report.source.filename ?? (options.path ? basename(options.path) : null),
    author: options.author ?? null,
    comment: options.comment ?? null,
  };
  const byPath = options.path ? await store.findByPath(options.path) : undefined;
  const match = byPath ?? candidate;
  if (match !== undefined) {
    const { number } = await store.addVersion(match, version);
    return { documentId: match, version: number, outcome: 'new-version' };
  }
  const id = await store.create({ title: titleOf(report, options.path), path: options.path ?? null, ...options.meta }, version, options.author ?? null);
  return { documentId: id, version: 1, outcome: 'new-document' };
}

/**
 * The saver of `clarte audit --save` over the audited files' paths: files go on the map under their
 * path; a file nearly identical to a mapped document whose own path is not among the audited files
 * (a model renamed or moved since the last audit) becomes its new version. Files present side by side
 * stay separate documents, grouped as near-duplicates, and a re-run or resumed audit places them alike.
 */
export function mapSaver(store: DocumentStore, paths: readonly string[], author: string | null = null): AuditSaver {
  const sameModel = sameModelFinder(store, paths);
  return {
    async known(sha256) {
      const found = await store.findBySha(sha256);
      if (!found) return undefined;
      return { report: (await store.version(found.documentId, found.number)).report, saved: { documentId: found.documentId, version: found.number, outcome: 'unchanged' } };
    },
    save: (path, report) => saveReport(store, report, { path, author, sameModel }),
  };
}

/**
 * The mapped document a file renamed or moved since the last audit comes from: nearly identical, and
 * its own path not among the audited files (one file per such document). The index of the map's
 * signatures is built at the first call.
 */
export function sameModelFinder(store: DocumentStore, paths: readonly string[]): (sig: Uint8Array) => Promise<number | undefined> {
  const audited = new Set(paths);
  let index: NearDuplicateIndex | undefined;
  return async (sig: Uint8Array): Promise<number | undefined> => {
    if (!index) {
      const built = new NearDuplicateIndex();
      for (const { id, signature: other } of await store.signatures()) built.add(String(id), signatureFromBytes(other));
      index ??= built;
    }
    for (const { id } of index.near(signatureFromBytes(sig), SAME_MODEL_SIMILARITY)) {
      const path = (await store.get(Number(id))).path;
      if (path === null || !audited.has(path)) {
        index.remove(id); // one file per renamed model
        return Number(id);
      }
    }
    return undefined;
  };
}
