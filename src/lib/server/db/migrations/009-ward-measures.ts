import { sql, type Kysely } from 'kysely';

/*
 * A ward's measures (its charts, and every aim set for some wards) are counted straight from the
 * records, which the organisation's day counts cannot answer. Without this index SQLite walked
 * every record of the organisation to find one ward's (0.5 s for a million). Covering, in day
 * order within a ward, and ending with the id so feedback can find a ward's deliveries from the
 * index alone.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
	await sql`create index delivery_record_ward_measures on delivery_record (
		organisation_id, ward_id, substr(recorded_at, 1, 10), patient_group_id, format, outcome,
		talked_through, teach_back, voided_at, language, id
	)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('delivery_record_ward_measures').execute();
}
