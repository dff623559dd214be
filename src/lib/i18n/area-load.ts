import type { PatientLanguage } from '$lib/domain/language';
import { createTranslator, type LocaleResources } from './index';

/** An area layout's server data: its pages' strings (server/locales.ts `areaStrings`). */
export interface AreaStrings {
	resources: LocaleResources;
	fallbackResources?: LocaleResources;
}

/**
 * An area layout's universal load: its data, with the translator of its own strings, which
 * stands in for the root layout's (the root's `base` strings) on every page of the area. The
 * root layout reads the page's translator (`page.data.i18n`), so its header speaks from the
 * same strings.
 */
export async function withAreaTranslator<D extends AreaStrings>(
	data: D,
	parent: () => Promise<{ lang: PatientLanguage }>
) {
	const { lang } = await parent();
	return { ...data, i18n: createTranslator(lang, data.resources, data.fallbackResources) };
}
