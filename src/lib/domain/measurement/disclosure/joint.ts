import type { MeasurePoint } from '../measures';
import { isSmall, protect, type Line } from './cells';

/*
 * Joint protection across pages. Each chart is disclosure-controlled on its own, but a reader
 * without raw counts can open the organisation's chart and every ward's chart (and every patient
 * group's, format's and language's) for the same week, and subtract: 23 for the organisation,
 * 11 and 9 shown for two wards, so the third ward's hidden week was 3.
 *
 * So, per period and per measure, every slice a reader can open is one table: the
 * organisation's cell, one cell per value of each dimension (ward, patient group, format,
 * language) and one per saved set of values (an aim's wards), with the lines
 *   organisation = sum of the wards = sum of the groups = sum of the formats = sum of the languages
 *   a set        = sum of its members.
 * The module's secondary suppression (`protect`) runs on it, once for each quantity a page shows:
 *   count measures     the count;
 *   percentages        the denominator first, then the numerator (hidden as well where its
 *                      denominator is hidden or the rest, denominator − numerator, is 1 to 4:
 *                      a shown numerator and denominator give away the rest);
 *   not recorded       the "not recorded" counts of talked through and teach-back.
 * Every page and CSV then hides whatever this table hides for its slice (on top of its own rules).
 *
 * Lines that do not add up exactly (feedback through the public link has no ward; coverage
 * counts only wards that entered admissions) are kept: recoverability depends only on which
 * cells are hidden and on the lines, so an extra or inexact line only makes protection stricter,
 * and a part the reader never sees (feedback with no ward) is treated as if it were known.
 *
 * Example (one week, a count): organisation 23; wards A 3, B 11, C 9. A is hidden (1 to 4);
 * A = 23 − 11 − 9 would give it away, so C's 9 (the smallest other count in that line) is
 * hidden too, on the organisation's page, ward C's page and every CSV alike; hiding the
 * organisation's 23 instead would open the groups', formats' and languages' lines.
 */

export type Dimension = 'ward' | 'group' | 'format' | 'language';
export const dimensions: readonly Dimension[] = ['ward', 'group', 'format', 'language'];

/** The organisation's slice (no filter). */
export const ORGANISATION = 'organisation';
/** One value of one dimension, e.g. `ward:<id>`. */
export const sliceId = (dimension: Dimension, value: string) => `${dimension}:${value}`;
/** A saved set of values of one dimension (an aim's wards). */
export const setId = (id: string) => `set:${id}`;

export interface JointSeries {
	unit: 'percentage' | 'count';
	organisation: readonly MeasurePoint[];
	/** Every value of every dimension found in the data, each with its own series. */
	slices: ReadonlyArray<{ dimension: Dimension; value: string; points: readonly MeasurePoint[] }>;
	/** Slices made of several values of one dimension: they add up from their members. */
	sets?: ReadonlyArray<{ id: string; dimension: Dimension; values: readonly string[] }>;
}

/** What a slice's period must hide, whatever its own rules say. */
export interface JointWithheld {
	value: boolean;
	numerator: boolean;
	denominator: boolean;
	notRecorded: boolean;
}

/** Per period, per slice id (ORGANISATION, `sliceId(…)`, `setId(…)`): what is hidden. */
export type JointProtection = ReadonlyMap<string, ReadonlyMap<string, JointWithheld>>;

export interface Cell {
	numerator: number;
	denominator: number;
	hasValue: boolean;
	notRecorded: number | undefined;
}

const emptyCell = (): Cell => ({
	numerator: 0,
	denominator: 0,
	hasValue: false,
	notRecorded: undefined
});

const add = (into: Cell, p: Cell) => {
	into.numerator += p.numerator;
	into.denominator += p.denominator;
	into.hasValue ||= p.hasValue;
	if (p.notRecorded !== undefined) into.notRecorded = (into.notRecorded ?? 0) + p.notRecorded;
};

