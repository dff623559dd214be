import { describe, expect, it } from 'vitest';
import {
	defaultLanguagesFirst,
	directionOf,
	intlLocale,
	languageNameIn,
	matchLanguage,
	negotiateLanguage,
	negotiatePatientLanguage,
	negotiateUiLanguage,
	patientLanguages,
	contentLanguages,
	uiLanguages
} from './language';

describe('negotiateUiLanguage', () => {
	it('takes an explicit choice that the interface is translated into', () => {
		expect(negotiateUiLanguage('cy', 'ar,en;q=0.5')).toBe('cy');
		expect(negotiateUiLanguage('ar', null)).toBe('ar');
	});

	it('ignores an explicit choice the interface is not translated into', () => {
		expect(negotiateUiLanguage('pl', 'cy')).toBe('cy');
		expect(negotiateUiLanguage('fr', null)).toBe('en');
		// Content languages are not all interface languages.
		expect(negotiateUiLanguage('ur', 'ar')).toBe('ar');
		expect(negotiateUiLanguage('', 'cy')).toBe('cy');
	});

	it('picks the highest-quality Accept-Language entry it has', () => {
		expect(negotiateUiLanguage(null, 'en;q=0.5, ar;q=0.9, cy;q=0.7')).toBe('ar');
		expect(negotiateUiLanguage(undefined, 'fr, cy;q=0.4, en;q=0.3')).toBe('cy');
	});

	it('treats an entry without a q-value as q=1', () => {
		expect(negotiateUiLanguage(null, 'en;q=0.9, cy')).toBe('cy');
	});

	it('keeps header order between entries of equal quality', () => {
		expect(negotiateUiLanguage(null, 'ar, cy, en')).toBe('ar');
		expect(negotiateUiLanguage(null, 'cy;q=0.8, ar;q=0.8')).toBe('cy');
	});

	it('never picks an entry with q=0', () => {
		expect(negotiateUiLanguage(null, 'cy;q=0, ar;q=0.1')).toBe('ar');
		expect(negotiateUiLanguage(null, 'cy;q=0')).toBe('en');
	});

	it('matches on the primary subtag, whatever the region or case', () => {
		expect(negotiateUiLanguage(null, 'cy-GB')).toBe('cy');
		expect(negotiateUiLanguage(null, 'fr-FR, AR-EG;q=0.8')).toBe('ar');
		expect(negotiateUiLanguage(null, 'en-GB,en;q=0.9,cy;q=0.8')).toBe('en');
	});

	it('falls back to English when nothing offered is supported', () => {
		expect(negotiateUiLanguage(null, 'fr-FR, de;q=0.9, *;q=0.1')).toBe('en');
		expect(negotiateUiLanguage(null, null)).toBe('en');
		expect(negotiateUiLanguage(undefined, undefined)).toBe('en');
		expect(negotiateUiLanguage(null, '')).toBe('en');
	});

	it('survives malformed headers', () => {
		expect(negotiateUiLanguage(null, ',,;;,')).toBe('en');
		expect(negotiateUiLanguage(null, ';q=1')).toBe('en');
		expect(negotiateUiLanguage(null, 'cy;q=abc, ar;q=0.2')).toBe('ar');
		expect(negotiateUiLanguage(null, '  , cy ,, ')).toBe('cy');
		expect(negotiateUiLanguage(null, 'cy;q=')).toBe('en');
	});

	it('allows white space around the semicolon, as RFC 9110 does', () => {
		// weight = OWS ";" OWS "q=" qvalue
		expect(negotiateUiLanguage(null, 'en;q=0.1, cy ; q=0.9')).toBe('cy');
	});
});

describe('directionOf', () => {
	it('is right to left for Arabic and Urdu', () => {
		expect(directionOf('ar')).toBe('rtl');
		expect(directionOf('ur')).toBe('rtl');
	});

	it('is left to right for every other content language', () => {
		for (const code of [
			'en',
			'cy',
			'pl',
			'ro',
			'pa',
			'pt',
			'es',
			'bn',
			'gu',
			'zh-Hans',
			'so',
			'bfi'
		])
			expect(directionOf(code), code).toBe('ltr');
	});

	it('is left to right for a code it does not know', () => {
		expect(directionOf('xx')).toBe('ltr');
		expect(directionOf('')).toBe('ltr');
	});
});

