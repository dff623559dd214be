import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { AdminPage, SetPasswordPage } from './pages/admin-page';
import { ContentPacksPage } from './pages/content-packs-page';
import { PlatformPage } from './pages/platform-page';
import { SignInPage, signIn } from './pages/sign-in-page';
import { StudioEditorPage } from './pages/studio-editor-page';
import { StudioGroupsPage } from './pages/studio-groups-page';
import { WardPage } from './pages/ward-page';
import { randomUUID } from 'node:crypto';
import { executeAll, rowsOf } from './support/database';
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

// Content packs carry video: the demo briefing's pack is about 0.6 MB.
const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 16, { BODY_SIZE_LIMIT: '64M' });
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
		// The demo's two trusts (Southmoor adopts from Northfield's library), each active.
		const rows = platform.organisations.getByRole('row');
		await expect(rows).toHaveCount(3);
		for (const name of [
			'Northfield Hospitals NHS Trust (demo)',
			'Southmoor Health NHS Foundation Trust (demo)'
		]) {
			const row = rows.filter({ hasText: name });
			await expect(row).toHaveCount(1);
			await expect(row).toContainText('Active');
		}
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

	// The organisation's page, left open from before its admin set a password.
	const stale = await operator.newPage();
	await stale.goto('/platform');
	await new PlatformPage(stale).openOrganisation(trust.name);

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

	await test.step('an admin with a password: no link from the platform, only from their own admins', async () => {
		const ownAdminsReset = `${trust.adminName} has set a password. If they cannot sign in, another admin of this organisation can make them a new link, from Staff in Admin. You cannot: the link would replace their password.`;
		const makeLink = `Make a new set-password link for ${trust.adminName}`;
		const answer = stale.waitForResponse((r) => r.url().includes('?/resetLink'));
		await stale.getByRole('button', { name: makeLink }).click();
		expect((await answer).status()).toBe(403);
		const stalePlatform = new PlatformPage(stale);
		await expect(stalePlatform.errorSummary).toBeFocused();
		await expect(stalePlatform.errorSummary.getByRole('link')).toHaveText(
			`${trust.adminName} has set a password, so you cannot make them a link. Another admin of this organisation can, from Staff in Admin.`
		);
		await expect(stale.getByLabel(`Set-password link for ${trust.adminEmail}`)).toHaveCount(0);
		await expect(stale.getByRole('button', { name: makeLink })).toHaveCount(0);
		await expect(stale.getByText(ownAdminsReset)).toBeVisible();
		await expectNoAxeViolations(stale);
		await stale.close();

		// Without the page too: the server refuses, and the admin's password still works.
		await platform.openOrganisation(trust.name);
		await expect(page.getByText(ownAdminsReset)).toBeVisible();
		await expect(page.getByRole('button', { name: makeLink })).toHaveCount(0);
		const [erin] = rowsOf<{ id: string }>(
			server.dataDir,
			'SELECT id FROM staff_account WHERE email = ?',
			trust.adminEmail
		);
		const forged = await page.request.post(`${new URL(page.url()).pathname}?/resetLink`, {
			form: { accountId: erin!.id },
			headers: { origin: server.origin, accept: 'text/html' }
		});
		expect(forged.status()).toBe(403);
		expect(await forged.text()).not.toContain('/set-password/');
		await adminPage.goto('/admin');
		await expect(adminPage).toHaveURL(/\/admin$/);
		// A second admin Erin invites herself, with no password yet: the platform may not make
		// them a link either (it would cancel Erin's invitation and take the account).
		const sam = { name: 'Sam Second', email: 'sam.second@eastbrook.example' };
		await new AdminPage(adminPage).addPerson({ ...sam, role: 'Admin' });
		await adminPage.goto('/admin');
		await platform.openOrganisation(trust.name);
		await expect(
			page.getByText(
				`${sam.name} was invited by this organisation, or has signed in before. If they need a link, another admin of this organisation can make them one, from Staff in Admin. You cannot: the link would take over their account.`
			)
		).toBeVisible();
		await expect(
			page.getByRole('button', { name: `Make a new set-password link for ${sam.name}` })
		).toHaveCount(0);
		const [samRow] = rowsOf<{ id: string }>(
			server.dataDir,
			'SELECT id FROM staff_account WHERE email = ?',
			sam.email
		);
		const forgedForSam = await page.request.post(`${new URL(page.url()).pathname}?/resetLink`, {
			form: { accountId: samRow!.id },
			headers: { origin: server.origin, accept: 'text/html' }
		});
		expect(forgedForSam.status()).toBe(403);
		expect(await forgedForSam.text()).not.toContain('/set-password/');
		await axeInEnglishAndArabic(page, new URL(page.url()).pathname);
		// Northfield's admin has signed in for months: the same.
		await platform.openOrganisation('Northfield Hospitals NHS Trust (demo)');
		await expect(page.getByText(/^Alex Admin has set a password\./)).toBeVisible();
		await expect(page.getByRole('button', { name: /^Make a new set-password link/ })).toHaveCount(
			0
		);
		await axeInEnglishAndArabic(page, new URL(page.url()).pathname);
	});

	await test.step('suspend asks first, saying what it stops; Cancel changes nothing', async () => {
		await page.goto('/platform');
		await platform.openOrganisation(trust.name);
		const orgPath = new URL(page.url()).pathname;
		await page.getByRole('button', { name: 'Suspend organisation' }).click();
		await expect(page).toHaveURL(/\?confirm=suspend#suspend-confirm$/);
		const confirm = page.locator('#suspend-confirm');
		await expect(confirm.getByRole('heading', { level: 3 })).toHaveText(
			`Important: Suspend \u2068${trust.name}\u2069?`
		);
		await expect(confirm).toContainText(
			"Everyone on its staff is signed out at once and cannot sign in, its wards' tablets stop " +
				'syncing, and its patient pages and QR codes stop working, until it is reinstated.'
		);
		await expect(confirm).toBeFocused();
		await page.keyboard.press('Tab');
		await expect(confirm.getByRole('button', { name: 'Yes, suspend it' })).toBeFocused();
		await expectNoAxeViolations(page);
		await page.goto(`${orgPath}?confirm=suspend&lang=ar`);
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(confirm.getByRole('button', { name: 'نعم، علّقها' })).toBeVisible();
		await expectNoAxeViolations(page);
		await page.goto(`${orgPath}?confirm=suspend&lang=en`);
		await confirm.getByRole('link', { name: 'Cancel' }).click();
		await expect(confirm).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Suspend organisation' })).toBeVisible();
		await expect(platform.auditRow('Suspended')).toHaveCount(0);
		await adminPage.reload();
		await expect(adminPage).toHaveURL(/\/admin(\?.*)?$/);
	});

	await test.step('suspending signs its staff out and keeps them out', async () => {
		await page.getByRole('button', { name: 'Suspend organisation' }).click();
		await page.getByRole('button', { name: 'Yes, suspend it' }).click();
		await expect(page.getByRole('status')).toHaveText(`${trust.name} is suspended.`);
		await expect(platform.auditRow('Suspended')).toContainText('Sessions ended: 1');
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

	await test.step('a year of changes: the oldest is on the next page of the trail', async () => {
		// Fifty-five contact changes a year before the rest, by the same operator.
		const [org] = rowsOf<{ id: string }>(
			server.dataDir,
			'select id from organisation where name = ?',
			trust.name
		);
		const [operatorRow] = rowsOf<{ id: string }>(
			server.dataDir,
			'select id from staff_account where email = ?',
			demo.platform.email
		);
		executeAll(
			server.dataDir,
			Array.from({ length: 55 }, (_, i): [string, ...unknown[]] => [
				'insert into audit_event (id, organisation_id, actor_id, action, subject_type, subject_id, detail, at) values (?, ?, ?, ?, ?, ?, ?, ?)',
				randomUUID(),
				org!.id,
				operatorRow!.id,
				'organisation.updated',
				'organisation',
				org!.id,
				JSON.stringify({ before: { contact: `PALS ${i}` }, after: { contact: `PALS ${i + 1}` } }),
				new Date(Date.now() - 365 * 86_400_000 + i * 60_000).toISOString()
			])
		);
		const oldest = platform.auditRow('Contact details: PALS 0 → PALS 1');
		await platform.openOrganisation(trust.name);
		const showing = page.getByText(/^Showing changes 1 to 50 of \d+, newest first$/);
		await expect(showing).toBeVisible();
		const total = Number((await showing.innerText()).match(/of (\d+)/)![1]);
		expect(total).toBeGreaterThan(55);
		await expect(platform.auditRow('Reinstated')).toHaveCount(1);
		await expect(oldest).toHaveCount(0);

		await platform.auditPages.getByRole('link', { name: 'Next page' }).focus();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(
			/\/platform\/organisations\/[^/?]+\?page=2#platform-audit-heading$/
		);
		await expect(
			page.getByText(`Showing changes 51 to ${total} of ${total}, newest first`)
		).toBeVisible();
		await expect(
			page.getByRole('heading', { name: 'What the platform has done' })
		).toBeInViewport();
		await expect(oldest).toContainText('Pat Platform');
		await expect(platform.auditRow('Reinstated')).toHaveCount(0);
		await expect(platform.auditPages.getByRole('link', { name: 'Page 2' })).toHaveAttribute(
			'aria-current',
			'page'
		);
		const orgPath = new URL(page.url()).pathname;
		for (const lang of ['ar', 'en']) {
			await page.goto(`${orgPath}?page=2&lang=${lang}`);
			await expect(page.locator('html')).toHaveAttribute('lang', lang);
			await expectNoAxeViolations(page);
		}
		await expect(oldest).toBeVisible();

		// A page that is no number is refused, naming it; one past the last shows the last.
		const bad = await page.goto(`${orgPath}?page=-1`);
		expect(bad?.status()).toBe(400);
		await expect(page.getByText(/is not right: .page.\./)).toBeVisible();
		await page.goto(`${orgPath}?page=7`);
		await expect(oldest).toBeVisible();
	});

	await operator.close();
	await admin.close();
});

test('the new trust briefs its first patient: a pack imported, reviewed and published, recorded on its own ward', async ({
	browser
}) => {
	test.setTimeout(600_000);
	const signedIn = async (account: { email: string; password: string }) => {
		const context = await browser.newContext({ baseURL: server.origin });
		const page = await context.newPage();
		await signIn(page, account);
		return page;
	};
	const people = {
		lead: {
			name: 'Lee Lead',
			email: 'lee.lead@eastbrook.example',
			role: 'Patient-engagement lead'
		},
		reviewer: {
			name: 'Dr Ria Reviewer',
			email: 'ria@eastbrook.example',
			role: 'Clinical reviewer'
		},
		nurse: {
			name: 'Nell Nurse',
			email: 'nell@eastbrook.example',
			role: 'Ward staff',
			ward: 'Beech Ward'
		}
	};
	const password = (who: keyof typeof people) => `eastbrook ${who} passphrase`;
	const topic = 'Your safety on our ward';

	// The demo trust shares its briefing as a content pack.
	const northfield = await signedIn(demo.lead);
	const northPacks = new ContentPacksPage(northfield);
	await northPacks.goto();
	const pack = await northPacks.export(
		`${topic} (version 1)`,
		'Creative Commons Attribution 4.0',
		'© Northfield Hospitals NHS Trust'
	);
	await northfield.context().close();

	await test.step('the admin adds a ward and the trust’s first staff, who set their passwords', async () => {
		const adminPage = await signedIn({
			email: trust.adminEmail,
			password: 'eastbrook admin passphrase'
		});
		await adminPage.goto('/admin/wards');
		await adminPage.getByLabel('Ward name').fill('Beech Ward');
		await adminPage.getByLabel('PAS ward code').fill('bch1');
		await adminPage.getByRole('button', { name: 'Add ward' }).click();
		await expect(adminPage.getByRole('row', { name: /Beech Ward/ })).toContainText('BCH1');
		const admin = new AdminPage(adminPage);
		for (const [who, person] of Object.entries(people)) {
			const link = await admin.addPerson(person);
			// Each sets their own password from the link, in their own browser.
			const own = await browser.newContext();
			const page = await own.newPage();
			await page.goto(link);
			await new SetPasswordPage(page).setPassword(password(who as keyof typeof people));
			await expect(page).toHaveURL(/\/sign-in\?passwordSet=1$/);
			await own.close();
		}
		await adminPage.context().close();
	});

	await test.step('before there is anything to give, the nurse is told who can fix it', async () => {
		const nurse = await signedIn({ email: people.nurse.email, password: password('nurse') });
		await expect(nurse.locator('.nhsuk-inset-text')).toContainText(
			'There are no patient groups yet, so there is nothing to choose for a patient.'
		);
		await expect(nurse.locator('.nhsuk-inset-text')).toContainText(
			'No patient groups yet — ask your engagement lead.'
		);
		await expectNoAxeViolations(nurse);
		await nurse.context().close();
	});

	const lead = await signedIn({ email: people.lead.email, password: password('lead') });
	let versionPath = '';
	await test.step('the lead imports the pack and sends it for review', async () => {
		const packs = new ContentPacksPage(lead);
		await packs.goto();
		await packs.check({ name: 'your-safety.briefing-pack.zip', buffer: pack });
		await expect(packs.preview).toContainText('A draft, for your own review');
		await packs.confirm();
		const [briefing] = rowsOf<{ id: string }>(
			server.dataDir,
			`select b.id from briefing b join organisation o on o.id = b.organisation_id
			 where o.name = ? and b.topic = ?`,
			trust.name,
			topic
		);
		versionPath = `/studio/briefings/${briefing!.id}/v/1`;
		await lead.goto(versionPath);
		const studio = new StudioEditorPage(lead);
		await expect(studio.status()).toHaveText('Draft');
		await studio.takeStep('Submit for review');
		await expect(studio.status()).toHaveText('In review');
	});

	await test.step('its own reviewer approves, and the lead publishes', async () => {
		const reviewer = await signedIn({
			email: people.reviewer.email,
			password: password('reviewer')
		});
		await reviewer.goto(versionPath);
		const review = new StudioEditorPage(reviewer);
		await review.takeStep('Approve');
		await expect(review.status()).toHaveText('Approved');
		await expect(reviewer.getByText(/Approved by Dr Ria Reviewer on/)).toBeVisible();
		await reviewer.context().close();
		await lead.goto(versionPath);
		const studio = new StudioEditorPage(lead);
		await studio.takeStep('Publish');
		await expect(studio.status()).toHaveText('Published');
	});

	await test.step('the lead adds the trust’s first patient group, with the briefing', async () => {
		const groups = new StudioGroupsPage(lead);
		await groups.startNew();
		await groups.fill({
			name: 'Adults on Beech Ward',
			formats: ['Leaflet', 'Video'],
			languages: ['English']
		});
		await groups.submitNew();
		await groups.addBriefing(topic);
	});

	await test.step('the nurse records the briefing on Beech Ward', async () => {
		const nurse = await signedIn({ email: people.nurse.email, password: password('nurse') });
		await expect(nurse.getByRole('heading', { level: 1 })).toHaveText(
			'Safety briefings on Beech Ward'
		);
		const ward = new WardPage(nurse);
		await ward.admit(/Adults on Beech Ward/);
		await ward.expectWaiting(0);
		expect(
			rowsOf<{ n: number }>(
				server.dataDir,
				`select count(*) as n from delivery_record d join ward w on w.id = d.ward_id
				 where w.name = 'Beech Ward'`
			)
		).toEqual([{ n: 1 }]);
		await nurse.context().close();
	});

	await test.step('the trust’s patient page is its own', async () => {
		const patient = await (await browser.newContext({ baseURL: server.origin })).newPage();
		await patient.goto('/o/eastbrook-hospitals-nhs-trust');
		await expect(patient.locator('body')).toContainText(trust.name);
		await expect(patient.locator('body')).toContainText('Eastbrook PALS: 0300 111 3333');
		await expect(patient.getByRole('link', { name: topic })).toBeVisible();
		await expect(patient.locator('body')).not.toContainText('Northfield');
		await expectNoAxeViolations(patient);
		await patient.context().close();
	});
	await lead.context().close();
});
