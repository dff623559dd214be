import { describe, expect, it, vi } from 'vitest';
import { leaveAfterPaint } from './leave-after-paint';

describe('leaveAfterPaint', () => {
	it('hides the step and pauses its video at once, and asks Svelte to keep it a moment', () => {
		const video = { pause: vi.fn() };
		const node = {
			style: { display: '' },
			querySelectorAll: (selector: string) => (selector.includes('video') ? [video] : [])
		} as unknown as HTMLElement;
		const config = leaveAfterPaint(node);
		expect(node.style.display).toBe('none');
		expect(video.pause).toHaveBeenCalledOnce();
		expect(config.duration).toBeGreaterThan(0);
	});
});
