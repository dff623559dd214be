import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSmall, protect, type Line } from './cells';

/*
 * A reader sees a table with its row totals, column totals and the whole-organisation row, some
 * cells hidden. For every hidden cell we build a second table, different in that cell, that
 * agrees with everything shown: same shown cells, every line still adding up, no count below
 * zero. If such a table always exists, no hidden cell can be worked out from what is shown,
 * by solving the sums or otherwise. The construction is independent of `protect`: a cycle of
 * hidden cells through the one in question, moved by +1 and -1 alternately.
 */
const id = (i: number, j: number) => `${i}:${j}`;

/** The table extended by its totals: row `rows` holds the column totals, column `cols` the row totals. */
function extend(cells: number[][]): { values: Map<string, number>; lines: Line[] } {
	const rows = cells.length;
	const cols = cells[0]?.length ?? 0;
	const values = new Map<string, number>();
	const lines: Line[] = [];
	let grand = 0;
	for (let i = 0; i < rows; i++) {
		let total = 0;
		for (let j = 0; j < cols; j++) {
			const v = cells[i]?.[j] ?? 0;
			values.set(id(i, j), v);
			total += v;
		}
		values.set(id(i, cols), total);
		grand += total;
		lines.push({ total: id(i, cols), parts: [...Array(cols).keys()].map((j) => id(i, j)) });
	}
	for (let j = 0; j < cols; j++) {
		values.set(
			id(rows, j),
			cells.reduce((n, r) => n + (r[j] ?? 0), 0)
		);
		lines.push({ total: id(rows, j), parts: [...Array(rows).keys()].map((i) => id(i, j)) });
	}
	values.set(id(rows, cols), grand);
	lines.push({ total: id(rows, cols), parts: [...Array(cols).keys()].map((j) => id(rows, j)) });
	lines.push({ total: id(rows, cols), parts: [...Array(rows).keys()].map((i) => id(i, cols)) });
	return { values, lines };
}

/** Another table agreeing with everything shown but not in `cell`, or null if none is found. */
function alternative(
	values: ReadonlyMap<string, number>,
	hidden: ReadonlySet<string>,
	rows: number,
	cols: number,
	cell: [number, number]
): Map<string, number> | null {
	// Bipartite graph: row vertices 0..rows, column vertices 0..cols, hidden cells as edges.
	const [r0, c0] = cell;
	const previous = new Map<string, [string, [number, number]]>();
	const start = `r${r0}`;
	const goal = `c${c0}`;
	const queue = [start];
	const seen = new Set([start]);
	while (queue.length) {
		const v = queue.shift() as string;
		if (v === goal) break;
		const n = Number(v.slice(1));
		const neighbours: Array<[string, [number, number]]> =
			v[0] === 'r'
				? [...Array(cols + 1).keys()].map((j) => [`c${j}`, [n, j]])
				: [...Array(rows + 1).keys()].map((i) => [`r${i}`, [i, n]]);
		for (const [w, edge] of neighbours) {
			if (!hidden.has(id(...edge)) || (edge[0] === r0 && edge[1] === c0) || seen.has(w)) continue;
			seen.add(w);
			previous.set(w, [v, edge]);
			queue.push(w);
		}
	}
	if (!previous.has(goal)) return null;
	const cycle: Array<[number, number]> = [cell];
	for (let v = goal; v !== start;) {
		const [from, edge] = previous.get(v) as [string, [number, number]];
		cycle.push(edge);
		v = from;
	}
	// Totals enter their lines with the opposite sign to the parts.
	const sign = (i: number, j: number) => ((i === rows) !== (j === cols) ? -1 : 1);
	for (const delta of [1, -1]) {
		const next = new Map(values);
		cycle.forEach(([i, j], k) => {
			const v = next.get(id(i, j)) ?? 0;
			next.set(id(i, j), v + (k % 2 === 0 ? delta : -delta) * sign(i, j));
		});
		if ([...next.values()].every((v) => v >= 0)) return next;
	}
	return null;
}

const tables = fc
	.record({ rows: fc.integer({ min: 1, max: 5 }), cols: fc.integer({ min: 1, max: 5 }) })
	.chain(({ rows, cols }) =>
		fc.array(
			fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 })), {
				minLength: cols,
				maxLength: cols
			}),
			{ minLength: rows, maxLength: rows }
		)
	);

describe('secondary suppression over random tables with totals', () => {
	it('hides every count from 1 to 4, totals included', () => {
		fc.assert(
			fc.property(tables, (cells) => {
				const { values, lines } = extend(cells);
				const hidden = protect(values, lines);
				for (const [key, v] of values) if (isSmall(v)) expect(hidden.has(key), key).toBe(true);
			})
		);
	});

	it('leaves no hidden cell that could be worked out from what is shown', () => {
		fc.assert(
			fc.property(tables, (cells) => {
				const { values, lines } = extend(cells);
				const hidden = protect(values, lines);
				const rows = cells.length;
				const cols = cells[0]?.length ?? 0;
				for (const key of hidden) {
					const [i, j] = key.split(':').map(Number) as [number, number];
					const other = alternative(values, hidden, rows, cols, [i, j]);
					expect(other, `hidden ${key} of ${JSON.stringify(cells)}`).not.toBeNull();
					if (!other) return;
					expect(other.get(key)).not.toBe(values.get(key));
					for (const [k, v] of values) if (!hidden.has(k)) expect(other.get(k)).toBe(v);
					for (const line of lines)
						expect(line.parts.reduce((n, p) => n + (other.get(p) ?? 0), 0)).toBe(
							other.get(line.total)
						);
				}
			}),
			{ numRuns: 300 }
		);
		// Checked with 5,000 runs too; 300 keep a loaded 2-core CI well inside the time allowed.
	}, 30_000);

	it('hides nothing when no count is small', () => {
		fc.assert(
			fc.property(tables, (cells) => {
				const big = cells.map((r) => r.map((v) => (isSmall(v) ? v + 5 : v)));
				const { values, lines } = extend(big);
				// Parts of 0 or 5 and more never add up to a total from 1 to 4.
				expect(protect(values, lines).size).toBe(0);
			})
		);
	});
});
