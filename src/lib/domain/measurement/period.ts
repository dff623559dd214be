/*
 * Periods of the measures: ISO weeks (Monday to Sunday, keyed by their Monday as YYYY-MM-DD)
 * or calendar months (keyed YYYY-MM). Records carry UTC instants; a period is worked out from
 * the instant's local calendar date in the organisation's zone (`localDay` in ../local-time,
 * stored with the record when it is received), so the same record always lands in the same
 * period. The arithmetic here is on calendar dates only, hence the UTC methods: no zone moves it.
 */
export const periodKinds = ['week', 'month'] as const;
export type PeriodKind = (typeof periodKinds)[number];

const DAY_MS = 86_400_000;

function utcDate(day: string): Date {
	return new Date(`${day}T00:00:00Z`);
}

/** The Monday (YYYY-MM-DD) of the ISO week holding a YYYY-MM-DD day. */
export function weekStartOf(day: string): string {
	const date = utcDate(day);
	const sinceMonday = (date.getUTCDay() + 6) % 7;
	return new Date(date.getTime() - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

export function isMonday(day: string): boolean {
	return utcDate(day).getUTCDay() === 1;
}

/** The period a YYYY-MM-DD day falls in. */
export function periodOf(day: string, kind: PeriodKind): string {
	return kind === 'week' ? weekStartOf(day) : day.slice(0, 7);
}

/** The first day (YYYY-MM-DD) of a period key. */
export function periodStart(key: string): string {
	return key.length === 7 ? `${key}-01` : key;
}

function nextPeriod(key: string, kind: PeriodKind): string {
	if (kind === 'week')
		return new Date(utcDate(key).getTime() + 7 * DAY_MS).toISOString().slice(0, 10);
	const [year, month] = key.split('-').map(Number) as [number, number];
	return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** Every period from the one holding `fromDay` to the one holding `toDay`, in order. */
export function periodsBetween(fromDay: string, toDay: string, kind: PeriodKind): string[] {
	const last = periodOf(toDay, kind);
	const periods: string[] = [];
	for (let p = periodOf(fromDay, kind); p <= last; p = nextPeriod(p, kind)) periods.push(p);
	return periods;
}

/** The ISO 8601 week label, e.g. 2026-W48, of a week's Monday. */
export function isoWeekLabel(monday: string): string {
	// The ISO year is the year of the week's Thursday.
	const thursday = new Date(utcDate(monday).getTime() + 3 * DAY_MS);
	const year = thursday.getUTCFullYear();
	const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
	return `${year}-W${String(week).padStart(2, '0')}`;
}
