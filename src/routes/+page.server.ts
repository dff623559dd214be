import type { PageServerLoad } from './$types';
import { primaryOrganisation } from '$lib/server/repositories/organisations';
import { listBriefings } from '$lib/server/repositories/briefings';

export const load: PageServerLoad = async ({ locals }) => {
	const organisation = await primaryOrganisation(locals.app.db);
	const briefings = organisation ? await listBriefings(locals.app.db, organisation.id) : [];
	return {
		published: briefings.filter((b) => b.published).map((b) => ({ slug: b.slug, topic: b.topic }))
	};
};
