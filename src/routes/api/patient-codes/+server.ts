import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { PatientCodeRequest } from '$lib/domain/patient-code';
import { requireApiRole } from '$lib/server/auth/guard';
import { parseJson } from '$lib/server/http/parse-json';
import { issuePatientCode } from '$lib/server/patient-codes';

/**
 * The ward asks for a typed code as it shows the QR code (before the record is saved): the same
 * code again for the same token. Only for a briefing of the nurse's own organisation.
 */
export const POST: RequestHandler = async ({ locals, request }) => {
	const user = requireApiRole(locals.user, 'ward');
	const input = await parseJson(request, PatientCodeRequest);
	const issued = await issuePatientCode(locals.app.db, user.organisationId, input);
	if (issued === 'unknownBriefing')
		error(400, { message: 'invalidBody', issues: [{ field: 'briefingId', message: 'unknown' }] });
	return json(issued);
};
