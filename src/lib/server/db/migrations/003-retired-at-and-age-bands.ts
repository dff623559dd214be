import type { Kysely } from 'kysely';

/*
 * briefing_version.retired_at: a delivery made while a version was published stays a true
 * record when it syncs after the version is retired; only one made after retirement (a device
 * with stale content) is refused.
 * patient_group.age_bands: the ward's quick questions can suggest a group by age band.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('briefing_version').addColumn('retired_at', 'text').execute();
	await db.schema
		.alterTable('patient_group')
		.addColumn('age_bands', 'text', (c) => c.notNull().defaultTo('[]'))
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('patient_group').dropColumn('age_bands').execute();
	await db.schema.alterTable('briefing_version').dropColumn('retired_at').execute();
}
