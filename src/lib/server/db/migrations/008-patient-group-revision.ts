import type { Kysely } from 'kysely';

/*
 * patient_group.revision: optimistic concurrency for the group form, as briefing versions have.
 * The form carries the revision it was drawn from; an edit saves only while it is still the
 * group's revision, and every change to the group moves it on.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('patient_group')
		.addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('patient_group').dropColumn('revision').execute();
}
