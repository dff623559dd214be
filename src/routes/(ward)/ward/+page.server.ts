import type { PageServerLoad } from './$types';
import { reviewState } from '$lib/domain/briefing';
import { requirePageRole } from '$lib/server/auth/guard';
import { briefingsByGroup, listBriefings } from '$lib/server/repositories/briefings';
import { getWard } from '$lib/server/repositories/organisations';
import { listPatientGroups } from '$lib/server/repositories/patient-groups';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'ward', url);
	const { db } = locals.app;
	const today = new Date().toISOString().slice(0, 10);
	const [ward, briefings, groups, assignments] = await Promise.all([
		user.wardId ? getWard(db, user.organisationId, user.wardId) : null,
		listBriefings(db, user.organisationId),
		listPatientGroups(db, user.organisationId),
		briefingsByGroup(db, user.organisationId)
	]);
	const published = briefings
		.filter((b) => b.published)
		.map((b) => ({
			id: b.id,
			slug: b.slug,
			topic: b.topic,
			variants: b.variants,
			reviewBy: b.published?.reviewBy ?? '',
			review: reviewState(b.published?.reviewBy ?? today, today)
		}));
	return {
		titleKey: 'ward:title',
		wardName: ward?.name ?? null,
		briefings: published,
		groups: groups.map((g) => ({
			id: g.id,
			name: g.name,
			description: g.description,
			briefingIds: assignments
				.filter((a) => a.patient_group_id === g.id)
				.map((a) => a.briefing_id)
				.filter((id) => published.some((b) => b.id === id))
		}))
	};
};