const cellOf = (p: MeasurePoint): Cell => ({
	numerator: p.numerator,
	denominator: p.denominator ?? 0,
	hasValue: p.value !== null,
	notRecorded: p.notRecorded
});

/**
 * A measure's cells, period by period and slice by slice (the organisation, each value of each
 * dimension, each set), and the lines joining them.
 */
export function tableOf(series: JointSeries): {
	table: Map<string, Map<string, Cell>>;
	lines: Line[];
} {
	// Period → slice id → cell.
	const table = new Map<string, Map<string, Cell>>();
	const put = (id: string, points: readonly MeasurePoint[]) => {
		// A slice's own chart starts at its first data: the empty periods before it are known
		// zeros (left out of the table), never cells to hide.
		const first = points.findIndex(
			(p) => p.numerator !== 0 || (p.denominator ?? 0) !== 0 || (p.notRecorded ?? 0) !== 0
		);
		for (const p of first < 0 ? [] : points.slice(first)) {
			const period = table.get(p.period) ?? new Map<string, Cell>();
			table.set(p.period, period);
			period.set(id, cellOf(p));
		}
	};
	put(ORGANISATION, series.organisation);
	for (const s of series.slices) put(sliceId(s.dimension, s.value), s.points);

	const members = new Map<Dimension, string[]>();
	for (const s of series.slices)
		members.set(s.dimension, [...(members.get(s.dimension) ?? []), sliceId(s.dimension, s.value)]);
	const lines: Line[] = [...members.values()].map((parts) => ({ total: ORGANISATION, parts }));
	const present = new Set(series.slices.map((s) => sliceId(s.dimension, s.value)));
	for (const set of series.sets ?? []) {
		// A value with no data at all shows nothing anywhere: a known zero, not a cell.
		const parts = set.values.map((v) => sliceId(set.dimension, v)).filter((id) => present.has(id));
		lines.push({ total: setId(set.id), parts });
		for (const period of table.values()) {
			const total = emptyCell();
			for (const part of parts) {
				const cell = period.get(part);
				if (cell) add(total, cell);
			}
			period.set(setId(set.id), total);
		}
	}

	return { table, lines };
}

export function protectJointly(series: JointSeries): JointProtection {
	const { table, lines } = tableOf(series);
	const result = new Map<string, Map<string, JointWithheld>>();
	for (const [period, cells] of table) {
		const ids = [...cells.keys()];
		const of = (pick: (c: Cell) => number) =>
			new Map(ids.map((id) => [id, pick(cells.get(id) as Cell)]));
		let numerators: Set<string>;
		let denominators = new Set<string>();
		if (series.unit === 'count')
			numerators = protect(
				of((c) => c.numerator),
				lines
			);
		else {
			denominators = protect(
				of((c) => c.denominator),
				lines
			);
			const also = ids.filter((id) => {
				const c = cells.get(id) as Cell;
				return denominators.has(id) || (c.denominator > 0 && isSmall(c.denominator - c.numerator));
			});
			numerators = protect(
				of((c) => c.numerator),
				lines,
				also
			);
		}
		const withNotRecorded = ids.some((id) => cells.get(id)?.notRecorded !== undefined);
		const notRecorded = withNotRecorded
			? protect(
					of((c) => c.notRecorded ?? 0),
					lines
				)
			: new Set<string>();
		const byId = new Map<string, JointWithheld>();
		for (const id of ids) {
			const c = cells.get(id) as Cell;
			const numerator = numerators.has(id);
			const denominator = denominators.has(id);
			byId.set(id, {
				value: c.hasValue && (numerator || (series.unit === 'percentage' && denominator)),
				numerator,
				denominator,
				notRecorded: notRecorded.has(id)
			});
		}
		result.set(period, byId);
	}
	return result;
}

/** One slice's hidden cells, period by period, as `discloseChart` takes them. */
export function jointFor(protection: JointProtection, id: string): Map<string, JointWithheld> {
	const out = new Map<string, JointWithheld>();
	for (const [period, byId] of protection) {
		const w = byId.get(id);
		if (w) out.set(period, w);
	}
	return out;
}
