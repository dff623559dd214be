import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildChart } from '../chart';
import { measures, type MeasurePoint } from '../measures';
import { discloseChart, type DisclosedChart } from './chart';
import { jointFor, ORGANISATION, protectJointly, setId, sliceId } from './joint';

/*
 * Everything a reviewer can see of one measure: the organisation's chart, every ward's and every
 * patient group's chart (and an aim over the first two wards), each with its CSV (the same
 * numbers). Underneath is a ward × group table per week that no page shows. For every hidden
 * number we look for a second ward × group table, different in that number, that gives exactly
 * the same shown numbers on every page: if one exists, the hidden number cannot be worked out
 * from all the pages together. The search moves one or two cells of the hidden table by one
 * (numerator, denominator or both), independent of how `protect` chose what to hide.
 */

interface Cell {
	numerator: number;
	denominator: number;
}
/** weeks × wards × groups */
type Data = Cell[][][];

const weeks = ['2026-10-05', '2026-10-12'];
const AIM = 'aim';

function slicesOf(data: Data) {
	const wards = data[0]?.length ?? 0;
	const groups = data[0]?.[0]?.length ?? 0;
	const sum = (pick: (w: number, g: number) => boolean) =>
		data.map((week) => {
			const total = { numerator: 0, denominator: 0 };
			week.forEach((row, w) =>
				row.forEach((c, g) => {
					if (!pick(w, g)) return;
					total.numerator += c.numerator;
					total.denominator += c.denominator;
				})
			);
			return total;
		});
	const ids = new Map<string, Cell[]>([[ORGANISATION, sum(() => true)]]);
	for (let w = 0; w < wards; w++)
		ids.set(
			sliceId('ward', `w${w}`),
			sum((x) => x === w)
		);
	for (let g = 0; g < groups; g++)
		ids.set(
			sliceId('group', `g${g}`),
			sum((_, y) => y === g)
		);
	ids.set(
		setId(AIM),
		sum((x) => x < 2)
	);
	return { ids, wards, groups };
}

const pointsOf = (cells: Cell[], unit: 'percentage' | 'count'): MeasurePoint[] =>
	cells.map((c, i) => ({
		period: weeks[i] as string,
		value:
			unit === 'count'
				? c.numerator
				: c.denominator > 0
					? (100 * c.numerator) / c.denominator
					: null,
		numerator: c.numerator,
		denominator: unit === 'count' ? null : c.denominator
	}));

/** Every page as the reviewer sees it, by slice id. */
function pages(data: Data, unit: 'percentage' | 'count') {
	const { ids, wards } = slicesOf(data);
	const points = (id: string) => pointsOf(ids.get(id) as Cell[], unit);
	const protection = protectJointly({
		unit,
		organisation: points(ORGANISATION),
		slices: [...ids.keys()]
			.filter((id) => id !== ORGANISATION && id !== setId(AIM))
			.map((id) => {
				const [dimension, value] = id.split(':') as ['ward' | 'group', string];
				return { dimension, value, points: points(id) };
			}),
		sets: wards >= 2 ? [{ id: AIM, dimension: 'ward', values: ['w0', 'w1'] }] : []
	});
	const definition = unit === 'count' ? measures.deliveries : measures.talkedThrough;
	const shown = new Map<string, DisclosedChart>();
	for (const id of ids.keys()) {
		if (id === setId(AIM) && wards < 2) continue;
		const model = buildChart(points(id), definition, {
			chart: 'xmr',
			baselinePoints: null,
			rebaseAt: []
		});
		shown.set(id, discloseChart(model, unit, false, jointFor(protection, id)));
	}
	return { ids, shown };
}

/** Whether `other` agrees with every number shown and differs in the hidden one. */
function agrees(
	shown: Map<string, DisclosedChart>,
	other: Map<string, Cell[]>,
	hidden: { id: string; week: number; field: 'numerator' | 'denominator' },
	truth: Map<string, Cell[]>
) {
	for (const [id, chart] of shown)
		for (const [week, row] of chart.rows.entries()) {
			const cell = other.get(id)?.[week] as Cell;
			if (row.numerator !== null && row.numerator !== cell.numerator) return false;
			if (row.denominator !== null && row.denominator !== cell.denominator) return false;
		}
	const before = truth.get(hidden.id)?.[hidden.week]?.[hidden.field];
	return other.get(hidden.id)?.[hidden.week]?.[hidden.field] !== before;
}

type Move = [number, number]; // [Δ numerator, Δ denominator]
const countMoves: Move[] = [
	[1, 0],
	[-1, 0]
];
const rateMoves: Move[] = [
	[1, 0],
	[-1, 0],
	[0, 1],
	[0, -1],
	[1, 1],
	[-1, -1]
];

