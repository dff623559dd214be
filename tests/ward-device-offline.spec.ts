import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectNoAxeViolations } from './accessibility';
import { briefingPath, demo } from './demo-accounts';
import { SignInPage } from './pages/sign-in-page';
import { WardPage } from './pages/ward-page';
import { rowsOf } from './support/database';
import { OwnServer } from './support/own-server';
import { goOffline, workerControls } from './support/offline';

/** The offline page's heading as the locale file has it (drafted translations included). */
const offlineTitle = (lang: string): string =>
	JSON.parse(readFileSync(new URL(`../locales/${lang}/common.json`, import.meta.url), 'utf8'))
		.offline.title;

/*
 * The shared ward tablet with the network off (#15 items 3 and 4): signing out and switching
 * user, the first sign-in on a new tablet, and the offline page in the reader's language. On a
 * server of its own, so what reached the database (and the sessions it ended) can be read.
 */
test.describe.configure({ mode: 'serial' });

const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 29);
const tablet = { viewport: { width: 1024, height: 768 } };

test.beforeAll(async () => {
	await server.start();
});
test.afterAll(async () => {
	await server.kill();
});

async function newTablet(browser: import('@playwright/test').Browser) {
	return browser.newContext({ ...tablet, baseURL: server.origin });
}

async function signInOnWard(page: Page, account: { email: string; password: string }) {
	const signIn = new SignInPage(page);
	await signIn.goto('/ward');
	await signIn.signInAs(account);
	await page.waitForURL('**/ward', { waitUntil: 'commit' });
	const ward = new WardPage(page);
	await ward.waitForOfflineReady();
	return ward;
}

const sessionOf = async (context: BrowserContext) =>
	(await context.cookies()).find((c) => c.name === 'session')?.value ?? '';

/** What the server answers a request carrying this session cookie, as any client would send it. */
async function meWith(page: Page, session: string) {
	const response = await page.request.fetch(`${server.origin}/api/me`, {
		headers: { cookie: `session=${session}` },
		maxRedirects: 0
	});
	return response.status();
}

const signOutsReceived = () =>
	server.logLines.filter((line) => line.route === '/api/sign-out' && line.status === 200).length;

async function expectSignedOutOffline(page: Page) {
	await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
	await expect(page.getByText('You have signed out on this device.')).toBeVisible();
	// Nothing of theirs: no ward, no signed-in header.
	await expect(page.getByText('Safety briefings on Ward 7')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
}

test('signing out offline: the tablet forgets the nurse at once, the session ends when the network is back, and their records arrive under their name', async ({
	browser
}) => {
	const context = await newTablet(browser);
	const page = await context.newPage();
	const ward = await signInOnWard(page, demo.ward);
	const nurseSession = await sessionOf(context);
	expect(await meWith(page, nurseSession)).toBe(200);

	await goOffline(context);
	await ward.admit(/General adult inpatients/);
	await ward.admit(/Older or frail people/);
	await ward.expectWaiting(2);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expectSignedOutOffline(page);
	await page.goto('/ward');
	await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
	await expect(page.getByText('Safety briefings on Ward 7')).toHaveCount(0);

	await context.setOffline(false);

	// The next person opens the sign-in page: the worker sends the sign-out before that page.
	const signIn = new SignInPage(page);
	await signIn.goto('/ward');
	await expect(signIn.email).toBeVisible();
	expect(await meWith(page, nurseSession)).toBe(401);
	expect(signOutsReceived()).toBe(1);

	// The lead signs in on the same tablet: the nurse's records go, still the nurse's.
	await signIn.signInAs(demo.lead);
	await page.waitForURL('**/ward', { waitUntil: 'commit' });
	await expect
		.poll(() => rowsOf<{ email: string }>(server.dataDir, emailsOfRecords).map((r) => r.email))
		.toEqual([demo.ward.email, demo.ward.email]);
	// The sign-out was sent once: another page does not send it again.
	await page.goto('/ward');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	expect(signOutsReceived()).toBe(1);
	await context.close();
});

const emailsOfRecords = `select a.email as email from delivery_record d
	join staff_account a on a.id = d.recorded_by order by d.recorded_at`;

test('switching user offline: the sign-in page is offered again once the network is back, and the old session is refused', async ({
	browser
}) => {
	const context = await newTablet(browser);
	const page = await context.newPage();
	await signInOnWard(page, demo.ward);
	const nurseSession = await sessionOf(context);

	await goOffline(context);
	await page.getByRole('button', { name: 'Switch user' }).click();
	await expectSignedOutOffline(page);
	await expect(page).toHaveURL(/\/sign-in\?signedOut=1&returnTo=%2Fward$/);

	await context.setOffline(false);
	await page.reload();
	await expect(page.getByText('You have signed out.')).toBeVisible();
	await expect(new SignInPage(page).email).toBeVisible();
	expect(await meWith(page, nurseSession)).toBe(401);
	await context.close();
});

test('a new tablet’s first sign-in: the ward page works offline at once, without a second load', async ({
	browser
}) => {
	const context = await newTablet(browser);
	const page = await context.newPage();
	const ward = await signInOnWard(page, demo.ward);
	await goOffline(context);
	const reloaded = await page.reload();
	expect(reloaded?.fromServiceWorker()).toBe(true);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Safety briefings on Ward 7' })
	).toBeVisible();
	await ward.admit(/General adult inpatients/);
	await ward.expectWaiting(1);

	// A group tapped before the page's script started (its plain form's address, never kept):
	// still the ward page, opened at that group's next step, not the offline page.
	const group = await page
		.getByRole('button', { name: /Older or frail people/ })
		.getAttribute('value');
	await page.goto(`/ward?group=${group}`);
	await expect(page.getByRole('heading', { name: 'Which language?' })).toBeVisible();
	await expect(page.getByText(/Usual languages for Older or frail people/)).toBeVisible();

	await context.setOffline(false);
	await ward.expectWaiting(0);
	await context.close();
});

