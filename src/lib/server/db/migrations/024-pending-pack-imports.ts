import type { Kysely } from 'kysely';

/*
 * Content packs waiting between "check" and "confirm" (issue 14, part 5). They waited as files
 * named by organisation and token in one server's DATA_DIR, so a confirm that a load balancer
 * sent to another server found nothing. Now the file waits in the shared media storage and this
 * row says whose it is and until when; a confirm takes the row by deleting it (`delete …
 * returning`), so of two confirms, on any servers, exactly one gets the pack.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createTable('pending_pack_import')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('pending_pack_import_expires')
		.on('pending_pack_import')
		.column('expires_at')
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('pending_pack_import').execute();
}
