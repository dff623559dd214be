import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { AddStaffForm } from '$lib/domain/administration';
import { requirePageRole } from '$lib/server/auth/guard';
import { addStaff } from '$lib/server/administration/staff';
import { listWardRows } from '$lib/server/administration/wards';
import { formValues, parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'admin', url);
	const wards = await listWardRows(locals.app.db, user.organisationId);
	return {
		titleKey: 'admin:administration.staff.new.title',
		wards: wards.filter((w) => !w.retiredAt).map((w) => ({ id: w.id, name: w.name }))
	};
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const user = requirePageRole(locals.user, 'admin', url);
		const form = await readForm(request);
		const values = formValues(AddStaffForm.in, form);
		const parsed = parseForm(AddStaffForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		const added = await addStaff(locals.app.db, user, parsed.data);
		if (!added.ok)
			return fail(400, { errors: [{ field: added.field, message: added.message }], values });
		// The link is shown once, on this answer; only its digest is kept.
		return {
			created: {
				id: added.account.id,
				displayName: added.account.displayName,
				email: added.account.email,
				link: new URL(`/set-password/${added.token}`, url.origin).href,
				expiresAt: added.expiresAt.toISOString()
			}
		};
	}
};
