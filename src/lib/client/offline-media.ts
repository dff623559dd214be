import pMap from 'p-map';
import type { WardContent } from '$lib/domain/ward-content';

/*
 * Media for the ward's briefings on the device. Captions, posters and uploaded pictures are
 * small and always kept (the service worker's `media` cache); videos are big, so a person
 * chooses which to keep, seeing the space each needs (the `videos` cache, served with range
 * requests so they can be seeked offline).
 */
export const MEDIA_CACHE = 'media';
/** Patient and ward pages seen before (the worker's navigation cache). */
export const PAGES_CACHE = 'pages';
export const VIDEO_CACHE = 'videos';

export interface OfflineVideo {
	path: string;
	/** A video, or a text variant's recorded narration (kept the same way). */
	kind: 'video' | 'audio';
	topic: string;
	languages: string[];
}

/** Every small file the ward's content refers to: captions, posters, uploaded pictures. */
export function smallMediaOf(content: WardContent): string[] {
	const paths = new Set<string>();
	for (const briefing of content.briefings)
		for (const v of briefing.variants) {
			if (v.format === 'video') {
				v.captions.forEach((c) => paths.add(c.path));
				if (v.poster) paths.add(v.poster);
			}
			if (v.format === 'easyRead')
				for (const row of v.rows) if (row.picture.kind === 'upload') paths.add(row.picture.path);
		}
	return [...paths];
}

/** Each uploaded video and recording once, with the briefing and languages it serves. */
export function videosOf(content: WardContent): OfflineVideo[] {
	const videos = new Map<string, OfflineVideo>();
	for (const briefing of content.briefings)
		for (const v of briefing.variants) {
			// One file per video is enough offline: the first the browser can play.
			const source =
				v.format === 'video'
					? v.sources.find((s) => s.kind === 'upload')
					: v.audio && { kind: 'upload' as const, path: v.audio.path };
			if (!source || source.kind !== 'upload') continue;
			const video = videos.get(source.path) ?? {
				path: source.path,
				kind: v.format === 'video' ? 'video' : 'audio',
				topic: briefing.topic,
				languages: []
			};
			video.languages.push(v.language);
			videos.set(source.path, video);
		}
	return [...videos.values()];
}

/**
 * Small files fetched at once: on weak Wi-Fi one after another waited a round trip each. Half a
 * browser's connections to one server: on a new tablet the worker is fetching the app shell on
 * the others (service-worker/install-shell.ts).
 */
export const SMALL_MEDIA_AT_ONCE = 3;

/**
 * Fetches into the cache whatever small media it does not hold yet. One that fails is skipped
 * (the next page load tries again); resolves with how many are still not kept.
 */
export async function keepSmallMedia(content: WardContent): Promise<number> {
	const cache = await caches.open(MEDIA_CACHE);
	const kept = await pMap(
		smallMediaOf(content),
		async (path) =>
			Boolean(await cache.match(path)) ||
			cache.add(path).then(
				() => true,
				() => false
			),
		{ concurrency: SMALL_MEDIA_AT_ONCE }
	);
	return kept.filter((k) => !k).length;
}

export async function videoSize(path: string): Promise<number | null> {
	const response = await fetch(path, { method: 'HEAD' });
	const length = Number(response.headers.get('content-length'));
	return response.ok && length > 0 ? length : null;
}

export async function isVideoKept(path: string): Promise<boolean> {
	return Boolean(await (await caches.open(VIDEO_CACHE)).match(path));
}

/**
 * Downloads the whole file (no range) and keeps it. With `onProgress`, reports the bytes
 * received as they arrive (of `total`, 0 when the server did not say); aborting `signal`
 * stops the download and keeps nothing (the cache only stores a response read to its end).
 */
export async function keepVideo(
	path: string,
	options: { onProgress?: (loaded: number, total: number) => void; signal?: AbortSignal } = {}
): Promise<void> {
	const response = await fetch(path, { signal: options.signal });
	if (!response.ok) throw new Error(`Could not download ${path}: ${response.status}`);
	const cache = await caches.open(VIDEO_CACHE);
	const { onProgress } = options;
	if (!onProgress || !response.body) return cache.put(path, response);
	const total = Number(response.headers.get('content-length')) || 0;
	const [kept, counted] = response.body.tee();
	const counting = (async () => {
		const reader = counted.getReader();
		let loaded = 0;
		for (;;) {
			const { done, value } = await reader.read();
			if (done) return;
			loaded += value.byteLength;
			onProgress(loaded, total);
		}
	})();
	await Promise.all([
		cache.put(
			path,
			new Response(kept, {
				status: response.status,
				statusText: response.statusText,
				headers: response.headers
			})
		),
		counting
	]);
}

export async function forgetVideo(path: string): Promise<void> {
	await (await caches.open(VIDEO_CACHE)).delete(path);
}
