import type { PageServerLoad } from './$types';
import { requirePageRole } from '$lib/server/auth/guard';
import { auditPage } from '$lib/server/administration/audit-log';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'admin', url);
	const asked = Number.parseInt(url.searchParams.get('page') ?? '1', 10);
	return {
		titleKey: 'admin:administration.audit.title',
		...(await auditPage(locals.app.db, user.organisationId, Number.isFinite(asked) ? asked : 1))
	};
};
