import { describe, expect, it } from 'vitest';
import { patternCovers, statusOf, type TranslationStatus } from './translation-status';

const status: TranslationStatus = {
	language: 'pl',
	drafted: { by: 'a language model', on: '2026-12-04' },
	unchecked: ['patient:*', 'common:errors.*', 'briefing:format.video'],
	checked: [{ by: 'A. Translator', on: '2027-01-10', keys: { 'patient:feedback.send': 'Wyślij' } }]
};

describe('translation status', () => {
	it('matches patterns by prefix or exactly', () => {
		expect(patternCovers('*', 'common:skipLink')).toBe(true);
		expect(patternCovers('common:errors.*', 'common:errors.notFound.title')).toBe(true);
		expect(patternCovers('common:errors.*', 'common:errorPrefix')).toBe(false);
		expect(patternCovers('briefing:format.video', 'briefing:format.video')).toBe(true);
		expect(patternCovers('briefing:format.video', 'briefing:format.videos')).toBe(false);
	});

	it('counts a key as checked only while its text is what was signed off', () => {
		expect(statusOf(status, 'patient:feedback.send', 'Wyślij')).toBe('checked');
		expect(statusOf(status, 'patient:feedback.send', 'Wyślij odpowiedzi')).toBe('changed');
	});

	it('marks everything else unchecked where a pattern covers it, else unmarked', () => {
		expect(statusOf(status, 'patient:feedback.heading', 'x')).toBe('unchecked');
		expect(statusOf(status, 'common:errors.home', 'x')).toBe('unchecked');
		expect(statusOf(status, 'common:skipLink', 'x')).toBe('unmarked');
	});
});
