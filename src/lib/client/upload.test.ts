import { describe, expect, it } from 'vitest';
import { holdsFile, secondsLeft } from './upload';

describe('an upload', () => {
	it('is only for a form holding a chosen file', () => {
		const data = new FormData();
		data.set('title', 'Falls');
		data.set('video', new File([], ''));
		expect(holdsFile(data)).toBe(false);
		data.set('video', new File(['x'], 'falls.mp4'));
		expect(holdsFile(data)).toBe(true);
	});

	it('says how long is left at the rate so far, once there is enough to go on', () => {
		const startedAt = 1_000_000;
		const mb = 1024 * 1024;
		// Half a second in, 0.5% sent: too early to say.
		expect(secondsLeft({ loaded: mb, total: 200 * mb, startedAt, at: startedAt + 500 })).toBeNull();
		// 20 MB of 200 in 10 s: 180 MB to go at 2 MB/s.
		expect(
			secondsLeft({ loaded: 20 * mb, total: 200 * mb, startedAt, at: startedAt + 10_000 })
		).toBe(90);
		expect(secondsLeft({ loaded: 200 * mb, total: 200 * mb, startedAt, at: startedAt + 1 })).toBe(
			0
		);
		expect(secondsLeft({ loaded: 0, total: 200 * mb, startedAt, at: startedAt + 9000 })).toBeNull();
	});
});
