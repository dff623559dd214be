import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';
import { WardPage } from './pages/ward-page';

test('a lead corrects a delivery record and the original stays in its history', async ({
	browser
}) => {
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
	const url = lead.url();
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
