import type { PageServerLoad } from './$types';
import { mayEditContent } from '$lib/domain/staff';
import { requirePageRole } from '$lib/server/auth/guard';
import { listPatientGroups } from '$lib/server/repositories/patient-groups';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const groups = await listPatientGroups(locals.app.db, user.organisationId, {
		includeArchived: true
	});
	return {
		titleKey: 'catalogue:groups.title',
		active: groups.filter((g) => !g.archived),
		archived: groups.filter((g) => g.archived),
		mayEdit: mayEditContent(user.role)
	};
};
