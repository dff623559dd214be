import { sql } from 'kysely';
import { z } from 'zod';
import {
	computeSeries,
	coverageAvailable,
	type AdmissionCell,
	type DeliveryCell,
	type FeedbackCell,
	type MeasureId,
	type MeasurePoint,
	type Slice
} from '$lib/domain/measurement/measures';
import type { PeriodKind } from '$lib/domain/measurement/period';
import type { EquityInput } from '$lib/domain/measurement/equity';
import { inTransaction, type Db } from '../db/database';

/*
 * The measures' SQL: counts grouped by day (and group and format, for format fit), which
 * $lib/domain/measurement/measures turns into series. Voided records never count. The
 * delivery_record_measures index (migration 006) covers the delivery query, so it streams
 * through the index in day order instead of sorting a million rows.
 */

const DAY_MS = 86_400_000;

/** The UTC day of a record: the very expression indexed by delivery_record_measures (006). */
const recordedDay = sql<string>`substr(recorded_at, 1, 10)`;
/** The UTC day feedback arrived: the expression indexed by feedback_measures (006). */
const receivedDay = sql<string>`substr(f.received_at, 1, 10)`;

export interface SeriesRequest {
	slice: Slice;
	kind: PeriodKind;
	/** Today, YYYY-MM-DD: the last period shown. */
	today: string;
	/** How far back to look, in days (the chart starts at the first data in that window). */
	lookBackDays?: number;
}

const givenSql = sql<number>`sum(outcome in ('delivered', 'partly'))`;
const talkedSql = sql<number>`sum(talked_through * (outcome in ('delivered', 'partly')))`;
const teachBackSql = sql<number>`sum(teach_back = 'confirmed' and outcome in ('delivered', 'partly'))`;

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
			teachBackSql.as('teachBack')
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

/**
 * Brings measure_day_count up to date, in one transaction: records added since it last counted
 * are added to their day (however late they arrived), and any day holding a record undone or
 * corrected since then is counted again from scratch.
 */
export async function refreshDayCounts(db: Db, organisationId: string): Promise<void> {
	await inTransaction(db, async (trx) => {
		const state = await trx
			.selectFrom('measure_day_count_state')
			.select(['last_record_rowid', 'last_revision_id'])
			.where('organisation_id', '=', organisationId)
			.executeTakeFirst();
		const lastRowid = state?.last_record_rowid ?? 0;
		const lastRevision = state?.last_revision_id ?? 0;
		const { maxRowid, maxRevision } = await trx
			.selectNoFrom([
				sql<number>`(select coalesce(max(rowid), 0) from delivery_record)`.as('maxRowid'),
				sql<number>`(select coalesce(max(id), 0) from delivery_record_revision)`.as('maxRevision')
			])
			.executeTakeFirstOrThrow();
		if (state && maxRowid === lastRowid && maxRevision === lastRevision) return;

		// Driven from the revisions' own id range: joined the other way round, SQLite walked
		// every record of the organisation to find none.
		const changedDays =
			maxRevision === lastRevision
				? []
				: (
						await trx
							.selectFrom('delivery_record')
							.select(recordedDay.as('day'))
							.distinct()
							.where(
								'id',
								'in',
								trx
									.selectFrom('delivery_record_revision')
									.select('delivery_id')
									.where('id', '>', lastRevision)
									.where('id', '<=', maxRevision)
							)
							.where('organisation_id', '=', organisationId)
							.execute()
					).map((r) => r.day);
		const counted = (from: number, to: number, days?: string[]) => {
			let query = trx
				.selectFrom('delivery_record')
				.select([
					'organisation_id',
					recordedDay.as('day'),
					'patient_group_id',
					'format',
					sql<number>`count(*)`.as('total'),
					givenSql.as('given'),
					talkedSql.as('talked_through'),
					teachBackSql.as('teach_back')
				])
				.where('voided_at', 'is', null)
				.where(sql<number>`rowid`, '>', from)
				.where(sql<number>`rowid`, '<=', to);
			// New records: walk the rowid range, not the organisation's index (`+` stops SQLite
			// choosing it, which read all million entries for 500 new ones). Changed days: the index.
			if (days)
				query = query.where('organisation_id', '=', organisationId).where(recordedDay, 'in', days);
			else query = query.where(sql<string>`+organisation_id`, '=', organisationId);
			if (days) return query.groupBy([recordedDay, 'patient_group_id', 'format']);
			if (changedDays.length) query = query.where(recordedDay, 'not in', changedDays);
			return query.groupBy([recordedDay, 'patient_group_id', 'format']);
		};
		const columns = [
			'organisation_id',
			'day',
			'patient_group_id',
			'format',
			'total',
			'given',
			'talked_through',
			'teach_back'
		] as const;
		// Days with an undone or corrected record: counted again, whole.
		for (let i = 0; i < changedDays.length; i += 500) {
			const days = changedDays.slice(i, i + 500);
			await trx
				.deleteFrom('measure_day_count')
				.where('organisation_id', '=', organisationId)
				.where('day', 'in', days)
				.execute();
			await trx
				.insertInto('measure_day_count')
				.columns(columns)
				.expression(counted(0, maxRowid, days))
				.execute();
		}
		// New records on every other day: added to what was counted.
		await trx
			.insertInto('measure_day_count')
			.columns(columns)
			.expression(counted(lastRowid, maxRowid))
			.onConflict((oc) =>
				oc.columns(['organisation_id', 'day', 'patient_group_id', 'format']).doUpdateSet({
					total: sql`measure_day_count.total + excluded.total`,
					given: sql`measure_day_count.given + excluded.given`,
					talked_through: sql`measure_day_count.talked_through + excluded.talked_through`,
					teach_back: sql`measure_day_count.teach_back + excluded.teach_back`
				})
			)
			.execute();
		await trx
			.insertInto('measure_day_count_state')
			.values({
				organisation_id: organisationId,
				last_record_rowid: maxRowid,
				last_revision_id: maxRevision
			})
			.onConflict((oc) =>
				oc.column('organisation_id').doUpdateSet({
					last_record_rowid: maxRowid,
					last_revision_id: maxRevision
				})
			)
			.execute();
	});
}

