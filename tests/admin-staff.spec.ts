import { expect, test, type Locator } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { expectAccessibleInEnglishAndArabic, expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { executeAll, wardCatalogue } from './support/database';
import { sharedDataDir } from './support/paths';
import { AdminPage, SetPasswordPage } from './pages/admin-page';
import { signIn, SignInPage } from './pages/sign-in-page';
import { WardPage } from './pages/ward-page';

test('an admin runs the organisation’s staff, and every action is in the audit trail', async ({
	page,
	browser
}) => {
	test.setTimeout(900_000);
	const admin = new AdminPage(page);
	const lead = {
		name: 'Lena Lead',
		email: 'lena.lead@demo.example',
		password: 'copper kettle rain'
	};
	const nurse = {
		name: 'Nia Nurse',
		email: 'nia.nurse@demo.example',
		password: 'violet harbour seven'
	};
	let leadLink = '';
	let nurseLink = '';

	await test.step('the staff list shows role, ward, status and last sign-in', async () => {
		await signIn(page, demo.admin);
		await admin.gotoStaff();
		await expect(admin.rowOf('Alex Admin')).toContainText(demo.admin.email);
		await expect(page.getByRole('columnheader', { name: 'Last sign-in' })).toBeVisible();
		await expect(page.getByRole('row', { name: /admin@demo\.example/ })).toContainText('Active');
		await expectAccessibleInEnglishAndArabic(page);
	});

	await test.step('adding a person refuses bad input, naming the field', async () => {
		await page.goto('/admin/staff/new');
		await expectAccessibleInEnglishAndArabic(page);
		await page.getByLabel('Name').fill('Someone');
		await page.getByLabel('Email').fill(demo.lead.email);
		await page.getByLabel('Role').selectOption({ label: 'Ward staff' });
		await page.getByRole('button', { name: 'Add and make a link' }).click();
		await expect(admin.errorSummary).toBeFocused();
		await expect(
			admin.errorSummary.getByRole('link', { name: 'Choose a ward in use for ward staff' })
		).toHaveAttribute('href', '#wardId');
		await page.getByLabel('Ward', { exact: true }).selectOption({ label: 'Ward 7' });
		await page.getByRole('button', { name: 'Add and make a link' }).click();
		await expect(
			admin.errorSummary.getByRole('link', {
				name: 'Someone in this organisation already has this email address'
			})
		).toHaveAttribute('href', '#email');
		await expectNoAxeViolations(page);
	});

	await test.step('the admin adds a lead and a ward nurse; each link is shown once', async () => {
		leadLink = await admin.addPerson({ ...lead, role: 'Patient-engagement lead' });
		await expectNoAxeViolations(page);
		nurseLink = await admin.addPerson({ ...nurse, role: 'Ward staff', ward: 'Ward 7' });
		await admin.gotoStaff();
		await expect(admin.rowOf(nurse.name)).toContainText('Invited');
		await expect(admin.rowOf(nurse.name)).toContainText('Never');
	});

	await test.step('each sets a password from the link and signs in', async () => {
		const context = await browser.newContext();
		const anon = await context.newPage();
		const setPassword = new SetPasswordPage(anon);
		await anon.goto(leadLink);
		await expect(anon.getByText(/For the account \S*lena\.lead@demo\.example/)).toBeVisible();
		await expectAccessibleInEnglishAndArabic(anon);
		await setPassword.setPassword('short');
		await expect(
			anon.getByRole('link', { name: 'The password must have at least 12 characters' })
		).toHaveAttribute('href', '#password');
		await setPassword.setPassword('lena.lead is me');
		await expect(
			anon.getByRole('link', { name: 'The password must not contain your email address' })
		).toBeVisible();
		await setPassword.setPassword(lead.password, 'something else entirely');
		await expect(
			anon.getByRole('link', { name: 'The two passwords are not the same' })
		).toHaveAttribute('href', '#confirm');
		await expectNoAxeViolations(anon);
		await setPassword.setPassword(lead.password);
		await expect(anon).toHaveURL(/\/sign-in\?passwordSet=1$/);
		await expect(anon.getByText('Your password is set. Sign in with it now.')).toBeVisible();

		// The link is spent.
		await anon.goto(leadLink);
		await expect(anon.getByRole('heading', { name: 'This link cannot be used' })).toBeVisible();
		await expect(anon.getByText('This link has already been used.')).toBeVisible();
		await expect(anon.getByText("Ask your organisation's admin for a new link.")).toBeVisible();
		await expectAccessibleInEnglishAndArabic(anon);
		await anon.goto('/set-password/not-a-real-token');
		await expect(anon.getByText('This link is not known.')).toBeVisible();

		await anon.goto(nurseLink);
		await setPassword.setPassword(nurse.password);
		await expect(anon).toHaveURL(/passwordSet=1/);
		await context.close();
	});

	// The lead stays signed in, in their own browser, until the admin disables them.
	const leadContext = await browser.newContext();
	const leadPage = await leadContext.newPage();
	await test.step('the lead signs in to the studio', async () => {
		await signIn(leadPage, lead);
		await expect(leadPage).toHaveURL(/\/studio$/);
	});

	await test.step('the nurse signs in and records a briefing', async () => {
		const context = await browser.newContext();
		const nursePage = await context.newPage();
		await signIn(nursePage, nurse);
		await expect(nursePage.getByRole('heading', { level: 1 })).toHaveText(
			'Safety briefings on Ward 7'
		);
		const ward = new WardPage(nursePage);
		await ward.admit(/People with a learning disability/);
		await ward.expectWaiting(0);
		await context.close();
		await admin.gotoStaff();
		await expect(admin.rowOf(nurse.name)).toContainText('Active');
		await expect(admin.rowOf(nurse.name)).not.toContainText('Never');
	});

	await test.step('the admin unlocks a locked ward account', async () => {
		const context = await browser.newContext();
		const tablet = await context.newPage();
		const signInPage = new SignInPage(tablet);
		await signInPage.goto();
		for (let attempt = 1; attempt <= 5; attempt++)
			await signInPage.signInRefused({ email: demo.ward.email, password: 'wrong password' });
		await signInPage.signInAs(demo.ward);
		await expect(signInPage.errorSummary).toContainText(
			"ask your organisation's admin to unlock your account"
		);

		await admin.gotoStaff();
		await expect(page.getByRole('row', { name: /ward7@demo\.example/ })).toContainText('Locked');
		await page
			.getByRole('row', { name: /ward7@demo\.example/ })
			.getByRole('link')
			.click();
		// The account's own page, before axe: a check run as the link is followed is of the list.
		await expect(page.getByRole('button', { name: 'Unlock account' })).toBeVisible();
		await expectAccessibleInEnglishAndArabic(page);
		await page.getByRole('button', { name: 'Unlock account' }).click();
		await expect(admin.status).toContainText('can try to sign in again');
		await expect(page.getByRole('button', { name: 'Unlock account' })).toHaveCount(0);

		await signInPage.signInAs(demo.ward);
		await expect(tablet).toHaveURL(/\/ward$/);
		await context.close();
	});

	await test.step('the admin disables a leaver, whose open session ends at once', async () => {
		await admin.openPerson(lead.name);
		// Asks first, naming them and what happens; Cancel changes nothing.
		await page.getByRole('button', { name: 'Disable account' }).click();
		await expect(page).toHaveURL(/\?confirm=disable#disable-confirm$/);
		const confirm = page.locator('#disable-confirm');
		await expect(confirm.getByRole('heading', { level: 3 })).toHaveText(
			`Important: Disable the account of \u2068${lead.name}\u2069?`
		);
		await expect(confirm).toContainText(
			`\u2068${lead.name}\u2069 is signed out at once, on every device, and cannot sign in until ` +
				'the account is enabled again.'
		);
		await expect(confirm).toBeFocused();
		await page.keyboard.press('Tab');
		await expect(confirm.getByRole('button', { name: 'Yes, disable the account' })).toBeFocused();
		await expectAccessibleInEnglishAndArabic(page);
		await confirm.getByRole('link', { name: 'Cancel' }).click();
		await expect(confirm).toHaveCount(0);
		await leadPage.reload();
		await expect(leadPage).toHaveURL(/\/studio$/);
		await admin.gotoStaff();
		await expect(admin.rowOf(lead.name)).toContainText('Active');

		await admin.openPerson(lead.name);
		await page.getByRole('button', { name: 'Disable account' }).click();
		await confirm.getByRole('button', { name: 'Yes, disable the account' }).click();
		await expect(admin.status).toContainText(`${lead.name} has been disabled`);
		await leadPage.reload();
		await expect(leadPage).toHaveURL(/\/sign-in\?returnTo=%2Fstudio/);
		await new SignInPage(leadPage).signInAs(lead);
		await expect(leadPage.locator('.nhsuk-error-summary')).toContainText(
			'The email address or password is not right'
		);
		await leadContext.close();
		await admin.gotoStaff();
		await expect(admin.rowOf(lead.name)).toContainText('Disabled');
	});

	await test.step('the last admin can neither demote nor disable themself', async () => {
		await admin.openPerson('Alex Admin');
		await page.getByLabel('Role').selectOption({ label: 'Patient-engagement lead' });
		await page.getByRole('button', { name: 'Save role' }).click();
		await expect(
			admin.errorSummary.getByRole('link', {
				name: "This is the organisation's last active admin: make someone else an admin first"
			})
		).toHaveAttribute('href', '#role');
		// Their own account: the question says so plainly.
		await page.getByRole('button', { name: 'Disable account' }).click();
		const confirm = page.locator('#disable-confirm');
		await expect(confirm.getByRole('heading', { level: 3 })).toHaveText(
			'Important: Disable your own account?'
		);
		await expect(confirm).toContainText('This is your own account. You will be signed out at once');
		await confirm.getByRole('button', { name: 'Yes, disable my account' }).click();
		await expect(admin.errorSummary).toContainText('last active admin');
		await expectNoAxeViolations(page);
		await admin.gotoStaff();
		await expect(admin.rowOf('Alex Admin')).toContainText('Admin');
		await expect(admin.rowOf('Alex Admin')).toContainText('Active');
	});

	await test.step('another organisation’s id, or none, is not found and changes nothing', async () => {
		const unknown = '0190a3b4-0000-7000-8000-0000000000ff';
		const response = await page.goto(`/admin/staff/${unknown}`);
		expect(response?.status()).toBe(404);
		const post = await page.request.post(`/admin/staff/${unknown}?/disable`, {
			form: {},
			headers: { origin: new URL(page.url()).origin }
		});
		expect(post.status()).toBe(404);
	});

	await test.step('the audit trail lists it all, newest first', async () => {
		await page.goto('/admin/audit');
		const rows = page.getByRole('row');
		await expect(rows.nth(1)).toContainText('Account disabled');
		await expect(rows.nth(1)).toContainText(lead.name);
		for (const action of [
			'Person added',
			'Invitation link made',
			'Password set',
			'Account unlocked',
			'Account disabled'
		])
			await expect(page.getByRole('cell', { name: action, exact: true }).first()).toBeVisible();
		await expect(page.locator('body')).not.toContainText(leadLink.split('/').pop()!);
		await expectAccessibleInEnglishAndArabic(page);
	});
});

test('wards and organisation settings refuse bad input and keep what is right', async ({
	page,
	browser
}) => {
	test.setTimeout(240_000);
	const admin = new AdminPage(page);
	await signIn(page, demo.admin);

	await page.goto('/admin/wards');
	await expectAccessibleInEnglishAndArabic(page);
	await page.getByLabel('Ward name').fill('Ward 30');
	await page.getByLabel('PAS ward code').fill('W 30;');
	await page.getByRole('button', { name: 'Add ward' }).click();
	await expect(
		admin.errorSummary.getByRole('link', { name: /Enter a PAS ward code/ })
	).toHaveAttribute('href', '#code');
	await page.getByLabel('PAS ward code').fill('w30');
	await page.getByLabel('Site', { exact: true }).fill('General Hospital');
	await page.getByRole('button', { name: 'Add ward' }).click();
	await expect(admin.status).toContainText('Ward 30 has been added.');
	await expect(page.getByRole('row', { name: /Ward 30/ })).toContainText('W30');

	// A second ward may not take the same code.
	await page.getByLabel('Ward name').fill('Ward 31');
	await page.getByLabel('PAS ward code').fill('W30');
	await page.getByRole('button', { name: 'Add ward' }).click();
	await expect(admin.errorSummary).toContainText('Another ward already has this PAS code');

	await page.getByRole('link', { name: 'Ward 30', exact: true }).click();
	await expect(page.getByLabel('Ward name')).toHaveValue('Ward 30');
	await expectAccessibleInEnglishAndArabic(page);
	await page.getByLabel('Ward name').fill('Ward 30 East');
	await page.getByRole('button', { name: 'Save ward' }).click();
	await expect(admin.status).toContainText('Ward 30 East has been saved.');
	// Retire asks first, saying what it refuses; Cancel keeps the ward in use.
	await page.getByRole('button', { name: 'Retire ward' }).click();
	await expect(page).toHaveURL(/\?confirm=retire#retire-confirm$/);
	const confirm = page.locator('#retire-confirm');
	await expect(confirm.getByRole('heading', { level: 3 })).toHaveText(
		'Important: Retire \u2068Ward 30 East\u2069?'
	);
	await expect(confirm).toContainText(
		'Tablets set to this ward will have every record made from now on refused, and the ward ' +
			'leaves the lists staff choose from, until it is brought back.'
	);
	await expect(confirm).toBeFocused();
	await expectAccessibleInEnglishAndArabic(page);
	await confirm.getByRole('link', { name: 'Cancel' }).click();
	await expect(confirm).toHaveCount(0);
	await page.goto('/admin/wards');
	await expect(page.getByRole('row', { name: /Ward 30 East/ })).toContainText('In use');
	// Without JavaScript, the same: the button's address brings the question into view.
	const noScript = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	await signIn(noScript, demo.admin);
	await noScript.goto(page.url());
	await noScript.getByRole('link', { name: 'Ward 30 East', exact: true }).click();
	await noScript.getByRole('button', { name: 'Retire ward' }).click();
	await expect(noScript).toHaveURL(/#retire-confirm$/);
	const yes = noScript.getByRole('button', { name: 'Yes, retire the ward' });
	await expect(yes).toBeInViewport();
	await yes.click();
	await expect(noScript.getByRole('status')).toContainText('Ward 30 East has been retired.');
	await noScript.context().close();
	// Retired, it leaves the picker for new staff.
	await page.goto('/admin/staff/new');
	await expect(
		page.getByLabel('Ward', { exact: true }).getByRole('option', { name: 'Ward 30 East' })
	).toHaveCount(0);

	await page.goto('/admin/settings');
	await expectAccessibleInEnglishAndArabic(page);
	await page.getByLabel('Time zone').fill('Mars/Olympus');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(
		admin.errorSummary.getByRole('link', { name: /Enter a time zone from the IANA list/ })
	).toHaveAttribute('href', '#timeZone');
	await expectNoAxeViolations(page);
	await page.getByLabel('Time zone').fill('Europe/London');
	await page.getByLabel('Contact details').fill('Patient experience team: 01234 567890');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(admin.status).toContainText('The settings have been saved.');
	await page.reload();
	await expect(page.getByLabel('Contact details')).toHaveValue(
		'Patient experience team: 01234 567890'
	);
	await page.goto('/admin/audit');
	await expect(page.getByRole('row').nth(1)).toContainText('Settings changed');
	// Each fact in words, never the stored JSON: the field changed, before → after; the ward
	// retired named, with the day it was retired in the reader's words.
	const detail = (row: Locator) => row.getByRole('cell').nth(4);
	await expect(detail(page.getByRole('row').nth(1))).toContainText(
		/Contact details: .+ → Patient experience team: 01234 567890/
	);
	const retired = page.getByRole('row').filter({ hasText: 'Ward retired' });
	await expect(retired.getByRole('cell').nth(3)).toHaveText('Ward 30 East');
	await expect(detail(retired)).toHaveText(/^Retired: – → \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}$/);
	const added = page
		.getByRole('row')
		.filter({ hasText: 'Ward added' })
		.filter({ hasText: 'Ward 30 East' });
	await expect(detail(added)).toContainText('Site: General Hospital');
	await expect(page.getByRole('table')).not.toContainText('{"');
	await expectAccessibleInEnglishAndArabic(page);
});

test('an admin sets how long records, feedback and audit entries are kept', async ({ page }) => {
	test.setTimeout(240_000);
	const admin = new AdminPage(page);
	await signIn(page, demo.admin);
	await page.goto('/admin');
	await page.getByRole('link', { name: 'Retention' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Retention');
	await expect(page.getByLabel('Delivery records, in years')).toHaveValue('5');
	await expect(page.getByLabel('Audit entries, in years')).toHaveValue('6');
	await expect(page.getByText('Nothing has been deleted yet.')).toBeVisible();
	await expectAccessibleInEnglishAndArabic(page);

	await page.getByLabel('Delivery records, in years').fill('0');
	await page.getByLabel('Patient feedback, in years').fill('two');
	await page.getByRole('button', { name: 'Save retention' }).click();
	await expect(
		admin.errorSummary.getByRole('link', { name: /years to keep delivery records/ })
	).toHaveAttribute('href', '#records');
	await expect(
		admin.errorSummary.getByRole('link', { name: /years to keep patient feedback/ })
	).toHaveAttribute('href', '#feedback');
	// What was typed stays, to be put right.
	await expect(page.getByLabel('Patient feedback, in years')).toHaveValue('two');
	await expectNoAxeViolations(page);

	await page.getByLabel('Delivery records, in years').fill('8');
	await page.getByLabel('Patient feedback, in years').fill('5');
	await page.getByRole('button', { name: 'Save retention' }).click();
	await expect(admin.status).toContainText('The retention periods have been saved.');
	await page.reload();
	await expect(page.getByLabel('Delivery records, in years')).toHaveValue('8');
	await page.goto('/admin/audit');
	await expect(page.getByRole('row').nth(1)).toContainText('Retention changed');

	await test.step('shortening a period first says what the next run would delete', async () => {
		// Three delivery records of two years ago (the journeys' demo has no history): what
		// keeping records for a year would delete.
		const old = new Date(Date.now() - 2 * 366 * 86_400_000).toISOString();
		const given = wardCatalogue(sharedDataDir);
		const ids = [randomUUID(), randomUUID(), randomUUID()];
		executeAll(
			sharedDataDir,
			ids.map((id) => [
				`insert into delivery_record (id, organisation_id, ward_id, patient_group_id, briefing_id,
				 version_id, format, language, outcome, recorded_at, received_at, recorded_day,
				 recorded_by)
				 select ?, organisation_id, ?, ?, ?, ?, ?, ?, 'delivered', ?, ?, ?, id
				 from staff_account where email = ?`,
				id,
				given.wardId,
				given.patientGroupId,
				given.briefingId,
				given.versionId,
				given.format,
				given.language,
				old,
				old,
				old.slice(0, 10),
				demo.ward.email
			])
		);
		// The cut: today in the organisation's time zone, a year earlier, as the page writes dates.
		const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
			new Date()
		);
		const cutDay = `${Number(today.slice(0, 4)) - 1}${today.slice(4).replace('-02-29', '-02-28')}`;
		const cut = new Intl.DateTimeFormat('en-GB', {
			day: 'numeric',
			month: 'short',
			year: 'numeric',
			timeZone: 'UTC'
		}).format(new Date(`${cutDay}T12:00:00Z`));
		const warning = admin.callout('Shorter periods delete data at the next nightly run');

		await page.goto('/admin/retention');
		await page.getByLabel('Delivery records, in years').fill('1');
		await page.getByRole('button', { name: 'Save retention' }).click();
		await expect(warning.getByRole('listitem')).toHaveText([
			`Delivery records, from 8 years to 1: 3 records from before ${cut}`
		]);
		await expect(page.getByText('The retention periods have been saved.')).toHaveCount(0);
		// Focus on the question, so the next Tab reaches its button.
		await expect(page.locator('#confirm')).toBeFocused();
		await expectNoAxeViolations(page);
		await warning.getByRole('link', { name: 'Cancel' }).click();
		await expect(warning).toHaveCount(0);
		await expect(page.getByLabel('Delivery records, in years')).toHaveValue('8');

		// Posted without the warning's confirmation (a stale page, a script): never saved.
		const refused = await page.request.post('/admin/retention', {
			form: { records: '1', feedback: '5', audit: '6' },
			headers: { origin: new URL(page.url()).origin, accept: 'text/html' }
		});
		expect(refused.status()).toBe(200);
		expect(await refused.text()).toContain('3 records from before');
		await page.reload();
		await expect(page.getByLabel('Delivery records, in years')).toHaveValue('8');

		// In Arabic, mirrored and accessible; then confirmed in English.
		await page.goto('/admin/retention?lang=ar');
		await page.getByLabel('سجلات التقديم، بالسنوات').fill('1');
		await page.getByRole('button', { name: 'حفظ مدة الاحتفاظ' }).click();
		await expect(
			admin.callout('الفترات الأقصر تحذف بيانات في التشغيل الليلي القادم')
		).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expectNoAxeViolations(page);
		await page.goto('/admin/retention?lang=en');
		await page.getByLabel('Delivery records, in years').fill('1');
		await page.getByRole('button', { name: 'Save retention' }).click();
		await warning.getByRole('button', { name: 'Save and delete at the next run' }).click();
		await expect(admin.status).toContainText('The retention periods have been saved.');
		await page.reload();
		await expect(page.getByLabel('Delivery records, in years')).toHaveValue('1');

		// Lengthening saves at once, as before; the copied records go (not left to other journeys).
		await page.getByLabel('Delivery records, in years').fill('8');
		await page.getByRole('button', { name: 'Save retention' }).click();
		await expect(admin.status).toContainText('The retention periods have been saved.');
		await expect(warning).toHaveCount(0);
		executeAll(
			sharedDataDir,
			ids.map((id) => ['delete from delivery_record where id = ?', id])
		);
	});
});

test('an admin reaches every night that deleted anything, a page at a time', async ({ page }) => {
	test.setTimeout(120_000);
	// Twelve nights that deleted records, night n deleting n of those from before 1 Jan 2020 + n
	// days; removed afterwards, as the retention journey above expects none.
	const ids = Array.from({ length: 12 }, () => randomUUID());
	executeAll(
		sharedDataDir,
		ids.map((id, i) => [
			`insert into retention_run (id, organisation_id, ran_at, records_before_day,
			 feedback_before_day, audit_before, records_deleted, feedback_deleted, audit_deleted)
			 select ?, organisation_id, ?, ?, '2020-01-01', '2019-01-01T00:00:00.000Z', ?, 0, 0
			 from staff_account where email = ?`,
			id,
			new Date(Date.now() - (30 - i) * 86_400_000).toISOString(),
			`2020-01-${String(i + 1).padStart(2, '0')}`,
			i + 1,
			demo.admin.email
		])
	);
	try {
		const runs = page.getByRole('table', { name: 'What has been deleted' });
		const oldest = runs.getByRole('row').filter({
			has: page.getByRole('cell', { name: '1, from before 2020-01-01', exact: true })
		});
		await signIn(page, demo.admin);
		await page.goto('/admin/retention');
		await expect(page.getByText('Showing runs 1 to 10 of 12, newest first')).toBeVisible();
		await expect(runs.getByRole('row').nth(1)).toContainText('12, from before 2020-01-12');
		await expect(oldest).toHaveCount(0);

		const pages = page.getByRole('navigation', { name: 'Pages of what has been deleted' });
		await pages.getByRole('link', { name: 'Next page' }).focus();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/admin\/retention\?page=2#runs-heading$/);
		await expect(page.getByText('Showing runs 11 to 12 of 12, newest first')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'What has been deleted' })).toBeInViewport();
		await expect(oldest).toHaveCount(1);
		for (const lang of ['ar', 'en']) {
			await page.goto(`/admin/retention?page=2&lang=${lang}`);
			await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
			await expectNoAxeViolations(page);
		}
		const bad = await page.goto('/admin/retention?page=last');
		expect(bad?.status()).toBe(400);
		await expect(page.getByText(/is not right: .page.\./)).toBeVisible();
	} finally {
		executeAll(
			sharedDataDir,
			ids.map((id) => ['delete from retention_run where id = ?', id])
		);
	}
});
