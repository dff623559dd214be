/** SQLite allows 32,766 bound parameters per statement; keep some for the rest of the statement. */
const PARAMETER_BUDGET = 32_000;

/** Bound parameters per row of a multi-row insert: one per column. */
export const columnsOf = (rows: object[]) => Object.keys(rows[0] ?? {}).length || 1;

/** Runs `work` on slices of `items` small enough for SQLite's limit on bound parameters. */
export async function inChunks<T>(
	items: T[],
	parametersPerItem: number,
	work: (slice: T[]) => Promise<unknown>
): Promise<void> {
	const size = Math.floor(PARAMETER_BUDGET / parametersPerItem);
	for (let start = 0; start < items.length; start += size)
		await work(items.slice(start, start + size));
}
