/**
 * What a volunteer sees through an invitation: the campaign's title, the letter (or its two versions
 * in the order drawn for this invitation, A then B), the questions without their accepted answers.
 * Shared by the API (GET /api/v1/invitations/:token) and the volunteer's page (/participer/:token).
 */
import type { CampaignStore } from '../store/campaigns.js';
import type { DocumentStore } from '../store/documents.js';

/** Guessing links is limited per address: 30 tries a minute. */
export const LINK_RATE = { max: 30, timeWindow: 60_000 };

export interface InvitationView {
  title: string;
  letters: { label: string; text: string }[];
  questions: { id: number; position: number; prompt: string; kind: 'choice' | 'text'; options: string[] | null; multiple: boolean }[];
  compare: boolean;
  deadline: string | null;
  /** The new version is shown first (as A). */
  newFirst: boolean;
}

export async function invitationView(campaigns: CampaignStore, map: DocumentStore, token: string): Promise<InvitationView> {
  const { campaign, newFirst } = await campaigns.invitation(token);
  const texts = new Map<number, string>();
  for (const n of [campaign.version, campaign.compareWith]) if (n !== null) texts.set(n, (await map.version(campaign.documentId, n)).report.text);
  const text = (n: number) => texts.get(n)!;
  const versions = campaign.compareWith === null ? [campaign.version] : newFirst ? [campaign.version, campaign.compareWith] : [campaign.compareWith, campaign.version];
  return {
    title: campaign.title,
    letters: versions.map((n, i) => ({ label: versions.length > 1 ? `Version ${i === 0 ? 'A' : 'B'}` : 'Le courrier', text: text(n) })),
    questions: campaign.questions.map(({ accepted: _a, ...q }) => q),
    compare: campaign.compareWith !== null,
    deadline: campaign.deadline,
    newFirst,
  };
}

/** The preferred version as stored ("new", "old", "same"), from what the volunteer chose among A and B. */
export function storedPreference(p: 'A' | 'B' | 'same' | undefined, newFirst: boolean): 'new' | 'old' | 'same' | null {
  return p === undefined ? null : p === 'same' ? 'same' : (p === 'A') === newFirst ? 'new' : 'old';
}

/** The message a volunteer reads once their answers are stored. */
export const THANKS = 'Merci ! Vos réponses sont enregistrées, sans votre nom ni votre contact.';
