import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { PlatformPage } from './pages/platform-page';
import { SignInPage, signIn } from './pages/sign-in-page';
import { OwnServer } from './support/own-server';
import { setPasswordDirectly } from './support/passwords';

/*
 * The service's operator runs organisations, not their content: they create a second trust and
 * its first admin (whose set-password link is shown once), change it, suspend it — its admin,
 * signed in, is signed out and cannot sign in again — and reinstate it. Every step is on the
 * organisation's page as the platform's audit trail. Its own server: organisations are made and
 * suspended here.
 */
test.describe.configure({ mode: 'serial' });

const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 16);
const trust = {
	name: 'Eastbrook Hospitals NHS Trust',
	odsCode: 'rxq',
	contact: 'Eastbrook PALS: 0300 111 2222',
	adminName: 'Erin Admin',
	adminEmail: 'erin.admin@eastbrook.example'
};

test.beforeAll(async () => {
	await server.start();
});
test.afterAll(async () => {
	await server.kill();
});

async function axeInEnglishAndArabic(page: Page, path: string) {
	for (const lang of ['ar', 'en']) {
		await page.goto(`${path}?lang=${lang}`);
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await expectNoAxeViolations(page);
	}
}

test('the platform admin creates, changes, suspends and reinstates an organisation', async ({
	browser
}) => {
	// About 2.5 minutes on an idle 2-core machine, mostly axe: each new page, in English and Arabic.
	test.setTimeout(420_000);
	const operator = await browser.newContext({ baseURL: server.origin });
	const page = await operator.newPage();
	const platform = new PlatformPage(page);

	await test.step('signs in to the list of organisations, without the platform’s own', async () => {
		await signIn(page, demo.platform);
		await expect(page).toHaveURL(/\/platform$/);
		await expect(platform.heading).toHaveText('Organisations');
		const rows = platform.organisations.getByRole('row');
		await expect(rows).toHaveCount(2);
		await expect(rows.nth(1)).toContainText('Northfield Hospitals NHS Trust (demo)');
		await expect(rows.nth(1)).toContainText('Active');
		await expect(platform.organisations).not.toContainText('demo operator');
		await axeInEnglishAndArabic(page, '/platform');
	});

	await test.step('cannot read any organisation’s content, records or exports', async () => {
		for (const path of [
			'/studio',
			'/studio/feedback',
			'/studio/deliveries',
			'/ward',
			'/admin',
			'/studio/measurement/records.csv',
			'/studio/measurement/fhir',
			'/api/patient-groups'
		])
			expect((await page.request.get(path)).status(), path).toBe(403);
		const sync = await page.request.post('/api/sync', {
			data: { changes: [] },
			headers: { origin: server.origin }
		});
		expect(sync.status()).toBe(403);
	});

	await test.step('a form with problems names each field', async () => {
		await platform.startNew();
		await axeInEnglishAndArabic(page, '/platform/organisations/new');
		await platform.submitNew();
		await expect(platform.errorSummary).toBeFocused();
		await expect(platform.errorSummary.getByRole('link')).toHaveText([
			"Enter the organisation's name",
			"Enter the first admin's full name",
			/Enter the first admin's email address/
		]);
		await expect(
			platform.errorSummary.getByRole('link', { name: "Enter the organisation's name" })
		).toHaveAttribute('href', '#name');

		await platform.fillOrganisation({
			...trust,
			odsCode: 'R1',
			slug: 'northfield-hospitals-nhs-trust-demo',
			timeZone: 'Mars/Olympus_Mons'
		});
		await platform.submitNew();
		await expect(platform.errorSummary.getByRole('link')).toHaveText([
			/Enter an ODS code of 3 letters or digits/,
			'Enter a time zone from the IANA list, for example Europe/London'
		]);
		await expect(page.getByLabel('ODS code')).toHaveValue('R1');
		await expectNoAxeViolations(page);

		await platform.fillOrganisation({ odsCode: trust.odsCode, timeZone: 'Europe/London' });
		await platform.submitNew();
		await expect(platform.errorSummary.getByRole('link')).toHaveText([
			'Another organisation already has this address'
		]);
	});

	let link = '';
	await test.step('creates the trust and its admin; the link is shown once', async () => {
		await platform.fillOrganisation({ slug: '' });
		await platform.submitNew();
		await expect(platform.heading).toHaveText(`${trust.name} created`);
		const field = platform.linkFor(trust.adminEmail);
		link = await field.inputValue();
		expect(link).toMatch(new RegExp(`^${server.origin}/set-password/[A-Za-z0-9_-]{43}$`));
		await expect(page.getByText('It works once, for 72 hours')).toBeVisible();
		await expectNoAxeViolations(page);

		await page.reload();
		await expect(platform.heading).toHaveText('Create an organisation');
		await expect(page.locator('body')).not.toContainText(link.split('/').pop()!);

		// The same ODS code (typed in capitals) now belongs to Eastbrook.
		await platform.fillOrganisation({ ...trust, name: 'Another trust', odsCode: 'RXQ' });
		await platform.submitNew();
		await expect(platform.errorSummary.getByRole('link')).toHaveText([
			'Another organisation already has this ODS code'
		]);
	});

	await test.step('the organisation’s page, its settings changed, and the audit trail', async () => {
		await platform.openOrganisation(trust.name);
		await expect(page.getByText('RXQ', { exact: true })).toBeVisible();
		await expect(page.getByText('/o/eastbrook-hospitals-nhs-trust/')).toBeVisible();
		await expect(page.getByText('1 staff account')).toBeVisible();
		await expect(platform.auditRow('Created the organisation')).toContainText('Pat Platform');
		await expect(platform.auditRow('Added an account')).toContainText(trust.adminEmail);
		const orgPath = new URL(page.url()).pathname;
		await axeInEnglishAndArabic(page, orgPath);

		await page.getByRole('link', { name: 'Change settings' }).click();
		await expect(platform.heading).toHaveText(`Change ${trust.name}`);
		await platform.fillOrganisation({ contact: 'Eastbrook PALS: 0300 111 3333' });
		await page.getByRole('checkbox', { name: 'Polski' }).check();
		await page.getByRole('button', { name: 'Save changes' }).click();
		await expect(page.getByRole('status')).toHaveText('Changes saved.');
		await expect(page.getByText('English, Polski', { exact: true })).toBeVisible();
		await expect(platform.auditRow('Changed settings')).toContainText(
			`Contact details: ${trust.contact} → Eastbrook PALS: 0300 111 3333`
		);
		await expect(platform.auditRow('Changed settings')).toContainText(
			'Default languages: English → English, Polski'
		);
		await axeInEnglishAndArabic(page, `${orgPath}/edit`);
	});

	await test.step('a lost first link: a new one for the admin, shown once', async () => {
		await platform.openOrganisation(trust.name);
		await expect(page.getByText('Has never signed in')).toBeVisible();
		await page
			.getByRole('button', { name: `Make a new set-password link for ${trust.adminName}` })
			.click();
		const field = platform.linkFor(trust.adminEmail);
		await expect(field).toBeFocused();
		const fresh = await field.inputValue();
		expect(fresh).toMatch(new RegExp(`^${server.origin}/set-password/[A-Za-z0-9_-]{43}$`));
		expect(fresh).not.toBe(link);
		await expect(platform.auditRow('Made a set-password link')).toContainText('Pat Platform');
		await expectNoAxeViolations(page);

		await page.goto(page.url());
		await expect(field).toHaveCount(0);
		await expect(page.locator('body')).not.toContainText(fresh.split('/').pop()!);
		// The first link stopped working when the new one was made.
		await page.goto(link);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link cannot be used');
		await page.goto(fresh);
		await expect(page.getByLabel('New password', { exact: true })).toBeVisible();
	});

	const admin = await browser.newContext({ baseURL: server.origin });
	const adminPage = await admin.newPage();
	const adminAccount = { email: trust.adminEmail, password: 'eastbrook admin passphrase' };

	await test.step('the new, empty trust tells its admin what to do first', async () => {
		await setPasswordDirectly(server.dataDir, trust.adminEmail, adminAccount.password);
		await signIn(adminPage, adminAccount);
		await expect(adminPage).toHaveURL(/\/admin$/);

		await adminPage.goto('/ward');
		await expect(adminPage.locator('.nhsuk-inset-text')).toContainText(
			'Your organisation has no wards yet, so this device cannot be set to one.'
		);
		await expect(
			adminPage.getByRole('link', { name: 'Add your wards and their PAS codes' })
		).toHaveAttribute('href', '/admin/wards');
		await adminPage.goto('/ward?lang=ar');
		await expect(adminPage.locator('.nhsuk-inset-text')).toContainText(
			'لا توجد أجنحة لمؤسستك بعد، لذا لا يمكن ربط هذا الجهاز بجناح.'
		);
		await axeInEnglishAndArabic(adminPage, '/ward');

		await adminPage.goto('/studio?lang=en');
		await expect(adminPage.locator('.nhsuk-inset-text')).toContainText(
			'Your organisation has no patient groups or briefings yet.'
		);
		await expect(adminPage.getByRole('link', { name: /^Add your patient groups/ })).toHaveAttribute(
			'href',
			'/studio/groups/new'
		);
		await axeInEnglishAndArabic(adminPage, '/studio');
		await adminPage.goto('/admin?lang=en');
	});

	await test.step('suspending signs its staff out and keeps them out', async () => {
		await page.goto('/platform');
		await platform.openOrganisation(trust.name);
		await page.getByRole('button', { name: 'Suspend organisation' }).click();
		await expect(page.getByRole('status')).toHaveText(`${trust.name} is suspended.`);
		await expect(platform.auditRow('Suspended')).toContainText('1 session ended');
		await platform.gotoList();
		await expect(
			platform.organisations.getByRole('row').filter({ hasText: trust.name })
		).toContainText('Suspended');

		await adminPage.reload();
		await expect(adminPage).toHaveURL(/\/sign-in\?returnTo=%2Fadmin(%3F.*)?$/);
		const signInPage = new SignInPage(adminPage);
		await signInPage.signInAs(adminAccount);
		await expect(signInPage.errorSummary).toContainText(
			"Your organisation's use of this service is suspended, so you cannot sign in."
		);
	});

	await test.step('reinstating lets them sign in again', async () => {
		await platform.openOrganisation(trust.name);
		await page.getByRole('button', { name: 'Reinstate organisation' }).click();
		await expect(page.getByRole('status')).toHaveText(`${trust.name} is reinstated.`);
		await expect(platform.auditRow('Reinstated')).toContainText('Pat Platform');
		await signIn(adminPage, adminAccount);
		await expect(adminPage).toHaveURL(/\/admin$/);
	});

	await operator.close();
	await admin.close();
});
