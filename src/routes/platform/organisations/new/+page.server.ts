import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { DEFAULT_TIME_ZONE } from '$lib/domain/local-time';
import { NewOrganisation } from '$lib/domain/platform';
import { requirePageRole } from '$lib/server/auth/guard';
import {
	organisationFormValues,
	parseOrganisationForm,
	savingUniqueFields
} from '$lib/server/forms/organisation-form';
import { readForm } from '$lib/server/http/body-limit';
import { createOrganisationWithAdmin } from '$lib/server/repositories/platform-organisations';

export const load: PageServerLoad = ({ locals, url }) => {
	requirePageRole(locals.user, 'platform', url);
	return {
		titleKey: 'platform:platform.new.title',
		blank: {
			name: '',
			odsCode: '',
			slug: '',
			timeZone: DEFAULT_TIME_ZONE,
			contact: '',
			defaultLanguages: ['en'],
			adminEmail: '',
			adminName: ''
		}
	};
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const user = requirePageRole(locals.user, 'platform', url);
		const { db } = locals.app;
		const form = await readForm(request);
		const parsed = await parseOrganisationForm(db, NewOrganisation, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const saved = await savingUniqueFields(db, parsed.data, undefined, () =>
			createOrganisationWithAdmin(db, user, parsed.data)
		);
		if (!saved.ok) return fail(400, { errors: saved.errors, values: organisationFormValues(form) });
		const created = saved.value;
		// Shown once, in this answer only: the page is not stored, and only the token's digest is.
		return {
			created: {
				id: created.organisation.id,
				name: created.organisation.name,
				adminName: created.admin.displayName,
				adminEmail: created.admin.email,
				link: new URL(`/set-password/${created.token}`, url.origin).href
			}
		};
	}
};
