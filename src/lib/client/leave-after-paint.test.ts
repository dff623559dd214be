import { describe, expect, it, vi } from 'vitest';
import { leaveAfterPaint } from './leave-after-paint';

describe('leaveAfterPaint', () => {
	it('pauses the step’s media as it leaves, each time, and asks Svelte to keep it a moment', () => {
		const video = { pause: vi.fn() };
		const node = {
			querySelectorAll: (selector: string) => (selector.includes('video') ? [video] : [])
		} as unknown as HTMLElement;
		const config = leaveAfterPaint(node);
		expect(video.pause).toHaveBeenCalledTimes(1);
		expect(config.duration).toBeGreaterThan(0);
		// A later leaving: Svelte reuses the config and calls its tick.
		config.tick?.(0, 1);
		expect(video.pause).toHaveBeenCalledTimes(2);
	});
});
