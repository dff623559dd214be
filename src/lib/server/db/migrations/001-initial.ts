import type { Kysely } from 'kysely';
import { generatedId } from './portable';

/* The first schema. Column types are the portable subset of SQLite and PostgreSQL. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('organisation')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('ward')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('specialty', 'text', (c) => c.notNull().defaultTo(''))
		.addUniqueConstraint('ward_name_unique', ['organisation_id', 'name'])
		.execute();

	await db.schema
		.createTable('staff_account')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('ward_id', 'text', (c) => c.references('ward.id'))
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('staff_account_id', 'text', (c) =>
			c.notNull().references('staff_account.id').onDelete('cascade')
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('sign_in_attempt')
		.addColumn('id', 'integer', generatedId(db))
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('address', 'text', (c) => c.notNull())
		.addColumn('succeeded', 'integer', (c) => c.notNull())
		.addColumn('at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('sign_in_attempt_email_at')
		.on('sign_in_attempt')
		.columns(['email', 'at'])
		.execute();
	await db.schema
		.createIndex('sign_in_attempt_address_at')
		.on('sign_in_attempt')
		.columns(['address', 'at'])
		.execute();

	await db.schema
		.createTable('patient_group')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull())
		.addColumn('communication_needs', 'text', (c) => c.notNull())
		.addColumn('preferred_formats', 'text', (c) => c.notNull())
		.addColumn('usual_languages', 'text', (c) => c.notNull())
		.addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('position', 'integer', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('briefing')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('slug', 'text', (c) => c.notNull())
		.addColumn('topic', 'text', (c) => c.notNull())
		.addColumn('owner_id', 'text', (c) => c.notNull().references('staff_account.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('briefing_slug_unique', ['slug'])
		.execute();

	await db.schema
		.createTable('briefing_version')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('briefing_id', 'text', (c) => c.notNull().references('briefing.id'))
		.addColumn('number', 'integer', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('review_by', 'text', (c) => c.notNull())
		.addColumn('evidence_links', 'text', (c) => c.notNull())
		.addColumn('user_testing_note', 'text', (c) => c.notNull())
		.addColumn('approved_by_name', 'text')
		.addColumn('approved_at', 'text')
		.addColumn('published_at', 'text')
		.addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
		.addUniqueConstraint('briefing_version_number_unique', ['briefing_id', 'number'])
		.execute();

	await db.schema
		.createTable('briefing_variant')
		.addColumn('version_id', 'text', (c) =>
			c.notNull().references('briefing_version.id').onDelete('cascade')
		)
		.addColumn('format', 'text', (c) => c.notNull())
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('content', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('briefing_variant_pk', ['version_id', 'format', 'language'])
		.execute();

	await db.schema
		.createTable('patient_group_briefing')
		.addColumn('patient_group_id', 'text', (c) => c.notNull().references('patient_group.id'))
		.addColumn('briefing_id', 'text', (c) => c.notNull().references('briefing.id'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('patient_group_briefing_pk', ['patient_group_id', 'briefing_id'])
		.execute();

	await db.schema
		.createTable('delivery_record')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('ward_id', 'text', (c) => c.notNull().references('ward.id'))
		.addColumn('patient_group_id', 'text', (c) => c.notNull().references('patient_group.id'))
		.addColumn('briefing_id', 'text', (c) => c.notNull().references('briefing.id'))
		.addColumn('version_id', 'text', (c) => c.notNull().references('briefing_version.id'))
		.addColumn('format', 'text', (c) => c.notNull())
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('outcome', 'text', (c) => c.notNull())
		.addColumn('talked_through', 'integer', (c) => c.notNull())
		.addColumn('interpreter_used', 'integer', (c) => c.notNull())
		.addColumn('carer_present', 'integer', (c) => c.notNull())
		.addColumn('teach_back', 'text', (c) => c.notNull())
		.addColumn('recorded_at', 'text', (c) => c.notNull())
		.addColumn('received_at', 'text', (c) => c.notNull())
		.addColumn('recorded_by', 'text', (c) => c.notNull().references('staff_account.id'))
		.execute();
	await db.schema
		.createIndex('delivery_record_org_recorded')
		.on('delivery_record')
		.columns(['organisation_id', 'recorded_at'])
		.execute();

	await db.schema
		.createTable('feedback')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('briefing_id', 'text', (c) => c.notNull().references('briefing.id'))
		.addColumn('version_id', 'text', (c) => c.references('briefing_version.id'))
		.addColumn('delivery_id', 'text', (c) => c.references('delivery_record.id'))
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('overall', 'text')
		.addColumn('knows_how_to_get_help', 'text')
		.addColumn('able_to_ask_hand_hygiene', 'text')
		.addColumn('free_text', 'text')
		.addColumn('received_at', 'text', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'feedback',
		'delivery_record',
		'patient_group_briefing',
		'briefing_variant',
		'briefing_version',
		'briefing',
		'patient_group',
		'sign_in_attempt',
		'session',
		'staff_account',
		'ward',
		'organisation'
	])
		await db.schema.dropTable(table).execute();
}
