import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { InviteRegionalLeadForm, PlaceForm, RegionForm } from '$lib/domain/region';
import { requirePageRole } from '$lib/server/auth/guard';
import { formValues, parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';
import { listTrustOrganisations } from '$lib/server/repositories/platform-organisations';
import {
	createRegion,
	inviteRegionalLead,
	listRegions,
	placeOrganisation
} from '$lib/server/region/regions';

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePageRole(locals.user, 'platform', url);
	const { db } = locals.app;
	const [regions, organisations] = await Promise.all([listRegions(db), listTrustOrganisations(db)]);
	return {
		titleKey: 'region:platform.title',
		regions,
		organisations: organisations.map((o) => ({ id: o.id, name: o.name }))
	};
};

export const actions: Actions = {
	create: async ({ locals, url, request }) => {
		const user = requirePageRole(locals.user, 'platform', url);
		const form = await readForm(request);
		const parsed = parseForm(RegionForm, form);
		const values = formValues(RegionForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		const created = await createRegion(locals.app.db, user, parsed.data.name);
		if (created === 'nameTaken')
			return fail(400, { errors: [{ field: 'name', message: 'errors.nameTaken' }], values });
		return { created: parsed.data.name };
	},
	invite: async ({ locals, url, request }) => {
		const user = requirePageRole(locals.user, 'platform', url);
		const form = await readForm(request);
		const values = formValues(InviteRegionalLeadForm, form);
		const parsed = parseForm(InviteRegionalLeadForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values, inviting: values.regionId });
		const invited = await inviteRegionalLead(locals.app.db, user, parsed.data);
		if (!invited.ok)
			return fail(400, {
				errors: [{ field: invited.field, message: invited.message }],
				values,
				inviting: values.regionId
			});
		// The link is shown once, on this answer; only its digest is kept.
		return {
			invited: {
				regionId: parsed.data.regionId,
				email: parsed.data.email,
				link: new URL(`/set-password/${invited.token}`, url.origin).href,
				expiresAt: invited.expiresAt.toISOString()
			}
		};
	},
	place: async ({ locals, url, request }) => {
		const user = requirePageRole(locals.user, 'platform', url);
		const parsed = parseForm(PlaceForm, await readForm(request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const placed = await placeOrganisation(
			locals.app.db,
			user,
			parsed.data.organisationId,
			parsed.data.regionId
		);
		if (!placed)
			return fail(400, { errors: [{ field: 'organisationId', message: 'errors.organisationId' }] });
		return { placed: true };
	}
};
