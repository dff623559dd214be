import { expect, test, type Page } from '@playwright/test';

/** Waits until the service worker is active and controls the page (clients.claim()). */
async function waitForServiceWorker(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('a page seen before reloads with the network off, served by the worker', async ({
	page,
	context
}) => {
	await page.goto('/b/your-safety-on-our-ward?lang=cy&format=leaflet');
	await waitForServiceWorker(page);
	// Load it once more while controlled, so the worker has it in its pages cache.
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eich diogelwch ar ein ward');

	await context.setOffline(true);
	const response = await page.reload();
	expect(response?.fromServiceWorker()).toBe(true);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eich diogelwch ar ein ward');
	await expect(page.locator('html')).toHaveAttribute('lang', 'cy');

	// A page never opened here gets the offline page from the precache, not a browser error.
	const unseen = await page.goto('/b/preventing-blood-clots');
	expect(unseen?.fromServiceWorker()).toBe(true);
	await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
	await context.setOffline(false);
});

test('the web app manifest and icons are served', async ({ request }) => {
	const manifest = await request.get('/manifest.webmanifest');
	expect(manifest.ok()).toBe(true);
	const body = await manifest.json();
	expect(body).toMatchObject({ display: 'standalone', start_url: '/' });
	for (const icon of body.icons) expect((await request.get(icon.src)).ok(), icon.src).toBe(true);
});
