import type { PageServerLoad } from './$types';
import { viewFor } from './regional-view.server';

export const load: PageServerLoad = async ({ locals, url }) => {
	const view = await viewFor(locals.app.db, locals.user, url);
	return {
		titleKey: 'region:title',
		sharing: view.sharing,
		// The funnel plots only: each organisation's chart is on the measure's own page.
		measures: view.measures.map(({ charts, ...funnel }) => ({
			...funnel,
			organisations: charts.length
		}))
	};
};
