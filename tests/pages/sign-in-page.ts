import type { Locator, Page } from '@playwright/test';

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
}

/** Signs in from the sign-in page and waits to land somewhere else. */
export async function signIn(page: Page, account: { email: string; password: string }) {
	const signInPage = new SignInPage(page);
	await signInPage.goto();
	await signInPage.signInAs(account);
	await page.waitForURL((url) => url.pathname !== '/sign-in');
}
