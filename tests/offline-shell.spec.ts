import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { briefingPath, demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';
import { WardPage } from './pages/ward-page';
import { goOffline, workerControls } from './support/offline';

test('a page seen before reloads with the network off, served by the worker', async ({
	page,
	context
}) => {
	await page.goto(`${briefingPath('your-safety-on-our-ward')}?lang=cy&format=leaflet`);
	await workerControls(page);
	// Load it once more while controlled, so the worker has it in its pages cache.
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eich diogelwch ar ein ward');

	await goOffline(context);
	const response = await page.reload();
	expect(response?.fromServiceWorker()).toBe(true);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eich diogelwch ar ein ward');
	await expect(page.locator('html')).toHaveAttribute('lang', 'cy');

	// A page never opened here gets the offline page from the precache, not a browser error.
	const unseen = await page.goto(briefingPath('preventing-blood-clots'));
	expect(unseen?.fromServiceWorker()).toBe(true);
	await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
	await context.setOffline(false);
});

/** The worker's script URL and every URL it has cached. */
async function workerAndCaches(page: Page) {
	return page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		const cached: string[] = [];
		for (const name of await caches.keys())
			for (const request of await (await caches.open(name)).keys()) cached.push(request.url);
		return { script: registration.active?.scriptURL ?? '', cached };
	});
}

/** The JavaScript the page's HTML asks the browser to load early: its route's code. */
const preloadedCode = (page: Page) =>
	page.evaluate(() =>
		[...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((l) => l.href)
	);

test('a patient’s phone keeps only what patient pages use; a ward tablet keeps the ward’s app, not the studio’s', async ({
	browser
}) => {
	const phone = await browser.newContext();
	const patient = await phone.newPage();
	await patient.goto(`${briefingPath('your-safety-on-our-ward')}?lang=en&format=leaflet`);
	await workerControls(patient);
	const onPhone = await workerAndCaches(patient);
	expect(onPhone.script).toContain('profile=patient');
	expect(onPhone.cached.some((url) => url.includes('/_app/immutable/workers/'))).toBe(true);
	expect(onPhone.cached.filter((url) => /\/_app\/immutable\/(nodes|chunks)\//.test(url))).toEqual(
		[]
	);
	await phone.close();

	const tablet = await browser.newContext();
	const nurse = await tablet.newPage();
	await signIn(nurse, demo.ward);
	await workerControls(nurse);
	const wardCode = await preloadedCode(nurse);
	// A nurse opening a patient's link on the tablet must not swap its worker for the patient's.
	await nurse.goto(`${briefingPath('your-safety-on-our-ward')}?lang=en&format=leaflet`);
	const onTablet = await workerAndCaches(nurse);
	expect(onTablet.script).not.toContain('profile=patient');
	expect(onTablet.cached.some((url) => url.includes('/_app/immutable/nodes/'))).toBe(true);
	expect(wardCode.filter((url) => !onTablet.cached.includes(url))).toEqual([]);
	await tablet.close();

	// The studio is used online only: its pages' own code is not fetched to keep on a tablet.
	const laptop = await browser.newContext();
	const lead = await laptop.newPage();
	await signIn(lead, demo.lead);
	await lead.goto('/studio/measurement');
	const studioPages = (await preloadedCode(lead)).filter(
		(url) => url.includes('/_app/immutable/nodes/') && !wardCode.includes(url)
	);
	expect(studioPages.length).toBeGreaterThan(0);
	expect(studioPages.filter((url) => onTablet.cached.includes(url))).toEqual([]);
	await laptop.close();
});

test('the web app manifest and icons are served', async ({ request }) => {
	const manifest = await request.get('/manifest.webmanifest');
	expect(manifest.ok()).toBe(true);
	const body = await manifest.json();
	expect(body).toMatchObject({ display: 'standalone', start_url: '/' });
	for (const icon of body.icons) expect((await request.get(icon.src)).ok(), icon.src).toBe(true);
});

/** The ward page, reloaded with the network off, is there: its worker serves it. */
async function wardReloadsOffline(page: Page, context: BrowserContext) {
	await goOffline(context);
	await page.reload();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Safety briefings on Ward 7' })
	).toBeVisible();
	await context.setOffline(false);
}

test('signing out on a shared tablet leaves none of that person’s pages readable offline', async ({
	page,
	context
}) => {
	await signIn(page, demo.ward);
	await workerControls(page);
	await page.reload(); // now served through the worker, so it is cached
	await expect(
		page.getByRole('heading', { level: 1, name: 'Safety briefings on Ward 7' })
	).toBeVisible();
	await wardReloadsOffline(page, context);

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByText('You have signed out.')).toBeVisible();
	await goOffline(context);
	const navigations: string[] = [];
	page.on('framenavigated', (frame) => {
		if (frame === page.mainFrame()) navigations.push(frame.url());
	});
	await page.goto('/ward');
	await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
	await expect(page.getByText('Safety briefings on Ward 7')).toHaveCount(0);
	// The offline page runs no app code: a router started for /ward would fail to load that
	// route offline and reload the address, which brings the offline page back, for ever.
	await expect(page.locator('script[src], link[rel="modulepreload"]')).toHaveCount(0);
	expect(navigations).toHaveLength(1);
	await context.setOffline(false);
});

