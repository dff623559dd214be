import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { CountHeldForm } from '$lib/domain/held-record';
import { maySeeRecords } from '$lib/domain/measurement/disclosure';
import { PageQuery } from '$lib/domain/pagination';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { noteOwnWrite } from '$lib/server/db/read-replica';
import { parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';
import { parseQuery } from '$lib/server/http/parse-query';
import { countSetAsideRecord } from '$lib/server/repositories/held-records';
import { setAsideRecordsPage } from '$lib/server/repositories/set-aside-records';

/*
 * Records held for checking that were set aside (hazard H8), newest first, a page at a time;
 * one a lead set aside may be counted after all. Record-level, so for the organisation's lead
 * (and admin) only, as the held list is.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	if (!maySeeRecords(user.role)) forbidden();
	const query = parseQuery(url, PageQuery);
	return {
		titleKey: 'measure:held.setAsideList.title',
		...(await setAsideRecordsPage(locals.app.db, user.organisationId, query.page))
	};
};

export const actions: Actions = {
	count: async ({ locals, url, request, cookies }) => {
		const user = requirePageRole(locals.user, 'studio', url);
		if (!maySeeRecords(user.role)) forbidden();
		const parsed = parseForm(CountHeldForm, await readForm(request));
		if (!parsed.ok)
			return fail(400, { errors: [{ field: 'records', message: 'held.errors.which' }] });
		const decision = await countSetAsideRecord(locals.app.db, user, parsed.data.id);
		if (decision === 'notFound') error(404, { message: 'notFound' });
		if (decision !== 'counted') {
			const message =
				decision === 'undoneOnWard' ? 'held.errors.undoneOnWard' : 'held.errors.stale';
			return fail(409, { errors: [{ field: 'records', message }] });
		}
		// The measures count it at once, for the lead who counted it.
		noteOwnWrite(locals.app, cookies);
		return { result: decision };
	}
};