async function deliveryCells(db: Db, organisationId: string, slice: Slice, from: string) {
	if (slice.wardIds?.length || slice.languages?.length)
		return deliveryCellsFromRecords(db, organisationId, slice, from);
	await refreshDayCounts(db, organisationId);
	let query = db
		.selectFrom('measure_day_count')
		.select([
			'day',
			'patient_group_id as patientGroupId',
			'format',
			'total',
			'given',
			'talked_through as talkedThrough',
			'teach_back as teachBack'
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
			sql<number>`count(f.overall)`.as('overallAnswered'),
			sql<number>`sum(f.overall in ('veryGood', 'good'))`.as('overallPositive'),
			sql<number>`count(f.knows_how_to_get_help)`.as('helpAnswered'),
			sql<number>`sum(f.knows_how_to_get_help = 'yes')`.as('helpYes')
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
		overallPositive: Number(r.overallPositive ?? 0),
		helpYes: Number(r.helpYes ?? 0)
	})) as FeedbackCell[];
}

async function admissionCells(db: Db, organisationId: string, slice: Slice, from: string) {
	if (!coverageAvailable(slice)) return [];
	let query = db
		.selectFrom('admission_count')
		.select(['week_start as weekStart', sql<number>`sum(admissions)`.as('admissions')])
		.where('organisation_id', '=', organisationId)
		.where('week_start', '>=', from);
	if (slice.wardIds?.length) query = query.where('ward_id', 'in', slice.wardIds);
	return (await query.groupBy('week_start').execute()) as AdmissionCell[];
}

/** Each patient group's preferred formats, for format fit. */
async function preferredFormats(db: Db, organisationId: string) {
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
		today
	});
}

// Exports: the FHIR export reads its own pages (fhir-export.ts).

// Equity ------------------------------------------------------------------------------------

const given = sql<number>`sum(outcome in ('delivered', 'partly'))`;
const talkedGiven = sql<number>`sum(talked_through * (outcome in ('delivered', 'partly')))`;

