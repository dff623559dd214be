import { describe, expect, it } from 'vitest';
import type { BriefingFormat } from './format';
import type { LanguageCode } from './language';
import { chooseVariant } from './variant-choice';

const v = (language: LanguageCode, format: BriefingFormat) => ({ language, format });
const demo = [
	v('en', 'leaflet'),
	v('en', 'easyRead'),
	v('en', 'video'),
	v('ar', 'leaflet'),
	v('cy', 'video')
];
const english = { uiLanguage: 'en', defaultLanguages: ['en'] };
const choose = (language: string | null, format: string | null, preferred = english) =>
	chooseVariant(demo, { language, format }, preferred);

describe('chooseVariant', () => {
	it('shows what was asked for when it exists, and says nothing is missing', () => {
		expect(choose('ar', 'leaflet')).toMatchObject({
			variant: v('ar', 'leaflet'),
			missing: { language: null, format: null },
			askedFormatIn: []
		});
		expect(choose('en', 'video')?.formats).toEqual(['video', 'leaflet', 'easyRead']);
	});

	it('names a missing language and shows the asked format in the next language', () => {
		expect(choose('pl', 'easyRead')).toMatchObject({
			variant: v('en', 'easyRead'),
			language: 'en',
			missing: { language: 'pl', format: null }
		});
	});

	it('falls back to the reader’s interface language before English', () => {
		expect(choose('pl', null, { uiLanguage: 'cy', defaultLanguages: ['en'] })).toMatchObject({
			variant: v('cy', 'video'),
			missing: { language: 'pl', format: null }
		});
	});

	it('shows a patient-only page language’s own content with no link language (Accept-Language)', () => {
		const withPolish = [...demo, v('pl', 'leaflet')];
		expect(
			chooseVariant(
				withPolish,
				{ language: null, format: null },
				{
					uiLanguage: 'pl',
					defaultLanguages: ['en']
				}
			)
		).toMatchObject({ variant: v('pl', 'leaflet'), missing: { language: null, format: null } });
	});

	it('keeps the language and names a missing format, with the languages that have it', () => {
		expect(choose('ar', 'easyRead')).toMatchObject({
			variant: v('ar', 'leaflet'),
			language: 'ar',
			formats: ['leaflet'],
			missing: { language: null, format: 'easyRead' },
			askedFormatIn: ['en']
		});
	});

	it('names both when neither exists', () => {
		expect(choose('pl', 'faceToFace')).toMatchObject({
			variant: v('en', 'video'),
			missing: { language: 'pl', format: 'faceToFace' },
			askedFormatIn: []
		});
	});

	it('ignores what is no language or format at all', () => {
		expect(choose('xx', 'poster')).toMatchObject({
			variant: v('en', 'video'),
			missing: { language: null, format: null }
		});
		expect(choose(null, null)?.missing).toEqual({ language: null, format: null });
	});

	it('lists the organisation’s default languages first', () => {
		expect(
			choose('en', null, { uiLanguage: 'en', defaultLanguages: ['cy', 'ar'] })?.languages
		).toEqual(['cy', 'ar', 'en']);
	});

	it('finds nothing in a version without variants', () => {
		expect(chooseVariant([], { language: 'en', format: null }, english)).toBeNull();
	});
});
