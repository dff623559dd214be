import { defaultChartSettings } from '$lib/domain/measurement/aim';
import { buildChart } from '$lib/domain/measurement/chart';
import { discloseChart, type DisclosedChart } from '$lib/domain/measurement/disclosure';
import { measures } from '$lib/domain/measurement/measures';
import type { RegionalMeasure } from '$lib/domain/region';
import type { Db } from '../db/database';
import { jointDisclosure } from '../measurement/joint-disclosure';
import { measureSeries } from '../repositories/measurement';
import { organisationToday } from '../repositories/organisations';

/**
 * An organisation's monthly charts of the given measures, as a reader outside it may see them:
 * what its region sees here, and what it sends a region on another service (aggregates.ts).
 */
export async function disclosedMonthlyCharts(
	db: Db,
	organisationId: string,
	shared: readonly RegionalMeasure[],
	now: Date
): Promise<Map<RegionalMeasure, DisclosedChart>> {
	const today = await organisationToday(db, organisationId, now);
	const [series, joint] = await Promise.all([
		measureSeries(db, organisationId, { slice: {}, kind: 'month', today }),
		jointDisclosure(db, organisationId, { kind: 'month', today, measureIds: [...shared] }, [{}])
	]);
	return new Map(
		shared.map((m) => [
			m,
			discloseChart(
				buildChart(series[m], measures[m], defaultChartSettings),
				measures[m].unit,
				false,
				joint[0]?.[m]
			)
		])
	);
}
