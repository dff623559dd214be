import { afterEach, describe, expect, it, vi } from 'vitest';
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
			cacheName: 'precache-test',
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
	const install = async (pictures: string | null = null) => {
		let ended = false;
		const installed = installShell(controller, event, pictures).finally(() => (ended = true));
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

	describe('with the shell’s pictures in one file', () => {
		const picturesUrl = `${origin}/_app/immutable/shell/pictures.0123456789ab.json`;
		const files = new Map([
			[`${origin}/symbols/bed.svg`, `${origin}/symbols/bed.svg?__WB_REVISION__=r1`],
			[`${origin}/symbols/eye.svg`, `${origin}/symbols/eye.svg?__WB_REVISION__=r2`],
			[`${origin}/offline/en`, `${origin}/offline/en?__WB_REVISION__=r3`]
		]);

		/** The file served as `body` (or the fetch failing), and the cache it is kept in. */
		function serve(body: unknown | Error) {
			const kept = new Map<string, Response>();
			const fetched: string[] = [];
			vi.stubGlobal('fetch', async (url: string) => {
				fetched.push(url);
				if (body instanceof Error) throw body;
				return Response.json(body);
			});
			vi.stubGlobal('caches', {
				open: async (name: string) => {
					expect(name).toBe('precache-test');
					return { put: async (key: string, response: Response) => kept.set(key, response) };
				}
			});
			return { kept, fetched };
		}
		afterEach(() => vi.unstubAllGlobals());

		it('keeps each picture under its key from the one file, and fetches only the rest', async () => {
			const { kept, fetched } = serve({
				pictures: [
					{ url: '/symbols/bed.svg', revision: 'r1', body: '<svg>bed</svg>' },
					// At another revision (a server of another version answered): fetched alone.
					{ url: '/symbols/eye.svg', revision: 'old', body: '<svg>old eye</svg>' },
					// Not in this shell: not kept.
					{ url: '/symbols/gone.svg', revision: 'r9', body: '<svg>gone</svg>' }
				]
			});
			const { install, asked } = controllerOf(files);

			await install(picturesUrl);

			expect(fetched).toEqual([picturesUrl]);
			expect([...kept.keys()]).toEqual([`${origin}/symbols/bed.svg?__WB_REVISION__=r1`]);
			const bed = kept.get(`${origin}/symbols/bed.svg?__WB_REVISION__=r1`);
			expect(bed?.headers.get('content-type')).toBe('image/svg+xml');
			expect(await bed?.text()).toBe('<svg>bed</svg>');
			expect(asked.map((a) => a.url).sort()).toEqual([
				`${origin}/offline/en`,
				`${origin}/symbols/eye.svg`
			]);
		});

		it('fetches every picture alone when the file cannot be had or read', async () => {
			for (const body of [new Error('offline'), { pictures: 'not a list' }]) {
				const { kept } = serve(body);
				const { install, asked } = controllerOf(files);
				await install(picturesUrl);
				expect(kept.size).toBe(0);
				expect(asked.map((a) => a.url).sort()).toEqual([...files.keys()].sort());
			}
		});
	});
});
