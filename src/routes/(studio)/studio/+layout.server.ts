import type { LayoutServerLoad } from './$types';
import { requirePageRole } from '$lib/server/auth/guard';
import { areaStrings } from '$lib/server/locales';

export const load: LayoutServerLoad = ({ locals, url }) => {
	requirePageRole(locals.user, 'studio', url);
	return areaStrings(locals.lang, 'studio');
};
