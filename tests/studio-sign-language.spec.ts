import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';
import { StudioEditorPage } from './pages/studio-editor-page';
import { OwnServer } from './support/own-server';

/*
 * British Sign Language is only ever a video (PRODUCT.md): a lead who picks Leaflet and British
 * Sign Language is told so, and no such editor opens. Its own server: it creates a briefing.
 */
const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 48);
test.beforeAll(async () => {
	await server.start();
});
test.afterAll(async () => {
	await server.kill();
});

test('a briefing in British Sign Language is a video only: adding a leaflet in it is refused, named', async ({
	browser
}) => {
	const context = await browser.newContext({ baseURL: server.origin });
	const lead = await context.newPage();
	await signIn(lead, demo.lead);
	const studio = new StudioEditorPage(lead);
	const versionUrl = await studio.createBriefing('Signs of a fall', 'signs-of-a-fall');

	await lead.getByLabel('Format', { exact: true }).selectOption({ label: 'Leaflet' });
	await lead
		.getByLabel('Language', { exact: true })
		.selectOption({ label: 'British Sign Language' });
	await lead.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(studio.errorSummary).toContainText(
		'British Sign Language is given only as a video: choose Video, or another language'
	);
	await expect(studio.errorSummary).toBeFocused();
	await expectNoAxeViolations(lead);
	// Nor does its editor open from an address typed or kept.
	const typed = await lead.goto(`${versionUrl}/leaflet/bfi`);
	expect(typed?.status()).toBe(404);

	// A video in it opens its editor.
	await lead.goto(versionUrl);
	await studio.addVariant('Video', 'British Sign Language');
	await expect(lead).toHaveURL(/\/v\/1\/video\/bfi$/);
	await context.close();
});
