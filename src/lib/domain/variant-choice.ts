import { BriefingFormat, briefingFormats } from './format';
import { defaultLanguagesFirst, LanguageCode } from './language';

/**
 * Which of a published version's variants a patient link shows, and what it asked for that
 * does not exist, so the page can say so rather than silently show something else (a hazard:
 * wrong language given).
 *
 * The language: the one asked for (`?lang=`), else the reader's interface language, the
 * organisation's first default, English, then whatever there is. The format: the one asked for
 * (the ward's recommendation in a QR link) when it exists in that language, else the first in
 * the product's order. Language comes first: a patient with limited English is better served
 * by a leaflet they can read than by an easy read they cannot; the page links to the asked-for
 * format in the languages that have it.
 *
 * Example: variants en/leaflet, en/easyRead, ar/leaflet; `?lang=ar&format=easyRead` shows
 * ar/leaflet with missing.format = 'easyRead' and askedFormatIn = ['en']; `?lang=cy` shows
 * en/leaflet with missing.language = 'cy'. A `lang` or `format` that is no language or format
 * at all is ignored (nothing to name), never an error.
 */
export type VariantChoice<V> = {
	variant: V;
	language: LanguageCode;
	/** Every language of the version, the organisation's defaults first. */
	languages: LanguageCode[];
	/** The formats in the shown language, the asked-for one first. */
	formats: BriefingFormat[];
	missing: { language: LanguageCode | null; format: BriefingFormat | null };
	/** When the asked-for format is missing: the languages that have it. */
	askedFormatIn: LanguageCode[];
};

export function chooseVariant<V extends { language: LanguageCode; format: BriefingFormat }>(
	variants: readonly V[],
	asked: { language: string | null; format: string | null },
	preferred: { uiLanguage: string; defaultLanguages: readonly string[] }
): VariantChoice<V> | null {
	const languages = defaultLanguagesFirst(
		[...new Set(variants.map((v) => v.language))],
		preferred.defaultLanguages
	);
	const askedLanguage = LanguageCode.safeParse(asked.language);
	const askedFormat = BriefingFormat.safeParse(asked.format);
	const language = [
		asked.language,
		preferred.uiLanguage,
		preferred.defaultLanguages[0],
		'en',
		languages[0]
	].find((l): l is LanguageCode => languages.some((x) => x === l));
	if (!language) return null;

	const available = briefingFormats.filter((f) =>
		variants.some((v) => v.language === language && v.format === f)
	);
	const format =
		askedFormat.success && available.includes(askedFormat.data) ? askedFormat.data : null;
	const formats = format ? [format, ...available.filter((f) => f !== format)] : available;
	const variant = variants.find((v) => v.language === language && v.format === formats[0]);
	if (!variant) return null;

	const missingFormat = askedFormat.success && !format ? askedFormat.data : null;
	return {
		variant,
		language,
		languages,
		formats,
		missing: {
			language:
				askedLanguage.success && askedLanguage.data !== language ? askedLanguage.data : null,
			format: missingFormat
		},
		askedFormatIn: missingFormat
			? languages.filter((l) =>
					variants.some((v) => v.language === l && v.format === missingFormat)
				)
			: []
	};
}
