import { aimProgress, defaultChartSettings } from '$lib/domain/measurement/aim';
import { buildChart, type ChartModel } from '$lib/domain/measurement/chart';
import { discloseChart, type DisclosedChart } from '$lib/domain/measurement/disclosure';
import {
	hasData,
	latestValue,
	measureIds,
	measures,
	type MeasureId,
	type MeasurePoint
} from '$lib/domain/measurement/measures';
import type { Db } from '../db/database';
import { measureSeries } from '../repositories/measurement';
import { listAims, type StoredAim } from '../repositories/aims';
import { chartSettings } from '../repositories/chart-notes';
import { jointDisclosure, type Joint } from './joint-disclosure';

/** The latest period's value as the reader may see it (null and `withheld` when hidden). */
export interface LatestValue {
	period: string;
	value: number | null;
	inProgress?: true;
	withheld: boolean;
}

export interface MeasureSummary {
	id: MeasureId;
	unit: 'percentage' | 'count';
	latest: LatestValue | null;
	hasData: boolean;
	variation: ChartModel['variation'];
	assurance: ChartModel['assurance'];
}

export interface AimSummary extends StoredAim {
	latest: LatestValue | null;
	progress: ReturnType<typeof aimProgress> | 'withheld';
	trend: 'up' | 'down' | 'level' | 'none';
	variation: ChartModel['variation'];
	assurance: ChartModel['assurance'];
	unit: 'percentage' | 'count';
}

/** The latest value (see `latestValue`) as the disclosed chart shows it. */
function latestOf(points: readonly MeasurePoint[], chart: DisclosedChart): LatestValue | null {
	const latest = latestValue(points);
	const row = chart.rows.find((r) => r.period === latest?.period);
	if (!latest || !row) return null;
	return {
		period: latest.period,
		value: row.value,
		withheld: row.withheld.value,
		...(latest.inProgress ? { inProgress: true as const } : {})
	};
}

/** Up or down between the last two complete periods with a value shown. */
function trendOf(
	points: ReadonlyArray<{ value: number | null; inProgress?: true }>
): AimSummary['trend'] {
	const valued = points.filter((p) => p.value !== null && !p.inProgress);
	const [before, last] = valued.slice(-2);
	if (!before || !last || before.value === null || last.value === null) return 'none';
	return last.value > before.value ? 'up' : last.value < before.value ? 'down' : 'level';
}

/**
 * The measurement home: every measure's latest week and icons, every current aim's progress,
 * through disclosure control unless `raw` (the lead's own view), and the closed aims, latest
 * closed first (listed, not charted: their board reports chart them).
 */
export async function measurementOverview(
	db: Db,
	organisationId: string,
	today: string,
	raw: boolean
) {
	const [series, settings, allAims] = await Promise.all([
		measureSeries(db, organisationId, { slice: {}, kind: 'week', today }),
		chartSettings(db, organisationId),
		listAims(db, organisationId)
	]);
	const aims = allAims.filter((a) => a.closed === null);
	const closedAims = allAims
		.filter((a) => a.closed !== null)
		.sort((a, b) => (b.closed?.on ?? '').localeCompare(a.closed?.on ?? ''));
	// Without raw counts: the organisation's and each aim's cells as every page hides them.
	const joint = raw
		? undefined
		: await jointDisclosure(db, organisationId, { kind: 'week', today, measureIds }, [
				{},
				...aims.map((a) => ({ wardIds: a.wardIds, patientGroupIds: a.patientGroupIds }))
			]);
	const summaries: MeasureSummary[] = measureIds.map((id) => {
		const model = discloseChart(
			buildChart(series[id], measures[id], settings[id] ?? defaultChartSettings),
			measures[id].unit,
			raw,
			joint?.[0]?.[id]
		);
		return {
			id,
			unit: measures[id].unit,
			latest: latestOf(series[id], model),
			hasData: hasData(series[id]),
			variation: model.kind === 'xmr' ? model.variation : null,
			assurance: null
		};
	});
	// Aims for the whole organisation read the series already computed; aims for the same wards
	// and groups share one computation.
	const bySlice = new Map<string, Promise<Record<MeasureId, MeasurePoint[]>>>([
		[sliceKey({ wardIds: [], patientGroupIds: [] }), Promise.resolve(series)]
	]);
	const aimSummaries = await Promise.all(
		aims.map((aim, i) => {
			const key = sliceKey(aim);
			if (!bySlice.has(key)) bySlice.set(key, aimSeries(db, organisationId, aim, today));
			return aimSummary(db, organisationId, aim, today, raw, {
				series: bySlice.get(key),
				settings,
				joint: joint ? (joint[i + 1]?.[aim.measure] ?? 'everything') : undefined
			});
		})
	);
	return { measures: summaries, aims: aimSummaries, closedAims };
}

const sliceKey = (aim: Pick<StoredAim, 'wardIds' | 'patientGroupIds'>) =>
	JSON.stringify([[...aim.wardIds].sort(), [...aim.patientGroupIds].sort()]);

const aimSeries = (db: Db, organisationId: string, aim: StoredAim, today: string) =>
	measureSeries(db, organisationId, {
		slice: { wardIds: aim.wardIds, patientGroupIds: aim.patientGroupIds },
		kind: 'week',
		today
	});

/** One aim's series, chart and progress, judged on its own wards and groups. */
export async function aimSummary(
	db: Db,
	organisationId: string,
	aim: StoredAim,
	today: string,
	raw: boolean,
	known: {
		series?: Promise<Record<MeasureId, MeasurePoint[]>>;
		settings?: Awaited<ReturnType<typeof chartSettings>>;
		/** What the joint table hides of this aim's slice (looked up when not given). */
		joint?: Joint;
	} = {}
): Promise<AimSummary & { chart: DisclosedChart }> {
	const series = await (known.series ?? aimSeries(db, organisationId, aim, today));
	const slice = { wardIds: aim.wardIds, patientGroupIds: aim.patientGroupIds };
	const joint = raw
		? undefined
		: (known.joint ??
			(
				await jointDisclosure(
					db,
					organisationId,
					{ kind: 'week', today, measureIds: [aim.measure] },
					[slice]
				)
			)[0]?.[aim.measure]);
	const points = series[aim.measure];
	const settings =
		(known.settings ?? (await chartSettings(db, organisationId)))[aim.measure] ??
		defaultChartSettings;
	const unit = measures[aim.measure].unit;
	const chart = discloseChart(
		buildChart(points, measures[aim.measure], settings, aim.target),
		unit,
		raw,
		joint
	);
	const latest = latestOf(points, chart);
	return {
		...aim,
		latest,
		progress: latest?.withheld
			? 'withheld'
			: aimProgress(latest?.value ?? null, aim.target, aim.dueBy, today),
		trend: trendOf(chart.rows),
		variation: chart.variation,
		assurance: chart.assurance,
		unit,
		chart
	};
}
