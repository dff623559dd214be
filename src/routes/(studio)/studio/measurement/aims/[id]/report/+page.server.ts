import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { requirePageRole } from '$lib/server/auth/guard';
import { aimSummary } from '$lib/server/measurement/overview';
import { getAim } from '$lib/server/repositories/aims';
import { listAnnotations } from '$lib/server/repositories/chart-notes';
import { listWards, organisationToday } from '$lib/server/repositories/organisations';
import { listPatientGroups } from '$lib/server/repositories/patient-groups';
import { readDatabase } from '$lib/server/db/read-replica';

/**
 * A one-page board report for one aim, current or closed; counts are suppressed, as in every
 * export. It reads the aim as it now stands, so a corrected name or target shows at once.
 */
export const load: PageServerLoad = async ({ locals, url, params, cookies }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const db = readDatabase(locals.app, cookies);
	const id = z.uuid().safeParse(params.id);
	const aim = id.success ? await getAim(db, user.organisationId, id.data) : null;
	if (!aim) error(404, { message: 'notFound' });
	const today = await organisationToday(db, user.organisationId);
	const [summary, annotations, wards, groups] = await Promise.all([
		aimSummary(db, user.organisationId, aim, today, false),
		listAnnotations(db, user.organisationId, aim.wardIds.length === 1 ? aim.wardIds[0] : undefined),
		listWards(db, user.organisationId),
		listPatientGroups(db, user.organisationId)
	]);
	return {
		title: aim.title,
		aim: summary,
		today,
		annotations: annotations.map((a, i) => ({ ...a, number: i + 1 })),
		wardNames: wards.filter((w) => aim.wardIds.includes(w.id)).map((w) => w.name),
		groupNames: groups.filter((g) => aim.patientGroupIds.includes(g.id)).map((g) => g.name)
	};
};
