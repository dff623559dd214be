import type { PageServerLoad } from './$types';
import { requirePageRole } from '$lib/server/auth/guard';
import { loadCoverage } from '$lib/server/repositories/coverage-matrix';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	return {
		titleKey: 'catalogue:matrix.title',
		...(await loadCoverage(locals.app.db, user.organisationId))
	};
};