test('a new ward tablet gets the symbols in one request, and shows each offline as the server sends it', async ({
	page,
	context,
	request
}) => {
	const asked: string[] = [];
	context.on('request', (sent) => asked.push(new URL(sent.url()).pathname));
	await signIn(page, demo.ward);
	await new WardPage(page).waitForOfflineReady();
	// The worker's install asked for the one file of pictures, and for no symbol on its own.
	expect(asked.filter((path) => path.startsWith('/_app/immutable/shell/pictures.'))).toHaveLength(
		1
	);
	expect(asked.filter((path) => path.startsWith('/symbols/'))).toEqual([]);

	const online = await request.get('/symbols/wheelchair.svg');
	expect(online.ok()).toBe(true);
	await goOffline(context);
	const offline = await page.evaluate(async () => {
		const response = await fetch('/symbols/wheelchair.svg');
		return {
			status: response.status,
			type: response.headers.get('content-type'),
			body: await response.text()
		};
	});
	expect(offline).toEqual({ status: 200, type: 'image/svg+xml', body: await online.text() });
	await context.setOffline(false);
});

test('a ward tablet says when it works without the network, and still does after a hard reload', async ({
	page,
	context
}) => {
	await signIn(page, demo.ward);
	const ward = new WardPage(page);
	await ward.waitForOfflineReady();
	// Shift+Reload loads the page past the worker.
	const cdp = await context.newCDPSession(page);
	const navigated = page.waitForResponse((response) => response.request().isNavigationRequest());
	const reloaded = page.waitForEvent('load');
	await cdp.send('Page.reload', { ignoreCache: true });
	expect((await navigated).fromServiceWorker()).toBe(false);
	await reloaded;
	await expect(ward.offlineReadiness).toHaveText(
		'This device is ready to work without the network.'
	);
	// The page asks the worker, already active, to take it, and it does.
	await workerControls(page);
	// The tablet is ready all the same: its worker serves the next load with no network.
	await wardReloadsOffline(page, context);
});

test('a ward page that opens while the worker takes over is kept and controlled all the same', async ({
	page,
	context
}) => {
	// The tablet's first page is its account page. Its worker's install waits until a ward page is
	// asked for in a second tab, and that page's answer waits until the worker is active: the ward
	// page opens after the worker took over the pages open, and was not among them.
	let askedForWard!: () => void;
	const wardAskedFor = new Promise<void>((resolve) => (askedForWard = resolve));
	let activated!: () => void;
	const workerActive = new Promise<void>((resolve) => (activated = resolve));
	await context.route('**/_app/immutable/shell/pictures.*', async (route) => {
		await wardAskedFor;
		await route.continue();
	});
	await context.route('**/ward', async (route) => {
		if (route.request().isNavigationRequest()) {
			askedForWard();
			await workerActive;
		}
		await route.continue();
	});
	await signIn(page, demo.ward, '/account');
	const tablet = await context.newPage();
	const opened = tablet.goto('/ward');
	await expect
		.poll(
			() =>
				page.evaluate(
					async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? null
				),
			{ timeout: 60_000 }
		)
		.toBe('activated');
	activated();
	await opened;
	// The page asks the worker to keep it and take it.
	await new WardPage(tablet).waitForOfflineReady();
	await context.unrouteAll();
	await wardReloadsOffline(tablet, context);
});

test('a ward tablet whose worker cannot be installed says so, and gets ready at the next load', async ({
	page,
	context
}) => {
	// One file of the app shell cannot be fetched, so the worker's install fails (the context's
	// route sees the worker's requests too).
	const oneShellFile = (url: URL) => url.pathname === '/offline/cy';
	await context.route(oneShellFile, (route) => route.abort('connectionreset'));
	await signIn(page, demo.ward);
	const ward = new WardPage(page);
	await expect(ward.offlineReadiness).toHaveText(
		'This device could not get ready to work without the network. Keep it connected: records are still kept on it, and it will try again the next time this page opens.',
		{ timeout: 60_000 }
	);
	expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
	// The network mended: the next load tries again, and the tablet is ready.
	await context.unroute(oneShellFile);
	await page.reload();
	await ward.waitForOfflineReady();
	await wardReloadsOffline(page, context);
});

test('studio pages, with patients’ comments, are never kept on the device', async ({
	page,
	context
}) => {
	await signIn(page, demo.lead);
	await workerControls(page);
	await page.goto('/studio/feedback');
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Patient feedback' })).toBeVisible();
	await goOffline(context);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
	await context.setOffline(false);
});
