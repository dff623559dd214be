import { describe, expect, it } from 'vitest';
import { createTranslator } from '$lib/i18n';
import { loadFallbackResources, loadResources } from './locales';

describe('loadResources', () => {
	it('gives a staff interface language every namespace, and no fallback', () => {
		expect(Object.keys(loadResources('cy'))).toContain('studio');
		expect(loadFallbackResources('cy')).toBeUndefined();
	});

	it('gives a patient-only language its patient-facing namespaces, and English behind them', () => {
		expect(Object.keys(loadResources('ur')).sort()).toEqual(['briefing', 'common', 'patient']);
		expect(loadFallbackResources('ur')?.studio).toBeDefined();
	});

	it('gives an area only the namespaces its pages use, the same bundle each time', () => {
		expect(Object.keys(loadResources('cy', 'ward')).sort()).toEqual(
			['auth', 'briefing', 'common', 'measure', 'ward'].sort()
		);
		expect(loadResources('cy', 'ward')).toBe(loadResources('cy', 'ward'));
		expect(loadResources('cy', 'ward')).not.toBe(loadResources('cy'));
		expect(Object.keys(loadResources('en', 'base')).sort()).toEqual(['auth', 'common']);
		// A patient-only language: what it has of the area, and English of the same area behind.
		expect(Object.keys(loadResources('ur', 'ward')).sort()).toEqual(['briefing', 'common']);
		expect(Object.keys(loadFallbackResources('ur', 'ward') ?? {}).sort()).toEqual(
			['auth', 'briefing', 'common', 'measure', 'ward'].sort()
		);
	});
});

describe('a patient-only language’s translator', () => {
	it('speaks the language, in its plural forms', () => {
		const { t, dir } = createTranslator('pl', loadResources('pl'), loadFallbackResources('pl'));
		expect(t('patient:feedback.send')).toBe('Wyślij');
		expect(t('patient:feedback.remaining', { count: 3 })).toBe('Pozostały Ci 3 znaki');
		expect(t('patient:feedback.remaining', { count: 5 })).toBe('Pozostało Ci 5 znaków');
		expect(createTranslator('ur', loadResources('ur')).dir).toBe('rtl');
		expect(dir).toBe('ltr');
	});

	it('shows English, never a key, for a key not yet translated (hazard H77)', () => {
		const bundle = loadResources('pl');
		const without = {
			...bundle,
			patient: { ...bundle.patient, link: { body: 'x' } }
		};
		const { t } = createTranslator('pl', without, loadFallbackResources('pl'));
		expect(t('patient:link.title')).toBe('This link has expired');
	});
});

describe('one translator per language', () => {
	it('gives every request of a language the same bundle and the same translator', () => {
		expect(loadResources('ar')).toBe(loadResources('ar'));
		expect(Object.isFrozen(loadResources('ar'))).toBe(true);
		const first = createTranslator('pl', loadResources('pl'), loadFallbackResources('pl'));
		const again = createTranslator('pl', loadResources('pl'), loadFallbackResources('pl'));
		expect(again).toBe(first);
		expect(createTranslator('cy', loadResources('cy'))).not.toBe(first);
	});

	it('makes a new translator for other strings, or the same strings under another language', () => {
		const bundle = loadResources('en');
		const copy = { ...bundle };
		expect(createTranslator('en', copy)).not.toBe(createTranslator('en', bundle));
		expect(createTranslator('en', bundle).t('common:serviceName')).toBe(
			createTranslator('en', copy).t('common:serviceName')
		);
	});
});
