/**
 * Batch audits from the command line (`clarte audit DIR|FILE…`): every supported file of the folders
 * is read and analysed by the ingestion pool, a bad file never stops the others, and the results go
 * to a table (stdout), a CSV or a JSON file. The map and saved audits build on this (store issue).
 */
import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { AppError, isAppError } from './errors.js';
import type { Ingestor } from './ingest/ingest.js';
import { tooLarge } from './ingest/sniff.js';
import type { Report } from './model.js';
import { CATEGORIES } from './model.js';
import { csvFile } from './report/csv.js';
import { OUTCOME_LABELS, type Saved, type SaveOutcome } from './map/service.js';

/** One audited file: its summary, or why it could not be read. */
export interface AuditRow {
  file: string;
  format?: string;
  pages?: number;
  words?: number;
  score?: number;
  grade?: string;
  kandelMoles?: number;
  alerts?: number;
  byCategory?: Record<string, number>;
  missingMentions?: string[];
  warnings?: string[];
  /** Personal data found (replaced by placeholders when the file is saved on the map). */
  personalData?: number;
  /** With `--save`: where the file landed on the map. */
  document?: number;
  version?: number;
  saved?: SaveOutcome;
  error?: { code: string; message: string };
}

/** Puts audited files on the map (`clarte audit --save`). */
export interface AuditSaver {
  /** A file already on the map (same bytes): its stored report, so that it is not analysed again. */
  known(sha256: string): Promise<{ report: Report; saved: Saved } | undefined>;
  /** Saves an analysed file under its path. */
  save(path: string, report: Report): Promise<Saved>;
}

/** Lists the files to audit: folders are walked (hidden entries skipped), files taken as they are. */
export function listFiles(paths: string[]): { file: string; shown: string }[] {
  const out: { file: string; shown: string }[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      out.push({ file: p, shown: p });
      continue;
    }
    if (!st.isDirectory()) {
      out.push({ file: p, shown: p });
      continue;
    }
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        if (e.name.startsWith('.')) continue;
        const full = join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.isFile()) out.push({ file: full, shown: relative(p, full) || basename(full) });
      }
    };
    walk(p);
  }
  return out;
}

/** Summarises a report into an audit row. */
export function auditRow(file: string, r: Report): AuditRow {
  const byCategory: Record<string, number> = {};
  for (const a of r.alerts) byCategory[a.category] = (byCategory[a.category] ?? 0) + 1;
  const row: AuditRow = {
    file,
    format: r.source.format,
    words: r.stats.words,
    score: r.score.value,
    grade: r.score.grade,
    kandelMoles: r.readability.kandelMoles,
    alerts: r.alerts.length,
    byCategory,
    missingMentions: r.mentions.filter((m) => m.status === 'missing' || m.status === 'partial').map((m) => m.id),
    warnings: r.warnings.map((w) => w.code),
  };
  if (r.source.pages !== undefined) row.pages = r.source.pages;
  if (r.personalData) row.personalData = r.personalData.found;
  return row;
}

/** A file to audit: its name as shown, its size when known beforehand, and how to read its bytes. */
export interface AuditSource {
  shown: string;
  size?: () => number;
  read: () => Buffer | Promise<Buffer>;
}

/** The row of a file that could not be read or analysed (a clear French message, a stable code). */
export function failedRow(shown: string, e: unknown): AuditRow {
  const err = isAppError(e)
    ? e
    : (e as NodeJS.ErrnoException).code === 'ENOENT'
      ? new AppError('UNREADABLE', 'Fichier introuvable.')
      : new AppError('UNREADABLE', `Lecture impossible (${(e as Error).message}).`);
  return { file: shown, error: { code: err.code, message: err.message } };
}

/** Audit sources for files on disk. */
export function diskSources(files: { file: string; shown: string }[]): AuditSource[] {
  return files.map(({ file, shown }) => ({ shown, size: () => statSync(file).size, read: () => readFileSync(file) }));
}

