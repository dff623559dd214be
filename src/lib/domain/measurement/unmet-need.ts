/*
 * Unmet need by language: the records where the patient needed a language other than the one
 * the briefing was given in ("needed Polish, given English with an interpreter"). It lists
 * every language patients needed — with or without a briefing in it yet — so a lead sees which
 * translations would help most, not only how the languages that have content do.
 */
import { toCsv } from './csv';
import { isSmall } from './disclosure/cells';
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

/** A row as a reader who is not the lead sees it: counts of 1 to 4 withheld, on the server. */
export interface ShownUnmetNeedRow extends Omit<
	UnmetNeedRow,
	'records' | 'interpreterUsed' | 'interpreterNotRecorded'
> {
	records: ShownCount;
	interpreterUsed: ShownCount;
}

const shown = (count: number, raw: boolean): ShownCount =>
	!raw && isSmall(count) ? 'withheld' : count;

/**
 * Disclosure control for the table: no totals are shown beside it and the languages given
 * instead are named without counts, so hiding each small count is enough.
 */
export function discloseUnmetNeed(
	rows: readonly UnmetNeedRow[],
	raw: boolean
): ShownUnmetNeedRow[] {
	// The screen does not show how often the interpreter question was not recorded: not sent.
	return rows.map(({ interpreterNotRecorded: _notShown, ...row }) => ({
		...row,
		records: shown(row.records, raw),
		interpreterUsed: shown(row.interpreterUsed, raw)
	}));
}

export const UNMET_NEED_CSV_COLUMNS = [
	'language_needed',
	'language_given',
	'records',
	'interpreter_used',
	'interpreter_not_recorded',
	'content_in_language_needed',
	'suppressed'
] as const;

/**
 * The same, one row per language needed × given, as an export: counts of 1 to 4 always withheld
 * (an empty cell, and the row's `suppressed` is true). No totals are given alongside, so no
 * withheld cell can be worked back from them.
 */
export function unmetNeedCsv(
	cells: readonly UnmetNeedCell[],
	contentLanguages: ReadonlySet<string>
): string {
	const rows = [...cells]
		.sort((a, b) => a.needed.localeCompare(b.needed) || a.given.localeCompare(b.given))
		.map((c) => {
			const counts = [c.records, c.interpreterUsed, c.interpreterNotRecorded];
			return [
				c.needed,
				c.given,
				...counts.map((n) => (isSmall(n) ? null : n)),
				contentLanguages.has(c.needed) ? 'yes' : 'no',
				counts.some(isSmall) ? 'true' : 'false'
			];
		});
	return toCsv([[...UNMET_NEED_CSV_COLUMNS], ...rows]);
}
