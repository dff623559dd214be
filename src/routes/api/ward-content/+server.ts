import { createHash } from 'node:crypto';
import type { RequestHandler } from './$types';
import { requireApiRole } from '$lib/server/auth/guard';
import { loadWardContent } from '$lib/server/ward-content';

/**
 * The organisation's content for ward devices (WardContent), as the ward page's own load gives
 * it: a tablet left open on the ward page all shift asks for it again (lib/client/
 * ward-device.svelte.ts), so a version published since reaches it without a reload. The ETag
 * is the content's own, whenever it was read (not its `fetchedAt`): a tablet asking again with
 * nothing changed gets a 304 with no body, which matters on weak Wi-Fi.
 */
export const GET: RequestHandler = async ({ locals, request }) => {
	const user = requireApiRole(locals.user, 'ward');
	const content = await loadWardContent(locals.app.db, user.organisationId);
	const unread = JSON.stringify({ ...content, fetchedAt: '' });
	const tag = `"${createHash('sha256').update(unread).digest('base64url')}"`;
	const headers = { etag: tag, 'cache-control': 'private, no-cache' };
	if (request.headers.get('if-none-match') === tag)
		return new Response(null, { status: 304, headers });
	return new Response(JSON.stringify(content), {
		headers: { ...headers, 'content-type': 'application/json' }
	});
};
