import type { PageServerLoad } from './$types';
import { maySeeRecords } from '$lib/domain/measurement/disclosure';
import { mayEditContent } from '$lib/domain/staff';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { listRecentDeliveries } from '$lib/server/repositories/delivery-corrections';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	// Record-level data: the organisation's lead (and admin) only, never a reviewer.
	if (!maySeeRecords(user.role)) forbidden();
	return {
		titleKey: 'studio:deliveries.title',
		deliveries: await listRecentDeliveries(locals.app.db, user.organisationId),
		mayCorrect: mayEditContent(user.role)
	};
};
