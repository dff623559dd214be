import type { TOptions } from 'i18next';
import { formatNumber } from './format';
import { isolate, languageInfo, LanguageCode } from '$lib/domain/language';
import { WITHHELD, type ShownCount, type ShownRate } from '$lib/domain/measurement/disclosure';

type T = (key: string, options?: TOptions) => string;

/**
 * How the equity views (an organisation's and a region's) write their figures and names: a
 * percentage, a count or rate that disclosure control may withhold, a language by its own name
 * (a group or organisation name stays as it is), set apart inside a sentence.
 */
export function equityWords(t: T, lang: () => string) {
	const pct = (n: number) =>
		t('measure:value.percentage', { value: formatNumber(n, lang(), 'percentage') });
	const languageName = (code: string) => {
		const parsed = LanguageCode.safeParse(code);
		return parsed.success ? languageInfo(parsed.data).nativeName : code;
	};
	return {
		pct,
		count: (n: ShownCount | undefined) => (n === 'withheld' ? WITHHELD : String(n ?? 0)),
		rate: (r: ShownRate) =>
			r === 'none' ? t('measure:equity.notApplicable') : r === 'withheld' ? WITHHELD : pct(r),
		languageName,
		calloutName: (name: string) => isolate(languageName(name))
	};
}
