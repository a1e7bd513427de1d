/**
 * The map's yearly indicators (DOMAIN.md §6), computed in SQL from the documents, their versions and
 * their status history:
 * - mapped: documents on the map by the end of the year;
 * - byStatus: their status today;
 * - rewritten: documents given a new version (version 2 or later) during the year;
 * - released: documents moved to « publié » during the year;
 * - meanScoreBefore / meanScoreAfter: for the rewritten documents, mean score of their first version
 *   and of their last version of the year;
 * - withAllMentions: share of mapped documents (with a version) whose latest version misses no required mention.
 * - scoreGain: meanScoreAfter − meanScoreBefore;
 * - tests: campaigns that received at least one answer during the year; answers: volunteers' answers
 *   given during the year; comprehension: share of their comprehension questions answered right;
 *   ratingsAtLeast8: share of their ratings of 8/10 or more (the Services Publics+ indicator).
 */
import type { Sql } from './sql.js';

/** Indicators of one scope (all services, or one). */
export interface IndicatorFigures {
  mapped: number;
  byStatus: Record<string, number>;
  rewritten: number;
  released: number;
  meanScoreBefore: number | null;
  meanScoreAfter: number | null;
  withAllMentions: number | null;
  scoreGain: number | null;
  tests: number;
  answers: number;
  comprehension: number | null;
  ratingsAtLeast8: number | null;
}

/** Indicators of a year, in all and by service. */
export interface Indicators extends IndicatorFigures {
  year: number;
  service: string | null;
  byService: ({ service: string | null } & IndicatorFigures)[];
}

const round = (x: number | null, digits = 1): number | null => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** The indicators of a year, for every service or one. */
export async function indicators(db: Sql, year: number, service?: string): Promise<Indicators> {
  const end = `${year + 1}-01-01`;
  const start = `${year}-01-01`;
  const scope = service === undefined ? '' : 'AND d.service IS NOT DISTINCT FROM @service';
  const params = { start, end, service: service ?? null };
  const figures = async (groupBy: boolean) => {
    const key = groupBy ? 'd.service' : 'CAST(NULL AS TEXT)';
    const group = groupBy ? 'GROUP BY d.service' : '';
    const mapped = await db.all<{ service: string | null; mapped: number; versioned: number; complete: number }>(
      `SELECT ${key} AS service, count(*) AS mapped,
           count(*) FILTER (WHERE d.latest_version_id IS NOT NULL) AS versioned,
           count(*) FILTER (WHERE d.latest_version_id IS NOT NULL AND d.missing_count = 0) AS complete
         FROM documents d WHERE d.created_at < @end ${scope} ${group}`, params);
    const statuses = await db.all<{ service: string | null; status: string; n: number }>(
      `SELECT ${key} AS service, d.status AS status, count(*) AS n FROM documents d WHERE d.created_at < @end ${scope} ${group}${groupBy ? ', d.status' : 'GROUP BY d.status'}`, params);
    const rewritten = await db.all<{ service: string | null; rewritten: number; before: number | null; after: number | null }>(
      `SELECT ${key} AS service, count(*) AS rewritten, avg(v1.score) AS before, avg(vn.score) AS after
         FROM documents d
         JOIN versions v1 ON v1.document_id = d.id AND v1.number = 1
         JOIN versions vn ON vn.id = (SELECT v.id FROM versions v WHERE v.document_id = d.id AND v.created_at < @end ORDER BY v.number DESC LIMIT 1)
         WHERE EXISTS (SELECT 1 FROM versions v WHERE v.document_id = d.id AND v.number >= 2 AND v.created_at >= @start AND v.created_at < @end) ${scope} ${group}`, params);
    const released = await db.all<{ service: string | null; released: number }>(
      `SELECT ${key} AS service, count(DISTINCT d.id) AS released FROM documents d JOIN status_history h ON h.document_id = d.id
         WHERE h.to_status = 'publie' AND h.at >= @start AND h.at < @end ${scope} ${group}`, params);
    // Answers are dated by the day only (src/store/campaigns.ts); 'YYYY-MM-DD' compares with the bounds.
    const tested = await db.all<{ service: string | null; tests: number; answers: number; high: number }>(
      `SELECT ${key} AS service, count(DISTINCT c.id) AS tests, count(*) AS answers, count(*) FILTER (WHERE r.rating >= 8) AS high
         FROM responses r JOIN campaigns c ON c.id = r.campaign_id JOIN documents d ON d.id = c.document_id
         WHERE r.answered_at >= @start AND r.answered_at < @end ${scope} ${group}`, params);
    const understood = await db.all<{ service: string | null; correct: number | null; questions: number }>(
      `SELECT ${key} AS service, sum(a.correct) AS correct, count(*) AS questions
         FROM response_answers a JOIN responses r ON r.id = a.response_id JOIN campaigns c ON c.id = r.campaign_id JOIN documents d ON d.id = c.document_id
         WHERE r.answered_at >= @start AND r.answered_at < @end ${scope} ${group}`, params);
    const keys = new Set([...mapped, ...rewritten, ...released, ...tested.filter((t) => t.answers > 0)].map((r) => r.service));
    return [...keys].map((s) => {
      const m = mapped.find((r) => r.service === s);
      const r = rewritten.find((x) => x.service === s);
      const t = tested.find((x) => x.service === s && x.answers > 0);
      const u = understood.find((x) => x.service === s && x.questions > 0);
      const byStatus: Record<string, number> = {};
      for (const row of statuses.filter((x) => x.service === s)) byStatus[row.status] = row.n;
      return {
        service: s,
        mapped: m?.mapped ?? 0,
        byStatus,
        rewritten: r?.rewritten ?? 0,
        released: released.find((x) => x.service === s)?.released ?? 0,
        meanScoreBefore: round(r?.before ?? null),
        meanScoreAfter: round(r?.after ?? null),
        withAllMentions: m && m.versioned ? round(m.complete / m.versioned, 3) : null,
        scoreGain: r && r.before !== null && r.after !== null ? round(r.after - r.before) : null,
        tests: t?.tests ?? 0,
        answers: t?.answers ?? 0,
        comprehension: u ? round((u.correct ?? 0) / u.questions, 3) : null,
        ratingsAtLeast8: t && t.answers ? round(t.high / t.answers, 3) : null,
      };
    });
  };
  const [all] = await figures(false);
  const empty: IndicatorFigures = { mapped: 0, byStatus: {}, rewritten: 0, released: 0, meanScoreBefore: null, meanScoreAfter: null, withAllMentions: null, scoreGain: null, tests: 0, answers: 0, comprehension: null, ratingsAtLeast8: null };
  const { service: _ignored, ...totals } = all ?? { service: null, ...empty };
  const byService = (await figures(true)).sort((a, b) => (a.service ?? '').localeCompare(b.service ?? '', 'fr'));
  return { year, service: service ?? null, ...totals, byService };
}
