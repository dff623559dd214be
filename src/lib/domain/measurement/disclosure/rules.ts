import type { Role } from '../../staff';
import { isSmall } from './cells';

/*
 * Who sees raw counts, and when a rate may be shown. The organisation's lead (and an admin) sees
 * every count on screen; everyone else, and every export, sees counts of 1 to 4 and anything
 * that would give one away hidden. Every hidden number, whether small itself or hidden so a
 * small one cannot be worked out, shows the same mark: if the two looked different, a "<5"
 * beside a total would narrow the other hidden cell down to a few values.
 */

/** The mark of a hidden number: "[c]" as the Government Statistical Service's guidance on symbols. */
export const WITHHELD = '[c]';

/** Whether the reader sees raw counts: only a lead or admin, on screen, in their own organisation. */
export function seesRawCounts(role: Role, place: 'screen' | 'export'): boolean {
	return place === 'screen' && (role === 'engagementLead' || role === 'admin');
}

/**
 * A percentage gives away its numerator and, with its denominator shown, the rest (denominator −
 * numerator): it is shown only when neither of them, nor the denominator, is from 1 to 4, and the
 * denominator is not hidden for another reason.
 */
export function rateShown(numerator: number, denominator: number, denominatorHidden = false) {
	return (
		denominator > 0 &&
		!denominatorHidden &&
		!isSmall(numerator) &&
		!isSmall(denominator) &&
		!isSmall(denominator - numerator)
	);
}

/**
 * Record-level views (the list of records and a record's page) are for the organisation's lead
 * (and admin) only: a record is one patient's briefing, a count of 1 by nature.
 */
export function maySeeRecords(role: Role): boolean {
	return role === 'engagementLead' || role === 'admin';
}

/** Record-level exports (FHIR, the records CSV) are for the organisation's lead (and admin) only. */
export function mayExportRecords(role: Role): boolean {
	return maySeeRecords(role);
}
