import { describe, expect, it } from 'vitest';
import { createTranslator } from './index';
import { loadResources } from '$lib/server/locales';
import { contentLanguages } from '$lib/domain/language';
import { languageLabel } from './language-label';

const translatorFor = (lang: 'en' | 'cy' | 'ar') => createTranslator(lang, loadResources(lang));

describe('languageLabel', () => {
	it('gives the own name and the reader’s name when they differ', () => {
		const { t } = translatorFor('en');
		expect(languageLabel(t, 'en', 'gu')).toBe('ગુજરાતી (Gujarati)');
		expect(languageLabel(t, 'en', 'bfi')).toBe('British Sign Language');
		expect(languageLabel(t, 'en', 'en')).toBe('English');
	});

	it('names languages in the reader’s interface language', () => {
		expect(languageLabel(translatorFor('cy').t, 'cy', 'pl')).toBe('Polski (Pwyleg)');
		expect(languageLabel(translatorFor('cy').t, 'cy', 'cy')).toBe('Cymraeg');
		expect(languageLabel(translatorFor('ar').t, 'ar', 'so')).toBe('Soomaali (الصومالية)');
	});

	it('has a name for every content language in every interface language', () => {
		for (const lang of ['en', 'cy', 'ar'] as const) {
			const { t } = translatorFor(lang);
			for (const { code } of contentLanguages)
				expect(t(`common:languageName.${code}`), `${lang}: ${code}`).not.toMatch(/languageName/);
		}
	});
});
