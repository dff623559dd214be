import { z } from 'zod';

/*
 * Local time: the organisation's time zone decides which day, ISO week and month a record
 * belongs to. Records carry UTC instants (ISO 8601, `…Z`); `localDay` turns an instant into the
 * calendar date on the organisation's wall clock, using the IANA time-zone database built into
 * the JavaScript engine (Intl), so British Summer Time and every other zone's rules are the
 * engine's, not ours.
 *
 * Invariants: a day is local midnight to the next local midnight, so it lasts 23 hours on the
 * last Sunday of March in Europe/London and 25 on the last Sunday of October; every instant
 * falls in exactly one day. Example: 2026-03-29T23:30:00Z is 00:30 BST on Monday 30 March, so
 * it belongs to that Monday (and to the week starting on it), not to Sunday 29 March.
 */

/** Used when an organisation has not chosen one: every NHS organisation in England and Wales. */
export const DEFAULT_TIME_ZONE = 'Europe/London';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone (building one costs far more than using it). Throws on a bad name. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-GB', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/** The zone's canonical IANA name (`europe/london` → `Europe/London`), or null if unknown. */
export function canonicalTimeZone(name: string): string | null {
	// IANA names only: Intl would also take offsets such as "+01:00", which have no summer time.
	if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name) || name.length > 64) return null;
	try {
		return formatterFor(name).resolvedOptions().timeZone;
	} catch {
		return null;
	}
}

/** An IANA time-zone name, stored in its canonical spelling. */
export const TimeZone = z
	.string({ error: 'organisation.errors.timeZone' })
	.trim()
	.transform((name, ctx) => {
		const canonical = canonicalTimeZone(name);
		if (!canonical) ctx.addIssue({ code: 'custom', message: 'organisation.errors.timeZone' });
		return canonical ?? name;
	});
export type TimeZone = string;

function wallClock(instant: Date, timeZone: string) {
	const parts: Record<string, string> = {};
	for (const p of formatterFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
	return {
		day: `${parts.year}-${parts.month}-${parts.day}`,
		asUtc: Date.UTC(
			Number(parts.year),
			Number(parts.month) - 1,
			Number(parts.day),
			Number(parts.hour),
			Number(parts.minute),
			Number(parts.second)
		)
	};
}

/** An instant: ISO 8601 text, a Date, or milliseconds since the epoch. */
export type Instant = string | Date | number;

function toDate(instant: Instant): Date {
	const date = instant instanceof Date ? instant : new Date(instant);
	if (Number.isNaN(date.getTime())) throw new RangeError(`Not an instant: ${String(instant)}`);
	return date;
}

/** The local calendar date (YYYY-MM-DD) of a UTC instant in `timeZone`. */
export function localDay(instant: Instant, timeZone: string): string {
	return wallClock(toDate(instant), timeZone).day;
}

const HOUR_MS = 3_600_000;

/**
 * `localDay` for many instants in one zone (a sync batch's records), asking Intl twice per UTC
 * hour they fall in instead of once per instant: Intl's formatting was a twentieth of the
 * server's time ingesting records (docs/figures.md). Within an hour whose first and last
 * second have the same offset the zone had no clock change (no zone changes its clocks twice
 * within an hour), so each of its instants is its UTC time moved by that offset; an hour with
 * a change in it is left to `localDay`. Keep one per batch: it remembers every hour it met.
 */
export class LocalDays {
	readonly #timeZone: string;
	/** UTC hour (ms since the epoch / HOUR_MS) → the zone's offset in ms, or null: it changed. */
	readonly #offsets = new Map<number, number | null>();

	constructor(timeZone: string) {
		this.#timeZone = timeZone;
	}

	of(instant: Date): string {
		const hour = Math.floor(instant.getTime() / HOUR_MS);
		let offset = this.#offsets.get(hour);
		if (offset === undefined) {
			const at = (t: number) => wallClock(new Date(t), this.#timeZone).asUtc - t;
			const first = at(hour * HOUR_MS);
			offset = first === at((hour + 1) * HOUR_MS - 1000) ? first : null;
			this.#offsets.set(hour, offset);
		}
		if (offset === null) return localDay(instant, this.#timeZone);
		return new Date(instant.getTime() + offset).toISOString().slice(0, 10);
	}
}

/** How far the zone's wall clock is ahead of UTC at an instant, in minutes (BST: 60). */
export function offsetMinutes(instant: Instant, timeZone: string): number {
	const date = toDate(instant);
	const seconds = Math.floor(date.getTime() / 1000) * 1000;
	return Math.round((wallClock(date, timeZone).asUtc - seconds) / 60_000);
}

/**
 * The instant (ISO 8601, UTC) at which a local day starts: its first moment on the wall clock.
 * Where midnight itself is skipped by a clock change, the day starts at the first instant after
 * the gap, which still belongs to it.
 */
export function startOfLocalDay(day: string, timeZone: string): string {
	const midnightAsUtc = Date.parse(`${day}T00:00:00Z`);
	if (Number.isNaN(midnightAsUtc)) throw new RangeError(`Not a day: ${day}`);
	// Guess with the offset at midnight UTC, then correct once with the offset at the guess.
	let guess = midnightAsUtc - offsetMinutes(new Date(midnightAsUtc), timeZone) * 60_000;
	guess = midnightAsUtc - offsetMinutes(new Date(guess), timeZone) * 60_000;
	// A gap at midnight puts the guess in the previous day: step to the first hour of this one.
	while (localDay(new Date(guess), timeZone) < day) guess += 3_600_000;
	while (localDay(new Date(guess - 60_000), timeZone) === day) guess -= 60_000;
	return new Date(guess).toISOString();
}

/** The length of a local day in hours: 24, or 23 and 25 on the days the clocks change. */
export function hoursInLocalDay(day: string, timeZone: string): number {
	const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
	return (
		(Date.parse(startOfLocalDay(next, timeZone)) - Date.parse(startOfLocalDay(day, timeZone))) /
		3_600_000
	);
}
