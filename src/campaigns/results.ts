/**
 * The results of test campaigns, and the release gate (DOMAIN.md §5): a version is releasable once an
 * expert approved it and a campaign on it met the configured thresholds.
 */
import type { Campaign, CampaignStore, GateConfig, Review } from '../store/campaigns.js';
import { comprehension, correlation, MIN_CORRELATION_N, preference, ratingSummary, type Rate } from './stats.js';

export interface CampaignResults {
  answers: number;
  comprehension: { overall: Rate; perQuestion: { questionId: number; prompt: string; correct: number; total: number; rate: Rate }[] };
  ratings: ReturnType<typeof ratingSummary>;
  /** Preference for the tested version over the other one (A/B campaigns only). */
  preference: (ReturnType<typeof preference> & { new: number; old: number; same: number }) | null;
  comments: string[];
}

/** The figures of one campaign (`campaign`: the campaign when already read). */
export async function campaignResults(store: CampaignStore, campaignId: number, campaign?: Campaign): Promise<CampaignResults> {
  const [info, c] = await Promise.all([campaign ?? store.campaign(campaignId), store.counts(campaignId)]);
  const comp = comprehension(c.perQuestion.map((q) => ({ correct: q.correct, total: q.total })));
  return {
    answers: c.answers,
    comprehension: {
      overall: comp.overall,
      perQuestion: c.perQuestion.map((q, i) => ({ ...q, rate: comp.perQuestion[i]! })),
    },
    ratings: ratingSummary(c.ratings),
    preference: info.compareWith === null ? null : { ...preference(c.preference.new, c.preference.old, c.preference.same), ...c.preference },
    comments: c.comments,
  };
}

/** Whether a campaign's results meet the release thresholds, and if not, why (French). */
export function thresholdProblems(r: CampaignResults, config: GateConfig): string[] {
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const problems: string[] = [];
  if (r.answers < config.RELEASE_MIN_ANSWERS) problems.push(`${r.answers} réponse${r.answers > 1 ? 's' : ''} au test usagers, il en faut au moins ${config.RELEASE_MIN_ANSWERS}.`);
  const comp = r.comprehension.overall.value;
  if (comp === null || comp < config.RELEASE_MIN_COMPREHENSION) {
    problems.push(`Compréhension ${comp === null ? 'non mesurée' : `de ${pct(comp)}`}, il faut au moins ${pct(config.RELEASE_MIN_COMPREHENSION)}.`);
  }
  const share = r.ratings.shareAtLeast8?.value ?? null;
  if (share === null || share < config.RELEASE_MIN_SHARE_8) {
    problems.push(`${share === null ? 'Aucune note' : `${pct(share)} des notes`} à 8/10 ou plus, il en faut au moins ${pct(config.RELEASE_MIN_SHARE_8)}.`);
  }
  return problems;
}

export interface ReleaseCheck {
  releasable: boolean;
  version: number | null;
  reasons: string[];
  review: Review | null;
  /** The campaign that passes, or else the one closest to passing (the most answers). */
  campaign: { id: number; answers: number; problems: string[] } | null;
}

/** The release gate of a document: its latest version approved by an expert and tested by volunteers. */
export async function releaseCheck(store: CampaignStore, documentId: number, config: GateConfig): Promise<ReleaseCheck> {
  const version = await store.latestVersion(documentId);
  if (version === null) return { releasable: false, version, reasons: ['Le document n’a aucune version.'], review: null, campaign: null };
  const reasons: string[] = [];
  const review = (await store.reviews(documentId)).filter((r) => r.version === version).at(-1) ?? null;
  if (!review) reasons.push(`Aucun expert n’a encore validé la version ${version}.`);
  else if (review.decision === 'rejected') reasons.push(`La version ${version} a été refusée par ${review.author}${review.comment ? ` : « ${review.comment} »` : ''}.`);
  const tested: { id: number; answers: number; problems: string[] }[] = [];
  for (const c of (await store.campaignsOf(documentId)).filter((c) => c.version === version)) {
    tested.push({ id: c.id, answers: c.answers, problems: thresholdProblems(await campaignResults(store, c.id, c), config) });
  }
  const best = tested.find((c) => c.problems.length === 0) ?? [...tested].sort((a, b) => b.answers - a.answers)[0] ?? null;
  if (!best) reasons.push(`Aucun test usagers n’a porté sur la version ${version}.`);
  else reasons.push(...best.problems);
  return { releasable: reasons.length === 0, version, reasons, review, campaign: best };
}

/** How the automatic score agrees with what volunteers understood, across tested versions. */
export async function scoreAgreement(store: CampaignStore): Promise<{ versions: number; shown: boolean; minimum: number; result: ReturnType<typeof correlation> | null }> {
  const tested = (await store.testedVersions()).filter((t) => t.total > 0);
  const shown = tested.length >= MIN_CORRELATION_N;
  return {
    versions: tested.length,
    shown,
    minimum: MIN_CORRELATION_N,
    result: shown ? correlation(tested.map((t) => t.score), tested.map((t) => t.correct / t.total)) : null,
  };
}
