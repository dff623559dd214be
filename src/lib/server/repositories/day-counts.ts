import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/database';
import type { DeliveryRecordTable } from '../db/schema';
import { countWhere, lockFor } from '../db/sql';

/*
 * measure_day_count: each organisation's delivery records counted per local day, patient group
 * and format, so the organisation's charts read a few thousand rows instead of a million records.
 *
 * Invariants (tests: day-counts.test.ts):
 * 1. For every (organisation, day, group, format) on or after the organisation's
 *    `records_retained_from` (invariant 4), the row equals what the records say, counted
 *    over records not voided: total; given (outcome delivered or partly); of those given,
 *    talked_through = 1 and teach_back 'confirmed', and each question answered at all
 *    (`*_answered`: "not recorded", null, is in neither numerator nor denominator). No records,
 *    no row.
 * 2. The counts change in the same transaction as the records: every write of delivery_record
 *    (a sync batch's new records and undos, a lead's correction, a change of the organisation's
 *    time zone that moves records to other days, the demo's history) calls `recountDays` with
 *    the days it touched, before it commits. A read never writes, so a read may go to a replica.
 * 3. A write that changes or moves records (an undo, a correction, a time zone change) counts
 *    their days again whole (delete, then insert from the records through the
 *    delivery_record_measures index): the last to commit counts what every writer wrote. A sync
 *    batch's new records are counted in the same pass instead (`countNewRecords`): their counts
 *    are added to the day's row (an upsert), not the day recounted, which cost a 500-record
 *    batch a scan of its whole day (docs/figures.md, ingestion). That is exact because it adds
 *    only the rows this transaction inserted (a batch stores all its new records, or runs
 *    again: sync/write-batch.ts), commits or rolls back with them, and the upsert adds to the
 *    row as stored, so two writers both count. On PostgreSQL either kind of writer first takes
 *    its organisation's day-count lock (`lockFor`, held to commit; organisations in order, so
 *    two writers cannot deadlock), so the second waits for the first to commit and then sees
 *    its rows. Only the counting at the end of a write waits, and a region stores ~2 records a
 *    second (docs/deploy.md). Without it, two sync batches recounting a day with no row yet
 *    both inserted one, and the second failed on the primary key (found by the ingestion bench;
 *    sync/two-servers.test.ts and day-counts.test.ts hold it).
 * 4. Retention deletes records of whole days past the organisation's limit, oldest first, and
 *    moves `organisation.records_retained_from` under the same lock before it does. Days before
 *    it keep their counts and no recount touches them, so the measures keep their history after
 *    the records have gone (operations/retention.ts; retention.test.ts).
 *
 * Example: ward 7 syncs two leaflets for group G on 2026-03-02 (one delivered, one declined)
 * and one video on 2026-03-03. The batch's transaction counts them into both days:
 *   (org, 2026-03-02, G, leaflet): total 2, given 1, …   (org, 2026-03-03, G, video): total 1, …
 * (a sync batch adds these to the rows as its records are inserted.) The nurse then undoes the
 * declined leaflet: that batch recounts 2026-03-02, leaving total 1.
 */

/** An organisation's local day, as delivery_record.recorded_day holds it. */
export interface OrganisationDay {
	organisationId: string;
	day: string;
}

const given = sql`outcome in ('delivered', 'partly')`;

/** The day counts of one organisation's records, as the columns of measure_day_count. */
function countedFromRecords(db: Db, organisationId: string) {
	return db
		.selectFrom('delivery_record')
		.select([
			'organisation_id',
			'recorded_day as day',
			'patient_group_id',
			'format',
			sql<number>`count(*)`.as('total'),
			countWhere(given).as('given'),
			countWhere(sql`talked_through = 1 and ${given}`).as('talked_through'),
			countWhere(sql`teach_back = 'confirmed' and ${given}`).as('teach_back'),
			countWhere(sql`talked_through is not null and ${given}`).as('talked_through_answered'),
			countWhere(sql`teach_back is not null and ${given}`).as('teach_back_answered')
		])
		.where('organisation_id', '=', organisationId)
		.where('voided_at', 'is', null)
		.groupBy(['organisation_id', 'recorded_day', 'patient_group_id', 'format']);
}

/** The counts a row holds, each added to by a new record (countsOf) or counted again. */
const added = [
	'total',
	'given',
	'talked_through',
	'teach_back',
	'talked_through_answered',
	'teach_back_answered'
] as const;

const columns = ['organisation_id', 'day', 'patient_group_id', 'format', ...added] as const;

/** One writer of an organisation's day counts at a time, until it commits (invariant 3). */
const dayCountsKey = (organisationId: string) => `day-counts:${organisationId}`;

