import type { PageServerLoad } from './$types';
import { requirePageRole } from '$lib/server/auth/guard';
import { listTrustOrganisations } from '$lib/server/repositories/platform-organisations';

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePageRole(locals.user, 'platform', url);
	const organisations = await listTrustOrganisations(locals.app.db);
	return {
		titleKey: 'platform:platform.title',
		organisations: organisations.map((o) => ({
			id: o.id,
			name: o.name,
			odsCode: o.odsCode,
			slug: o.slug,
			suspended: !!o.suspendedAt,
			staffCount: o.staffCount
		}))
	};
};
