import type { Kysely } from 'kysely';

/*
 * Records held for the engagement lead to check (hazard H8). A ward tablet may send a true
 * record of a briefing given with content the server no longer offers: a version retired before
 * the record arrived, a ward retired, a format or language not in the version. Such a record
 * was refused and stayed on the tablet, where no one could do anything with it. Now the server
 * holds it here, and the lead counts it (it becomes a delivery record exactly as recorded) or
 * sets it aside.
 *
 * The row keeps a delivery record's fields, no more: never a patient identifier or free text.
 * The patient's QR token is kept only as its SHA-256 (`patient_token_hash`), as patient_link
 * does, so a counted record keeps its patient link (and feedback the patient sent through it
 * joins it); it is cleared when the record is undone on the ward (a lead's set-aside keeps it,
 * for a count after all: repositories/held-records.ts). `reason` is the refusal it would have
 * been; `sent_by` the account whose session sent it; `recorded_by` who made it on the device.
 * A set-aside record stays (`set_aside_*`) so that the tablet sending it again is answered as
 * before and nothing is stored twice; a counted one moves to delivery_record. Both go under
 * the delivery records' retention by `recorded_day` (operations/retention.ts).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createTable('held_delivery_record')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('ward_id', 'text', (c) => c.notNull().references('ward.id'))
		.addColumn('patient_group_id', 'text', (c) => c.notNull())
		.addColumn('briefing_id', 'text', (c) => c.notNull())
		.addColumn('version_id', 'text', (c) => c.notNull())
		.addColumn('format', 'text', (c) => c.notNull())
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('outcome', 'text', (c) => c.notNull())
		.addColumn('talked_through', 'integer')
		.addColumn('interpreter_used', 'integer')
		.addColumn('carer_present', 'integer')
		.addColumn('teach_back', 'text')
		.addColumn('language_needed', 'text')
		.addColumn('recorded_at', 'text', (c) => c.notNull())
		.addColumn('recorded_day', 'text', (c) => c.notNull())
		.addColumn('received_at', 'text', (c) => c.notNull())
		.addColumn('recorded_by', 'text', (c) => c.notNull().references('staff_account.id'))
		.addColumn('sent_by', 'text', (c) => c.notNull().references('staff_account.id'))
		.addColumn('patient_token_hash', 'text')
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('set_aside_at', 'text')
		.addColumn('set_aside_by', 'text', (c) => c.references('staff_account.id'))
		.addColumn('set_aside_reason', 'text')
		.addForeignKeyConstraint(
			'held_delivery_record_group',
			['patient_group_id', 'organisation_id'],
			'patient_group',
			['id', 'organisation_id']
		)
		.addForeignKeyConstraint(
			'held_delivery_record_briefing',
			['briefing_id', 'organisation_id'],
			'briefing',
			['id', 'organisation_id']
		)
		.addForeignKeyConstraint(
			'held_delivery_record_version',
			['version_id', 'organisation_id'],
			'briefing_version',
			['id', 'organisation_id']
		)
		.execute();
	await db.schema
		.createIndex('held_delivery_record_org_day')
		.on('held_delivery_record')
		.columns(['organisation_id', 'recorded_day'])
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('held_delivery_record').execute();
}
