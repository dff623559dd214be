import { expect, test, type Browser } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';
import { StudioEditorPage } from './pages/studio-editor-page';
import { WardPage } from './pages/ward-page';
import { rowsOf } from './support/database';
import { OwnServer } from './support/own-server';

/*
 * A ward tablet is often left open on the ward page for a whole shift. A version the lead
 * publishes meanwhile retires the one the tablet loaded, and a record of a version given after
 * it was retired is not counted until the lead checks it: the tablet must take the new one
 * without a reload, between admissions. Its own server: it publishes a briefing.
 */
const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 39);
// In this order: the second retires the ward the first records on.
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
	await server.start();
});
test.afterAll(async () => {
	await server.kill();
});

async function signedIn(browser: Browser, account: { email: string; password: string }) {
	const context = await browser.newContext({ baseURL: server.origin });
	const page = await context.newPage();
	await signIn(page, account);
	return page;
}

type Stored = { briefing_id: string; version_id: string; number: number };
const stored = () =>
	rowsOf<Stored>(
		server.dataDir,
		`select d.briefing_id, d.version_id, v.number from delivery_record d
		 join briefing_version v on v.id = d.version_id order by d.recorded_at`
	);

test('a tablet left open on the ward page takes a version published since, between admissions', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const tablet = await signedIn(browser, demo.ward);
	const ward = new WardPage(tablet);
	await ward.admit(/General adult inpatients/);
	await ward.expectWaiting(0);
	const [first] = stored();
	expect(first).toBeDefined();

	const next = await test.step('the lead publishes a new version of that briefing', async () => {
		const lead = await signedIn(browser, demo.lead);
		const studio = new StudioEditorPage(lead);
		await lead.goto(`/studio/briefings/${first!.briefing_id}/v/${first!.number}`);
		await lead
			.getByRole('button', { name: 'Start a new draft from the published version' })
			.click();
		await expect(lead).toHaveURL(new RegExp(`/v/${first!.number + 1}$`));
		const url = lead.url();
		await studio.takeStep('Submit for review');
		const reviewer = await signedIn(browser, demo.reviewer);
		await reviewer.goto(url);
		await new StudioEditorPage(reviewer).takeStep('Approve');
		await lead.goto(url);
		await studio.takeStep('Publish');
		await expect(studio.status()).toHaveText('Published');
		return rowsOf<{ id: string }>(
			server.dataDir,
			`select id from briefing_version where briefing_id = ? and status = 'published'`,
			first!.briefing_id
		)[0]!.id;
	});

	await test.step('the tablet, not reloaded, takes it when it is next looked at', async () => {
		// The nurse comes back to the tablet: the page is seen again.
		await tablet.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
		// Kept on the device as soon as it arrives (a reload, even offline, would show it).
		await expect
			.poll(() =>
				tablet.evaluate(
					(versionId) =>
						new Promise<boolean>((resolve, reject) => {
							const open = indexedDB.open('safety-briefings');
							open.onerror = () => reject(open.error);
							open.onsuccess = () => {
								const read = open.result.transaction('content').objectStore('content').get('ward');
								read.onsuccess = () => {
									const content = read.result?.content as
										{ briefings: Array<{ versionId: string }> } | undefined;
									open.result.close();
									resolve(content?.briefings.some((b) => b.versionId === versionId) ?? false);
								};
							};
						}),
					next
				)
			)
			.toBe(true);
		await ward.admit(/General adult inpatients/);
		await ward.expectWaiting(0);
		await expect(ward.syncStatus).not.toContainText('refused');
		expect(stored().map((r) => r.version_id)).toEqual([first!.version_id, next]);
		await expectNoAxeViolations(tablet);
	});
});

test('a record made on a ward retired meanwhile goes to the lead, and the tablet says so', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const tablet = await signedIn(browser, demo.ward);
	const ward = new WardPage(tablet);
	await ward.admit(/Older or frail people/);
	await ward.expectWaiting(0);

	// The admin retires the tablet's ward while it is open on it.
	const admin = await signedIn(browser, demo.admin);
	await admin.goto('/admin/wards');
	await admin.getByRole('link', { name: 'Ward 7', exact: true }).click();
	await admin.getByRole('button', { name: 'Retire ward' }).click();
	await admin.getByRole('button', { name: 'Yes, retire the ward' }).click();
	await expect(admin.getByRole('status')).toContainText('Ward 7 has been retired.');

	await ward.admit(/Older or frail people/);
	// A true record: held for the lead to check (hazard H8), not refused and left on the tablet.
	await ward.expectWaiting(0);
	await expect(ward.syncStatus).toContainText('1 record was sent to your engagement lead to check');
	await expect(ward.syncStatus).not.toContainText('refused');
	await expect(tablet.getByRole('region', { name: /the server refused/ })).toHaveCount(0);
	expect(
		rowsOf<{ reason: string }>(server.dataDir, 'select reason from held_delivery_record')
	).toEqual([{ reason: 'wardRetired' }]);
	await expectNoAxeViolations(tablet);
});
