import { v7 as uuidv7 } from 'uuid';
import { localDay } from '$lib/domain/local-time';
import { inTransaction, type Db } from '../db/database';
import { lockDayCounts } from '../repositories/day-counts';

/*
 * Retention (issue 18, item 7): each organisation's delivery records, patient feedback and audit
 * entries are deleted once they are older than the organisation's limits (organisation
 * .retain_*_years, migration 033; set by its admin at /admin/retention).
 *
 * - Records and feedback go by whole local days in the organisation's time zone: a record of
 *   a day before the cut (today, N years ago) goes, with what hangs from it: its patient links
 *   and their view events, its revision history; feedback that came from it stays (if its own
 *   limit keeps it) without the link.
 * - In batches of `batchSize`, each its own transaction, so a ward's sync never waits long behind
 *   the job and a stop part way loses nothing: the next run carries on.
 * - The measures keep their history: day counts are not deleted. Before deleting a record the
 *   job moves `records_retained_from` to the cut, under the organisation's day-count lock, so no
 *   recount afterwards (a correction, a time zone change) counts those days again from records
 *   that are gone (day-counts.ts, invariant 4).
 * - Each run that deleted anything leaves a `retention_run` row per organisation: what, and up to
 *   when (shown on /admin/retention). It is counted in each batch's own transaction, so it says
 *   exactly what went even when a run stops part way. Admissions, aims, chart notes and content
 *   are not touched.
 * - Records held for the lead to check (held_delivery_record, migration 046: waiting or set
 *   aside) are delivery records not yet counted: they go by the records' limit and day, and are
 *   counted with them (`records_deleted`, and an admin's preview).
 */

export interface RetentionLimits {
	records: number;
	feedback: number;
	audit: number;
}

/** The defaults, in years (docs/operations.md, "Retention", says where they come from). */
export const DEFAULT_RETENTION: RetentionLimits = { records: 5, feedback: 5, audit: 6 };

/** Where each kind is cut: records and feedback by local day, audit entries by instant. */
export interface RetentionCuts {
	recordsBeforeDay: string;
	feedbackBeforeDay: string;
	auditBefore: string;
}

export interface RetentionSummary extends RetentionCuts {
	organisationId: string;
	recordsDeleted: number;
	feedbackDeleted: number;
	auditDeleted: number;
}

