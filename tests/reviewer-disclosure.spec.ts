import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { EquityPage } from './pages/equity-page';
import { signIn } from './pages/sign-in-page';
import { OwnServer } from './support/own-server';
import { deliveryChange, wardContent } from './support/measurement-data';

/*
 * A clinical reviewer reads the demo's six months of measures: no count from 1 to 4 anywhere,
 * and none that can be worked back out from a total, a rate, a mean or a drawing; no
 * record-level export. The lead, on the same data, sees every count and gets the records CSV.
 * Its own server, with the demo's history, so there are small numbers to hide.
 */
const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 11, {
	SEED_DEMO_HISTORY: 'true'
});
const HIDDEN = '[c]';
const small = /^[1-4]$/;

test.beforeAll(async () => {
	await server.start();
});
test.afterAll(async () => {
	await server.kill();
});

/** A measure's CSV as a reader downloads it: each row's cells by column name, oldest first. */
async function measureCsv(page: Page, measure: string, query = '') {
	const response = await page.request.get(`/studio/measurement/${measure}/export.csv${query}`);
	expect(response.status()).toBe(200);
	const [header, ...lines] = (await response.text())
		.replace(/^\ufeff/, '')
		.trim()
		.split('\r\n');
	const columns = header?.split(',') ?? [];
	return lines.map((line) => {
		const cells = line.split(',');
		return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ''])) as Record<string, string>;
	});
}

/** How many of these cells are hidden: a line with exactly one hidden cell gives it away. */
const hiddenIn = (cells: readonly string[]) => cells.filter((c) => c === HIDDEN).length;

