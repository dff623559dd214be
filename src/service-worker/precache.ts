import { cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { shellFor, type ShellProfile } from './shell';

/** Caches the built app shell once per version and serves it cache-first. */
export function precacheShell(
	manifest: Array<PrecacheEntry | string>,
	profile: ShellProfile
): void {
	cleanupOutdatedCaches();
	precacheAndRoute(shellFor(manifest, profile), { cleanURLs: true });
}
