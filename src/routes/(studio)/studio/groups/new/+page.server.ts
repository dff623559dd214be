import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { mayEditContent } from '$lib/domain/staff';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { groupFormValues } from '$lib/domain/patient-group-form';
import { parseGroupForm } from '$lib/server/forms/patient-group-form';
import { readForm } from '$lib/server/http/body-limit';
import {
	createPatientGroupAudited,
	isGroupNameTaken
} from '$lib/server/repositories/patient-groups';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	if (!mayEditContent(user.role)) forbidden();
	return { titleKey: 'catalogue:groups.new.title' };
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const user = requirePageRole(locals.user, 'studio', url);
		if (!mayEditContent(user.role)) forbidden();
		const parsed = parseGroupForm(await readForm(request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		if (await isGroupNameTaken(locals.app.db, user.organisationId, parsed.input.name))
			return fail(400, {
				errors: [{ field: 'name', message: 'groups.errors.nameTaken' }],
				values: groupFormValues(parsed.input)
			});
		const group = await createPatientGroupAudited(locals.app.db, user, parsed.input);
		redirect(303, `/studio/groups/${group.id}?saved=created`);
	}
};
