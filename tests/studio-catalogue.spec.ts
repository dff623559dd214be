import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';
import { StudioGroupsPage } from './pages/studio-groups-page';

const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>`;

test('a lead creates a group, gives it briefings in order and sees its gaps on the matrix', async ({
	page
}) => {
	test.setTimeout(60_000); // eight axe scans
	await signIn(page, demo.lead);
	await page.getByRole('link', { name: 'Patient groups' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Patient groups' })).toBeVisible();
	await expectNoAxeViolations(page);

	const groups = new StudioGroupsPage(page);
	await groups.startNew();
	await expectNoAxeViolations(page);

	// Nothing filled in: the error summary names each field, and nothing is stored.
	await groups.fill({ name: '   ' });
	await groups.submitNew();
	await expect(groups.errorSummary).toContainText('Enter a name for the group');
	await expect(groups.errorSummary).toContainText('Give at least one format a place');
	await expect(groups.errorSummary).toContainText('Tick at least one usual language');
	await expect(page).toHaveTitle(/^Error: /);
	await expectNoAxeViolations(page);
	// Two formats in the same place are refused; what was typed is kept.
	await groups.fill({
		name: 'Stroke unit patients',
		formats: ['Easy read', 'Leaflet'],
		languages: ['English']
	});
	await groups.formatPlace('Leaflet').selectOption({ label: '1st choice' });
	await groups.submitNew();
	await expect(groups.errorSummary).toContainText('each format a different place');
	await expect(groups.name).toHaveValue('Stroke unit patients');
	await groups.errorSummary.getByRole('link', { name: /each format a different place/ }).click();

	await groups.fill({
		name: 'Stroke unit patients',
		description: 'Many have aphasia: easy read first, then talk it through.',
		needs: ['Easy read', 'Carer or advocate present'],
		formats: ['Easy read', 'Face-to-face talk'],
		languages: ['English', 'العربية'],
		ages: ['Older people']
	});
	await groups.formatPlace('Leaflet').selectOption({ label: 'Not used' });
	await groups.submitNew();
	await expect(page.getByRole('heading', { level: 1, name: 'Stroke unit patients' })).toBeVisible();
	await expect(groups.notice).toContainText('Group added');
	await expect(page.getByText('This group has no briefings yet')).toBeVisible();

	await groups.addBriefing('Your safety on our ward');
	await groups.addBriefing('Preventing blood clots');
	await groups.moveUp('Preventing blood clots');
	await expect(groups.briefingsInOrder()).toHaveText([
		'Preventing blood clots',
		'Your safety on our ward'
	]);
	await expectNoAxeViolations(page);

	// The matrix shows the group's gaps in plain words, above an accessible table.
	await page.goto('/studio/matrix');
	const gaps = page.getByRole('list', { name: /gaps? to fill/ });
	await expect(gaps).toContainText(
		'The first choice for Stroke unit patients is easy read; ‘Preventing blood clots’ has none.'
	);
	await expect(gaps).toContainText(
		'Stroke unit patients: ‘Preventing blood clots’ has nothing in English, العربية in a format the group prefers.'
	);
	const table = page.getByRole('table', { name: 'Briefings for Stroke unit patients, by format' });
	await expect(table.getByRole('columnheader', { name: /Easy read\s+1st choice/ })).toBeVisible();
	const clots = table.getByRole('row', { name: /Preventing blood clots/ });
	await expect(clots.getByRole('cell').nth(2)).toHaveText('None'); // easy read
	const yourSafety = table.getByRole('row', { name: /Your safety on our ward/ });
	await expect(yourSafety.getByRole('cell').nth(2)).toContainText('العربية');
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: 'العربية' }).click();
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expectNoAxeViolations(page);
});

test('an archived group is no longer offered on the ward, and comes back when restored', async ({
	browser
}) => {
	const leadContext = await browser.newContext();
	const lead = await leadContext.newPage();
	await signIn(lead, demo.lead);
	const groups = new StudioGroupsPage(lead);
	await groups.startNew();
	await groups.fill({
		name: 'Day surgery patients',
		formats: ['Leaflet'],
		languages: ['English']
	});
	await groups.submitNew();
	await groups.addBriefing('Preventing blood clots');
	const groupUrl = lead.url().split('?')[0] ?? '';

	const wardContext = await browser.newContext();
	const ward = await wardContext.newPage();
	await signIn(ward, demo.ward);
	await expect(ward.getByRole('button', { name: /Day surgery patients/ })).toBeVisible();

	await groups.archive();
	await expect(lead.getByText('Archived', { exact: true })).toBeVisible();
	await expectNoAxeViolations(lead);
	await groups.gotoList();
	await expect(
		lead.getByRole('table', { name: 'Archived patient groups' }).getByRole('link', {
			name: 'Day surgery patients'
		})
	).toBeVisible();
	await expect(
		lead
			.getByRole('table', { name: 'Patient groups offered on the wards' })
			.getByText('Day surgery patients')
	).toHaveCount(0);

	await ward.reload();
	await expect(ward.getByRole('button', { name: /General adult inpatients/ })).toBeVisible();
	await expect(ward.getByRole('button', { name: /Day surgery patients/ })).toHaveCount(0);

	await lead.goto(groupUrl);
	await groups.unarchive();
	await ward.reload();
	await expect(ward.getByRole('button', { name: /Day surgery patients/ })).toBeVisible();
	await leadContext.close();
	await wardContext.close();
});

test('HTML and script typed into a group are shown as text, never run', async ({ page }) => {
	await signIn(page, demo.lead);
	const groups = new StudioGroupsPage(page);
	await groups.startNew();
	await groups.fill({
		name: `Group ${payload}`.slice(0, 100),
		description: payload,
		formats: ['Video'],
		languages: ['English']
	});
	await groups.submitNew();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('<img src=x onerror=');
	await expect(page.getByRole('main').getByText(payload).first()).toBeAttached();
	for (const path of ['/studio/groups', '/studio/matrix', '/studio']) {
		await page.goto(path);
		await expect(page.getByText(/Group <img src=x/).first()).toBeVisible();
	}
	expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
	expect(await page.locator('main img[src="x"]').count()).toBe(0);
});

test('ward staff get 403 on the catalogue pages and actions; reviewers may look but not change', async ({
	browser
}) => {
	const ward = await browser.newPage();
	await signIn(ward, demo.ward);
	const origin = new URL(ward.url()).origin;
	for (const path of ['/studio/groups', '/studio/groups/new', '/studio/matrix']) {
		const response = await ward.goto(path);
		expect(response?.status(), path).toBe(403);
	}
	const post = await ward.request.post('/studio/groups/new', {
		form: { name: 'Sneaky', 'rank-video': '1', usualLanguages: 'en' },
		headers: { origin }
	});
	expect(post.status()).toBe(403);
	await ward.close();

	const reviewer = await browser.newPage();
	await signIn(reviewer, demo.reviewer);
	await reviewer.goto('/studio/groups');
	await expect(reviewer.getByRole('link', { name: 'Add a patient group' })).toHaveCount(0);
	await reviewer.getByRole('link', { name: 'General adult inpatients' }).click();
	await expect(reviewer.getByRole('button', { name: 'Archive the group' })).toHaveCount(0);
	const groupUrl = new URL(reviewer.url());
	for (const action of ['archive', 'save', 'briefings']) {
		const response = await reviewer.request.post(`${groupUrl.pathname}?/${action}`, {
			form: { name: 'Renamed by a reviewer' },
			headers: { origin }
		});
		expect(response.status(), action).toBe(403);
	}
	const created = await reviewer.request.post('/studio/groups/new', {
		form: { name: 'Reviewer group', 'rank-video': '1', usualLanguages: 'en' },
		headers: { origin }
	});
	expect(created.status()).toBe(403);
	await reviewer.goto('/studio/groups');
	await expect(reviewer.getByText('Reviewer group')).toHaveCount(0);
	await reviewer.close();
});
