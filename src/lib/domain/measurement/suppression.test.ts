import { describe, expect, it } from 'vitest';
import { seesRawCounts, showCount, showsRate, SUPPRESSED } from './suppression';

describe('small-count suppression', () => {
	it('shows 1 to 4 as "<5" and leaves 0 and 5 alone', () => {
		expect([0, 1, 2, 3, 4, 5, 120].map((n) => showCount(n, false))).toEqual([
			'0',
			SUPPRESSED,
			SUPPRESSED,
			SUPPRESSED,
			SUPPRESSED,
			'5',
			'120'
		]);
	});

	it('shows raw counts only to a lead or admin on screen', () => {
		expect(showCount(3, true)).toBe('3');
		expect(seesRawCounts('engagementLead', 'screen')).toBe(true);
		expect(seesRawCounts('admin', 'screen')).toBe(true);
		expect(seesRawCounts('clinicalReviewer', 'screen')).toBe(false);
		expect(seesRawCounts('wardStaff', 'screen')).toBe(false);
		expect(seesRawCounts('engagementLead', 'export')).toBe(false);
	});

	it('hides a rate whose counts would be suppressed', () => {
		expect(showsRate(3, 10, false)).toBe(false);
		expect(showsRate(10, 4, false)).toBe(false);
		expect(showsRate(0, 10, false)).toBe(true);
		expect(showsRate(6, null, false)).toBe(true);
		expect(showsRate(3, 10, true)).toBe(true);
	});
});
