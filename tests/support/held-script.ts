import type { Page } from '@playwright/test';

/**
 * Holds back the page's script, as a slow tablet or connection would, until the returned
 * function is called: the page is shown and can be used before its script has started. Open the
 * page with `waitUntil: 'commit'`, since `load` waits for the held script.
 */
export async function holdPageScript(page: Page): Promise<() => void> {
	let release = () => {};
	const started = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await started;
		await route.continue();
	});
	return release;
}
