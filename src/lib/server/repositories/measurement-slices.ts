import { sql } from 'kysely';
import {
	computeSeries,
	type AdmissionCell,
	type DeliveryCell,
	type FeedbackCell,
	type MeasureId,
	type MeasurePoint,
	type Slice
} from '$lib/domain/measurement/measures';
import type { Dimension } from '$lib/domain/measurement/disclosure';
import { periodStart, type PeriodKind } from '$lib/domain/measurement/period';
import type { Db } from '../db/database';
import { countWhere } from '../db/sql';
import {
	givenSql,
	latestHelp,
	latestOverall,
	measureSeries,
	preferredFormats,
	receivedDay,
	recordedDay,
	talkedAnsweredSql,
	talkedSql,
	teachBackAnsweredSql,
	teachBackSql
} from './measurement';

/*
 * Every slice's series at once, for joint disclosure control (disclosure/joint.ts): the
 * organisation's, and one per value of each dimension (ward, patient group, format, language)
 * found in the data. Two grouped queries (records, feedback) feed `computeSeries` per value, so
 * each series is the one `measureSeries` gives that slice (a test holds them equal), without a
 * query per slice.
 */

const DAY_MS = 86_400_000;

export interface SliceSeries {
	dimension: Dimension;
	value: string;
	series: Record<MeasureId, MeasurePoint[]>;
}

const sliceFor = (dimension: Dimension, value: string): Slice =>
	({
		ward: { wardIds: [value] },
		group: { patientGroupIds: [value] },
		format: { formats: [value] },
		language: { languages: [value] }
	})[dimension];

type Keyed = Partial<Record<Dimension, string | null>>;

function partition<T>(rows: ReadonlyArray<T & Keyed>, dimension: Dimension) {
	const by = new Map<string, T[]>();
	for (const row of rows) {
		const key = row[dimension];
		if (key === null || key === undefined) continue;
		const list = by.get(key);
		if (list) list.push(row);
		else by.set(key, [row]);
	}
	return by;
}

export async function seriesBySlice(
	db: Db,
	organisationId: string,
	request: { kind: PeriodKind; today: string; lookBackDays?: number }
): Promise<{ organisation: Record<MeasureId, MeasurePoint[]>; slices: SliceSeries[] }> {
	const { kind, today } = request;
	const windowStart = new Date(
		Date.parse(`${today}T00:00:00Z`) - (request.lookBackDays ?? 3 * 366) * DAY_MS
	)
		.toISOString()
		.slice(0, 10);
	const [organisation, deliveryRows, feedbackRows, admissions, formats] = await Promise.all([
		measureSeries(db, organisationId, { ...request, slice: {} }),
		db
			.selectFrom('delivery_record')
			.select([
				recordedDay.as('day'),
				'ward_id as ward',
				'patient_group_id as patientGroupId',
				'format',
				'language',
				sql<number>`count(*)`.as('total'),
				givenSql.as('given'),
				talkedSql.as('talkedThrough'),
				talkedAnsweredSql.as('talkedThroughAnswered'),
				teachBackSql.as('teachBack'),
				teachBackAnsweredSql.as('teachBackAnswered')
			])
			.where('organisation_id', '=', organisationId)
			.where(recordedDay, '>=', windowStart)
			.where('voided_at', 'is', null)
			.groupBy([recordedDay, 'ward_id', 'patient_group_id', 'format', 'language'])
			.execute(),
		db
			.selectFrom('feedback as f')
			// Ward, group and format only through a delivery that still counts.
			.leftJoin('delivery_record as d', (join) =>
				join.onRef('d.id', '=', 'f.delivery_id').on('d.voided_at', 'is', null)
			)
			.select([
				receivedDay.as('day'),
				'd.ward_id as ward',
				'd.patient_group_id as group',
				'd.format as format',
				'f.language as language',
				countWhere(latestOverall).as('overallAnswered'),
				countWhere(sql`${latestOverall} and f.overall in ('veryGood', 'good')`).as(
					'overallPositive'
				),
				countWhere(latestHelp).as('helpAnswered'),
				countWhere(sql`${latestHelp} and f.knows_how_to_get_help = 'yes'`).as('helpYes')
			])
			.where('f.organisation_id', '=', organisationId)
			.where(receivedDay, '>=', windowStart)
			.groupBy([receivedDay, 'd.ward_id', 'd.patient_group_id', 'd.format', 'f.language'])
			.execute(),
		db
			.selectFrom('admission_count')
			.select(['week_start as weekStart', 'ward_id as wardId', 'admissions'])
			.where('organisation_id', '=', organisationId)
			.where('week_start', '>=', windowStart)
			.execute(),
		preferredFormats(db, organisationId)
	]);
	const deliveries = deliveryRows.map((r) => ({
		...r,
		group: r.patientGroupId,
		total: Number(r.total),
		given: Number(r.given ?? 0),
		talkedThrough: Number(r.talkedThrough ?? 0),
		talkedThroughAnswered: Number(r.talkedThroughAnswered ?? 0),
		teachBack: Number(r.teachBack ?? 0),
		teachBackAnswered: Number(r.teachBackAnswered ?? 0)
	}));
	const feedback = feedbackRows.map((r) => ({
		...r,
		overallAnswered: Number(r.overallAnswered ?? 0),
		overallPositive: Number(r.overallPositive ?? 0),
		helpAnswered: Number(r.helpAnswered ?? 0),
		helpYes: Number(r.helpYes ?? 0)
	}));
	const from = organisation.deliveries[0]?.period ?? today;
	const admissionsByWard = partition(
		admissions.map((a) => ({ ...a, ward: a.wardId })),
		'ward'
	);
	const slices: SliceSeries[] = [];
	for (const dimension of ['ward', 'group', 'format', 'language'] as const) {
		const deliveriesBy = partition<DeliveryCell>(deliveries, dimension);
		const feedbackBy = partition<FeedbackCell>(feedback, dimension);
		const values = new Set([...deliveriesBy.keys(), ...feedbackBy.keys()]);
		if (dimension === 'ward') for (const w of admissionsByWard.keys()) values.add(w);
		for (const value of [...values].sort()) {
			const slice = sliceFor(dimension, value);
			slices.push({
				dimension,
				value,
				series: computeSeries({
					deliveries: deliveriesBy.get(value) ?? [],
					feedback: feedbackBy.get(value) ?? [],
					admissions:
						dimension === 'ward' ? ((admissionsByWard.get(value) ?? []) as AdmissionCell[]) : [],
					preferredFormats: formats,
					kind,
					slice,
					from: periodStart(from),
					to: today,
					today,
					...(dimension === 'ward' ? { wardsInScope: 1, uncovered: [] } : {})
				})
			});
		}
	}
	return { organisation, slices };
}
