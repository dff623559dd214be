import type { Kysely } from 'kysely';

/*
 * Partial and stale translations (issue 17, items 1 and 2).
 *
 * `briefing_variant_partial`: a translation saved part-done, as the editor's draft (plain
 * strings, JSON), kept apart from `briefing_variant` so that every reader of a version's
 * variants (the patient page, the ward, packs, the library, publishing) only ever meets a
 * complete variant. A format and language is in one of the two tables, never both.
 *
 * `translation_source`: per translated field (a variant's field path, as `textFields` names
 * it), the source-language text it was translated from. When the source field's text differs,
 * the translation is stale. A lead's reason why a source change does not affect the
 * translation records the new source text with the reason. A translated field with no row was
 * saved before this migration: it is taken to be made from the source as it stands, and a row
 * holding that text is written just before the source next changes.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createTable('briefing_variant_partial')
		.addColumn('version_id', 'text', (c) => c.notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('format', 'text', (c) => c.notNull())
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('draft', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('briefing_variant_partial_pk', ['version_id', 'format', 'language'])
		.addForeignKeyConstraint(
			'briefing_variant_partial_version',
			['version_id', 'organisation_id'],
			'briefing_version',
			['id', 'organisation_id']
		)
		.execute();
	await db.schema
		.createTable('translation_source')
		.addColumn('version_id', 'text', (c) => c.notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('format', 'text', (c) => c.notNull())
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('path', 'text', (c) => c.notNull())
		.addColumn('source_text', 'text', (c) => c.notNull())
		.addColumn('reason', 'text')
		.addColumn('reason_by', 'text', (c) => c.references('staff_account.id'))
		.addColumn('reason_at', 'text')
		.addPrimaryKeyConstraint('translation_source_pk', ['version_id', 'format', 'language', 'path'])
		.addForeignKeyConstraint(
			'translation_source_version',
			['version_id', 'organisation_id'],
			'briefing_version',
			['id', 'organisation_id']
		)
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('translation_source').execute();
	await db.schema.dropTable('briefing_variant_partial').execute();
}
