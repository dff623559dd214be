import type { Locator, Page } from '@playwright/test';

/** /admin/sso: the organisation's OpenID provider. */
export class SsoAdminPage {
	readonly issuer: Locator;
	readonly clientId: Locator;
	readonly clientSecret: Locator;
	readonly privateKeyJwt: Locator;
	readonly privateKey: Locator;
	readonly allowedDomains: Locator;
	readonly groupClaim: Locator;
	readonly groupsAndRoles: Locator;
	readonly enabled: Locator;
	readonly save: Locator;
	readonly testDiscovery: Locator;
	readonly errorSummary: Locator;

	constructor(readonly page: Page) {
		this.issuer = page.getByLabel('Issuer URL');
		this.clientId = page.getByLabel('Client ID');
		this.clientSecret = page.getByLabel('Client secret', { exact: true });
		this.privateKeyJwt = page.getByLabel('Private key JWT (private_key_jwt)', { exact: false });
		this.privateKey = page.getByLabel('Your own private key (optional)');
		this.allowedDomains = page.getByLabel('Allowed email domains');
		this.groupClaim = page.getByLabel('Group claim (optional)');
		this.groupsAndRoles = page.getByLabel('Groups and roles (optional)');
		this.enabled = page.getByLabel('Let staff sign in with single sign-on');
		this.save = page.getByRole('button', { name: 'Save' });
		this.testDiscovery = page.getByRole('button', { name: 'Test discovery' });
		this.errorSummary = page.getByRole('heading', { name: 'There is a problem' }).locator('..');
	}

	async goto(lang?: string) {
		await this.page.goto(lang ? `/admin/sso?lang=${lang}` : '/admin/sso');
	}
}

/** Signing in through the organisation's provider, from the toolkit's sign-in page. */
export async function signInWithProvider(page: Page, organisation: string, login: string) {
	await page.goto('/sign-in');
	await page.getByRole('link', { name: `Continue with ${organisation}` }).click();
	// oidc-provider's own development sign-in page: any login name, any password.
	await page.getByPlaceholder('Enter any login').fill(login);
	await page.getByPlaceholder('and password').fill('any password');
	await page.getByRole('button', { name: 'Sign-in' }).click();
}
