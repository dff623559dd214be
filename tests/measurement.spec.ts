import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { fhirR4Problems } from './support/fhir-r4';
import { demo } from './demo-accounts';
import { MeasurementPage } from './pages/measurement-page';
import { signIn } from './pages/sign-in-page';
import { countRows, deliveryChange, wardContent } from './support/measurement-data';
import { executeAll, rowsOf } from './support/database';
import { holdPageScript } from './support/held-script';
import { OwnServer } from './support/own-server';
import { sharedDataDir } from './support/paths';
import { localDay } from '../src/lib/domain/local-time';
import { weekStartOf } from '../src/lib/domain/measurement/period';

/*
 * The lead's measurement journey against the real server and SQLite: an aim, admissions by
 * hand and by CSV (a bad file refused whole), records arriving from a ward through the sync
 * API and the chart's numbers moving, a change annotated, exports, and every page accessible
 * in English and Arabic. Other journeys may have recorded on Ward 7 today, so counts are
 * compared before and after rather than assumed.
 */
test.describe.configure({ mode: 'serial' });

const DAY_MS = 86_400_000;
const now = new Date();
// The demo organisation's week: Monday to Sunday in Europe/London, not UTC.
const monday = weekStartOf(localDay(now, 'Europe/London'));
const lastMonday = new Date(Date.parse(monday) - 7 * DAY_MS).toISOString().slice(0, 10);
const nextMonday = new Date(Date.parse(monday) + 7 * DAY_MS).toISOString().slice(0, 10);
const weekLabel = (day: string) =>
	new Intl.DateTimeFormat('en-GB', {
		timeZone: 'UTC',
		day: 'numeric',
		month: 'short',
		year: 'numeric'
	}).format(new Date(`${day}T00:00:00Z`));

async function numeratorOf(page: Page, measure: MeasurementPage): Promise<number> {
	const row = measure.tableRow('Coverage', weekLabel(monday));
	return Number(await row.getByRole('cell').nth(1).innerText());
}

