import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { PatientToken } from '$lib/domain/delivery-record';
import { parseJson } from '$lib/server/http/parse-json';
import { recordPatientView } from '$lib/server/patient-feedback';

const ViewEvent = z.strictObject({ token: PatientToken, event: z.literal('finished') });

/** The patient read or watched to the end: recorded once against a delivery's token, nothing else. */
export const POST: RequestHandler = async ({ locals, request, getClientAddress }) => {
	const { token } = await parseJson(request, ViewEvent);
	const result = await recordPatientView(locals.app.db, token, 'finished', getClientAddress());
	// The organisation is suspended: like its pages, gone (410), and nothing is stored.
	if (result === 'notAvailable') return json({ message: 'notAvailable' }, { status: 410 });
	return new Response(null, { status: typeof result === 'object' ? 429 : 204 });
};
