import { expect, test, type Browser } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo, demoOrganisation } from './demo-accounts';
import { signIn } from './pages/sign-in-page';
import { signInWithProvider, SsoAdminPage } from './pages/sso-pages';
import { OidcTestProvider, people, type TokenMode } from './support/oidc-test-provider';
import { OwnServer } from './support/own-server';

/*
 * Single sign-on against a real OpenID provider (oidc-provider) on this machine: the demo
 * organisation's admin sets it up, staff sign in through it, and every way it should refuse
 * (a tampered, expired or wrongly addressed ID token, a replayed state, an email outside the
 * organisation's domain, a person it does not know, a provider that is down) shows the clear
 * refusal page and no session.
 */
const basePort = Number(process.env.E2E_PORT ?? 4173);
const server = new OwnServer(basePort + 18);
const client = {
	id: 'patient-safety-toolkit',
	secret: 'test-provider-client-secret-4d2c',
	redirectUri: `${server.origin}/sign-in/sso/callback`
};
const jwksUri = `${server.origin}/sign-in/sso/${demoOrganisation}/jwks.json`;
const keyClientId = 'patient-safety-toolkit-cis2';
const provider = new OidcTestProvider(basePort + 19, client, { id: keyClientId, jwksUri });
const organisation = 'Northfield Hospitals NHS Trust (demo)';

test.use({ baseURL: server.origin });
// Each sign-in goes through two servers and axe runs in two languages: more than the default.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

test.beforeAll(async () => {
	await provider.start();
	await server.start();
});
test.afterAll(async () => {
	await server.kill();
	await provider.stop();
});

async function freshPage(browser: Browser) {
	const context = await browser.newContext({ baseURL: server.origin });
	return { context, page: await context.newPage() };
}

