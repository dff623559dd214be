import type { PageServerLoad } from './$types';
import { requirePageRole } from '$lib/server/auth/guard';
import { listStaff } from '$lib/server/administration/staff';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'admin', url);
	return {
		titleKey: 'admin:title',
		accounts: await listStaff(locals.app.db, user.organisationId)
	};
};
