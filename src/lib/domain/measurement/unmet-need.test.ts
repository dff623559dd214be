import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { unmetNeedCsv, unmetNeedView, type UnmetNeedCell } from './unmet-need';

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

describe('unmetNeedCsv', () => {
	it('has one row per language needed and given, counts of 1 to 4 withheld as empty cells', () => {
		const parsed = parseCsv(unmetNeedCsv(cells, content));
		expect(parsed.ok && parsed.rows).toEqual([
			[
				'language_needed',
				'language_given',
				'records',
				'interpreter_used',
				'interpreter_not_recorded',
				'content_in_language_needed',
				'suppressed'
			],
			['ar', 'en', '', '', '0', 'yes', 'true'],
			['pl', 'en', '9', '7', '', 'yes', 'true'],
			['pl', 'ro', '', '0', '', 'yes', 'true'],
			['so', 'en', '12', '12', '0', 'no', 'false']
		]);
	});
});
