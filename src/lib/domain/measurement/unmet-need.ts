/*
 * Unmet need by language: the records where the patient needed a language other than the one
 * the briefing was given in ("needed Polish, given English with an interpreter"). It lists
 * every language patients needed — with or without a briefing in it yet — so a lead sees which
 * translations would help most, not only how the languages that have content do.
 */
import { toCsv } from './csv';
import { protect, type Line } from './disclosure/cells';
import type { ShownCount } from './disclosure/equity';

/** Records counted by language needed × language given. */
export interface UnmetNeedCell {
	needed: string;
	given: string;
	records: number;
	/** Of them, with an interpreter; and with the interpreter question not recorded. */
	interpreterUsed: number;
	interpreterNotRecorded: number;
}

export interface UnmetNeedRow {
	needed: string;
	records: number;
	/** The languages it was given in instead, most often first (names only on screen). */
	givenIn: string[];
	interpreterUsed: number;
	interpreterNotRecorded: number;
	/** Whether the organisation has a published briefing in the language needed. */
	hasContent: boolean;
}

const byCountThenCode =
	<T extends { records: number }>(key: (t: T) => string) =>
	(a: T, b: T) =>
		b.records - a.records || key(a).localeCompare(key(b));

/** One row per language needed, most records first. */
export function unmetNeedView(
	cells: readonly UnmetNeedCell[],
	contentLanguages: ReadonlySet<string>
): UnmetNeedRow[] {
	const rows = new Map<string, UnmetNeedRow & { given: Map<string, number> }>();
	for (const cell of cells) {
		const row = rows.get(cell.needed) ?? {
			needed: cell.needed,
			records: 0,
			givenIn: [],
			given: new Map<string, number>(),
			interpreterUsed: 0,
			interpreterNotRecorded: 0,
			hasContent: contentLanguages.has(cell.needed)
		};
		row.records += cell.records;
		row.interpreterUsed += cell.interpreterUsed;
		row.interpreterNotRecorded += cell.interpreterNotRecorded;
		row.given.set(cell.given, (row.given.get(cell.given) ?? 0) + cell.records);
		rows.set(cell.needed, row);
	}
	return [...rows.values()]
		.map(({ given, ...row }) => ({
			...row,
			givenIn: [...given.entries()]
				.map(([language, records]) => ({ language, records }))
				.sort(byCountThenCode((g) => g.language))
				.map((g) => g.language)
		}))
		.sort(byCountThenCode((r) => r.needed));
}

/** A row as a reader who is not the lead sees it: counts withheld, on the server. */
export interface ShownUnmetNeedRow extends Omit<
	UnmetNeedRow,
	'records' | 'interpreterUsed' | 'interpreterNotRecorded'
> {
	records: ShownCount;
	interpreterUsed: ShownCount;
}

const cellId = (c: Pick<UnmetNeedCell, 'needed' | 'given'>, count: string) =>
	`c:${c.needed}:${c.given}:${count}`;
const rowId = (needed: string, count: string) => `n:${needed}:${count}`;

/**
 * Which counts to withhold from anyone but the lead, on screen and in the CSV alike: a reader
 * may hold both, so they are protected as one table. Each language needed × given splits its
 * records into interpreter used and the rest (not used, or not recorded); the screen's row for
 * a language needed adds up its records and its "interpreter used". Counts of 1 to 4 are
 * hidden, the rest among them (which any reader can work out as records less used), then
 * whatever would give one away (cells.ts): "Polish 10" on screen beside "Polish, given English:
 * 9" in the CSV would give away the 1 given Romanian, and "10 records, 7 with an interpreter"
 * the 3 without.
 */
function unmetNeedWithheld(cells: readonly UnmetNeedCell[]): Set<string> {
	const values = new Map<string, number>();
	const lines: Line[] = [];
	const byNeeded = new Map<string, UnmetNeedCell[]>();
	for (const c of cells) {
		values.set(cellId(c, 'records'), c.records);
		values.set(cellId(c, 'used'), c.interpreterUsed);
		values.set(cellId(c, 'rest'), c.records - c.interpreterUsed);
		values.set(cellId(c, 'notRecorded'), c.interpreterNotRecorded);
		values.set(cellId(c, 'notUsed'), notUsed(c));
		lines.push(
			{ total: cellId(c, 'records'), parts: [cellId(c, 'used'), cellId(c, 'rest')] },
			{ total: cellId(c, 'rest'), parts: [cellId(c, 'notRecorded'), cellId(c, 'notUsed')] }
		);
		byNeeded.set(c.needed, [...(byNeeded.get(c.needed) ?? []), c]);
	}
	for (const [needed, list] of byNeeded) {
		for (const count of ['records', 'used', 'rest']) {
			const parts = list.map((c) => cellId(c, count));
			values.set(
				rowId(needed, count),
				parts.reduce((n, id) => n + (values.get(id) ?? 0), 0)
			);
			lines.push({ total: rowId(needed, count), parts });
		}
		lines.push({
			total: rowId(needed, 'records'),
			parts: [rowId(needed, 'used'), rowId(needed, 'rest')]
		});
	}
	return protect(values, lines);
}

const notUsed = (c: UnmetNeedCell) => c.records - c.interpreterUsed - c.interpreterNotRecorded;

/** The table's rows, with the counts a reader who is not the lead may not see withheld. */
export function discloseUnmetNeed(
	cells: readonly UnmetNeedCell[],
	contentLanguages: ReadonlySet<string>,
	raw: boolean
): ShownUnmetNeedRow[] {
	const withheld = raw ? new Set<string>() : unmetNeedWithheld(cells);
	const shown = (id: string, count: number): ShownCount => (withheld.has(id) ? 'withheld' : count);
	// The screen does not show how often the interpreter question was not recorded: not sent.
	return unmetNeedView(cells, contentLanguages).map(
		({ interpreterNotRecorded: _notShown, ...row }) => ({
			...row,
			records: shown(rowId(row.needed, 'records'), row.records),
			interpreterUsed: shown(rowId(row.needed, 'used'), row.interpreterUsed)
		})
	);
}

export const UNMET_NEED_CSV_COLUMNS = [
	'language_needed',
	'language_given',
	'records',
	'interpreter_used',
	'interpreter_not_used',
	'interpreter_not_recorded',
	'content_in_language_needed',
	'suppressed'
] as const;

/**
 * The same, one row per language needed × given, as an export, whoever downloads it: the counts
 * the screen withholds from anyone but the lead are withheld (an empty cell, and the row's
 * `suppressed` is true), so no withheld count can be worked back from the screen's totals or
 * from the row's other counts.
 */
export function unmetNeedCsv(
	cells: readonly UnmetNeedCell[],
	contentLanguages: ReadonlySet<string>
): string {
	const withheld = unmetNeedWithheld(cells);
	const rows = [...cells]
		.sort((a, b) => a.needed.localeCompare(b.needed) || a.given.localeCompare(b.given))
		.map((c) => {
			const counts = (
				[
					['records', c.records],
					['used', c.interpreterUsed],
					['notUsed', notUsed(c)],
					['notRecorded', c.interpreterNotRecorded]
				] as const
			).map(([count, n]) => (withheld.has(cellId(c, count)) ? null : n));
			return [
				c.needed,
				c.given,
				...counts,
				contentLanguages.has(c.needed) ? 'yes' : 'no',
				counts.includes(null) ? 'true' : 'false'
			];
		});
	return toCsv([[...UNMET_NEED_CSV_COLUMNS], ...rows]);
}
