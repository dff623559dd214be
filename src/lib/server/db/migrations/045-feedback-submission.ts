import type { Kysely } from 'kysely';

/*
 * A patient's answers are stored once, even when the phone sends them twice: on a weak signal
 * the POST can arrive while its reply is lost, so the phone queues the answers and sends them
 * again. The phone names each submission (a UUID made when the patient presses Send, kept with
 * the queued copy); a second arrival of the same name is answered as the first, storing nothing.
 * - feedback.submission_id: that name; null for answers from a page without it (no JavaScript,
 *   or a page older than this).
 * - feedback_submission: unique per organisation, so two arrivals at once cannot both insert.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema.alterTable('feedback').addColumn('submission_id', 'text').execute();
	await db.schema
		.createIndex('feedback_submission')
		.on('feedback')
		.columns(['organisation_id', 'submission_id'])
		.unique()
		.where('submission_id', 'is not', null)
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropIndex('feedback_submission').execute();
	await db.schema.alterTable('feedback').dropColumn('submission_id').execute();
}