function alternativeExists(
	data: Data,
	unit: 'percentage' | 'count',
	shown: Map<string, DisclosedChart>,
	truth: Map<string, Cell[]>,
	hidden: { id: string; week: number; field: 'numerator' | 'denominator' }
): boolean {
	const week = data[hidden.week] as Cell[][];
	const places = week.flatMap((row, w) => row.map((_, g) => [w, g] as const));
	const moves = unit === 'count' ? countMoves : rateMoves;
	const apply = (changes: Array<[number, number, Move]>) => {
		const copy = data.map((wk, i) =>
			i === hidden.week ? wk.map((row) => row.map((c) => ({ ...c }))) : wk
		);
		for (const [w, g, [dn, dd]] of changes) {
			const c = copy[hidden.week]?.[w]?.[g] as Cell;
			c.numerator += dn;
			c.denominator += unit === 'count' ? 0 : dd;
			if (c.numerator < 0 || (unit === 'percentage' && c.numerator > c.denominator)) return null;
		}
		return copy;
	};
	const test = (changes: Array<[number, number, Move]>) => {
		const copy = apply(changes);
		return copy !== null && agrees(shown, slicesOf(copy).ids, hidden, truth);
	};
	for (const [i, [w, g]] of places.entries())
		for (const m of moves) {
			if (test([[w, g, m]])) return true;
			for (const [w2, g2] of places.slice(i + 1))
				for (const m2 of moves)
					if (
						test([
							[w, g, m],
							[w2, g2, m2]
						])
					)
						return true;
		}
	// A witness may need a cycle of moves: one hidden number up, another down, and a third and
	// fourth that keep every shown total (found: 4/5 in a ward recoverable only from a 4-cell
	// cycle through two groups and the aim's wards). Numerators only, three or four cells.
	const signs = [1, -1] as const;
	const cycles = (from: number, left: number, chosen: Array<[number, number, Move]>): boolean => {
		if (left === 0) return test(chosen);
		for (let i = from; i < places.length; i++) {
			const [w, g] = places[i] as readonly [number, number];
			for (const sign of signs)
				if (cycles(i + 1, left - 1, [...chosen, [w, g, [sign, 0]]])) return true;
		}
		return false;
	};
	return cycles(0, 3, []) || cycles(0, 4, []);
}

const count = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 30 }));
const data = (unit: 'percentage' | 'count') =>
	fc
		.record({ wards: fc.integer({ min: 2, max: 4 }), groups: fc.integer({ min: 1, max: 3 }) })
		.chain(({ wards, groups }) =>
			fc.array(
				fc.array(
					fc.array(
						fc
							.tuple(count, count)
							.map(([a, b]) =>
								unit === 'count'
									? { numerator: a, denominator: 0 }
									: { numerator: Math.min(a, b), denominator: Math.max(a, b) }
							),
						{ minLength: groups, maxLength: groups }
					),
					{ minLength: wards, maxLength: wards }
				),
				{ minLength: weeks.length, maxLength: weeks.length }
			)
		);

describe('joint protection: every page of one measure together', () => {
	for (const unit of ['count', 'percentage'] as const) {
		it(`leaves no hidden ${unit} that the pages together give away`, () => {
			fc.assert(
				fc.property(data(unit), (table) => {
					const { ids, shown } = pages(table, unit);
					for (const [id, chart] of shown)
						for (const [week, row] of chart.rows.entries())
							for (const field of ['numerator', 'denominator'] as const) {
								if (unit === 'count' && field === 'denominator') continue;
								if (row[field] !== null) continue;
								const hidden = { id, week, field };
								expect(
									alternativeExists(table, unit, shown, ids, hidden),
									`${id} week ${week} ${field} of ${JSON.stringify(table)}`
								).toBe(true);
							}
				}),
				// A fixed seed, so CI is repeatable; FC_SEED=<n> explores others. Known open case
				// (2026-12-03): a hidden zero beside a shown zero total can be pinned (see
				// docs/measurement.md, "Not covered yet").
				{ numRuns: 150, seed: Number(process.env.FC_SEED ?? 20261203) }
			);
		}, 60_000);

		it(`hides every ${unit} from 1 to 4 on every page, and never draws lines through one`, () => {
			fc.assert(
				fc.property(data(unit), (table) => {
					const { ids, shown } = pages(table, unit);
					for (const [id, chart] of shown)
						for (const [week, row] of chart.rows.entries()) {
							const truth = ids.get(id)?.[week] as Cell;
							const small = (n: number) => n >= 1 && n <= 4;
							if (small(truth.numerator)) expect(row.numerator).toBeNull();
							if (unit === 'percentage' && small(truth.denominator))
								expect(row.denominator).toBeNull();
							if (row.centre !== null)
								expect(chart.rows.every((r) => !r.withheld.value)).toBe(true);
						}
				}),
				{ numRuns: 200 }
			);
		});
	}

	it('hides a ward whose week the organisation minus the other wards would give', () => {
		const table: Data = weeks.map(() => [
			[{ numerator: 3, denominator: 0 }],
			[{ numerator: 11, denominator: 0 }],
			[{ numerator: 9, denominator: 0 }]
		]);
		const { shown } = pages(table, 'count');
		const shownOf = (id: string) => shown.get(id)?.rows.map((r) => r.numerator);
		expect(shownOf(ORGANISATION)).toEqual([23, 23]);
		expect(shownOf(sliceId('ward', 'w0'))).toEqual([null, null]);
		// One of the two other wards goes too, so 23 − 11 − 9 cannot be done.
		expect([shownOf(sliceId('ward', 'w1')), shownOf(sliceId('ward', 'w2'))]).toContainEqual([
			null,
			null
		]);
	});
});
