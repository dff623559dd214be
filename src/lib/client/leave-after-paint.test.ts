import { describe, expect, it, vi } from 'vitest';
import { leaveAfterPaint } from './leave-after-paint';

describe('leaveAfterPaint', () => {
	it('pauses media that play as the step leaves, each time, and has Svelte keep it a moment', () => {
		const playing = { paused: false, pause: vi.fn(() => (playing.paused = true)) };
		const stopped = { paused: true, pause: vi.fn() };
		const node = {
			querySelectorAll: (selector: string) => (selector.includes('video') ? [playing, stopped] : [])
		} as unknown as HTMLElement;
		const config = leaveAfterPaint(node);
		expect(playing.pause).toHaveBeenCalledTimes(1);
		expect(config.duration).toBeGreaterThan(0);
		// A later leaving (the video played again meanwhile): Svelte reuses the config and calls its
		// tick.
		playing.paused = false;
		config.tick?.(0, 1);
		expect(playing.pause).toHaveBeenCalledTimes(2);
		// One that is not playing is left alone: on a media element that never loaded, pause()
		// would start choosing its source (and a video's, fetching it) as the step goes.
		expect(stopped.pause).not.toHaveBeenCalled();
	});
});
