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

	// Equity in Arabic and English: a language named inside a sentence keeps the sentence whole.
	await page.goto('/studio/measurement/equity?lang=en');
	await expect(page.getByRole('listitem').filter({ hasText: '\u2068العربية\u2069:' })).toHaveCount(
		1
	);
	await expectNoAxeViolations(page);
	await page.goto('/studio/measurement/teachBack?lang=ar');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expectNoAxeViolations(page);
	await context.close();
});