/** Counts the given days again from the records; call in the transaction that changed them. */
export async function recountDays(trx: Db, days: Iterable<OrganisationDay>): Promise<void> {
	const byOrganisation = new Map<string, Set<string>>();
	for (const { organisationId, day } of days)
		byOrganisation.set(organisationId, (byOrganisation.get(organisationId) ?? new Set()).add(day));
	for (const [organisationId, set] of [...byOrganisation].sort(([a], [b]) => a.localeCompare(b))) {
		await lockFor(trx, dayCountsKey(organisationId));
		const keptFrom = await recordsRetainedFrom(trx, organisationId);
		const all = [...set].filter((day) => keptFrom === null || day >= keptFrom).sort();
		for (let i = 0; i < all.length; i += 500) {
			const chunk = all.slice(i, i + 500);
			await trx
				.deleteFrom('measure_day_count')
				.where('organisation_id', '=', organisationId)
				.where('day', 'in', chunk)
				.execute();
			await trx
				.insertInto('measure_day_count')
				.columns(columns)
				.expression(countedFromRecords(trx, organisationId).where('recorded_day', 'in', chunk))
				.execute();
		}
	}
}

/** A new record, as much of it as its day's counts need. */
export type CountedRecord = Pick<
	Selectable<DeliveryRecordTable>,
	| 'organisation_id'
	| 'recorded_day'
	| 'patient_group_id'
	| 'format'
	| 'outcome'
	| 'talked_through'
	| 'teach_back'
>;

type DayCountRow = Record<'organisation_id' | 'day' | 'patient_group_id' | 'format', string> &
	Record<(typeof added)[number], number>;

/** What `records` add to each of their (day, group, format) rows: countedFromRecords, in code. */
function countsOf(records: CountedRecord[]): DayCountRow[] {
	const rows = new Map<string, DayCountRow>();
	for (const r of records) {
		const day = r.recorded_day ?? '';
		const key = `${day} ${r.patient_group_id} ${r.format}`;
		let row = rows.get(key);
		if (!row) {
			row = {
				organisation_id: r.organisation_id,
				day,
				patient_group_id: r.patient_group_id,
				format: r.format,
				total: 0,
				given: 0,
				talked_through: 0,
				teach_back: 0,
				talked_through_answered: 0,
				teach_back_answered: 0
			};
			rows.set(key, row);
		}
		row.total++;
		if (r.outcome !== 'delivered' && r.outcome !== 'partly') continue;
		row.given++;
		if (r.talked_through === 1) row.talked_through++;
		if (r.teach_back === 'confirmed') row.teach_back++;
		if (r.talked_through !== null) row.talked_through_answered++;
		if (r.teach_back !== null) row.teach_back_answered++;
	}
	return [...rows.values()];
}

/** `column = measure_day_count.column + excluded.column`: a row's counts added to. */
const plus = (column: (typeof added)[number]) =>
	sql<number>`${sql.ref(`measure_day_count.${column}`)} + ${sql.ref(`excluded.${column}`)}`;

/**
 * Adds records this transaction has just inserted to their days' counts (invariant 3): one
 * upsert, not a recount of each day. Pass only records that were inserted, never one a
 * conflict skipped; a day retention has passed keeps its count (invariant 4).
 */
export async function countNewRecords(trx: Db, records: CountedRecord[]): Promise<void> {
	const byOrganisation = new Map<string, CountedRecord[]>();
	for (const r of records) {
		const own = byOrganisation.get(r.organisation_id);
		if (own) own.push(r);
		else byOrganisation.set(r.organisation_id, [r]);
	}
	for (const [organisationId, own] of [...byOrganisation].sort(([a], [b]) => a.localeCompare(b))) {
		await lockFor(trx, dayCountsKey(organisationId));
		const keptFrom = await recordsRetainedFrom(trx, organisationId);
		const rows = countsOf(
			own.filter((r) => keptFrom === null || (r.recorded_day ?? '') >= keptFrom)
		);
		for (let i = 0; i < rows.length; i += 500)
			await trx
				.insertInto('measure_day_count')
				.values(rows.slice(i, i + 500))
				.onConflict((oc) =>
					oc
						.columns(['organisation_id', 'day', 'patient_group_id', 'format'])
						.doUpdateSet(Object.fromEntries(added.map((c) => [c, plus(c)])))
				)
				.execute();
	}
}

/**
 * Counts every day of one organisation again (its time zone changed, or its history was made),
 * but for the days whose records retention has deleted: those keep their counts (invariant 4).
 */
export async function recountOrganisation(trx: Db, organisationId: string): Promise<void> {
	await lockFor(trx, dayCountsKey(organisationId));
	const keptFrom = await recordsRetainedFrom(trx, organisationId);
	let counted = countedFromRecords(trx, organisationId);
	let stale = trx.deleteFrom('measure_day_count').where('organisation_id', '=', organisationId);
	if (keptFrom !== null) {
		counted = counted.where('recorded_day', '>=', keptFrom);
		stale = stale.where('day', '>=', keptFrom);
	}
	await stale.execute();
	await trx.insertInto('measure_day_count').columns(columns).expression(counted).execute();
}

/**
 * The first day whose records retention keeps, or null if it has deleted none. Read under the
 * day-count lock, which the retention job takes to move it (operations/retention.ts).
 */
async function recordsRetainedFrom(trx: Db, organisationId: string): Promise<string | null> {
	const row = await trx
		.selectFrom('organisation')
		.select('records_retained_from')
		.where('id', '=', organisationId)
		.executeTakeFirst();
	return row?.records_retained_from ?? null;
}

/** Takes the organisation's day-count lock until the transaction ends (invariant 3). */
export async function lockDayCounts(trx: Db, organisationId: string): Promise<void> {
	await lockFor(trx, dayCountsKey(organisationId));
}
