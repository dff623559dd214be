import { describe, expect, it } from 'vitest';
import type { PrecacheController } from 'workbox-precaching';
import { FILES_AT_ONCE, installShell } from './install-shell';

const origin = 'https://toolkit.example';

/** Files as the controller keys them: a revision in the key, or the URL alone. */
function shellOf(count: number) {
	return new Map(
		Array.from({ length: count }, (_, i) =>
			i % 2
				? [`${origin}/offline/l${i}`, `${origin}/offline/l${i}?__WB_REVISION__=r${i}`]
				: [`${origin}/_app/immutable/chunks/c${i}.js`, `${origin}/_app/immutable/chunks/c${i}.js`]
		)
	);
}

/**
 * A controller whose strategy answers each file when the test says so: what it was asked for,
 * and how many were in flight at most.
 */
function controllerOf(files: Map<string, string>, fail?: string) {
	const event = {} as ExtendableEvent;
	const asked: Array<{ url: string; cache: RequestCache; cacheKey: string }> = [];
	const waiting: Array<() => void> = [];
	let inFlight = 0;
	let most = 0;
	const controller = {
		getURLsToCacheKeys: () => files,
		getIntegrityForCacheKey: () => undefined,
		strategy: {
			handleAll({ request, params }: { request: Request; params: { cacheKey: string } }) {
				asked.push({ url: request.url, cache: request.cache, cacheKey: params.cacheKey });
				most = Math.max(most, ++inFlight);
				const done = new Promise<void>((resolve, reject) =>
					waiting.push(() => {
						inFlight--;
						if (request.url === fail) reject(new Error(`bad-precaching-response ${fail}`));
						else resolve();
					})
				);
				return [done, done];
			}
		}
	} as unknown as PrecacheController;
	/** Installs, answering the files asked for, a round at a time, until the install ends. */
	const install = async () => {
		let ended = false;
		const installed = installShell(controller, event).finally(() => (ended = true));
		installed.catch(() => {});
		while (!ended) {
			// A task later: the install has asked for all it will before these are answered.
			await new Promise((resolve) => setTimeout(resolve));
			for (const answer of waiting.splice(0)) answer();
		}
		return installed;
	};
	return { install, asked, most: () => most };
}

describe('installing the shell', () => {
	it('fetches every file, a few at a time rather than one after another', async () => {
		const files = shellOf(20);
		const { install, asked, most } = controllerOf(files);
		await install();
		expect(asked.map((a) => a.url).sort()).toEqual([...files.keys()].sort());
		expect(most()).toBe(FILES_AT_ONCE);
	});

	it('fetches a file with a revision past the HTTP cache, and one named by its hash from it', async () => {
		const files = shellOf(2);
		const { install, asked } = controllerOf(files);
		await install();
		expect(asked).toEqual([
			{
				url: `${origin}/_app/immutable/chunks/c0.js`,
				cache: 'default',
				cacheKey: `${origin}/_app/immutable/chunks/c0.js`
			},
			{
				url: `${origin}/offline/l1`,
				cache: 'reload',
				cacheKey: `${origin}/offline/l1?__WB_REVISION__=r1`
			}
		]);
	});

	it('fails when any file fails, so a worker missing part of the shell never becomes active', async () => {
		const files = shellOf(10);
		const { install, asked } = controllerOf(files, `${origin}/offline/l3`);
		await expect(install()).rejects.toThrow('bad-precaching-response');
		expect(asked.length).toBeLessThan(files.size);
	});
});
