import type { PageServerLoad } from './$types';
import { listBriefings } from '$lib/server/repositories/briefings';

/** The organisation's patient home: its name and its published briefings. */
export const load: PageServerLoad = async ({ locals, parent }) => {
	const { organisation } = await parent();
	const briefings = await listBriefings(locals.app.readDb, organisation.id);
	return {
		title: organisation.name,
		published: briefings.filter((b) => b.published).map((b) => ({ slug: b.slug, topic: b.topic }))
	};
};
