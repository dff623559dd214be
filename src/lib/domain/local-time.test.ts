import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	canonicalTimeZone,
	DEFAULT_TIME_ZONE,
	hoursInLocalDay,
	localDay,
	LocalDays,
	offsetMinutes,
	startOfLocalDay,
	TimeZone
} from './local-time';
import { periodOf, weekStartOf } from './measurement/period';

const LONDON = 'Europe/London';

/** Every local day met stepping an hour at a time through [from, to). */
function daysHourByHour(from: string, to: string, zone: string): Map<string, number> {
	const hours = new Map<string, number>();
	for (let t = Date.parse(from); t < Date.parse(to); t += 3_600_000) {
		const day = localDay(new Date(t), zone);
		hours.set(day, (hours.get(day) ?? 0) + 1);
	}
	return hours;
}

describe('localDay in Europe/London', () => {
	it('is the UTC date in winter (GMT)', () => {
		expect(localDay('2026-01-12T00:30:00Z', LONDON)).toBe('2026-01-12');
		expect(localDay('2026-01-11T23:59:59.999Z', LONDON)).toBe('2026-01-11');
	});

	it('puts 00:30 BST on a Monday in that Monday, and so in its week (March change)', () => {
		// Clocks went forward at 01:00 UTC on Sunday 29 March 2026; Monday 30 March is BST.
		const record = '2026-03-29T23:30:00.000Z'; // 00:30 BST, Monday 30 March
		expect(record.slice(0, 10)).toBe('2026-03-29'); // the UTC date: the Sunday before
		expect(localDay(record, LONDON)).toBe('2026-03-30');
		expect(weekStartOf(localDay(record, LONDON))).toBe('2026-03-30');
		expect(weekStartOf(record.slice(0, 10))).toBe('2026-03-23'); // what UTC got wrong
	});

	it('puts a record in the first hour of a BST month in that month', () => {
		expect(localDay('2026-06-30T23:15:00Z', LONDON)).toBe('2026-07-01');
		expect(periodOf(localDay('2026-06-30T23:15:00Z', LONDON), 'month')).toBe('2026-07');
	});

	it('handles the instants either side of the spring-forward gap', () => {
		expect(localDay('2026-03-29T00:59:59Z', LONDON)).toBe('2026-03-29'); // 00:59:59 GMT
		expect(localDay('2026-03-29T01:00:00Z', LONDON)).toBe('2026-03-29'); // 02:00 BST
		expect(offsetMinutes('2026-03-29T00:59:59Z', LONDON)).toBe(0);
		expect(offsetMinutes('2026-03-29T01:00:00Z', LONDON)).toBe(60);
	});

	it('puts 00:30 UTC on the October change day in that Sunday (01:30 BST)', () => {
		// Clocks went back at 01:00 UTC on Sunday 25 October 2026.
		expect(localDay('2026-10-25T00:30:00Z', LONDON)).toBe('2026-10-25');
		expect(offsetMinutes('2026-10-25T00:30:00Z', LONDON)).toBe(60);
		// The repeated hour, 01:00–02:00 local, happens twice and both times on the Sunday.
		expect(localDay('2026-10-25T01:30:00Z', LONDON)).toBe('2026-10-25');
		expect(offsetMinutes('2026-10-25T01:30:00Z', LONDON)).toBe(0);
		// 23:30 UTC on the Saturday before is 00:30 BST on the Sunday.
		expect(localDay('2026-10-24T23:30:00Z', LONDON)).toBe('2026-10-25');
		// And 23:30 UTC on the Sunday is 23:30 GMT: still the Sunday, in the same ISO week.
		expect(localDay('2026-10-25T23:30:00Z', LONDON)).toBe('2026-10-25');
		expect(weekStartOf('2026-10-25')).toBe('2026-10-19');
	});

	it('has a 23-hour day in March and a 25-hour day in October', () => {
		expect(hoursInLocalDay('2026-03-29', LONDON)).toBe(23);
		expect(hoursInLocalDay('2026-10-25', LONDON)).toBe(25);
		expect(hoursInLocalDay('2026-03-30', LONDON)).toBe(24);
		// Counted the other way: stepping an hour at a time, each day gets exactly its hours.
		const hours = daysHourByHour('2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z', LONDON);
		expect(hours.get('2026-03-29')).toBe(23);
		expect(hours.get('2026-03-30')).toBe(24);
		const autumn = daysHourByHour('2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z', LONDON);
		expect(autumn.get('2026-10-25')).toBe(25);
		expect(autumn.get('2026-10-26')).toBe(24);
	});

	it('starts each day at local midnight', () => {
		expect(startOfLocalDay('2026-01-12', LONDON)).toBe('2026-01-12T00:00:00.000Z');
		expect(startOfLocalDay('2026-03-29', LONDON)).toBe('2026-03-29T00:00:00.000Z');
		expect(startOfLocalDay('2026-03-30', LONDON)).toBe('2026-03-29T23:00:00.000Z');
		expect(startOfLocalDay('2026-10-25', LONDON)).toBe('2026-10-24T23:00:00.000Z');
		expect(startOfLocalDay('2026-10-26', LONDON)).toBe('2026-10-26T00:00:00.000Z');
	});
});

