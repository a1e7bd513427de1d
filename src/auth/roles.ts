/** Roles of the people who use Clarté, and who may call what. */

/** Every role, from the widest to the narrowest. */
export const ROLES = ['admin', 'comms', 'expert', 'agent'] as const;
export type Role = (typeof ROLES)[number];

/** French names of the roles (messages, pages). */
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'administrateur',
  comms: 'équipe de communication',
  expert: 'expert',
  agent: 'agent',
};

/**
 * Who may call a route: `public` (anyone, no credentials), `signed-in` (any account), or a list of
 * roles. Every route declares it (src/http/auth.ts refuses to start otherwise).
 */
export type Access = 'public' | 'signed-in' | readonly Role[];

/** The map read: everyone with an account (an agent only sees their service's documents). */
export const MAP_READERS: readonly Role[] = ['admin', 'comms', 'expert', 'agent'];
/** Adding documents, versions and reports: agents too (in their service). */
export const MAP_WRITERS: readonly Role[] = ['admin', 'comms', 'agent'];
/** Statuses, audits, deletions, the whole map: the comms team. */
export const MAP_MANAGERS: readonly Role[] = ['admin', 'comms'];
/** Indicators and near-duplicate groups: across services. */
export const MAP_WIDE: readonly Role[] = ['admin', 'comms', 'expert'];
/** Expert reviews of a rewrite's legal meaning. */
export const EXPERTS: readonly Role[] = ['admin', 'expert'];
export const ADMINS: readonly Role[] = ['admin'];

/** Who is calling. */
export interface Principal {
  userId: number;
  login: string;
  name: string;
  role: Role;
  service: string | null;
  /** How they proved it: a token (programs) or a session cookie (pages; CSRF applies). */
  via: 'token' | 'session';
  /** The session's CSRF token (via session only). */
  csrf?: string;
}
