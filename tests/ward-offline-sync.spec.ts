import { expect, test } from '@playwright/test';
import { demo } from './demo-accounts';
import { SignInPage } from './pages/sign-in-page';
import { WardPage } from './pages/ward-page';
import { countDeliveries, execute, numberOf } from './support/database';
import { OwnServer } from './support/own-server';
import { goOffline } from './support/offline';

/*
 * The offline promise, end to end, against a server this test can kill and restart:
 * 20 records made offline, across a reload and a closed tab, reach the server exactly once,
 * even when the server dies after storing a batch but before answering.
 */
test.describe.configure({ mode: 'serial' });

// Its own port, beside the shared server and the other journeys' own servers.
const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 7);

test.beforeAll(async () => {
	await server.start();
});
test.afterAll(async () => {
	await server.kill();
});

test('20 briefings recorded offline reach the server exactly once', async ({ browser }) => {
	test.setTimeout(180_000);
	const context = await browser.newContext({ baseURL: server.origin });
	let page = await context.newPage();
	await new SignInPage(page).goto();
	await new SignInPage(page).signInAs(demo.ward);
	// The address is enough: the page's load event may wait on media, and readiness is awaited next.
	await page.waitForURL('**/ward', { waitUntil: 'commit' });
	let ward = new WardPage(page);
	await ward.waitForOfflineReady();
	await page.reload(); // now the worker has the ward page cached

	await goOffline(context);
	for (let i = 0; i < 8; i++) await ward.admit(/General adult inpatients/);
	await ward.expectWaiting(8);
	await expect(ward.syncStatus).toContainText('no network: they are safe on this device');

	// Reload with no network: the worker serves the page, the records are still there.
	await page.reload();
	await ward.expectWaiting(8);
	for (let i = 0; i < 6; i++) await ward.admit(/Older or frail people/);

	// Close the tab and open the app again, still offline.
	await page.close();
	page = await context.newPage();
	await page.goto('/ward');
	ward = new WardPage(page);
	await ward.expectWaiting(14);
	for (let i = 0; i < 6; i++) await ward.admit(/People with a learning disability/);
	await ward.expectWaiting(20);
	await expect(ward.today).toContainText('Today on this device: 20 briefings');
	expect(countDeliveries(server.dataDir)).toBe(0);

	// Back online, but the server dies after storing the batch and before answering. The
	// context's route sees the service worker's Background Sync requests too, not only the page's.
	let killed = false;
	let killing: Promise<void> = Promise.resolve();
	await context.route('**/api/sync', async (route) => {
		if (killed) return route.continue();
		// The page's and the worker's requests may race here: the first reaches the server and
		// stores the batch, then the server dies; none of them gets an answer.
		const stored = await route.fetch().then(
			(response) => response.status() === 200,
			() => false
		);
		if (stored) {
			killed = true;
			killing = server.kill();
			await killing;
		}
		await route.abort('connectionreset');
	});
	await context.setOffline(false);
	// Playwright lifts the offline state from the page and the worker one after the other, so
	// the first try may still find no network; the device then tries again 5 s later.
	await expect.poll(() => killed, { timeout: 30_000 }).toBe(true);
	expect(countDeliveries(server.dataDir)).toBe(20);
	await ward.expectWaiting(20); // no answer came back, so the device keeps them all

	// The server comes back (once the killed one has gone); the device sends again; the server
	// counts each once.
	await killing;
	await server.start();
	// "Send now", pressed until nothing waits, as a nurse would. The device may have started
	// again by itself first (its retry, 5 s after a failed try): then the button is marked
	// unavailable (sending, or all sent), and pressing it does nothing.
	const sendNow = page.getByRole('button', { name: 'Send now' });
	await expect(async () => {
		await sendNow.click({ force: true });
		expect(await ward.waitingInStore()).toBe(0);
	}).toPass({ timeout: 60_000 });
	await ward.expectWaiting(0);
	expect(countDeliveries(server.dataDir)).toBe(20);
	await expect(ward.today.getByRole('cell', { name: 'Sent' })).toHaveCount(20);

	// The same batch sent twice more, straight from the device's store: still 20.
	const changes = await ward.storedRecordsAsChanges();
	expect(changes).toHaveLength(20);
	for (let i = 0; i < 2; i++) {
		const response = await page.request.post('/api/sync', { data: { changes } });
		expect(response.status()).toBe(200);
		const { results } = await response.json();
		expect(new Set(results.map((r: { status: string }) => r.status))).toEqual(
			new Set(['duplicate'])
		);
	}
	expect(countDeliveries(server.dataDir)).toBe(20);
	await context.close();
});

test('a briefing given from stale content is held for the lead, and the tablet says so, not as an error', async ({
	browser
}) => {
	const context = await browser.newContext({ baseURL: server.origin });
	const page = await context.newPage();
	await new SignInPage(page).goto();
	await new SignInPage(page).signInAs(demo.ward);
	// The address is enough: the page's load event may wait on media, and readiness is awaited next.
	await page.waitForURL('**/ward', { waitUntil: 'commit' });
	const ward = new WardPage(page);
	await ward.waitForOfflineReady();
	const before = countDeliveries(server.dataDir, { includeVoided: true });

	// The tablet goes offline with "Call, don't fall" on it; meanwhile the lead retires it.
	await goOffline(context);
	execute(
		server.dataDir,
		`update briefing_version set status = 'retired', retired_at = ? where briefing_id =
			(select id from briefing where slug = 'call-dont-fall')`,
		new Date(Date.now() - 1000).toISOString()
	);
	await ward.chooseGroup(/Older or frail people/);
	await ward.chooseLanguage('English');
	await page.getByRole('button', { name: 'Start: Face-to-face talk' }).last().click();
	await ward.recordWhatHappened();
	await ward.save();
	await ward.expectWaiting(1);

	await context.setOffline(false);
	// The server has it, once, for the lead to check (hazard H8): it leaves the outbox.
	await ward.expectWaiting(0);
	const told = '1 record was sent to your engagement lead to check';
	await expect(ward.syncStatus).toContainText(told);
	expect(countDeliveries(server.dataDir, { includeVoided: true })).toBe(before);
	expect(numberOf(server.dataDir, 'select count(*) as n from held_delivery_record')).toBe(1);
	// Still said after a reload, and never as a refusal.
	await page.reload();
	await expect(ward.syncStatus).toContainText(told);
	await expect(ward.today.getByRole('cell', { name: /Refused/ })).toHaveCount(0);
	await expect(ward.syncStatus).not.toContainText('refused');
	await context.close();
});
