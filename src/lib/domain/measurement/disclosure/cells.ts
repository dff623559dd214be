/*
 * Small-number disclosure control for counts shown together, as NHS England's (formerly NHS
 * Digital's) small-numbers guidance asks: a count from 1 to 4 could point at a person, so it is
 * hidden (primary suppression); then, because a hidden count must not be recoverable from the
 * totals or other counts shown with it, more counts are hidden until none can be worked out
 * (secondary suppression).
 *
 * The numbers shown together are cells joined by lines: `total = sum of parts` (a table's row,
 * its column, its whole-organisation row). A reader knows every shown cell and every line. A
 * hidden cell is recoverable when some combination of the lines gives it on its own, i.e. when
 * the unit vector of that cell lies in the row space of the lines restricted to the hidden
 * cells. We reduce that matrix to reduced row echelon form: a hidden cell is recoverable
 * exactly when its column is a pivot whose row has no other non-zero entry.
 *
 * Example: a row 3 | 7 | 10 (total). Hiding 3 alone leaves `3 = 10 - 7`: recoverable. Hiding
 * 7 too (the smallest other count in that row) leaves `a + b = 10`: neither can be worked out.
 * A column then carrying only the hidden 7 would give it away, and so on until nothing does.
 *
 * Complements are always counts of at least 1 here (zeros are never chosen while a count is
 * available), so each hidden cell lies on a cycle of hidden cells that can move by ±1 in both
 * directions: a second, equally consistent table exists in which it differs (the property test
 * builds that table).
 */

/** `total = sum of parts`, every cell named by an id. */
export interface Line {
	total: string;
	parts: readonly string[];
}

const SMALL_MAX = 4;

/** A count from 1 to 4: the counts that are always hidden outside the lead's own view. */
export function isSmall(count: number): boolean {
	return count >= 1 && count <= SMALL_MAX;
}

const EPSILON = 1e-9;

/** The hidden cells that the lines and the shown cells give away. */
export function recoverable(lines: readonly Line[], hidden: ReadonlySet<string>): string[] {
	const columns = [...hidden];
	const index = new Map(columns.map((id, i) => [id, i]));
	const matrix: number[][] = [];
	for (const line of lines) {
		const row = new Array<number>(columns.length).fill(0);
		let any = false;
		const put = (id: string, sign: number) => {
			const i = index.get(id);
			if (i === undefined) return;
			row[i] = (row[i] ?? 0) + sign;
			any = true;
		};
		put(line.total, -1);
		for (const part of line.parts) put(part, 1);
		if (any) matrix.push(row);
	}
	const pivotRowOf = reduce(matrix, columns.length);
	return columns.filter((_, c) => {
		const r = pivotRowOf.get(c);
		if (r === undefined) return false;
		const row = matrix[r] as number[];
		return row.every((v, k) => k === c || Math.abs(v) < EPSILON);
	});
}

/** Gauss–Jordan in place; returns each pivot column's row. */
function reduce(m: number[][], width: number): Map<number, number> {
	const pivots = new Map<number, number>();
	let r = 0;
	for (let c = 0; c < width && r < m.length; c++) {
		let p = -1;
		for (let i = r; i < m.length; i++)
			if (Math.abs((m[i] as number[])[c] as number) > EPSILON) {
				p = i;
				break;
			}
		if (p < 0) continue;
		[m[r], m[p]] = [m[p] as number[], m[r] as number[]];
		const pivotRow = m[r] as number[];
		const pv = pivotRow[c] as number;
		for (let k = 0; k < width; k++) pivotRow[k] = (pivotRow[k] as number) / pv;
		for (let i = 0; i < m.length; i++) {
			if (i === r) continue;
			const row = m[i] as number[];
			const f = row[c] as number;
			if (Math.abs(f) < EPSILON) continue;
			for (let k = 0; k < width; k++) row[k] = (row[k] as number) - f * (pivotRow[k] as number);
		}
		pivots.set(c, r);
		r += 1;
	}
	return pivots;
}

/**
 * Which cells to hide: every count from 1 to 4 and every id in `alsoHidden` (e.g. a rate whose
 * denominator is hidden), then, while a hidden cell can be worked out, the smallest non-zero
 * count shown in a line with it (a zero only when no count is left).
 */
