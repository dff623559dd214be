import type { PageServerLoad } from './$types';
import { reviewState } from '$lib/domain/briefing';
import { mayEditContent } from '$lib/domain/staff';
import { requirePageRole } from '$lib/server/auth/guard';
import { listBriefings } from '$lib/server/repositories/briefings';
import { reviewDue } from '$lib/server/repositories/briefing-versions';
import { listPatientGroups } from '$lib/server/repositories/patient-groups';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const today = new Date().toISOString().slice(0, 10);
	const [groups, briefings, due] = await Promise.all([
		listPatientGroups(locals.app.db, user.organisationId),
		listBriefings(locals.app.db, user.organisationId),
		reviewDue(locals.app.db, user.organisationId, today)
	]);
	return {
		titleKey: 'studio:title',
		// Reviewers read the studio but may not import content: no link to a page that refuses them.
		mayEditContent: mayEditContent(user.role),
		groups,
		due,
		briefings: briefings.map((b) => ({
			...b,
			review: b.latestVersion ? reviewState(b.latestVersion.reviewBy, today) : null
		}))
	};
};
