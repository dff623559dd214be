import { isUiLanguage, type PatientLanguage } from '$lib/domain/language';
import {
	areaNamespaces,
	namespaces,
	type LocaleResources,
	type Namespace,
	type PageArea
} from '$lib/i18n';
import { patientNamespaces } from '$lib/i18n/patient-keys';

const files = import.meta.glob<Record<string, unknown>>('/locales/*/*.json', {
	import: 'default',
	eager: true
});

/**
 * One language's strings: read on the server and sent with the page. With an `area`, only the
 * namespaces that area's pages use (areaNamespaces: a ward page brings the ward's strings, not
 * the studio's); without, every one. A staff interface language has every namespace; a
 * patient-only language (pl, ur …) only the patient-facing ones (src/lib/i18n/patient-keys.ts).
 * Made once per language and area and frozen, so every request shares one bundle and with it
 * one translator (createTranslator).
 */
export function loadResources(lang: PatientLanguage, area?: PageArea): LocaleResources {
	const key = `${lang} ${area ?? ''}`;
	let bundle = bundles.get(key);
	if (!bundle) bundles.set(key, (bundle = readBundle(lang, area)));
	return bundle;
}

const bundles = new Map<string, LocaleResources>();

function readBundle(lang: PatientLanguage, area?: PageArea): LocaleResources {
	const bundle: LocaleResources = {};
	const has: readonly Namespace[] = isUiLanguage(lang) ? namespaces : patientNamespaces;
	const wanted: readonly Namespace[] = area ? areaNamespaces[area] : namespaces;
	for (const ns of has.filter((n) => wanted.includes(n))) {
		const strings = files[`/locales/${lang}/${ns}.json`];
		if (!strings) throw new Error(`Missing locale file locales/${lang}/${ns}.json`);
		bundle[ns] = strings;
	}
	return Object.freeze(bundle);
}

/**
 * What a patient-only language falls back to for a key not yet translated: English (hazard
 * H77), the same namespaces. None for a staff interface language, whose keys are all there
 * (locales.test.ts).
 */
export function loadFallbackResources(
	lang: PatientLanguage,
	area?: PageArea
): LocaleResources | undefined {
	return isUiLanguage(lang) ? undefined : loadResources('en', area);
}

/** What an area's layout sends for its pages' strings (src/lib/i18n/area-load.ts reads it). */
export function areaStrings(lang: PatientLanguage, area: PageArea) {
	return {
		resources: loadResources(lang, area),
		fallbackResources: loadFallbackResources(lang, area)
	};
}
