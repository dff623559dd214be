import { describe, expect, it } from 'vitest';
import { isoDuration, splitDuration } from './video-duration';

describe('splitDuration', () => {
	it.each([
		[38, { minutes: 0, seconds: 38 }],
		[60, { minutes: 1, seconds: 0 }],
		[125, { minutes: 2, seconds: 5 }],
		[3600, { minutes: 60, seconds: 0 }],
		[59.6, { minutes: 1, seconds: 0 }]
	])('%s s is %o', (total, parts) => {
		expect(splitDuration(total)).toEqual(parts);
	});
});

describe('isoDuration', () => {
	it.each([
		[38, 'PT38S'],
		[60, 'PT1M'],
		[125, 'PT2M5S'],
		[0, 'PT0S']
	])('%s s is %s', (total, iso) => {
		expect(isoDuration(total)).toBe(iso);
	});
});
