import type { LayoutServerLoad } from './$types';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { areaStrings } from '$lib/server/locales';
import { findRegion } from '$lib/server/region/regions';

/** A regional lead's pages: the role (the hook checked it too) and the region it is scoped to. */
export const load: LayoutServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'region', url);
	const region = user.regionId ? await findRegion(locals.app.db, user.regionId) : undefined;
	if (!region) forbidden();
	return { region, ...areaStrings(locals.lang, 'region') };
};
