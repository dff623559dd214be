import { registerRoute } from 'workbox-routing';
import { CacheFirst, StaleWhileRevalidate } from 'workbox-strategies';

/*
 * Bundled pictures never change under a name, so cache-first. Captions and posters may be
 * re-made: serve the cached copy and refresh it. Videos are left to the network for now (a
 * later "keep for offline" stores them on request, with range support).
 */
export function routeBundledMedia(): void {
	registerRoute(
		({ url }) => url.pathname.startsWith('/symbols/'),
		new CacheFirst({ cacheName: 'symbols' })
	);
	registerRoute(
		({ url }) => url.pathname.startsWith('/media/') && /\.(vtt|jpg|png|webp)$/.test(url.pathname),
		new StaleWhileRevalidate({ cacheName: 'media' })
	);
}
