import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VariantOf } from '$lib/domain/briefing';
import type { WardContent } from '$lib/domain/ward-content';
import { keepSmallMedia, keepVideo, SMALL_MEDIA_AT_ONCE, videosOf } from './offline-media';

const upload = (name: string, ext: string) => `/uploads/${name.repeat(64)}.${ext}`;

describe('videosOf', () => {
	it('lists each video and each recording once, with the languages it serves', () => {
		const briefing = (variants: WardContent['briefings'][number]['variants']) =>
			({ topic: 'Falls', variants }) as WardContent['briefings'][number];
		const leaflet = (language: 'en' | 'so', path: string): VariantOf<'leaflet'> => ({
			format: 'leaflet',
			language,
			translationChecked: false,
			title: 'Falls',
			sections: [],
			contact: '',
			audio: { path, mimeType: 'audio/mpeg', durationSeconds: 60 }
		});
		const content = {
			briefings: [
				briefing([
					{
						format: 'video',
						language: 'bfi',
						translationChecked: false,
						title: 'Falls',
						sources: [{ kind: 'upload', path: upload('v', 'mp4'), mimeType: 'video/mp4' }],
						captions: [],
						transcript: '',
						poster: null,
						durationSeconds: 20
					},
					leaflet('en', upload('a', 'mp3')),
					leaflet('so', upload('b', 'mp3'))
				])
			]
		} as unknown as WardContent;
		expect(videosOf(content)).toEqual([
			{ path: upload('v', 'mp4'), kind: 'video', topic: 'Falls', languages: ['bfi'] },
			{ path: upload('a', 'mp3'), kind: 'audio', topic: 'Falls', languages: ['en'] },
			{ path: upload('b', 'mp3'), kind: 'audio', topic: 'Falls', languages: ['so'] }
		]);
	});
});

describe('keepVideo', () => {
	// The browser's Cache Storage, as far as keepVideo uses it: a put reads the response whole.
	const kept = new Map<string, Uint8Array>();
	const cache = {
		put: async (path: string, response: Response) => {
			kept.set(path, new Uint8Array(await response.arrayBuffer()));
		}
	};
	const served = (chunks: Uint8Array[]) =>
		vi.fn(async (_path: string, init?: RequestInit) => {
			const body = new ReadableStream<Uint8Array>({
				async pull(controller) {
					const next = chunks.shift();
					if (init?.signal?.aborted) controller.error(new DOMException('aborted', 'AbortError'));
					else if (next) controller.enqueue(next);
					else controller.close();
				}
			});
			const length = 10;
			return new Response(body, { headers: { 'content-length': String(length) } });
		});
	afterEach(() => {
		vi.unstubAllGlobals();
		kept.clear();
	});

	it('reports the bytes received as they arrive, then keeps the whole file', async () => {
		vi.stubGlobal('caches', { open: async () => cache });
		vi.stubGlobal('fetch', served([new Uint8Array(4), new Uint8Array(6)]));
		const seen: Array<[number, number]> = [];
		await keepVideo('/uploads/v.mp4', {
			onProgress: (loaded, total) => seen.push([loaded, total])
		});
		expect(seen).toEqual([
			[4, 10],
			[10, 10]
		]);
		expect(kept.get('/uploads/v.mp4')?.length).toBe(10);
	});

	it('keeps nothing when stopped part-way', async () => {
		vi.stubGlobal('caches', { open: async () => cache });
		vi.stubGlobal('fetch', served([new Uint8Array(4), new Uint8Array(6)]));
		const stop = new AbortController();
		const keeping = keepVideo('/uploads/v.mp4', {
			signal: stop.signal,
			onProgress: () => stop.abort()
		});
		await expect(keeping).rejects.toThrow();
		expect(kept.has('/uploads/v.mp4')).toBe(false);
	});
});

describe('keepSmallMedia', () => {
	afterEach(() => {
		vi.unstubAllGlobals();
	});

	/** A ward's content whose one video has these caption files. */
	const withCaptions = (paths: string[]) =>
		({
			briefings: [
				{
					topic: 'Falls',
					variants: [
						{
							format: 'video',
							language: 'en',
							translationChecked: false,
							title: 'Falls',
							sources: [],
							captions: paths.map((path) => ({ language: 'en', path })),
							poster: null
						}
					]
				}
			]
		}) as unknown as WardContent;

	/** A cache holding `held`, whose downloads each wait until the test answers them. */
	function cacheOf(held: string[], failing?: string) {
		const kept = new Set(held);
		const waiting: Array<() => void> = [];
		let inFlight = 0;
		let most = 0;
		const cache = {
			match: async (path: string) => (kept.has(path) ? new Response('') : undefined),
			add: (path: string) => {
				most = Math.max(most, ++inFlight);
				return new Promise<void>((resolve, reject) =>
					waiting.push(() => {
						inFlight--;
						if (path === failing) return reject(new TypeError('Failed to fetch'));
						kept.add(path);
						resolve();
					})
				);
			}
		};
		vi.stubGlobal('caches', { open: async () => cache });
		/** Keeps the content's media, answering the downloads asked for, a round at a time. */
		const keep = async (content: WardContent) => {
			let ended = false;
			const done = keepSmallMedia(content).finally(() => (ended = true));
			while (!ended) {
				await new Promise((resolve) => setTimeout(resolve));
				for (const answer of waiting.splice(0)) answer();
			}
			return done;
		};
		return { keep, kept, most: () => most };
	}

	it('downloads what the device does not hold, a few at a time, past one that fails, and counts it', async () => {
		const paths = Array.from({ length: 12 }, (_, i) => `/uploads/captions-${i}.vtt`);
		const held = '/uploads/captions-0.vtt';
		const failing = '/uploads/captions-5.vtt';
		const { keep, kept, most } = cacheOf([held], failing);
		expect(await keep(withCaptions(paths))).toBe(1);
		expect([...kept].sort()).toEqual(paths.filter((p) => p !== failing).sort());
		expect(most()).toBe(SMALL_MEDIA_AT_ONCE);
	});
});
