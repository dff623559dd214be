import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { SignInPage } from './pages/sign-in-page';

test('an empty form shows the NHS error summary naming each field, focused', async ({ page }) => {
	const signIn = new SignInPage(page);
	await signIn.goto();
	await signIn.submit.click();

	await expect(page).toHaveTitle(/^Error: Sign in/);
	const summary = page.locator('.nhsuk-error-summary');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link', { name: 'Enter your email address' })).toHaveAttribute(
		'href',
		'#email'
	);
	await expect(summary.getByRole('link', { name: 'Enter your password' })).toHaveAttribute(
		'href',
		'#password'
	);
	await expect(signIn.email).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(page);

	// The summary's link takes the keyboard user to the field.
	await summary.getByRole('link', { name: 'Enter your email address' }).click();
	await expect(signIn.email).toBeFocused();
});

test('a wrong password is refused without saying which part was wrong', async ({ page }) => {
	const signIn = new SignInPage(page);
	await signIn.goto();
	await signIn.signInAs({ email: demo.lead.email, password: 'not the password' });
	await expect(page.locator('.nhsuk-error-summary')).toContainText(
		'The email address or password is not right'
	);
	await expect(signIn.email).toHaveValue(demo.lead.email);
	await expect(signIn.password).toHaveValue('');
});

test('repeated failures for one account are throttled with a clear message', async ({ page }) => {
	const signIn = new SignInPage(page);
	const account = { email: 'someone.guessing@demo.example', password: 'wrong password' };
	await signIn.goto();
	for (let attempt = 1; attempt <= 5; attempt++) {
		await signIn.signInRefused(account);
		await expect(page.locator('.nhsuk-error-summary')).toContainText(
			'The email address or password is not right'
		);
	}
	await signIn.signInAs(account);
	await expect(page.locator('.nhsuk-error-summary')).toContainText(
		/Too many attempts to sign in\. Wait \d+ minutes and try again/
	);
	// Other accounts are not locked out by it.
	await signIn.signInAs(demo.reviewer);
	await expect(page).toHaveURL(/\/studio$/);
});

test('signing in returns to the page asked for, and signing out ends the session', async ({
	page
}) => {
	await page.goto('/admin');
	await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fadmin/);
	await new SignInPage(page).signInAs(demo.admin);
	await expect(page).toHaveURL(/\/admin$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Admin' })).toBeVisible();
	await expect(page.getByRole('cell', { name: demo.ward.email })).toBeVisible();

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByText('You have signed out.')).toBeVisible();
	await page.goto('/admin');
	await expect(page).toHaveURL(/\/sign-in/);
});

for (const crafted of [
	'//evil.example/',
	'/\t/evil.example',
	'/\\evil.example',
	'https://evil.example/'
])
	test(`a crafted return address (${JSON.stringify(crafted)}) cannot send someone to another site`, async ({
		page
	}) => {
		const signIn = new SignInPage(page);
		await signIn.goto(crafted);
		await signIn.signInAs(demo.lead);
		await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/studio$/);
	});
