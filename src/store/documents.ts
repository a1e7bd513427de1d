/**
 * The map's repository: documents, their versions (each with its report), status history and user
 * reports, over one database handle with statements prepared once. Each document carries copies of
 * its latest version's figures (score, grade, type, missing mentions, priority) so that the map is
 * filtered and sorted on indexes.
 */
import { AppError } from '../errors.js';
import type { DocumentTypeId, Report } from '../model.js';
import { DEFAULT_WEIGHTS, legalRisk, priorityFactors, priorityOf, type PriorityFactors, type PriorityWeights } from '../map/priority.js';
import { allowedMoves, STATUS_LABELS, type Status } from '../map/statuses.js';
import type { Sql } from './sql.js';
import { indicators, type Indicators } from './indicators.js';

/** Metadata a person sets on a document. */
export interface DocumentMeta {
  title: string;
  path?: string | null;
  service?: string | null;
  channel?: string | null;
  yearlyVolume?: number | null;
  type?: DocumentTypeId | null;
}

/** A version to store: the analysed file and its report. */
export interface NewVersion {
  report: Report;
  sha256: string;
  bytes: number;
  format: string;
  filename?: string | null;
  /** MinHash signature of the text (near-duplicates), as bytes. */
  signature?: Uint8Array | null;
  author?: string | null;
  comment?: string | null;
}

/** A document as the map shows it. */
export interface DocumentSummary {
  id: number;
  title: string;
  path: string | null;
  service: string | null;
  channel: string | null;
  yearlyVolume: number | null;
  type: string | null;
  declaredType: string | null;
  status: Status;
  statusLabel: string;
  score: number | null;
  grade: string | null;
  missingMentions: { id: string; status: 'missing' | 'partial' }[];
  reports: number;
  latestVersion: number | null;
  priority: { value: number; rank: number; factors: PriorityFactors; weights: PriorityWeights };
  createdAt: string;
  updatedAt: string;
}

/** A version without its text and report. */
export interface VersionSummary {
  number: number;
  sha256: string;
  filename: string | null;
  format: string;
  bytes: number;
  score: number;
  grade: string;
  type: string;
  author: string | null;
  comment: string | null;
  createdAt: string;
}

/** A stored version with its report. */
export interface StoredVersion extends VersionSummary {
  documentId: number;
  report: Report;
}

/** One change of status. */
export interface StatusChange {
  from: Status | null;
  to: Status;
  author: string | null;
  comment: string | null;
  at: string;
}

/** One report from readers or agents. */
export interface UserReport {
  kind: string;
  count: number;
  comment: string | null;
  author: string | null;
  at: string;
}

/** Filters and order of the map. */
export interface ListQuery {
  service?: string;
  status?: Status;
  type?: string;
  grade?: string;
  /** A mention id: documents where it is missing or partial. */
  missing?: string;
  /** Words searched in the title and path. */
  q?: string;
  sort?: 'priority' | 'score' | '-score' | 'title' | 'updated';
  page?: number;
  perPage?: number;
}

const SORTS: Record<NonNullable<ListQuery['sort']>, string> = {
  priority: 'd.priority DESC, d.id',
  // Plain column orders, so that the (filter, score) indexes serve them; a document without any
  // version (no score) comes first from the bottom, last from the top.
  score: 'd.score, d.id',
  '-score': 'd.score DESC, d.id DESC',
  title: 'd.title COLLATE nocase, d.id',
  updated: 'd.updated_at DESC, d.id DESC',
};

interface DocRow {
  id: number;
  title: string;
  path: string | null;
  service: string | null;
  channel: string | null;
  yearly_volume: number | null;
  declared_type: string | null;
  status: Status;
  latest_version_id: number | null;
  doc_type: string | null;
  score: number | null;
  grade: string | null;
  missing_count: number;
  legal_risk: number;
  reports_count: number;
  priority: number;
  created_at: string;
  updated_at: string;
  latest_number: number | null;
  missing: string | null;
}

interface VersionRow {
  id: number;
  document_id: number;
  number: number;
  sha256: string;
  filename: string | null;
  format: string;
  bytes: number;
  score: number;
  grade: string;
  doc_type: string;
  author: string | null;
  comment: string | null;
  created_at: string;
  report?: string;
}

function now(): string {
  return new Date().toISOString();
}