describe('localDay in other zones', () => {
	it('follows the southern hemisphere (Australia/Sydney, summer time in January)', () => {
		// AEDT is UTC+11: 14:00 UTC on 11 January is 01:00 on 12 January.
		expect(localDay('2026-01-11T14:00:00Z', 'Australia/Sydney')).toBe('2026-01-12');
		expect(localDay('2026-01-11T12:59:59Z', 'Australia/Sydney')).toBe('2026-01-11');
		// Sydney's clocks go back on 5 April 2026 and forward on 4 October 2026.
		expect(hoursInLocalDay('2026-04-05', 'Australia/Sydney')).toBe(25);
		expect(hoursInLocalDay('2026-10-04', 'Australia/Sydney')).toBe(23);
	});

	it('follows a zone behind UTC with a half-hour offset (America/St_Johns)', () => {
		// NST is UTC−3:30: 02:00 UTC on 12 January is 22:30 on 11 January.
		expect(localDay('2026-01-12T02:00:00Z', 'America/St_Johns')).toBe('2026-01-11');
		expect(localDay('2026-01-12T03:30:00Z', 'America/St_Johns')).toBe('2026-01-12');
		expect(offsetMinutes('2026-01-12T03:30:00Z', 'America/St_Johns')).toBe(-210);
		expect(startOfLocalDay('2026-01-12', 'America/St_Johns')).toBe('2026-01-12T03:30:00.000Z');
	});

	it('gives the UTC date in UTC', () => {
		expect(localDay('2026-03-29T23:30:00Z', 'UTC')).toBe('2026-03-29');
	});

	it('refuses what is not an instant', () => {
		expect(() => localDay('yesterday', LONDON)).toThrow(RangeError);
	});
});

describe('TimeZone', () => {
	it('defaults to Europe/London and accepts IANA names, stored canonically', () => {
		expect(TimeZone.parse(DEFAULT_TIME_ZONE)).toBe('Europe/London');
		expect(TimeZone.parse('europe/london')).toBe('Europe/London');
		expect(TimeZone.parse('Europe/Gibraltar')).toBe('Europe/Gibraltar');
		expect(canonicalTimeZone('UTC')).toBe('UTC');
	});

	it('refuses names Intl does not know, offsets and junk, naming the error', () => {
		for (const bad of ['Europe/Narnia', '+01:00', 'GMT+1 ', '', 'Europe/London; drop table']) {
			const result = TimeZone.safeParse(bad);
			expect(result.success, bad).toBe(false);
			expect(result.error?.issues[0]?.message).toBe('organisation.errors.timeZone');
		}
	});
});

describe('LocalDays', () => {
	// Zones with summer time at 01:00 UTC (London), at half past (St John's, Lord Howe's
	// half-hour shift), at a minute past local midnight (Gaza, some years) and none (Kolkata).
	const zones = [
		LONDON,
		'America/St_Johns',
		'Australia/Lord_Howe',
		'Asia/Gaza',
		'Pacific/Chatham',
		'Asia/Kolkata'
	];
	const from = Date.parse('2009-01-01T00:00:00Z');
	const to = Date.parse('2031-01-01T00:00:00Z');

	it('gives the same day as localDay for any instant, across clock changes', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...zones),
				fc.array(fc.integer({ min: from, max: to }), { minLength: 1, maxLength: 50 }),
				(zone, instants) => {
					const days = new LocalDays(zone);
					for (const t of instants) expect(days.of(new Date(t))).toBe(localDay(new Date(t), zone));
				}
			)
		);
	});

	it('gives the same day as localDay minute by minute through a night of clock changes', () => {
		for (const [zone, night] of [
			[LONDON, '2026-03-29T00:00:00Z'],
			[LONDON, '2026-10-25T00:00:00Z'],
			['America/St_Johns', '2026-03-08T02:00:00Z'],
			// 00:01 summer time went back to 23:01 the day before: the day changes mid-hour.
			['America/St_Johns', '2010-11-07T01:00:00Z'],
			['Australia/Lord_Howe', '2026-04-04T14:00:00Z']
		] as const) {
			const days = new LocalDays(zone);
			for (let t = Date.parse(night); t < Date.parse(night) + 4 * 3_600_000; t += 60_000)
				expect(days.of(new Date(t)), new Date(t).toISOString()).toBe(localDay(new Date(t), zone));
		}
	});
});
