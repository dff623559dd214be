import { describe, expect, it } from 'vitest';
import { readingAdvice, readingAge } from './readability';

describe('readingAge', () => {
	it('gives short plain English a young reading age', () => {
		const result = readingAge(
			'Wash your hands. Ask us for help. Press the red button. We will come to you.',
			'en'
		);
		expect(result.kind).toBe('estimate');
		if (result.kind === 'estimate') {
			expect(result.age).toBeLessThanOrEqual(8);
			expect(result.sentences).toBe(4);
		}
	});

	it('gives long words in long sentences an older reading age', () => {
		const result = readingAge(
			'Venous thromboembolism prophylaxis necessitates pharmacological anticoagulation, ' +
				'administered subcutaneously, alongside mechanical compression stockings, unless ' +
				'contraindicated by haemorrhagic considerations identified preoperatively.',
			'en'
		);
		expect(result.kind === 'estimate' && result.age).toBeGreaterThan(16);
		expect(readingAdvice(result.kind === 'estimate' ? result.age : 0)).toBe('aboveAim');
	});

	it('does not guess for a language without a formula, nor for a few words', () => {
		expect(readingAge('Golchwch eich dwylo. Gofynnwch i ni am help bob amser.', 'cy')).toEqual({
			kind: 'noFormula'
		});
		expect(readingAge('Wash your hands.', 'en')).toEqual({ kind: 'tooShort' });
	});

	it('takes each line as a sentence, as a heading is one', () => {
		const withLines = readingAge(
			'Your safety\nWash your hands often\nAsk us for help please',
			'en'
		);
		expect(withLines.kind === 'estimate' && withLines.sentences).toBe(3);
	});

	it('advises against the NHS aim of 9 to 11', () => {
		expect(readingAdvice(10)).toBe('withinAim');
		expect(readingAdvice(12)).toBe('aboveAim');
		expect(readingAdvice(7)).toBe('belowAim');
	});
});
