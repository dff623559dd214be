import type { PageServerLoad } from './$types';
import { parseQuery } from '$lib/server/http/parse-query';
import { maySeeRecords } from '$lib/domain/measurement/disclosure';
import { PageQuery, pageWindow, pagingOf } from '$lib/domain/pagination';
import { mayEditContent } from '$lib/domain/staff';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import {
	countDeliveries,
	listRecentDeliveries
} from '$lib/server/repositories/delivery-corrections';
import { listWards } from '$lib/server/repositories/organisations';

/** Deliveries a page; the pages reach back to the first record kept. */
const PER_PAGE = 50;

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	// Record-level data: the organisation's lead (and admin) only, never a reviewer.
	if (!maySeeRecords(user.role)) forbidden();
	const db = locals.app.db;
	// Retired wards too: their records can still need a correction.
	const wards = await listWards(db, user.organisationId);
	// One of this organisation's wards, or every ward (anything else asked for).
	const wardId = wards.find((w) => w.id === url.searchParams.get('ward'))?.id ?? null;
	const total = await countDeliveries(db, user.organisationId, { wardId });
	const slice = pageWindow(parseQuery(url, PageQuery).page, total, PER_PAGE);
	const deliveries = await listRecentDeliveries(db, user.organisationId, { ...slice, wardId });
	return {
		titleKey: 'studio:deliveries.title',
		wards: wards.map((w) => ({ id: w.id, name: w.name })),
		wardId,
		paging: pagingOf(slice, deliveries.length),
		deliveries,
		mayCorrect: mayEditContent(user.role)
	};
};
