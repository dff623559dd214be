import type { ExpressionBuilder, Kysely } from 'kysely';

/*
 * Single sign-on, finished (issue 13):
 *
 * 1. organisation_sso.client_auth: how the toolkit authenticates to the provider's token
 *    endpoint, 'clientSecret' (client_secret_post, as before) or 'privateKeyJwt' (a JWT signed
 *    with the toolkit's own key, as NHS CIS2 asks). With 'privateKeyJwt' client_secret is ''.
 * 2. organisation_sso.private_key: that key, PKCS#8 PEM sealed with the SSO key (sso/secret-box),
 *    or null. client_secret is sealed the same way from now on; a plaintext one from 015 is
 *    sealed at the next start, by the app, not here (the key lives outside the database).
 * 3. staff_account.role_from_sso: 1 when the account's role came from the provider's group
 *    claim (it follows the groups at every sign-in, and a person left in no mapped group is
 *    refused); 0 when the admin decided it. Accounts single sign-on created (audited
 *    'staff.createdBySso') start at 1.
 *
 * Portable: Kysely's schema builder and query builder only (SQLite and PostgreSQL).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as AnyDb
type AnyEb = ExpressionBuilder<any, any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.alterTable('organisation_sso')
		.addColumn('client_auth', 'text', (c) => c.notNull().defaultTo('clientSecret'))
		.execute();
	await db.schema.alterTable('organisation_sso').addColumn('private_key', 'text').execute();
	await db.schema
		.alterTable('staff_account')
		.addColumn('role_from_sso', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db
		.updateTable('staff_account')
		.set({ role_from_sso: 1 })
		.where('id', 'in', (eb: AnyEb) =>
			eb
				.selectFrom('audit_event')
				.select('subject_id')
				.where('action', '=', 'staff.createdBySso')
				.where('subject_type', '=', 'staff_account')
				.whereRef('audit_event.organisation_id', '=', 'staff_account.organisation_id')
		)
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.alterTable('staff_account').dropColumn('role_from_sso').execute();
	await db.schema.alterTable('organisation_sso').dropColumn('private_key').execute();
	await db.schema.alterTable('organisation_sso').dropColumn('client_auth').execute();
}
