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

/**
 * The strings a page brings with it: its area's namespaces, not all of them (issue #16: every
 * staff page carried about 118 KB of English, a ward tablet's first load on a weak signal
 * included). The root layout brings `base`'s; each area's layout brings its own, which hold
 * `base`'s too. area-namespaces.test.ts reads every route's code for the namespaces it names and
 * fails on one missing here, or one here not used.
 */
export const areaNamespaces = {
	base: ['common', 'auth'],
	ward: ['common', 'auth', 'ward', 'briefing', 'measure'],
	studio: [
		'common',
		'auth',
		'studio',
		'briefing',
		'editor',
		'catalogue',
		'library',
		'measure',
		'ward',
		'patient',
		'admin'
	],
	admin: ['common', 'auth', 'admin', 'region', 'measure', 'ward'],
	platform: ['common', 'auth', 'platform', 'admin', 'region', 'ward'],
	region: ['common', 'auth', 'region', 'measure', 'ward', 'briefing'],
	patient: ['common', 'auth', 'patient', 'briefing']
} as const satisfies Record<string, readonly Namespace[]>;
export type PageArea = keyof typeof areaNamespaces;

/**
 * Namespaces only the server reads, never sent with a page: `mail`, the email messages
 * (server/mail/messages.ts), in each staff interface language.
 */
export const serverNamespaces = ['mail'] as const;

export type TranslateFunction = (key: string, options?: TOptions) => string;

export interface Translator {
	lang: PatientLanguage;
	dir: TextDirection;
	t: TranslateFunction;
}

export type LocaleResources = Record<string, Record<string, unknown>>;

/*
 * Translators already made, by the very bundle (and fallback) they were made from. On the server
 * the bundles are made once per language (server/locales.ts), so each language gets one i18next
 * instance for the life of the process instead of one per request (issue #16: instance creation
 * was 7% of a patient page's time). In the browser a page's data arrives as new objects, so a
 * navigation that brings new strings gets a new translator and the old one is let go with them.
 */
const made = new WeakMap<LocaleResources, Map<LocaleResources | null, Translator>>();

/**
 * The translate function for a language's strings. The strings come with the page's data, so
 * pages (prerendered ones too) are translated without JavaScript, and hydration never waits
 * on (or fails for want of) another download on a weak signal.
 *
 * `fallback` (English) is given only for a patient-only language: a patient-facing key added in
 * English and not yet translated then shows in English rather than as its key (hazard H77;
 * locales.test.ts fails on it, so it never ships unnoticed).
 *
 * The same bundle (by identity) gives the same translator: bundles are never changed in place.
 */
export function createTranslator(
	lang: PatientLanguage,
	bundle: LocaleResources,
	fallback?: LocaleResources
): Translator {
	let byFallback = made.get(bundle);
	if (!byFallback) made.set(bundle, (byFallback = new Map()));
	const known = byFallback.get(fallback ?? null);
	if (known?.lang === lang) return known;
	const translator = newTranslator(lang, bundle, fallback);
	byFallback.set(fallback ?? null, translator);
	return translator;
}

function newTranslator(
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
	const t = i18n.getFixedT(lang);
	return { lang, dir: directionOf(lang), t: (key, options) => t(key, options) as string };
}
