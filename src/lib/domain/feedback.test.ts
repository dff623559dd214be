import { describe, expect, it } from 'vitest';
import { FEEDBACK_TEXT_MAX, FeedbackInput, fftAnswers, isPositive } from './feedback';

const base = { briefingId: '2d5c8c74-ae3a-4b4f-9c59-7a8b9c0d1e2f', language: 'en' };

function paths(value: unknown): string[] {
	const result = FeedbackInput.safeParse(value);
	return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

describe('FeedbackInput', () => {
	it.each([
		{ overall: 'good' },
		{ knowsHowToGetHelp: 'notSure' },
		{ ableToAskHandHygiene: 'no' },
		{ freeText: 'The nurse explained everything.' }
	])('accepts any one answer on its own: %o', (answer) => {
		expect(FeedbackInput.parse({ ...base, ...answer })).toEqual({ ...base, ...answer });
	});

	it('accepts every answer together, with a token', () => {
		const full = {
			...base,
			token: 'AbCdEfGhIjKlMnOpQrStUv',
			overall: 'veryPoor',
			knowsHowToGetHelp: 'yes',
			ableToAskHandHygiene: 'yes',
			freeText: 'Thank you'
		};
		expect(FeedbackInput.parse(full)).toEqual(full);
	});

	it('refuses feedback with no answer at all', () => {
		const result = FeedbackInput.safeParse(base);
		expect(result.success).toBe(false);
		expect(result.error?.issues).toEqual([
			expect.objectContaining({ message: 'empty', path: ['overall'] })
		]);
	});

	it('counts blank free text as no answer', () => {
		expect(paths({ ...base, freeText: '   \n ' })).toEqual(['overall']);
		expect(paths({ ...base, freeText: '' })).toEqual(['overall']);
	});

	it('trims free text and allows 1000 characters but not 1001', () => {
		expect(FeedbackInput.parse({ ...base, freeText: '  ok  ' }).freeText).toBe('ok');
		expect(paths({ ...base, freeText: 'a'.repeat(FEEDBACK_TEXT_MAX) })).toEqual([]);
		expect(paths({ ...base, freeText: ` ${'a'.repeat(FEEDBACK_TEXT_MAX)} ` })).toEqual([]);
		expect(paths({ ...base, freeText: 'a'.repeat(FEEDBACK_TEXT_MAX + 1) })).toContain('freeText');
	});

	it('accepts a token of 22 to 64 URL-safe characters', () => {
		for (const token of ['a'.repeat(22), 'A-z_0'.repeat(12) + 'abcd', 'x'.repeat(64)])
			expect(paths({ ...base, overall: 'good', token }), token).toEqual([]);
	});

	it.each([
		'a'.repeat(21),
		'x'.repeat(65),
		'abc+/def=ghijklmnopqrstuv',
		'has space in the middle..',
		''
	])('refuses the token %j', (token) => {
		expect(paths({ ...base, overall: 'good', token })).toEqual(['token']);
	});

	it('takes the phone’s submission id when sent (a UUID), and does without it', () => {
		const id = '0f5e7a4c-3b2d-4e1f-8a9b-7c6d5e4f3a2b';
		expect(FeedbackInput.parse({ ...base, overall: 'good', submissionId: id })).toMatchObject({
			submissionId: id
		});
		expect(paths({ ...base, overall: 'good' })).toEqual([]);
		expect(paths({ ...base, overall: 'good', submissionId: 'twice' })).toEqual(['submissionId']);
	});

	it('refuses answers off the scale and unknown keys', () => {
		expect(paths({ ...base, overall: 'excellent' })).toContain('overall');
		expect(paths({ ...base, knowsHowToGetHelp: 'maybe' })).toContain('knowsHowToGetHelp');
		const result = FeedbackInput.safeParse({ ...base, overall: 'good', email: 'a@b.example' });
		expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['email'] });
	});
});

describe('isPositive', () => {
	it('counts Very good and Good only', () => {
		expect(fftAnswers.filter(isPositive)).toEqual(['veryGood', 'good']);
	});
});
