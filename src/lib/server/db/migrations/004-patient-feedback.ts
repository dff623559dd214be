import type { Kysely } from 'kysely';
import { generatedId } from './portable';

/*
 * Patient feedback and views, linked to a delivery only through the QR token's hash:
 * - feedback.token_hash: one response per token (changeable for a day), a partial unique index;
 *   feedback.updated_at: when it was last changed;
 * - patient_view_event: 'opened' and 'finished' per token, nothing else about the view;
 * - rate_limit_hit: recent submissions per key (a token's hash or an address's hash), so a
 *   flood for one token is refused without affecting others. Old rows are pruned.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('feedback').addColumn('token_hash', 'text').execute();
	await db.schema.alterTable('feedback').addColumn('updated_at', 'text').execute();
	await db.schema
		.createIndex('feedback_token_hash_unique')
		.on('feedback')
		.column('token_hash')
		.unique()
		.where('token_hash', 'is not', null)
		.execute();
	await db.schema
		.createIndex('feedback_org_received')
		.on('feedback')
		.columns(['organisation_id', 'received_at'])
		.execute();

	await db.schema
		.createTable('patient_view_event')
		.addColumn('token_hash', 'text', (c) => c.notNull())
		.addColumn('event', 'text', (c) => c.notNull())
		.addColumn('at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('patient_view_event_pk', ['token_hash', 'event'])
		.execute();

	await db.schema
		.createTable('rate_limit_hit')
		.addColumn('id', 'integer', generatedId(db))
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('rate_limit_hit_key_at')
		.on('rate_limit_hit')
		.columns(['key', 'at'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('rate_limit_hit').execute();
	await db.schema.dropTable('patient_view_event').execute();
	await db.schema.dropIndex('feedback_org_received').execute();
	await db.schema.dropIndex('feedback_token_hash_unique').execute();
	await db.schema.alterTable('feedback').dropColumn('updated_at').execute();
	await db.schema.alterTable('feedback').dropColumn('token_hash').execute();
}
