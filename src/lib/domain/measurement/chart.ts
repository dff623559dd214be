/*
 * From a measure's series to what a chart, its table and the CSV show: the XmR chart of Making
 * Data Count or the IHI run chart, as the lead chose. Missing periods (no denominator) are left
 * out before the rules run, as MEASUREMENT.md says, and come back as gaps. The period holding
 * today is still filling (a Monday would look like a collapse), so it is left out of the rules
 * too and comes back marked 'inProgress', drawn against the last limits but never judged.
 * Rebase dates are days; a segment starts at the first charted period on or after each one.
 */
import type { ChartSettings } from './aim';
import type { MeasureDefinition, MeasurePoint } from './measures';
import { runChart, xmr, type PointType, type XmrResult } from './spc';
import { periodStart } from './period';

export type Signal = 'common' | 'improvement' | 'concern' | 'neutral' | 'runSignal' | 'inProgress';

export interface ChartRow extends MeasurePoint {
	/** The centre line: mean (XmR) or median (run chart); null in a gap. */
	centre: number | null;
	lower: number | null;
	upper: number | null;
	signal: Signal | null;
	/** The rules the point is part of, e.g. ['shift'] (empty for common cause). */
	rules: string[];
	/** XmR: which segment (0, 1, … after each rebase) the lines of this row come from. */
	segment?: number;
}

export interface ChartModel {
	kind: 'xmr' | 'run';
	rows: ChartRow[];
	variation: PointType | null;
	assurance: XmrResult['assurance'] | null;
	warnings: string[];
	runsSignal: string | null;
}

const signalOf: Record<PointType, Signal> = {
	common_cause: 'common',
	special_cause_improvement: 'improvement',
	special_cause_concern: 'concern',
	special_cause_neutral_high: 'neutral',
	special_cause_neutral_low: 'neutral'
};

const clip = (v: number, unit: MeasureDefinition['unit']) =>
	unit === 'percentage' ? Math.min(100, Math.max(0, v)) : Math.max(0, v);

/** Indices (among charted points) where a new segment starts. */
export function rebaseIndices(periods: readonly string[], rebaseAt: readonly string[]): number[] {
	const indices = new Set<number>();
	for (const day of rebaseAt) {
		const index = periods.findIndex((p) => periodStart(p) >= day);
		if (index > 0) indices.add(index);
	}
	return [...indices].sort((a, b) => a - b);
}

export function buildChart(
	points: readonly MeasurePoint[],
	measure: MeasureDefinition,
	settings: ChartSettings,
	target?: number
): ChartModel {
	const charted = points.filter(
		(p): p is MeasurePoint & { value: number } => p.value !== null && !p.inProgress
	);
	const values = charted.map((p) => p.value);
	const gap = (p: MeasurePoint): ChartRow => ({
		...p,
		centre: null,
		lower: null,
		upper: null,
		signal: null,
		rules: []
	});
	const byPeriod = new Map<string, ChartRow>();
	/** A gap, or the period in progress drawn against the lines of the last judged period. */
	const unjudged = (p: MeasurePoint): ChartRow => {
		if (!p.inProgress || p.value === null) return gap(p);
		const last = byPeriod.get(charted.at(-1)?.period ?? '');
		return {
			...gap(p),
			centre: last?.centre ?? null,
			lower: last?.lower ?? null,
			upper: last?.upper ?? null,
			signal: 'inProgress',
			...(last?.segment === undefined ? {} : { segment: last.segment })
		};
	};

	if (settings.chart === 'run') {
		const result = runChart(
			values,
			settings.baselinePoints
				? { baselinePoints: Math.min(settings.baselinePoints, values.length) }
				: {}
		);
		charted.forEach((p, i) => {
			const rules = result.points[i]?.rules ?? [];
			byPeriod.set(p.period, {
				...p,
				centre: Number.isNaN(result.median) ? null : result.median,
				lower: null,
				upper: null,
				signal: rules.length ? 'runSignal' : 'common',
				rules
			});
		});
		return {
			kind: 'run',
			rows: points.map((p) => byPeriod.get(p.period) ?? unjudged(p)),
			variation: null,
			assurance: null,
			warnings: [],
			runsSignal: result.runsSignal
		};
	}

	const fixAfter =
		settings.baselinePoints && settings.baselinePoints <= values.length
			? settings.baselinePoints
			: undefined;
	const rebaseAt = rebaseIndices(
		charted.map((p) => p.period),
		settings.rebaseAt
	);
	const result = xmr(values, { improvement: measure.improvement, target, fixAfter, rebaseAt });
	charted.forEach((p, i) => {
		const point = result.points[i];
		if (!point) return;
		byPeriod.set(p.period, {
			...p,
			segment: rebaseAt.filter((start) => start <= i).length,
			centre: point.mean,
			lower: clip(point.lowerLimit, measure.unit),
			upper: clip(point.upperLimit, measure.unit),
			signal: signalOf[point.type],
			rules: point.rules
		});
	});
	return {
		kind: 'xmr',
		rows: points.map((p) => byPeriod.get(p.period) ?? unjudged(p)),
		variation: charted.length ? result.variation : null,
		assurance: charted.length ? result.assurance : null,
		warnings: result.warnings,
		runsSignal: null
	};
}
