import { carriesToken, withoutToken } from '$lib/domain/link-token';
import { PAGES_CACHE } from '../offline-media';

/*
 * Offline after the first view. A patient's first visit loads before the worker exists, so
 * nothing the worker would keep passed through it: once it is active, keep this page (as the
 * worker's navigation rule would have) and send it the page's pictures, captions and poster to
 * keep by its own rules. Later visits go through the worker, which keeps what it serves.
 */
export function mediaOf(root: ParentNode): string[] {
	const urls = [
		...[...root.querySelectorAll<HTMLImageElement>('img[src]')].map((img) => img.src),
		...[...root.querySelectorAll<HTMLTrackElement>('track[src]')].map((track) => track.src),
		...[...root.querySelectorAll<HTMLVideoElement>('video[poster]')].map((video) => video.poster)
	];
	return [...new Set(urls.filter((url) => new URL(url).origin === location.origin))];
}

export async function keepFirstView(root: ParentNode): Promise<void> {
	if (!('serviceWorker' in navigator) || !('caches' in window)) return;
	if (navigator.serviceWorker.controller) return;
	// Never under an address holding a QR link's token, nor with it in the page: the plain page
	// (`/p/<token>`, the short link's friendly page, not at all).
	const page = withoutToken(location.href);
	if (carriesToken(new URL(page))) return;
	const registration = await navigator.serviceWorker.ready;
	await (await caches.open(PAGES_CACHE)).add(page);
	registration.active?.postMessage({
		type: 'CACHE_URLS',
		payload: { urlsToCache: mediaOf(root) }
	});
}
