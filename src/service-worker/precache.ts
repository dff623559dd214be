/// <reference lib="webworker" />
import {
	cleanupOutdatedCaches,
	PrecacheController,
	PrecacheRoute,
	type PrecacheEntry
} from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { PICTURES_FILE } from '$lib/build/shell-pictures';
import { installShell } from './install-shell';
import { entryUrl, shellFor, type ShellProfile } from './shell';

declare const self: ServiceWorkerGlobalScope;

/**
 * The app shell's files, kept once per version (Workbox's own cache, as before) and served
 * cache first. `matchPrecache` reads one of them (the offline pages).
 */
const shell = new PrecacheController();

export const matchPrecache = (url: string) => shell.matchPrecache(url);

/** Caches the built app shell once per version and serves it cache-first. */
export function precacheShell(
	manifest: Array<PrecacheEntry | string>,
	profile: ShellProfile
): void {
	cleanupOutdatedCaches();
	// The file of pictures is read at install, not kept (install-shell.ts).
	const files = shellFor(manifest, profile);
	const pictures = files.find((entry) => PICTURES_FILE.test(entryUrl(entry)));
	shell.addToCacheList(files.filter((entry) => entry !== pictures));
	const picturesUrl = pictures ? new URL(entryUrl(pictures), self.location.href).href : null;
	self.addEventListener('install', (event) =>
		event.waitUntil(installShell(shell, event, picturesUrl))
	);
	// Removes what an earlier version kept and this one does not (it calls waitUntil itself).
	self.addEventListener('activate', (event) => void shell.activate(event));
	registerRoute(new PrecacheRoute(shell, { cleanURLs: true }));
}
