import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { briefingPath, demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';
import { StudioEditorPage } from './pages/studio-editor-page';
import { OwnServer } from './support/own-server';

/*
 * Patient pages are rendered once and answered from memory (src/lib/server/patient-pages/):
 * a phone revalidating gets a 304 with no body, and a version published a moment ago is what
 * the very next patient reads — never the page kept from before. A server of this journey's
 * own (it publishes, which the other journeys' ward would see); in the PostgreSQL run it is two
 * app servers behind a round-robin proxy, so the next read may come from the other server's
 * memory.
 */
const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 4);
test.beforeAll(async () => {
	test.setTimeout(180_000);
	await server.start();
});
test.afterAll(async () => {
	await server.kill();
});
test.use({ actionTimeout: 15_000, baseURL: server.origin });

const page = `${briefingPath('preventing-blood-clots')}?lang=en&format=leaflet`;

/** What a phone holding `etag` is answered when it asks again. */
async function revalidate(request: APIRequestContext, etag: string) {
	return request.get(page, { headers: { 'if-none-match': etag }, maxRedirects: 0 });
}

/** The page's tag whatever encoding it came in. */
const untagged = (etag: string | undefined) => etag?.replace(/-(gz|br)"$/, '"');

async function signedIn(browser: Browser, account: { email: string; password: string }) {
	const context = await browser.newContext({ baseURL: server.origin });
	const tab = await context.newPage();
	await signIn(tab, account);
	return tab;
}

test('a phone revalidates the patient page cheaply, and a new version shows at once once published', async ({
	browser,
	request
}) => {
	test.setTimeout(240_000);
	const first = await request.get(page);
	expect(first.status()).toBe(200);
	expect(first.headers()['cache-control']).toBe('no-cache');
	const etag = first.headers()['etag'] ?? '';
	expect(etag).toMatch(/^"[\w-]{32}(-br|-gz)?"$/);
	expect(await first.text()).toContain('Preventing blood clots');

	await test.step('asked again with its tag: 304, no body, the same tag', async () => {
		for (let i = 0; i < 2; i++) {
			const again = await revalidate(request, etag);
			expect(again.status()).toBe(304);
			expect(await again.body()).toHaveLength(0);
			expect(untagged(again.headers()['etag'])).toBe(untagged(etag));
		}
	});

	const title = `Preventing blood clots, revised ${Date.now().toString(36)}`;
	await test.step('a lead revises the leaflet; a reviewer approves; the lead publishes', async () => {
		const lead = await signedIn(browser, demo.lead);
		const studio = new StudioEditorPage(lead);
		await lead.goto('/studio/briefings');
		await lead.getByRole('link', { name: 'Preventing blood clots', exact: true }).click();
		await lead.getByRole('link', { name: 'version 1', exact: true }).click();
		// The briefing's page has the same button: pressed there while the version's page loads,
		// its form's navigation is cancelled when the router arrives at the version.
		await expect(lead).toHaveURL(/\/v\/1$/);
		await lead
			.getByRole('button', { name: 'Start a new draft from the published version' })
			.click();
		await expect(lead).toHaveURL(/\/v\/2$/);
		const versionUrl = lead.url();
		await lead.getByRole('link', { name: 'Edit: Leaflet, en' }).click();
		await studio.field('Title').fill(title);
		await studio.saveAndExpectSaved();
		await lead.goto(versionUrl);
		await studio.takeStep('Submit for review');
		await expect(studio.status()).toHaveText('In review');

		// Still the kept page while the new version is only in review.
		expect((await revalidate(request, etag)).status()).toBe(304);

		const reviewer = await signedIn(browser, demo.reviewer);
		await reviewer.goto(versionUrl);
		await new StudioEditorPage(reviewer).takeStep('Approve');
		await expect(new StudioEditorPage(reviewer).status()).toHaveText('Approved');
		await lead.goto(versionUrl);
		await studio.takeStep('Publish');
		await expect(studio.status()).toHaveText('Published');
	});

	await test.step('the next request gets the new version, with a new tag', async () => {
		const after = await revalidate(request, etag);
		expect(after.status()).toBe(200);
		expect(await after.text()).toContain(title);
		const newTag = after.headers()['etag'] ?? '';
		expect(untagged(newTag)).not.toBe(untagged(etag));
		expect((await revalidate(request, newTag)).status()).toBe(304);
		// A patient's browser reads it too.
		const patient = await (await browser.newContext({ baseURL: server.origin })).newPage();
		await patient.goto(page);
		await expect(patient.getByRole('heading', { level: 1, name: title })).toBeVisible();
	});
});

test('a page carrying a patient’s link token is rendered for that request, never kept', async ({
	request
}) => {
	const token = 'A'.repeat(22);
	const answer = await request.get(`${page}&t=${token}`);
	expect(answer.status()).toBe(200);
	// Not the kept page's answer: no no-cache, no tag of the kept page's form.
	expect(answer.headers()['cache-control']).toBeUndefined();
	expect(answer.headers()['etag'] ?? '').not.toMatch(/^"[\w-]{32}(-br|-gz)?"$/);
	expect(await answer.text()).toContain(`data-token="${token}"`);
	const plain = await request.get(page);
	expect(await plain.text()).not.toContain('data-token');
});
