import type { Kysely } from 'kysely';

/*
 * Aims can be closed (and reopened). An aim that has been met, or given up, leaves the
 * measurement home's current aims and stays readable under "Closed aims" with its board report.
 * - aim.closed_outcome: 'achieved' or 'stopped'; null while the aim is current.
 * - aim.closed_on: the organisation's day it was closed (YYYY-MM-DD); null while current.
 * Both are set together and cleared together (repositories/aims.ts). Who closed or reopened it,
 * and when, is the audit trail's.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema.alterTable('aim').addColumn('closed_outcome', 'text').execute();
	await db.schema.alterTable('aim').addColumn('closed_on', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.alterTable('aim').dropColumn('closed_on').execute();
	await db.schema.alterTable('aim').dropColumn('closed_outcome').execute();
}
