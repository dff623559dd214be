import { dateFormatter } from '$lib/domain/date-format';
import { intlLocale } from '$lib/domain/language';

/** A measure's value as the reader's language writes numbers: percentages to one decimal place. */
export function formatNumber(value: number, lang: string, unit: 'percentage' | 'count'): string {
	return new Intl.NumberFormat(intlLocale(lang), {
		maximumFractionDigits: unit === 'percentage' ? 1 : 0
	}).format(value);
}

/**
 * A period key as the reader's language writes it: a week by its Monday, a month by name. The
 * key is already the organisation's local calendar date (see $lib/domain/local-time), so it is
 * formatted as written: UTC here only stops the runtime's own zone moving it a day.
 */
export function formatPeriod(period: string, lang: string): string {
	const month = period.length === 7;
	return dateFormatter(lang, {
		timeZone: 'UTC',
		...(month
			? { month: 'short', year: 'numeric' }
			: { day: 'numeric', month: 'short', year: 'numeric' })
	}).format(new Date(`${month ? `${period}-01` : period}T00:00:00Z`));
}
