import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { WardForm } from '$lib/domain/administration';
import { requirePageRole } from '$lib/server/auth/guard';
import { addWard, listWardRows } from '$lib/server/administration/wards';
import { formValues, parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'admin', url);
	return {
		titleKey: 'admin:wards.heading',
		wards: await listWardRows(locals.app.db, user.organisationId)
	};
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const user = requirePageRole(locals.user, 'admin', url);
		const form = await readForm(request);
		const values = formValues(WardForm, form);
		const parsed = parseForm(WardForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		const added = await addWard(locals.app.db, user, parsed.data);
		if (!added.ok)
			return fail(400, {
				errors: [{ field: added.field, message: 'message' in added ? added.message : '' }],
				values
			});
		redirect(303, `/admin/wards?added=${added.id}`);
	}
};
