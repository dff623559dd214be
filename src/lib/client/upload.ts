import { deserialize } from '$app/forms';
import type { ActionResult } from '@sveltejs/kit';

/*
 * A form with a file, posted the way SvelteKit's `enhance` posts it, but through
 * XMLHttpRequest: fetch reports no upload progress, and a 200 MB video on a hospital network
 * takes minutes (issue 17 item 8). The answer is the same ActionResult `enhance` would get, for
 * `applyAction`. Cancelling aborts the request: the server gets an incomplete body and stores
 * nothing.
 */

export interface Progress {
	loaded: number;
	total: number;
	/** When the upload started and when this was reported (ms since the epoch). */
	startedAt: number;
	at: number;
}

export type UploadOutcome =
	{ kind: 'answered'; result: ActionResult } | { kind: 'cancelled' } | { kind: 'failed' };

/** Whether the form's data holds a chosen file (an empty file input sends an empty one). */
export function holdsFile(data: FormData): boolean {
	return [...data.values()].some((value) => value instanceof File && value.size > 0);
}

/** Seconds left at the rate so far; null until there is enough to go on (2 s or 1% sent). */
export function secondsLeft(progress: Progress): number | null {
	const elapsed = progress.at - progress.startedAt;
	if (progress.loaded <= 0 || progress.total <= 0) return null;
	if (elapsed < 2000 && progress.loaded / progress.total < 0.01) return null;
	const rate = progress.loaded / elapsed;
	return Math.max(0, Math.ceil((progress.total - progress.loaded) / rate / 1000));
}

export function postWithProgress(
	action: URL,
	data: FormData,
	onProgress: (progress: Progress) => void,
	signal: AbortSignal
): Promise<UploadOutcome> {
	return new Promise((resolve) => {
		const xhr = new XMLHttpRequest();
		const startedAt = Date.now();
		xhr.open('POST', action);
		// What `enhance` sends, so the action answers with an ActionResult, not a page.
		xhr.setRequestHeader('accept', 'application/json');
		xhr.setRequestHeader('x-sveltekit-action', 'true');
		// The last report says every byte is across, however the browser batched its events.
		xhr.upload.onprogress = xhr.upload.onload = (event) => {
			if (event.lengthComputable)
				onProgress({ loaded: event.loaded, total: event.total, startedAt, at: Date.now() });
		};
		xhr.onload = () => {
			try {
				resolve({ kind: 'answered', result: deserialize(xhr.responseText) });
			} catch {
				resolve({ kind: 'failed' });
			}
		};
		xhr.onerror = () => resolve({ kind: 'failed' });
		xhr.onabort = () => resolve({ kind: 'cancelled' });
		signal.addEventListener('abort', () => xhr.abort(), { once: true });
		xhr.send(data);
	});
}
