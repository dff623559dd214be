/// <reference lib="webworker" />
import { openDevice, sendOutbox, SYNC_TAG } from '$lib/client/device';
import { httpTransport } from '$lib/client/http-transport';
import { sendSignOutsWaiting } from './sign-out';

declare const self: ServiceWorkerGlobalScope;

interface SyncEvent extends ExtendableEvent {
	readonly tag: string;
}

/*
 * Background Sync: the browser wakes the worker when the network is back, even with the tab
 * closed, and the outbox goes the same way it goes from the page. A failed run throws, so the
 * browser tries again later.
 */
export function sendOutboxInBackground(): void {
	self.addEventListener('sync', (event) => {
		const sync = event as SyncEvent;
		if (sync.tag !== SYNC_TAG) return;
		sync.waitUntil(run());
	});
}

async function run() {
	// A sign-out made offline goes first: that session ends before anything else is sent.
	await sendSignOutsWaiting();
	const device = openDevice();
	try {
		const outcome = await sendOutbox(device, httpTransport(fetch));
		if (outcome.failed) throw outcome.failed;
	} finally {
		device.db.close();
	}
}
