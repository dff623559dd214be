import { sql, type Kysely } from 'kysely';
import { floatType } from './portable';

/*
 * Measurement for improvement:
 * - admission_count: the denominator of coverage, admissions per ward per ISO week (Monday);
 * - aim: what, how much, for whom, by when, judged on which measure;
 * - measure_annotation: a change tried (PDSA), drawn on the charts at its date;
 * - measure_setting: per measure, XmR or run chart, a fixed baseline and the rebase dates.
 *
 * delivery_record_measures is a covering index on (organisation, UTC day of recorded_at, group,
 * format, …), an index on an expression, so the weekly series of every measure for an
 * organisation is one GROUP BY streamed in index order instead of a sort of every row: measured
 * 740 ms → about 320 ms for 1,000,000 records (scripts/bench/measurement.js). PostgreSQL has
 * indexes on expressions too. The repository must group by exactly `substr(recorded_at, 1, 10)`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('admission_count')
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('ward_id', 'text', (c) => c.notNull().references('ward.id'))
		.addColumn('week_start', 'text', (c) => c.notNull())
		.addColumn('admissions', 'integer', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'text', (c) => c.notNull().references('staff_account.id'))
		.addPrimaryKeyConstraint('admission_count_pk', ['ward_id', 'week_start'])
		.execute();
	await db.schema
		.createIndex('admission_count_org_week')
		.on('admission_count')
		.columns(['organisation_id', 'week_start'])
		.execute();

	await db.schema
		.createTable('aim')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('measure', 'text', (c) => c.notNull())
		.addColumn('target', floatType(db), (c) => c.notNull())
		.addColumn('ward_ids', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('patient_group_ids', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('due_by', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.notNull().references('staff_account.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('measure_annotation')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('on_date', 'text', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('ward_id', 'text', (c) => c.references('ward.id'))
		.addColumn('created_by', 'text', (c) => c.notNull().references('staff_account.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('measure_annotation_org_date')
		.on('measure_annotation')
		.columns(['organisation_id', 'on_date'])
		.execute();

	await db.schema
		.createTable('measure_setting')
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('measure', 'text', (c) => c.notNull())
		.addColumn('chart', 'text', (c) => c.notNull())
		.addColumn('baseline_points', 'integer')
		.addColumn('rebase_at', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('measure_setting_pk', ['organisation_id', 'measure'])
		.execute();

	await db.schema
		.createTable('measure_day_count')
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('day', 'text', (c) => c.notNull())
		.addColumn('patient_group_id', 'text', (c) => c.notNull())
		.addColumn('format', 'text', (c) => c.notNull())
		.addColumn('total', 'integer', (c) => c.notNull())
		.addColumn('given', 'integer', (c) => c.notNull())
		.addColumn('talked_through', 'integer', (c) => c.notNull())
		.addColumn('teach_back', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('measure_day_count_pk', [
			'organisation_id',
			'day',
			'patient_group_id',
			'format'
		])
		.execute();
	await db.schema
		.createTable('measure_day_count_state')
		.addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisation.id'))
		.addColumn('last_record_rowid', 'integer', (c) => c.notNull())
		.addColumn('last_revision_id', 'integer', (c) => c.notNull())
		.execute();

	// Listed column by column so the index covers the measures' query: it never reads the table.
	await sql`create index delivery_record_measures on delivery_record (
		organisation_id, substr(recorded_at, 1, 10), patient_group_id, format, outcome,
		talked_through, teach_back, voided_at, ward_id, language, recorded_at
	)`.execute(db);
	// The same for feedback: its daily counts stream through the index without a sort.
	await sql`create index feedback_measures on feedback (
		organisation_id, substr(received_at, 1, 10), overall, knows_how_to_get_help, language,
		delivery_id, received_at
	)`.execute(db);
}
