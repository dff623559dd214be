import pMap from 'p-map';
import type { PrecacheController } from 'workbox-precaching';
import { ShellPictures } from '$lib/build/shell-pictures';

/**
 * Files fetched at once while the worker installs: what a browser opens to one server over
 * HTTP/1.1. Workbox fetches one at a time, so on a ward's weak Wi-Fi each of the shell's ~130
 * files waited a whole round trip for the one before it: 31 s before a new tablet worked
 * offline on a 300 ms, 2 Mbit/s link, 14 s with six at a time (`npm run bench offline-ready`).
 * Chromium lets an installing worker have only three requests out at a time (its
 * ThrottleInstallingServiceWorker feature, on by default), so there the rest wait their turn in
 * the browser; the shell's ~50 pictures therefore come in one file (`pictures`).
 */
export const FILES_AT_ONCE = 6;

/**
 * Workbox's install, `FILES_AT_ONCE` files at a time rather than one: each file fetched and kept
 * by the controller's own strategy, as Workbox would (a file with a revision fetched past the
 * browser's HTTP cache; a bad answer fails the install, so a worker missing part of the shell
 * never becomes active and the next visit tries again).
 *
 * `pictures`, the address of the shell's pictures in one file (a staff device's), is read first:
 * each picture whose address and revision the controller has is kept under that key, as its own
 * fetch would have kept it, and is not fetched. A picture the file lacks or has at another
 * revision (a server of another version answered), or the whole file when it cannot be had, is
 * fetched alone as before.
 */
export async function installShell(
	controller: PrecacheController,
	event: ExtendableEvent,
	pictures: string | null = null
): Promise<void> {
	const files = controller.getURLsToCacheKeys();
	const kept = pictures ? await keepPictures(controller, files, pictures) : new Set<string>();
	await pMap(
		[...files].filter(([, cacheKey]) => !kept.has(cacheKey)),
		async ([url, cacheKey]) => {
			const request = new Request(url, {
				integrity: controller.getIntegrityForCacheKey(cacheKey),
				// Workbox's rule: a revision in the key means the URL alone does not name the version.
				cache: cacheKey === url ? 'default' : 'reload',
				credentials: 'same-origin'
			});
			await Promise.all(controller.strategy.handleAll({ params: { cacheKey }, request, event }));
		},
		{ concurrency: FILES_AT_ONCE }
	);
}

/** Keeps the pictures of the file at `address` that the shell names; resolves with their keys. */
async function keepPictures(
	controller: PrecacheController,
	files: Map<string, string>,
	address: string
): Promise<Set<string>> {
	const kept = new Set<string>();
	try {
		const response = await fetch(address, { credentials: 'same-origin' });
		if (!response.ok) return kept;
		const { pictures } = ShellPictures.parse(await response.json());
		const cache = await caches.open(controller.strategy.cacheName);
		for (const { url, revision, body } of pictures) {
			const absolute = new URL(url, address).href; // from the site's root
			const cacheKey = files.get(absolute);
			const wanted = new URL(absolute);
			wanted.searchParams.set('__WB_REVISION__', revision);
			if (cacheKey !== wanted.href) continue;
			const headers = { 'content-type': 'image/svg+xml' };
			await cache.put(cacheKey, new Response(body, { headers }));
			kept.add(cacheKey);
		}
	} catch {
		// Fetched one by one instead: a slower install, not a failed one.
	}
	return kept;
}
