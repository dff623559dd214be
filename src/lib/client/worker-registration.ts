/*
 * The page's service worker registration, for what needs to follow it (the ward page's "ready to
 * work without the network"). The root layout registers the worker (UpdatePrompt.svelte, after
 * the page has started), so the ward page, which starts first, waits for it here.
 */

import { KEEP_OPEN_WARD_PAGES } from './worker-messages';

let settle: {
	resolve: (registration: ServiceWorkerRegistration) => void;
	reject: (error: unknown) => void;
};

/** Resolves with the registration once made; rejects if the browser refused it. */
export const workerRegistration = new Promise<ServiceWorkerRegistration>((resolve, reject) => {
	settle = { resolve, reject };
});
// Nothing may be waiting for it (a page with no need): a refusal is not an unhandled error.
workerRegistration.catch(() => undefined);

/**
 * Called by whoever registers the worker: made, or refused (its script could not be fetched).
 * No registration handed over says nothing either way: whoever waits goes on waiting.
 */
export function registered(registration: ServiceWorkerRegistration | undefined): void {
	if (registration) settle.resolve(registration);
}

export function registrationFailed(error: unknown): void {
	settle.reject(error);
}

/**
 * Resolves if the worker this registration is installing fails to install (one file of its
 * shell could not be fetched, say) while no earlier worker is active: then nothing serves the
 * page offline until the browser tries again, at the next page load. Never resolves otherwise.
 */
export function installFailed(registration: ServiceWorkerRegistration): Promise<void> {
	return new Promise((resolve) => {
		const check = () => {
			if (registration.active) return;
			const pending = registration.installing ?? registration.waiting;
			if (!pending || pending.state === 'redundant') resolve();
		};
		const watch = (worker: ServiceWorker | null) => worker?.addEventListener('statechange', check);
		watch(registration.installing);
		watch(registration.waiting);
		registration.addEventListener('updatefound', () => watch(registration.installing));
		// Already over before this was called: no worker left, none active.
		check();
	});
}

/**
 * Asks the active worker to keep this ward page and take control of it, when it took over before
 * the page was there to be taken: the page opened while the worker was activating (its request
 * went out before the worker was active), or was loaded past it (a hard reload). Resolves once the
 * worker answers that it has done what it could: kept the page, if the network allowed, and taken
 * it, if the browser lets it (service-worker/navigation.ts).
 */
export function askToKeepThisPage(worker: ServiceWorker): Promise<void> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		worker.postMessage({ type: KEEP_OPEN_WARD_PAGES }, [channel.port2]);
	});
}
