import type { Kysely } from 'kysely';

/*
 * What a version said when a clinical reviewer returned it (issue 17 item 4): on resubmission
 * the reviewer reads "changes since you returned it", word by word, instead of reading the
 * whole version again and perhaps missing the one sentence that changed (H81).
 *
 * One row per return: the version's complete variants (their content JSON, as in
 * `briefing_variant`) and its details (review date, evidence, user testing), with the comment.
 * A version is immutable while in review, so the snapshot is exactly what the reviewer read.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createTable('version_return')
		.addColumn('version_id', 'text', (c) => c.notNull())
		.addColumn('organisation_id', 'text', (c) => c.notNull())
		.addColumn('returned_at', 'text', (c) => c.notNull())
		.addColumn('returned_by', 'text', (c) => c.references('staff_account.id'))
		.addColumn('comment', 'text', (c) => c.notNull())
		.addColumn('variants', 'text', (c) => c.notNull())
		.addColumn('details', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('version_return_pk', ['version_id', 'returned_at'])
		.addForeignKeyConstraint(
			'version_return_version',
			['version_id', 'organisation_id'],
			'briefing_version',
			['id', 'organisation_id']
		)
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('version_return').execute();
}