export function protect(
	values: ReadonlyMap<string, number>,
	lines: readonly Line[],
	alsoHidden: Iterable<string> = []
): Set<string> {
	const hidden = new Set<string>(alsoHidden);
	for (const [id, v] of values) if (isSmall(v)) hidden.add(id);
	const order = new Map([...values.keys()].map((id, i) => [id, i]));
	const byCell = new Map<string, Line[]>();
	for (const line of lines)
		for (const id of new Set([line.total, ...line.parts]))
			byCell.set(id, [...(byCell.get(id) ?? []), line]);
	const linesOf = (id: string) => byCell.get(id) ?? [];
	const all = new Set(byCell.keys());
	for (;;) {
		const exposed = [...recoverable(lines, hidden), ...forcedZeros(values, lines, hidden)];
		if (exposed.length === 0) return hidden;
		const near = connected(exposed, hidden, linesOf);
		const pick =
			best(near, hidden, values, order, linesOf, true) ??
			best(near, hidden, values, order, linesOf, false) ??
			best(all, hidden, values, order, linesOf, true) ??
			best(all, hidden, values, order, linesOf, false);
		// Nothing left to hide: every cell of every line is hidden, and nothing is shown.
		if (pick === undefined) return hidden;
		hidden.add(pick);
	}
}

/**
 * Hidden cells pinned at 0 because no count is below zero: when a line, or the difference or sum
 * of two lines, leaves hidden cells all of one sign adding up to 0, each is 0. E.g. a shown 5 =
 * two hidden wards, and an aim's shown 5 = the first of them + a shown 5: the second is 0. This
 * happens to cells hidden for another reason (a numerator whose denominator is hidden), which
 * may be 0; hidden counts of 1 to 4 and their non-zero complements are never pinned so.
 */
function forcedZeros(
	values: ReadonlyMap<string, number>,
	lines: readonly Line[],
	hidden: ReadonlySet<string>
): string[] {
	const vector = (line: Line) => {
		const v = new Map<string, number>();
		const put = (id: string, sign: number) => {
			if (hidden.has(id)) v.set(id, (v.get(id) ?? 0) + sign);
		};
		put(line.total, -1);
		for (const part of line.parts) put(part, 1);
		return v;
	};
	// A line with no hidden cell pins nothing, alone or with another.
	const vectors = lines.map(vector).filter((v) => v.size > 0);
	const combine = (a: Map<string, number>, b: Map<string, number>, sign: number) => {
		const v = new Map(a);
		for (const [id, x] of b) v.set(id, (v.get(id) ?? 0) + sign * x);
		return v;
	};
	const found = new Set<string>();
	const check = (v: Map<string, number>) => {
		const cells = [...v].filter(([, x]) => Math.abs(x) > EPSILON);
		if (cells.length === 0) return;
		const positive = cells[0]![1] > 0;
		if (!cells.every(([, x]) => x > 0 === positive)) return;
		if (cells.every(([id]) => (values.get(id) ?? 0) === 0)) for (const [id] of cells) found.add(id);
	};
	vectors.forEach((a, i) => {
		check(a);
		for (const b of vectors.slice(i + 1)) {
			check(combine(a, b, 1));
			check(combine(a, b, -1));
		}
	});
	return [...found];
}

/**
 * The cells of every line reachable from the exposed cells through hidden cells: hiding any of
 * them can close the gap (e.g. a set's total beside the wards' line), not only the cells of the
 * exposed cells' own lines, which may leave only a grand total to hide.
 */
function connected(
	exposed: readonly string[],
	hidden: ReadonlySet<string>,
	linesOf: (id: string) => Line[]
): Set<string> {
	const cells = new Set<string>();
	const seen = new Set<Line>();
	const queue = [...exposed];
	while (queue.length) {
		const id = queue.pop() as string;
		for (const line of linesOf(id)) {
			if (seen.has(line)) continue;
			seen.add(line);
			for (const c of [line.total, ...line.parts]) {
				if (!cells.has(c) && hidden.has(c)) queue.push(c);
				cells.add(c);
			}
		}
	}
	return cells;
}

const before = (a: readonly number[], b: readonly number[]) => {
	const i = a.findIndex((v, j) => v !== b[j]);
	return i >= 0 && (a[i] as number) < (b[i] as number);
};

/**
 * The candidate to hide next: one whose every other line already has a hidden cell (hiding it
 * closes a cycle instead of exposing a new line) before one that does not, then the smallest
 * count, then the first in the caller's order.
 */
function best(
	candidates: ReadonlySet<string>,
	hidden: ReadonlySet<string>,
	values: ReadonlyMap<string, number>,
	order: ReadonlyMap<string, number>,
	linesOf: (id: string) => Line[],
	nonZero: boolean
): string | undefined {
	const opens = (id: string) =>
		linesOf(id).filter((l) => ![l.total, ...l.parts].some((c) => c !== id && hidden.has(c))).length;
	const key = (id: string) => [opens(id), values.get(id) ?? 0, order.get(id) ?? 0];
	let found: string | undefined;
	let foundKey: number[] = [];
	for (const id of candidates) {
		if (hidden.has(id)) continue;
		if (nonZero && (values.get(id) ?? 0) === 0) continue;
		const k = key(id);
		if (found === undefined || before(k, foundKey)) {
			found = id;
			foundKey = k;
		}
	}
	return found;
}