function versionSummary(r: VersionRow): VersionSummary {
  return {
    number: r.number,
    sha256: r.sha256,
    filename: r.filename,
    format: r.format,
    bytes: r.bytes,
    score: r.score,
    grade: r.grade,
    type: r.doc_type,
    author: r.author,
    comment: r.comment,
    createdAt: r.created_at,
  };
}

/** SQL that differs between the engines. */
function dialectSql(sql: Sql) {
  const pg = sql.dialect === 'postgres';
  return {
    // the missing and partial mentions of a document, as 'id:status id:status'
    missing: pg
      ? "(SELECT string_agg(mention || ':' || status, ' ' ORDER BY mention) FROM document_mentions WHERE document_id = d.id)"
      : "(SELECT group_concat(mention || ':' || status, ' ') FROM document_mentions WHERE document_id = d.id)",
    // SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's does not
    like: pg ? 'ILIKE' : 'LIKE',
    // a change made by another connection (another process or instance) since the last look
    changes: pg ? 'SELECT last_value AS v FROM documents_changes' : 'PRAGMA data_version',
    // a document row locked until the end of the transaction (SQLite: BEGIN IMMEDIATE already serialises writers)
    lock: pg ? 'SELECT id FROM documents WHERE id = ? FOR UPDATE' : 'SELECT id FROM documents WHERE id = ?',
    // files are placed on the map one at a time across instances and workers, so that two of them
    // placing the same new file (same bytes, or same path) at once make one document, not two
    // (SQLite: BEGIN IMMEDIATE already serialises writers)
    placing: pg ? 'SELECT pg_advisory_xact_lock(7361203) AS locked' : 'SELECT 1 AS locked',
  };
}

/**
 * The map's repository over a database (SQLite or PostgreSQL), computing priorities with the given
 * weights. Every write is one transaction; a status change made meanwhile by another instance makes
 * the later one fail with a CONFLICT error rather than overwrite it.
 */
