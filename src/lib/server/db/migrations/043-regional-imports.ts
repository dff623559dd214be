import type { Kysely } from 'kysely';

/*
 * The regional view across separate installs (issue 19, part 4). An organisation that runs its
 * own install sends its region a signed file of the aggregates it chose to share; the regional
 * service checks the signature against a key its regional lead added, and imports it.
 *
 * - install_key: this install's Ed25519 signing key, one row (id 'aggregates'), made the first
 *   time an organisation here downloads its key or its aggregates. The private key never leaves
 *   the database; the public key is what the region is given.
 * - region_remote: an organisation on its own install, added to a region by its regional lead
 *   from the key file that organisation downloaded: its name, its id on its own install, the
 *   public key and the key's fingerprint (read out over the phone to check it). Once per region:
 *   a new key file for it (its install's key made again) replaces the key.
 * - region_aggregate: what was received, one row per organisation and month sent (the latest
 *   complete month the file covers); `measures` holds each shared measure's monthly rows as
 *   received and checked again (disclosure control applied here too). A file for a month
 *   already received replaces that row, so sending the same file twice changes nothing.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createTable('install_key')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('public_key', 'text', (c) => c.notNull())
		.addColumn('private_key', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('region_remote')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('region_id', 'text', (c) => c.notNull().references('region.id'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('source_id', 'text', (c) => c.notNull())
		.addColumn('public_key', 'text', (c) => c.notNull())
		.addColumn('fingerprint', 'text', (c) => c.notNull())
		.addColumn('added_by', 'text', (c) => c.notNull().references('staff_account.id'))
		.addColumn('added_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('region_remote_once', ['region_id', 'source_id'])
		.execute();
	await db.schema
		.createTable('region_aggregate')
		.addColumn('remote_id', 'text', (c) => c.notNull().references('region_remote.id'))
		.addColumn('period', 'text', (c) => c.notNull())
		.addColumn('measures', 'text', (c) => c.notNull())
		.addColumn('issued_at', 'text', (c) => c.notNull())
		.addColumn('received_at', 'text', (c) => c.notNull())
		.addColumn('received_by', 'text', (c) => c.notNull().references('staff_account.id'))
		.addPrimaryKeyConstraint('region_aggregate_pk', ['remote_id', 'period'])
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('region_aggregate').execute();
	await db.schema.dropTable('region_remote').execute();
	await db.schema.dropTable('install_key').execute();
}
