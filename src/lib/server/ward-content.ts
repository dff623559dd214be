import { DEFAULT_TIME_ZONE } from '$lib/domain/local-time';
import type { WardContent } from '$lib/domain/ward-content';
import type { Db } from './db/database';
import { briefingsByGroup, listBriefings, publishedBriefingBySlug } from './repositories/briefings';
import { getOrganisation, listWards, publicOrganisation } from './repositories/organisations';
import { activeWardIds } from './administration/wards';
import { listPatientGroups } from './repositories/patient-groups';

/** The organisation's published content for ward devices (see WardContent). */
export async function loadWardContent(
	db: Db,
	organisationId: string,
	now = new Date()
): Promise<WardContent> {
	const [organisation, address, wards, groups, summaries, assignments, active] = await Promise.all([
		getOrganisation(db, organisationId),
		publicOrganisation(db, organisationId),
		listWards(db, organisationId),
		listPatientGroups(db, organisationId),
		listBriefings(db, organisationId),
		briefingsByGroup(db, organisationId),
		activeWardIds(db, organisationId)
	]);
	// Each published briefing's version at once, not one after another: on PostgreSQL each is
	// a round trip, and a ward page waited on all of them in turn (bench staff-render).
	const found = await Promise.all(
		summaries
			.filter((summary) => summary.published)
			.map((summary) => publishedBriefingBySlug(db, organisationId, summary.slug))
	);
	const briefings: WardContent['briefings'] = found.flatMap((one) =>
		one
			? [
					{
						id: one.briefing.id,
						slug: one.briefing.slug,
						topic: one.briefing.topic,
						versionId: one.version.id,
						versionNumber: one.version.number,
						reviewBy: one.version.reviewBy,
						isExample: one.version.isExample,
						variants: one.version.variants
					}
				]
			: []
	);
	const published = new Set(briefings.map((b) => b.id));
	return {
		fetchedAt: now.toISOString(),
		organisationName: organisation?.name ?? '',
		organisationSlug: address?.slug ?? '',
		timeZone: organisation?.timeZone ?? DEFAULT_TIME_ZONE,
		defaultLanguages: address?.defaultLanguages ?? [],
		// Retired wards leave the device's picker; their records keep them.
		wards: wards.filter((w) => active.has(w.id)).map((w) => ({ id: w.id, name: w.name })),
		groups: groups.map((g) => ({
			id: g.id,
			name: g.name,
			description: g.description,
			communicationNeeds: g.communicationNeeds,
			preferredFormats: g.preferredFormats,
			usualLanguages: g.usualLanguages,
			ageBands: g.ageBands,
			briefingIds: assignments
				.filter((a) => a.patient_group_id === g.id && published.has(a.briefing_id))
				.map((a) => a.briefing_id)
		})),
		briefings
	};
}
