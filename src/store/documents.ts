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
import type { Db } from './db.js';
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
  title: 'd.title COLLATE NOCASE, d.id',
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

const DOC_COLUMNS = `d.*, (SELECT number FROM versions WHERE id = d.latest_version_id) AS latest_number,
  (SELECT group_concat(mention || ':' || status, ' ') FROM document_mentions WHERE document_id = d.id) AS missing`;

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

/** The map's repository over a database handle, computing priorities with the given weights. */
export function documentStore(db: Db, weights: PriorityWeights = DEFAULT_WEIGHTS) {
  const st = {
    insertDoc: db.prepare(
      `INSERT INTO documents (title, path, service, channel, yearly_volume, declared_type, status, created_at, updated_at)
       VALUES (@title, @path, @service, @channel, @yearlyVolume, @type, 'identifie', @at, @at)`,
    ),
    insertHistory: db.prepare('INSERT INTO status_history (document_id, from_status, to_status, author, comment, at) VALUES (?, ?, ?, ?, ?, ?)'),
    nextNumber: db.prepare('SELECT coalesce(max(number), 0) + 1 AS n FROM versions WHERE document_id = ?'),
    versionBySha: db.prepare('SELECT * FROM versions WHERE document_id = ? AND sha256 = ?'),
    insertVersion: db.prepare(
      `INSERT INTO versions (document_id, number, sha256, filename, format, bytes, text, report, score, grade, doc_type, signature, author, comment, created_at)
       VALUES (@documentId, @number, @sha256, @filename, @format, @bytes, @text, @report, @score, @grade, @type, @signature, @author, @comment, @at)`,
    ),
    setLatest: db.prepare(
      `UPDATE documents SET latest_version_id = @versionId, doc_type = coalesce(declared_type, @type), score = @score, grade = @grade,
       missing_count = @missingCount, legal_risk = @legalRisk, updated_at = @at WHERE id = @id`,
    ),
    clearMentions: db.prepare('DELETE FROM document_mentions WHERE document_id = ?'),
    insertMention: db.prepare('INSERT INTO document_mentions (document_id, mention, status) VALUES (?, ?, ?)'),
    doc: db.prepare(`SELECT ${DOC_COLUMNS} FROM documents d WHERE d.id = ?`),
    allPriorities: db.prepare('SELECT priority FROM documents ORDER BY priority DESC'),
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
    setPriority: db.prepare('UPDATE documents SET priority = ? WHERE id = ?'),
    versions: db.prepare('SELECT id, document_id, number, sha256, filename, format, bytes, score, grade, doc_type, author, comment, created_at FROM versions WHERE document_id = ? ORDER BY number'),
    version: db.prepare('SELECT * FROM versions WHERE document_id = ? AND number = ?'),
    history: db.prepare('SELECT from_status, to_status, author, comment, at FROM status_history WHERE document_id = ? ORDER BY id'),
    setStatus: db.prepare('UPDATE documents SET status = ?, updated_at = ? WHERE id = ?'),
    insertReport: db.prepare('INSERT INTO user_reports (document_id, kind, count, comment, author, at) VALUES (?, ?, ?, ?, ?, ?)'),
    addReports: db.prepare('UPDATE documents SET reports_count = reports_count + ?, updated_at = ? WHERE id = ?'),
    reports: db.prepare('SELECT kind, count, comment, author, at FROM user_reports WHERE document_id = ? ORDER BY id'),
    byPath: db.prepare('SELECT id FROM documents WHERE path = ? ORDER BY id LIMIT 1'),
    bySha: db.prepare('SELECT document_id AS documentId, number FROM versions WHERE sha256 = ? ORDER BY id LIMIT 1'),
    signatures: db.prepare('SELECT d.id AS id, v.signature AS signature FROM documents d JOIN versions v ON v.id = d.latest_version_id WHERE v.signature IS NOT NULL'),
    latestText: db.prepare('SELECT v.text AS text FROM documents d JOIN versions v ON v.id = d.latest_version_id WHERE d.id = ?'),
    allTexts: db.prepare('SELECT id, text FROM versions'),
    unsignedTexts: db.prepare('SELECT id, text FROM versions WHERE signature IS NULL'),
    setSignature: db.prepare('UPDATE versions SET signature = ? WHERE id = ?'),
    allPriorityInputs: db.prepare('SELECT id, score, legal_risk, yearly_volume, reports_count FROM documents'),
    getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  };

  // Ranks come from every priority, sorted once and kept until a priority changes: a count per
  // document of those above it cost up to 3 ms each over 100,000 documents.
  // Another process (an audit run from the command line) may write too: SQLite's data_version moves then.
  let sortedPriorities: Float64Array | null = null;
  let seenVersion = -1;
  const rankOf = (priority: number): number => {
    const version = st.dataVersion.get() as number;
    if (version !== seenVersion) {
      sortedPriorities = null;
      seenVersion = version;
    }
    if (!sortedPriorities) {
      const all = st.allPriorities.all() as { priority: number }[];
      sortedPriorities = Float64Array.from(all, (r) => r.priority);
    }
    // Descending order: the rank is 1 + the number of strictly higher priorities.
    let lo = 0;
    let hi = sortedPriorities.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortedPriorities[mid]! > priority) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };

  const recompute = (id: number): void => {
    const r = db.prepare('SELECT score, legal_risk, yearly_volume, reports_count FROM documents WHERE id = ?').get(id) as
      | { score: number | null; legal_risk: number; yearly_volume: number | null; reports_count: number }
      | undefined;
    if (!r) return;
    const f = priorityFactors({ score: r.score, legalRisk: r.legal_risk, yearlyVolume: r.yearly_volume, reports: r.reports_count });
    st.setPriority.run(priorityOf(f, weights), id);
    sortedPriorities = null;
  };

  const toSummary = (r: DocRow): DocumentSummary => {
    const factors = priorityFactors({ score: r.score, legalRisk: r.legal_risk, yearlyVolume: r.yearly_volume, reports: r.reports_count });
    const rank = rankOf(r.priority);
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
      priority: { value: r.priority, rank, factors, weights },
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  };

  const mustGet = (id: number): DocRow => {
    const r = st.doc.get(id) as DocRow | undefined;
    if (!r) throw new AppError('NOT_FOUND', `Document inconnu : ${id}.`);
    return r;
  };

  const insertVersion = (documentId: number, v: NewVersion): { number: number; created: boolean } => {
    const existing = st.versionBySha.get(documentId, v.sha256) as VersionRow | undefined;
    if (existing) return { number: existing.number, created: false };
    const at = now();
    const { n } = st.nextNumber.get(documentId) as { n: number };
    const report = v.report;
    const info = st.insertVersion.run({
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
    st.setLatest.run({
      id: documentId,
      versionId: info.lastInsertRowid,
      type: report.documentType.id,
      score: report.score.value,
      grade: report.score.grade,
      missingCount: lacking.length,
      legalRisk: legalRisk(report.mentions),
      at,
    });
    st.clearMentions.run(documentId);
    for (const m of lacking) st.insertMention.run(documentId, m.id, m.status);
    recompute(documentId);
    return { number: n, created: true };
  };

  const store = {
    /** Creates a document with its first version (status `identifie`, history started). */
    create: db.transaction((meta: DocumentMeta, version: NewVersion | null, author: string | null = null): number => {
      const at = now();
      const info = st.insertDoc.run({
        title: meta.title,
        path: meta.path ?? null,
        service: meta.service ?? null,
        channel: meta.channel ?? null,
        yearlyVolume: meta.yearlyVolume ?? null,
        type: meta.type ?? null,
        at,
      });
      const id = Number(info.lastInsertRowid);
      st.insertHistory.run(id, null, 'identifie', author, 'Document ajouté à la cartographie.', at);
      if (version) insertVersion(id, version);
      else recompute(id);
      return id;
    }),

    /** Adds a version (re-analysed file); the same bytes as an existing version give that version back. */
    addVersion: db.transaction((documentId: number, version: NewVersion): { number: number; created: boolean } => {
      mustGet(documentId);
      return insertVersion(documentId, version);
    }),

    /** The document, or a NOT_FOUND error. */
    get(id: number): DocumentSummary {
      return toSummary(mustGet(id));
    },

    /** One page of the map, filtered and sorted, with the total count. */
    list(q: ListQuery = {}): { items: DocumentSummary[]; total: number; page: number; perPage: number } {
      const where: string[] = [];
      const params: Record<string, unknown> = {};
      for (const [key, column] of [['service', 'service'], ['status', 'status'], ['type', 'doc_type'], ['grade', 'grade']] as const) {
        const value = q[key];
        if (value === undefined) continue;
        where.push(`d.${column} = @${key}`);
        params[key] = value;
      }
      if (q.missing !== undefined) {
        where.push('d.id IN (SELECT document_id FROM document_mentions WHERE mention = @missing)');
        params.missing = q.missing;
      }
      if (q.q) {
        where.push("(d.title LIKE @q ESCAPE '\\' OR d.path LIKE @q ESCAPE '\\')");
        params.q = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const perPage = Math.min(200, Math.max(1, q.perPage ?? 50));
      const page = Math.max(1, q.page ?? 1);
      const { total } = db.prepare(`SELECT count(*) AS total FROM documents d ${clause}`).get(params) as { total: number };
      // The page's ids first, then their columns: SQLite would otherwise compute the per-row
      // subqueries (missing mentions, version number) for every matching row before sorting.
      const order = SORTS[q.sort ?? 'priority'];
      const rows = db
        .prepare(`SELECT ${DOC_COLUMNS} FROM (SELECT d.id FROM documents d ${clause} ORDER BY ${order} LIMIT @limit OFFSET @offset) page JOIN documents d ON d.id = page.id ORDER BY ${order}`)
        .all({ ...params, limit: perPage, offset: (page - 1) * perPage }) as DocRow[];
      return { items: rows.map(toSummary), total, page, perPage };
    },

    /** Changes the metadata a person sets; the priority follows the yearly volume. */
    update: db.transaction((id: number, patch: Partial<DocumentMeta>): DocumentSummary => {
      mustGet(id);
      const sets: string[] = [];
      const params: Record<string, unknown> = { id, at: now() };
      const columns: Record<string, string> = { title: 'title', path: 'path', service: 'service', channel: 'channel', yearlyVolume: 'yearly_volume', type: 'declared_type' };
      for (const [key, column] of Object.entries(columns)) {
        if (key in patch) {
          sets.push(`${column} = @${key}`);
          params[key] = (patch as Record<string, unknown>)[key] ?? null;
        }
      }
      if (sets.length) {
        db.prepare(`UPDATE documents SET ${sets.join(', ')}, updated_at = @at WHERE id = @id`).run(params);
        if ('type' in patch) {
          db.prepare('UPDATE documents SET doc_type = coalesce(declared_type, (SELECT doc_type FROM versions WHERE id = latest_version_id)) WHERE id = ?').run(id);
        }
        recompute(id);
      }
      return toSummary(mustGet(id));
    }),

    /** Moves a document to another status, keeping who, when and why; refuses a move the process does not allow. */
    setStatus: db.transaction((id: number, to: Status, author: string | null = null, comment: string | null = null): DocumentSummary => {
      const from = mustGet(id).status;
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
      st.setStatus.run(to, at, id);
      st.insertHistory.run(id, from, to, author, comment, at);
      return toSummary(mustGet(id));
    }),

    /** Deletes a document with its versions, history and reports (the audit log keeps who did it). */
    remove: db.transaction((id: number): DocumentSummary => {
      const doc = toSummary(mustGet(id));
      db.prepare('DELETE FROM documents WHERE id = ?').run(id);
      sortedPriorities = null;
      return doc;
    }),

    /** Records reports from readers or agents (e.g. « incompréhensible », with a count). */
    addReport: db.transaction((id: number, kind: string, count = 1, comment: string | null = null, author: string | null = null): DocumentSummary => {
      mustGet(id);
      const at = now();
      st.insertReport.run(id, kind, count, comment, author, at);
      st.addReports.run(count, at, id);
      recompute(id);
      return toSummary(mustGet(id));
    }),

    /** The versions of a document, oldest first (without text and report). */
    versions(id: number): VersionSummary[] {
      mustGet(id);
      return (st.versions.all(id) as VersionRow[]).map(versionSummary);
    },

    /** One version with its report, or a NOT_FOUND error. */
    version(id: number, number: number): StoredVersion {
      const r = st.version.get(id, number) as VersionRow | undefined;
      if (!r) throw new AppError('NOT_FOUND', `Version inconnue : document ${id}, version ${number}.`);
      return { ...versionSummary(r), documentId: r.document_id, report: JSON.parse(r.report!) as Report };
    },

    /** The status history of a document, oldest first. */
    history(id: number): StatusChange[] {
      return (st.history.all(id) as { from_status: Status | null; to_status: Status; author: string | null; comment: string | null; at: string }[]).map((r) => ({
        from: r.from_status,
        to: r.to_status,
        author: r.author,
        comment: r.comment,
        at: r.at,
      }));
    },

    /** The user and agent reports of a document. */
    reports(id: number): UserReport[] {
      return st.reports.all(id) as UserReport[];
    },

    /** The document that came from this path, if any. */
    findByPath(path: string): number | undefined {
      return (st.byPath.get(path) as { id: number } | undefined)?.id;
    },

    /** A stored version with these bytes, if any. */
    findBySha(sha256: string): { documentId: number; number: number } | undefined {
      return st.bySha.get(sha256) as { documentId: number; number: number } | undefined;
    },

    /** The signatures of every document's latest version. */
    signatures(): { id: number; signature: Buffer }[] {
      return st.signatures.all() as { id: number; signature: Buffer }[];
    },

    /** The text of a document's latest version (empty when it has none). */
    latestText(id: number): string {
      mustGet(id);
      return (st.latestText.get(id) as { text: string } | undefined)?.text ?? '';
    },

    /** The yearly indicators of the map (all services, or one). */
    indicators(year: number, service?: string): Indicators {
      return indicators(db, year, service);
    },

    /**
     * Recomputes every version's signature when the signature method differs from the one recorded
     * (a change of normalisation or hashing makes stored signatures incomparable), and signs the
     * versions stored without one; returns the count.
     */
    syncSignatures: db.transaction((method: string, sign: (text: string) => Uint8Array): number => {
      const stored = (st.getMeta.get('signature-method') as { value: string } | undefined)?.value;
      // same method: only the versions stored without one (added through the API before 2026-11-28)
      const rows = (stored === method ? st.unsignedTexts.all() : st.allTexts.all()) as { id: number; text: string }[];
      if (stored === method && rows.length === 0) return 0;
      for (const r of rows) {
        const sig = sign(r.text);
        st.setSignature.run(Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength), r.id);
      }
      st.setMeta.run('signature-method', method);
      return rows.length;
    }),

    /**
     * Recomputes every priority when the weights differ from those the stored priorities were
     * computed with (a configuration change); returns the number of documents updated.
     */
    syncWeights: db.transaction((): number => {
      const key = JSON.stringify(weights);
      const stored = (st.getMeta.get('priority-weights') as { value: string } | undefined)?.value;
      if (stored === key) return 0;
      const rows = st.allPriorityInputs.all() as { id: number; score: number | null; legal_risk: number; yearly_volume: number | null; reports_count: number }[];
      for (const r of rows) {
        st.setPriority.run(priorityOf(priorityFactors({ score: r.score, legalRisk: r.legal_risk, yearlyVolume: r.yearly_volume, reports: r.reports_count }), weights), r.id);
      }
      st.setMeta.run('priority-weights', key);
      sortedPriorities = null;
      return rows.length;
    }),
  };
  return store;
}

/** The map's repository. */
export type DocumentStore = ReturnType<typeof documentStore>;
