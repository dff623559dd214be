import { describe, expect, it } from 'vitest';
import {
	AggregatePayload,
	discloseReceived,
	formatFingerprint,
	measureRows,
	signedBytes
} from './region-aggregates';

const payload = {
	kind: 'nhs-safety-briefing-aggregates',
	version: 1,
	organisation: { id: '0190a5c4-0000-7000-8000-000000000001', name: 'Northfield' },
	period: '2026-10',
	issuedAt: '2026-11-26T09:00:00.000Z',
	measures: {
		formatFit: [{ period: '2026-10', numerator: 30, denominator: 40, withheld: false }],
		coverage: [
			{ period: '2026-10', numerator: 40, denominator: 50, withheld: false },
			{ period: '2026-09', numerator: null, denominator: null, withheld: true }
		]
	}
} as const;

describe('AggregatePayload', () => {
	it('reads a well-formed payload', () => {
		expect(AggregatePayload.safeParse(payload).success).toBe(true);
	});

	it('refuses a month after the file’s, a month twice, more given than asked, a hidden month with its figure, and no measures', () => {
		const accepted = (measures: unknown) =>
			AggregatePayload.safeParse({ ...payload, measures }).success;
		const row = { period: '2026-10', numerator: 1, denominator: 2, withheld: false };
		expect(accepted({ coverage: [{ ...row, period: '2026-11' }] })).toBe(false);
		expect(accepted({ coverage: [row, row] })).toBe(false);
		expect(accepted({ coverage: [{ ...row, numerator: 3 }] })).toBe(false);
		expect(accepted({ coverage: [{ ...row, withheld: true }] })).toBe(false);
		expect(accepted({})).toBe(false);
		expect(accepted({ deliveries: [row] })).toBe(false);
	});
});

describe('signedBytes', () => {
	it('is the same whatever order the keys came in (RFC 8785)', () => {
		const reordered = JSON.parse(
			JSON.stringify(Object.fromEntries(Object.entries(payload).reverse()))
		);
		expect(Object.keys(reordered)[0]).toBe('measures');
		expect(signedBytes(reordered)).toEqual(signedBytes(AggregatePayload.parse(payload)));
	});
});

describe('discloseReceived', () => {
	it('hides a month whose figures or remainder are from 1 to 4, and keeps the rest', () => {
		const { rows, hidden } = discloseReceived([
			{ period: '2026-07', numerator: 4, denominator: 40, withheld: false },
			{ period: '2026-08', numerator: 38, denominator: 40, withheld: false },
			{ period: '2026-09', numerator: 0, denominator: 3, withheld: false },
			{ period: '2026-10', numerator: 30, denominator: 40, withheld: false },
			{ period: '2026-11', numerator: 0, denominator: 0, withheld: false }
		]);
		expect(hidden).toBe(3);
		expect(rows.map((r) => r.withheld)).toEqual([true, true, true, false, false]);
		expect(rows[0]).toEqual({
			period: '2026-07',
			numerator: null,
			denominator: null,
			withheld: true
		});
	});
});

describe('the rest', () => {
	it('groups a fingerprint in fours and puts measures in their usual order, months in order', () => {
		expect(formatFingerprint('ab12cd34ef56')).toBe('AB12 CD34 EF56');
		const rows = measureRows(AggregatePayload.parse(payload));
		expect(rows.map((r) => r.measure)).toEqual(['coverage', 'formatFit']);
		expect(rows[0]?.rows.map((r) => r.period)).toEqual(['2026-09', '2026-10']);
	});
});
