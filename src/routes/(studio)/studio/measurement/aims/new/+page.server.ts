import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { mayEditContent, type StaffAccount } from '$lib/domain/staff';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { aimChoices, readAimForm } from '$lib/server/measurement/aim-form';
import { organisationToday } from '$lib/server/repositories/organisations';
import { createAim } from '$lib/server/repositories/aims';
import { readForm } from '$lib/server/http/body-limit';
import { noteOwnWrite } from '$lib/server/db/read-replica';

function requireLead(locals: App.Locals, url: URL): StaffAccount {
	const user = requirePageRole(locals.user, 'studio', url);
	if (!mayEditContent(user.role)) forbidden();
	return user;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireLead(locals, url);
	return {
		titleKey: 'measure:aim.title',
		...(await aimChoices(locals.app.db, user.organisationId))
	};
};

export const actions: Actions = {
	default: async ({ locals, url, request, cookies }) => {
		const user = requireLead(locals, url);
		const form = await readForm(request);
		const read = readAimForm(form, await aimChoices(locals.app.db, user.organisationId), {
			today: await organisationToday(locals.app.db, user.organisationId)
		});
		if (!read.ok) return fail(400, { errors: read.errors, values: read.values });
		await createAim(locals.app.db, user, read.aim);
		noteOwnWrite(locals.app, cookies);
		redirect(303, '/studio/measurement');
	}
};
