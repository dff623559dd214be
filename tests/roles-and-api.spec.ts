import { expect, test } from '@playwright/test';
import { demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';

const validGroup = {
	name: 'Maternity',
	description: 'Women and birthing people on the maternity ward.',
	preferredFormats: ['leaflet', 'video'],
	usualLanguages: ['en', 'cy']
};

test('the API answers 401 without a session, and pages send people to sign in', async ({
	page,
	request
}) => {
	const api = await request.get('/api/patient-groups');
	expect(api.status()).toBe(401);
	expect(await api.json()).toMatchObject({ message: 'signInRequired' });

	const post = await request.post('/api/patient-groups', { data: validGroup });
	expect(post.status()).toBe(401);

	await page.goto('/studio');
	await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fstudio$/);
});

test('roles are enforced by the server, not by hiding buttons', async ({ page }) => {
	await signIn(page, demo.ward);
	// Ward staff may not read or write the studio's patient groups through the API…
	expect((await page.request.get('/api/patient-groups')).status()).toBe(403);
	expect((await page.request.post('/api/patient-groups', { data: validGroup })).status()).toBe(403);
	// …nor post a form to an area they cannot use.
	const form = await page.request.post('/admin', {
		form: { anything: 'x' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(form.status()).toBe(403);
	// …nor reach one through an escaped path, which SvelteKit decodes to the studio's route: the
	// hook's own refusal (plain "Forbidden"), before the route's action runs.
	const escaped = await page.request.post('/%73tudio/groups/new', {
		form: { name: 'Escaped group' },
		headers: { origin: new URL(page.url()).origin },
		maxRedirects: 0
	});
	expect(escaped.status()).toBe(403);
	expect(await escaped.text()).toBe('Forbidden');

	// The page says so, under the same signed-in header as the ward's pages (the area's layout,
	// which refused, never brought its stylesheet).
	await page.goto('/studio');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot use this page');
	const account = page.getByRole('navigation', { name: 'Account' }).getByRole('list');
	await expect(account).toHaveCSS('display', 'flex');
	await expect(account.getByRole('listitem').first()).toHaveCSS('list-style-type', 'none');
});

test('a reviewer may read groups but not create them; a lead may', async ({ browser }) => {
	const reviewer = await browser.newPage();
	await signIn(reviewer, demo.reviewer);
	expect((await reviewer.request.get('/api/patient-groups')).status()).toBe(200);
	expect((await reviewer.request.post('/api/patient-groups', { data: validGroup })).status()).toBe(
		403
	);
	await reviewer.close();

	const lead = await browser.newPage();
	await signIn(lead, demo.lead);
	const created = await lead.request.post('/api/patient-groups', { data: validGroup });
	expect(created.status()).toBe(201);
	expect(await created.json()).toMatchObject({ name: 'Maternity', archived: false });
	const groups = await (await lead.request.get('/api/patient-groups')).json();
	expect(groups.map((g: { name: string }) => g.name)).toContain('Maternity');
	await lead.close();
});

test('bad input gets a 400 naming the field, and nothing is stored', async ({ page }) => {
	await signIn(page, demo.lead);
	const before = await (await page.request.get('/api/patient-groups')).json();

	const cases = [
		{ body: { ...validGroup, preferredFormats: ['podcast'] }, field: 'preferredFormats.0' },
		{ body: { ...validGroup, usualLanguages: [] }, field: 'usualLanguages' },
		{ body: { ...validGroup, name: '' }, field: 'name' },
		{ body: { ...validGroup, nhsNumber: '943 476 5919' }, field: 'body' }
	];
	for (const { body, field } of cases) {
		const response = await page.request.post('/api/patient-groups', { data: body });
		expect(response.status(), JSON.stringify(body)).toBe(400);
		const answer = await response.json();
		expect(answer.message).toBe('invalidBody');
		expect(answer.issues.map((i: { field: string }) => i.field)).toContain(field);
	}

	const notJson = await page.request.post('/api/patient-groups', {
		data: '{not json',
		headers: { 'content-type': 'application/json' }
	});
	expect(notJson.status()).toBe(400);

	const after = await (await page.request.get('/api/patient-groups')).json();
	expect(after).toHaveLength(before.length);
});

test('a list’s page number that is no page number is a 400 naming it, on every paged list', async ({
	page
}) => {
	// The organisation's admin reads every one of these lists (records and feedback included).
	await signIn(page, demo.admin);
	for (const list of ['/studio', '/studio/deliveries', '/studio/feedback', '/admin/audit']) {
		for (const bad of ['0', 'two', '-1', '1.5']) {
			const response = await page.request.get(`${list}?page=${bad}`);
			expect(response.status(), `${list}?page=${bad}`).toBe(400);
			// The parameter at fault, named on the error page (as a direction isolate).
			expect(await response.text(), list).toContain('is not right: \u2068page\u2069.');
		}
		expect((await page.request.get(`${list}?page=2`)).status(), list).toBe(200);
	}
});

test('an unknown page is a helpful 404 in the reader’s language', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'ar' });
	const page = await context.newPage();
	const response = await page.goto('/no/such/page');
	expect(response?.status()).toBe(404);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.locator('h1')).not.toHaveText('Page not found');
	await expect(page.locator('h1')).not.toBeEmpty();
	await context.close();
});