test('an admin sets up single sign-on, testing discovery first; the secret is never shown back', async ({
	page
}) => {
	await signIn(page, demo.admin);
	await page.getByRole('link', { name: 'Single sign-on' }).click();
	const admin = new SsoAdminPage(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Single sign-on');
	await expect(page.getByText(client.redirectUri)).toBeVisible();
	await expectNoAxeViolations(page);

	await admin.issuer.fill('not a url');
	await admin.save.click();
	await expect(admin.errorSummary).toContainText('Enter the issuer URL, starting with https://');
	await expect(admin.errorSummary).toContainText('Enter the client ID');
	await expect(admin.errorSummary).toContainText('Enter one to ten email domains');
	await expectNoAxeViolations(page);

	// A provider that is not there: said plainly.
	await admin.issuer.fill('http://127.0.0.1:1');
	await admin.testDiscovery.click();
	await expect(page.getByRole('status')).toContainText('The provider could not be used');

	await admin.issuer.fill(provider.issuer);
	await admin.clientId.fill(client.id);
	await admin.testDiscovery.click();
	await expect(page.getByRole('status')).toContainText('The provider answered');
	await expect(page.getByRole('status')).toContainText(`${provider.issuer}/auth`);

	await admin.clientId.fill(client.id);
	await admin.clientSecret.fill(client.secret);
	await admin.allowedDomains.fill('demo.example');
	await admin.groupClaim.fill('groups');
	await admin.groupsAndRoles.fill('toolkit-leads = engagementLead\ntoolkit-admins = admin');
	await admin.enabled.check();
	await admin.save.click();
	await expect(page.getByRole('status')).toHaveText('Single sign-on settings saved.');
	await expect(admin.issuer).toHaveValue(provider.issuer);
	await expect(admin.enabled).toBeChecked();
	expect(await page.content()).not.toContain(client.secret);
	await expect(
		page.getByText('A secret is set. Type a new one to replace it, or leave this empty to keep it.')
	).toBeVisible();
	await expect(admin.clientSecret).toHaveValue('');
});

test('the single sign-on page reads right to left in Arabic', async ({ page }) => {
	await signIn(page, demo.admin);
	const admin = new SsoAdminPage(page);
	await admin.goto('ar');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('تسجيل الدخول الموحّد');
	await expectNoAxeViolations(page);
});

test('a ward nurse the admin added signs in with their NHS account; the same answer replayed is refused', async ({
	page
}) => {
	let callback = '';
	page.on('request', (request) => {
		if (request.url().startsWith(client.redirectUri)) callback = request.url();
	});
	await signInWithProvider(page, organisation, 'ward7');
	await expect(page).toHaveURL(`${server.origin}/ward`);
	expect(callback).toContain('state=');

	// The provider's answer again, in the same browser: its state was used up.
	await page.goto(callback);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'We could not sign you in with your NHS account'
	);
	await expect(page.getByText('This sign-in has already been used')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.goto(`${callback}&lang=ar`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'لم نتمكن من تسجيل دخولك بحسابك في NHS'
	);
	await expectNoAxeViolations(page);
	expect(server.logMessages).toContain('Single sign-on refused: stateUnknown');
});

test('a person in a mapped group gets an account with that group’s role', async ({ page }) => {
	await signInWithProvider(page, organisation, 'newlead');
	await expect(page).toHaveURL(`${server.origin}/studio`);
	// A lead, not an admin: the role came from the group, nothing more.
	await page.goto('/admin');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot use this page');
});

test('the provider’s groups decide the role at every sign-in: promoted, then refused once in none', async ({
	browser
}) => {
	const groups = people.newlead!.groups;
	try {
		people.newlead!.groups = ['everyone', 'toolkit-admins'];
		const promoted = await freshPage(browser);
		await signInWithProvider(promoted.page, organisation, 'newlead');
		await expect(promoted.page).toHaveURL(`${server.origin}/admin`);
		await promoted.page.goto('/admin/audit');
		const row = promoted.page
			.getByRole('row')
			.filter({ hasText: 'Role changed by single sign-on groups' });
		// In words, not the stored JSON.
		await expect(row).toContainText(/Role: [^:]+ → Admin/);
		await promoted.context.close();

		people.newlead!.groups = ['everyone'];
		const removed = await freshPage(browser);
		await signInWithProvider(removed.page, organisation, 'newlead');
		await expect(removed.page.getByRole('heading', { level: 1 })).toHaveText(
			'We could not sign you in with your NHS account'
		);
		await expect(
			removed.page.getByText('no longer puts you in a group that may use this toolkit')
		).toBeVisible();
		expect(server.logMessages).toMatch(/noMappedGroup – account .* holds no mapped group/);
		await removed.page.goto('/studio');
		await expect(removed.page).toHaveURL(/\/sign-in\?returnTo=%2Fstudio$/);
		await removed.context.close();
	} finally {
		people.newlead!.groups = groups;
	}
});

/** `logged`: what the server's log says, so each is refused for its own reason. */
const refusals: Array<{
	name: string;
	login: string;
	mode: TokenMode;
	says: string;
	logged: RegExp;
}> = [
	{
		name: 'a tampered ID token',
		login: 'ward7',
		mode: 'tampered',
		says: 'could not be checked, so it was not trusted',
		logged: /tokenInvalid – .*signature/i
	},
	{
		name: 'an expired ID token',
		login: 'ward7',
		mode: 'expired',
		says: 'had already expired',
		logged: /tokenExpired – .*"exp"/
	},
	{
		name: 'an ID token for another client',
		login: 'ward7',
		mode: 'audience',
		says: 'could not be checked, so it was not trusted',
		logged: /tokenInvalid – .*"aud"/
	},
	{
		name: 'an email outside the allowed domain',
		login: 'outsider',
		mode: null,
		says: 'not at a domain this organisation accepts',
		logged: /emailDomain – email domain elsewhere\.example/
	},
	{
		name: 'a person with no account and no mapped group',
		login: 'stranger',
		mode: null,
		says: 'You do not have an account with this organisation yet.',
		logged: /unknownPerson – no account and no mapped group/
	}
];

for (const refusal of refusals)
	test(`${refusal.name} is refused with the clear page, and no session`, async ({ browser }) => {
		const { context, page } = await freshPage(browser);
		provider.tokenMode = refusal.mode;
		try {
			await signInWithProvider(page, organisation, refusal.login);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				'We could not sign you in with your NHS account'
			);
			expect(server.logMessages).toMatch(refusal.logged);
			await expect(page.getByText(refusal.says)).toBeVisible();
			await page.goto('/ward');
			await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fward$/);
		} finally {
			provider.tokenMode = null;
			await context.close();
		}
	});

test('a provider that does not answer is refused with the clear page', async ({ page }) => {
	await provider.stop();
	try {
		await page.goto('/sign-in');
		await page.getByRole('link', { name: `Continue with ${organisation}` }).click();
		await expect(page.getByText('did not answer')).toBeVisible();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'We could not sign you in with your NHS account'
		);
	} finally {
		await provider.start();
	}
});

