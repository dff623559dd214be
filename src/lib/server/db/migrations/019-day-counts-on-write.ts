import { sql, type Kysely } from 'kysely';

/*
 * The measures' day counts are kept up to date as records are written (issue 14,
 * repositories/day-counts.ts), no longer on read from a rowid watermark, which PostgreSQL has
 * not got and which made a chart's read write. So the watermark table goes, and every day
 * count is counted once here from the records, as day-counts.ts counts them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
	await db.deleteFrom('measure_day_count').execute();
	const given = sql`outcome in ('delivered', 'partly')`;
	const count = (condition: ReturnType<typeof sql>) =>
		sql`sum(case when ${condition} then 1 else 0 end)`;
	await sql`insert into measure_day_count (organisation_id, day, patient_group_id, format, total,
			given, talked_through, teach_back, talked_through_answered, teach_back_answered)
		select organisation_id, recorded_day, patient_group_id, format, count(*), ${count(given)},
			${count(sql`talked_through = 1 and ${given}`)},
			${count(sql`teach_back = 'confirmed' and ${given}`)},
			${count(sql`talked_through is not null and ${given}`)},
			${count(sql`teach_back is not null and ${given}`)}
		from delivery_record where voided_at is null
		group by organisation_id, recorded_day, patient_group_id, format`.execute(db);
	await db.schema.dropTable('measure_day_count_state').execute();
}

/** Back to counting on read: the watermark table, empty, so the old code counts everything. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('measure_day_count_state')
		.addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisation.id'))
		.addColumn('last_record_rowid', 'integer', (c) => c.notNull())
		.addColumn('last_revision_id', 'integer', (c) => c.notNull())
		.execute();
	await db.deleteFrom('measure_day_count').execute();
}
