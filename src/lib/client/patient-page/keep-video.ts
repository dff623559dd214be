import { isVideoKept, keepVideo } from '../offline-media';

/** "Keep for offline": the video stays on the phone and plays with no signal. */
export async function enhanceKeepVideo(root: ParentNode): Promise<void> {
	const box = root.querySelector<HTMLElement>('[data-keep-video]');
	const path = box?.dataset.keepVideo;
	const button = box?.querySelector('button');
	const status = box?.querySelector('[role="status"]');
	if (!box || !path || !button || !status || !('caches' in window)) return;
	// Kept videos are served by the worker: without one controlling the page, keeping is no use.
	await navigator.serviceWorker?.ready;
	const say = (state: 'kept' | 'failed') =>
		(status.textContent =
			box.querySelector<HTMLTemplateElement>(`template[data-state="${state}"]`)?.content
				.textContent ?? '');

	if (await isVideoKept(path)) {
		button.hidden = true;
		say('kept');
	}
	button.addEventListener('click', async () => {
		button.disabled = true;
		try {
			await keepVideo(path);
			button.hidden = true;
			say('kept');
		} catch {
			say('failed');
		} finally {
			button.disabled = false;
		}
	});
	box.hidden = false;
}
