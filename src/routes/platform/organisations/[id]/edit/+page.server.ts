import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { OrganisationSettings } from '$lib/domain/platform';
import { requirePageRole } from '$lib/server/auth/guard';
import {
	organisationFormValues,
	parseOrganisationForm,
	savingUniqueFields
} from '$lib/server/forms/organisation-form';
import { readForm } from '$lib/server/http/body-limit';
import {
	findTrustOrganisation,
	updateOrganisation
} from '$lib/server/repositories/platform-organisations';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requirePageRole(locals.user, 'platform', url);
	const organisation = await findTrustOrganisation(locals.app.db, { id: params.id });
	if (!organisation) error(404, { message: 'notFound' });
	return {
		title: organisation.name,
		organisation: { id: organisation.id, name: organisation.name },
		values: {
			name: organisation.name,
			odsCode: organisation.odsCode ?? '',
			slug: organisation.slug,
			timeZone: organisation.timeZone,
			contact: organisation.contact,
			defaultLanguages: organisation.defaultLanguages
		}
	};
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const user = requirePageRole(locals.user, 'platform', url);
		const { db } = locals.app;
		if (!(await findTrustOrganisation(db, { id: params.id }))) error(404, { message: 'notFound' });
		const form = await readForm(request);
		const parsed = await parseOrganisationForm(db, OrganisationSettings, form, params.id);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const saved = await savingUniqueFields(db, parsed.data, params.id, () =>
			updateOrganisation(db, user, params.id, parsed.data)
		);
		if (!saved.ok) return fail(400, { errors: saved.errors, values: organisationFormValues(form) });
		redirect(303, `/platform/organisations/${params.id}?done=saved`);
	}
};
