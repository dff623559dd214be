import type { Kysely } from 'kysely';

/*
 * Typed patient codes (issue 15): a short code the ward asks for when it shows the QR code,
 * before the delivery record is saved or synced. It holds what the patient's page needs (the
 * organisation, briefing, language and format) and the SHA-256 of the QR code's token, so
 * feedback through the code joins the delivery once its record arrives. The code opens the page
 * with a token of its own (`link_token`, random, as strong as the code and no stronger), which
 * the server reads as the QR code's. Never the QR code's token, never anything about the
 * patient. A code lives as long as the link (30 days), then is deleted.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createTable('patient_code')
		.addColumn('code', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('briefing_id', 'text', (c) => c.notNull().references('briefing.id'))
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('format', 'text', (c) => c.notNull())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('link_token', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('patient_code_expires')
		.on('patient_code')
		.column('expires_at')
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('patient_code').execute();
}
