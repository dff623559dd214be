/// <reference lib="webworker" />
import { matchPrecache } from './precache';
import { registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { isUiLanguage } from '$lib/domain/language';
import { PAGES_CACHE } from '$lib/client/offline-media';
import { KEEP_OPEN_WARD_PAGES } from '$lib/client/worker-messages';
import {
	isAfterSignOut,
	isPatientPath,
	offlineLanguage,
	offlinePagePath,
	withSignedOutNotice
} from './offline-page';
import { signOutOnDevice, sendSignOutsWaiting } from './sign-out';
import { forgetPagesWithTokens, keptWithoutToken } from './token-pages';

declare const self: ServiceWorkerGlobalScope;

/** Pages kept for use offline: the patient's and the ward's. Never the studio or admin. */
const OFFLINE_PAGES = /^\/(?:$|o\/|b\/|p\/|ward(?:$|\/)|privacy$|accessibility$)/;

/** Where the worker remembers the language of the last page the device was shown. */
const LANGUAGE_CACHE = 'device-language';
const LANGUAGE_KEY = '/__device/language';
let language: string | null | undefined;

async function rememberedLanguage(): Promise<string | null> {
	if (language === undefined) {
		const kept = await (await caches.open(LANGUAGE_CACHE)).match(LANGUAGE_KEY);
		language = kept ? await kept.text() : null;
	}
	return language;
}

/** A staff page's language is the person's choice; a patient page's is its link's alone. */
async function noteLanguage(url: URL, response: Response): Promise<void> {
	if (isPatientPath(url.pathname)) return;
	const lang = response.headers.get('content-language');
	if (!isUiLanguage(lang) || lang === (await rememberedLanguage())) return;
	language = lang;
	await (await caches.open(LANGUAGE_CACHE)).put(LANGUAGE_KEY, new Response(lang));
}

/** The offline page in the reader's language; after a sign-out made offline, it says so. */
async function offlinePage(url: URL): Promise<Response> {
	const lang = offlineLanguage(url, await rememberedLanguage(), self.navigator.languages ?? []);
	const page =
		(await matchPrecache(offlinePagePath(lang))) ?? (await matchPrecache(offlinePagePath('en')));
	if (!page) return Response.error();
	if (!isAfterSignOut(url)) return page;
	const html = withSignedOutNotice(await page.text());
	return new Response(html, { status: page.status, headers: page.headers });
}

/**
 * The ward page as kept, for `/ward?group=…&language=…`: taps made before the page's script
 * started (its plain forms) land on an address never kept. The kept page's script reads the
 * address it opens at, so the taps still count offline.
 */
async function wardPageKept(url: URL): Promise<Response | undefined> {
	if (url.pathname !== '/ward' || !url.search) return undefined;
	return (await caches.open(PAGES_CACHE)).match(new URL('/ward', url.origin).href);
}

/** On activation: pages an earlier worker kept under a patient's token address, forgotten. */
export function forgetTokenPagesOnActivate(): void {
	self.addEventListener('activate', (event) =>
		event.waitUntil(caches.open(PAGES_CACHE).then(forgetPagesWithTokens))
	);
}

/*
 * Pages: network first, so staff and patients see fresh content when the Wi-Fi works, with a
 * short timeout because ward Wi-Fi is often slow rather than absent. A patient or ward page
 * seen before opens from the cache; anything else offline gets the offline page. Studio and
 * admin pages (patients' comments, staff lists) are never stored on the device: a shared
 * tablet must not show them to the next person once the session has ended. Before any page
 * goes to the network, a sign-out made offline is sent, so its session has ended first.
 */
export function routeNavigations(): void {
	const pages = new NetworkFirst({
		cacheName: PAGES_CACHE,
		networkTimeoutSeconds: 4,
		plugins: [keptWithoutToken]
	});
	registerRoute(
		({ request, url }) => request.mode === 'navigate' && OFFLINE_PAGES.test(url.pathname),
		async (options) => {
			await sendSignOutsWaiting();
			try {
				const response = await pages.handle(options);
				await noteLanguage(options.url, response);
				return response;
			} catch {
				return (await wardPageKept(options.url)) ?? offlinePage(options.url);
			}
		}
	);
	registerRoute(
		({ request, url }) => request.mode === 'navigate' && !url.pathname.startsWith('/api/'),
		async ({ request, url }) => {
			await sendSignOutsWaiting();
			try {
				const response = await fetch(request);
				await noteLanguage(url, response);
				return response;
			} catch {
				return offlinePage(url);
			}
		}
	);

	// Sign out and Switch user, online or not: the tablet forgets the person at once.
	registerRoute(
		({ url, request }) => url.pathname === '/sign-out' && request.method === 'POST',
		({ request }) => signOutOnDevice(request),
		'POST'
	);
}

/*
 * A new tablet's first sign-in lands on the ward page before the worker controls it, so the
 * page never passed through the worker's cache. On activation, each ward page already open is
 * fetched once into the pages cache, and only then does the worker take control: a ward page
 * it controls is one it can show offline. (A patient's page keeps its own first view:
 * lib/client/patient-page/first-view.ts.)
 */
const WARD_PAGES = /^\/ward(?:$|\/)/;

export function keepOpenWardPagesThenClaim(): void {
	const keepThenClaim = () => keepOpenWardPages().finally(() => self.clients.claim());
	self.addEventListener('activate', (event) => event.waitUntil(keepThenClaim()));
	// A ward page that opened too late to be taken asks for the same, and is told when it is done
	// (lib/client/worker-registration.ts askToKeepThisPage).
	self.addEventListener('message', (event) => {
		if (event.data?.type !== KEEP_OPEN_WARD_PAGES) return;
		event.waitUntil(keepThenClaim().finally(() => event.ports[0]?.postMessage('done')));
	});
}

/** A slow Wi-Fi must not keep the worker from taking control for long. */
const KEEP_TIMEOUT_MS = 8000;

async function keepOpenWardPages(): Promise<void> {
	const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
	const cache = await caches.open(PAGES_CACHE);
	await Promise.all(
		windows.map(async (client) => {
			const url = new URL(client.url);
			url.hash = '';
			if (url.origin !== self.location.origin || !WARD_PAGES.test(url.pathname)) return;
			try {
				const response = await fetch(url.href, {
					credentials: 'same-origin',
					signal: AbortSignal.timeout(KEEP_TIMEOUT_MS)
				});
				if (response.ok && !response.redirected) await cache.put(url.href, response);
			} catch {
				// Offline or too slow: the page is kept the next time it is opened.
			}
		})
	);
}
