import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { WardForm } from '$lib/domain/administration';
import { requirePageRole } from '$lib/server/auth/guard';
import { editWard, getWardRow, setWardRetired } from '$lib/server/administration/wards';
import { formValues, parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';

async function subject({
	locals,
	url,
	params
}: {
	locals: App.Locals;
	url: URL;
	params: { id: string };
}) {
	const admin = requirePageRole(locals.user, 'admin', url);
	const ward = await getWardRow(locals.app.db, admin.organisationId, params.id);
	if (!ward) error(404, { message: 'notFound' });
	return { admin, ward };
}

export const load: PageServerLoad = async (event) => {
	const { ward } = await subject(event);
	// Retire was pressed (a GET to ?confirm=retire): ask before doing it.
	const confirmingRetire = event.url.searchParams.get('confirm') === 'retire' && !ward.retiredAt;
	return { title: ward.name, ward, confirmingRetire };
};

export const actions: Actions = {
	edit: async (event) => {
		const { admin, ward } = await subject(event);
		const form = await readForm(event.request);
		const values = formValues(WardForm, form);
		const parsed = parseForm(WardForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		const saved = await editWard(event.locals.app.db, admin, ward.id, parsed.data);
		if (!saved.ok && saved.field === 'notFound') error(404, { message: 'notFound' });
		if (!saved.ok)
			return fail(400, {
				errors: [{ field: saved.field, message: 'message' in saved ? saved.message : '' }],
				values
			});
		return { done: 'saved' };
	},
	retire: async (event) => {
		const { admin, ward } = await subject(event);
		await setWardRetired(event.locals.app.db, admin, ward.id, true);
		return { done: 'retired' };
	},
	reinstate: async (event) => {
		const { admin, ward } = await subject(event);
		await setWardRetired(event.locals.app.db, admin, ward.id, false);
		return { done: 'reinstated' };
	}
};
