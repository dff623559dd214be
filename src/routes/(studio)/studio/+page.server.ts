import type { PageServerLoad } from './$types';
import { reviewState } from '$lib/domain/briefing';
import { mayEditContent, mayReview } from '$lib/domain/staff';
import { requirePageRole } from '$lib/server/auth/guard';
import { listBriefings } from '$lib/server/repositories/briefings';
import { reviewDue } from '$lib/server/repositories/briefing-versions';
import { awaitingReview } from '$lib/server/repositories/content-governance';
import { listPatientGroups } from '$lib/server/repositories/patient-groups';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const today = new Date().toISOString().slice(0, 10);
	const [groups, briefings, due, waiting] = await Promise.all([
		listPatientGroups(locals.app.db, user.organisationId),
		listBriefings(locals.app.db, user.organisationId),
		reviewDue(locals.app.db, user.organisationId, today),
		awaitingReview(locals.app.db, user.organisationId)
	]);
	return {
		titleKey: 'studio:title',
		// Reviewers read the studio but may not import content: no link to a page that refuses them.
		mayEditContent: mayEditContent(user.role),
		// A reviewer's work list comes first on their studio home.
		forReviewer: mayReview(user.role) && !mayEditContent(user.role),
		groups,
		due,
		waiting,
		briefings: briefings.map((b) => ({
			...b,
			review: b.latestVersion ? reviewState(b.latestVersion.reviewBy, today) : null
		}))
	};
};
