/// <reference lib="webworker" />
/*
 * The service worker only wires events; each caching rule lives in a sibling module.
 * Install: precache the app shell (built assets and the prerendered offline page): all of it on
 *   a staff device, only what patient pages use on a patient's phone (see precache.ts).
 * Activate: keep the open ward or patient page, then take control of open pages at once, so a
 *   first visit (a new tablet's first sign-in) already works offline; forget any page an older
 *   worker kept under an address holding a patient's token.
 * Update: a new worker waits until the page asks it to take over (the update prompt).
 * Sync: the device's outbox is sent from here too, when Background Sync wakes the worker.
 * Sign out: works offline; the session ends when the network is back (sign-out.ts).
 */
import { precacheShell } from './precache';
import { profileOf } from './shell';
import {
	forgetTokenPagesOnActivate,
	keepOpenWardPagesThenClaim,
	routeNavigations
} from './navigation';
import { acceptMediaToKeep, routeBundledMedia } from './media';
import { sendOutboxInBackground } from './background-sync';

declare const self: ServiceWorkerGlobalScope;

precacheShell(self.__WB_MANIFEST, profileOf(self.location.href));
routeNavigations();
forgetTokenPagesOnActivate();
routeBundledMedia();
acceptMediaToKeep();
sendOutboxInBackground();
keepOpenWardPagesThenClaim();

self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
