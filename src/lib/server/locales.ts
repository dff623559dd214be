import { isUiLanguage, type PatientLanguage } from '$lib/domain/language';
import { namespaces, type LocaleResources } from '$lib/i18n';
import { patientNamespaces } from '$lib/i18n/patient-keys';

const files = import.meta.glob<Record<string, unknown>>('/locales/*/*.json', {
	import: 'default',
	eager: true
});

/**
 * One language's strings, every namespace it has: read on the server and sent with the page.
 * A staff interface language has them all; a patient-only language (pl, ur …) only the
 * patient-facing ones (src/lib/i18n/patient-keys.ts). Made once per language and frozen, so
 * every request shares one bundle and with it one translator (createTranslator).
 */
export function loadResources(lang: PatientLanguage): LocaleResources {
	let bundle = bundles.get(lang);
	if (!bundle) bundles.set(lang, (bundle = readBundle(lang)));
	return bundle;
}

const bundles = new Map<PatientLanguage, LocaleResources>();

function readBundle(lang: PatientLanguage): LocaleResources {
	const bundle: LocaleResources = {};
	for (const ns of isUiLanguage(lang) ? namespaces : patientNamespaces) {
		const strings = files[`/locales/${lang}/${ns}.json`];
		if (!strings) throw new Error(`Missing locale file locales/${lang}/${ns}.json`);
		bundle[ns] = strings;
	}
	return Object.freeze(bundle);
}

/**
 * What a patient-only language falls back to for a key not yet translated: English (hazard
 * H77). None for a staff interface language, whose keys are all there (locales.test.ts).
 */
export function loadFallbackResources(lang: PatientLanguage): LocaleResources | undefined {
	return isUiLanguage(lang) ? undefined : loadResources('en');
}
