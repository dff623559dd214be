import type { VariantOf } from '$lib/domain/briefing';
import type { Db } from '../db/database';
import { createBriefing, createVersion } from '../repositories/briefings';
import { createOrganisation } from '../repositories/organisations';
import { insertLead } from './accounts';

/** For tests: the one-section leaflet most briefing tests publish. */
export const bloodClotsLeaflet = (language: 'en' | 'cy' = 'en'): VariantOf<'leaflet'> => ({
	format: 'leaflet',
	language,
	translationChecked: false,
	title: 'Preventing blood clots',
	sections: [{ heading: 'Keep moving', blocks: [{ kind: 'paragraph', text: 'Walk if you can.' }] }],
	contact: ''
});

/** For tests: a published version of `briefingId` holding the leaflet, approved at `now`. */
export const publishBloodClots = (
	db: Db,
	briefingId: string,
	options: { now: Date; reviewBy: string }
) =>
	createVersion(db, {
		briefingId,
		status: 'published',
		reviewBy: options.reviewBy,
		evidenceLinks: [],
		userTestingNote: '',
		approvedBy: { name: 'Dr Reviewer', at: options.now.toISOString() },
		isExample: false,
		variants: [bloodClotsLeaflet()]
	});

/**
 * For tests of patient pages: Northfield (slug 'northfield'), its lead, and the briefing
 * 'blood-clots' published once.
 */
export async function northfieldWithBloodClots(
	db: Db,
	options: { now: Date; reviewBy: string }
): Promise<{ orgId: string; briefingId: string }> {
	const orgId = (await createOrganisation(db, { name: 'Northfield', slug: 'northfield' })).id;
	const ownerId = await insertLead(db, orgId, { at: options.now });
	const briefingId = (
		await createBriefing(db, {
			organisationId: orgId,
			slug: 'blood-clots',
			topic: 'Preventing blood clots',
			ownerId
		})
	).id;
	await publishBloodClots(db, briefingId, options);
	return { orgId, briefingId };
}
