import { error } from '@sveltejs/kit';
import {
	UNDERSTANDS_HEADER,
	UnderstandsHeader,
	understandsFrom,
	type SyncRequest
} from '$lib/domain/sync';

/**
 * Whether a sync request understands `held`: said in its `X-Sync-Understands` header (this
 * app) or its body's `understands` (the app of the first release of held records; SyncRequest
 * says why the header). A header that is not a short list of words is a 400 naming it.
 */
export function understandsHeld(request: Request, body: Pick<SyncRequest, 'understands'>): boolean {
	const header = request.headers.get(UNDERSTANDS_HEADER);
	const parsed = header === null ? null : UnderstandsHeader.safeParse(header);
	if (parsed && !parsed.success)
		error(400, {
			message: 'invalidHeader',
			issues: parsed.error.issues.map((i) => ({ field: UNDERSTANDS_HEADER, message: i.message }))
		});
	return understandsFrom('held', parsed?.data, body.understands);
}

/**
 * The answer's headers: to a request that understands `held`, the server says it answered under
 * the held rule (`X-Sync-Understands: held`), so a refusal in its answer for a reason it holds
 * records for is its last word on that record (a version never published, say). A device keeps
 * that with the refusal, and sends a record refused by a server that did not say so (one rolled
 * back to a release before held records) once more when one that does answers (the outbox's
 * sendHoldableAgain). Nothing to an older app, which would ignore it.
 */
export function answerHeaders(understandsHeld: boolean): Record<string, string> {
	return understandsHeld ? { [UNDERSTANDS_HEADER]: 'held' } : {};
}
