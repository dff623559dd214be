import type { ChartModel, ChartRow } from '../chart';
import { isSmall } from './cells';
import { rateShown } from './rules';

/*
 * A chart, its table and its CSV as a reader who does not see raw counts may see them. Per
 * period: a count from 1 to 4 is hidden; a percentage is hidden with its numerator (and the rest,
 * denominator − numerator) when either is from 1 to 4 or the denominator is; a hidden value is
 * not drawn. The mean (or median) and limits are worked out from every judged period — the mean
 * times the number of periods is their total, so one hidden value among shown ones could be
 * worked back — so when any judged value is hidden, the centre line, limits, signals, variation
 * and assurance are hidden for the whole chart.
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
	/** Centre line, limits and signals hidden because a judged value is hidden. */
	statsWithheld: boolean;
	/** Every value hidden: there is nothing to draw. */
	allWithheld: boolean;
}

const nothingHidden = { value: false, numerator: false, denominator: false };

export function discloseChart(
	model: ChartModel,
	unit: 'percentage' | 'count',
	raw: boolean
): DisclosedChart {
	if (raw)
		return {
			...model,
			rows: model.rows.map((r) => ({ ...r, withheld: nothingHidden })),
			statsWithheld: false,
			allWithheld: false
		};
	const rows = model.rows.map((r): DisclosedRow => {
		const withheld =
			unit === 'count' || r.denominator === null
				? { value: isSmall(r.numerator), numerator: isSmall(r.numerator), denominator: false }
				: percentageWithheld(r.numerator, r.denominator);
		if (r.value === null) withheld.value = false;
		return {
			...r,
			value: withheld.value ? null : r.value,
			numerator: withheld.numerator ? null : r.numerator,
			denominator: withheld.denominator ? null : r.denominator,
			...(r.notRecorded === undefined
				? {}
				: { notRecorded: isSmall(r.notRecorded) ? null : r.notRecorded }),
			withheld
		};
	});
	const statsWithheld = rows.some((r) => r.withheld.value && !r.inProgress);
	const valued = model.rows.filter((r) => r.value !== null);
	const allWithheld = valued.length > 0 && rows.every((r) => r.value === null);
	if (!statsWithheld) return { ...model, rows, statsWithheld, allWithheld };
	return {
		...model,
		rows: rows.map((r) => ({
			...r,
			centre: null,
			lower: null,
			upper: null,
			signal: r.signal === 'inProgress' && !r.withheld.value ? 'inProgress' : null,
			rules: []
		})),
		variation: null,
		assurance: null,
		runsSignal: null,
		statsWithheld,
		allWithheld
	};
}

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
