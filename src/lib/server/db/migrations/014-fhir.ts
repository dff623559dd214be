import type { Kysely } from 'kysely';

/*
 * The organisation's NHS ODS code, so the FHIR export can name its sender the way other NHS
 * systems do (https://fhir.nhs.uk/Id/ods-organization-code). Unknown (null) until someone sets
 * it; the export then leaves the identifier out.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('organisation').addColumn('ods_code', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('organisation').dropColumn('ods_code').execute();
}