/** The page's own look from the NHS.UK stylesheet: its font and blue header (an unstyled
 * page has the browser's serif font and no header colour). */
const lookOf = (page: Page) =>
	page.evaluate(() => ({
		font: getComputedStyle(document.body).fontFamily,
		header: getComputedStyle(document.querySelector('header') ?? document.body).backgroundColor
	}));
const nhsLook = { font: 'arial, sans-serif', header: 'rgb(0, 94, 184)' };

test('the offline page is styled and in the reader’s language: Welsh for a nurse, Arabic (right to left) for a patient', async ({
	browser
}) => {
	const context = await newTablet(browser);
	const page = await context.newPage();
	await signInOnWard(page, demo.ward);
	await page.goto('/ward?lang=cy');
	await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
	await goOffline(context);
	// A ward page never opened on this tablet.
	await page.goto('/ward/admissions');
	await expect(page.getByRole('heading', { level: 1, name: 'Rydych chi all-lein' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
	expect(await lookOf(page)).toEqual(nhsLook);
	await context.setOffline(false);
	await context.close();

	const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const patient = await phone.newPage();
	const failed: string[] = [];
	patient.on('requestfailed', (request) => {
		if (request.url().includes('/_app/')) failed.push(request.url());
	});
	patient.on('pageerror', (error) => failed.push(error.message));
	await patient.goto(`${server.origin}${briefingPath('your-safety-on-our-ward')}?lang=en`);
	await workerControls(patient);
	await goOffline(phone);
	await patient.goto(`${server.origin}${briefingPath('preventing-blood-clots')}?lang=ar`);
	await expect(
		patient.getByRole('heading', { level: 1, name: 'أنت غير متصل بالإنترنت' })
	).toBeVisible();
	await expect(patient.locator('html')).toHaveAttribute('lang', 'ar');
	await expect(patient.locator('html')).toHaveAttribute('dir', 'rtl');
	expect(await lookOf(patient)).toEqual(nhsLook);
	// No app code at all, so none from a wrong path such as /b/_app/…
	await expect(patient.locator('script[src], link[rel="modulepreload"]')).toHaveCount(0);
	await expectNoAxeViolations(patient);

	// Every patient page language has its own: Polish, and Urdu right to left.
	for (const [lang, dir] of [
		['pl', 'ltr'],
		['ur', 'rtl']
	] as const) {
		await patient.goto(`${server.origin}${briefingPath('preventing-blood-clots')}?lang=${lang}`);
		await expect(
			patient.getByRole('heading', { level: 1, name: offlineTitle(lang) })
		).toBeVisible();
		await expect(patient.locator('html')).toHaveAttribute('lang', lang);
		await expect(patient.locator('html')).toHaveAttribute('dir', dir);
		expect(await lookOf(patient)).toEqual(nhsLook);
	}
	await expectNoAxeViolations(patient);

	await patient.goto(`${server.origin}${briefingPath('preventing-blood-clots')}?lang=en`);
	await expect(patient.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
	await expect(patient.locator('html')).toHaveAttribute('dir', 'ltr');
	await expectNoAxeViolations(patient);
	expect(failed).toEqual([]);
	await phone.close();
});

test('a clinical reviewer’s studio home links only to pages they may open', async ({ browser }) => {
	const context = await browser.newContext({ baseURL: server.origin, serviceWorkers: 'block' });
	const page = await context.newPage();
	const signIn = new SignInPage(page);
	await signIn.goto();
	await signIn.signInAs(demo.reviewer);
	await page.waitForURL('**/studio');
	const links = await page
		.getByRole('main')
		.getByRole('link')
		.evaluateAll((as) => [...new Set(as.map((a) => (a as HTMLAnchorElement).pathname))]);
	expect(links).not.toContain('/studio/feedback');
	expect(links.length).toBeGreaterThan(3);
	for (const path of links)
		expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBe(200);
	// The feedback page asked for as the client router would (its data, whose 403 SvelteKit sends
	// inside a 200): refused, and the refusal logged all the same.
	const data = await page.request.get('/studio/feedback/__data.json');
	expect(await data.text()).toContain('"status":403');
	expect(
		server.logLines.filter((l) => l.event === 'access.refused' && l.role === 'clinicalReviewer')
	).toEqual([expect.objectContaining({ route: '/(studio)/studio/feedback' })]);
	await context.close();
});
