import type { Db } from './db/database';
import { listBriefings } from './repositories/briefings';
import { listPublicOrganisations } from './repositories/organisations';

/**
 * Each public organisation's published briefings (slug and topic): the way on for a patient
 * whose link or code did not work, which names no one and needs no token.
 */
export async function publicBriefings(db: Db) {
	const organisations = await listPublicOrganisations(db);
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