test('a lead sets an aim, enters admissions, sees the chart move as records arrive, annotates and exports', async ({
	browser
}) => {
	// The board report and the CSVs run joint disclosure control over every slice.
	test.setTimeout(180_000);
	const lead = await (await browser.newContext()).newPage();
	await signIn(lead, demo.lead);
	await lead.getByRole('link', { name: 'Measurement for improvement' }).click();
	const m = new MeasurementPage(lead);
	await expect(m.measureRow('Coverage')).toContainText('No data yet');
	await expectNoAxeViolations(lead);

	// An aim: refused with every missing field named, then saved and listed with its progress.
	await lead.getByRole('link', { name: 'Set an aim' }).click();
	await lead.getByRole('button', { name: 'Save aim' }).click();
	await expect(m.errorSummary).toContainText('Enter what you aim to achieve');
	await expect(m.errorSummary).toContainText('Choose a percentage measure');
	await expect(
		lead.getByRole('group', { name: 'Measure it is judged on' })
	).toHaveAccessibleDescription(/Choose a percentage measure/);
	await expect(m.errorSummary).toContainText('Enter a target percentage above 0, up to 100');
	await expectNoAxeViolations(lead);
	// An aim due before today, or of 0%, would read "Target met" from the start.
	await lead.getByLabel('What do you aim to achieve?').fill('Already done');
	await lead.getByLabel('Coverage', { exact: true }).check();
	await lead.getByLabel('How much: the target percentage').fill('0');
	await lead.getByLabel('By when').fill('2020-01-01');
	await lead.getByRole('button', { name: 'Save aim' }).click();
	await expect(m.errorSummary).toContainText('Enter a target percentage above 0, up to 100');
	await lead.getByLabel('How much: the target percentage').fill('50');
	await lead.getByRole('button', { name: 'Save aim' }).click();
	await expect(m.errorSummary).toContainText(
		'Enter a date from today on: an aim is for what is still to come'
	);
	await expectNoAxeViolations(lead);
	await m.gotoHome();
	await m.setAim({
		title: 'Every admission to Ward 7 gets a briefing',
		measure: 'Coverage',
		target: '90',
		dueBy: '2099-03-31',
		ward: 'Ward 7'
	});
	await expect(lead).toHaveURL(/\/studio\/measurement$/);
	const aims = lead.getByRole('table', { name: 'Aims' });
	await expect(aims.getByRole('row', { name: /Every admission to Ward 7/ })).toContainText(
		'No data yet'
	);

	// Admissions by hand, then a bad CSV refused whole with row errors, then a good one.
	await lead.getByRole('link', { name: 'Admissions' }).click();
	await expect(lead).toHaveURL(/\/studio\/measurement\/admissions$/);
	await expectNoAxeViolations(lead);
	await m.enterAdmissions('Ward 7', monday, '40');
	await expect(m.status).toContainText('Admissions saved.');
	const stored = countRows(sharedDataDir, 'admission_count');
	// A week not yet begun (a year mistyped, say) has no admissions.
	await m.enterAdmissions('Ward 7', nextMonday, '3');
	await expect(m.errorSummary).toContainText(
		'Enter a week that has begun: the Monday of this week or an earlier one'
	);
	expect(countRows(sharedDataDir, 'admission_count')).toBe(stored);
	await m.importCsv(
		'bad.csv',
		`ward,week_start,admissions\r\nWard 12,${lastMonday},12\r\nWard 99,${lastMonday},3\r\nElm Ward,2026-11-24,-1\r\nWard 7,${nextMonday},5\r\n`
	);
	await expect(m.errorSummary).toContainText('Row 3, column “ward”: no ward of that name');
	await expect(m.errorSummary).toContainText('Row 4, column “week_start”: not a Monday');
	await expect(m.errorSummary).toContainText('Row 4, column “admissions”: not a whole number');
	await expect(m.errorSummary).toContainText(
		'Row 5, column “week_start”: this week has not begun yet'
	);
	// By the field too, marked as in error: the first of the problems the summary lists.
	const file = lead.getByLabel('CSV file');
	await expect(file).toHaveAttribute('aria-invalid', 'true');
	await expect(file).toHaveAccessibleDescription(
		/Error:\s+Row 3, column “ward”: no ward of that name in this organisation$/
	);
	await expectNoAxeViolations(lead);
	expect(countRows(sharedDataDir, 'admission_count')).toBe(stored); // not even row 2
	await m.importCsv(
		'good.csv',
		`ward,week_start,admissions\r\nWard 12,${lastMonday},12\r\nward 7,${lastMonday},30\r\n`
	);
	await expect(m.status).toContainText('2 rows imported.');
	expect(countRows(sharedDataDir, 'admission_count')).toBe(stored + 2);

	// A week holding a different number is asked about first (Ward 7 holds 40 this week);
	// Cancel keeps it, and the same number again asks nothing.
	await m.enterAdmissions('Ward 7', monday, '45');
	const replace = lead.locator('#replace-question');
	await expect(replace).toBeFocused();
	await expect(replace.getByRole('heading', { level: 2 })).toHaveText(
		`Important: Ward 7 already has 40 admissions for the week of ${weekLabel(monday)}. Replace it with 45?`
	);
	await expectNoAxeViolations(lead);
	// The server asks again rather than replace when the number asked about is no longer held.
	const stale = await lead.request.post('/studio/measurement/admissions?/enter', {
		form: {
			wardId: wardContent(sharedDataDir, 'Ward 7').wardId,
			weekStart: monday,
			admissions: '45',
			was: '39'
		},
		headers: { origin: new URL(lead.url()).origin }
	});
	expect(await stale.json()).toMatchObject({ type: 'failure', status: 409 });
	await replace.getByRole('link', { name: 'Cancel' }).click();
	await expect(replace).toHaveCount(0);
	await m.enterAdmissions('Ward 7', monday, '40');
	await expect(m.status).toHaveText('Admissions saved.');
	// A file replacing a week lists it, held and new, and writes nothing until Replace.
	const threeWeeksAgo = new Date(Date.parse(lastMonday) - 14 * DAY_MS).toISOString().slice(0, 10);
	await m.importCsv(
		'again.csv',
		`ward,week_start,admissions\r\nWard 12,${lastMonday},14\r\nWard 12,${threeWeeksAgo},9\r\n`
	);
	const importQuestion = lead.locator('#import-question');
	await expect(importQuestion).toBeFocused();
	await expect(importQuestion).toContainText(
		'This file would replace 1 week already entered. Replace it?'
	);
	await expect(importQuestion.getByRole('listitem')).toHaveText([
		`Ward 12, week of ${weekLabel(lastMonday)}: 12 admissions held, 14 in the file`
	]);
	await expect(importQuestion).toContainText('It would also add 1 week not entered before.');
	await expectNoAxeViolations(lead);
	expect(countRows(sharedDataDir, 'admission_count')).toBe(stored + 2);
	await importQuestion.getByRole('button', { name: 'Replace and import' }).click();
	await expect(m.status).toContainText('2 rows imported.');
	await expect(m.status.getByRole('listitem')).toHaveText(['1 week added.', '1 week replaced.']);
	expect(countRows(sharedDataDir, 'admission_count')).toBe(stored + 3);

	// The coverage chart for Ward 7 before the records arrive.
	await m.openMeasure('Coverage', { ward: 'Ward 7' });
	await expect(lead.getByRole('img', { name: 'Coverage: XmR chart' })).toBeVisible();
	const before = await numeratorOf(lead, m);

	// Three briefings recorded on Ward 7 reach the server through the sync API.
	const nurse = await (await browser.newContext()).newPage();
	await signIn(nurse, demo.ward);
	const content = wardContent(sharedDataDir, 'Ward 7');
	const changes = [0, 1, 2].map((i) =>
		deliveryChange(content, new Date(Date.now() - (i + 1) * 1000))
	);
	// A fourth, undone at once: never counted, exported as entered-in-error.
	const undone = deliveryChange(content, new Date(Date.now() - 4000));
	const undo = {
		id: `undo:${undone.id}`,
		kind: 'deliveryUndo',
		payload: { deliveryId: undone.id, undoneAt: new Date().toISOString() }
	};
	const synced = await nurse.request.post('/api/sync', {
		data: { changes: [...changes, undone, undo] }
	});
	expect(synced.status()).toBe(200);
	expect((await synced.json()).results.map((r: { status: string }) => r.status)).toEqual([
		'accepted',
		'accepted',
		'accepted',
		'accepted',
		'accepted'
	]);

	// The nurse enters their own ward's admissions on the ward pages, and no other ward's.
	const twoWeeksAgo = new Date(Date.parse(lastMonday) - 7 * DAY_MS).toISOString().slice(0, 10);
	await nurse.goto('/ward/admissions');
	await expect(nurse.getByLabel('Ward')).toHaveValue(content.wardId);
	await expect(nurse.getByLabel('Ward').getByRole('option')).toHaveText(['Ward 7']);
	await new MeasurementPage(nurse).enterAdmissions('Ward 7', twoWeeksAgo, '25');
	await expect(nurse.getByRole('status')).toContainText('Admissions saved.');
	await expectNoAxeViolations(nurse);
	// Entered again with another number: asked first, and told what it replaced.
	await new MeasurementPage(nurse).enterAdmissions('Ward 7', twoWeeksAgo, '26');
	await expect(nurse.locator('#replace-question')).toBeFocused();
	await expectNoAxeViolations(nurse);
	await nurse.getByRole('button', { name: 'Replace', exact: true }).click();
	await expect(nurse.getByRole('status')).toHaveText(
		`Admissions saved. Ward 7’s 25 admissions for the week of ${weekLabel(twoWeeksAgo)} are replaced with 26.`
	);
	const otherWard = await nurse.request.post('/ward/admissions', {
		form: {
			wardId: wardContent(sharedDataDir, 'Ward 12').wardId,
			weekStart: twoWeeksAgo,
			admissions: '9'
		},
		headers: { origin: new URL(nurse.url()).origin }
	});
	expect(otherWard.status()).toBe(403);

	// The ward staff member cannot reach the lead's pages, nor post to them.
	for (const path of [
		'/studio/measurement',
		'/studio/measurement/admissions',
		'/studio/measurement/fhir'
	])
		expect((await nurse.request.get(path)).status(), path).toBe(403);
	const refused = await nurse.request.post('/studio/measurement/aims/new', {
		form: { title: 'x', measure: 'coverage', target: '50', dueBy: '2027-01-01' },
		headers: { origin: new URL(nurse.url()).origin }
	});
	expect(refused.status()).toBe(403);
	await nurse.context().close();

	await lead.reload();
	const row = m.tableRow('Coverage', weekLabel(monday));
	await expect(row.getByRole('cell').nth(1)).toHaveText(String(before + 3));
	await expect(row.getByRole('cell').nth(2)).toHaveText('40');
	await expectNoAxeViolations(lead);

	// A change tried, refused when empty, then drawn on the chart and listed.
	await m.annotate('', '');
	await expect(m.errorSummary).toContainText('Enter the date of the change');
	await expect(m.errorSummary).toContainText('Enter what was changed');
	await m.annotate(monday, 'Easy read leaflets started on Ward 7');
	await expect(m.status).toContainText('Change noted on the charts.');
	await expect(
		lead.getByRole('listitem').filter({ hasText: 'Easy read leaflets started on Ward 7' })
	).toBeVisible();
	await expect(lead.locator('svg .annotation-label')).toHaveText(['1']);
	// A second change in the same week shares its line: one label naming both, not two on top.
	await m.annotate(monday, 'Script read aloud on admission');
	await expect(m.status).toContainText('Change noted on the charts.');
	await expect(lead.locator('svg .annotation-label')).toHaveText(['1, 2']);
	await expect(lead.locator('svg line.annotation')).toHaveCount(1);

	// The lead switches this measure to a run chart.
	await lead.getByLabel('Run chart (IHI rules)').check();
	await lead.getByRole('button', { name: 'Save chart settings' }).click();
	await expect(m.status).toContainText('Chart settings saved.');
	await expect(lead.getByRole('img', { name: 'Coverage: run chart' })).toBeVisible();

	// CSV export of Ward 7's coverage: one row per week, every row naming the ward, small counts
	// suppressed even for the lead.
	await m.openMeasure('Coverage', { ward: 'Ward 7' });
	const download = lead.waitForEvent('download');
	await lead.getByRole('link', { name: 'Download this measure as CSV' }).click();
	const csv = await (await download).createReadStream();
	let text = '';
	for await (const chunk of csv) text += chunk;
	const lines = text
		.replace(/^\ufeff/, '')
		.trim()
		.split('\r\n');
	expect(lines[0]).toBe(
		'organisation,measure,unit,ward,patient_group,format,language,period_type,period_start,value,numerator,denominator,mean,lower_limit,upper_limit,signal,suppressed'
	);
	expect(lines.find((l) => l.includes(`,week,${monday},`))).toMatch(
		// A numerator of 1 to 4 is hidden (an empty cell) and then the rate is withheld too.
		new RegExp(
			`,coverage,percentage,Ward 7,all,all,all,week,${monday},(,|[0-9.]+,([5-9]|\\d\\d+)),40,`
		)
	);

	// The whole organisation's coverage, where only Ward 7 entered admissions: the CSV names the
	// wards it was counted over.
	await m.openMeasure('Coverage');
	const wholeDownload = lead.waitForEvent('download');
	await lead.getByRole('link', { name: 'Download this measure as CSV' }).click();
	let whole = '';
	for await (const chunk of await (await wholeDownload).createReadStream()) whole += chunk;
	const wholeLines = whole
		.replace(/^\ufeff/, '')
		.trim()
		.split('\r\n');
	expect(wholeLines[0]).toBe(
		'organisation,measure,unit,ward,patient_group,format,language,period_type,period_start,value,numerator,denominator,mean,lower_limit,upper_limit,signal,suppressed,wards_counted,wards_in_slice'
	);
	expect(wholeLines.find((l) => l.includes(`,week,${monday},`))).toMatch(
		new RegExp(
			`,coverage,percentage,all,all,all,all,week,${monday},(,|[0-9.]+,([5-9]|\\d\\d+)),40,.*,1,\\d+$`
		)
	);

	// Fewer admissions than briefings (a typo of 40 as 1): the chart names the ward's week and
	// links to its admissions, where the form is filled with them; then put right.
	await lead.goto('/studio/measurement/admissions');
	await m.enterAdmissions('Ward 7', monday, '1');
	await lead.getByRole('button', { name: 'Replace', exact: true }).click();
	await expect(m.status).toHaveText(
		`Admissions saved. Ward 7’s 40 admissions for the week of ${weekLabel(monday)} are replaced with 1.`
	);
	await m.openMeasure('Coverage');
	const over = lead.locator('#over-admitted');
	const overWeek = over
		.getByRole('listitem')
		.filter({ hasText: `Ward 7, week of ${weekLabel(monday)}:` });
	await expect(overWeek).toContainText(
		new RegExp(`^Ward 7, week of ${weekLabel(monday)}: briefings given \\d+, admissions 1\\.`)
	);
	await expectNoAxeViolations(lead);
	await over
		.getByRole('link', {
			name: `More briefings than admissions: check the admissions entered for this week (Ward 7, week of ${weekLabel(monday)})`
		})
		.click();
	await expect(lead.getByLabel('Ward')).toHaveValue(wardContent(sharedDataDir, 'Ward 7').wardId);
	await expect(lead.getByLabel('Week starting (a Monday)')).toHaveValue(monday);
	await lead.getByLabel('Admissions', { exact: true }).fill('40');
	await lead.getByRole('button', { name: 'Save admissions' }).click();
	await lead.getByRole('button', { name: 'Replace', exact: true }).click();
	await m.openMeasure('Coverage');
	// Put right. (Other journeys on this server may have given more than 40 briefings on Ward 7
	// this week, so the week may still be listed, with 40 admissions; never with 1.)
	await expect(lead.getByRole('heading', { level: 1, name: 'Coverage' })).toBeVisible();
	await expect(overWeek.filter({ hasText: ', admissions 1.' })).toHaveCount(0);

	// FHIR: a collection Bundle, valid R4 with its invariants, of one Communication per record
	// (the undone one as entered-in-error), sent by the organisation to a patient group, on a
	// ward; no patient reference. A range of days limits it; a bad range is refused by name.
	const fhir = await lead.request.get('/studio/measurement/fhir');
	expect(fhir.headers()['content-type']).toContain('application/fhir+json');
	const bundle = await fhir.json();
	expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
	expect(fhirR4Problems(bundle)).toEqual([]);
	type Entry = { fullUrl: string; resource: { id: string; resourceType: string } };
	const byId = new Map<string, Entry['resource']>(
		bundle.entry.map((e: Entry) => [e.resource.id, e.resource])
	);
	for (const change of changes)
		expect(byId.get(change.id)).toMatchObject({
			resourceType: 'Communication',
			status: 'completed',
			language: 'en',
			recipient: [{ reference: `urn:uuid:${content.patientGroupId}` }],
			extension: expect.arrayContaining([
				expect.objectContaining({
					url: expect.stringMatching(/\/StructureDefinition\/ward$/),
					valueReference: { reference: `urn:uuid:${content.wardId}`, display: 'Ward 7' }
				})
			])
		});
	expect(byId.get(undone.id)).toMatchObject({ status: 'entered-in-error' });
	expect(byId.get(content.wardId)).toMatchObject({ resourceType: 'Location', name: 'Ward 7' });
	expect(byId.get(content.patientGroupId)).toMatchObject({ resourceType: 'Group' });
	expect(JSON.stringify(bundle)).not.toMatch(/subject|Patient\//);
	const today = new Date().toISOString().slice(0, 10);
	const ranged = await (
		await lead.request.get(`/studio/measurement/fhir?from=${today}&to=${today}`)
	).json();
	expect(fhirR4Problems(ranged)).toEqual([]);
	const rangedSent = ranged.entry
		.map((e: Entry) => e.resource)
		.filter((r: Entry['resource']) => r.resourceType === 'Communication')
		.map((r: { sent: string }) => r.sent.slice(0, 10));
	expect(rangedSent.length).toBeGreaterThanOrEqual(4);
	expect(new Set(rangedSent)).toEqual(new Set([today]));
	const badRange = await lead.request.get('/studio/measurement/fhir?from=yesterday', {
		headers: { accept: 'application/json' }
	});
	expect(badRange.status()).toBe(400);
	expect((await badRange.json()).issues).toEqual([expect.objectContaining({ field: 'from' })]);

	// The aim now shows progress and has a board report.
	await m.gotoHome();
	await expect(aims.getByRole('row', { name: /Every admission to Ward 7/ })).not.toContainText(
		'No data yet'
	);
	await lead
		.getByRole('link', { name: 'Board report: Every admission to Ward 7 gets a briefing' })
		.click();
	await expect(lead.getByRole('heading', { level: 1 })).toHaveText(
		'Every admission to Ward 7 gets a briefing'
	);
	await expect(lead.getByRole('img', { name: 'Coverage: run chart' })).toBeVisible();
	await expectNoAxeViolations(lead);
	await lead.context().close();
});

test('a lead corrects an aim, closes and reopens it, and edits and removes a change noted', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const lead = await (await browser.newContext()).newPage();
	await signIn(lead, demo.lead);
	const m = new MeasurementPage(lead);
	const heading = lead.getByRole('heading', { level: 1 });
	const title = 'Ward 12 briefings talked thru';
	const corrected = 'Seven in ten briefings on Ward 12 talked through';
	let aimPath = '';
	await m.gotoHome();
	await m.setAim({
		title,
		measure: 'Talked through',
		target: '70',
		dueBy: '2099-09-30',
		ward: 'Ward 12'
	});
	await expect(m.currentAims.getByRole('row', { name: new RegExp(title) })).toBeVisible();

	await test.step('the aim is corrected: a bad target refused with what was typed kept', async () => {
		await m.changeAim(title);
		await expect(lead.getByLabel('How much: the target percentage')).toHaveValue('70');
		await expectNoAxeViolations(lead);
		await lead.getByLabel('What do you aim to achieve?').fill(corrected);
		await lead.getByLabel('How much: the target percentage').fill('170');
		await lead.getByRole('button', { name: 'Save changes' }).click();
		await expect(m.errorSummary).toContainText('Enter a target percentage above 0, up to 100');
		await expect(lead.getByLabel('What do you aim to achieve?')).toHaveValue(corrected);
		await expect(lead.getByLabel('How much: the target percentage')).toHaveValue('170');
		await expect(lead.getByLabel('Ward 12', { exact: true })).toBeChecked();
		await expect(heading).toHaveText(title);
		await expectNoAxeViolations(lead);
		await lead.getByLabel('How much: the target percentage').fill('75');
		await lead.getByRole('button', { name: 'Save changes' }).click();
		await expect(m.status).toHaveText('Aim saved.');
		await expect(heading).toHaveText(corrected);
		// The board report shows the aim as it now stands.
		await lead.getByRole('link', { name: `Board report: ${corrected}` }).click();
		await expect(heading).toHaveText(corrected);
		await expect(lead.getByRole('definition').filter({ hasText: /^\s*75% · By/ })).toHaveText(
			new RegExp(`75% · By\\s+${weekLabel('2099-09-30')}`)
		);
	});

	await test.step('closed, it leaves the current aims for the closed ones; reopened, it is back', async () => {
		await m.changeAim(corrected);
		await lead.getByRole('button', { name: 'Close aim' }).click();
		await expect(m.errorSummary).toContainText('Choose whether the aim was achieved or stopped');
		await expectNoAxeViolations(lead);
		await m.closeAim('Stopped');
		await expect(m.status).toHaveText('Aim closed. It is listed under Closed aims.');
		await expect(lead.getByRole('button', { name: 'Reopen aim' })).toBeVisible();
		await expectNoAxeViolations(lead);
		await m.gotoHome();
		const closedOn = `Stopped, closed ${weekLabel(localDay(new Date(), 'Europe/London'))}`;
		await expect(m.currentAims.getByRole('row', { name: new RegExp(corrected) })).toHaveCount(0);
		await expect(m.closedAims.getByRole('row', { name: new RegExp(corrected) })).toContainText(
			closedOn
		);
		await expectNoAxeViolations(lead);
		await m.closedAims.getByRole('link', { name: `Board report: ${corrected}` }).click();
		await expect(lead.getByRole('definition').filter({ hasText: closedOn })).toBeVisible();
		await m.changeAim(corrected);
		await lead.getByRole('button', { name: 'Reopen aim' }).click();
		await expect(m.status).toHaveText('Aim reopened. It is back among the current aims.');
		await m.gotoHome();
		await expect(m.currentAims.getByRole('row', { name: new RegExp(corrected) })).toBeVisible();
		await expect(m.closedAims).toHaveCount(0);
		const report = m.currentAims.getByRole('link', { name: `Board report: ${corrected}` });
		aimPath = (await report.getAttribute('href'))!.replace(/\/report$/, '');
	});

	await test.step('a change noted is corrected, then removed after asking', async () => {
		await m.openMeasure('Talked through');
		await m.annotate(monday, 'Talk-through prompt card on Ward 12');
		await expect(m.status).toContainText('Change noted on the charts.');
		await m.editNote('Talk-through prompt card on Ward 12', { text: '' });
		await expect(m.errorSummary).toContainText('Enter what was changed');
		await expect(lead.getByLabel('Date of the change')).toHaveValue(monday);
		await expectNoAxeViolations(lead);
		await lead.getByLabel('What was changed').fill('Prompt cards for talking briefings through');
		await lead.getByLabel('Ward (optional)').selectOption({ label: 'Ward 12' });
		await lead.getByRole('button', { name: 'Save note' }).click();
		await expect(m.status).toHaveText('Note saved on the charts.');
		await expect(m.note('Prompt cards for talking briefings through')).toBeVisible();
		await expect(m.note('Talk-through prompt card on Ward 12')).toHaveCount(0);

		const note = m.note('Prompt cards for talking briefings through');
		const ask = lead.getByRole('heading', { name: 'Remove this note from the charts?' });
		await note.getByRole('link', { name: /^Remove note \d+$/ }).click();
		await expect(ask).toBeVisible();
		await expectNoAxeViolations(lead);
		await lead.getByRole('link', { name: 'Cancel' }).click();
		await expect(ask).toHaveCount(0);
		await note.getByRole('link', { name: /^Remove note \d+$/ }).click();
		await lead.getByRole('button', { name: 'Remove note' }).click();
		await expect(m.status).toHaveText('Note removed from the charts.');
		await expect(note).toHaveCount(0);
		await expectNoAxeViolations(lead);
	});

	await test.step('a reviewer may change neither, even by posting the forms', async () => {
		await m.annotate(monday, 'A note the reviewer cannot remove');
		const edit = await m
			.note('A note the reviewer cannot remove')
			.getByRole('link', { name: /^Edit note \d+$/ })
			.getAttribute('href');
		const noteId = new URLSearchParams(edit!.replace(/#.*$/, '')).get('note')!;
		const reviewer = await (await browser.newContext()).newPage();
		await signIn(reviewer, demo.reviewer);
		const headers = { origin: new URL(reviewer.url()).origin };
		for (const [url, form] of [
			[`${aimPath}?/close`, { outcome: 'achieved' }],
			[`${aimPath}?/edit`, { title: 'x', measure: 'coverage', target: '1', dueBy: '2027-01-01' }],
			['/studio/measurement/talkedThrough?/removeNote', { noteId }],
			['/studio/measurement/talkedThrough?/editNote', { noteId, onDate: monday, text: 'x' }]
		] as const) {
			const answer = await reviewer.request.post(url, { form, headers, maxRedirects: 0 });
			expect(answer.status(), url).toBe(403);
		}
		expect((await reviewer.request.get(aimPath)).status()).toBe(403);
		await reviewer.context().close();
		await m.gotoHome();
		await expect(m.currentAims.getByRole('row', { name: new RegExp(corrected) })).toBeVisible();
		await m.openMeasure('Talked through');
		await expect(m.note('A note the reviewer cannot remove')).toBeVisible();
	});
	await lead.context().close();

	await test.step('without JavaScript, the aim is closed as achieved', async () => {
		const plain = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
		await signIn(plain, demo.lead);
		const p = new MeasurementPage(plain);
		await p.changeAim(corrected);
		await p.closeAim('Achieved');
		await expect(p.status).toHaveText('Aim closed. It is listed under Closed aims.');
		await p.gotoHome();
		await expect(p.closedAims.getByRole('row', { name: new RegExp(corrected) })).toContainText(
			'Achieved, closed'
		);
		await plain.context().close();
	});
});

test('every measurement page is accessible in English and Arabic', async ({ page }) => {
	test.setTimeout(240_000);
	await signIn(page, demo.lead);
	await page.goto('/studio/measurement');
	const report = await page
		.getByRole('link', { name: /^Board report: / })
		.first()
		.getAttribute('href');
	// A note's edit form and the question before removing it, on the chart they belong to.
	await page.goto('/studio/measurement/coverage');
	const noteStates = await Promise.all(
		[/^Edit note \d+$/, /^Remove note \d+$/].map(async (name) =>
			(await page.getByRole('link', { name }).first().getAttribute('href'))!.replace(/#.*$/, '')
		)
	);
	const pages = [
		'/studio/measurement',
		'/studio/measurement/admissions',
		'/studio/measurement/aims/new',
		`${report!.replace(/\/report$/, '')}`,
		...noteStates.map((state) => `/studio/measurement/coverage${state}`),
		'/studio/measurement/equity',
		'/studio/measurement/coverage',
		'/studio/measurement/talkedThrough?period=month',
		'/studio/measurement/feedbackPositive',
		'/ward/admissions',
		`${report}`
	];
	for (const lang of ['en', 'ar'])
		for (const path of pages) {
			const response = await page.goto(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
			expect(response?.status(), path).toBe(200);
			await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
			await expectNoAxeViolations(page);
		}
	await page.goto('/studio/measurement?lang=en');
});

test('a reviewer sees small counts hidden and cannot change measurement settings', async ({
	page
}) => {
	await signIn(page, demo.reviewer);
	await page.goto('/studio/measurement/equity');
	await expect(
		page.getByText('hidden: fewer than 5, or would let a number under 5 be worked out.')
	).toBeVisible();
	// The lead's three leaflets for General adult inpatients (more if other journeys added some).
	const generalAdult = page
		.getByRole('table', { name: 'Patient groups by format' })
		.getByRole('row', { name: /General adult/ });
	const leaflets = await generalAdult.getByRole('cell').nth(1).innerText();
	expect(leaflets === '[c]' || Number(leaflets) >= 5, leaflets).toBe(true);
	for (const cell of await page.getByRole('cell').allInnerTexts())
		expect(cell.trim(), 'no count from 1 to 4 is shown').not.toMatch(/^[1-4]$/);
	expect((await page.request.get('/studio/measurement/admissions')).status()).toBe(403);
	const refused = await page.request.post('/studio/measurement/coverage?/settings', {
		form: { chart: 'xmr', baselinePoints: '', rebaseAt: '' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(refused.status()).toBe(403);
});

test('admissions typed before the page’s script has started are saved as typed', async ({
	browser
}) => {
	// The page's script is held back until the lead has typed, as on a slow connection; when it
	// starts, the page hydrates, which used to set the ward back to "Choose a ward".
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const lead = await context.newPage();
	await signIn(lead, demo.lead);
	const release = await holdPageScript(lead);
	// Not until `load`: that waits for the held script.
	await lead.goto('/studio/measurement/admissions', { waitUntil: 'commit' });
	const weekAgo26 = new Date(Date.parse(monday) - 26 * 7 * DAY_MS).toISOString().slice(0, 10);
	const form = lead.locator('form', { has: lead.getByRole('button', { name: 'Save admissions' }) });
	await form.getByLabel('Ward').selectOption({ label: 'Ward 7' });
	await form.getByLabel('Week starting (a Monday)').fill(weekAgo26);
	await form.getByLabel('Admissions', { exact: true }).fill('17');
	release();
	await expect(lead.locator('html')).toHaveAttribute('data-started', '');
	await expect(form.getByLabel('Ward')).toHaveValue(/^[0-9a-f-]{36}$/);
	await expect(form.getByLabel('Admissions', { exact: true })).toHaveValue('17');
	await form.getByRole('button', { name: 'Save admissions' }).click();
	await expect(lead.getByRole('status')).toContainText('Admissions saved.');
	await expect(
		lead.getByRole('table', { name: 'Admissions entered' }).getByRole('row', {
			name: new RegExp(`${weekLabel(weekAgo26)}\\s+Ward 7\\s+17`)
		})
	).toBeVisible();
	await context.close();
});

test('a ward’s clerk and a lead reach an entry from months ago, a page at a time', async ({
	browser
}) => {
	// Its own server: thirty weeks of admissions would change the coverage other journeys chart.
	test.setTimeout(240_000);
	const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 44);
	await server.start();
	try {
		const weeksBack = (n: number) =>
			new Date(Date.parse(monday) - n * 7 * DAY_MS).toISOString().slice(0, 10);
		const [lead] = rowsOf<{ id: string; organisation_id: string }>(
			server.dataDir,
			'select id, organisation_id from staff_account where email = ?',
			demo.lead.email
		);
		const wardIds = Object.fromEntries(
			rowsOf<{ id: string; name: string }>(
				server.dataDir,
				"select id, name from ward where name in ('Ward 7', 'Ward 12', 'Oak Ward')"
			).map((w) => [w.name, w.id])
		);
		// Entered before: thirty weeks of Ward 7 (10 + n admissions n weeks back), five of Ward 12.
		const entry = (ward: string, n: number, admissions: number): [string, ...unknown[]] => [
			'insert into admission_count (organisation_id, ward_id, week_start, admissions, updated_at, updated_by) values (?, ?, ?, ?, ?, ?)',
			lead!.organisation_id,
			wardIds[ward],
			weeksBack(n),
			admissions,
			new Date().toISOString(),
			lead!.id
		];
		executeAll(server.dataDir, [
			...Array.from({ length: 30 }, (_, i) => entry('Ward 7', i + 1, 11 + i)),
			...Array.from({ length: 5 }, (_, i) => entry('Ward 12', i + 1, 51 + i))
		]);

		await test.step('the ward’s clerk finds week 25 on the second page and corrects it', async () => {
			const context = await browser.newContext({ baseURL: server.origin });
			const clerk = await context.newPage();
			const m = new MeasurementPage(clerk);
			await signIn(clerk, demo.ward);
			await clerk.goto('/ward/admissions');
			// Their own ward's weeks only: Ward 12's are not theirs.
			await expect(
				clerk.getByText('Showing entries 1 to 20 of 30, newest week first')
			).toBeVisible();
			await expect(m.admissionsEntered.getByRole('row')).toHaveCount(21);
			await expect(m.admissionsRow(weekLabel(weeksBack(1)), 'Ward 7', 11)).toBeVisible();
			await expect(m.admissionsRow(weekLabel(weeksBack(25)), 'Ward 7')).toHaveCount(0);
			await expect(m.admissionsEntered).not.toContainText('Ward 12');
			await expectNoAxeViolations(clerk);

			await m.turnAdmissionsPage('Next');
			await expect(clerk).toHaveURL(/\/ward\/admissions\?page=2#recent-heading$/);
			await expect(
				clerk.getByText('Showing entries 21 to 30 of 30, newest week first')
			).toBeVisible();
			// Opened at the list, not the top of the page.
			await expect(clerk.getByRole('heading', { name: 'Admissions entered' })).toBeInViewport();
			await expect(m.admissionsRow(weekLabel(weeksBack(30)), 'Ward 7', 40)).toBeVisible();
			await expect(m.admissionsRow(weekLabel(weeksBack(25)), 'Ward 7', 35)).toBeVisible();
			await expect(m.admissionsPages.getByRole('link', { name: 'Page 2' })).toHaveAttribute(
				'aria-current',
				'page'
			);
			await expectNoAxeViolations(clerk);

			// A correction replaces the number held: the clerk is asked first.
			await m.enterAdmissions('Ward 7', weeksBack(25), '36');
			await clerk.getByRole('button', { name: 'Replace', exact: true }).click();
			await expect(clerk.getByRole('status')).toContainText('Admissions saved.');
			await expect(m.admissionsRow(weekLabel(weeksBack(25)), 'Ward 7', 36)).toBeVisible();

			await m.turnAdmissionsPage('Previous');
			await expect(clerk).toHaveURL(/\/ward\/admissions#recent-heading$/);
			await expect(m.admissionsRow(weekLabel(weeksBack(1)), 'Ward 7', 11)).toBeVisible();

			// In Arabic the page links run right to left, and the list is still reached.
			await clerk.goto('/ward/admissions?page=2&lang=ar');
			await expect(clerk.locator('html')).toHaveAttribute('dir', 'rtl');
			await expect(
				clerk.getByRole('navigation', { name: 'صفحات حالات الدخول المُدخلة' })
			).toBeVisible();
			await expectNoAxeViolations(clerk);
			await clerk.goto('/ward/admissions?lang=en');

			// A page past the last shows the last; a page that is no number is refused, named.
			await clerk.goto('/ward/admissions?page=9');
			await expect(
				clerk.getByText('Showing entries 21 to 30 of 30, newest week first')
			).toBeVisible();
			const bad = await clerk.goto('/ward/admissions?page=two');
			expect(bad?.status()).toBe(400);
			await expect(clerk.getByRole('heading', { level: 1 })).toHaveText(
				'This web address could not be read'
			);
			await expect(clerk.getByText(/is not right: .page.\./)).toBeVisible();
			await expectNoAxeViolations(clerk);
			await context.close();
		});

		await test.step('the lead lists one ward’s weeks and reaches its oldest', async () => {
			const context = await browser.newContext({ baseURL: server.origin });
			const page = await context.newPage();
			const m = new MeasurementPage(page);
			await signIn(page, demo.lead);
			await page.goto('/studio/measurement/admissions');
			await expect(
				page.getByText('Showing entries 1 to 20 of 35, newest week first')
			).toBeVisible();
			// Within a week, by ward name.
			await expect(m.admissionsEntered.getByRole('row').nth(1)).toHaveAccessibleName(
				`${weekLabel(weeksBack(1))} Ward 12 51`
			);
			await page.getByLabel('Admissions entered for').selectOption({ label: 'Ward 7' });
			await page.getByRole('button', { name: 'Show', exact: true }).click();
			await expect(
				page.getByText('Showing entries 1 to 20 of 30, newest week first')
			).toBeVisible();
			await expect(m.admissionsEntered).not.toContainText('Ward 12');
			await expectNoAxeViolations(page);
			await m.admissionsPages.getByRole('link', { name: 'Page 2' }).click();
			await expect(page).toHaveURL(
				new RegExp(
					`/studio/measurement/admissions\\?ward=${wardIds['Ward 7']}&page=2#recent-heading$`
				)
			);
			await expect(m.admissionsRow(weekLabel(weeksBack(30)), 'Ward 7', 40)).toBeVisible();
			await expect(m.admissionsRow(weekLabel(weeksBack(25)), 'Ward 7', 36)).toBeVisible();
			await expect(page.getByLabel('Admissions entered for')).toHaveValue(wardIds['Ward 7']!);
			await page.goto(`/studio/measurement/admissions?ward=${wardIds['Ward 7']}&page=2&lang=ar`);
			await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
			await expectNoAxeViolations(page);
			await page.goto('/studio/measurement/admissions?lang=en');

			// Another organisation's ward is not found; an id that is no id is refused, named.
			const theirs = await page.request.get(
				`/studio/measurement/admissions?ward=${wardIds['Oak Ward']}`
			);
			expect(theirs.status()).toBe(404);
			const bad = await page.goto('/studio/measurement/admissions?ward=ward-7&page=0');
			expect(bad?.status()).toBe(400);
			await expect(page.getByText(/is not right: .page, ward.\./)).toBeVisible();
			await context.close();
		});
	} finally {
		await server.kill();
	}
});
