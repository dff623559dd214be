import { z } from 'zod';
import type { RequestHandler } from './$types';
import { PatientToken } from '$lib/domain/delivery-record';
import { parseJson } from '$lib/server/http/parse-json';
import { addressKey, hitRateLimits } from '$lib/server/rate-limit';
import { recordViewEvent } from '$lib/server/repositories/feedback';

const ViewEvent = z.strictObject({ token: PatientToken, event: z.literal('finished') });

/** The patient read or watched to the end: recorded once against the token, nothing else. */
export const POST: RequestHandler = async ({ locals, request, getClientAddress }) => {
	const { token } = await parseJson(request, ViewEvent);
	const limit = { max: 60, windowMinutes: 60 };
	const decision = await hitRateLimits(locals.app.db, [
		{ key: addressKey(getClientAddress()), limit }
	]);
	if (!decision.limited) await recordViewEvent(locals.app.db, token, 'finished');
	return new Response(null, { status: decision.limited ? 429 : 204 });
};
