import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import {
	computeSeries,
	coverageAvailable,
	type AdmissionCell,
	type DeliveryCell,
	type FeedbackCell,
	type MeasureId,
	type MeasurePoint,
	type Slice,
	type UncoveredCell
} from '$lib/domain/measurement/measures';
import { weekStartOf, type PeriodKind } from '$lib/domain/measurement/period';
import type { Db } from '../db/database';
import { countWhere } from '../db/sql';

/*
 * The measures' series: counts grouped by day (and group and format, for format fit), which
 * $lib/domain/measurement/measures turns into series. Voided records never count. The
 * organisation's counts come from measure_day_count (day-counts.ts, kept as records are
 * written); a ward or language slice counts the records through the delivery_record_ward_measures
 * and delivery_record_measures indexes. The equity view's SQL is in equity.ts; exports in
 * records-export.ts and fhir-export.ts.
 */

const DAY_MS = 86_400_000;

/**
 * The organisation's local day of a record, fixed when it was received (migration 011), as
 * indexed by delivery_record_measures: every day, week and month below is local, not UTC.
 */
export const recordedDay = sql<string>`recorded_day`;
/** The local day feedback arrived, as indexed by feedback_measures (011). */
export const receivedDay = sql<string>`f.received_day`;

/**
 * Feedback through one QR link is kept as history (every response a row, migration 010). A
 * measure counts each link's LATEST answer to each question, on the day it was given: a later
 * answer to one question replaces the link's earlier answer to that question only, and leaves
 * its answers to the others counted. Responses through the public link (no token) each count.
 * Example: link A answers overall "good" on Monday, then only "knows how to get help: yes" on
 * Tuesday: overall counts "good" (Monday) and help counts "yes" (Tuesday), once each.
 * True for a row of `feedback as f` whose answer to `column` is its link's latest.
 */
const latestAnswer = (column: 'overall' | 'knows_how_to_get_help') =>
	sql<SqlBool>`(${sql.ref(`f.${column}`)} is not null and (f.token_hash is null or not exists (
		select 1 from feedback later where later.token_hash = f.token_hash
		and ${sql.ref(`later.${column}`)} is not null
		and (later.received_at > f.received_at or (later.received_at = f.received_at and later.id > f.id))
	)))`;
export const latestOverall = latestAnswer('overall');
export const latestHelp = latestAnswer('knows_how_to_get_help');

export interface SeriesRequest {
	slice: Slice;
	kind: PeriodKind;
	/** Today, YYYY-MM-DD: the last period shown. */
	today: string;
	/** How far back to look, in days (the chart starts at the first data in that window). */
	lookBackDays?: number;
}

const givenCondition = sql`outcome in ('delivered', 'partly')`;
export const givenSql = countWhere(givenCondition);
// A question not recorded (null) is in neither numerator nor denominator.
export const talkedSql = countWhere(sql`talked_through = 1 and ${givenCondition}`);
export const talkedAnsweredSql = countWhere(sql`talked_through is not null and ${givenCondition}`);
export const teachBackSql = countWhere(sql`teach_back = 'confirmed' and ${givenCondition}`);
export const teachBackAnsweredSql = countWhere(sql`teach_back is not null and ${givenCondition}`);

/** Counts straight from the records: for a ward or language slice, which the day counts lack. */
async function deliveryCellsFromRecords(
	db: Db,
	organisationId: string,
	slice: Slice,
	from: string
) {
	let query = db
		.selectFrom('delivery_record')
		.select([
			recordedDay.as('day'),
			'patient_group_id as patientGroupId',
			'format',
			sql<number>`count(*)`.as('total'),
			givenSql.as('given'),
			talkedSql.as('talkedThrough'),
			talkedAnsweredSql.as('talkedThroughAnswered'),
			teachBackSql.as('teachBack'),
			teachBackAnsweredSql.as('teachBackAnswered')
		])
		.where('organisation_id', '=', organisationId)
		.where(recordedDay, '>=', from)
		.where('voided_at', 'is', null);
	if (slice.wardIds?.length) query = query.where('ward_id', 'in', slice.wardIds);
	if (slice.patientGroupIds?.length)
		query = query.where('patient_group_id', 'in', slice.patientGroupIds);
	if (slice.formats?.length) query = query.where('format', 'in', slice.formats);
	if (slice.languages?.length) query = query.where('language', 'in', slice.languages);
	return (await query
		.groupBy([recordedDay, 'patient_group_id', 'format'])
		.execute()) as DeliveryCell[];
}

