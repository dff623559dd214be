import type { Kysely } from 'kysely';

/*
 * The regional view (issue 19, part 3): a region (an integrated care board) holds organisations,
 * each organisation chooses per measure whether its aggregates are shared with its region, and
 * a regional lead reads them side by side.
 *
 * `region`: made by the platform admin. `region_member`: an organisation's place in a region,
 * one region each (its key is the organisation). `region_share`: one row per measure an
 * organisation shares; no row means not shared, so sharing is off by default and turning it off
 * deletes the row (both audited in audit_event). `staff_account.region_id`: a regional lead's
 * region; the account itself belongs to the platform organisation, which holds no content, so
 * every organisation-scoped query it could reach finds nothing.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createTable('region')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('region_member')
		.addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisation.id'))
		.addColumn('region_id', 'text', (c) => c.notNull().references('region.id'))
		.addColumn('added_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('region_member_region')
		.on('region_member')
		.column('region_id')
		.execute();
	await db.schema
		.createTable('region_share')
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('measure', 'text', (c) => c.notNull())
		.addColumn('shared_by', 'text', (c) => c.notNull().references('staff_account.id'))
		.addColumn('shared_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('region_share_pk', ['organisation_id', 'measure'])
		.execute();
	await db.schema
		.alterTable('staff_account')
		.addColumn('region_id', 'text', (c) => c.references('region.id'))
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.alterTable('staff_account').dropColumn('region_id').execute();
	await db.schema.dropTable('region_share').execute();
	await db.schema.dropTable('region_member').execute();
	await db.schema.dropTable('region').execute();
}
