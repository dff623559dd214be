import type { LayoutServerLoad } from './$types';
import { requirePageRole } from '$lib/server/auth/guard';

export const load: LayoutServerLoad = ({ locals, url }) => {
	requirePageRole(locals.user, 'platform', url);
};
