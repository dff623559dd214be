import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { MeasurementPage } from './pages/measurement-page';
import { signIn } from './pages/sign-in-page';
import { WardPage } from './pages/ward-page';
import { deliveryChange, wardContent } from './support/measurement-data';
import { OwnServer } from './support/own-server';

/*
 * Local days across the spring clock change (Europe/London, the demo's zone). The clocks went
 * forward at 01:00 UTC on Sunday 29 March 2026, so from 23:00 UTC that evening it is Monday
 * 30 March in the UK. A ward tablet whose own clock is on UTC records one briefing late on the
 * Sunday and one just after midnight; a third arrives through the sync API in the first hour of
 * the Monday. The tablet's "today" holds only the Monday's, and the measure puts each record in
 * its UK week: counted by UTC dates, all three would fall in the week of 23 March.
 * Its own server, so no other journey's records share those weeks.
 */
test.describe.configure({ mode: 'serial' });

const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 10);

test.beforeAll(async () => {
	await server.start();
});
test.afterAll(async () => {
	await server.kill();
});

test('records in the first hour of a BST Monday are on that Monday: the ward’s today and the measure’s week', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const tablet = await browser.newContext({ baseURL: server.origin, timezoneId: 'UTC' });
	const page = await tablet.newPage();
	await signIn(page, demo.ward);
	const ward = new WardPage(page);

	await test.step('the tablet records at 23:50 on Sunday and at 00:10 on Monday (BST)', async () => {
		await page.clock.setFixedTime(new Date('2026-03-29T22:50:00Z'));
		await ward.goto();
		await ward.admit(/General adult inpatients/);
		await expect(ward.today).toContainText('Today on this device: 1 briefing');
		await expect(ward.today.getByRole('table', { name: 'Each briefing' })).toContainText('23:50');

		await page.clock.setFixedTime(new Date('2026-03-29T23:10:00Z'));
		await ward.goto();
		await ward.admit(/General adult inpatients/);
		// Midnight UTC (the tablet's own) would still be Sunday: the UK's Monday began at 23:00.
		await expect(ward.today).toContainText('Today on this device: 1 briefing');
		const list = ward.today.getByRole('table', { name: 'Each briefing' });
		await expect(list).toContainText('00:10');
		await expect(list).not.toContainText('23:50');
		await ward.expectWaiting(0);
		await expectNoAxeViolations(page);
	});

	await test.step('a record made at 00:30 BST on Monday arrives through the sync API', async () => {
		const content = wardContent(server.dataDir, 'Ward 7');
		const change = deliveryChange(content, new Date('2026-03-29T23:30:00Z'));
		const synced = await page.request.post('/api/sync', { data: { changes: [change] } });
		expect(synced.status()).toBe(200);
		expect((await synced.json()).results).toEqual([{ id: change.id, status: 'accepted' }]);
	});

	await test.step('the lead sees each record in its UK week', async () => {
		const lead = await (await browser.newContext({ baseURL: server.origin })).newPage();
		await signIn(lead, demo.lead);
		const m = new MeasurementPage(lead);
		// The whole organisation reads the day counts; a ward is counted from the records.
		for (const ward of [undefined, 'Ward 7']) {
			await m.openMeasure('Briefings recorded', ward ? { ward } : {});
			const count = (week: string) =>
				m.tableRow('Briefings recorded', week).getByRole('cell').first();
			await expect(count('23 Mar 2026')).toHaveText('1');
			await expect(count('30 Mar 2026')).toHaveText('2');
		}
		await expectNoAxeViolations(lead);
	});
});
