import { createInstance, type TOptions } from 'i18next';
import { directionOf, type PatientLanguage, type TextDirection } from '$lib/domain/language';

/** One namespace per area of the app; files live in the top-level locales/<lang>/<ns>.json. */
export const namespaces = [
	'common',
	'auth',
	'studio',
	'ward',
	'patient',
	'admin',
	'briefing',
	'measure',
	'catalogue',
	'editor',
	'platform',
	'library',
	'region'
] as const;
export type Namespace = (typeof namespaces)[number];

export type TranslateFunction = (key: string, options?: TOptions) => string;

export interface Translator {
	lang: PatientLanguage;
	dir: TextDirection;
	t: TranslateFunction;
}

export type LocaleResources = Record<string, Record<string, unknown>>;

/**
 * The translate function for a language's strings. The strings come with the page's data, so
 * pages (prerendered ones too) are translated without JavaScript, and hydration never waits
 * on (or fails for want of) another download on a weak signal.
 *
 * `fallback` (English) is given only for a patient-only language: a patient-facing key added in
 * English and not yet translated then shows in English rather than as its key (hazard H77;
 * locales.test.ts fails on it, so it never ships unnoticed).
 */
export function createTranslator(
	lang: PatientLanguage,
	bundle: LocaleResources,
	fallback?: LocaleResources
): Translator {
	const i18n = createInstance();
	// With resources given and initAsync off, init completes before it returns.
	void i18n.init({
		lng: lang,
		resources: fallback ? { [lang]: bundle, en: fallback } : { [lang]: bundle },
		ns: [...namespaces],
		defaultNS: 'common',
		fallbackLng: fallback ? 'en' : false,
		interpolation: { escapeValue: false }, // Svelte escapes what it renders
		initAsync: false
	});
	return { lang, dir: directionOf(lang), t: (key, options) => i18n.t(key, options) as string };
}