/**
 * Audits files with the pool, `concurrency` at a time, in input order; calls `progress` after each
 * (with the file's index and bytes' hash). With a saver, each file goes on the map as soon as it is
 * analysed (one transaction each: an interrupted audit keeps what it saved), and a file already
 * there is not analysed again.
 */
export async function runAudit(
  files: AuditSource[],
  ingestor: Ingestor,
  profile: string,
  concurrency: number,
  progress: (done: number, row: AuditRow, index: number, sha256: string | undefined) => void | Promise<void>,
  maxBytes = Number.MAX_SAFE_INTEGER,
  saver?: AuditSaver,
  signal?: AbortSignal,
): Promise<AuditRow[]> {
  const rows: AuditRow[] = new Array<AuditRow>(files.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    // Once aborted, no file is started and none in flight is reported (its reading was cut short), but one
    // already saved.
    while (next < files.length && !signal?.aborted) {
      // Plain texts are analysed on this thread: let the event loop breathe between files (a server
      // answers its other requests during an audit).
      await yieldToEventLoop();
      if (next >= files.length || signal?.aborted) break;
      const i = next++;
      const { shown, size, read } = files[i]!;
      let row: AuditRow;
      let sha256: string | undefined;
      try {
        // Too big files are refused before being read into memory.
        const bytesSize = size?.();
        if (bytesSize !== undefined && bytesSize > maxBytes) throw tooLarge(bytesSize, maxBytes);
        const bytes = await read();
        if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes);
        sha256 = createHash('sha256').update(bytes).digest('hex');
        const known = await saver?.known(sha256);
        // Every file goes to the worker pool, plain texts too: the work spreads over the workers and
        // the main thread stays free (the server's event loop, the command line's progress bar).
        const report = known?.report ?? (await ingestor.analyseBytes(bytes, { profile, filename: basename(shown), inline: false, personalData: saver ? 'pseudonymise' : 'count' }));
        row = auditRow(shown, report);
        if (saver) {
          const saved = known?.saved ?? (await saver.save(shown, report));
          Object.assign(row, { document: saved.documentId, version: saved.version, saved: saved.outcome });
        }
      } catch (e) {
        row = failedRow(shown, e);
      }
      // A file saved on the map is reported even when the stop came meanwhile: otherwise the resumed
      // audit would find it on the map and call it unchanged, not new.
      if (signal?.aborted && row.saved === undefined) return;
      rows[i] = row;
      await progress(++done, row, i, sha256);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, files.length)) }, worker));
  return rows;
}

/** CSV for spreadsheets (semicolons and a UTF-8 BOM, as French Excel and LibreOffice expect). */
export function auditCsv(rows: AuditRow[]): string {
  const head = ['fichier', 'format', 'pages', 'mots', 'score', 'note', 'kandel_moles', 'alertes', ...CATEGORIES, 'mentions_manquantes', 'donnees_personnelles', 'avertissements', 'erreur', 'message', 'document', 'version', 'enregistrement'];
  return csvFile(
    head,
    rows.map((r) => [
      r.file,
      r.format,
      r.pages,
      r.words,
      r.score,
      r.grade,
      r.kandelMoles,
      r.alerts,
      ...CATEGORIES.map((c) => (r.error ? undefined : (r.byCategory?.[c] ?? 0))),
      r.missingMentions?.join(' '),
      r.personalData,
      r.warnings?.join(' '),
      r.error?.code,
      r.error?.message,
      r.document,
      r.version,
      r.saved && OUTCOME_LABELS[r.saved],
    ]),
  );
}

/** JSON document of an audit. */
export function auditJson(rows: AuditRow[], profile: string): string {
  const read = rows.filter((r) => !r.error);
  const scores = read.map((r) => r.score!).sort((a, b) => a - b);
  return (
    JSON.stringify(
      {
        schema: 'clarte/audit@1',
        createdAt: new Date().toISOString(),
        profile,
        summary: { files: rows.length, analysed: read.length, failed: rows.length - read.length, medianScore: scores.length ? scores[scores.length >> 1] : null },
        documents: rows,
      },
      null,
      2,
    ) + '\n'
  );
}

