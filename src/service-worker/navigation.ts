import { matchPrecache } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { OFFLINE_PAGE } from './precache';

export const PAGES_CACHE = 'pages';

/*
 * Pages: network first, so staff and patients see fresh content when the Wi-Fi works, with a
 * short timeout because ward Wi-Fi is often slow rather than absent. A page seen before opens
 * from the cache; one never seen gets the offline page. API calls are never cached here.
 */
export function routeNavigations(): void {
	const pages = new NetworkFirst({ cacheName: PAGES_CACHE, networkTimeoutSeconds: 4 });
	registerRoute(
		({ request, url }) => request.mode === 'navigate' && !url.pathname.startsWith('/api/'),
		async (options) => {
			try {
				return await pages.handle(options);
			} catch {
				return (await matchPrecache(OFFLINE_PAGE)) ?? Response.error();
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