export function documentStore(db: Sql, weights: PriorityWeights = DEFAULT_WEIGHTS) {
  const d = dialectSql(db);
  const docColumns = `d.*, (SELECT number FROM versions WHERE id = d.latest_version_id) AS latest_number, ${d.missing} AS missing`;
  const q = {
    insertDoc: `INSERT INTO documents (title, path, service, channel, yearly_volume, declared_type, status, created_at, updated_at)
       VALUES (@title, @path, @service, @channel, @yearlyVolume, @type, 'identifie', @at, @at) RETURNING id`,
    insertHistory: 'INSERT INTO status_history (document_id, from_status, to_status, author, comment, at) VALUES (?, ?, ?, ?, ?, ?)',
    nextNumber: 'SELECT coalesce(max(number), 0) + 1 AS n FROM versions WHERE document_id = ?',
    versionBySha: 'SELECT number FROM versions WHERE document_id = ? AND sha256 = ?',
    insertVersion: `INSERT INTO versions (document_id, number, sha256, filename, format, bytes, text, report, score, grade, doc_type, signature, author, comment, created_at)
       VALUES (@documentId, @number, @sha256, @filename, @format, @bytes, @text, @report, @score, @grade, @type, @signature, @author, @comment, @at) RETURNING id`,
    setLatest: `UPDATE documents SET latest_version_id = @versionId, doc_type = coalesce(declared_type, @type), score = @score, grade = @grade,
       missing_count = @missingCount, legal_risk = @legalRisk, updated_at = @at WHERE id = @id`,
    clearMentions: 'DELETE FROM document_mentions WHERE document_id = ?',
    insertMention: 'INSERT INTO document_mentions (document_id, mention, status) VALUES (?, ?, ?)',
    doc: `SELECT ${docColumns} FROM documents d WHERE d.id = ?`,
    allPriorities: 'SELECT priority FROM documents ORDER BY priority DESC',
    priorityInputs: 'SELECT score, legal_risk, yearly_volume, reports_count FROM documents WHERE id = ?',
    setPriority: 'UPDATE documents SET priority = ? WHERE id = ?',
    versions: 'SELECT id, document_id, number, sha256, filename, format, bytes, score, grade, doc_type, author, comment, created_at FROM versions WHERE document_id = ? ORDER BY number',
    version: 'SELECT * FROM versions WHERE document_id = ? AND number = ?',
    history: 'SELECT from_status, to_status, author, comment, at FROM status_history WHERE document_id = ? ORDER BY id',
    setStatus: 'UPDATE documents SET status = ?, updated_at = ? WHERE id = ? AND status = ?',
    insertReport: 'INSERT INTO user_reports (document_id, kind, count, comment, author, at) VALUES (?, ?, ?, ?, ?, ?)',
    addReports: 'UPDATE documents SET reports_count = reports_count + ?, updated_at = ? WHERE id = ?',
    reports: 'SELECT kind, count, comment, author, at FROM user_reports WHERE document_id = ? ORDER BY id',
    byPath: 'SELECT id FROM documents WHERE path = ? ORDER BY id LIMIT 1',
    bySha: 'SELECT document_id AS "documentId", number FROM versions WHERE sha256 = ? ORDER BY id LIMIT 1',
    signatures: 'SELECT d.id AS id, v.signature AS signature FROM documents d JOIN versions v ON v.id = d.latest_version_id WHERE v.signature IS NOT NULL',
    latestText: 'SELECT v.text AS text FROM documents d JOIN versions v ON v.id = d.latest_version_id WHERE d.id = ?',
    allTexts: 'SELECT id, text FROM versions',
    unsignedTexts: 'SELECT id, text FROM versions WHERE signature IS NULL',
    setSignature: 'UPDATE versions SET signature = ? WHERE id = ?',
    allPriorityInputs: 'SELECT id, score, legal_risk, yearly_volume, reports_count FROM documents',
    getMeta: 'SELECT value FROM meta WHERE key = ?',
    setMeta: 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  };

  // Ranks come from every priority, sorted once and kept until a priority changes: a count per
  // document of those above it cost up to 3 ms each over 100,000 documents. Another process or
  // instance may write too: SQLite's data_version, or PostgreSQL's documents_changes counter, moves then.
  let sortedPriorities: Float64Array | null = null;
  let seenVersion: unknown = undefined;
  const ranker = async (): Promise<(priority: number) => number> => {
    const version = Object.values((await db.get<Record<string, unknown>>(d.changes)) ?? {})[0];
    if (version !== seenVersion) {
      sortedPriorities = null;
      seenVersion = version;
    }
    if (!sortedPriorities) {
      const all = await db.all<{ priority: number }>(q.allPriorities);
      sortedPriorities = Float64Array.from(all, (r) => r.priority);
    }
    const sorted = sortedPriorities;
    // Descending order: the rank is 1 + the number of strictly higher priorities.
    return (priority) => {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! > priority) lo = mid + 1;
        else hi = mid;
      }
      return lo + 1;
    };
  };

  const recompute = async (tx: Sql, id: number): Promise<void> => {
    const r = await tx.get<{ score: number | null; legal_risk: number; yearly_volume: number | null; reports_count: number }>(q.priorityInputs, [id]);
    if (!r) return;
    const f = priorityFactors({ score: r.score, legalRisk: r.legal_risk, yearlyVolume: r.yearly_volume, reports: r.reports_count });
    await tx.run(q.setPriority, [priorityOf(f, weights), id]);
    sortedPriorities = null;
  };

  const toSummary = (r: DocRow, rankOf: (priority: number) => number): DocumentSummary => {
    const factors = priorityFactors({ score: r.score, legalRisk: r.legal_risk, yearlyVolume: r.yearly_volume, reports: r.reports_count });
    return {
      id: r.id,
      title: r.title,
      path: r.path,
      service: r.service,
      channel: r.channel,
      yearlyVolume: r.yearly_volume,
      type: r.doc_type ?? r.declared_type,
      declaredType: r.declared_type,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      score: r.score,
      grade: r.grade,
      missingMentions: (r.missing ? r.missing.split(' ') : []).map((m) => {
        const [id, status] = m.split(':') as [string, 'missing' | 'partial'];
        return { id, status };
      }),
      reports: r.reports_count,
      latestVersion: r.latest_number,
      priority: { value: r.priority, rank: rankOf(r.priority), factors, weights },
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  };

  const mustGet = async (tx: Sql, id: number): Promise<DocRow> => {
    const r = await tx.get<DocRow>(q.doc, [id]);
    if (!r) throw new AppError('NOT_FOUND', `Document inconnu : ${id}.`);
    return r;
  };

  /** The document as the map shows it, read after the transaction that changed it. */
  const summary = async (id: number): Promise<DocumentSummary> => toSummary(await mustGet(db, id), await ranker());

  const insertVersion = async (tx: Sql, documentId: number, v: NewVersion): Promise<{ number: number; created: boolean }> => {
    const existing = await tx.get<{ number: number }>(q.versionBySha, [documentId, v.sha256]);
    if (existing) return { number: existing.number, created: false };
    const at = now();
    const { n } = (await tx.get<{ n: number }>(q.nextNumber, [documentId]))!;
    const report = v.report;
    const inserted = await tx.get<{ id: number }>(q.insertVersion, {
      documentId,
      number: n,
      sha256: v.sha256,
      filename: v.filename ?? report.source?.filename ?? null,
      format: v.format,
      bytes: v.bytes,
      text: report.text,
      report: JSON.stringify(report),
      score: report.score.value,
      grade: report.score.grade,
      type: report.documentType.id,
      signature: v.signature ? Buffer.from(v.signature.buffer, v.signature.byteOffset, v.signature.byteLength) : null,
      author: v.author ?? null,
      comment: v.comment ?? null,
      at,
    });
    const lacking = report.mentions.filter((m) => m.status === 'missing' || m.status === 'partial');
    await tx.run(q.setLatest, {
      id: documentId,
      versionId: inserted!.id,
      type: report.documentType.id,
      score: report.score.value,
      grade: report.score.grade,
      missingCount: lacking.length,
      legalRisk: legalRisk(report.mentions),
      at,
    });
    await tx.run(q.clearMentions, [documentId]);
    for (const m of lacking) await tx.run(q.insertMention, [documentId, m.id, m.status]);
    await recompute(tx, documentId);
    return { number: n, created: true };
  };

  const store = {
    /** The database this store writes to. */
    sql: db,
    /** The weights its priorities are computed with. */
    weights,
    /** The statement that takes the map's placing lock until the end of the transaction. */
    placingLock: d.placing,

    /** Creates a document with its first version (status `identifie`, history started). */
    create(meta: DocumentMeta, version: NewVersion | null, author: string | null = null): Promise<number> {
      return db.transaction(async (tx) => {
        const at = now();
        const row = await tx.get<{ id: number }>(q.insertDoc, {
          title: meta.title,
          path: meta.path ?? null,
          service: meta.service ?? null,
          channel: meta.channel ?? null,
          yearlyVolume: meta.yearlyVolume ?? null,
          type: meta.type ?? null,
          at,
        });
        const id = row!.id;
        await tx.run(q.insertHistory, [id, null, 'identifie', author, 'Document ajouté à la cartographie.', at]);
        if (version) await insertVersion(tx, id, version);
        else await recompute(tx, id);
        return id;
      });
    },

    /** Adds a version (re-analysed file); the same bytes as an existing version give that version back. */
    addVersion(documentId: number, version: NewVersion): Promise<{ number: number; created: boolean }> {
      return db.transaction(async (tx) => {
        // the document's row stays locked until the end: two instances numbering versions wait for each other
        if (!(await tx.get(d.lock, [documentId]))) throw new AppError('NOT_FOUND', `Document inconnu : ${documentId}.`);
        return insertVersion(tx, documentId, version);
      });
    },

    /** The document, or a NOT_FOUND error. */
    get(id: number): Promise<DocumentSummary> {
      return summary(id);
    },

    /** One page of the map, filtered and sorted, with the total count. */
    async list(lq: ListQuery = {}): Promise<{ items: DocumentSummary[]; total: number; page: number; perPage: number }> {
      const where: string[] = [];
      const params: Record<string, unknown> = {};
      for (const [key, column] of [['service', 'service'], ['status', 'status'], ['type', 'doc_type'], ['grade', 'grade']] as const) {
        const value = lq[key];
        if (value === undefined) continue;
        where.push(`d.${column} = @${key}`);
        params[key] = value;
      }
      if (lq.missing !== undefined) {
        where.push('d.id IN (SELECT document_id FROM document_mentions WHERE mention = @missing)');
        params.missing = lq.missing;
      }
      if (lq.q) {
        where.push(`(d.title ${d.like} @q ESCAPE '\\' OR d.path ${d.like} @q ESCAPE '\\')`);
        params.q = `%${lq.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const perPage = Math.min(200, Math.max(1, lq.perPage ?? 50));
      const page = Math.max(1, lq.page ?? 1);
      const { total } = (await db.get<{ total: number }>(`SELECT count(*) AS total FROM documents d ${clause}`, params))!;
      // The page's ids first, then their columns: SQLite would otherwise compute the per-row
      // subqueries (missing mentions, version number) for every matching row before sorting.
      const order = SORTS[lq.sort ?? 'priority'];
      const rows = await db.all<DocRow>(
        `SELECT ${docColumns} FROM (SELECT d.id FROM documents d ${clause} ORDER BY ${order} LIMIT @limit OFFSET @offset) page JOIN documents d ON d.id = page.id ORDER BY ${order}`,
        { ...params, limit: perPage, offset: (page - 1) * perPage },
      );
      const rankOf = await ranker();
      return { items: rows.map((r) => toSummary(r, rankOf)), total, page, perPage };
    },

    /** Changes the metadata a person sets; the priority follows the yearly volume. */
    async update(id: number, patch: Partial<DocumentMeta>): Promise<DocumentSummary> {
      await db.transaction(async (tx) => {
        await mustGet(tx, id);
        const sets: string[] = [];
        const params: Record<string, unknown> = { id, at: now() };
        const columns: Record<string, string> = { title: 'title', path: 'path', service: 'service', channel: 'channel', yearlyVolume: 'yearly_volume', type: 'declared_type' };
        for (const [key, column] of Object.entries(columns)) {
          if (key in patch) {
            sets.push(`${column} = @${key}`);
            params[key] = (patch as Record<string, unknown>)[key] ?? null;
          }
        }
        if (!sets.length) return;
        await tx.run(`UPDATE documents SET ${sets.join(', ')}, updated_at = @at WHERE id = @id`, params);
        if ('type' in patch) {
          await tx.run('UPDATE documents SET doc_type = coalesce(declared_type, (SELECT doc_type FROM versions WHERE id = latest_version_id)) WHERE id = ?', [id]);
        }
        await recompute(tx, id);
      });
      return summary(id);
    },

    /**
     * Moves a document to another status, keeping who, when and why; refuses a move the process does
     * not allow, and a move from a status another person (or instance) has changed meanwhile.
     */
    async setStatus(id: number, to: Status, author: string | null = null, comment: string | null = null, expected?: Status): Promise<DocumentSummary> {
      await db.transaction(async (tx) => {
        const from = (await mustGet(tx, id)).status;
        if (expected !== undefined && expected !== from) throw staleStatus(expected, from);
        if (from === to) throw new AppError('CONFLICT', `Le document est déjà « ${STATUS_LABELS[to]} ».`);
        const allowed = allowedMoves(from);
        if (!allowed.includes(to)) {
          throw new AppError(
            'CONFLICT',
            `Passage impossible de « ${STATUS_LABELS[from]} » à « ${STATUS_LABELS[to]} ». Possibles : ${allowed.map((s) => `« ${STATUS_LABELS[s]} »`).join(', ')}.`,
            { from, to, allowed },
          );
        }
        const at = now();
        // only from the status just read: another instance's change in between leaves no row to update
        const { changes } = await tx.run(q.setStatus, [to, at, id, from]);
        if (changes === 0) {
          const current = (await mustGet(tx, id)).status;
          throw staleStatus(from, current);
        }
        await tx.run(q.insertHistory, [id, from, to, author, comment, at]);
      });
      return summary(id);
    },

    /** Deletes a document with its versions, history and reports (the audit log keeps who did it). */
    async remove(id: number): Promise<DocumentSummary> {
      const doc = await summary(id);
      await db.run('DELETE FROM documents WHERE id = ?', [id]);
      sortedPriorities = null;
      return doc;
    },

    /** Records reports from readers or agents (e.g. « incompréhensible », with a count). */
    async addReport(id: number, kind: string, count = 1, comment: string | null = null, author: string | null = null): Promise<DocumentSummary> {
      await db.transaction(async (tx) => {
        await mustGet(tx, id);
        const at = now();
        await tx.run(q.insertReport, [id, kind, count, comment, author, at]);
        await tx.run(q.addReports, [count, at, id]);
        await recompute(tx, id);
      });
      return summary(id);
    },

    /** The versions of a document, oldest first (without text and report). */
    async versions(id: number): Promise<VersionSummary[]> {
      await mustGet(db, id);
      return (await db.all<VersionRow>(q.versions, [id])).map(versionSummary);
    },

    /** One version with its report, or a NOT_FOUND error. */
    async version(id: number, number: number): Promise<StoredVersion> {
      const r = await db.get<VersionRow>(q.version, [id, number]);
      if (!r) throw new AppError('NOT_FOUND', `Version inconnue : document ${id}, version ${number}.`);
      return { ...versionSummary(r), documentId: r.document_id, report: JSON.parse(r.report!) as Report };
    },

    /** The status history of a document, oldest first. */
    async history(id: number): Promise<StatusChange[]> {
      const rows = await db.all<{ from_status: Status | null; to_status: Status; author: string | null; comment: string | null; at: string }>(q.history, [id]);
      return rows.map((r) => ({ from: r.from_status, to: r.to_status, author: r.author, comment: r.comment, at: r.at }));
    },

    /** The user and agent reports of a document. */
    reports(id: number): Promise<UserReport[]> {
      return db.all<UserReport>(q.reports, [id]);
    },

    /** The document that came from this path, if any. */
    async findByPath(path: string): Promise<number | undefined> {
      return (await db.get<{ id: number }>(q.byPath, [path]))?.id;
    },

    /** A stored version with these bytes, if any. */
    findBySha(sha256: string): Promise<{ documentId: number; number: number } | undefined> {
      return db.get<{ documentId: number; number: number }>(q.bySha, [sha256]);
    },

    /** The signatures of every document's latest version. */
    signatures(): Promise<{ id: number; signature: Buffer }[]> {
      return db.all<{ id: number; signature: Buffer }>(q.signatures);
    },

    /** The text of a document's latest version (empty when it has none). */
    async latestText(id: number): Promise<string> {
      await mustGet(db, id);
      return (await db.get<{ text: string }>(q.latestText, [id]))?.text ?? '';
    },

    /** The yearly indicators of the map (all services, or one). */
    indicators(year: number, service?: string): Promise<Indicators> {
      return indicators(db, year, service);
    },

    /**
     * Recomputes every version's signature when the signature method differs from the one recorded
     * (a change of normalisation or hashing makes stored signatures incomparable), and signs the
     * versions stored without one; returns the count.
     */
    syncSignatures(method: string, sign: (text: string) => Uint8Array): Promise<number> {
      return db.transaction(async (tx) => {
        const stored = (await tx.get<{ value: string }>(q.getMeta, ['signature-method']))?.value;
        // same method: only the versions stored without one (added through the API before 2026-11-28)
        const rows = await tx.all<{ id: number; text: string }>(stored === method ? q.unsignedTexts : q.allTexts);
        if (stored === method && rows.length === 0) return 0;
        for (const r of rows) {
          const sig = sign(r.text);
          await tx.run(q.setSignature, [Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength), r.id]);
        }
        await tx.run(q.setMeta, ['signature-method', method]);
        return rows.length;
      });
    },

    /**
     * Recomputes every priority when the weights differ from those the stored priorities were
     * computed with (a configuration change); returns the number of documents updated.
     */
    async syncWeights(): Promise<number> {
      const n = await db.transaction(async (tx) => {
        const key = JSON.stringify(weights);
        const stored = (await tx.get<{ value: string }>(q.getMeta, ['priority-weights']))?.value;
        if (stored === key) return 0;
        const rows = await tx.all<{ id: number; score: number | null; legal_risk: number; yearly_volume: number | null; reports_count: number }>(q.allPriorityInputs);
        for (const r of rows) {
          const f = priorityFactors({ score: r.score, legalRisk: r.legal_risk, yearlyVolume: r.yearly_volume, reports: r.reports_count });
          await tx.run(q.setPriority, [priorityOf(f, weights), r.id]);
        }
        await tx.run(q.setMeta, ['priority-weights', key]);
        return rows.length;
      });
      sortedPriorities = null;
      return n;
    },
  };
  return store;
}

/** The error of a status change based on a status that has changed since it was read. */
function staleStatus(expected: Status, current: Status): AppError {
  return new AppError(
    'CONFLICT',
    `Le statut du document a changé entre-temps : « ${STATUS_LABELS[current]} » au lieu de « ${STATUS_LABELS[expected]} ». Rechargez la page et recommencez.`,
    { expected, current },
  );
}

/** The map's repository. */
export type DocumentStore = ReturnType<typeof documentStore>;
