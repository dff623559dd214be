/*
 * Unmet need by language: the records where the patient needed a language other than the one
 * the briefing was given in ("needed Polish, given English with an interpreter"). It lists
 * every language patients needed — with or without a briefing in it yet — so a lead sees which
 * translations would help most, not only how the languages that have content do.
 */
import { toCsv } from './csv';
import { showCount } from './suppression';

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

export const UNMET_NEED_CSV_COLUMNS = [
	'language_needed',
	'language_given',
	'records',
	'interpreter_used',
	'interpreter_not_recorded',
	'content_in_language_needed'
] as const;

/**
 * The same, one row per language needed × given, as an export: counts of 1 to 4 always "<5".
 * No totals are given alongside, so no suppressed cell can be worked back from them.
 */
export function unmetNeedCsv(
	cells: readonly UnmetNeedCell[],
	contentLanguages: ReadonlySet<string>
): string {
	const rows = [...cells]
		.sort((a, b) => a.needed.localeCompare(b.needed) || a.given.localeCompare(b.given))
		.map((c) => [
			c.needed,
			c.given,
			showCount(c.records, false),
			showCount(c.interpreterUsed, false),
			showCount(c.interpreterNotRecorded, false),
			contentLanguages.has(c.needed) ? 'yes' : 'no'
		]);
	return toCsv([[...UNMET_NEED_CSV_COLUMNS], ...rows]);
}