async function deliveryCells(db: Db, organisationId: string, slice: Slice, from: string) {
	if (slice.wardIds?.length || slice.languages?.length)
		return deliveryCellsFromRecords(db, organisationId, slice, from);
	// Kept up to date as records are written (day-counts.ts): a pure read.
	let query = db
		.selectFrom('measure_day_count')
		.select([
			'day',
			'patient_group_id as patientGroupId',
			'format',
			'total',
			'given',
			'talked_through as talkedThrough',
			'talked_through_answered as talkedThroughAnswered',
			'teach_back as teachBack',
			'teach_back_answered as teachBackAnswered'
		])
		.where('organisation_id', '=', organisationId)
		.where('day', '>=', from);
	if (slice.patientGroupIds?.length)
		query = query.where('patient_group_id', 'in', slice.patientGroupIds);
	if (slice.formats?.length) query = query.where('format', 'in', slice.formats);
	return (await query.execute()) as DeliveryCell[];
}

async function feedbackCells(db: Db, organisationId: string, slice: Slice, from: string) {
	let query = db
		.selectFrom('feedback as f')
		.select([
			receivedDay.as('day'),
			countWhere(latestOverall).as('overallAnswered'),
			countWhere(sql`${latestOverall} and f.overall in ('veryGood', 'good')`).as('overallPositive'),
			countWhere(latestHelp).as('helpAnswered'),
			countWhere(sql`${latestHelp} and f.knows_how_to_get_help = 'yes'`).as('helpYes')
		])
		.where('f.organisation_id', '=', organisationId)
		.where(receivedDay, '>=', from);
	if (slice.languages?.length) query = query.where('f.language', 'in', slice.languages);
	// Ward, group and format are known only through the delivery the QR code came from.
	if (slice.wardIds?.length || slice.patientGroupIds?.length || slice.formats?.length) {
		let deliveries = db
			.selectFrom('delivery_record')
			.select('id')
			.where('organisation_id', '=', organisationId)
			.where('voided_at', 'is', null);
		if (slice.wardIds?.length) deliveries = deliveries.where('ward_id', 'in', slice.wardIds);
		if (slice.patientGroupIds?.length)
			deliveries = deliveries.where('patient_group_id', 'in', slice.patientGroupIds);
		if (slice.formats?.length) deliveries = deliveries.where('format', 'in', slice.formats);
		query = query.where('f.delivery_id', 'in', deliveries);
	}
	const rows = await query.groupBy(receivedDay).execute();
	return rows.map((r) => ({
		...r,
		overallAnswered: Number(r.overallAnswered ?? 0),
		overallPositive: Number(r.overallPositive ?? 0),
		helpAnswered: Number(r.helpAnswered ?? 0),
		helpYes: Number(r.helpYes ?? 0)
	})) as FeedbackCell[];
}

/** Admissions per ward and week (coverage across wards needs to know which wards entered). */
async function admissionCells(db: Db, organisationId: string, slice: Slice, from: string) {
	if (!coverageAvailable(slice)) return [];
	let query = db
		.selectFrom('admission_count')
		.select(['week_start as weekStart', 'ward_id as wardId', 'admissions'])
		.where('organisation_id', '=', organisationId)
		.where('week_start', '>=', from);
	if (slice.wardIds?.length) query = query.where('ward_id', 'in', slice.wardIds);
	return (await query.execute()) as AdmissionCell[];
}

