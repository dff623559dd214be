import type { PageServerLoad } from './$types';
import { reviewState } from '$lib/domain/briefing';
import { requirePageRole } from '$lib/server/auth/guard';
import { listBriefings } from '$lib/server/repositories/briefings';
import { listPatientGroups } from '$lib/server/repositories/patient-groups';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const today = new Date().toISOString().slice(0, 10);
	const [groups, briefings] = await Promise.all([
		listPatientGroups(locals.app.db, user.organisationId),
		listBriefings(locals.app.db, user.organisationId)
	]);
	return {
		titleKey: 'studio:title',
		groups,
		briefings: briefings.map((b) => ({
			...b,
			review: b.latestVersion ? reviewState(b.latestVersion.reviewBy, today) : null
		}))
	};
};
