import { aimProgress, defaultChartSettings } from '$lib/domain/measurement/aim';
import { buildChart, type ChartModel } from '$lib/domain/measurement/chart';
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

export interface MeasureSummary {
	id: MeasureId;
	unit: 'percentage' | 'count';
	latest: MeasurePoint | null;
	hasData: boolean;
	variation: ChartModel['variation'];
	assurance: ChartModel['assurance'];
}

export interface AimSummary extends StoredAim {
	latest: MeasurePoint | null;
	progress: ReturnType<typeof aimProgress>;
	trend: 'up' | 'down' | 'level' | 'none';
	variation: ChartModel['variation'];
	assurance: ChartModel['assurance'];
	unit: 'percentage' | 'count';
}

/** Up or down between the last two complete periods with a value. */
function trendOf(points: readonly MeasurePoint[]): AimSummary['trend'] {
	const valued = points.filter((p) => p.value !== null && !p.inProgress);
	const [before, last] = valued.slice(-2);
	if (!before || !last || before.value === null || last.value === null) return 'none';
	return last.value > before.value ? 'up' : last.value < before.value ? 'down' : 'level';
}

/** The measurement home: every measure's latest week and icons, and every aim's progress. */
export async function measurementOverview(db: Db, organisationId: string, today: string) {
	const [series, settings, aims] = await Promise.all([
		measureSeries(db, organisationId, { slice: {}, kind: 'week', today }),
		chartSettings(db, organisationId),
		listAims(db, organisationId)
	]);
	const summaries: MeasureSummary[] = measureIds.map((id) => {
		const model = buildChart(series[id], measures[id], settings[id] ?? defaultChartSettings);
		return {
			id,
			unit: measures[id].unit,
			latest: latestValue(series[id]) ?? null,
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
		aims.map((aim) => {
			const key = sliceKey(aim);
			if (!bySlice.has(key)) bySlice.set(key, aimSeries(db, organisationId, aim, today));
			return aimSummary(db, organisationId, aim, today, { series: bySlice.get(key), settings });
		})
	);
	return { measures: summaries, aims: aimSummaries };
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
	known: {
		series?: Promise<Record<MeasureId, MeasurePoint[]>>;
		settings?: Awaited<ReturnType<typeof chartSettings>>;
	} = {}
): Promise<AimSummary & { chart: ChartModel }> {
	const series = await (known.series ?? aimSeries(db, organisationId, aim, today));
	const points = series[aim.measure];
	const settings =
		(known.settings ?? (await chartSettings(db, organisationId)))[aim.measure] ??
		defaultChartSettings;
	const chart = buildChart(points, measures[aim.measure], settings, aim.target);
	const latest = latestValue(points) ?? null;
	return {
		...aim,
		latest,
		progress: aimProgress(latest?.value ?? null, aim.target, aim.dueBy, today),
		trend: trendOf(points),
		variation: chart.variation,
		assurance: chart.assurance,
		unit: measures[aim.measure].unit,
		chart
	};
}
