import type { TransitionConfig } from 'svelte/transition';

/**
 * An outro for a step that carries a video: Svelte keeps the step a frame or two after what
 * replaces it has been drawn, then removes it. Removing a video that has loaded (its player and
 * its controls) costs 1–4 ms on the tablet, and in the flush that shows "Saved" it held that
 * confirmation back (issue #16).
 *
 * Meanwhile the step must look gone. Svelte marks a leaving element `inert` at once (and clears
 * it if the step comes back before it has gone), so the page that uses this outro hides an inert
 * one (the ward page: `.app-leaves-after-paint[inert] { display: none }`), out of its layout, its
 * accessibility tree and its focus order. Its media that play are paused as they leave, as
 * removal would have done (a page in the background may draw its next frame much later): now,
 * and on each later leaving (Svelte asks for this config once per element, and calls `tick`
 * every time).
 */
export function leaveAfterPaint(node: HTMLElement): TransitionConfig {
	const pause = () => {
		// Only one that plays: on one that never loaded, pause() would start choosing its source.
		for (const media of node.querySelectorAll<HTMLMediaElement>('video, audio'))
			if (!media.paused) media.pause();
	};
	pause();
	// Any duration keeps it: Svelte removes it when an animation of that length has finished.
	return { duration: 1, tick: pause };
}
