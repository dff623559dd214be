import { intlLocale } from './language';

/*
 * Dates the way a language writes them, with Welsh month names even where the runtime has no
 * Welsh data. Chrome and Chromium ship ICU without Welsh, so a staff page drawn again in the
 * browser fell back to British English (intlLocale) and wrote "7 Dec 2026" in a Welsh page the
 * server had sent as "7 Rhag 2026". There, the British form is kept (the same order and
 * numbers as Welsh) and its month named in Welsh, as CLDR names it.
 */

/** CLDR's Welsh month names (cy, format context), abbreviated and in full, January first. */
const welshMonths = {
	short: [
		'Ion',
		'Chwef',
		'Maw',
		'Ebr',
		'Mai',
		'Meh',
		'Gorff',
		'Awst',
		'Medi',
		'Hyd',
		'Tach',
		'Rhag'
	],
	long: [
		'Ionawr',
		'Chwefror',
		'Mawrth',
		'Ebrill',
		'Mai',
		'Mehefin',
		'Gorffennaf',
		'Awst',
		'Medi',
		'Hydref',
		'Tachwedd',
		'Rhagfyr'
	]
} as const;

export interface DateFormatter {
	format(date: Date): string;
}

/** Which of `tags` the runtime has date data for (Intl's own answer, unless a test says). */
type Supported = (tags: string[]) => string[];
const runtimeSupports: Supported = (tags) => Intl.DateTimeFormat.supportedLocalesOf(tags);

export function dateFormatter(
	lang: string,
	options: Intl.DateTimeFormatOptions,
	supported: Supported = runtimeSupports
): DateFormatter {
	const intl = new Intl.DateTimeFormat(intlLocale(lang), options);
	if (lang !== 'cy' || supported(['cy']).length > 0) return intl;
	const british = new Intl.DateTimeFormat('en-GB', options);
	const monthNumber = new Intl.DateTimeFormat('en-GB', {
		timeZone: options.timeZone,
		month: 'numeric'
	});
	const longName = new Intl.DateTimeFormat('en-GB', { timeZone: options.timeZone, month: 'long' });
	return {
		format(date) {
			const index = Number(monthNumber.format(date)) - 1;
			return british
				.formatToParts(date)
				.map((part) => {
					if (part.type !== 'month' || /^\d+$/.test(part.value)) return part.value;
					return part.value === longName.format(date)
						? welshMonths.long[index]
						: welshMonths.short[index];
				})
				.join('');
		}
	};
}
