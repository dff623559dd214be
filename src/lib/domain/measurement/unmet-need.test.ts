import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { discloseUnmetNeed, unmetNeedCsv, unmetNeedView, type UnmetNeedCell } from './unmet-need';

const cells: UnmetNeedCell[] = [
	{ needed: 'pl', given: 'en', records: 9, interpreterUsed: 7, interpreterNotRecorded: 1 },
	{ needed: 'pl', given: 'ro', records: 1, interpreterUsed: 0, interpreterNotRecorded: 1 },
	{ needed: 'so', given: 'en', records: 12, interpreterUsed: 12, interpreterNotRecorded: 0 },
	{ needed: 'ar', given: 'en', records: 3, interpreterUsed: 2, interpreterNotRecorded: 0 }
];
// The organisation has briefings in English, Polish and Arabic, but none in Somali.
const content = new Set(['en', 'pl', 'ar']);

describe('unmetNeedView', () => {
	it('lists every language needed, most records first, with or without content in it', () => {
		expect(unmetNeedView(cells, content)).toEqual([
			{
				needed: 'so',
				records: 12,
				givenIn: ['en'],
				interpreterUsed: 12,
				interpreterNotRecorded: 0,
				hasContent: false
			},
			{
				needed: 'pl',
				records: 10,
				givenIn: ['en', 'ro'],
				interpreterUsed: 7,
				interpreterNotRecorded: 2,
				hasContent: true
			},
			{
				needed: 'ar',
				records: 3,
				givenIn: ['en'],
				interpreterUsed: 2,
				interpreterNotRecorded: 0,
				hasContent: true
			}
		]);
	});

	it('is empty when no record names a language needed', () => {
		expect(unmetNeedView([], content)).toEqual([]);
	});
});

describe('what a reader who is not the lead sees', () => {
	it('withholds counts of 1 to 4 and whatever would give one away, on screen and in the CSV alike', () => {
		const parsed = parseCsv(unmetNeedCsv(cells, content));
		expect(parsed.ok && parsed.rows).toEqual([
			[
				'language_needed',
				'language_given',
				'records',
				'interpreter_used',
				'interpreter_not_used',
				'interpreter_not_recorded',
				'content_in_language_needed',
				'suppressed'
			],
			['ar', 'en', '', '', '', '0', 'yes', 'true'],
			// 9 is withheld: the screen's "Polish 10" would give away the 1 given Romanian.
			['pl', 'en', '', '7', '', '', 'yes', 'true'],
			['pl', 'ro', '', '0', '0', '', 'yes', 'true'],
			['so', 'en', '12', '12', '0', '0', 'no', 'false']
		]);
		expect(discloseUnmetNeed(cells, content, false)).toEqual([
			{ needed: 'so', records: 12, givenIn: ['en'], interpreterUsed: 12, hasContent: false },
			// "10 records, 7 with an interpreter" would give away the 3 without.
			{
				needed: 'pl',
				records: 'withheld',
				givenIn: ['en', 'ro'],
				interpreterUsed: 7,
				hasContent: true
			},
			{
				needed: 'ar',
				records: 'withheld',
				givenIn: ['en'],
				interpreterUsed: 'withheld',
				hasContent: true
			}
		]);
	});

	it('leaves nothing withheld that the screen and the CSV together would give away', () => {
		const screen = discloseUnmetNeed(cells, content, false);
		const parsed = parseCsv(unmetNeedCsv(cells, content));
		const rows = parsed.ok ? parsed.rows.slice(1) : [];
		for (const row of screen) {
			const given = rows.filter((r) => r[0] === row.needed);
			// A shown total beside its parts: at least two of the parts are withheld, or none is.
			for (const [total, column] of [
				[row.records, 2],
				[row.interpreterUsed, 3]
			] as const) {
				const hidden = given.filter((r) => r[column] === '').length;
				if (total !== 'withheld') expect(hidden === 0 || hidden >= 2, row.needed).toBe(true);
			}
		}
		for (const r of rows) {
			// records = used + not used + not recorded: one withheld alone could be worked out.
			const hidden = [2, 3, 4, 5].filter((i) => r[i] === '').length;
			expect(hidden === 0 || hidden >= 2, r.join()).toBe(true);
		}
	});

	it('shows the lead every count on screen', () => {
		expect(discloseUnmetNeed(cells, content, true).map((r) => [r.needed, r.records])).toEqual([
			['so', 12],
			['pl', 10],
			['ar', 3]
		]);
	});
});