/** What the engagement matrix and equity view need, for records from `fromDay` on. */
export async function equityInput(
	db: Db,
	organisationId: string,
	fromDay: string
): Promise<EquityInput> {
	const deliveries = () =>
		db
			.selectFrom('delivery_record')
			.where('delivery_record.organisation_id', '=', organisationId)
			.where(recordedDay, '>=', fromDay)
			.where('delivery_record.voided_at', 'is', null);
	const feedback = () =>
		db
			.selectFrom('feedback as f')
			.where('f.organisation_id', '=', organisationId)
			.where('f.received_at', '>=', fromDay)
			.where('f.overall', 'is not', null);
	const [groups, byGroupFormat, byGroupLanguage, fbGroup, fbLanguage, wards, admissions] =
		await Promise.all([
			db
				.selectFrom('patient_group')
				.select(['id', 'name', 'preferred_formats'])
				.where('organisation_id', '=', organisationId)
				.where('archived', '=', 0)
				.orderBy('position')
				.execute(),
			deliveries()
				.select([
					'patient_group_id as groupId',
					'format',
					given.as('given'),
					talkedGiven.as('talked')
				])
				.groupBy(['patient_group_id', 'format'])
				.execute(),
			deliveries()
				.select([
					'patient_group_id as groupId',
					'language',
					given.as('given'),
					talkedGiven.as('talked')
				])
				.groupBy(['patient_group_id', 'language'])
				.execute(),
			feedback()
				.innerJoin('delivery_record as d', 'd.id', 'f.delivery_id')
				.where('d.voided_at', 'is', null)
				.select([
					'd.patient_group_id as key',
					sql<number>`sum(f.overall in ('veryGood', 'good'))`.as('numerator'),
					sql<number>`count(*)`.as('denominator')
				])
				.groupBy('d.patient_group_id')
				.execute(),
			feedback()
				.select([
					'f.language as key',
					sql<number>`sum(f.overall in ('veryGood', 'good'))`.as('numerator'),
					sql<number>`count(*)`.as('denominator')
				])
				.groupBy('f.language')
				.execute(),
			deliveries()
				.innerJoin('ward', 'ward.id', 'delivery_record.ward_id')
				.select([
					'ward.id as wardId',
					'ward.name',
					sql<string>`date(substr(recorded_at, 1, 10), 'weekday 0', '-6 days')`.as('weekStart'),
					given.as('given')
				])
				.groupBy([
					'ward.id',
					'ward.name',
					sql`date(substr(recorded_at, 1, 10), 'weekday 0', '-6 days')`
				])
				.execute(),
			db
				.selectFrom('admission_count')
				.innerJoin('ward', 'ward.id', 'admission_count.ward_id')
				.select(['ward_id', 'ward.name', 'week_start', 'admissions'])
				.where('admission_count.organisation_id', '=', organisationId)
				.where('week_start', '>=', fromDay)
				.execute()
		]);
	const tallies = (rows: Array<{ key: string; numerator: number; denominator: number }>) =>
		new Map(
			rows.map((r) => [
				r.key,
				{ numerator: Number(r.numerator), denominator: Number(r.denominator) }
			])
		);
	// Coverage counts only the weeks a ward entered admissions for: missing weeks are not zero.
	const coverage = new Map<string, EquityInput['coverageByWard'][number]>();
	for (const a of admissions) {
		const tally = coverage.get(a.ward_id) ?? {
			wardId: a.ward_id,
			name: a.name,
			numerator: 0,
			denominator: 0
		};
		tally.denominator += a.admissions;
		coverage.set(a.ward_id, tally);
	}
	const admitted = new Set(admissions.map((a) => `${a.ward_id}/${a.week_start}`));
	for (const w of wards) {
		const tally = coverage.get(w.wardId);
		if (tally && admitted.has(`${w.wardId}/${w.weekStart}`)) tally.numerator += Number(w.given);
	}
	return {
		groups: groups.map((g) => ({
			id: g.id,
			name: g.name,
			preferredFormats: z.array(z.string()).parse(JSON.parse(g.preferred_formats))
		})),
		byGroupFormat: byGroupFormat.map((r) => ({
			...r,
			given: Number(r.given),
			talked: Number(r.talked)
		})),
		byGroupLanguage: byGroupLanguage.map((r) => ({
			...r,
			given: Number(r.given),
			talked: Number(r.talked)
		})),
		feedbackByGroup: tallies(fbGroup),
		feedbackByLanguage: tallies(fbLanguage),
		coverageByWard: [...coverage.values()]
	};
}
