import type { PageServerLoad } from './$types';
import { mayExportRecords, maySeeRecords, seesRawCounts } from '$lib/domain/measurement/disclosure';
import { mayEditContent } from '$lib/domain/staff';
import { requirePageRole } from '$lib/server/auth/guard';
import { measurementOverview } from '$lib/server/measurement/overview';
import { countHeldRecords } from '$lib/server/repositories/held-records';
import { organisationToday } from '$lib/server/repositories/organisations';
import { readDatabase } from '$lib/server/db/read-replica';

export const load: PageServerLoad = async ({ locals, url, cookies }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	// Measures read the replica, if any; a lead's own change just made, the primary.
	const db = readDatabase(locals.app, cookies);
	const today = await organisationToday(db, user.organisationId);
	return {
		titleKey: 'measure:title',
		...(await measurementOverview(
			db,
			user.organisationId,
			today,
			seesRawCounts(user.role, 'screen')
		)),
		mayEdit: mayEditContent(user.role),
		mayExportRecords: mayExportRecords(user.role),
		// Records held for checking: the lead's to decide (null: not theirs to see).
		held: maySeeRecords(user.role) ? await countHeldRecords(db, user.organisationId) : null
	};
};
