import type { Kysely } from 'kysely';
import { generatedId } from './portable';

/*
 * Delivery records arrive from the device's outbox (see $lib/domain/sync). A record is never
 * deleted: an undo voids it, and every undo or later correction leaves a revision row holding
 * the record as it was. A patient link holds only the SHA-256 of the QR code's token.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
	// One column per statement: SQLite cannot add two in one ALTER TABLE.
	await db.schema.alterTable('delivery_record').addColumn('voided_at', 'text').execute();
	await db.schema
		.alterTable('delivery_record')
		.addColumn('voided_by', 'text', (c) => c.references('staff_account.id'))
		.execute();
	// The ward's "today" list and per-ward measures.
	await db.schema
		.createIndex('delivery_record_org_ward_recorded')
		.on('delivery_record')
		.columns(['organisation_id', 'ward_id', 'recorded_at'])
		.execute();

	await db.schema
		.createTable('patient_link')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('delivery_id', 'text', (c) => c.notNull().references('delivery_record.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('delivery_record_revision')
		.addColumn('id', 'integer', generatedId(db))
		.addColumn('delivery_id', 'text', (c) => c.notNull().references('delivery_record.id'))
		.addColumn('changed_at', 'text', (c) => c.notNull())
		.addColumn('changed_by', 'text', (c) => c.notNull().references('staff_account.id'))
		.addColumn('change', 'text', (c) => c.notNull())
		.addColumn('before', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('delivery_record_revision_delivery')
		.on('delivery_record_revision')
		.column('delivery_id')
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('delivery_record_revision').execute();
	await db.schema.dropTable('patient_link').execute();
	await db.schema.dropIndex('delivery_record_org_ward_recorded').execute();
	await db.schema.alterTable('delivery_record').dropColumn('voided_by').execute();
	await db.schema.alterTable('delivery_record').dropColumn('voided_at').execute();
}
