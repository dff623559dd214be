import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';
import { WardPage } from './pages/ward-page';
import { deliveryChange, wardContent } from './support/measurement-data';
import { sharedDataDir } from './support/paths';

test('a lead corrects a delivery record and the original stays in its history', async ({
	browser
}) => {
	// Four axe checks and three corrections: more than the default 30 s on a loaded machine.
	test.slow();
	const nurse = await (await browser.newContext()).newPage();
	await signIn(nurse, demo.ward);
	const ward = new WardPage(nurse);
	await ward.chooseGroup(/Planned surgery and orthopaedics/);
	await ward.chooseLanguage('English');
	await ward.startRecommended();
	await ward.recordWhatHappened();
	await ward.save('Declined');
	await ward.expectWaiting(0);
	await nurse.context().close();

	const lead = await (await browser.newContext()).newPage();
	await signIn(lead, demo.lead);
	await lead.getByRole('link', { name: 'Deliveries recorded' }).click();
	await expect(lead.getByRole('heading', { level: 1 })).toHaveText('Deliveries recorded');
	await expectNoAxeViolations(lead);
	const row = lead.getByRole('row', { name: /Planned surgery and orthopaedics/ }).first();
	await expect(row).toContainText('Declined');
	await row.getByRole('link').click();
	await expect(lead.getByRole('heading', { name: 'Correct a delivery record' })).toBeVisible();
	await expect(lead.getByText('No changes since it was recorded.')).toBeVisible();
	await expectNoAxeViolations(lead);

	await lead.getByLabel('Partly delivered').check();
	await lead.getByRole('button', { name: 'Save correction' }).click();
	await expect(lead.getByRole('status')).toContainText('Correction saved');
	await expect(
		lead.getByRole('listitem').filter({ hasText: 'corrected by Leila Lead' })
	).toContainText('Before: Declined');
	await expect(lead.getByLabel('Partly delivered')).toBeChecked();

	// The nurse answered nothing else: every question shows "Not recorded", and the language
	// the patient needed is the language given.
	const question = (name: string) => lead.getByRole('group', { name });
	const talkedThrough = question('Talked through with the patient?');
	await expect(talkedThrough.getByLabel('Not recorded')).toBeChecked();
	await expect(question('Teach-back').getByLabel('Not recorded')).toBeChecked();
	const needed = lead.getByLabel('Language the patient needed (optional)');
	await expect(needed).toHaveValue('');
	await expect(needed.getByRole('option', { name: 'English' })).toHaveCount(0);
	const neededRow = lead
		.getByRole('definition')
		.filter({ hasText: /^(The language given|Polski \(Polish\))$/ });

	// An answer and an unmet need added, then the answer taken back to "not recorded".
	await talkedThrough.getByLabel('Yes').check();
	await needed.selectOption({ label: 'Polski' });
	await lead.getByRole('button', { name: 'Save correction' }).click();
	await expect(lead.getByRole('status')).toContainText('Correction saved');
	await expect(neededRow).toHaveText('Polski (Polish)');
	await expect(needed).toHaveValue('pl');
	await expect(talkedThrough.getByLabel('Yes')).toBeChecked();

	await talkedThrough.getByLabel('Not recorded').check();
	await needed.selectOption({ label: 'The language given' });
	await lead.getByRole('button', { name: 'Save correction' }).click();
	await expect(lead.getByRole('listitem').filter({ hasText: 'corrected by' })).toHaveCount(3);
	await expect(talkedThrough.getByLabel('Not recorded')).toBeChecked();
	await expect(neededRow).toHaveText('The language given');
	await expect(lead.getByRole('listitem').filter({ hasText: 'corrected by' }).last()).toContainText(
		'Before: Partly delivered; talked through: Yes; interpreter used: Not recorded; carer or advocate present: Not recorded; teach-back: Not recorded; language needed: \u2068Polski\u2069.'
	);
	await expectNoAxeViolations(lead);

	// The server refuses a language needed that is the language given, naming the field.
	const url = lead.url();
	const same = await lead.request.post(url, {
		form: { outcome: 'partly', languageNeeded: 'en' },
		// As a browser's plain form post asks (else SvelteKit answers an action in JSON).
		headers: { origin: new URL(url).origin, accept: 'text/html' }
	});
	expect(same.status()).toBe(400);
	expect(await same.text()).toContain('href="#languageNeeded"');
	await lead.goto(`${url}?lang=ar`);
	await expect(lead.locator('html')).toHaveAttribute('dir', 'rtl');
	await expectNoAxeViolations(lead);
	await lead.context().close();

	// A clinical reviewer may read the record but the server refuses their correction.
	const reviewer = await (await browser.newContext()).newPage();
	await signIn(reviewer, demo.reviewer);
	await reviewer.goto(url);
	await expect(reviewer.getByRole('button', { name: 'Save correction' })).toHaveCount(0);
	const refused = await reviewer.request.post(url, {
		form: {
			outcome: 'delivered',
			talkedThrough: 'yes',
			interpreterUsed: 'no',
			carerPresent: 'no',
			teachBack: 'confirmed'
		},
		headers: { origin: new URL(url).origin }
	});
	expect(refused.status()).toBe(403);
	await reviewer.context().close();
});

