/** The statuses of a document on the map and the moves between them (DOMAIN.md §4). */

/** Statuses, in the order of the rewriting process; `abandonne` stands apart. */
export const STATUSES = ['identifie', 'a-reecrire', 'en-reecriture', 'validation-experte', 'test-usagers', 'publie', 'abandonne'] as const;

/** A status id. */
export type Status = (typeof STATUSES)[number];

/** French label of each status. */
export const STATUS_LABELS: Readonly<Record<Status, string>> = Object.freeze({
  identifie: 'identifié',
  'a-reecrire': 'à réécrire',
  'en-reecriture': 'en réécriture',
  'validation-experte': 'validation experte',
  'test-usagers': 'test usagers',
  publie: 'publié',
  abandonne: 'abandonné',
});

const ORDER = STATUSES.slice(0, 6);

/**
 * Where a document may go from a status: one step forward, back to any earlier step (a rewrite sent
 * back), `abandonne` from anywhere, and back to `identifie` from `abandonne`.
 */
export function allowedMoves(from: Status): Status[] {
  if (from === 'abandonne') return ['identifie'];
  const i = ORDER.indexOf(from);
  const moves: Status[] = [...ORDER.slice(0, i)];
  const next = ORDER[i + 1];
  if (next) moves.push(next);
  moves.push('abandonne');
  return moves;
}
