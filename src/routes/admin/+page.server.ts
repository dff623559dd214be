import type { PageServerLoad } from './$types';
import { requirePageRole } from '$lib/server/auth/guard';
import { listWards } from '$lib/server/repositories/organisations';
import { listStaffAccounts } from '$lib/server/repositories/staff-accounts';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'admin', url);
	const [accounts, wards] = await Promise.all([
		listStaffAccounts(locals.app.db, user.organisationId),
		listWards(locals.app.db, user.organisationId)
	]);
	return { titleKey: 'admin:title', accounts, wards };
};
