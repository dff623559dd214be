import type { Kysely } from 'kysely';

/*
 * Lessons with the content (issue 19, part 2): a PDSA annotation from an organisation's chart,
 * shared with a library item as "what we tried and what happened", with one measure's figures
 * before and after the annotation's date, counted from that organisation's measures when it was
 * shared and frozen then. The counts are stored as counted; other organisations are shown them
 * through disclosure control (1 to 4 withheld), the organisation's own lead as they are.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createTable('library_lesson')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('library_item_id', 'text', (c) => c.notNull().references('library_item.id'))
		.addColumn('annotation_id', 'text', (c) => c.notNull().references('measure_annotation.id'))
		.addColumn('on_date', 'text', (c) => c.notNull())
		.addColumn('tried', 'text', (c) => c.notNull())
		.addColumn('happened', 'text', (c) => c.notNull())
		.addColumn('measure', 'text', (c) => c.notNull())
		.addColumn('weeks', 'integer', (c) => c.notNull())
		.addColumn('before_numerator', 'integer', (c) => c.notNull())
		.addColumn('before_denominator', 'integer')
		.addColumn('after_numerator', 'integer', (c) => c.notNull())
		.addColumn('after_denominator', 'integer')
		.addColumn('shared_by', 'text', (c) => c.notNull().references('staff_account.id'))
		.addColumn('shared_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('library_lesson_once', ['library_item_id', 'annotation_id'])
		.execute();
	await db.schema
		.createIndex('library_lesson_item')
		.on('library_lesson')
		.column('library_item_id')
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('library_lesson').execute();
}
