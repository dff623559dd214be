import type { PageServerLoad } from './$types';
import { mayEditContent } from '$lib/domain/staff';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { listRecentFeedback } from '$lib/server/repositories/feedback';

/** Patients' feedback with its free text: for engagement leads (and admins) only. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	if (!mayEditContent(user.role)) forbidden();
	return {
		titleKey: 'studio:feedback.title',
		feedback: await listRecentFeedback(locals.app.db, user.organisationId)
	};
};
