import { syllable } from 'syllable';

/**
 * Reading age from the Flesch–Kincaid grade level (Kincaid et al., 1975):
 *
 *   grade = 0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59
 *
 * and a US school grade is a reading age of grade + 5 (grade 5 ≈ age 10). Syllables are
 * counted by the `syllable` library, which knows English only, so only English gets an
 * estimate: for any other language the answer is "no estimate", never a guess. A heading or
 * list item without a full stop still ends a sentence (each line is taken as one at least),
 * as a reader pauses there too.
 *
 * Example: "Wash your hands. Ask us for help." → 7 words, 2 sentences, 8 syllables →
 * grade 0.39 × 3.5 + 11.8 × 1.14 − 15.59 ≈ −0.77 → reading age 5 (floored at 5).
 */
export const NHS_READING_AGE = { from: 9, to: 11 } as const;

export type ReadingAge =
	| { kind: 'estimate'; age: number; words: number; sentences: number }
	| { kind: 'tooShort' }
	| { kind: 'noFormula' };

const MIN_WORDS = 10;

export function readingAge(text: string, language: string): ReadingAge {
	if (language !== 'en') return { kind: 'noFormula' };
	const sentences = text
		.split(/\n+|(?<=[.!?])\s+/)
		.map((s) => s.trim())
		.filter((s) => /[A-Za-z0-9]/.test(s));
	const words = sentences.flatMap((s) => s.match(/[A-Za-z0-9’']+/g) ?? []);
	if (words.length < MIN_WORDS) return { kind: 'tooShort' };
	const syllables = words.reduce((n, w) => n + Math.max(1, syllable(w)), 0);
	const grade =
		0.39 * (words.length / sentences.length) + 11.8 * (syllables / words.length) - 15.59;
	return {
		kind: 'estimate',
		age: Math.max(5, Math.round(grade + 5)),
		words: words.length,
		sentences: sentences.length
	};
}

/** Advice against the NHS aim of a reading age of 9 to 11. */
export function readingAdvice(age: number): 'withinAim' | 'belowAim' | 'aboveAim' {
	if (age > NHS_READING_AGE.to) return 'aboveAim';
	return age < NHS_READING_AGE.from ? 'belowAim' : 'withinAim';
}
