import type { Kysely } from 'kysely';

/*
 * A failed sign-in counts against an account in an organisation, not against an email across the
 * service (issue 13: one email may hold accounts in two trusts, and trust A's admin unlocking
 * x@nhs.net must never clear trust B's throttle for x@nhs.net).
 *
 * sign_in_attempt stays as it was: one row per attempt, by email and network address, for the
 * address limit and for emails no account holds. sign_in_failure adds one row per organisation
 * whose account the attempt's password was checked against (sign-in-limits.ts). Unlocking deletes
 * an organisation's rows only; the attempt itself, and so the address limit, stays.
 *
 * Existing failed attempts are attributed to every organisation holding their email, as the
 * throttle counted them before. Portable: schema builder only, no SQLite-only SQL.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createTable('sign_in_failure')
		.addColumn('attempt_id', 'integer', (c) =>
			c.notNull().references('sign_in_attempt.id').onDelete('cascade')
		)
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('sign_in_failure_pk', ['attempt_id', 'organisation_id'])
		.execute();
	await db.schema
		.createIndex('sign_in_failure_organisation_email_at')
		.on('sign_in_failure')
		.columns(['organisation_id', 'email', 'at'])
		.execute();
	await db
		.insertInto('sign_in_failure')
		.columns(['attempt_id', 'organisation_id', 'email', 'at'])
		.expression((eb) =>
			eb
				.selectFrom('sign_in_attempt as a')
				.innerJoin('staff_account as s', 's.email', 'a.email')
				.select(['a.id', 's.organisation_id', 'a.email', 'a.at'])
				.where('a.succeeded', '=', 0)
		)
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('sign_in_failure').execute();
}
