import type { LayoutServerLoad } from './$types';
import { DEFAULT_TIME_ZONE } from '$lib/domain/local-time';
import { areaStrings } from '$lib/server/locales';
import { getOrganisation, organisationBySlug } from '$lib/server/repositories/organisations';
import { findRegion } from '$lib/server/region/regions';

/*
 * Whose name the header shows: the signed-in person's organisation (from the session, never
 * from the request), a regional lead's region (their account sits in the platform organisation,
 * whose name means nothing to them), or, on a patient page under /o/<organisation>/, that
 * organisation's.
 */
export const load: LayoutServerLoad = async ({ locals, params }) => {
	const { user, lang } = locals;
	// Prerendered pages (the offline shell) are built without a database.
	const db = locals.app?.db;
	let organisationId = user?.organisationId ?? null;
	if (db && !user && params.organisation) {
		const found = await organisationBySlug(db, params.organisation);
		if (found && !found.suspended) organisationId = found.id;
	}
	const organisation = db && organisationId ? await getOrganisation(db, organisationId) : null;
	const region =
		db && user?.role === 'regionalLead' && user.regionId
			? await findRegion(db, user.regionId)
			: null;
	return {
		lang,
		// The strings of pages outside an area (sign-in, account); an area's layout brings its own.
		...areaStrings(lang, 'base'),
		organisationName: region?.name ?? organisation?.name ?? null,
		timeZone: organisation?.timeZone ?? DEFAULT_TIME_ZONE,
		user: user ? { displayName: user.displayName, role: user.role } : null
	};
};
