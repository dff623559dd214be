import type { Kysely } from 'kysely';

/*
 * Poster codes (issue 17, print for the ward): one standing typed code per briefing, printed on
 * its QR poster for bedsides and noticeboards. It leads only to the briefing's public page (no
 * token: a poster is no delivery, and feedback through it joins none), for as long as the
 * briefing has a published version. Codes share the patient codes' alphabet and are unique
 * across both tables (patient-codes.ts checks the other table before it keeps a new one).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createTable('poster_code')
		.addColumn('code', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('briefing_id', 'text', (c) => c.notNull().unique().references('briefing.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('poster_code').execute();
}
