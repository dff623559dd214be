import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { regionalMeasures, SharesForm } from '$lib/domain/region';
import { requirePageRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';
import { inTransaction } from '$lib/server/db/database';
import { installKey, monthBefore } from '$lib/server/region/aggregates';
import { regionOf } from '$lib/server/region/regions';
import { organisationToday } from '$lib/server/repositories/organisations';
import { setShare, sharedMeasures } from '$lib/server/region/shares';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'admin', url);
	const { db } = locals.app;
	const region = await regionOf(db, user.organisationId);
	return {
		titleKey: 'region:sharing.title',
		region,
		shared: await sharedMeasures(db, user.organisationId),
		// Not in a region here: its region's view may be on another service, sent files.
		sending: region
			? null
			: {
					fingerprint: (await installKey(db)).fingerprint,
					month: monthBefore(await organisationToday(db, user.organisationId))
				}
	};
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const user = requirePageRole(locals.user, 'admin', url);
		const parsed = parseForm(SharesForm, await readForm(request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const ticked = new Set(parsed.data.measures);
		// All four choices or none: each change audited, in one transaction.
		await inTransaction(locals.app.db, async (trx) => {
			for (const measure of regionalMeasures)
				await setShare(trx, user, measure, ticked.has(measure));
		});
		return { saved: true };
	}
};
