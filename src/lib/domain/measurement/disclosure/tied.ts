import { isSmall, protect as protectCells, type Line } from './cells';
import {
	tableOf,
	type Cell,
	type JointProtection,
	type JointSeries,
	type JointWithheld
} from './joint';

/*
 * Measures counted from the same briefings, read side by side. Each is protected as one table
 * across its pages (joint.ts), but their counts are tied slice by slice and period by period:
 *   given (format fit's denominator) = coverage's numerator (less briefings on wards with no
 *                                      admissions entered)
 *   given = talked through's answered (its denominator) + its not recorded
 *   given = teach-back's answered + its not recorded.
 * So a reader who sees 40 given on the format fit page and 37 answered on the talked-through page
 * has the 3 not recorded that page hides; one who sees 42 admissions and 40 given has the 2 not
 * covered that coverage hides.
 *
 * The rules, each table still protected on its own lines:
 * - given and coverage's numerator are hidden in the same cells: given is hidden wherever
 *   coverage's numerator must be (its admissions hidden, or the rest not covered 1 to 4);
 * - where given is hidden, so are answered and not recorded (and, as ever, their numerators);
 * - answered and not recorded are hidden in exactly the same cells (until both tables agree).
 * Why that is enough: where both are hidden and given is shown, not recorded = given − answered,
 * so each not-recorded line is an answered line turned over (the same hidden cells): it tells a
 * reader nothing the answered lines do not, and those give no hidden cell away. Where given is
 * hidden too, the tie only defines the hidden given from two hidden counts whose own lines give
 * neither away, and given's lines are the sum of theirs.
 */

export const tiedMeasures = ['coverage', 'formatFit', 'talkedThrough', 'teachBack'] as const;
export type TiedMeasure = (typeof tiedMeasures)[number];

type Series = Omit<JointSeries, 'sets'>;

export function protectTied(
	series: Record<TiedMeasure, Series>,
	sets: JointSeries['sets'] = []
): Record<TiedMeasure, JointProtection> {
	const tables = Object.fromEntries(
		tiedMeasures.map((m) => [m, tableOf({ ...series[m], sets })])
	) as Record<TiedMeasure, ReturnType<typeof tableOf>>;
	// The same slices, so the same lines, whichever measure.
	const lines = tables.formatFit.lines;
	const periods = new Set(tiedMeasures.flatMap((m) => [...tables[m].table.keys()]));
	const result = Object.fromEntries(tiedMeasures.map((m) => [m, new Map()])) as Record<
		TiedMeasure,
		Map<string, Map<string, JointWithheld>>
	>;
	for (const period of periods) {
		const cells = (m: TiedMeasure) => tables[m].table.get(period) ?? new Map<string, Cell>();
		const hidden = protectPeriod(cells, lines);
		for (const m of tiedMeasures) {
			const byId = new Map<string, JointWithheld>();
			const { numerator, denominator, notRecorded } = hidden[m];
			for (const [id, c] of cells(m)) {
				const n = numerator.has(id);
				const d = denominator.has(id);
				byId.set(id, {
					value: c.hasValue && (n || d),
					numerator: n,
					denominator: d,
					notRecorded: c.notRecorded !== undefined && notRecorded.has(id)
				});
			}
			result[m].set(period, byId);
		}
	}
	return result;
}

type Hidden = { numerator: Set<string>; denominator: Set<string>; notRecorded: Set<string> };

function protectPeriod(
	cells: (m: TiedMeasure) => Map<string, Cell>,
	lines: readonly Line[]
): Record<TiedMeasure, Hidden> {
	const of = (m: TiedMeasure, pick: (c: Cell) => number) =>
		new Map([...cells(m)].map(([id, c]) => [id, pick(c)]));
	// A slice with no cell in this period (before its first data) shows a known zero: it cannot be
	// hidden, whatever another table hides.
	const protect = (
		values: Map<string, number>,
		lines: readonly Line[],
		also: Iterable<string> = []
	) =>
		protectCells(
			values,
			lines,
			[...also].filter((id) => values.has(id))
		);
	/** Numerators hidden with their denominator, or where the rest is 1 to 4. */
	const numeratorsOf = (m: TiedMeasure, denominators: Set<string>) =>
		protect(
			of(m, (c) => c.numerator),
			lines,
			[...cells(m)]
				.filter(
					([id, c]) =>
						denominators.has(id) || (c.denominator > 0 && isSmall(c.denominator - c.numerator))
				)
				.map(([id]) => id)
		);

	const admissions = protect(
		of('coverage', (c) => c.denominator),
		lines
	);
	const coveredMustHide = [...cells('coverage')]
		.filter(
			([id, c]) =>
				admissions.has(id) ||
				isSmall(c.numerator) ||
				(c.denominator > 0 && isSmall(c.denominator - c.numerator))
		)
		.map(([id]) => id);
	const given = protect(
		of('formatFit', (c) => c.denominator),
		lines,
		coveredMustHide
	);

	const answeredAndNotRecorded = (m: TiedMeasure) => {
		// Each round keeps what the last hid, so both only grow, until each hides what the other does.
		let answered = new Set<string>(given);
		let notRecorded = new Set<string>(given);
		for (;;) {
			const a = protect(
				of(m, (c) => c.denominator),
				lines,
				[...answered, ...notRecorded]
			);
			const n = protect(
				of(m, (c) => c.notRecorded ?? 0),
				lines,
				[...notRecorded, ...a]
			);
			if (a.size === answered.size && n.size === notRecorded.size) break;
			[answered, notRecorded] = [a, n];
		}
		return { answered, notRecorded };
	};
	const talked = answeredAndNotRecorded('talkedThrough');
	const teachBack = answeredAndNotRecorded('teachBack');
	return {
		coverage: { numerator: given, denominator: admissions, notRecorded: new Set() },
		formatFit: {
			numerator: numeratorsOf('formatFit', given),
			denominator: given,
			notRecorded: new Set()
		},
		talkedThrough: {
			numerator: numeratorsOf('talkedThrough', talked.answered),
			denominator: talked.answered,
			notRecorded: talked.notRecorded
		},
		teachBack: {
			numerator: numeratorsOf('teachBack', teachBack.answered),
			denominator: teachBack.answered,
			notRecorded: teachBack.notRecorded
		}
	};
}
