import type { Role } from '../staff';

/*
 * Small-count suppression: a count from 1 to 4 could point at a person, so it shows as "<5"
 * everywhere except the lead's own organisation view: every export, the board report and any
 * role other than engagementLead or admin see "<5". Zero stays zero (nobody to point at).
 */
export const SUPPRESSED = '<5';

/** Whether the reader sees raw counts: only a lead or admin, on screen, in their own organisation. */
export function seesRawCounts(role: Role, place: 'screen' | 'export'): boolean {
	return place === 'screen' && (role === 'engagementLead' || role === 'admin');
}

/** A count as the reader may see it. */
export function showCount(count: number, raw: boolean): string {
	if (!raw && count >= 1 && count <= 4) return SUPPRESSED;
	return String(count);
}

/**
 * A percentage whose numerator or denominator is suppressed would let the count be worked back
 * out, so it is suppressed too.
 */
export function showsRate(numerator: number, denominator: number | null, raw: boolean): boolean {
	if (raw) return true;
	const small = (n: number) => n >= 1 && n <= 4;
	return !small(numerator) && !(denominator !== null && small(denominator));
}
