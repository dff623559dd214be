import type { PageServerLoad } from './$types';
import { reviewState, type ReviewState } from '$lib/domain/briefing';
import { requirePageRole } from '$lib/server/auth/guard';
import { loadCoverage } from '$lib/server/repositories/coverage-matrix';
import { organisationToday } from '$lib/server/repositories/organisations';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const [{ reviewBy, ...coverage }, today] = await Promise.all([
		loadCoverage(locals.app.db, user.organisationId),
		organisationToday(locals.app.db, user.organisationId)
	]);
	// Published content past or near its review-by date, by briefing: flagged in its rows.
	const review: Record<string, { reviewBy: string; state: Exclude<ReviewState, 'inDate'> }> = {};
	for (const [id, date] of Object.entries(reviewBy)) {
		const state = reviewState(date, today);
		if (state !== 'inDate') review[id] = { reviewBy: date, state };
	}
	return { titleKey: 'catalogue:matrix.title', ...coverage, review };
};
