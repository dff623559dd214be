import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { SignOutRequest, type SignOutResponse } from '$lib/domain/sign-out';
import { endSessionByKey } from '$lib/server/auth/sessions';
import { parseJson } from '$lib/server/http/parse-json';

/*
 * A sign-out made on a shared tablet while it was offline, sent by its service worker when the
 * network is back. No session is needed: the person has gone, and the cookie on the tablet may
 * already be the next person's. The key ends that one session, once; sent again, it ends
 * nothing (`ended: false`), so a retry after a lost answer is harmless.
 */
export const POST: RequestHandler = async ({ locals, request }) => {
	const { key } = await parseJson(request, SignOutRequest);
	const ended = await endSessionByKey(locals.app.db, key);
	return json({ ended } satisfies SignOutResponse);
};