test('a reviewer finds no small number, and none that can be worked out, on the equity page, a chart and its CSV', async ({
	browser
}) => {
	// Every page a reviewer opens runs joint protection over every slice (a few hundred ms each).
	test.setTimeout(240_000);
	const context = await browser.newContext({ baseURL: server.origin });
	const page = await context.newPage();
	await signIn(page, demo.reviewer);

	await test.step('the equity page: no small count, no line that gives a hidden one away', async () => {
		const equity = new EquityPage(page);
		await equity.goto();
		const matrix = await equity.read(equity.matrix);
		const formats = matrix.columns.slice(1, 5);
		expect(formats).toEqual(['Video', 'Leaflet', 'Easy read', 'Face-to-face talk']);
		const counts = matrix.rows.map((r) => r.cells.slice(0, 5)); // four formats and "Given"
		for (const cell of counts.flat()) expect(cell).not.toMatch(small);
		// Rows (each group, and the whole organisation) and columns.
		for (const [i, row] of counts.entries())
			expect(hiddenIn(row), `row ${matrix.rows[i]?.name}`).not.toBe(1);
		for (let c = 0; c < 5; c++)
			expect(hiddenIn(counts.map((r) => r[c] ?? '')), `column ${matrix.columns[c + 1]}`).not.toBe(
				1
			);
		// The demo has counts of 3: the page hides something, or this test would prove nothing.
		expect(hiddenIn(counts.flat())).toBeGreaterThan(1);

		// Each group's languages add up to the "Given" shown in the first table.
		const languages = await equity.read(equity.languages);
		for (const row of languages.rows) {
			for (const cell of row.cells) expect(cell).not.toMatch(small);
			const given = matrix.rows.find((r) => r.name === row.name)?.cells[4] ?? '';
			expect(hiddenIn([...row.cells, given]), `languages of ${row.name}`).not.toBe(1);
		}

		// A call-out names a rate: never one the table beside it hides.
		for (const said of await equity.callouts.allInnerTexts()) {
			const text = said.replace(/[\u2066-\u2069]/g, ''); // names are isolated for bidi
			const row = matrix.rows.find((r) => text.startsWith(`${r.name}:`));
			if (!row) continue;
			const column = text.includes('preferred format')
				? 'Format fit'
				: text.includes('talked through')
					? 'Talked through'
					: 'Feedback positive';
			expect(row.cells[matrix.columns.indexOf(column) - 1], text).not.toBe(HIDDEN);
		}
		await expect(
			page.getByText('hidden: fewer than 5, or would let a number under 5 be worked out.')
		).toBeVisible();
		await expectNoAxeViolations(page);
	});

	await test.step('a chart of a few records a week: hidden values not drawn, no mean or limits', async () => {
		await page.goto('/studio/measurement/talkedThrough?language=ar');
		const table = page.getByRole('table', { name: 'Talked through: the numbers behind the chart' });
		const rows = await table.locator('tbody tr').all();
		const values: string[] = [];
		for (const row of rows) {
			const cells = (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
			for (const cell of cells) expect(cell).not.toMatch(small);
			values.push(cells[0] ?? '');
			// After value, numerator, denominator and "not recorded": the mean, lower and upper
			// limits, worked out from hidden values, so hidden too.
			expect(cells.slice(4, 7)).toEqual([HIDDEN, HIDDEN, HIDDEN]);
		}
		expect(values).toContain(HIDDEN);
		const drawn = values.filter((v) => v.endsWith('%')).length;
		expect(drawn).toBeGreaterThan(0);
		await expect(page.locator('svg circle.point')).toHaveCount(drawn);
		await expect(page.getByText('The mean, limits and signals are hidden here')).toBeVisible();
		await expectNoAxeViolations(page);
	});

	await test.step('its CSV: numbers only, nothing small, no mean to work a total back from', async () => {
		const rows = await measureCsv(page, 'talkedThrough', '?language=ar');
		expect(Object.keys(rows[0] ?? {})).toContain('suppressed');
		expect(rows.length).toBeGreaterThan(20);
		for (const row of rows) {
			expect(row.organisation).toBe('Northfield Hospitals NHS Trust (demo)');
			expect([row.measure, row.ward, row.language]).toEqual(['talkedThrough', 'all', 'ar']);
			expect(row.period_start).toMatch(/^\d{4}-\d\d-\d\d$/);
			for (const name of [
				'value',
				'numerator',
				'denominator',
				'mean',
				'lower_limit',
				'upper_limit'
			])
				expect(row[name], name).toMatch(/^(\d+(\.\d+)?)?$/);
			for (const name of ['numerator', 'denominator']) expect(row[name]).not.toMatch(small);
			expect(row.mean).toBe('');
		}
		expect(rows.some((r) => r.suppressed === 'true')).toBe(true);
	});

	await test.step('no record-level export, and no link to one', async () => {
		expect((await page.request.get('/studio/measurement/fhir')).status()).toBe(403);
		expect((await page.request.get('/studio/measurement/records.csv')).status()).toBe(403);
		await page.goto('/studio/measurement');
		await expect(page.getByRole('link', { name: /FHIR|delivery record/ })).toHaveCount(0);
	});

	await test.step('no record list or record page, and no link to them', async () => {
		const list = await page.goto('/studio/deliveries');
		expect(list?.status()).toBe(403);
		const id = '01890000-0000-7000-8000-000000000000';
		expect((await page.goto(`/studio/deliveries/${id}`))?.status()).toBe(403);
		await page.goto('/studio');
		await expect(page.getByRole('link', { name: 'Deliveries recorded' })).toHaveCount(0);
		await expect(page.getByRole('link', { name: 'Briefings', exact: true })).toBeVisible();
	});
	await context.close();
});

test('a ward’s small week cannot be worked out from the organisation minus the other wards', async ({
	browser
}) => {
	test.setTimeout(120_000);
	// This week (the demo's history stops before it): 3 on Ward 7, and more on the others, so the
	// organisation's 24 less 8, 7 and 6 would give Ward 7's 3 if each page were protected alone.
	const wards = { 'Ward 7': 3, 'Ward 12': 8, 'Elm Ward': 7, 'Rainbow Ward': 6 } as const;
	const lead = await browser.newContext({ baseURL: server.origin });
	const leadPage = await lead.newPage();
	await signIn(leadPage, demo.lead);
	const ids = new Map<string, string>();
	const changes = Object.entries(wards).flatMap(([name, n]) => {
		const content = wardContent(server.dataDir, name);
		ids.set(name, content.wardId);
		return Array.from({ length: n }, () => deliveryChange(content, new Date(Date.now() - 60_000)));
	});
	const synced = await leadPage.request.post('/api/sync', { data: { changes } });
	expect(synced.status()).toBe(200);
	await lead.close();

	const context = await browser.newContext({ baseURL: server.origin });
	const page = await context.newPage();
	await signIn(page, demo.reviewer);
	/** This week's `value` in the deliveries CSV of a slice ('' when hidden). */
	const thisWeek = async (query: string) => {
		const last = (await measureCsv(page, 'deliveries', query)).at(-1);
		return { value: last?.value, suppressed: last?.suppressed };
	};
	const organisation = await thisWeek('');
	expect(organisation).toEqual({ value: '24', suppressed: 'false' });
	const shown: Record<string, string | undefined> = {};
	for (const name of Object.keys(wards))
		shown[name] = (await thisWeek(`?ward=${ids.get(name)}`)).value;
	expect(shown['Ward 7']).toBe('');
	// At least one more ward is hidden with it, on its chart and in its CSV alike.
	const hidden = Object.keys(wards).filter((name) => shown[name] === '');
	expect(hidden.length).toBeGreaterThan(1);
	const other = hidden.find((name) => name !== 'Ward 7') as string;
	await page.goto(`/studio/measurement/deliveries?ward=${ids.get(other)}`);
	const table = page.getByRole('table', {
		name: 'Briefings recorded: the numbers behind the chart'
	});
	await expect(table.locator('tbody tr').last().getByRole('cell').first()).toHaveText(HIDDEN);
	await expect(
		page.getByText('hidden: fewer than 5, or would let a number under 5 be worked out.')
	).toBeVisible();
	await context.close();
});

test('a hidden number not recorded cannot be worked out from the briefings given on another measure’s page', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const context = await browser.newContext({ baseURL: server.origin });
	const page = await context.newPage();
	await signIn(page, demo.reviewer);
	/** A measure's weekly CSV for a slice, row by week. */
	const weeks = async (measure: string, query: string) =>
		new Map((await measureCsv(page, measure, query)).map((row) => [row.period_start, row]));
	let checked = 0;
	const slices = [
		'',
		...['Ward 7', 'Ward 12', 'Elm Ward', 'Rainbow Ward'].map(
			(name) => `?ward=${wardContent(server.dataDir, name).wardId}`
		)
	];
	for (const query of slices) {
		const fit = await weeks('formatFit', query);
		for (const measure of ['talkedThrough', 'teachBack']) {
			for (const [period, row] of await weeks(measure, query)) {
				if (row.not_recorded !== '') continue;
				checked += 1;
				// Given (format fit's denominator) and answered (this one's) are not both shown.
				expect(
					[fit.get(period)?.denominator, row.denominator].some((shown) => shown === ''),
					`${measure} ${query || 'organisation'} ${period}`
				).toBe(true);
			}
		}
	}
	expect(checked).toBeGreaterThan(0);
	await context.close();
});

test('the lead sees every count on screen and downloads the record-level CSV', async ({
	browser
}) => {
	const context = await browser.newContext({ baseURL: server.origin });
	const page = await context.newPage();
	await signIn(page, demo.lead);
	const equity = new EquityPage(page);
	await equity.goto();
	const matrix = await equity.read(equity.matrix);
	expect(matrix.rows.flatMap((r) => r.cells)).not.toContain(HIDDEN);
	expect(matrix.rows.flatMap((r) => r.cells).some((c) => small.test(c))).toBe(true);

	await page.goto('/studio/measurement');
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download every delivery record as CSV' }).click();
	let text = '';
	for await (const chunk of await (await download).createReadStream()) text += chunk;
	const lines = text
		.replace(/^\ufeff/, '')
		.trim()
		.split('\r\n');
	expect(lines[0]).toBe(
		'organisation,record_id,ward,patient_group,briefing,version,format,language,outcome,talked_through,interpreter_used,carer_present,teach_back,language_needed,recorded_at,received_at,recorded_by'
	);
	expect(lines.length).toBeGreaterThan(1000);
	await context.close();
});