/**
 * Coverage across wards (see measures.ts): the wards the slice covers, and the briefings given
 * by those of them that entered no admissions for a week in which others did. Only those wards'
 * records are read, through the ward index, so the organisation's fast path stays fast.
 */
async function coverageAcrossWards(
	db: Db,
	organisationId: string,
	slice: Slice,
	admissions: readonly AdmissionCell[]
): Promise<{ wardsInScope?: number; uncovered: UncoveredCell[] }> {
	if (!coverageAvailable(slice)) return { uncovered: [] };
	const scope = slice.wardIds?.length
		? [...slice.wardIds]
		: (
				await db
					.selectFrom('ward')
					.select('id')
					.where('organisation_id', '=', organisationId)
					.execute()
			).map((w) => w.id);
	const entered = new Map<string, Set<string>>();
	for (const a of admissions)
		entered.set(a.weekStart, (entered.get(a.weekStart) ?? new Set()).add(a.wardId ?? ''));
	const missing = new Map<string, Set<string>>();
	for (const [week, wards] of entered) {
		const absent = scope.filter((w) => !wards.has(w));
		if (absent.length) missing.set(week, new Set(absent));
	}
	if (missing.size === 0) return { wardsInScope: scope.length, uncovered: [] };
	const weeks = [...missing.keys()].sort();
	const rows = await db
		.selectFrom('delivery_record')
		.select([recordedDay.as('day'), 'ward_id as wardId', givenSql.as('given')])
		.where('organisation_id', '=', organisationId)
		.where('ward_id', 'in', [...new Set([...missing.values()].flatMap((w) => [...w]))])
		.where(recordedDay, '>=', weeks[0] ?? '')
		.where('voided_at', 'is', null)
		.groupBy(['ward_id', recordedDay])
		.execute();
	return {
		wardsInScope: scope.length,
		uncovered: rows
			.filter((r) => missing.get(weekStartOf(r.day))?.has(r.wardId))
			.map((r) => ({ day: r.day, given: Number(r.given) }))
	};
}

/** Each patient group's preferred formats, for format fit. */
export async function preferredFormats(db: Db, organisationId: string) {
	const rows = await db
		.selectFrom('patient_group')
		.select(['id', 'preferred_formats'])
		.where('organisation_id', '=', organisationId)
		.execute();
	return new Map(
		rows.map((r) => [r.id, z.array(z.string()).parse(JSON.parse(r.preferred_formats))])
	);
}

/** Every measure's series for one slice of one organisation. */
export async function measureSeries(
	db: Db,
	organisationId: string,
	request: SeriesRequest
): Promise<Record<MeasureId, MeasurePoint[]>> {
	const { slice, kind, today } = request;
	const windowStart = new Date(
		Date.parse(`${today}T00:00:00Z`) - (request.lookBackDays ?? 3 * 366) * DAY_MS
	)
		.toISOString()
		.slice(0, 10);
	const [deliveries, feedback, admissions, formats] = await Promise.all([
		deliveryCells(db, organisationId, slice, windowStart),
		feedbackCells(db, organisationId, slice, windowStart),
		admissionCells(db, organisationId, slice, windowStart),
		preferredFormats(db, organisationId)
	]);
	const { wardsInScope, uncovered } = await coverageAcrossWards(
		db,
		organisationId,
		slice,
		admissions
	);
	// Start at the first data, so a new organisation's chart is not years of empty weeks.
	const firstDays = [
		...deliveries.map((d) => d.day),
		...feedback.map((f) => f.day),
		...admissions.map((a) => a.weekStart)
	];
	const from = firstDays.length ? firstDays.reduce((a, b) => (a < b ? a : b)) : today;
	return computeSeries({
		deliveries,
		feedback,
		admissions,
		preferredFormats: formats,
		kind,
		slice,
		from,
		to: today,
		today,
		wardsInScope,
		uncovered
	});
}
