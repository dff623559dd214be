import { expect, type BrowserContext, type Page, type Worker } from '@playwright/test';

/**
 * The network off for a browser context: its pages and its service worker. Playwright applies
 * this to each of the context's targets in turn, so the worker's own fetches (the ones a journey
 * offline is about) are checked to fail before the journey goes on.
 *
 * The context's workers are read again at each try: a worker still installing when the network
 * goes cannot fetch its precache, so it is dropped (redundant) and closes, and a closed worker
 * fetches nothing, so there is nothing left of it to wait for.
 */
export async function goOffline(context: BrowserContext): Promise<void> {
	await context.setOffline(true);
	await expect
		.poll(async () => {
			const answers = await Promise.all(context.serviceWorkers().map(fetchFrom));
			return answers.filter((answer) => answer === 'online').length;
		})
		.toBe(0);
}

async function fetchFrom(worker: Worker): Promise<'online' | 'offline' | 'closed'> {
	try {
		return await worker.evaluate(() =>
			fetch('/api/health', { cache: 'no-store' }).then(
				() => 'online' as const,
				() => 'offline' as const
			)
		);
	} catch (error) {
		if (isClosed(error)) return 'closed';
		throw error;
	}
}

/** Playwright's error for a target that has gone: the worker stopped or was dropped. */
const isClosed = (error: unknown) =>
	error instanceof Error && /Target .*closed|has been closed/.test(error.message);

/**
 * Waits until a service worker controls the page (it has kept what it needs and claimed the
 * page), so the page survives going offline. A ward page says so itself: WardPage's
 * `waitForOfflineReady`.
 */
export async function workerControls(page: Page): Promise<void> {
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}
