/** Figures and dates as French readers write them (decimal comma, « 12 % », « 28/11/2026 14:05 »); « — » for none. */

export const frNumber = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined ? '—' : x.toFixed(digits).replace('.', ','));

export const frPercent = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${Math.round(x * 100)} %`);

/** « 28/11/2026 » from an ISO date or time. */
export const frDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** « 28/11/2026 14:05 » from an ISO time. */
export const frDateTime = (iso: string): string => `${frDate(iso)} ${iso.slice(11, 16)}`;
