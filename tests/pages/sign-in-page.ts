import { expect, type Locator, type Page } from '@playwright/test';

export class SignInPage {
	readonly email: Locator;
	readonly password: Locator;
	readonly submit: Locator;
	readonly errorSummary: Locator;

	constructor(readonly page: Page) {
		this.email = page.getByLabel('Email address');
		this.password = page.getByLabel('Password', { exact: true });
		this.submit = page.getByRole('button', { name: 'Sign in' });
		this.errorSummary = page.getByRole('heading', { name: 'There is a problem' }).locator('..');
	}

	async goto(returnTo?: string) {
		await this.page.goto(
			returnTo ? `/sign-in?returnTo=${encodeURIComponent(returnTo)}` : '/sign-in'
		);
	}

	async signInAs(account: { email: string; password: string }) {
		await this.email.fill(account.email);
		await this.password.fill(account.password);
		await this.submit.click();
	}

	/**
	 * A sign-in the server refuses, waiting for its answer: the form is a plain POST, and filling
	 * the next attempt before the refusal has loaded types into the old page, whose submission the
	 * new page then replaces (an attempt lost, so a lock-out never comes on a busy machine).
	 */
	async signInRefused(account: { email: string; password: string }) {
		await this.signInAs(account);
		await expect(this.password).toHaveValue('');
		await expect(this.errorSummary).toBeVisible();
	}
}

/** Signs in from the sign-in page and waits to land somewhere else. */
export async function signIn(page: Page, account: { email: string; password: string }) {
	const signInPage = new SignInPage(page);
	await signInPage.goto();
	await signInPage.signInAs(account);
	await page.waitForURL((url) => url.pathname !== '/sign-in');
}
