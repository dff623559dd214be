import { SyncResponse, type SyncChange, type SyncRequest } from '$lib/domain/sync';
import type { Transport } from './sync-engine';

export class SyncHttpError extends Error {
	constructor(readonly status: number) {
		super(status === 401 ? 'signInRequired' : `Server answered ${status}`);
	}
}

/** Sends outbox changes to the server's sync endpoint, with the staff session's cookie. */
export function httpTransport(fetcher: typeof fetch = fetch, url = '/api/sync'): Transport {
	return {
		async send(changes: SyncChange[]) {
			const response = await fetcher(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				credentials: 'same-origin',
				// This app understands `held` (SyncRequest in $lib/domain/sync says why it asks).
				body: JSON.stringify({ changes, understands: ['held'] } satisfies SyncRequest)
			});
			if (!response.ok) throw new SyncHttpError(response.status);
			return SyncResponse.parse(await response.json());
		}
	};
}
