import { describe, expect, it } from 'vitest';
import {
	FIRST_RETRY_MS,
	LONGEST_RETRY_MS,
	answersStored,
	feedbackFrom,
	nextRetryDelay,
	statusOf
} from './feedback';

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) data.set(key, value);
	return data;
};
const base = { briefingId: '0b8f5a3e-8d5c-4f4e-9a57-1c2d3e4f5a6b', language: 'cy' };

describe('feedbackFrom', () => {
	it('sends only what was answered, trimmed, with the token when there is one', () => {
		expect(
			feedbackFrom(
				form({
					...base,
					token: 'abc',
					overall: 'good',
					freeText: '  Clear.  ',
					knowsHowToGetHelp: ''
				})
			)
		).toEqual({ ...base, token: 'abc', overall: 'good', freeText: 'Clear.' });
		expect(feedbackFrom(form({ ...base, token: '', overall: 'poor' }))).toEqual({
			...base,
			overall: 'poor'
		});
	});

	it('is null when no question was answered, so nothing empty is sent', () => {
		expect(feedbackFrom(form({ ...base, token: 'abc', freeText: '   ' }))).toBeNull();
	});
});

describe('statusOf', () => {
	it('says what the API answered', async () => {
		const answer = (status: number) => statusOf(new Response(null, { status }));
		expect(await Promise.all([201, 200, 429, 409, 400, 500].map(answer))).toEqual([
			'saved',
			'saved',
			'tooMany',
			'closed',
			'failed',
			'failed'
		]);
	});

	it('says so when something that could identify a person was taken out of the comment', async () => {
		const stored = (removed: string[]) =>
			statusOf(Response.json({ status: 'saved', removed }, { status: 200 }));
		expect(await stored(['phone'])).toBe('savedMasked');
		expect(await stored([])).toBe('saved');
	});
});

describe('answersStored', () => {
	it('empties the form only once the answers are stored, so Send again cannot store them twice', () => {
		expect(answersStored('saved')).toBe(true);
		expect(answersStored('savedMasked')).toBe(true);
		// Not stored: the answers stay, to be sent again.
		for (const status of ['tooMany', 'closed', 'failed']) expect(answersStored(status)).toBe(false);
	});
});

describe('nextRetryDelay', () => {
	it('tries again after 15 s, then twice as long each time, never longer than 5 minutes', () => {
		const delays: number[] = [];
		let delay: number | null = null;
		for (let i = 0; i < 7; i++) delays.push((delay = nextRetryDelay(delay)));
		expect(FIRST_RETRY_MS).toBe(15_000);
		expect(LONGEST_RETRY_MS).toBe(300_000);
		expect(delays).toEqual([15_000, 30_000, 60_000, 120_000, 240_000, 300_000, 300_000]);
	});
});
