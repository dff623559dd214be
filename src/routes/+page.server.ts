import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { listPublicOrganisations } from '$lib/server/repositories/organisations';

/**
 * The service's front door. With one organisation, a patient goes straight to its home
 * (/o/<slug>, the query such as ?lang= kept); with several, they choose theirs here. Signed-in
 * staff stay here, for the way to their work.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const organisations = await listPublicOrganisations(locals.app.db);
	const only = organisations.length === 1 ? organisations[0] : undefined;
	if (only && !locals.user) redirect(307, `/o/${only.slug}${url.search}`);
	return {
		organisations: organisations.map(({ slug, name }) => ({ slug, name }))
	};
};
