import { describe, expect, it } from 'vitest';
import { isSmall, protect, recoverable } from './cells';
import { mayExportRecords, rateShown, seesRawCounts } from './rules';

describe('small numbers', () => {
	it('counts 1 to 4 as small, and neither 0 nor 5', () => {
		expect([0, 1, 2, 3, 4, 5, 120].map(isSmall)).toEqual([
			false,
			true,
			true,
			true,
			true,
			false,
			false
		]);
	});

	it('shows raw counts only to a lead or admin on screen', () => {
		expect(seesRawCounts('engagementLead', 'screen')).toBe(true);
		expect(seesRawCounts('admin', 'screen')).toBe(true);
		expect(seesRawCounts('clinicalReviewer', 'screen')).toBe(false);
		expect(seesRawCounts('wardStaff', 'screen')).toBe(false);
		expect(seesRawCounts('engagementLead', 'export')).toBe(false);
	});

	it('gives record-level exports to the lead and admin only', () => {
		expect(mayExportRecords('engagementLead')).toBe(true);
		expect(mayExportRecords('admin')).toBe(true);
		expect(mayExportRecords('clinicalReviewer')).toBe(false);
		expect(mayExportRecords('wardStaff')).toBe(false);
	});

	it('hides a rate whose numerator, rest or denominator is small, or whose denominator is hidden', () => {
		expect(rateShown(3, 10)).toBe(false);
		expect(rateShown(8, 10)).toBe(false); // two were not
		expect(rateShown(10, 4)).toBe(false);
		expect(rateShown(0, 10)).toBe(true);
		expect(rateShown(10, 10)).toBe(true);
		expect(rateShown(6, 20, true)).toBe(false);
		expect(rateShown(0, 0)).toBe(false);
	});
});

describe('secondary suppression', () => {
	it('hides a second count in a row so the first cannot be worked back from the total', () => {
		const values = new Map([
			['a', 3],
			['b', 7],
			['c', 12],
			['total', 22]
		]);
		const lines = [{ total: 'total', parts: ['a', 'b', 'c'] }];
		expect(recoverable(lines, new Set(['a']))).toEqual(['a']);
		expect([...protect(values, lines)].sort()).toEqual(['a', 'b']);
	});

	it('follows a hidden count into its column', () => {
		// 3 | 7 | 10        The 7 hidden for the first row leaves it alone in its column
		// 9 | 8 | 17        unless another count there is hidden too.
		// 12 | 15 | 27
		const values = new Map([
			['a', 3],
			['b', 7],
			['r1', 10],
			['c', 9],
			['d', 8],
			['r2', 17],
			['k1', 12],
			['k2', 15],
			['g', 27]
		]);
		const lines = [
			{ total: 'r1', parts: ['a', 'b'] },
			{ total: 'r2', parts: ['c', 'd'] },
			{ total: 'k1', parts: ['a', 'c'] },
			{ total: 'k2', parts: ['b', 'd'] },
			{ total: 'g', parts: ['k1', 'k2'] },
			{ total: 'g', parts: ['r1', 'r2'] }
		];
		const hidden = protect(values, lines);
		expect([...hidden].sort()).toEqual(['a', 'b', 'c', 'd']);
		expect(recoverable(lines, hidden)).toEqual([]);
	});
});
