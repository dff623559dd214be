import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';
import { WardPage } from './pages/ward-page';

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
