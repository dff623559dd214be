import {
	SyncResponse,
	UNDERSTANDS_HEADER,
	UnderstandsHeader,
	type SyncChange,
	type SyncRequest
} from '$lib/domain/sync';
import { NotSentError, type Transport } from './sync-engine';

export class SyncHttpError extends Error {
	constructor(readonly status: number) {
		super(status === 401 ? 'signInRequired' : `Server answered ${status}`);
	}
}

/** Sends outbox changes to the server's sync endpoint, with the staff session's cookie. */
export function httpTransport(fetcher: typeof fetch = fetch, url = '/api/sync'): Transport {
	return {
		async send(changes: SyncChange[]) {
			// No network when the request is made (the browser knows: a tablet offline, in flight
			// mode): a failure then is certain never to have reached the server. Online, a failure
			// may have reached it (an answer lost on the way back).
			const offline = globalThis.navigator?.onLine === false;
			let response: Response;
			try {
				response = await fetcher(url, {
					method: 'POST',
					// This app understands `held`, said in a header that a server rolled back to a
					// release without it ignores, never in the strictly parsed body (SyncRequest says why).
					headers: { 'content-type': 'application/json', [UNDERSTANDS_HEADER]: 'held' },
					credentials: 'same-origin',
					body: JSON.stringify({ changes } satisfies SyncRequest)
				});
			} catch (error) {
				throw offline ? new NotSentError(error) : error;
			}
			if (!response.ok) throw new SyncHttpError(response.status);
			// The server says, in the same header, that it answered under the held rule (a server
			// rolled back to a release before held records says nothing): sendHoldableAgain.
			const said = UnderstandsHeader.safeParse(response.headers.get(UNDERSTANDS_HEADER) ?? '');
			return {
				...SyncResponse.parse(await response.json()),
				serverHolds: said.success && said.data.includes('held')
			};
		}
	};
}
