import { isVideoKept, keepVideo } from '../offline-media';

/** "Keep for offline": the video stays on the phone and plays with no signal. */
export async function enhanceKeepVideo(root: ParentNode): Promise<void> {
	const box = root.querySelector<HTMLElement>('[data-keep-video]');
	const path = box?.dataset.keepVideo;
	const button = box?.querySelector<HTMLButtonElement>('button:not([data-stop])');
	const stop = box?.querySelector<HTMLButtonElement>('button[data-stop]');
	const progress = box?.querySelector('progress');
	const status = box?.querySelector('[role="status"]');
	if (!box || !path || !button || !stop || !progress || !status || !('caches' in window)) return;
	// Kept videos are served by the worker: without one controlling the page, keeping is no use.
	await navigator.serviceWorker?.ready;
	const say = (state: 'kept' | 'failed' | 'stopped' | '') =>
		(status.textContent =
			box.querySelector<HTMLTemplateElement>(`template[data-state="${state}"]`)?.content
				.textContent ?? '');

	if (await isVideoKept(path)) {
		button.hidden = true;
		say('kept');
	}
	let controller: AbortController | null = null;
	stop.addEventListener('click', () => controller?.abort());
	button.addEventListener('click', async () => {
		// A video is tens of megabytes: the bar shows how far it has got, and Stop ends it.
		controller = new AbortController();
		button.hidden = true;
		progress.removeAttribute('value');
		progress.hidden = stop.hidden = false;
		say('');
		try {
			await keepVideo(path, {
				signal: controller.signal,
				onProgress: (loaded, total) => {
					if (!total) return;
					progress.max = total;
					progress.value = loaded;
				}
			});
			say('kept');
		} catch {
			button.hidden = false;
			say(controller.signal.aborted ? 'stopped' : 'failed');
		} finally {
			progress.hidden = stop.hidden = true;
			controller = null;
		}
	});
	box.hidden = false;
}
