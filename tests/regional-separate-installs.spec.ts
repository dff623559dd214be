import { expect, test, type Browser, type Download, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { ReceivedFiguresPage, RegionPage, startingWith } from './pages/region-page';
import { signIn } from './pages/sign-in-page';
import { execute } from './support/database';
import { OwnServer } from './support/own-server';

/*
 * The regional view across separate installs (issue 19, part 4), with two servers, each its own
 * install and database. On the first, a trust that runs its own service (the demo's Northfield,
 * renamed Eastbrook and taken out of its region there) has its admin download the key file and
 * the signed figures file. On the second, the region's service, the regional lead adds Eastbrook
 * from its key file, is refused a file before that and a changed file after, receives the
 * figures (twice: the second replaces the first) and reads Eastbrook beside the region's own
 * trusts on the funnel plot, with no count from 1 to 4. axe in English and Arabic.
 */
test.describe.configure({ mode: 'serial' });

const base = Number(process.env.E2E_PORT ?? 4173);
const sending = new OwnServer(base + 37, { SEED_DEMO_HISTORY: 'true' });
const regional = new OwnServer(base + 38, { SEED_DEMO_HISTORY: 'true' });
const EASTBROOK = 'Eastbrook Hospitals NHS Trust (own service)';

test.beforeAll(async () => {
	await Promise.all([sending.start(), regional.start()]);
	const northfield =
		"(select id from organisation where name = 'Northfield Hospitals NHS Trust (demo)')";
	execute(sending.dataDir, `delete from region_member where organisation_id = ${northfield}`);
	execute(sending.dataDir, `update organisation set name = ? where id = ${northfield}`, EASTBROOK);
});
test.afterAll(async () => {
	await Promise.all([sending.kill(), regional.kill()]);
});

async function signedIn(
	browser: Browser,
	origin: string,
	account: { email: string; password: string }
) {
	const context = await browser.newContext({ baseURL: origin, locale: 'en-GB' });
	const page = await context.newPage();
	await signIn(page, account);
	return page;
}

/** Clicks a link that downloads a file; answers where it was saved. */
async function download(
	page: Page,
	name: string | RegExp
): Promise<{ path: string; file: Download }> {
	const started = page.waitForEvent('download');
	await page.getByRole('link', { name }).click();
	const file = await started;
	const path = test.info().outputPath(file.suggestedFilename());
	await file.saveAs(path);
	return { path, file };
}

async function axeInArabicAndEnglish(page: Page, path: string) {
	for (const lang of ['ar', 'en']) {
		await page.goto(`${path}?lang=${lang}`);
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await expectNoAxeViolations(page);
	}
}

test('a trust on its own service sends its figures; the region’s service checks and shows them', async ({
	browser
}) => {
	// Two servers, two people, four pages through axe in two languages: minutes on a busy machine.
	test.setTimeout(480_000);
	const admin = await signedIn(browser, sending.origin, demo.admin);
	const lead = await signedIn(browser, regional.origin, demo.regional);
	const received = new ReceivedFiguresPage(lead);
	let fingerprint = '';
	let keyFile = '';
	let figuresFile = '';

	await test.step('the trust’s admin reads the fingerprint and downloads both files', async () => {
		await admin.goto('/admin/region');
		await expect(admin.getByText('Your organisation is not in a region.')).toBeVisible();
		await expect(
			admin.getByRole('heading', { name: 'Send your figures to your region’s service' })
		).toBeVisible();
		fingerprint = (await admin.locator('code').innerText()).trim();
		expect(fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
		const key = await download(admin, 'Download the key file');
		expect(key.file.suggestedFilename()).toBe(
			'eastbrook-hospitals-nhs-trust-own-service-region-key.json'
		);
		keyFile = key.path;
		const figures = await download(admin, startingWith('Download the figures to the end of'));
		expect(figures.file.suggestedFilename()).toMatch(
			/^eastbrook-hospitals-nhs-trust-own-service-region-figures-\d{4}-\d{2}\.json$/
		);
		figuresFile = figures.path;
		// What leaves the trust: monthly totals of the measures shared, nothing from 1 to 4.
		const sent = JSON.parse(readFileSync(figuresFile, 'utf8'));
		expect(sent.payload.organisation.name).toBe(EASTBROOK);
		expect(Object.keys(sent.payload.measures)).toHaveLength(4);
		const counts = Object.values(
			sent.payload.measures as Record<
				string,
				Array<{ numerator: number | null; denominator: number | null }>
			>
		)
			.flat()
			.flatMap((r) => [r.numerator, r.denominator])
			.filter((n) => n !== null);
		expect(counts.length).toBeGreaterThan(10);
		expect(counts.filter((n) => n >= 1 && n <= 4)).toEqual([]);
		await axeInArabicAndEnglish(admin, '/admin/region');
	});

	await test.step('the regional lead finds the page; a file from a service not yet added is refused', async () => {
		await lead.goto('/region');
		await lead.getByRole('link', { name: 'Figures sent from other services' }).click();
		await expect(received.heading).toHaveText('Figures sent from other services');
		await expect(
			lead.getByText('No organisation sends its figures from another service yet.')
		).toBeVisible();
		// The key file chosen in the wrong place is named for what it is.
		await received.receive(keyFile);
		await expect(received.errorSummary).toContainText('This is a key file');
		await received.receive(figuresFile);
		await expect(received.errorSummary).toBeFocused();
		await expect(received.errorSummary).toContainText(
			'The file is not signed by an organisation added to this region'
		);
		await received.errorSummary.getByRole('link').click();
		await expect(lead.getByLabel('Figures file')).toBeFocused();
	});

	await test.step('checks the key file’s fingerprint with the trust, then adds it', async () => {
		await received.chooseKeyFile(keyFile);
		const check = received.callout(`Important: Check the fingerprint with ${EASTBROOK}`);
		await expect(check.locator('code')).toHaveText(fingerprint);
		// Nothing is added until the lead confirms.
		await expect(
			lead.getByText('No organisation sends its figures from another service yet.')
		).toBeVisible();
		await expectNoAxeViolations(lead);
		await check.getByRole('button', { name: `Add ${EASTBROOK}` }).click();
		await expect(received.status).toContainText(`Added ${EASTBROOK}.`);
		await expect(received.row(EASTBROOK)).toContainText('None received yet');
		await expect(received.row(EASTBROOK).locator('code')).toHaveText(fingerprint);
	});

	await test.step('a changed file is refused whole', async () => {
		const changed = JSON.parse(readFileSync(figuresFile, 'utf8'));
		const month = changed.payload.measures.coverage.find(
			(r: { numerator: number | null }) => r.numerator !== null
		);
		month.numerator += 20;
		month.denominator += 20;
		const path = test.info().outputPath('changed.json');
		writeFileSync(path, JSON.stringify(changed));
		await received.receive(path);
		await expect(received.errorSummary).toContainText(
			'The file has been changed since it was signed'
		);
		await expect(received.row(EASTBROOK)).toContainText('None received yet');
	});

	await test.step('receives the figures; the same file again replaces them', async () => {
		await received.receive(figuresFile);
		await expect(received.status.locator('p').first()).toHaveText(
			new RegExp(
				`^Received ${EASTBROOK.replace(/[()]/g, '\\$&')}’s figures to the end of \\w+ \\d{4}: 4 measures\\.$`
			)
		);
		await expect(received.row(EASTBROOK)).toContainText(/To the end of \w+ \d{4}, received/);
		await received.receive(figuresFile);
		await expect(received.status.locator('p').first()).toHaveText(
			/^Replaced .* with this file: 4 measures\.$/
		);
		await axeInArabicAndEnglish(lead, '/region/received');
		await lead.goto('/region/received?lang=ar');
		await expect(lead.locator('html')).toHaveAttribute('dir', 'rtl');
	});

	await test.step('Eastbrook is on the funnel plot beside the region’s trusts; nothing from 1 to 4', async () => {
		const region = new RegionPage(lead);
		await region.goto('/region?lang=en');
		await expect(region.row('Coverage', EASTBROOK)).toBeVisible();
		await expect(region.row('Coverage', 'Northfield Hospitals NHS Trust (demo)')).toBeVisible();
		// The same months as the demo's Northfield: a complete month shown, not hidden.
		await expect(region.row('Coverage', EASTBROOK).getByRole('cell').nth(5)).toHaveText(
			/^(Within the limits|(Above|Below) the (95|99\.8)% limit)$/
		);
		const small = (await region.numberCells()).filter((n) => ['1', '2', '3', '4'].includes(n));
		expect(small).toEqual([]);
		await lead.getByRole('link', { name: 'Each organisation’s chart of Coverage' }).click();
		await expect(
			lead.getByRole('img', { name: `Coverage at ${EASTBROOK} by month` })
		).toBeVisible();
		await region.goto('/region/equity');
		await expect(lead.locator('main')).toContainText(
			'1 organisation sends its figures from its own service'
		);
	});

	await test.step('removes Eastbrook: it leaves the regional view with what it sent', async () => {
		await received.goto();
		await received
			.row(EASTBROOK)
			.getByRole('button', { name: `Remove ${EASTBROOK}` })
			.click();
		await received
			.callout(`Important: Remove ${EASTBROOK}?`)
			.getByRole('button', { name: `Yes, remove ${EASTBROOK}` })
			.click();
		await expect(received.status).toContainText(`Removed ${EASTBROOK} and the figures it sent.`);
		await expect(
			lead.getByText('No organisation sends its figures from another service yet.')
		).toBeVisible();
		await lead.goto('/region');
		await expect(lead.locator('main')).not.toContainText('Eastbrook');
	});
	await admin.context().close();
	await lead.context().close();
});
