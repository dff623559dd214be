import type { Kysely } from 'kysely';

/*
 * Mail (issue 17, item 5).
 * - staff_account.interface_language: the language a person chose in the staff interface
 *   (null: not chosen; their browser's then decides). Their pages and their messages use it.
 * - staff_account.mail_steps / mail_digest: 1 (the default) sends them the review messages /
 *   the weekly digest of reviews due; 0 is their own choice on /account.
 * - mail_outbox: each message rendered at the moment of its event, in its recipient's language,
 *   written in the transaction that makes the change (mail/outbox.ts). A sender claims it with a
 *   lease (claimed_until), sends it, marks it sent; a failure waits longer each time, then is
 *   given up (failed_at) and shown to the admin.
 * - mail_digest_week: one row per organisation and week whose digest was queued; its primary
 *   key makes the digest once a week however many servers try.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema.alterTable('staff_account').addColumn('interface_language', 'text').execute();
	await db.schema
		.alterTable('staff_account')
		.addColumn('mail_steps', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema
		.alterTable('staff_account')
		.addColumn('mail_digest', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema
		.createTable('mail_outbox')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('recipient_id', 'text', (c) => c.notNull().references('staff_account.id'))
		.addColumn('event', 'text', (c) => c.notNull())
		.addColumn('version_id', 'text')
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('text_body', 'text', (c) => c.notNull())
		.addColumn('html_body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', 'text', (c) => c.notNull())
		.addColumn('claimed_until', 'text')
		.addColumn('sent_at', 'text')
		.addColumn('failed_at', 'text')
		.addColumn('last_error', 'text')
		.execute();
	// The sender's question: what is waiting, soonest first.
	await db.schema
		.createIndex('mail_outbox_waiting')
		.on('mail_outbox')
		.columns(['sent_at', 'failed_at', 'next_attempt_at'])
		.execute();
	await db.schema
		.createIndex('mail_outbox_organisation')
		.on('mail_outbox')
		.columns(['organisation_id', 'created_at'])
		.execute();
	await db.schema
		.createTable('mail_digest_week')
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
		.addColumn('week_start', 'text', (c) => c.notNull())
		.addColumn('queued_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('mail_digest_week_pk', ['organisation_id', 'week_start'])
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('mail_digest_week').execute();
	await db.schema.dropTable('mail_outbox').execute();
	await db.schema.alterTable('staff_account').dropColumn('mail_digest').execute();
	await db.schema.alterTable('staff_account').dropColumn('mail_steps').execute();
	await db.schema.alterTable('staff_account').dropColumn('interface_language').execute();
}
