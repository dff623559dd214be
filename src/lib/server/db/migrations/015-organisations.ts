import { sql, type Kysely } from 'kysely';
import { isPostgres } from './portable';

/*
 * Many organisations on one service, administered by people, with single sign-on (issue 13).
 *
 * 1. organisation: `slug` (its public address, /o/<slug>/…; unique), `kind` ('trust', or
 *    'platform' for the one organisation whose staff are the service's platform admins and which
 *    holds no content), `suspended_at`, `default_languages` (JSON array), and the ODS code made
 *    unique where given.
 * 2. staff_account is rebuilt (SQLite cannot drop a constraint): an email is unique within its
 *    organisation, not across the service (a person working for two trusts holds an account in
 *    each); `password_hash` may be null (invited but not yet set, or single sign-on only);
 *    `last_sign_in_at`; `sso_subject` ("<issuer> <sub>") for a person who signs in through their
 *    organisation's OpenID provider.
 * 3. ward: the code the hospital's PAS uses (unique within the organisation), its site, and
 *    `retired_at` (records keep their ward).
 * 4. set_password_link: one-time links to set or reset a password; only the token's SHA-256 is
 *    kept; single use; they expire.
 * 5. session: `last_seen_at`, for the idle timeout.
 * 6. organisation_sso: one OpenID Connect provider per organisation; oidc_login: the state,
 *    nonce and PKCE verifier of a sign-in on its way through the provider.
 *
 * Foreign keys are off for the rebuild and checked before commit, as in 010 (Kysely runs SQLite
 * migrations outside a transaction, where that pragma works). PostgreSQL alters staff_account in
 * place, inside the Migrator's transaction.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;

async function withForeignKeysOff(db: AnyDb, work: () => Promise<void>) {
	await sql`pragma foreign_keys = off`.execute(db);
	try {
		await sql`begin`.execute(db);
		try {
			await work();
			// The rebuilt table's own references; the rows pointing at it keep their ids.
			const broken = await sql`pragma foreign_key_check(staff_account)`.execute(db);
			if (broken.rows.length) throw new Error('015-organisations: a reference would break');
			await sql`commit`.execute(db);
		} catch (error) {
			await sql`rollback`.execute(db);
			throw error;
		}
	} finally {
		await sql`pragma foreign_keys = on`.execute(db);
	}
}

/** "Northfield Hospitals NHS Trust" → "northfield-hospitals-nhs-trust". */
function slugOf(name: string): string {
	const slug = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/g, '');
	return slug || 'organisation';
}

export async function up(db: AnyDb): Promise<void> {
	if (isPostgres(db)) await upInTransaction(db);
	else await withForeignKeysOff(db, () => upInTransaction(db));
}

/** What the SQLite rebuild below does, in place: 001's unique email (named by PostgreSQL) goes. */
async function alterStaffAccount(db: AnyDb): Promise<void> {
	await sql`alter table staff_account drop constraint staff_account_email_key`.execute(db);
	await db.schema
		.alterTable('staff_account')
		.alterColumn('password_hash', (c) => c.dropNotNull())
		.execute();
	await db.schema.alterTable('staff_account').addColumn('last_sign_in_at', 'text').execute();
	await db.schema.alterTable('staff_account').addColumn('sso_subject', 'text').execute();
}

async function upInTransaction(db: AnyDb): Promise<void> {
	// 1. organisation
	await db.schema.alterTable('organisation').addColumn('slug', 'text').execute();
	await db.schema
		.alterTable('organisation')
		.addColumn('kind', 'text', (c) => c.notNull().defaultTo('trust'))
		.execute();
	await db.schema.alterTable('organisation').addColumn('suspended_at', 'text').execute();
	await db.schema
		.alterTable('organisation')
		.addColumn('default_languages', 'text', (c) => c.notNull().defaultTo('["en"]'))
		.execute();
	const organisations = await db
		.selectFrom('organisation')
		.select(['id', 'name'])
		.orderBy('created_at')
		.orderBy('id')
		.execute();
	const taken = new Set<string>();
	for (const { id, name } of organisations as { id: string; name: string }[]) {
		const base = slugOf(name);
		let slug = base;
		for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
		taken.add(slug);
		await db.updateTable('organisation').set({ slug }).where('id', '=', id).execute();
	}
	await sql`create unique index organisation_slug_unique on organisation (slug)`.execute(db);
	await sql`create unique index organisation_ods_code_unique on organisation (ods_code)
		where ods_code is not null`.execute(db);

	// 2. staff_account, rebuilt
	if (isPostgres(db)) await alterStaffAccount(db);
	else await rebuildStaffAccount(db);
	await sql`create unique index staff_account_org_email on staff_account (organisation_id, email)`.execute(
		db
	);
	await sql`create index staff_account_email on staff_account (email)`.execute(db);
	await sql`create unique index staff_account_org_sso_subject on staff_account (organisation_id, sso_subject)
		where sso_subject is not null`.execute(db);
	await upFromWard(db);
}

