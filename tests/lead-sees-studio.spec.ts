import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';

test('an engagement lead signs in and sees the seeded groups and briefings', async ({ page }) => {
	await signIn(page, demo.lead);
	await expect(page).toHaveURL(/\/studio$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Content studio' })).toBeVisible();
	await expect(page.getByText('Signed in as Leila Lead')).toBeVisible();

	const briefings = page.getByRole('table', { name: 'Briefings' });
	const yourSafety = briefings.getByRole('row', { name: /Your safety on our ward/ });
	await expect(yourSafety).toContainText('Published (version 1)');
	await expect(yourSafety).toContainText('Video, Leaflet, Easy read, Face-to-face talk');
	await expect(yourSafety).toContainText('العربية');
	await expect(briefings.getByRole('row', { name: /Call, don't fall/ })).toContainText(
		'Review due soon'
	);
	await expect(briefings.getByRole('row', { name: /Sepsis/ })).toContainText('In review');
	await expect(page.getByRole('list', { name: 'With clinical reviewers' })).toContainText(
		'Sepsis: when to get help (version 1)'
	);

	const groups = page.getByRole('table', { name: 'Patient groups' });
	await expect(groups.getByRole('row')).toHaveCount(11); // header + 10 seed groups
	await expect(
		groups.getByRole('row', { name: /People with a learning disability/ })
	).toContainText('Easy read');
	await expectNoAxeViolations(page);

	// The same page in Arabic mirrors and stays accessible.
	await page.getByRole('link', { name: 'العربية' }).click();
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
	await expectNoAxeViolations(page);
	// The choice is remembered for this staff member's next page.
	await page.goto('/studio');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
});

test('a clinical reviewer’s studio home starts with what waits for their review', async ({
	page
}) => {
	await signIn(page, demo.reviewer);
	const waiting = page.getByRole('list', { name: 'Waiting for your review' });
	await waiting.getByRole('link', { name: 'Sepsis: when to get help (version 1)' }).click();
	await expect(page).toHaveURL(/\/studio\/briefings\/[0-9a-f-]+\/v\/1$/);
	await expect(page.getByRole('button', { name: 'Approve' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Return with comments' })).toBeVisible();
	await page.goto('/studio');
	await expectNoAxeViolations(page);
});
