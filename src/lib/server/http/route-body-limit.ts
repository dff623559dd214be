/*
 * Per-route limits on a request body, checked in the hook from the declared length before a
 * byte is read. adapter-node's BODY_SIZE_LIMIT is one number for every route, and it must be
 * as large as the largest upload; so without this, anyone could post 200 MB to the sign-in
 * page. Browsers and the toolkit's own scripts always declare a body's length, so a body sent
 * in chunks with no length is refused outside the upload routes (411).
 */

/** Anything a person who is not signed in can post: sign-in, feedback, view events. */
export const ANONYMOUS_BODY_LIMIT = 64 * 1024;
/** Staff forms and the sync API (a batch of 500 records is about 400 KB). */
export const STAFF_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * Routes that take files. Their own action checks the upload limit, so that the person gets
 * the form back with the limit named rather than a bare 413; adapter-node's BODY_SIZE_LIMIT
 * stays the ceiling.
 */
const UPLOAD_ROUTES = new Set([
	'/(studio)/studio/briefings/[id]/v/[number]/[format]/[language]',
	'/(studio)/studio/packs'
]);

export function bodyLimitFor(routeId: string | null, signedIn: boolean): number {
	if (!signedIn) return ANONYMOUS_BODY_LIMIT;
	return routeId && UPLOAD_ROUTES.has(routeId) ? Infinity : STAFF_BODY_LIMIT;
}

/** The refusal a body deserves before it is read, if any: 413 over the limit, 411 unmeasured. */
export function bodyRefusal(request: Request, limit: number): 411 | 413 | null {
	if (request.method === 'GET' || request.method === 'HEAD') return null;
	const declared = request.headers.get('content-length');
	if (declared === null)
		return request.headers.has('transfer-encoding') && limit !== Infinity ? 411 : null;
	return Number(declared) > limit ? 413 : null;
}
