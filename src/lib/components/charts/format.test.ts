import { describe, expect, it } from 'vitest';
import { formatNumber, formatPeriod } from './format';

describe('chart formats', () => {
	it('writes weeks and months as the UK does in English and Welsh', () => {
		expect(formatPeriod('2026-11-16', 'en')).toBe('16 Nov 2026');
		expect(formatPeriod('2026-11', 'en')).toBe('Nov 2026');
		expect(formatPeriod('2026-11-16', 'cy')).toMatch(/^16 Tach 2026$/);
	});

	it('writes numbers in the reader’s language, percentages to one decimal place', () => {
		expect(formatNumber(1234.56, 'en', 'percentage')).toBe('1,234.6');
		expect(formatNumber(12.34, 'en', 'count')).toBe('12');
	});
});