async function rebuildStaffAccount(db: AnyDb): Promise<void> {
	await sql`create table staff_account_new (
		id text primary key,
		organisation_id text not null references organisation (id),
		email text not null,
		display_name text not null,
		role text not null,
		ward_id text references ward (id),
		password_hash text,
		disabled integer not null default 0,
		created_at text not null,
		last_sign_in_at text,
		sso_subject text
	)`.execute(db);
	await sql`insert into staff_account_new (id, organisation_id, email, display_name, role,
			ward_id, password_hash, disabled, created_at)
		select id, organisation_id, email, display_name, role, ward_id, password_hash, disabled,
			created_at from staff_account`.execute(db);
	await sql`drop table staff_account`.execute(db);
	await sql`alter table staff_account_new rename to staff_account`.execute(db);
}

async function upFromWard(db: AnyDb): Promise<void> {
	// 3. ward
	await db.schema.alterTable('ward').addColumn('code', 'text').execute();
	await db.schema
		.alterTable('ward')
		.addColumn('site', 'text', (c) => c.notNull().defaultTo(''))
		.execute();
	await db.schema.alterTable('ward').addColumn('retired_at', 'text').execute();
	await sql`create unique index ward_org_code on ward (organisation_id, code)
		where code is not null`.execute(db);

	// 4. set_password_link
	await db.schema
		.createTable('set_password_link')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('staff_account_id', 'text', (c) =>
			c.notNull().references('staff_account.id').onDelete('cascade')
		)
		.addColumn('purpose', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('staff_account.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.execute();
	await db.schema
		.createIndex('set_password_link_account')
		.on('set_password_link')
		.column('staff_account_id')
		.execute();

	// 5. session
	await db.schema.alterTable('session').addColumn('last_seen_at', 'text').execute();
	await db.schema.createIndex('session_account').on('session').column('staff_account_id').execute();
	await db.schema.createIndex('session_expires').on('session').column('expires_at').execute();

	// 6. organisation_sso, oidc_login
	await db.schema
		.createTable('organisation_sso')
		.addColumn('organisation_id', 'text', (c) =>
			c.primaryKey().references('organisation.id').onDelete('cascade')
		)
		.addColumn('issuer', 'text', (c) => c.notNull())
		.addColumn('client_id', 'text', (c) => c.notNull())
		.addColumn('client_secret', 'text', (c) => c.notNull())
		.addColumn('allowed_domain', 'text', (c) => c.notNull())
		/** The ID token claim holding the person's groups (e.g. "groups"), or null. */
		.addColumn('role_claim', 'text')
		/** JSON object: group value → role. */
		.addColumn('role_map', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('oidc_login')
		.addColumn('state', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) =>
			c.notNull().references('organisation.id').onDelete('cascade')
		)
		.addColumn('code_verifier', 'text', (c) => c.notNull())
		.addColumn('nonce', 'text', (c) => c.notNull())
		.addColumn('return_to', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();
}

/*
 * Down leaves staff_account as rebuilt (an email unique within its organisation; the new
 * columns stay, unused): once two organisations hold accounts with the same email, they cannot go
 * back to being unique across the service.
 */
export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('oidc_login').execute();
	await db.schema.dropTable('organisation_sso').execute();
	await db.schema.dropIndex('session_expires').execute();
	await db.schema.dropIndex('session_account').execute();
	await db.schema.alterTable('session').dropColumn('last_seen_at').execute();
	await db.schema.dropTable('set_password_link').execute();
	await db.schema.dropIndex('ward_org_code').execute();
	for (const column of ['retired_at', 'site', 'code'])
		await db.schema.alterTable('ward').dropColumn(column).execute();
	await db.schema.dropIndex('organisation_ods_code_unique').execute();
	await db.schema.dropIndex('organisation_slug_unique').execute();
	for (const column of ['default_languages', 'suspended_at', 'kind', 'slug'])
		await db.schema.alterTable('organisation').dropColumn(column).execute();
}
