import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { AimForm } from '$lib/domain/measurement/aim';
import { mayEditContent, type StaffAccount } from '$lib/domain/staff';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms/parse-form';
import { createAim } from '$lib/server/repositories/aims';
import { listWards } from '$lib/server/repositories/organisations';
import { listPatientGroups } from '$lib/server/repositories/patient-groups';
import { readForm } from '$lib/server/http/body-limit';
import { noteOwnWrite } from '$lib/server/db/read-replica';

function requireLead(locals: App.Locals, url: URL): StaffAccount {
	const user = requirePageRole(locals.user, 'studio', url);
	if (!mayEditContent(user.role)) forbidden();
	return user;
}

async function choices(locals: App.Locals, organisationId: string) {
	const [wards, groups] = await Promise.all([
		// Retired wards are not offered for a new aim, and an aim naming one is refused.
		listWards(locals.app.db, organisationId, 'active'),
		listPatientGroups(locals.app.db, organisationId)
	]);
	return {
		wards: wards.map((w) => ({ id: w.id, name: w.name })),
		groups: groups.map((g) => ({ id: g.id, name: g.name }))
	};
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireLead(locals, url);
	return { titleKey: 'measure:aim.title', ...(await choices(locals, user.organisationId)) };
};

export const actions: Actions = {
	default: async ({ locals, url, request, cookies }) => {
		const user = requireLead(locals, url);
		const form = await readForm(request);
		const values = {
			title: String(form.get('title') ?? ''),
			measure: String(form.get('measure') ?? ''),
			target: String(form.get('target') ?? ''),
			dueBy: String(form.get('dueBy') ?? ''),
			wardIds: form.getAll('wardIds').map(String),
			patientGroupIds: form.getAll('patientGroupIds').map(String)
		};
		const parsed = parseForm(AimForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		// Only this organisation's wards and groups: anything else is refused, naming the field.
		const { wards, groups } = await choices(locals, user.organisationId);
		const unknown = (ids: string[], known: Array<{ id: string }>) =>
			ids.some((id) => !known.some((k) => k.id === id));
		const errors = [
			...(unknown(parsed.data.wardIds, wards)
				? [{ field: 'wardIds', message: 'aim.errors.wardIds' }]
				: []),
			...(unknown(parsed.data.patientGroupIds, groups)
				? [{ field: 'patientGroupIds', message: 'aim.errors.patientGroupIds' }]
				: [])
		];
		if (errors.length) return fail(400, { errors, values });
		await createAim(locals.app.db, user, parsed.data);
		noteOwnWrite(locals.app, cookies);
		redirect(303, '/studio/measurement');
	}
};
