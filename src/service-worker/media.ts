import { createPartialResponse } from 'workbox-range-requests';
import { registerRoute } from 'workbox-routing';
import { getOrCreateDefaultRouter } from 'workbox-routing/utils/getOrCreateDefaultRouter.js';
import { CacheFirst, StaleWhileRevalidate } from 'workbox-strategies';
import { MEDIA_CACHE, VIDEO_CACHE } from '$lib/client/offline-media';

// Bundled demo media under /media/, a lead's uploads under /uploads/ (named by their SHA-256).
const isMedia = (path: string) => /^\/(media|uploads)\//.test(path);

/*
 * Bundled pictures never change under a name, so cache-first. Captions and posters may be
 * re-made: serve the cached copy and refresh it. Videos and recordings come from the network
 * unless a person chose to keep one on the device; a kept one answers range requests, so it can
 * be seeked.
 */
export function routeBundledMedia(): void {
	registerRoute(
		({ url }) => url.pathname.startsWith('/symbols/'),
		new CacheFirst({ cacheName: 'symbols' })
	);
	registerRoute(
		({ url }) => isMedia(url.pathname) && /\.(vtt|jpg|png|webp)$/.test(url.pathname),
		new StaleWhileRevalidate({ cacheName: MEDIA_CACHE })
	);
	registerRoute(
		({ url }) => isMedia(url.pathname) && /\.(mp4|webm|mp3|opus)$/.test(url.pathname),
		async ({ request }) => {
			const kept = await (await caches.open(VIDEO_CACHE)).match(request.url);
			if (!kept) return fetch(request);
			return request.headers.has('range') ? createPartialResponse(request, kept) : kept;
		}
	);
}

/**
 * A page loaded before the worker controlled it (a patient's first visit) sends the URLs of its
 * pictures and captions in a 'CACHE_URLS' message; each goes through the rules above, so it is
 * kept as if the worker had served it.
 */
export function acceptMediaToKeep(): void {
	getOrCreateDefaultRouter().addCacheListener();
}
