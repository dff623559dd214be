import type { TOptions } from 'i18next';
import { languageInfo, type LanguageCode } from '$lib/domain/language';

type T = (key: string, options?: TOptions) => string;

/**
 * A content language as staff read it: its own name, and the reader's name for it when the two
 * differ — "ગુજરાતી (Gujarati)" in English, "English" alone. A lead may not recognise a
 * language from its own script alone; a speaker of it still finds it by its own name.
 */
export function languageLabel(t: T, uiLanguage: string, code: string): string {
	const info = languageInfo(code as LanguageCode);
	const name = localName(t, uiLanguage, code);
	return name ? t('common:languageLabel', { native: info.nativeName, name }) : info.nativeName;
}

/** The reader's name for a language, or null when it is the language's own name. */
export function localName(t: T, uiLanguage: string, code: string): string | null {
	const info = languageInfo(code as LanguageCode);
	if (code === uiLanguage) return null;
	const name = t(`common:languageName.${code}`);
	return name === info.nativeName ? null : name;
}