/** One line of the stdout table. */
export function auditLine(r: AuditRow): string {
  if (r.error) return `${r.file}\t${r.error.code}\t${r.error.message}`;
  const missing = r.missingMentions?.length ? `\tmentions à compléter : ${r.missingMentions.join(', ')}` : '';
  const saved = r.saved ? `\tdocument ${r.document}, version ${r.version} (${OUTCOME_LABELS[r.saved]})` : '';
  return `${r.file}\t${r.score}/100 (${r.grade})\t${r.words} mot${r.words === 1 ? '' : 's'}\t${r.alerts} alerte${r.alerts === 1 ? '' : 's'}${missing}${saved}`;
}

const escapeHtml = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A self-contained HTML page of the audit, to print or share: summary figures, then one row per file
 * (worst scores first), unreadable files with their reason. French, one table with header cells.
 */
export function auditHtml(rows: AuditRow[], profile: string): string {
  const read = rows.filter((r) => !r.error).sort((a, b) => a.score! - b.score!);
  const failed = rows.filter((r) => r.error);
  const scores = read.map((r) => r.score!).sort((a, b) => a - b);
  const grades = ['A', 'B', 'C', 'D', 'E'].map((g) => `${g} : ${read.filter((r) => r.grade === g).length}`).join(' · ');
  const date = new Date().toLocaleDateString('fr-FR', { dateStyle: 'long' });
  const line = (r: AuditRow): string =>
    `<tr><th scope="row">${escapeHtml(r.file)}</th><td>${escapeHtml(r.score)}</td><td>${escapeHtml(r.grade)}</td><td>${escapeHtml(r.words)}</td><td>${escapeHtml(r.alerts)}</td>` +
    `<td>${escapeHtml((r.missingMentions ?? []).join(', ') || '—')}</td><td>${r.saved ? escapeHtml(`document ${r.document}, version ${r.version} (${OUTCOME_LABELS[r.saved]})`) : '—'}</td></tr>`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Audit Clarté du ${escapeHtml(date)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #161616; line-height: 1.5; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #929292; padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #eee; }
caption { text-align: left; font-weight: bold; margin-bottom: .5rem; }
@media print { body { margin: 0; } }
</style>
</head>
<body>
<main>
<h1>Audit Clarté du ${escapeHtml(date)}</h1>
<p>Profil : ${escapeHtml(profile)} · ${rows.length} fichier${rows.length > 1 ? 's' : ''} · ${read.length} analysé${read.length > 1 ? 's' : ''} · ${failed.length} illisible${failed.length > 1 ? 's' : ''}</p>
<p>Score médian : ${scores.length ? escapeHtml(scores[scores.length >> 1]) : '—'} / 100 · Notes : ${escapeHtml(grades)} · Fichiers où des mentions obligatoires manquent : ${read.filter((r) => r.missingMentions?.length).length}</p>
<table>
<caption>Fichiers analysés, du score le plus bas au plus haut</caption>
<thead><tr><th scope="col">Fichier</th><th scope="col">Score</th><th scope="col">Note</th><th scope="col">Mots</th><th scope="col">Alertes</th><th scope="col">Mentions à compléter</th><th scope="col">Cartographie</th></tr></thead>
<tbody>
${read.map(line).join('\n')}
</tbody>
</table>
${
  failed.length
    ? `<h2>Fichiers illisibles</h2>\n<ul>\n${failed.map((r) => `<li><strong>${escapeHtml(r.file)}</strong> (${escapeHtml(r.error!.code)}) : ${escapeHtml(r.error!.message)}</li>`).join('\n')}\n</ul>`
    : ''
}
</main>
</body>
</html>
`;
}

/** Writes the audit file chosen by its extension (.csv, .html, else JSON). */
export function writeAudit(out: string, rows: AuditRow[], profile: string): void {
  if (/\.csv$/i.test(out)) writeFileSync(out, auditCsv(rows));
  else if (/\.html?$/i.test(out)) writeFileSync(out, auditHtml(rows, profile));
  else writeFileSync(out, auditJson(rows, profile));
}