describe('defaultLanguagesFirst', () => {
	it("puts the organisation's languages first, in its order, and keeps the rest in theirs", () => {
		expect(defaultLanguagesFirst(['en', 'cy', 'pl', 'ar', 'ur'], ['ur', 'cy'])).toEqual([
			'ur',
			'cy',
			'en',
			'pl',
			'ar'
		]);
	});

	it('leaves out a default the list does not hold, and repeats nothing', () => {
		expect(defaultLanguagesFirst(['en', 'pl'], ['cy', 'pl', 'pl'])).toEqual(['pl', 'en']);
		expect(defaultLanguagesFirst(['en', 'pl'], [])).toEqual(['en', 'pl']);
	});
});

describe('languageNameIn', () => {
	it('names a language as the page around it is written', () => {
		expect(languageNameIn('cy', 'en')).toBe('Welsh');
		expect(languageNameIn('en', 'cy')).toBe('Saesneg');
		expect(languageNameIn('en', 'ar')).toBe('الإنجليزية');
		expect(languageNameIn('zh-Hans', 'en')).toBe('Simplified Chinese');
	});

	it('uses the language’s own name where the runtime has none', () => {
		expect(languageNameIn('bfi', 'en')).toBe('British Sign Language');
	});
});

describe('patient page languages', () => {
	it('are every written content language: all but BSL, which is video only', () => {
		expect([...patientLanguages].sort()).toEqual(
			contentLanguages
				.map((l) => l.code)
				.filter((c) => c !== 'bfi')
				.sort()
		);
		for (const code of uiLanguages) expect(patientLanguages).toContain(code);
	});

	it('take ?lang= for any of them, Accept-Language too, and English otherwise', () => {
		expect(negotiatePatientLanguage('pl', 'ar')).toBe('pl');
		expect(negotiatePatientLanguage('ur', null)).toBe('ur');
		expect(negotiatePatientLanguage(null, 'so-SO, en;q=0.5')).toBe('so');
		expect(negotiatePatientLanguage('bfi', 'pt-BR')).toBe('pt');
		expect(negotiatePatientLanguage('fr', 'de')).toBe('en');
	});

	it('match Chinese only when Simplified, and Punjabi only in Gurmukhi', () => {
		for (const tag of ['zh', 'zh-CN', 'zh-SG', 'zh-Hans', 'zh-hans-cn', 'ZH-HANS'])
			expect(matchLanguage(tag, patientLanguages), tag).toBe('zh-Hans');
		for (const tag of ['zh-TW', 'zh-HK', 'zh-Hant', 'zh-Hant-TW'])
			expect(matchLanguage(tag, patientLanguages), tag).toBeNull();
		for (const tag of ['pa', 'pa-IN', 'pa-Guru-IN'])
			expect(matchLanguage(tag, patientLanguages), tag).toBe('pa');
		for (const tag of ['pa-PK', 'pa-Arab']) expect(matchLanguage(tag, patientLanguages)).toBeNull();
		expect(negotiatePatientLanguage(null, 'zh-TW, zh-CN;q=0.8')).toBe('zh-Hans');
	});
});

describe('a staff page given a patient-only language', () => {
	it('passes over it to the remembered choice, then the browser, then English', () => {
		expect(negotiateLanguage(uiLanguages, ['pl', 'cy'], 'ar')).toBe('cy');
		expect(negotiateLanguage(uiLanguages, ['pl', null], 'ur, ar;q=0.5')).toBe('ar');
		expect(negotiateLanguage(uiLanguages, ['zh-Hans', undefined], null)).toBe('en');
	});
});

describe('intlLocale', () => {
	it('writes English and Welsh the UK’s way', () => {
		const day = new Date('2026-12-07T17:08:00Z');
		const format = (lang: string) =>
			new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(
				day
			);
		expect(format('en')).toBe('7 Dec 2026');
		expect(format('cy')).toBe('7 Rhag 2026');
	});

	it('falls back to British English where the runtime lacks the language, not its own default', () => {
		// Chrome has no Welsh data, as this runtime has none for Klingon: a page in either then
		// reads 7 Dec 2026, 17:08, never the runtime's default (Dec 7, 2026, 5:08 PM).
		const formatter = new Intl.DateTimeFormat(intlLocale('tlh'), {
			dateStyle: 'medium',
			timeStyle: 'short',
			timeZone: 'UTC'
		});
		expect(formatter.resolvedOptions().locale).toBe('en-GB');
		expect(formatter.format(new Date('2026-12-07T17:08:00Z'))).toBe('7 Dec 2026, 17:08');
	});
});
