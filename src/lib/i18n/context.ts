import { getContext, setContext } from 'svelte';
import type { TOptions } from 'i18next';
import { dateFormatter, type DateFormatter } from '$lib/domain/date-format';
import { DEFAULT_TIME_ZONE } from '$lib/domain/local-time';
import type { Translator } from './index';
import { languageLabel } from './language-label';

const key = Symbol('i18n');
const zoneKey = Symbol('timeZone');

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

/** Called once by the root layout: the organisation's time zone, for every date shown. */
export function setTimeZone(current: () => string): void {
	setContext(zoneKey, current);
}

/** The organisation's IANA time zone (Europe/London where no layout has set one). */
export function useTimeZone(): () => string {
	return getContext<(() => string) | undefined>(zoneKey) ?? (() => DEFAULT_TIME_ZONE);
}

export type DateStyle = 'time' | 'dateTime' | 'date';

const dateStyles: Record<DateStyle, Intl.DateTimeFormatOptions> = {
	time: { timeStyle: 'short' },
	dateTime: { dateStyle: 'short', timeStyle: 'short' },
	date: { dateStyle: 'medium' }
};

/**
 * A date or time the way a language writes it (any language, not only the reader's). An
 * instant is shown on the organisation's wall clock, the same on the server and on any device;
 * a calendar date (YYYY-MM-DD) is a day, not an instant: shown as written, whatever the zone.
 */
export function formatDateIn(
	lang: string,
	iso: string,
	style: DateStyle = 'dateTime',
	timeZone: string = DEFAULT_TIME_ZONE
): string {
	const calendarDate = style === 'date' && iso.length === 10;
	return formatterFor(lang, style, calendarDate ? 'UTC' : timeZone).format(
		new Date(calendarDate ? `${iso}T00:00:00Z` : iso)
	);
}

/*
 * Formatters made once per language, style and zone: making one is far dearer than using it
 * (a ward's list of the day's records formatted each row's time with a new one, ~6 ms a save on
 * a tablet). A handful of languages, three styles and the organisation's zone: a small map.
 */
const formatters = new Map<string, DateFormatter>();

function formatterFor(lang: string, style: DateStyle, timeZone: string): DateFormatter {
	const key = `${lang} ${style} ${timeZone}`;
	let formatter = formatters.get(key);
	if (!formatter)
		formatters.set(key, (formatter = dateFormatter(lang, { ...dateStyles[style], timeZone })));
	return formatter;
}

/** Dates and times the way the reader's language writes them, in the organisation's zone. */
export function useFormatDate(): (iso: string, style?: DateStyle) => string {
	const getter = current();
	const zone = useTimeZone();
	return (iso, style = 'dateTime') => formatDateIn(getter().lang, iso, style, zone());
}

/** A content language named for staff: "ગુજરાતી (Gujarati)" (see language-label.ts). */
export function useLanguageLabel(): (code: string) => string {
	const getter = current();
	return (code) => languageLabel(getter().t, getter().lang, code);
}
