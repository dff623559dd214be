import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';

test('a ward nurse signs in and sees the briefings for their ward', async ({ page }) => {
	await signIn(page, demo.ward);
	await expect(page).toHaveURL(/\/ward$/);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Safety briefings on Ward 7' })
	).toBeVisible();

	const published = page.getByRole('list', { name: 'All published briefings' });
	await expect(published.getByRole('listitem')).toHaveCount(3);
	await expect(published.getByRole('link', { name: 'Your safety on our ward' })).toBeVisible();
	// Content in review is not offered on the ward.
	await expect(page.getByRole('link', { name: /Sepsis/ })).toHaveCount(0);
	await expect(
		published.getByRole('listitem').filter({ hasText: "Call, don't fall" })
	).toContainText('Review due soon');
	await expectNoAxeViolations(page);

	// Ward staff have no studio or admin links, and the server refuses them those pages.
	await expect(page.getByRole('link', { name: 'Content studio' })).toHaveCount(0);
	const studio = await page.goto('/studio');
	expect(studio?.status()).toBe(403);
	await expect(page.getByRole('heading', { name: 'You cannot use this page' })).toBeVisible();
	const admin = await page.goto('/admin');
	expect(admin?.status()).toBe(403);
	await expectNoAxeViolations(page);
});
