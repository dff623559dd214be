import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { MeasurementPage } from './pages/measurement-page';
import { signIn } from './pages/sign-in-page';
import { OwnServer } from './support/own-server';

/*
 * What a lead sees on first opening the demo (`npm start`): six months of made-up history on
 * its own server, as SEED_DEMO_HISTORY's default seeds it. The shared server leaves it out,
 * so the other journeys count from nothing.
 */
const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 6, {
	SEED_DEMO_HISTORY: 'true'
});

test.beforeAll(async () => {
	await server.start();
});
test.afterAll(async () => {
	await server.kill();
});

test('the demo shows months of measures, the change tried on Ward 7 and this week in progress', async ({
	browser
}) => {
	// Eight pages with five axe checks: up to 150 s on a loaded machine (the same two
	// cores running other journeys and benches).
	test.setTimeout(240_000);
	const context = await browser.newContext({ baseURL: server.origin });
	const page = await context.newPage();
	await signIn(page, demo.lead);
	const m = new MeasurementPage(page);

	// The home: the demo's aim with progress, and teach-back's rise signalled as improvement.
	await m.gotoHome();
	const aim = page
		.getByRole('table', { name: 'Aims' })
		.getByRole('row', { name: /Nine in ten patients on Ward 7/ });
	await expect(aim).toContainText(/\d+(\.\d)?%/);
	await expect(aim).toContainText(/Met|Not met yet/);
	await expect(m.measureRow('Teach-back confirmed')).toContainText(
		'Special cause variation: improvement'
	);
	await expect(m.measureRow('Coverage')).not.toContainText('No data yet');
	await expectNoAxeViolations(page);

	// Ward 7's teach-back: 26 complete weeks judged, the change drawn and listed, this week
	// shown as in progress and never judged.
	await m.openMeasure('Teach-back confirmed', { ward: 'Ward 7' });
	await expect(page.getByRole('img', { name: 'Teach-back confirmed: XmR chart' })).toBeVisible();
	const table = page.getByRole('table', {
		name: 'Teach-back confirmed: the numbers behind the chart'
	});
	await expect(table.locator('tbody tr')).toHaveCount(27);
	await expect(table.getByRole('row', { name: /Improvement \(shift\)/ }).first()).toBeVisible();
	await expect(table.locator('tbody tr').last()).toContainText('In progress');
	await expect(
		page
			.getByRole('listitem')
			.filter({ hasText: 'Easy read leaflets and teach-back started on Ward 7' })
	).toBeVisible();
	await expect(page.locator('svg .annotation-label')).toHaveText(['1']);
	await expectNoAxeViolations(page);

	// Briefings recorded: this week's few so far are drawn hollow and not called a concern.
	await m.openMeasure('Briefings recorded');
	await expect(page.locator('svg circle.signal-inProgress')).toHaveCount(1);
	const thisWeek = page
		.getByRole('table', { name: 'Briefings recorded: the numbers behind the chart' })
		.locator('tbody tr')
		.last();
	await expect(thisWeek).toContainText('In progress: not judged until the period ends');
	await expect(thisWeek).not.toContainText('Concern');

	// Some records leave questions unanswered, as on a real ward: every complete week of talked
	// through says how many were not recorded, and some week's count is more than none.
	await m.openMeasure('Talked through');
	const talked = page.getByRole('table', {
		name: 'Talked through: the numbers behind the chart'
	});
	await expect(
		talked.getByRole('columnheader', { name: 'Not recorded', exact: true })
	).toBeVisible();
	// value, numerator, denominator, not recorded, …
	const notRecorded = await talked
		.locator('tbody tr')
		.evaluateAll((rows) =>
			rows.slice(0, -1).map((row) => row.querySelectorAll('td')[3]?.textContent?.trim())
		);
	expect(notRecorded).toHaveLength(26);
	expect(notRecorded.every((n) => /^\d+$/.test(n ?? ''))).toBe(true);
	expect(notRecorded.some((n) => Number(n) > 0)).toBe(true);

	// Unmet need: patients who needed Polish or Urdu and were briefed in English.
	await page.goto('/studio/measurement/equity?lang=en');
	const needed = page.getByRole('table', { name: 'Languages patients needed' });
	for (const language of ['Polski', 'اردو']) {
		const cells = needed.getByRole('row', { name: new RegExp(language) }).getByRole('cell');
		// records, given in, interpreter used, briefing in this language
		await expect(cells.nth(0)).toHaveText(/^[1-9]\d*$/);
		await expect(cells.nth(1)).toHaveText('English');
	}
	await expect(page.getByText('No record says a patient needed a language')).toHaveCount(0);

	// Equity in Arabic and English: a language named inside a sentence keeps the sentence whole.
	await expect(page.getByRole('listitem').filter({ hasText: '\u2068العربية\u2069:' })).toHaveCount(
		1
	);
	await expectNoAxeViolations(page);
	await page.goto('/studio/measurement/teachBack?lang=ar');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expectNoAxeViolations(page);
	await context.close();
});
