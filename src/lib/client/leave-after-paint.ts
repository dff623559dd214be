import type { TransitionConfig } from 'svelte/transition';

/**
 * An outro for a step that carries a video: the step is hidden at once, and Svelte removes it
 * a frame or two later, once what replaces it has been drawn. Removing a video that has loaded
 * (its player and its controls) costs 1–4 ms on the tablet, and in the flush that shows
 * "Saved" it held that confirmation back (issue #16). Hidden, it is out of the page's layout,
 * its accessibility tree and its focus order, as if gone; a video still playing is paused now,
 * as its removal would have done (a page in the background may draw its next frame much later).
 */
export function leaveAfterPaint(node: HTMLElement): TransitionConfig {
	node.style.display = 'none';
	for (const media of node.querySelectorAll('video, audio')) (media as HTMLMediaElement).pause();
	// Any duration keeps it: Svelte removes it when an animation of that length has finished.
	return { duration: 1 };
}
