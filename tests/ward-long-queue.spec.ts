import { expect, test } from '@playwright/test';
import { v7 as uuidv7 } from 'uuid';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { SignInPage } from './pages/sign-in-page';
import { WardPage } from './pages/ward-page';
import { countDeliveries } from './support/database';
import { OwnServer } from './support/own-server';

/*
 * Issue 17 item 8: a tablet that comes back after a long shift offline says how far its queue
 * has got ("Sending 500 of 1,200"), not only how many still wait. The server's answer to the
 * second batch is held until the journey has read the progress, so what it reads never depends
 * on how fast the machine is. Its own server: 1,200 records would change the shared one's counts.
 */
const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 30);

test.beforeAll(async () => {
	await server.start();
});
test.afterAll(async () => {
	await server.kill();
});

test('a tablet with a long queue says how many of it are sent, and every record arrives', async ({
	browser
}) => {
	// Without the service worker, so that the page itself sends, and the route below sees it.
	const context = await browser.newContext({ baseURL: server.origin, serviceWorkers: 'block' });
	let online = false;
	let sends = 0;
	let release: () => void = () => {};
	const secondBatch = new Promise<void>((resolve) => (release = resolve));
	await context.route('**/api/sync', async (route) => {
		if (!online) return route.abort('internetdisconnected');
		if (++sends === 2) await secondBatch;
		await route.continue();
	});
	const page = await context.newPage();
	await new SignInPage(page).goto();
	await new SignInPage(page).signInAs(demo.ward);
	await page.waitForURL('**/ward');
	const ward = new WardPage(page);
	// As a nurse would, once the tablet's store is open (slow on a busy machine).
	await expect(ward.syncStatus).not.toContainText('Checking records on this device', {
		timeout: 45_000
	});
	await ward.admit(/General adult inpatients/);
	await ward.expectWaiting(1);

	// A long shift's worth: 1,199 more records like it, each with an id of its own.
	const ids = Array.from({ length: 1199 }, () => uuidv7());
	await page.evaluate(
		(ids) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('safety-briefings');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('outbox', 'readwrite');
					const outbox = tx.objectStore('outbox');
					const all = outbox.getAll();
					all.onsuccess = () => {
						const first = all.result[0] as { payload: Record<string, unknown> };
						for (const id of ids) outbox.add({ ...first, id, payload: { ...first.payload, id } });
					};
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
				};
			}),
		ids
	);

	online = true;
	await page.reload();
	const progress = ward.syncStatus.getByLabel('Sending 500 of 1,200');
	await expect(progress).toBeVisible();
	expect(await progress.evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([
		500, 1200
	]);
	await expect(ward.syncStatus).toContainText('700 records waiting to be sent');
	await expectNoAxeViolations(page);

	release();
	await ward.expectWaiting(0);
	await expect(progress).toHaveCount(0);
	expect(countDeliveries(server.dataDir)).toBe(1200);
	await context.close();
});
