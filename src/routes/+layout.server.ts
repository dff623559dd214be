import type { LayoutServerLoad } from './$types';
import { DEFAULT_TIME_ZONE } from '$lib/domain/local-time';
import { loadResources } from '$lib/server/locales';
import { getOrganisation, primaryOrganisation } from '$lib/server/repositories/organisations';

export const load: LayoutServerLoad = async ({ locals }) => {
	const { user, lang } = locals;
	// Prerendered pages (the offline shell) are built without a database.
	const db = locals.app?.db;
	const organisation = db
		? user
			? await getOrganisation(db, user.organisationId)
			: await primaryOrganisation(db)
		: null;
	return {
		lang,
		resources: loadResources(lang),
		organisationName: organisation?.name ?? null,
		timeZone: organisation?.timeZone ?? DEFAULT_TIME_ZONE,
		user: user ? { displayName: user.displayName, role: user.role } : null
	};
};
