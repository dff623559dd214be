import { sql, type Kysely } from 'kysely';
import { DEFAULT_TIME_ZONE, localDay } from '$lib/domain/local-time';
import { isPostgres } from './portable';

/*
 * Local time (issue 12): days, weeks and months are the organisation's, not UTC's.
 * - organisation.time_zone: an IANA name, Europe/London unless chosen;
 * - delivery_record.recorded_day and feedback.received_day: the local calendar date of the
 *   instant, in the organisation's zone, fixed when the server receives the record. SQLite has
 *   no time-zone database, so the day is worked out in TypeScript (`localDay`) once, and every
 *   query then groups by a plain column, the same SQL in SQLite and PostgreSQL;
 * - the measures' indexes (006, 009) rebuilt on those columns instead of the UTC date;
 * - the day counts emptied: they were UTC days, and are counted again on the next read.
 * Existing rows are filled in here, in batches by rowid (by id on PostgreSQL, which has no
 * rowid), with every organisation on the default.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('organisation')
		.addColumn('time_zone', 'text', (c) => c.notNull().defaultTo(DEFAULT_TIME_ZONE))
		.execute();
	await db.schema.alterTable('delivery_record').addColumn('recorded_day', 'text').execute();
	await db.schema.alterTable('feedback').addColumn('received_day', 'text').execute();
	await fillDays(db, 'delivery_record', 'recorded_at', 'recorded_day');
	await fillDays(db, 'feedback', 'received_at', 'received_day');

	// `ifExists`: an earlier migration of the same release may have rebuilt the table.
	await db.schema.dropIndex('delivery_record_measures').ifExists().execute();
	await db.schema.dropIndex('delivery_record_ward_measures').ifExists().execute();
	await db.schema.dropIndex('feedback_measures').ifExists().execute();
	await sql`create index delivery_record_measures on delivery_record (
		organisation_id, recorded_day, patient_group_id, format, outcome,
		talked_through, teach_back, voided_at, ward_id, language, recorded_at
	)`.execute(db);
	await sql`create index delivery_record_ward_measures on delivery_record (
		organisation_id, ward_id, recorded_day, patient_group_id, format, outcome,
		talked_through, teach_back, voided_at, language, id
	)`.execute(db);
	await sql`create index feedback_measures on feedback (
		organisation_id, received_day, overall, knows_how_to_get_help, language,
		delivery_id, received_at
	)`.execute(db);

	await db.deleteFrom('measure_day_count').execute();
	await db.deleteFrom('measure_day_count_state').execute();
}

async function fillDays(
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
	db: Kysely<any>,
	table: string,
	instant: string,
	day: string
): Promise<void> {
	// Offsets are whole minutes, so records of the same UTC minute share a local day (the
	// instants are stored in UTC, `…Z`, so their first 16 characters are that minute).
	const dayOfMinute = new Map<string, string>();
	const key = sql.raw(isPostgres(db) ? 'id' : 'rowid');
	for (let last: number | string = isPostgres(db) ? '' : 0; ;) {
		const rows = await sql<{ rowid: number | string; at: string }>`
			select ${key} as rowid, ${sql.ref(instant)} as at from ${sql.table(table)}
			where ${key} > ${last} order by ${key} limit 10000`.execute(db);
		if (!rows.rows.length) return;
		const rowidsByDay = new Map<string, (number | string)[]>();
		for (const { rowid, at } of rows.rows) {
			const minute = at.slice(0, 16);
			let local = dayOfMinute.get(minute);
			if (!local) dayOfMinute.set(minute, (local = localDay(at, DEFAULT_TIME_ZONE)));
			const same = rowidsByDay.get(local);
			if (same) same.push(rowid);
			else rowidsByDay.set(local, [rowid]);
		}
		for (const [local, rowids] of rowidsByDay)
			for (let i = 0; i < rowids.length; i += 5000)
				await sql`update ${sql.table(table)} set ${sql.ref(day)} = ${local}
					where ${key} in (${sql.join(rowids.slice(i, i + 5000))})`.execute(db);
		last = rows.rows[rows.rows.length - 1]!.rowid;
	}
}
