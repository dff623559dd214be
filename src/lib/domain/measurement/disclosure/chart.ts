import type { ChartModel, ChartRow } from '../chart';
import { isSmall } from './cells';
import type { JointWithheld } from './joint';
import { rateShown } from './rules';

/*
 * A chart, its table and its CSV as a reader who does not see raw counts may see them. Per
 * period: a count from 1 to 4 is hidden; a percentage is hidden with its numerator (and the rest,
 * denominator − numerator) when either is from 1 to 4 or the denominator is; a hidden value is
 * not drawn. `joint` adds what the joint table of every slice hides (joint.ts), so a value
 * shown here cannot be subtracted from another page's.
 * The mean and limits are worked out from a segment's judged periods — the mean times the
 * number of periods is their total, so one hidden value among shown ones could be worked back —
 * so when a judged value is hidden, the centre line, limits and signals of its segment are
 * hidden. An XmR chart's segments (cut at each rebase) are worked out each on its own (spc.ts),
 * so the others keep theirs; variation and assurance come from the last point, so they go with
 * the last segment. A run chart's median spans the whole chart, so it goes whole.
 */
export interface DisclosedRow extends Omit<ChartRow, 'numerator' | 'notRecorded'> {
	/** null when hidden (see `withheld`). */
	numerator: number | null;
	/** Given records whose question was not recorded; null when it is a small count. */
	notRecorded?: number | null;
	withheld: { value: boolean; numerator: boolean; denominator: boolean };
}

export interface DisclosedChart extends Omit<ChartModel, 'rows'> {
	rows: DisclosedRow[];
	/** Centre line, limits and signals hidden (for some segment) because a judged value is hidden. */
	statsWithheld: boolean;
	/** Every value hidden: there is nothing to draw. */
	allWithheld: boolean;
}

const nothingHidden = { value: false, numerator: false, denominator: false };

export function discloseChart(
	model: ChartModel,
	unit: 'percentage' | 'count',
	raw: boolean,
	joint?: ReadonlyMap<string, JointWithheld> | 'everything'
): DisclosedChart {
	if (raw)
		return {
			...model,
			rows: model.rows.map((r) => ({ ...r, withheld: nothingHidden })),
			statsWithheld: false,
			allWithheld: false
		};
	const rows = model.rows.map((r): DisclosedRow => {
		const own =
			unit === 'count' || r.denominator === null
				? { value: isSmall(r.numerator), numerator: isSmall(r.numerator), denominator: false }
				: percentageWithheld(r.numerator, r.denominator);
		const also = joint === 'everything' ? everything : joint?.get(r.period);
		const withheld = {
			value: own.value || Boolean(also?.value),
			numerator: own.numerator || Boolean(also?.numerator),
			denominator: (own.denominator || Boolean(also?.denominator)) && r.denominator !== null
		};
		// A percentage is shown only with both its numerator and its denominator.
		if (unit === 'percentage' && r.denominator !== null)
			withheld.value ||= withheld.numerator || withheld.denominator;
		if (r.value === null) withheld.value = false;
		const notRecordedHidden =
			r.notRecorded !== undefined && (isSmall(r.notRecorded) || Boolean(also?.notRecorded));
		return {
			...r,
			value: withheld.value ? null : r.value,
			numerator: withheld.numerator ? null : r.numerator,
			denominator: withheld.denominator ? null : r.denominator,
			...(r.notRecorded === undefined
				? {}
				: { notRecorded: notRecordedHidden ? null : r.notRecorded }),
			withheld
		};
	});
	const valued = model.rows.filter((r) => r.value !== null);
	const allWithheld = valued.length > 0 && rows.every((r) => r.value === null);
	const judgedHidden = rows.filter((r) => r.withheld.value && !r.inProgress);
	if (judgedHidden.length === 0) return { ...model, rows, statsWithheld: false, allWithheld };
	// Segments whose lines go: every segment of a run chart, or those with a hidden judged value.
	const gone = (r: DisclosedRow) =>
		model.kind !== 'xmr' ||
		r.segment === undefined ||
		judgedHidden.some((h) => h.segment === undefined || h.segment === r.segment);
	const lastJudged = rows.findLast((r) => !r.inProgress && r.segment !== undefined);
	const lastSegmentGone = !lastJudged || gone(lastJudged);
	return {
		...model,
		rows: rows.map((r) =>
			gone(r)
				? {
						...r,
						centre: null,
						lower: null,
						upper: null,
						signal: r.signal === 'inProgress' && !r.withheld.value ? 'inProgress' : null,
						rules: []
					}
				: r
		),
		variation: lastSegmentGone ? null : model.variation,
		assurance: lastSegmentGone ? null : model.assurance,
		runsSignal: null,
		statsWithheld: true,
		allWithheld
	};
}

const everything = { value: true, numerator: true, denominator: true, notRecorded: true };

function percentageWithheld(numerator: number, denominator: number) {
	const denominatorSmall = isSmall(denominator);
	const value = !rateShown(numerator, denominator, denominatorSmall);
	// With the denominator shown, a shown numerator would give away a small remainder.
	const numerator_ = isSmall(numerator) || isSmall(denominator - numerator) || denominatorSmall;
	return {
		value: denominator > 0 && value,
		numerator: numerator_,
		denominator: denominatorSmall
	};
}
