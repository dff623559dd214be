import { expect, test, type Page } from '@playwright/test';
import { demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';

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

test('signing out on a shared tablet leaves none of that person’s pages readable offline', async ({
	page,
	context
}) => {
	await signIn(page, demo.ward);
	await waitForServiceWorker(page);
	await page.reload(); // now served through the worker, so it is cached
	await expect(page.getByRole('heading', { level: 1, name: 'Admissions on Ward 7' })).toBeVisible();
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Admissions on Ward 7' })).toBeVisible();
	await context.setOffline(false);

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByText('You have signed out.')).toBeVisible();
	await context.setOffline(true);
	await page.goto('/ward');
	await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
	await expect(page.getByText('Admissions on Ward 7')).toHaveCount(0);
	await context.setOffline(false);
});

test('studio pages, with patients’ comments, are never kept on the device', async ({
	page,
	context
}) => {
	await signIn(page, demo.lead);
	await waitForServiceWorker(page);
	await page.goto('/studio/feedback');
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Patient feedback' })).toBeVisible();
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
	await context.setOffline(false);
});
