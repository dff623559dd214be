import { describe, expect, it } from 'vitest';
import { dateFormatter } from './date-format';

const noWelsh = () => [];
const at = (iso: string) => new Date(iso);

describe('dateFormatter', () => {
	it('names the month in Welsh on a runtime without Welsh data, as one with it does', () => {
		const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeZone: 'Europe/London' };
		const withData = dateFormatter('cy', options);
		const without = dateFormatter('cy', options, noWelsh);
		for (const iso of ['2026-12-07T17:08:00Z', '2026-09-30T23:30:00Z', '2026-05-01T00:00:00Z'])
			expect(without.format(at(iso))).toBe(withData.format(at(iso)));
		expect(without.format(at('2026-12-07T17:08:00Z'))).toBe('7 Rhag 2026');
		// In the organisation's zone: 23:30 UTC on 30 September is 1 October in London.
		expect(without.format(at('2026-09-30T23:30:00Z'))).toBe('1 Hyd 2026');
	});

	it('names months in full, and leaves numbers and times as they are', () => {
		const full = dateFormatter('cy', { month: 'long', year: 'numeric', timeZone: 'UTC' }, noWelsh);
		expect(full.format(at('2026-02-01T00:00:00Z'))).toBe('Chwefror 2026');
		const numeric = dateFormatter(
			'cy',
			{ dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' },
			noWelsh
		);
		expect(numeric.format(at('2026-12-07T17:08:00Z'))).toBe('07/12/2026, 17:08');
	});

	it('is the runtime’s own formatter for any other language', () => {
		const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeZone: 'UTC' };
		expect(dateFormatter('en', options, noWelsh).format(at('2026-12-07T10:00:00Z'))).toBe(
			'7 Dec 2026'
		);
		expect(dateFormatter('ar', options, noWelsh)).toBeInstanceOf(Intl.DateTimeFormat);
	});
});
