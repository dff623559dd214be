import type { PageServerLoad } from './$types';
import { mayExportRecords, seesRawCounts } from '$lib/domain/measurement/disclosure';
import { mayEditContent } from '$lib/domain/staff';
import { requirePageRole } from '$lib/server/auth/guard';
import { measurementOverview } from '$lib/server/measurement/overview';
import { organisationToday } from '$lib/server/repositories/organisations';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const today = await organisationToday(locals.app.db, user.organisationId);
	return {
		titleKey: 'measure:title',
		...(await measurementOverview(
			locals.app.db,
			user.organisationId,
			today,
			seesRawCounts(user.role, 'screen')
		)),
		mayEdit: mayEditContent(user.role),
		mayExportRecords: mayExportRecords(user.role)
	};
};