test('a lead reaches an older record page by page, and one ward’s records alone', async ({
	browser
}) => {
	// Sixty records as a ward tablet sends them, in the hour before: Ward 12's first, then
	// Ward 7's, a second apart.
	const nurse = await browser.newContext();
	await signIn(await nurse.newPage(), demo.ward);
	const start = Date.now() - 3_600_000;
	const ward7 = wardContent(sharedDataDir, 'Ward 7');
	const changes = [
		deliveryChange(wardContent(sharedDataDir, 'Ward 12'), new Date(start)),
		...Array.from({ length: 59 }, (_, i) => deliveryChange(ward7, new Date(start + (i + 1) * 1000)))
	];
	const synced = await nurse.request.post('/api/sync', { data: { changes } });
	expect(synced.status()).toBe(200);
	const { results } = (await synced.json()) as { results: Array<{ status: string }> };
	expect(results.map((r) => r.status)).toEqual(changes.map(() => 'accepted'));
	await nurse.close();

	const lead = await (await browser.newContext()).newPage();
	await signIn(lead, demo.lead, '/studio/deliveries');
	const showing = lead.getByText(/^Showing deliveries 1 to 50 of \d+, newest first$/);
	await expect(showing).toBeVisible();
	const total = Number((await showing.innerText()).match(/of (\d+)/)?.[1]);
	expect(total).toBeGreaterThanOrEqual(60);
	const rows = lead.locator('tbody tr');
	await expect(rows).toHaveCount(50);
	await lead.getByRole('link', { name: 'Page 2' }).click();
	await expect(lead).toHaveURL(/\/studio\/deliveries\?page=2$/);
	await expect(
		lead.getByText(`Showing deliveries 51 to ${Math.min(100, total)} of ${total}, newest first`)
	).toBeVisible();
	await expect(rows).toHaveCount(Math.min(50, total - 50));

	// One ward's records: every row shown is that ward's, and its pages keep to it.
	await lead.getByLabel('Ward').selectOption({ label: 'Ward 12' });
	await lead.getByRole('button', { name: 'Show' }).click();
	await expect(lead).toHaveURL(/\/studio\/deliveries\?ward=[0-9a-f-]{36}$/);
	await expect(lead.getByLabel('Ward')).toHaveValue(/^[0-9a-f-]{36}$/);
	await expect(rows.first()).toBeVisible();
	await expect(rows.filter({ hasText: 'Ward 12' })).toHaveCount(await rows.count());
	await expectNoAxeViolations(lead);
	await lead.getByLabel('Ward').selectOption({ label: 'Ward 7' });
	await lead.getByRole('button', { name: 'Show' }).click();
	await lead.getByRole('link', { name: 'Next page' }).click();
	await expect(lead).toHaveURL(/\/studio\/deliveries\?ward=[0-9a-f-]{36}&page=2$/);
	await expect(rows.first()).toBeVisible();
	await expect(rows.filter({ hasText: 'Ward 7' })).toHaveCount(await rows.count());
	// A record on page 2 opens for correction, as on the first.
	await rows.first().getByRole('link').click();
	await expect(lead.getByRole('heading', { name: 'Correct a delivery record' })).toBeVisible();
});