/** The same calendar day `years` earlier (29 February → 28 February: keeps a day more, not less). */
export function yearsBeforeDay(day: string, years: number): string {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	const year = y - years;
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	const dd = m === 2 && d === 29 && !leap ? 28 : d;
	return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/** The instant `years` before `now`, ISO (the cut for audit entries, which have instants). */
export function yearsBeforeInstant(now: Date, years: number): string {
	const cut = new Date(now.getTime());
	cut.setUTCFullYear(cut.getUTCFullYear() - years);
	return cut.toISOString();
}

/** The cuts `limits` make on `now` in an organisation's time zone: older than these goes. */
export function retentionCuts(now: Date, timeZone: string, limits: RetentionLimits): RetentionCuts {
	const today = localDay(now, timeZone);
	return {
		recordsBeforeDay: yearsBeforeDay(today, limits.records),
		feedbackBeforeDay: yearsBeforeDay(today, limits.feedback),
		auditBefore: yearsBeforeInstant(now, limits.audit)
	};
}

/*
 * What each kind's cut takes: the one rule, which the job deletes by (a batch at a time) and
 * an admin's preview counts by (expiringUnder), so the two can never disagree.
 */
const expiredRecords = (db: Db, organisationId: string, beforeDay: string) =>
	db
		.selectFrom('delivery_record')
		.where('organisation_id', '=', organisationId)
		.where('recorded_day', '<', beforeDay);

type ExpiringRows = {
	table: 'feedback' | 'audit_event' | 'held_delivery_record';
	column: 'received_day' | 'at' | 'recorded_day';
	before: string;
};
const expiredRows = (db: Db, organisationId: string, { table, column, before }: ExpiringRows) =>
	db
		.selectFrom(table)
		.where('organisation_id', '=', organisationId)
		.where(column as 'at', '<', before);

const feedbackRows = (cuts: RetentionCuts): ExpiringRows => ({
	table: 'feedback',
	column: 'received_day',
	before: cuts.feedbackBeforeDay
});
const heldRows = (cuts: RetentionCuts): ExpiringRows => ({
	table: 'held_delivery_record',
	column: 'recorded_day',
	before: cuts.recordsBeforeDay
});
const auditRows = (cuts: RetentionCuts): ExpiringRows => ({
	table: 'audit_event',
	column: 'at',
	before: cuts.auditBefore
});

export type RetentionKind = keyof RetentionLimits;

/** One kind's cut under proposed limits, and how many of the organisation's rows it takes. */
export interface Expiring {
	kind: RetentionKind;
	/** A local day (records, feedback) or an instant (audit entries): older than it goes. */
	before: string;
	count: number;
}

/**
 * What the job would delete of `kinds` if the organisation's limits were `limits` and it ran at
 * `now`: each kind's cut, and a count by the very queries the job deletes by. A record counts
 * once: its patient links, their views and its revisions go with it uncounted, and feedback
 * that came from it stays (unless its own limit takes it).
 */
export async function expiringUnder(
	db: Db,
	organisationId: string,
	limits: RetentionLimits,
	kinds: readonly RetentionKind[],
	now = new Date()
): Promise<Expiring[]> {
	const { time_zone } = await db
		.selectFrom('organisation')
		.select('time_zone')
		.where('id', '=', organisationId)
		.executeTakeFirstOrThrow();
	const cuts = retentionCuts(now, time_zone, limits);
	const n = (row: { n: number | string | bigint }) => Number(row.n); // pg: a string
	const rowsCount = async (rows: ExpiringRows) =>
		n(
			await expiredRows(db, organisationId, rows)
				.select((eb) => eb.fn.countAll().as('n'))
				.executeTakeFirstOrThrow()
		);
	const count: Record<RetentionKind, () => Promise<Expiring>> = {
		records: async () => ({
			kind: 'records',
			before: cuts.recordsBeforeDay,
			count:
				n(
					await expiredRecords(db, organisationId, cuts.recordsBeforeDay)
						.select((eb) => eb.fn.countAll().as('n'))
						.executeTakeFirstOrThrow()
				) + (await rowsCount(heldRows(cuts)))
		}),
		feedback: async () => ({
			kind: 'feedback',
			before: cuts.feedbackBeforeDay,
			count: await rowsCount(feedbackRows(cuts))
		}),
		audit: async () => ({
			kind: 'audit',
			before: cuts.auditBefore,
			count: await rowsCount(auditRows(cuts))
		})
	};
	const expiring: Expiring[] = [];
	for (const kind of kinds) expiring.push(await count[kind]());
	return expiring;
}

/** Applies every organisation's limits once; returns what was deleted, per organisation. */
export async function applyRetention(
	db: Db,
	now = new Date(),
	options: { batchSize?: number } = {}
): Promise<RetentionSummary[]> {
	const batchSize = options.batchSize ?? 1000;
	const organisations = await db
		.selectFrom('organisation') // tenancy: the service's own job, each organisation in turn
		.select([
			'id',
			'time_zone',
			'retain_records_years',
			'retain_feedback_years',
			'retain_audit_years'
		])
		.orderBy('id')
		.execute();
	const summaries: RetentionSummary[] = [];
	for (const org of organisations) {
		const summary: RetentionSummary = {
			organisationId: org.id,
			...retentionCuts(now, org.time_zone, {
				records: org.retain_records_years,
				feedback: org.retain_feedback_years,
				audit: org.retain_audit_years
			}),
			recordsDeleted: 0,
			feedbackDeleted: 0,
			auditDeleted: 0
		};
		const tally = runTally(org.id, now, summary);
		summary.recordsDeleted = await deleteRecords(
			db,
			org.id,
			summary.recordsBeforeDay,
			batchSize,
			tally('records_deleted')
		);
		summary.recordsDeleted += await deleteRowsBefore(
			db,
			batchSize,
			org.id,
			tally('records_deleted'),
			heldRows(summary)
		);
		summary.feedbackDeleted = await deleteRowsBefore(
			db,
			batchSize,
			org.id,
			tally('feedback_deleted'),
			feedbackRows(summary)
		);
		summary.auditDeleted = await deleteRowsBefore(
			db,
			batchSize,
			org.id,
			tally('audit_deleted'),
			auditRows(summary)
		);
		if (summary.recordsDeleted || summary.feedbackDeleted || summary.auditDeleted)
			summaries.push(summary);
	}
	return summaries;
}

/** Adds a batch's deletions to the run's row, in the batch's transaction. */
type Tally = (trx: Db, deleted: number) => Promise<void>;

/**
 * The run's `retention_run` row for one organisation, made by the first batch that deletes
 * anything and added to by each later one, in that batch's transaction: the row and the
 * deletions it counts commit together or not at all. Answers each column's `Tally`.
 */
function runTally(organisationId: string, now: Date, cuts: RetentionSummary) {
	const id = uuidv7();
	return (column: 'records_deleted' | 'feedback_deleted' | 'audit_deleted'): Tally =>
		async (trx, deleted) => {
			await trx
				.insertInto('retention_run')
				.values({
					id,
					organisation_id: organisationId,
					ran_at: now.toISOString(),
					records_before_day: cuts.recordsBeforeDay,
					feedback_before_day: cuts.feedbackBeforeDay,
					audit_before: cuts.auditBefore,
					records_deleted: 0,
					feedback_deleted: 0,
					audit_deleted: 0,
					[column]: deleted
				})
				.onConflict((oc) =>
					oc.column('id').doUpdateSet((eb) => ({
						[column]: eb(`retention_run.${column}`, '+', eb.ref(`excluded.${column}`))
					}))
				)
				.execute();
		};
}

/**
 * Runs `batch` (which deletes up to a batch and says how many) until it deletes nothing, each
 * in a transaction of its own with its `tally`.
 */
async function deleteInBatches(
	db: Db,
	batchSize: number,
	tally: Tally,
	batch: (trx: Db) => Promise<number>
): Promise<number> {
	let total = 0;
	for (;;) {
		const deleted = await inTransaction(db, async (trx) => {
			const n = await batch(trx);
			if (n) await tally(trx, n);
			return n;
		});
		total += deleted;
		if (deleted < batchSize) return total;
	}
}

/** Deletes one organisation's rows of a table whose `column` is before `before`. */
async function deleteRowsBefore(
	db: Db,
	batchSize: number,
	organisationId: string,
	tally: Tally,
	rows: ExpiringRows
): Promise<number> {
	const { table } = rows;
	return deleteInBatches(db, batchSize, tally, async (trx) => {
		const ids = (
			await expiredRows(trx, organisationId, rows).select('id').limit(batchSize).execute()
		).map((r) => r.id);
		if (ids.length)
			await trx
				.deleteFrom(table)
				.where('organisation_id', '=', organisationId)
				.where('id', 'in', ids)
				.execute();
		return ids.length;
	});
}

/** Deletes one organisation's records of days before `beforeDay`, and what hangs from them. */
async function deleteRecords(
	db: Db,
	organisationId: string,
	beforeDay: string,
	batchSize: number,
	tally: Tally
): Promise<number> {
	return deleteInBatches(db, batchSize, tally, async (trx) => {
		await lockDayCounts(trx, organisationId);
		const ids = (
			await expiredRecords(trx, organisationId, beforeDay).select('id').limit(batchSize).execute()
		).map((r) => r.id);
		if (!ids.length) return 0;
		// First the day counts' horizon, so that no recount from now on reads these days.
		await trx
			.updateTable('organisation')
			.set({ records_retained_from: beforeDay })
			.where('id', '=', organisationId)
			.where((eb) =>
				eb.or([
					eb('records_retained_from', 'is', null),
					eb('records_retained_from', '<', beforeDay)
				])
			)
			.execute();
		const links = trx
			.selectFrom('patient_link')
			.select('token_hash')
			.where('organisation_id', '=', organisationId)
			.where('delivery_id', 'in', ids);
		await trx
			.deleteFrom('patient_view_event')
			.where('organisation_id', '=', organisationId)
			.where('token_hash', 'in', links)
			.execute();
		await trx
			.deleteFrom('patient_link')
			.where('organisation_id', '=', organisationId)
			.where('delivery_id', 'in', ids)
			.execute();
		await trx
			.deleteFrom('delivery_record_revision')
			.where('organisation_id', '=', organisationId)
			.where('delivery_id', 'in', ids)
			.execute();
		await trx
			.updateTable('feedback')
			.set({ delivery_id: null })
			.where('organisation_id', '=', organisationId)
			.where('delivery_id', 'in', ids)
			.execute();
		await trx
			.deleteFrom('delivery_record')
			.where('organisation_id', '=', organisationId)
			.where('id', 'in', ids)
			.execute();
		return ids.length;
	});
}

/** The organisation's runs that deleted anything, newest first, a page at a time (its admin's). */
export async function recentRetentionRuns(
	db: Db,
	organisationId: string,
	{ limit = 10, offset = 0 }: { limit?: number; offset?: number } = {}
) {
	return db
		.selectFrom('retention_run')
		.selectAll()
		.where('organisation_id', '=', organisationId)
		.orderBy('ran_at', 'desc')
		.orderBy('id', 'desc')
		.limit(limit)
		.offset(offset)
		.execute();
}

/** How many runs deleted anything in the organisation, for the list's pages. */
export async function countRetentionRuns(db: Db, organisationId: string): Promise<number> {
	const row = await db
		.selectFrom('retention_run')
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.where('organisation_id', '=', organisationId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

const RETENTION_EVERY_MS = 24 * 60 * 60_000;

/**
 * Runs the job now and then once a day, in the background: it never delays the server's start
 * or a request, and a failure is logged and tried again the next day. With several app servers
 * each runs it; a second run finds nothing left to delete. Answers the function that stops it.
 */
export function scheduleRetention(db: Db, log: (line: string) => void): () => void {
	const run = async () => {
		try {
			for (const s of await applyRetention(db))
				log(
					`Retention: organisation ${s.organisationId} deleted ${s.recordsDeleted} delivery records ` +
						`(days before ${s.recordsBeforeDay}), ${s.feedbackDeleted} feedback ` +
						`(before ${s.feedbackBeforeDay}), ${s.auditDeleted} audit entries (before ${s.auditBefore})`
				);
		} catch (error) {
			log(`Retention failed, to be tried again tomorrow: ${(error as Error).message}`);
		}
	};
	void run();
	const timer = setInterval(() => void run(), RETENTION_EVERY_MS).unref();
	return () => clearInterval(timer);
}
