import { cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { shellFor, type ShellProfile } from './shell';

export const OFFLINE_PAGE = '/offline';

/** Caches the built app shell once per version and serves it cache-first. */
export function precacheShell(
	manifest: Array<PrecacheEntry | string>,
	profile: ShellProfile
): void {
	cleanupOutdatedCaches();
	precacheAndRoute(shellFor(manifest, profile), { cleanURLs: true });
}
