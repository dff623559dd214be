import type { PageServerLoad } from './$types';
import { viewFor } from '../regional-view.server';

export const load: PageServerLoad = async ({ locals, url }) => {
	const view = await viewFor(locals.app.db, locals.user, url);
	return { titleKey: 'region:equity.title', equity: view.equity, received: view.received };
};
