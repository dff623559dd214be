import { matchPrecache } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { PAGES_CACHE } from '$lib/client/offline-media';
import { OFFLINE_PAGE } from './precache';

/** Pages kept for use offline: the patient's and the ward's. Never the studio or admin. */
const OFFLINE_PAGES = /^\/(?:$|o\/|b\/|p\/|ward(?:$|\/)|privacy$|accessibility$)/;

/*
 * Pages: network first, so staff and patients see fresh content when the Wi-Fi works, with a
 * short timeout because ward Wi-Fi is often slow rather than absent. A patient or ward page
 * seen before opens from the cache; anything else offline gets the offline page. Studio and
 * admin pages (patients' comments, staff lists) are never stored on the device: a shared
 * tablet must not show them to the next person once the session has ended.
 */
export function routeNavigations(): void {
	const pages = new NetworkFirst({ cacheName: PAGES_CACHE, networkTimeoutSeconds: 4 });
	const offlinePage = async () => (await matchPrecache(OFFLINE_PAGE)) ?? Response.error();
	registerRoute(
		({ request, url }) => request.mode === 'navigate' && OFFLINE_PAGES.test(url.pathname),
		async (options) => {
			try {
				return await pages.handle(options);
			} catch {
				return offlinePage();
			}
		}
	);
	registerRoute(
		({ request, url }) => request.mode === 'navigate' && !url.pathname.startsWith('/api/'),
		async ({ request }) => {
			try {
				return await fetch(request);
			} catch {
				return offlinePage();
			}
		}
	);

	// Signing out on a shared tablet must not leave the last person's pages readable offline.
	registerRoute(
		({ url, request }) => url.pathname === '/sign-out' && request.method === 'POST',
		async ({ request }) => {
			await caches.delete(PAGES_CACHE);
			return fetch(request);
		},
		'POST'
	);
}