test('NHS CIS2’s private_key_jwt: the toolkit makes a key, publishes it, and signs in with it', async ({
	page,
	browser
}) => {
	// Finding an RSA key pair takes seconds on a loaded machine, and axe runs twice.
	test.slow();
	await signIn(page, demo.admin);
	const admin = new SsoAdminPage(page);
	await admin.goto();
	await admin.privateKeyJwt.check();
	await expect(admin.clientSecret).toBeHidden();
	await admin.privateKey.fill('-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----');
	await admin.clientId.fill(keyClientId);
	await admin.save.click();
	await expect(admin.errorSummary).toContainText(
		'Paste a private key in PEM format: RSA, 2048 bits or more'
	);
	await expectNoAxeViolations(page);

	await admin.privateKey.fill('');
	await admin.save.click();
	await expect(page.getByRole('status')).toHaveText('Single sign-on settings saved.');
	await expect(admin.privateKeyJwt).toBeChecked();
	await expect(page.getByText(jwksUri)).toBeVisible();
	const published = await (await page.request.get(jwksUri)).json();
	expect(published.keys).toHaveLength(1);
	expect(published.keys[0]).not.toHaveProperty('d');
	await expect(page.getByText(published.keys[0].kid, { exact: true })).toBeVisible();
	expect(await page.content()).not.toContain('PRIVATE KEY-----');
	await expectNoAxeViolations(page);
	await admin.goto('ar');
	await expectNoAxeViolations(page);

	// The provider knows this client only by its JWKS address: no secret to fall back on.
	const { context, page: nurse } = await freshPage(browser);
	await signInWithProvider(nurse, organisation, 'ward7');
	await expect(nurse).toHaveURL(`${server.origin}/ward`);
	await context.close();
});

test('an install whose SSO_ALLOWED_NETWORKS leaves out loopback refuses a provider there, naming the issuer', async ({
	browser
}) => {
	// Plain http is allowed here, so only the provider's address is refused.
	const strict = new OwnServer(basePort + 52, { SSO_ALLOWED_NETWORKS: '' });
	await strict.start();
	const context = await browser.newContext({ baseURL: strict.origin });
	const addressError =
		/^Enter an issuer URL on the internet: this one leads to a private or local network address/;
	try {
		const page = await context.newPage();
		await signIn(page, demo.admin);
		const admin = new SsoAdminPage(page);
		await admin.goto();
		await admin.issuer.fill(provider.issuer);
		await admin.clientId.fill(client.id);
		await admin.testDiscovery.click();
		// The summary's link leads to the issuer field, which carries the same message.
		await expect(admin.errorSummary.getByRole('link', { name: addressError })).toHaveAttribute(
			'href',
			'#issuer'
		);
		await expect(admin.issuer).toHaveAccessibleDescription(/Enter an issuer URL on the internet/);
		await expect(page.getByText('The provider answered')).toBeHidden();
		await expectNoAxeViolations(page);

		// Saving it is refused the same way.
		await admin.clientSecret.fill(client.secret);
		await admin.allowedDomains.fill('demo.example');
		await admin.save.click();
		await expect(admin.errorSummary.getByRole('link', { name: addressError })).toBeVisible();
		await expect(page.getByText('Single sign-on settings saved.')).toBeHidden();

		// By name too: localhost is looked up, and its loopback answer refused.
		await admin.goto('cy');
		const issuer = page.getByLabel('URL y cyhoeddwr');
		await issuer.fill(`http://localhost:${provider.port}`);
		await page.getByRole('button', { name: 'Profi darganfod' }).click();
		await expect(issuer).toHaveAccessibleDescription(
			/Rhowch URL cyhoeddwr ar y rhyngrwyd: mae hwn yn arwain at gyfeiriad ar rwydwaith preifat/
		);
		await expectNoAxeViolations(page);
	} finally {
		await context.close();
		await strict.kill();
	}
});

test('an install without SSO_ALLOW_INSECURE_ISSUER refuses a provider on plain http', async ({
	browser
}) => {
	const strict = new OwnServer(basePort + 22, { SSO_ALLOW_INSECURE_ISSUER: '0' });
	await strict.start();
	const context = await browser.newContext({ baseURL: strict.origin });
	try {
		const page = await context.newPage();
		await signIn(page, demo.admin);
		const admin = new SsoAdminPage(page);
		await admin.goto();
		await admin.issuer.fill(provider.issuer);
		await admin.testDiscovery.click();
		await expect(admin.errorSummary).toContainText('Enter the issuer URL, starting with https://');
		await expect(page.getByText('The provider answered')).toBeHidden();
	} finally {
		await context.close();
		await strict.kill();
	}
});
