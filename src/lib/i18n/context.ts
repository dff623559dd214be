import { getContext, setContext } from 'svelte';
import type { TOptions } from 'i18next';
import { intlLocale } from '$lib/domain/language';
import type { Translator } from './index';

const key = Symbol('i18n');

/** Called once by the root layout with a getter, so a change of language re-renders. */
export function setTranslator(current: () => Translator): void {
	setContext(key, current);
}

function current(): () => Translator {
	const getter = getContext<(() => Translator) | undefined>(key);
	if (!getter) throw new Error('No translator: setTranslator() must run in the root layout');
	return getter;
}

/** The translate function for components: `const t = useT();` then `t('auth:signIn.title')`. */
export function useT(): (key: string, options?: TOptions) => string {
	const getter = current();
	return (k, options) => getter().t(k, options);
}

export function useTranslator(): () => Translator {
	return current();
}

export type DateStyle = 'time' | 'dateTime' | 'date';

const dateStyles: Record<DateStyle, Intl.DateTimeFormatOptions> = {
	time: { timeStyle: 'short' },
	dateTime: { dateStyle: 'short', timeStyle: 'short' },
	// Calendar dates (YYYY-MM-DD) are days, not instants: shown as written, whatever the zone.
	date: { dateStyle: 'medium', timeZone: 'UTC' }
};

/** A date or time the way a language writes it (any language, not only the reader's). */
export function formatDateIn(lang: string, iso: string, style: DateStyle = 'dateTime'): string {
	return new Intl.DateTimeFormat(intlLocale(lang), dateStyles[style]).format(
		new Date(style === 'date' && iso.length === 10 ? `${iso}T00:00:00Z` : iso)
	);
}

/** Dates and times the way the reader's language writes them. */
export function useFormatDate(): (iso: string, style?: DateStyle) => string {
	const getter = current();
	return (iso, style = 'dateTime') => formatDateIn(getter().lang, iso, style);
}
