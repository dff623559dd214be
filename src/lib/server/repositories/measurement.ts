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
	type Slice,
	type UncoveredCell
} from '$lib/domain/measurement/measures';
import { weekStartOf, type PeriodKind } from '$lib/domain/measurement/period';
import type { EquityInput } from '$lib/domain/measurement/equity';
import { inTransaction, type Db } from '../db/database';

/*
 * The measures' SQL: counts grouped by day (and group and format, for format fit), which
 * $lib/domain/measurement/measures turns into series. Voided records never count. The
 * delivery_record_measures index (migration 006) covers the delivery query, so it streams
 * through the index in day order instead of sorting a million rows.
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
	sql<number>`(${sql.ref(`f.${column}`)} is not null and (f.token_hash is null or not exists (
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

export const givenSql = sql<number>`sum(outcome in ('delivered', 'partly'))`;
// `coalesce(…, 0)`: a question not recorded (null) is in neither numerator nor denominator.
export const talkedSql = sql<number>`sum(coalesce(talked_through, 0) * (outcome in ('delivered', 'partly')))`;
export const talkedAnsweredSql = sql<number>`sum(talked_through is not null and outcome in ('delivered', 'partly'))`;
export const teachBackSql = sql<number>`sum(coalesce(teach_back = 'confirmed', 0) and outcome in ('delivered', 'partly'))`;
export const teachBackAnsweredSql = sql<number>`sum(teach_back is not null and outcome in ('delivered', 'partly'))`;

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
									.where('delivery_record_revision.organisation_id', '=', organisationId)
									.where('id', '>', lastRevision)
									.where('id', '<=', maxRevision)
							)
							.where('delivery_record.organisation_id', '=', organisationId)
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
					teachBackSql.as('teach_back'),
					talkedAnsweredSql.as('talked_through_answered'),
					teachBackAnsweredSql.as('teach_back_answered')
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
			'teach_back',
			'talked_through_answered',
			'teach_back_answered'
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
					teach_back: sql`measure_day_count.teach_back + excluded.teach_back`,
					talked_through_answered: sql`measure_day_count.talked_through_answered + excluded.talked_through_answered`,
					teach_back_answered: sql`measure_day_count.teach_back_answered + excluded.teach_back_answered`
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
			sql<number>`sum(${latestOverall})`.as('overallAnswered'),
			sql<number>`sum(${latestOverall} and f.overall in ('veryGood', 'good'))`.as(
				'overallPositive'
			),
			sql<number>`sum(${latestHelp})`.as('helpAnswered'),
			sql<number>`sum(${latestHelp} and f.knows_how_to_get_help = 'yes')`.as('helpYes')
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

// Exports: the FHIR export reads its own pages (fhir-export.ts).

// Equity ------------------------------------------------------------------------------------

const given = sql<number>`sum(outcome in ('delivered', 'partly'))`;
const talkedGiven = sql<number>`sum(talked_through * (outcome in ('delivered', 'partly')))`;
const talkedAnsweredGiven = sql<number>`sum(talked_through is not null and outcome in ('delivered', 'partly'))`;

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
			.where('f.received_day', '>=', fromDay)
			.where(latestOverall, '=', 1);
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
					talkedGiven.as('talked'),
					talkedAnsweredGiven.as('talkedAnswered')
				])
				.groupBy(['patient_group_id', 'format'])
				.execute(),
			deliveries()
				.select([
					'patient_group_id as groupId',
					'language',
					given.as('given'),
					talkedGiven.as('talked'),
					talkedAnsweredGiven.as('talkedAnswered')
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
				.select(['ward.id as wardId', 'ward.name', recordedDay.as('day'), given.as('given')])
				.groupBy(['ward.id', 'ward.name', recordedDay])
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
	// Local days to ISO weeks here, not in SQL: the same query then serves any dialect.
	for (const w of wards) {
		const tally = coverage.get(w.wardId);
		if (tally && admitted.has(`${w.wardId}/${weekStartOf(w.day)}`))
			tally.numerator += Number(w.given);
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
			talked: Number(r.talked ?? 0),
			talkedAnswered: Number(r.talkedAnswered ?? 0)
		})),
		byGroupLanguage: byGroupLanguage.map((r) => ({
			...r,
			given: Number(r.given),
			talked: Number(r.talked ?? 0),
			talkedAnswered: Number(r.talkedAnswered ?? 0)
		})),
		feedbackByGroup: tallies(fbGroup),
		feedbackByLanguage: tallies(fbLanguage),
		coverageByWard: [...coverage.values()]
	};
}
