import type { Kysely } from 'kysely';

/*
 * The audit trail of content and settings: who created, edited, submitted, approved, published,
 * retired, imported or changed what, and when. Rows are only ever added.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('audit_event')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('actor_id', 'text', (c) => c.notNull().references('staff_account.id'))
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('subject_type', 'text', (c) => c.notNull())
		.addColumn('subject_id', 'text', (c) => c.notNull())
		.addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('audit_event_org_at')
		.on('audit_event')
		.columns(['organisation_id', 'at'])
		.execute();
	await db.schema
		.createIndex('audit_event_subject')
		.on('audit_event')
		.columns(['subject_type', 'subject_id'])
		.execute();
}
