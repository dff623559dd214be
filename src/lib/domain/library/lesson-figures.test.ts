import { describe, expect, it } from 'vitest';
import { discloseLessonCount } from './lesson-figures';

describe('a lesson’s figures', () => {
	it('are shown as counted to the sharing organisation itself', () => {
		expect(discloseLessonCount({ numerator: 3, denominator: 40 }, true)).toEqual({
			numerator: 3,
			denominator: 40,
			percent: 8
		});
	});

	it('withhold counts of 1 to 4, and the rate they would give away, from others', () => {
		expect(discloseLessonCount({ numerator: 3, denominator: 40 }, false)).toEqual({
			numerator: '[c]',
			denominator: 40,
			percent: null
		});
		// 38 of 40: the 2 not given could be worked out from the rate, or from the two counts.
		expect(discloseLessonCount({ numerator: 38, denominator: 40 }, false)).toEqual({
			numerator: '[c]',
			denominator: 40,
			percent: null
		});
		// 0 of 3: the denominator is withheld, and with it whatever the numerator would tell.
		expect(discloseLessonCount({ numerator: 0, denominator: 3 }, false)).toEqual({
			numerator: '[c]',
			denominator: '[c]',
			percent: null
		});
		expect(discloseLessonCount({ numerator: 30, denominator: 41 }, false)).toEqual({
			numerator: 30,
			denominator: 41,
			percent: 73
		});
	});

	it('show zero, and a count measure without a denominator', () => {
		expect(discloseLessonCount({ numerator: 0, denominator: 12 }, false)).toEqual({
			numerator: 0,
			denominator: 12,
			percent: 0
		});
		expect(discloseLessonCount({ numerator: 4, denominator: null }, false)).toEqual({
			numerator: '[c]',
			denominator: null,
			percent: null
		});
	});
});
