import type { PageServerLoad } from './$types';
import { requirePageRole } from '$lib/server/auth/guard';
import { auditPage } from '$lib/server/administration/audit-log';
import { PageQuery } from '$lib/domain/pagination';
import { parseQuery } from '$lib/server/http/parse-query';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'admin', url);
	const { page } = parseQuery(url, PageQuery);
	return {
		titleKey: 'admin:administration.audit.title',
		...(await auditPage(locals.app.db, user.organisationId, page ?? 1))
	};
};
