import { expect, test, type Browser } from '@playwright/test';
import { createHash } from 'node:crypto';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { HeldRecordsPage } from './pages/held-records-page';
import { SignInPage, signIn } from './pages/sign-in-page';
import { StudioEditorPage } from './pages/studio-editor-page';
import { WardPage } from './pages/ward-page';
import { countDeliveries, numberOf, rowsOf } from './support/database';
import { deliveryChange } from './support/measurement-data';
import { goOffline } from './support/offline';
import { OwnServer } from './support/own-server';

/*
 * Hazard H8: a tablet offline all shift records briefings of a version the lead retires before
 * the records reach the server. They are true events: the server holds them for the lead
 * instead of refusing them, the tablet says they went to the lead (its status, the saved step,
 * today's list), and the lead counts one (then the measures count it) and sets the other aside,
 * finds it listed as set aside and counts it after all. Its own server: it retires content.
 */
const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 40);
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

const dayTotal = (day: string) =>
	numberOf(
		server.dataDir,
		`select coalesce(sum(total), 0) as n from measure_day_count where day = ?`,
		day
	);

test('records of a version retired before they reached the server go to the lead, who counts one and sets one aside', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const context = await browser.newContext({ baseURL: server.origin });
	const tablet = await context.newPage();
	await new SignInPage(tablet).goto();
	await new SignInPage(tablet).signInAs(demo.ward);
	await tablet.waitForURL('**/ward', { waitUntil: 'commit' });
	const ward = new WardPage(tablet);
	await ward.waitForOfflineReady();
	await tablet.reload();

	const version =
		await test.step('a briefing recorded and sent while its version is published', async () => {
			await ward.admit(/General adult inpatients/);
			await ward.expectWaiting(0);
			return rowsOf<{ briefing_id: string; number: number; topic: string }>(
				server.dataDir,
				`select v.briefing_id, v.number, b.topic from delivery_record d
			 join briefing_version v on v.id = d.version_id join briefing b on b.id = v.briefing_id`
			)[0]!;
		});

	await test.step('offline, the tablet keeps its copy while the lead retires that version', async () => {
		await goOffline(context);
		const lead = await signedIn(browser, demo.lead);
		await lead.goto(`/studio/briefings/${version.briefing_id}/v/${version.number}`);
		await lead.getByRole('button', { name: 'Retire', exact: true }).click();
		await lead.getByRole('button', { name: 'Yes, retire' }).click();
		await expect(new StudioEditorPage(lead).status()).toHaveText('Retired');
		// Its only version retired, the briefing says so, not "not published yet".
		await lead.goto(`/studio/briefings/${version.briefing_id}`);
		await expect(
			lead.getByText('No longer published: every version has been retired')
		).toBeVisible();
		await lead.context().close();
	});

	const link = await test.step('two more briefings given from that copy, offline', async () => {
		await ward.admit(/General adult inpatients/);
		// The last with a QR code for the patient's phone, left on its saved step, which
		// follows what becomes of it.
		await ward.chooseGroup(/General adult inpatients/);
		await ward.chooseLanguage('English');
		await ward.startRecommended();
		await tablet.getByRole('button', { name: "Show a QR code for the patient's phone" }).click();
		const href = await tablet
			.getByRole('link', { name: "Open the patient's page in a new tab" })
			.getAttribute('href');
		await ward.recordWhatHappened();
		await ward.save();
		await expect(
			tablet.getByText('Saved on this device. It will be sent when the network allows.')
		).toBeVisible();
		await ward.expectWaiting(2);
		return href!;
	});

	const before = countDeliveries(server.dataDir);
	const day = new Date().toISOString().slice(0, 10);
	const dayBefore = dayTotal(day);

	await test.step('back online, the tablet says they went to the lead: no error', async () => {
		await context.setOffline(false);
		await ward.expectWaiting(0);
		await expect(ward.syncStatus).toContainText(
			'2 records were sent to your engagement lead to check'
		);
		await expect(ward.syncStatus).not.toContainText('refused');
		await expect(tablet.getByRole('region', { name: /the server refused/ })).toHaveCount(0);
		expect(countDeliveries(server.dataDir)).toBe(before);
		expect(numberOf(server.dataDir, 'select count(*) as n from held_delivery_record')).toBe(2);
		await expectNoAxeViolations(tablet);
	});

	await test.step('the saved step and today’s list say which went to the lead, not “Sent”', async () => {
		// In a live region: a screen reader hears what became of the record, not only "Saved".
		await expect(
			tablet.getByRole('status').filter({
				hasText:
					'Saved and sent to your engagement lead to check: its briefing or ward is no longer in use. Nothing more to do here.'
			})
		).toBeVisible();
		// Newest first: the two held, then the one sent while its version was published.
		await expect(ward.todaySent).toHaveText([
			'Sent to your lead to check',
			'Sent to your lead to check',
			'Sent'
		]);
		await expectNoAxeViolations(tablet);
		await ward.nextPatient();
	});

	await test.step('reloaded without the retired briefing, today’s list still names it', async () => {
		const topic = rowsOf<{ topic: string }>(
			server.dataDir,
			'select topic from briefing where id = ?',
			version.briefing_id
		)[0]!.topic;
		await tablet.reload();
		// The tablet's content no longer has it (its only version is retired)…
		await expect(tablet.getByRole('link', { name: topic, exact: true })).toHaveCount(0);
		// …but each record of it is still named as the tablet showed it when it was recorded.
		await expect(ward.todayBriefings).toHaveText(Array(3).fill(`${topic} · Video · English`));
	});

	const lead = await signedIn(browser, demo.lead);
	const held = new HeldRecordsPage(lead);
	// A second tab of the lead's, left open on the list: its Count it is stale once decided.
	const other = new HeldRecordsPage(await lead.context().newPage());
	await test.step('the lead finds them from the measurement home', async () => {
		await held.openFromHome(2);
		await expectNoAxeViolations(lead);
		await expect(held.records.getByRole('heading', { level: 3 })).toHaveText([
			/^Record 1: Ward 7, recorded /,
			/^Record 2: Ward 7, recorded /
		]);
		await expect(held.records.first()).toContainText(
			'The briefing version given had been retired, or replaced by a newer one, before the record reached the server.'
		);
		await expect(held.records.first()).toContainText('General adult inpatients');
		await expectNoAxeViolations(lead);
		await other.page.goto('/studio/measurement/held');
	});
	const first = async (page: HeldRecordsPage) =>
		(await page.records.first().getByRole('heading', { level: 3 }).textContent())!.trim();

	await test.step('counts the first: a delivery record, in the measures', async () => {
		await held.count(await first(held));
		await expect(held.status).toContainText('The record was counted.');
		await expect(held.records).toHaveCount(1);
		expect(countDeliveries(server.dataDir)).toBe(before + 1);
		expect(dayTotal(day)).toBe(dayBefore + 1);
		await expectNoAxeViolations(lead);
	});

	await test.step('the stale tab is told someone has already decided', async () => {
		await other.count(await first(other));
		await expect(other.errorSummary).toContainText(
			'Someone else has already counted or set aside this record.'
		);
		await expect(other.errorSummary).toBeFocused();
		expect(countDeliveries(server.dataDir)).toBe(before + 1);
		await expectNoAxeViolations(other.page);
	});

	await test.step('sets the second aside, asked why first', async () => {
		const label = await first(held);
		await held.askToSetAside(label);
		await expect(held.setAsideQuestion).toContainText(`Set aside ${label}?`);
		await expectNoAxeViolations(lead);
		await held.setAside();
		await expect(held.errorSummary).toContainText('Choose why the record is being set aside');
		await expectNoAxeViolations(lead);
		await held.setAside('A training or test record');
		await expect(held.status).toContainText('The record was set aside.');
		await expect(lead.getByText('No records are waiting to be checked.')).toBeVisible();
		expect(countDeliveries(server.dataDir)).toBe(before + 1);
		expect(dayTotal(day)).toBe(dayBefore + 1);
		await expectNoAxeViolations(lead);
	});

	await test.step('in Arabic the page mirrors', async () => {
		await lead.goto('/studio/measurement/held?lang=ar');
		await expect(lead.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(held.heading).toHaveText('سجلات محجوزة للتحقق');
		await expectNoAxeViolations(lead);
	});

	await test.step('the record set aside is listed: who set it aside, when and why', async () => {
		await held.page.goto('/studio/measurement/held?lang=en');
		await held.openSetAside();
		await expect(held.setAsideRecords).toHaveCount(1);
		const record = held.setAsideRecords.first();
		await expect(record.getByRole('heading', { level: 2 })).toHaveText(
			/^Record 1: Ward 7, recorded /
		);
		await expect(record).toContainText(
			'The briefing version given had been retired, or replaced by a newer one, before the record reached the server.'
		);
		await expect(record.getByText('Leila Lead', { exact: true })).toBeVisible();
		await expect(record.getByText('A training or test record', { exact: true })).toBeVisible();
		await expect(
			lead.getByText('Showing records 1 to 1 of 1, latest set aside first')
		).toBeVisible();
		await expectNoAxeViolations(lead);
		// A page that is no number is refused, named.
		const bad = await lead.goto('/studio/measurement/held/set-aside?page=two');
		expect(bad?.status()).toBe(400);
		await expect(lead.getByText(/is not right: .page.\./)).toBeVisible();
	});

	await test.step('in Arabic the records set aside mirror', async () => {
		await lead.goto('/studio/measurement/held/set-aside?lang=ar');
		await expect(lead.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(held.heading).toHaveText('السجلات المُنحّاة جانبًا');
		await expect(lead.getByRole('button', { name: /^احتسبه رغم ذلك/ })).toBeVisible();
		await expectNoAxeViolations(lead);
	});

	await test.step('set aside by mistake, it is counted after all, once', async () => {
		await lead.goto('/studio/measurement/held/set-aside?lang=en');
		const label = (await held.setAsideRecords
			.first()
			.getByRole('heading', { level: 2 })
			.textContent())!.trim();
		await held.countAfterAll(label);
		await expect(held.status).toContainText('The record was counted.');
		await expect(lead.getByText('No records have been set aside.')).toBeVisible();
		expect(countDeliveries(server.dataDir)).toBe(before + 2);
		expect(dayTotal(day)).toBe(dayBefore + 2);
		// With its patient link, made from its QR code's token as counting it before would have:
		// the patient's page and feedback through that code are the record's.
		const token = new URL(link, server.origin).searchParams.get('t')!;
		expect(token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
		expect(
			rowsOf<{ outcome: string }>(
				server.dataDir,
				`select d.outcome from patient_link l join delivery_record d on d.id = l.delivery_id
				 where l.token_hash = ?`,
				createHash('sha256').update(token).digest('hex')
			)
		).toEqual([{ outcome: 'delivered' }]);
		await expectNoAxeViolations(lead);
	});

	await test.step('the audit trail gives each decision’s reason in words, not its code', async () => {
		const admin = await signedIn(browser, demo.admin);
		await admin.goto('/admin/audit');
		const setAside = admin.getByRole('row').filter({ hasText: 'Held record set aside' });
		await expect(setAside).toContainText('Reason: A training or test record');
		const counted = admin.getByRole('row').filter({ hasText: /^(?!.*after).*Held record counted/ });
		await expect(counted.first()).toContainText('Reason: Version no longer published');
		await expect(admin.getByRole('table')).not.toContainText('trainingOrTest');
		await expect(admin.getByRole('table')).not.toContainText('versionNotPublished');
		// The version retired is named by its number and briefing's topic, never by an id.
		const retired = admin
			.getByRole('row')
			.filter({ has: admin.getByRole('cell', { name: 'Retired', exact: true }) });
		await expect(retired.getByRole('cell').nth(3)).toHaveText(
			`Version ${version.number} of ${version.topic}`
		);
		await expect(retired.getByRole('cell').nth(4)).toContainText(`Briefing: ${version.topic}`);
		await expect(retired).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
		await admin.context().close();
	});
});

test('a run of records from a tablet offline all shift is counted in one go, asked first; a stale run counts nothing; a training run is set aside in one go', async ({
	browser
}) => {
	// After the journey above, the version it gave is retired: a tablet (an app that understands
	// `held`) sends three records of it from one ward, as one offline all shift would.
	const [retired] = rowsOf<{
		wardId: string;
		patientGroupId: string;
		briefingId: string;
		versionId: string;
		format: string;
		language: string;
		retiredAt: string;
	}>(
		server.dataDir,
		`select v.retired_at as "retiredAt", d.ward_id as "wardId", d.patient_group_id as "patientGroupId",
		        d.briefing_id as "briefingId", d.version_id as "versionId", d.format, d.language
		 from delivery_record d join briefing_version v on v.id = d.version_id
		 where v.status = 'retired' limit 1`
	);
	const nurse = await signedIn(browser, demo.ward);
	const send = async (n: number) => {
		// Given after the version was retired (and before now): held, not counted.
		const start = Date.parse(retired!.retiredAt);
		const changes = Array.from({ length: n }, (_, i) =>
			deliveryChange(retired!, new Date(start + (i + 1) * 10))
		);
		const answer = await nurse.request.post('/api/sync', {
			data: { changes },
			headers: { 'X-Sync-Understands': 'held' }
		});
		expect(answer.status()).toBe(200);
		expect((await answer.json()).results.map((r: { status: string }) => r.status)).toEqual(
			Array(n).fill('held')
		);
	};
	await send(3);
	const before = countDeliveries(server.dataDir);

	const lead = await signedIn(browser, demo.lead);
	const held = new HeldRecordsPage(lead);
	const stale = new HeldRecordsPage(await lead.context().newPage());
	await test.step('the run is listed with its ward, version, reason and size', async () => {
		await held.openFromHome(3);
		await expect(
			lead.getByRole('table', { name: 'Runs of records from one ward, version and reason' })
		).toBeVisible();
		await expect(held.runs).toHaveCount(1);
		await expect(held.runs.first().getByRole('cell')).toHaveText([
			'Ward 7',
			/\(version \d+\)$/,
			'Version no longer published',
			'3',
			/^Count all 3/
		]);
		await expectNoAxeViolations(lead);
	});

	await test.step('asked first, with Cancel; then counted, all three', async () => {
		await held.askToCountRun('Count all 3');
		await expect(held.countRunQuestion).toContainText('Counting cannot be undone');
		await expectNoAxeViolations(lead);
		// Another tab of the lead's asks too, then waits: the run changes under it.
		await stale.page.goto(lead.url());
		await held.countRunQuestion.getByRole('link', { name: 'Cancel' }).click();
		await expect(held.countRunQuestion).toHaveCount(0);
		await held.askToCountRun('Count all 3');
		await held.countRunQuestion.getByRole('button', { name: 'Yes, count all 3' }).click();
		await expect(held.status).toContainText('3 records were counted.');
		await expect(lead.getByText('No records are waiting to be checked.')).toBeVisible();
		expect(countDeliveries(server.dataDir)).toBe(before + 3);
		await expectNoAxeViolations(lead);
	});

	await test.step('the other tab, asked before the count and a new record since, counts nothing', async () => {
		await send(1);
		await stale.countRunQuestion.getByRole('button', { name: 'Yes, count all 3' }).click();
		await expect(stale.errorSummary).toContainText('These records changed after you looked');
		await expect(stale.errorSummary).toBeFocused();
		expect(countDeliveries(server.dataDir)).toBe(before + 3);
		await expect(stale.records).toHaveCount(1);
		await expectNoAxeViolations(stale.page);
	});

	await test.step('in Welsh and Arabic the run and its question have words; Arabic mirrors', async () => {
		await send(1);
		await lead.goto('/studio/measurement/held?lang=cy');
		await expect(held.runs.first()).toContainText('Cyfrif y ddau');
		await lead.goto('/studio/measurement/held?lang=ar');
		await expect(lead.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(held.runs.first()).toContainText('احتسب السجلين');
		await expectNoAxeViolations(lead);
		await lead.goto('/studio/measurement/held?lang=en');
	});

	await test.step('a run from a training tablet is set aside in one go, asked why first', async () => {
		const stored = countDeliveries(server.dataDir);
		await held.askToSetAsideRun('Set aside all 2');
		await expectNoAxeViolations(lead);
		await held.setAsideQuestion.getByRole('button', { name: 'Set aside all 2' }).click();
		await expect(held.errorSummary).toContainText('Choose why the record is being set aside');
		// The question is still there, for the same run.
		await held.setAsideQuestion.getByLabel('A training or test record', { exact: true }).check();
		// A sentence beside a reason from the list would not be kept: the lead is asked, it stays.
		const note = held.setAsideQuestion.getByLabel('Another reason about the content', {
			exact: true
		});
		await note.fill('The training tablet on Ward 7.');
		await held.setAsideQuestion.getByRole('button', { name: 'Set aside all 2' }).click();
		await expect(held.errorSummary).toContainText(
			'You chose a reason from the list and also wrote a sentence, which would not be kept.'
		);
		await expect(note).toHaveValue('The training tablet on Ward 7.');
		await expectNoAxeViolations(lead);
		await note.fill('');
		await held.setAsideQuestion.getByLabel('A training or test record', { exact: true }).check();
		await held.setAsideQuestion.getByRole('button', { name: 'Set aside all 2' }).click();
		await expect(held.status).toContainText('2 records were set aside.');
		await expect(lead.getByText('No records are waiting to be checked.')).toBeVisible();
		expect(countDeliveries(server.dataDir)).toBe(stored);
		await held.openSetAside();
		await expect(held.setAsideRecords).toHaveCount(2);
		await expectNoAxeViolations(lead);
	});
	await lead.context().close();
	await nurse.context().close();
});

test('only the lead (and admin) may see or decide held records: a reviewer and ward staff get 403', async ({
	browser
}) => {
	for (const account of [demo.reviewer, demo.ward]) {
		const page = await signedIn(browser, account);
		for (const list of ['/studio/measurement/held', '/studio/measurement/held/set-aside']) {
			expect((await page.request.get(list)).status()).toBe(403);
			const posted = await page.request.post(`${list}?/count`, {
				form: { id: crypto.randomUUID() },
				headers: { origin: server.origin }
			});
			expect(posted.status()).toBe(403);
		}
		await page.context().close();
	}
});
