import type { Db } from './db/database';
import { listBriefings } from './repositories/briefings';
import { listPublicOrganisations } from './repositories/organisations';

/**
 * Each public organisation's published briefings (slug and topic): the way on for a patient
 * whose link or code did not work, which names no one and needs no token. `only`: the slug of
 * the organisation the link was known to belong to (an expired one), whose briefings alone are
 * listed; all of them when it is not a public organisation now.
 */
export async function publicBriefings(db: Db, only?: string) {
	const all = await listPublicOrganisations(db);
	const own = all.filter((o) => o.slug === only);
	const organisations = own.length > 0 ? own : all;
	return Promise.all(
		organisations.map(async ({ id, slug, name }) => ({
			slug,
			name,
			briefings: (await listBriefings(db, id))
				.filter((b) => b.published)
				.map((b) => ({ slug: b.slug, topic: b.topic }))
		}))
	);
}
