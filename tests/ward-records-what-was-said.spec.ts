import { expect, test, type Browser } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { MeasurementPage } from './pages/measurement-page';
import { signIn } from './pages/sign-in-page';
import { WardPage } from './pages/ward-page';
import { storedAnswers } from './support/database';
import { OwnServer } from './support/own-server';

/*
 * Issue 12, "record only what was said": on the ward nothing is chosen for the nurse; a
 * question left unanswered is stored as not recorded (null), not as "no", and the measure
 * counts only answered records in its denominator and says how many were not recorded. A
 * server of its own, so the week's numbers are exactly this journey's.
 */
test.describe.configure({ mode: 'serial' });

const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 12);
test.beforeAll(async () => {
	await server.start();
});
test.afterAll(async () => {
	await server.kill();
});

const DAY_MS = 86_400_000;
const now = new Date();
const monday = new Date(now.getTime() - ((now.getUTCDay() + 6) % 7) * DAY_MS)
	.toISOString()
	.slice(0, 10);
const weekLabel = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'UTC',
	day: 'numeric',
	month: 'short',
	year: 'numeric'
}).format(new Date(`${monday}T00:00:00Z`));

/** The lead, signed in on this journey's server. */
async function signedInLead(browser: Browser) {
	const context = await browser.newContext({ baseURL: server.origin });
	const lead = await context.newPage();
	await signIn(lead, demo.lead);
	return { context, lead, m: new MeasurementPage(lead) };
}

/** The Ward 7 nurse, signed in on this journey's server. */
async function signedInNurse(browser: Browser) {
	const context = await browser.newContext({ baseURL: server.origin });
	const nurse = await context.newPage();
	await signIn(nurse, demo.ward);
	return { context, nurse, ward: new WardPage(nurse) };
}

test('on the ward, nothing is chosen for the nurse: Save asks for the outcome only', async ({
	browser
}) => {
	const { context, nurse, ward } = await signedInNurse(browser);
	await test.step('nothing is chosen in advance, and Save asks for the outcome', async () => {
		await ward.chooseGroup(/People with a learning disability/);
		await ward.chooseLanguage('English');
		await ward.startRecommended();
		await ward.recordWhatHappened();
		await expect(nurse.getByRole('radio', { checked: true })).toHaveCount(0);
		await expect(nurse.getByLabel('Language the patient needed (optional)')).toHaveValue('');
		await nurse.getByRole('button', { name: 'Save', exact: true }).click();
		await expect(nurse.getByText('Choose what happened')).toBeVisible();
		await expect(nurse.getByLabel('Delivered', { exact: true })).toBeFocused();
		await expectNoAxeViolations(nurse);
	});

	await test.step('first patient: delivered and teach-back confirmed; nothing else said', async () => {
		await nurse
			.getByRole('group', { name: 'Teach-back' })
			.getByLabel('Confirmed', { exact: true })
			.check();
		await ward.save('Delivered');
	});

	await ward.expectWaiting(0);
	await context.close();
});

test('a patient who needed another language: the nurse’s choice at the language step is kept', async ({
	browser
}) => {
	const { context, nurse, ward } = await signedInNurse(browser);
	await test.step('second patient: needed Polish, given English; talked through, nothing else', async () => {
		await ward.chooseGroup(/General adult inpatients/);
		await nurse.getByLabel('Another language').selectOption('pl');
		await nurse.getByRole('button', { name: 'Use this language' }).click();
		await ward.startRecommended();
		await ward.recordWhatHappened();
		await expect(nurse.getByLabel('Language the patient needed (optional)')).toHaveValue('pl');
		await nurse
			.getByRole('group', { name: 'Talked through with the patient?' })
			.getByLabel('Yes')
			.check();
		await ward.save('Delivered');
		await ward.expectWaiting(0);
	});
	await context.close();
});

test('the server holds null for every question not answered', () => {
	const [first, second] = storedAnswers(server.dataDir);
	expect(first).toEqual({
		outcome: 'delivered',
		talked_through: null,
		interpreter_used: null,
		carer_present: null,
		teach_back: 'confirmed',
		language: 'en',
		language_needed: null
	});
	expect(second).toMatchObject({
		talked_through: 1,
		interpreter_used: null,
		carer_present: null,
		teach_back: null,
		language_needed: 'pl'
	});
});

test('talked through and teach-back count answered records only, and say how many were not', async ({
	browser
}) => {
	const { context, m, lead } = await signedInLead(browser);
	for (const measure of ['Talked through', 'Teach-back confirmed'])
		await test.step(`${measure}: one answered of two given, one not recorded`, async () => {
			await m.openMeasure(measure);
			const cells = m.tableRow(measure, weekLabel).getByRole('cell');
			// value, numerator, denominator, not recorded, …
			await expect(cells.nth(0)).toHaveText('100%');
			await expect(cells.nth(1)).toHaveText('1');
			await expect(cells.nth(2)).toHaveText('1');
			await expect(cells.nth(3)).toHaveText('1');
			await expect(
				lead.getByRole('columnheader', { name: 'Not recorded', exact: true })
			).toBeVisible();
		});

	await context.close();
});

test('coverage counts only the wards that entered admissions, and the chart says so', async ({
	browser
}) => {
	const { context, m, lead } = await signedInLead(browser);
	await test.step('coverage counts only the wards that entered admissions, and says so', async () => {
		await lead.goto('/studio/measurement/admissions');
		await m.enterAdmissions('Ward 7', monday, '4');
		await expect(m.status).toContainText('Admissions saved.');
		await m.openMeasure('Coverage');
		await expect(
			lead.getByText('In some weeks only some wards entered admissions.', { exact: false })
		).toBeVisible();
		const cells = m.tableRow('Coverage', weekLabel).getByRole('cell');
		// value, numerator, denominator, wards counted (Ward 7 of the demo's four), …
		await expect(cells.nth(0)).toHaveText('50%');
		await expect(cells.nth(1)).toHaveText('2');
		await expect(cells.nth(2)).toHaveText('4');
		await expect(cells.nth(3)).toHaveText('1 of 4');
		await expectNoAxeViolations(lead);
	});

	await context.close();
});

test('the equity view lists the language needed, and downloads it', async ({ browser }) => {
	const { context, lead } = await signedInLead(browser);
	await test.step('the equity view shows the language needed, with no briefing in it yet', async () => {
		await lead.goto('/studio/measurement/equity');
		const table = lead.getByRole('table', { name: 'Languages patients needed' });
		const polish = table.getByRole('row', { name: /Polski/ });
		await expect(polish.getByRole('cell')).toHaveText(['1', 'English', '0', 'None yet']);
		await expectNoAxeViolations(lead);
		const download = lead.waitForEvent('download');
		await lead.getByRole('link', { name: 'Download languages needed (CSV)' }).click();
		const csv = await (await download).path().then((path) => readFileSync(path, 'utf8'));
		// An export: the count of one is withheld (an empty cell, and the row says so).
		expect(csv.replace(/^\ufeff/, '').split('\r\n')).toEqual([
			'language_needed,language_given,records,interpreter_used,interpreter_not_used,interpreter_not_recorded,content_in_language_needed,suppressed',
			'pl,en,,0,0,,no,true',
			''
		]);
	});
	await context.close();
});
