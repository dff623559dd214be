import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { RegionalSharingPage, RegionPage, startingWith } from './pages/region-page';
import { SetPasswordPage } from './pages/admin-page';
import { signIn } from './pages/sign-in-page';
import { execute, rowsOf } from './support/database';
import { OwnServer } from './support/own-server';
import { createOrganisationWithLead } from './support/organisations';

/*
 * The regional view (issue 19, part 3, "Done when"): the demo region holds Northfield (sharing
 * all four measures) and Southmoor (all but feedback), and here a third trust, Westdale, placed
 * in the region but sharing nothing. The regional lead reads the funnel plots and their tables,
 * finds no count from 1 to 4 and no trace of Westdale, and is refused every organisation's pages,
 * records and API; Northfield's admin stops sharing a measure and it leaves the view, then shares
 * it again. axe in English and Arabic. A server of its own: the journey changes what is shared.
 */
test.describe.configure({ mode: 'serial' });

// The demo's history (which journeys' servers leave out by default): months to compare.
const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 26, {
	SEED_DEMO_HISTORY: 'true'
});
const NORTHFIELD = 'Northfield Hospitals NHS Trust (demo)';
const SOUTHMOOR = 'Southmoor Health NHS Foundation Trust (demo)';
const WESTDALE = 'Westdale Hospitals NHS Trust (test)';

test.beforeAll(async () => {
	await server.start();
	const { organisationId } = await createOrganisationWithLead(server.dataDir, {
		name: WESTDALE,
		email: 'lead@westdale.example',
		password: 'westdale-lead-pass',
		displayName: 'Wes Westdale'
	});
	const [region] = rowsOf<{ id: string }>(server.dataDir, 'select id from region');
	execute(
		server.dataDir,
		'insert into region_member (organisation_id, region_id, added_at) values (?, ?, ?)',
		organisationId,
		region?.id,
		new Date().toISOString()
	);
});
test.afterAll(async () => {
	await server.kill();
});

async function signedIn(browser: Browser, account: { email: string; password: string }) {
	const context = await browser.newContext({ baseURL: server.origin, locale: 'en-GB' });
	const page = await context.newPage();
	await signIn(page, account);
	return page;
}

async function axeInArabicAndEnglish(page: Page, path: string) {
	for (const lang of ['ar', 'en']) {
		await page.goto(`${path}?lang=${lang}`);
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await expectNoAxeViolations(page);
	}
}

test('the regional lead reads the funnel plots, each organisation’s chart and the equity view', async ({
	browser
}) => {
	// About 3 minutes on a busy 2-core machine, mostly axe: three pages, in Arabic and English.
	test.setTimeout(480_000);
	const page = await signedIn(browser, demo.regional);
	const region = new RegionPage(page);

	await test.step('lands on the regional view', async () => {
		await expect(page).toHaveURL(/\/region$/);
		await expect(region.heading).toHaveText('Regional view');
		// The header names the region the lead works for, not the service's operator.
		await expect(page.getByRole('banner')).toContainText(
			'Northfield and Southmoor Integrated Care Board (demo)'
		);
	});

	await test.step('reads coverage: both trusts in the table, with limits and where each falls', async () => {
		await expect(region.funnelPlot('Coverage')).toBeVisible();
		for (const name of [NORTHFIELD, SOUTHMOOR]) {
			const row = region.row('Coverage', name);
			await expect(row).toBeVisible();
			await expect(row.getByRole('cell').nth(3)).toHaveText(/^\d+(\.\d)?% to \d+(\.\d)?%$/);
			await expect(row.getByRole('cell').nth(5)).toHaveText(
				/^(Within the limits|(Above|Below) the (95|99\.8)% limit)$/
			);
		}
		await expect(
			region.funnelTable('Coverage').getByRole('row', { name: /^The region/ })
		).toBeVisible();
	});

	await test.step('feedback: Southmoor shares none of it, so it is not there', async () => {
		await expect(region.row('Feedback positive', NORTHFIELD)).toBeVisible();
		await expect(region.section('Feedback positive')).not.toContainText('Southmoor');
	});

	await test.step('Westdale shares nothing and appears nowhere; no count from 1 to 4', async () => {
		await expect(page.locator('main')).not.toContainText('Westdale');
		const small = (await region.numberCells()).filter((n) => ['1', '2', '3', '4'].includes(n));
		expect(small).toEqual([]);
		expect((await region.numberCells()).length).toBeGreaterThan(8);
	});

	await test.step('each organisation’s own XmR chart, month by month', async () => {
		await page.getByRole('link', { name: 'Each organisation’s chart of Coverage' }).click();
		await expect(region.heading).toHaveText('Coverage: each organisation');
		for (const name of [NORTHFIELD, SOUTHMOOR])
			await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
		await expect(
			page.getByRole('img', { name: `Coverage at ${NORTHFIELD} by month` })
		).toBeVisible();
		await expect(page.locator('main')).not.toContainText('Westdale');
		const small = (await region.numberCells()).filter((n) => ['1', '2', '3', '4'].includes(n));
		expect(small).toEqual([]);
	});

	await test.step('the equity view across the region', async () => {
		await region.goto('/region/equity');
		await expect(region.heading).toHaveText('Equity across the region');
		await expect(page.getByRole('row', { name: startingWith(NORTHFIELD) }).first()).toBeVisible();
		await expect(page.locator('main')).not.toContainText('Westdale');
		const small = (await region.numberCells()).filter((n) => ['1', '2', '3', '4'].includes(n));
		expect(small).toEqual([]);
	});

	await test.step('axe finds nothing, in Arabic and English', async () => {
		for (const path of ['/region', '/region/coverage', '/region/equity'])
			await axeInArabicAndEnglish(page, path);
		await page.goto('/region?lang=ar');
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('العرض الإقليمي');
	});
	await page.context().close();
});

