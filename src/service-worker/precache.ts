import { cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';

export const OFFLINE_PAGE = '/offline';

/** Caches the built app shell once per version and serves it cache-first. */
export function precacheShell(manifest: Array<PrecacheEntry | string>): void {
	cleanupOutdatedCaches();
	precacheAndRoute(manifest, { cleanURLs: true });
}
