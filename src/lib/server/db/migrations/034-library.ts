import type { Kysely } from 'kysely';

/*
 * The shared library (issue 19, part 1): one service, many organisations, and a lead may share a
 * published briefing with all of them.
 *
 * `library_item`: one per shared briefing, service-wide by design (every organisation's leads
 * browse it), so it names its source as `source_organisation_id`, not `organisation_id`: only
 * the source's lead changes it, which the repository checks by that column. `withdrawn_at` with
 * `withdrawn_reason` ('author', or 'fingerprint' when a stored version no longer matched its
 * fingerprint) takes it out of the library; adopters keep what they made.
 *
 * `library_item_version`: what was shared, frozen: the published version's content (topic, every
 * variant in every format and language, review date, evidence) as JSON, and the SHA-256 of its
 * canonical JSON (`fingerprint`), checked whenever it is read for a preview, a diff or an adoption.
 *
 * `library_adoption`: per organisation, which item, which library version it adopted, and the
 * draft briefing the adoption made there (which then goes through that organisation's review).
 * `seen_version` is the newest version its lead has been shown the changes of.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createTable('library_item')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('source_organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('source_briefing_id', 'text', (c) => c.notNull().references('briefing.id'))
		.addColumn('topic', 'text', (c) => c.notNull())
		.addColumn('licence', 'text', (c) => c.notNull())
		.addColumn('attribution', 'text', (c) => c.notNull())
		.addColumn('evidence_note', 'text', (c) => c.notNull())
		.addColumn('user_testing_note', 'text', (c) => c.notNull())
		.addColumn('needs', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('withdrawn_at', 'text')
		.addColumn('withdrawn_reason', 'text')
		.addUniqueConstraint('library_item_source_unique', [
			'source_organisation_id',
			'source_briefing_id'
		])
		.execute();
	await db.schema
		.createTable('library_item_version')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('library_item_id', 'text', (c) => c.notNull().references('library_item.id'))
		.addColumn('number', 'integer', (c) => c.notNull())
		.addColumn('source_version_number', 'integer', (c) => c.notNull())
		.addColumn('content', 'text', (c) => c.notNull())
		.addColumn('fingerprint', 'text', (c) => c.notNull())
		.addColumn('formats', 'text', (c) => c.notNull())
		.addColumn('languages', 'text', (c) => c.notNull())
		.addColumn('reading_age', 'integer')
		.addColumn('review_by', 'text', (c) => c.notNull())
		.addColumn('shared_by', 'text', (c) => c.notNull().references('staff_account.id'))
		.addColumn('shared_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('library_item_version_number_unique', ['library_item_id', 'number'])
		.execute();
	await db.schema
		.createTable('library_adoption')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('library_item_id', 'text', (c) => c.notNull().references('library_item.id'))
		.addColumn('version_number', 'integer', (c) => c.notNull())
		.addColumn('seen_version', 'integer', (c) => c.notNull())
		.addColumn('briefing_id', 'text', (c) => c.notNull().references('briefing.id'))
		.addColumn('adopted_by', 'text', (c) => c.notNull().references('staff_account.id'))
		.addColumn('adopted_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('library_adoption_once', ['organisation_id', 'library_item_id'])
		.execute();
	await db.schema
		.createIndex('library_adoption_briefing')
		.on('library_adoption')
		.columns(['organisation_id', 'briefing_id'])
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('library_adoption').execute();
	await db.schema.dropTable('library_item_version').execute();
	await db.schema.dropTable('library_item').execute();
}