test('the regional lead is refused every organisation’s pages, records, feedback and API', async ({
	browser
}) => {
	const page = await signedIn(browser, demo.regional);
	const refused: string[] = [];
	for (const path of [
		'/studio',
		'/studio/feedback',
		'/studio/measurement',
		'/studio/measurement/records.csv',
		'/studio/measurement/fhir',
		'/ward',
		'/admin',
		'/admin/region',
		'/platform',
		'/platform/regions',
		'/api/patient-groups'
	]) {
		const answer = await page.request.get(path, { maxRedirects: 0 });
		if (answer.status() !== 403) refused.push(`${path} → ${answer.status()}`);
	}
	const sync = await page.request.post('/api/sync', {
		data: { changes: [] },
		headers: { 'content-type': 'application/json', origin: server.origin }
	});
	if (sync.status() !== 403) refused.push(`/api/sync → ${sync.status()}`);
	expect(refused).toEqual([]);
	await page.context().close();
});

test('an admin stops sharing a measure and it leaves the regional view; sharing it again brings it back', async ({
	browser
}) => {
	test.setTimeout(360_000);
	const admin = await signedIn(browser, demo.admin);
	const sharing = new RegionalSharingPage(admin);
	const lead = new RegionPage(await signedIn(browser, demo.regional));

	await test.step('the admin sees what Northfield shares, and the page passes axe', async () => {
		await sharing.goto();
		await expect(sharing.measure('Talked through')).toBeChecked();
		await axeInArabicAndEnglish(admin, '/admin/region');
	});

	await test.step('stops sharing talked through: only Southmoor is left in it', async () => {
		await sharing.share({ 'Talked through': false });
		await expect(sharing.measure('Talked through')).not.toBeChecked();
		await lead.goto();
		await expect(lead.row('Talked through', SOUTHMOOR)).toBeVisible();
		await expect(lead.section('Talked through')).not.toContainText('Northfield');
		await expect(lead.row('Coverage', NORTHFIELD)).toBeVisible();
	});

	await test.step('shares it again: Northfield is back', async () => {
		await sharing.share({ 'Talked through': true });
		await lead.goto();
		await expect(lead.row('Talked through', NORTHFIELD)).toBeVisible();
	});

	await test.step('both changes are in Northfield’s audit trail', async () => {
		await admin.goto('/admin/audit');
		await expect(admin.getByText('Measure no longer shared with the region')).toBeVisible();
		await expect(admin.getByText('Measure shared with the region', { exact: true })).toBeVisible();
	});
	await admin.context().close();
	await lead.page.context().close();
});

test('the platform admin invites a regional lead, who sets a password and reads the region', async ({
	browser
}) => {
	const admin = await signedIn(browser, demo.platform);
	await admin.goto('/platform/regions');
	const region = 'Northfield and Southmoor Integrated Care Board (demo)';
	await admin.getByText(`Invite a regional lead for ${region}`).click();
	// Bad input: both fields named in the error summary, nothing stored.
	await admin.getByRole('button', { name: 'Invite regional lead' }).click();
	await expect(
		admin.getByRole('link', { name: 'Enter their full name (up to 80 characters)' })
	).toBeVisible();
	await admin.getByLabel('Full name').fill('Ruth Lead');
	await admin.getByLabel('Email address').fill('regional@demo-icb.example');
	await admin.getByRole('button', { name: 'Invite regional lead' }).click();
	await expect(
		admin.getByRole('link', { name: 'There is already an account with this email address' })
	).toBeVisible();
	await expect(admin.getByLabel('Full name')).toHaveValue('Ruth Lead');
	await expectNoAxeViolations(admin);

	await admin.getByLabel('Email address').fill('Ruth.Lead@ICB.example');
	await admin.getByRole('button', { name: 'Invite regional lead' }).click();
	await expect(
		admin.getByRole('listitem').filter({ hasText: 'Ruth Lead (ruth.lead@icb.example)' })
	).toHaveText('Ruth Lead (ruth.lead@icb.example) Invited');
	const link = (await admin.locator('code').textContent()) ?? '';
	expect(link).toMatch(/\/set-password\/[\w-]{43}$/);
	await axeInArabicAndEnglish(admin, '/platform/regions');
	await admin.context().close();

	const anon = await (await browser.newContext({ baseURL: server.origin })).newPage();
	await anon.goto(link);
	await new SetPasswordPage(anon).setPassword('ruth reads the region');
	await expect(anon.getByText('Your password is set. Sign in with it now.')).toBeVisible();
	await anon.context().close();

	const lead = await signedIn(browser, {
		email: 'ruth.lead@icb.example',
		password: 'ruth reads the region'
	});
	await lead.goto('/region');
	await expect(lead.getByRole('heading', { level: 1 })).toHaveText('Regional view');
	await expect(
		lead.getByText(`The organisations of ${region} that share their figures, side by side.`)
	).toBeVisible();
	expect((await lead.goto('/studio'))?.status()).toBe(403);
	await lead.context().close();
});
