import { describe, expect, it } from 'vitest';
import { remainingText } from './character-count';

describe('remainingText', () => {
	it('picks the words of the number\u2019s plural form in the page\u2019s language', () => {
		const words = {
			zero: 'Dim nodau ar ôl (#)',
			one: 'Mae gennych # nod ar ôl',
			two: 'Mae gennych # nod ar ôl (dau)',
			other: 'Mae gennych # o nodau ar ôl'
		};
		const welsh = new Intl.PluralRules('cy');
		expect(remainingText(words, 1, welsh)).toBe('Mae gennych 1 nod ar ôl');
		expect(remainingText(words, 2, welsh)).toBe('Mae gennych 2 nod ar ôl (dau)');
		expect(remainingText(words, 0, welsh)).toBe('Dim nodau ar ôl (0)');
		// A form with no words of its own ("few", 3 in Welsh) falls back to "other".
		expect(remainingText(words, 3, welsh)).toBe('Mae gennych 3 o nodau ar ôl');
		const english = new Intl.PluralRules('en');
		expect(remainingText({ one: '# left', other: '# characters left' }, 1, english)).toBe('1 left');
	});
});
