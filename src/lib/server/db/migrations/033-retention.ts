import type { Kysely } from 'kysely';

/*
 * Retention (issue 18, item 7). Each organisation says how long its delivery records, patient
 * feedback and audit entries are kept, in years; a daily job deletes what is past it
 * (operations/retention.ts). The defaults are this toolkit's reading of the NHS Records
 * Management Code of Practice (docs/operations.md, "Retention").
 *
 * `records_retained_from`: the first local day whose records are still kept. Day counts before
 * it stay as they were when their records were deleted (the measures keep their history), and
 * no recount may touch them (repositories/day-counts.ts). Null: nothing deleted yet.
 *
 * `feedback_delivery`: an index on feedback.delivery_id (see below).
 *
 * `retention_run`: one row per organisation each time the job deleted anything, with what and up
 * to when: the record of the deletions (audit_event needs a person as its actor, and its own rows
 * are among what is deleted).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.alterTable('organisation')
		.addColumn('retain_records_years', 'integer', (c) => c.notNull().defaultTo(5))
		.execute();
	await db.schema
		.alterTable('organisation')
		.addColumn('retain_feedback_years', 'integer', (c) => c.notNull().defaultTo(5))
		.execute();
	await db.schema
		.alterTable('organisation')
		.addColumn('retain_audit_years', 'integer', (c) => c.notNull().defaultTo(6))
		.execute();
	await db.schema.alterTable('organisation').addColumn('records_retained_from', 'text').execute();
	// Deleting a record looks for feedback that names it, to unlink it, and the foreign key
	// check does so for every record deleted: without an index, a scan of all feedback each time.
	await db.schema.createIndex('feedback_delivery').on('feedback').column('delivery_id').execute();
	await db.schema
		.createTable('retention_run')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('ran_at', 'text', (c) => c.notNull())
		.addColumn('records_before_day', 'text', (c) => c.notNull())
		.addColumn('feedback_before_day', 'text', (c) => c.notNull())
		.addColumn('audit_before', 'text', (c) => c.notNull())
		.addColumn('records_deleted', 'integer', (c) => c.notNull())
		.addColumn('feedback_deleted', 'integer', (c) => c.notNull())
		.addColumn('audit_deleted', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('retention_run_org_ran_at')
		.on('retention_run')
		.columns(['organisation_id', 'ran_at'])
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('retention_run').execute();
	await db.schema.dropIndex('feedback_delivery').execute();
	for (const column of [
		'records_retained_from',
		'retain_audit_years',
		'retain_feedback_years',
		'retain_records_years'
	])
		await db.schema.alterTable('organisation').dropColumn(column).execute();
}
