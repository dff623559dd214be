import type { PageServerLoad } from './$types';
import { mayEditContent } from '$lib/domain/staff';
import { requirePageRole } from '$lib/server/auth/guard';
import { listRecentDeliveries } from '$lib/server/repositories/delivery-corrections';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	return {
		titleKey: 'studio:deliveries.title',
		deliveries: await listRecentDeliveries(locals.app.db, user.organisationId),
		mayCorrect: mayEditContent(user.role)
	};
};
