import type { UiLanguage } from '$lib/domain/language';
import { namespaces, type LocaleResources } from '$lib/i18n';

const files = import.meta.glob<Record<string, unknown>>('/locales/*/*.json', {
	import: 'default',
	eager: true
});

/** One language's strings, every namespace: read on the server and sent with the page. */
export function loadResources(lang: UiLanguage): LocaleResources {
	const bundle: LocaleResources = {};
	for (const ns of namespaces) {
		const strings = files[`/locales/${lang}/${ns}.json`];
		if (!strings) throw new Error(`Missing locale file locales/${lang}/${ns}.json`);
		bundle[ns] = strings;
	}
	return bundle;
}
