import { expect, type BrowserContext } from '@playwright/test';

/**
 * The network off for a browser context: its pages and its service worker. Playwright applies
 * this to each of the context's targets in turn, so the worker's own fetches (the ones a journey
 * offline is about) are checked to fail before the journey goes on.
 */
export async function goOffline(context: BrowserContext): Promise<void> {
	await context.setOffline(true);
	for (const worker of context.serviceWorkers())
		await expect
			.poll(() =>
				worker.evaluate(() =>
					fetch('/api/health', { cache: 'no-store' }).then(
						() => 'online',
						() => 'offline'
					)
				)
			)
			.toBe('offline');
}
