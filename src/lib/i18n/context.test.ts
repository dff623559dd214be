import { describe, expect, it } from 'vitest';
import { formatDateIn } from './context';

describe('formatDateIn', () => {
	it("shows an instant on the organisation's wall clock, not the runtime's or UTC's", () => {
		// 23:30 UTC on Sunday 29 March 2026 is 00:30 BST on Monday 30 March.
		const instant = '2026-03-29T23:30:00.000Z';
		expect(formatDateIn('en', instant, 'time', 'Europe/London')).toBe('00:30');
		expect(formatDateIn('en', instant, 'dateTime', 'Europe/London')).toBe('30/03/2026, 00:30');
		expect(formatDateIn('en', instant, 'date', 'Europe/London')).toBe('30 Mar 2026');
		expect(formatDateIn('en', instant, 'time', 'UTC')).toBe('23:30');
		// Europe/London is the default.
		expect(formatDateIn('en', instant, 'time')).toBe('00:30');
	});

	it('shows a calendar date as written, whatever the zone', () => {
		for (const zone of ['Europe/London', 'America/St_Johns', 'Pacific/Kiritimati'])
			expect(formatDateIn('en', '2026-03-30', 'date', zone)).toBe('30 Mar 2026');
	});

	it('keeps each language, style and zone apart when formatters are reused', () => {
		const instant = '2026-03-29T23:30:00.000Z';
		const asked = [
			['en', 'time', 'Europe/London'],
			['en', 'time', 'Asia/Tokyo'],
			['ar', 'time', 'Europe/London'],
			['en', 'date', 'Europe/London']
		] as const;
		const first = asked.map(([lang, style, zone]) => formatDateIn(lang, instant, style, zone));
		expect(first.slice(0, 2)).toEqual(['00:30', '08:30']);
		expect(new Set(first).size).toBe(asked.length);
		const again = asked.map(([lang, style, zone]) => formatDateIn(lang, instant, style, zone));
		expect(again).toEqual(first);
	});
});
