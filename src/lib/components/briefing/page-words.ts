import { directionOf } from '$lib/domain/language';
import { useTranslator } from '$lib/i18n/context';

/**
 * The toolkit's own words inside a briefing ("What we talked about", a video's length) are in
 * the page's language, while the briefing around them carries the content's `lang` and `dir`:
 * where the two differ (English content in a Welsh page), those words say their own language.
 * Spread the result on the element: `<h2 {...words()}>`.
 */
export function usePageWords(contentLanguage: () => string) {
	const translator = useTranslator();
	return (): { lang?: string; dir?: 'ltr' | 'rtl' } => {
		const lang = translator().lang;
		return lang === contentLanguage() ? {} : { lang, dir: directionOf(lang) };
	};
}
