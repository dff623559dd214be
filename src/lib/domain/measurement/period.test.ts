import { describe, expect, it } from 'vitest';
import { isMonday, isoWeekLabel, periodOf, periodsBetween, weekStartOf } from './period';

describe('periods', () => {
	it('puts a day in the ISO week that starts on its Monday', () => {
		expect(weekStartOf('2026-11-26')).toBe('2026-11-23'); // Thursday
		expect(weekStartOf('2026-11-23')).toBe('2026-11-23'); // Monday itself
		expect(weekStartOf('2026-11-29')).toBe('2026-11-23'); // Sunday ends the week
		expect(weekStartOf('2027-01-01')).toBe('2026-12-28'); // across a new year
	});

	it('names ISO weeks by the year of their Thursday', () => {
		expect(isoWeekLabel('2026-11-23')).toBe('2026-W48');
		expect(isoWeekLabel('2026-12-28')).toBe('2026-W53');
		expect(isoWeekLabel('2024-12-30')).toBe('2025-W01');
	});

	it('knows a Monday', () => {
		expect(isMonday('2026-11-23')).toBe(true);
		expect(isMonday('2026-11-24')).toBe(false);
	});

	it('lists every period between two days, gaps included', () => {
		expect(periodsBetween('2026-11-10', '2026-11-26', 'week')).toEqual([
			'2026-11-09',
			'2026-11-16',
			'2026-11-23'
		]);
		expect(periodsBetween('2025-11-30', '2026-02-01', 'month')).toEqual([
			'2025-11',
			'2025-12',
			'2026-01',
			'2026-02'
		]);
		expect(periodOf('2026-02-01', 'month')).toBe('2026-02');
	});
});
