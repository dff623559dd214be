import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { FeedbackInput } from '$lib/domain/feedback';
import { parseJson } from '$lib/server/http/parse-json';
import { commentToStore, submitFeedback } from '$lib/server/patient-feedback';

/** Patients' feedback: no sign-in, rate-limited per token and address. */
export const POST: RequestHandler = async ({ locals, request, getClientAddress }) => {
	const input = await parseJson(request, FeedbackInput);
	const result = await submitFeedback(locals.app.db, input, getClientAddress());
	if (typeof result === 'object')
		return json(
			{ message: 'tooMany', retryAfterMinutes: result.retryAfterMinutes },
			{ status: 429 }
		);
	if (result === 'unknownBriefing')
		error(400, { message: 'invalidBody', issues: [{ field: 'briefingId', message: 'unknown' }] });
	if (result === 'closed') return json({ message: 'closed' }, { status: 409 });
	// The organisation is suspended: like its pages, gone (410), and nothing is stored.
	if (result === 'notAvailable') return json({ message: 'notAvailable' }, { status: 410 });
	// What was masked in the comment, so that the page can tell the patient.
	return json({ status: result, removed: commentToStore(input.freeText).removed });
};
