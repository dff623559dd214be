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

/**
 * Signs in for a journey whose subject is what comes after: the sign-in form's own request (the
 * same POST, password check, throttle and session cookie, in the page's browser context), then
 * the page the server sends that person to, loaded. Not the sign-in page itself: its journeys
 * (sign-in.spec.ts, sso.spec.ts) type into it, and loading it before each of about a hundred other
 * journeys cost a second each on a slow CI machine (docs/testing.md).
 */
export async function signIn(
	page: Page,
	account: { email: string; password: string },
	/** The page to open once signed in, instead of the one the server sends that person to. */
	open?: string
) {
	// The context's own origin (its baseURL), which the form's POST must come from.
	const origin = new URL((await page.request.head('/api/health')).url()).origin;
	const response = await page.request.post('/sign-in', {
		form: { email: account.email, password: account.password },
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	const home = response.headers()['location'];
	if (response.status() !== 303 || !home)
		throw new Error(
			`Signing in as ${account.email} was answered ${response.status()}, not sent on`
		);
	await page.goto(open ?? home);
}
