import { createInstance, type TOptions } from 'i18next';
import { directionOf, type TextDirection, type UiLanguage } from '$lib/domain/language';

/** One namespace per area of the app; files live in the top-level locales/<lang>/<ns>.json. */
export const namespaces = [
	'common',
	'auth',
	'studio',
	'ward',
	'patient',
	'admin',
	'briefing'
] as const;
export type Namespace = (typeof namespaces)[number];

type Resources = Record<string, unknown>;
const files = import.meta.glob<Resources>('/locales/*/*.json', { import: 'default' });

export type TranslateFunction = (key: string, options?: TOptions) => string;

export interface Translator {
	lang: UiLanguage;
	dir: TextDirection;
	t: TranslateFunction;
}

/**
 * Loads one language's strings and returns its translate function. It runs on the server
 * before rendering, so pages (prerendered ones too) are fully translated without JavaScript.
 */
export async function loadTranslator(lang: UiLanguage): Promise<Translator> {
	const bundle: Record<string, Resources> = {};
	await Promise.all(
		namespaces.map(async (ns) => {
			const load = files[`/locales/${lang}/${ns}.json`];
			if (!load) throw new Error(`Missing locale file locales/${lang}/${ns}.json`);
			bundle[ns] = await load();
		})
	);
	const i18n = createInstance();
	// With resources given and initAsync off, init completes before it returns.
	void i18n.init({
		lng: lang,
		resources: { [lang]: bundle },
		ns: [...namespaces],
		defaultNS: 'common',
		fallbackLng: false,
		interpolation: { escapeValue: false }, // Svelte escapes what it renders
		initAsync: false
	});
	return { lang, dir: directionOf(lang), t: (key, options) => i18n.t(key, options) as string };
}
