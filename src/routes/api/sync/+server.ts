import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { SyncRequest, type SyncResponse } from '$lib/domain/sync';
import { requireApiRole } from '$lib/server/auth/guard';
import { parseJson } from '$lib/server/http/parse-json';
import { applyChanges } from '$lib/server/sync/apply-changes';
import { answerHeaders, understandsHeld } from '$lib/server/sync/understands';

/**
 * The device's outbox: a batch of changes in, one result per change out (see
 * $lib/domain/sync). A malformed envelope is a 400; a bad change is refused on its own. `held`
 * is answered only to a device that says it understands it, in its `X-Sync-Understands`
 * header or (an older app) its body (SyncRequest says why); the answer then says so in the
 * same header.
 */
export const POST: RequestHandler = async ({ locals, request }) => {
	const user = requireApiRole(locals.user, 'ward');
	const body = await parseJson(request, SyncRequest);
	const now = new Date();
	const held = understandsHeld(request, body);
	const results = await applyChanges(locals.app.db, user, body.changes, now, {
		understandsHeld: held
	});
	// The answer says it was given under the held rule (answerHeaders says why).
	return json({ results, serverTime: now.toISOString() } satisfies SyncResponse, {
		headers: answerHeaders(held)
	});
};
