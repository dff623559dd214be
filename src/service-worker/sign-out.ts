/// <reference lib="webworker" />
import { openDevice, SYNC_TAG } from '$lib/client/device';
import { PAGES_CACHE } from '$lib/client/offline-media';
import { queue, send, take, waiting } from '$lib/client/sign-out-queue';

declare const self: ServiceWorkerGlobalScope;

/** False once the queue is known to be empty, so most pages cost no database read. */
let mayHaveWaiting = true;

async function withDevice<T>(work: (device: ReturnType<typeof openDevice>) => Promise<T>) {
	const device = openDevice();
	try {
		return await work(device);
	} finally {
		device.db.close();
	}
}

/**
 * Sign out (and Switch user) on a shared tablet. The person's pages leave the device and their
 * sign-out key is taken off it before anything else. Online, the server signs them out as
 * usual. Offline (or the server unreachable), their key waits to be sent and the tablet goes to
 * the sign-in address, which offline shows the offline page saying they have signed out:
 * never the browser's "This site can't be reached", and never their pages.
 */
export async function signOutOnDevice(request: Request): Promise<Response> {
	await caches.delete(PAGES_CACHE);
	const form = await request
		.clone()
		.formData()
		.catch(() => null);
	return withDevice(async (device) => {
		const signedIn = await take(device.db);
		try {
			const response = await fetch(request);
			// The server's answer is a redirect (opaque to the worker) or a page: signed out there.
			if (response.type === 'opaqueredirect' || response.status < 500) return response;
		} catch {
			// No network: below.
		}
		if (signedIn) {
			await queue(device.db, signedIn.signOutKey);
			mayHaveWaiting = true;
			await askForBackgroundSync();
		}
		const returnTo = form?.get('returnTo') === '/ward' ? '&returnTo=%2Fward' : '';
		return Response.redirect(new URL(`/sign-in?signedOut=1${returnTo}`, request.url).href, 303);
	});
}

/** The send under way: a page and a Background Sync at once share it, so each key goes once. */
let sending: Promise<void> | null = null;

/** Sends sign-outs made offline; a failure leaves them waiting for the next page or sync. */
export function sendSignOutsWaiting(): Promise<void> {
	if (!mayHaveWaiting) return Promise.resolve();
	sending ??= sendNow().finally(() => (sending = null));
	return sending;
}

async function sendNow(): Promise<void> {
	await withDevice(async (device) => {
		if ((await waiting(device.db)).length === 0) {
			mayHaveWaiting = false;
			return;
		}
		await send(device.db, fetch);
		mayHaveWaiting = (await waiting(device.db)).length > 0;
	});
}

/** Where the browser has Background Sync, it wakes the worker when the network is back. */
async function askForBackgroundSync(): Promise<void> {
	const sync = (self.registration as { sync?: { register(tag: string): Promise<void> } }).sync;
	await sync?.register(SYNC_TAG).catch(() => undefined);
}
