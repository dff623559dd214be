import type { Kysely } from 'kysely';

/*
 * The review step of content governance: when a version was submitted, and the reviewer's
 * comments when it was returned to draft (shown to the lead until the next submission).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('briefing_version').addColumn('submitted_at', 'text').execute();
	await db.schema.alterTable('briefing_version').addColumn('review_comment', 'text').execute();
	await db.schema.alterTable('briefing_version').addColumn('returned_at', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
	for (const column of ['returned_at', 'review_comment', 'submitted_at'])
		await db.schema.alterTable('briefing_version').dropColumn(column).execute();
}
