import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { PatientGroupInput } from '$lib/domain/patient-group';
import { mayEditContent } from '$lib/domain/staff';
import { forbidden, requireApiRole } from '$lib/server/auth/guard';
import { parseJson } from '$lib/server/http/parse-json';
import {
	createPatientGroupAudited,
	listPatientGroups
} from '$lib/server/repositories/patient-groups';

export const GET: RequestHandler = async ({ locals }) => {
	const user = requireApiRole(locals.user, 'studio');
	return json(await listPatientGroups(locals.app.db, user.organisationId));
};

export const POST: RequestHandler = async ({ locals, request }) => {
	const user = requireApiRole(locals.user, 'studio');
	if (!mayEditContent(user.role)) forbidden();
	const input = await parseJson(request, PatientGroupInput);
	const group = await createPatientGroupAudited(locals.app.db, user, input);
	return json(group, { status: 201 });
};
