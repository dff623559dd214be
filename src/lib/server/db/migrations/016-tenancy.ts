import { sql, type Kysely } from 'kysely';
import { isPostgres } from './portable';

/*
 * Tenancy (issue 13, part 3): every table holding an organisation's data names the
 * organisation, and the database itself refuses a child row whose organisation differs from its
 * parent's.
 *
 * 1. briefing: a slug is unique within its organisation (/o/<organisation>/b/<slug>), not across
 *    the service. SQLite cannot drop a table constraint, so the table is rebuilt, keeping ids.
 * 2. briefing_version, briefing_variant, patient_group_briefing, patient_link,
 *    delivery_record_revision and patient_view_event gain `organisation_id`, filled from their
 *    parents, NOT NULL, with a composite foreign key (parent id, organisation_id) →
 *    parent (id, organisation_id): a version cannot belong to one organisation and its briefing
 *    to another, whatever a query forgets. The parents gain the unique (id, organisation_id)
 *    index such a key needs. Each table is rebuilt (SQLite cannot add NOT NULL or a table
 *    constraint to an existing table), keeping every id: delivery_record_revision's
 *    autoincrement ids are what measure_day_count_state remembers.
 * 3. patient_view_event rows whose token no patient_link holds cannot be attributed; the app
 *    never stored such a row (api/view-events checks the token first), so none is expected.
 *    They are dropped rather than guessed.
 *
 * Tables without organisation_id, and why: session and set_password_link belong to a
 * staff_account (which has it); sign_in_attempt and rate_limit_hit count by email and network
 * address before anyone is known to belong anywhere (throttling is per address across the
 * service), and are never shown to an organisation; organisation itself.
 *
 * Same procedure as 010 (sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema
 * Changes"): foreign keys off, one transaction, `foreign_key_check` before commit. PostgreSQL
 * adds the columns and constraints in place (`upPostgres`), to the same effect.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;

const rebuilt = [
	'briefing',
	'briefing_version',
	'briefing_variant',
	'patient_group_briefing',
	'patient_link',
	'delivery_record_revision',
	'patient_view_event'
];

async function withForeignKeysOff(db: AnyDb, work: () => Promise<void>) {
	await sql`pragma foreign_keys = off`.execute(db);
	try {
		await sql`begin`.execute(db);
		try {
			await work();
			// The rebuilt tables' references (another table's old dangling rows are not ours).
			for (const table of rebuilt) {
				const broken = await sql`pragma foreign_key_check(${sql.raw(table)})`.execute(db);
				if (broken.rows.length) throw new Error(`016-tenancy: a reference would break (${table})`);
			}
			await sql`commit`.execute(db);
		} catch (error) {
			await sql`rollback`.execute(db);
			throw error;
		}
	} finally {
		await sql`pragma foreign_keys = on`.execute(db);
	}
}

/** Create `<name>_new`, copy with `select`, drop the old, rename; then run `indexes`. */
async function rebuild(
	db: AnyDb,
	name: string,
	definition: string,
	columns: string,
	select: string,
	indexes: string[] = []
) {
	await sql.raw(`create table ${name}_new (${definition})`).execute(db);
	await sql.raw(`insert into ${name}_new (${columns}) ${select}`).execute(db);
	await sql.raw(`drop table ${name}`).execute(db);
	await sql.raw(`alter table ${name}_new rename to ${name}`).execute(db);
	for (const index of indexes) await sql.raw(index).execute(db);
}

export async function up(db: AnyDb): Promise<void> {
	if (isPostgres(db)) await upPostgres(db);
	else await withForeignKeysOff(db, () => upInTransaction(db));
}

/** The children that gain organisation_id, each with the parent it takes it from. */
const children = [
	{ table: 'briefing_version', parent: 'briefing', via: 'briefing_id', cascade: '' },
	{
		table: 'briefing_variant',
		parent: 'briefing_version',
		via: 'version_id',
		cascade: ' on delete cascade'
	},
	{ table: 'patient_group_briefing', parent: 'briefing', via: 'briefing_id', cascade: '' },
	{ table: 'patient_link', parent: 'delivery_record', via: 'delivery_id', cascade: '' },
	{ table: 'delivery_record_revision', parent: 'delivery_record', via: 'delivery_id', cascade: '' }
];

async function upPostgres(db: AnyDb): Promise<void> {
	const run = (statement: string) => sql.raw(statement).execute(db);
	for (const table of ['patient_group', 'delivery_record'])
		await run(`create unique index ${table}_id_org on ${table} (id, organisation_id)`);
	await run('alter table briefing drop constraint briefing_slug_unique');
	await run(
		'alter table briefing add constraint briefing_org_slug_unique unique (organisation_id, slug)'
	);
	await run('alter table briefing add constraint briefing_id_org unique (id, organisation_id)');
	for (const { table, parent, via, cascade } of children) {
		await run(`alter table ${table} add column organisation_id text references organisation (id)`);
		await run(`update ${table} set organisation_id =
			(select p.organisation_id from ${parent} p where p.id = ${table}.${via})`);
		await run(`alter table ${table} alter column organisation_id set not null`);
		await run(`alter table ${table} add foreign key (${via}, organisation_id)
			references ${parent} (id, organisation_id)${cascade}`);
		if (table === 'briefing_version')
			await run(
				'alter table briefing_version add constraint briefing_version_id_org unique (id, organisation_id)'
			);
	}
	await run(`alter table patient_group_briefing add foreign key (patient_group_id, organisation_id)
		references patient_group (id, organisation_id)`);
	await run('create index patient_group_briefing_briefing on patient_group_briefing (briefing_id)');
	await run('create index patient_link_delivery on patient_link (delivery_id)');
	await run(
		'create index delivery_record_revision_org on delivery_record_revision (organisation_id, id)'
	);
	// 3. above: a view event no patient link holds cannot be attributed.
	await run(`delete from patient_view_event e
		where not exists (select 1 from patient_link l where l.token_hash = e.token_hash)`);
	await run(
		'alter table patient_view_event add column organisation_id text references organisation (id)'
	);
	await run(`update patient_view_event set organisation_id =
		(select l.organisation_id from patient_link l where l.token_hash = patient_view_event.token_hash)`);
	await run('alter table patient_view_event alter column organisation_id set not null');
	await run(
		'alter table patient_view_event add foreign key (token_hash) references patient_link (token_hash)'
	);
}

/** Undoes upPostgres as down() undoes up() on SQLite: briefing slugs stay per organisation. */
async function downPostgres(db: AnyDb): Promise<void> {
	const run = (statement: string) => sql.raw(statement).execute(db);
	await run('alter table patient_view_event drop column organisation_id');
	await run('alter table patient_view_event drop constraint patient_view_event_token_hash_fkey');
	for (const index of [
		'delivery_record_revision_org',
		'patient_link_delivery',
		'patient_group_briefing_briefing'
	])
		await run(`drop index ${index}`);
	for (const { table } of [...children].reverse())
		await run(`alter table ${table} drop column organisation_id`);
	for (const table of ['patient_group', 'delivery_record']) await run(`drop index ${table}_id_org`);
}

async function upInTransaction(db: AnyDb): Promise<void> {
	// The parents' (id, organisation_id) keys the composite references need.
	for (const table of ['patient_group', 'delivery_record'])
		await sql
			.raw(`create unique index ${table}_id_org on ${table} (id, organisation_id)`)
			.execute(db);

	await rebuild(
		db,
		'briefing',
		`id text primary key,
		organisation_id text not null references organisation (id),
		slug text not null,
		topic text not null,
		owner_id text not null references staff_account (id),
		created_at text not null,
		constraint briefing_org_slug_unique unique (organisation_id, slug),
		constraint briefing_id_org unique (id, organisation_id)`,
		'id, organisation_id, slug, topic, owner_id, created_at',
		'select id, organisation_id, slug, topic, owner_id, created_at from briefing'
	);

	const versionColumns = `id, briefing_id, number, status, review_by, evidence_links,
		user_testing_note, approved_by_name, approved_at, published_at, is_example, created_at,
		revision, retired_at, submitted_at, review_comment, returned_at`;
	await rebuild(
		db,
		'briefing_version',
		`id text primary key,
		organisation_id text not null references organisation (id),
		briefing_id text not null references briefing (id),
		number integer not null,
		status text not null,
		review_by text not null,
		evidence_links text not null,
		user_testing_note text not null,
		approved_by_name text,
		approved_at text,
		published_at text,
		is_example integer default 0 not null,
		created_at text not null,
		revision integer default 1 not null,
		retired_at text,
		submitted_at text,
		review_comment text,
		returned_at text,
		constraint briefing_version_number_unique unique (briefing_id, number),
		constraint briefing_version_id_org unique (id, organisation_id),
		foreign key (briefing_id, organisation_id) references briefing (id, organisation_id)`,
		`organisation_id, ${versionColumns}`,
		`select b.organisation_id, ${versionColumns.replace(/(^|,\s*)(\w+)/g, '$1v.$2')}
		from briefing_version v join briefing b on b.id = v.briefing_id`
	);

	await rebuild(
		db,
		'briefing_variant',
		`version_id text not null references briefing_version (id) on delete cascade,
		organisation_id text not null references organisation (id),
		format text not null,
		language text not null,
		content text not null,
		constraint briefing_variant_pk primary key (version_id, format, language),
		foreign key (version_id, organisation_id) references briefing_version (id, organisation_id)
			on delete cascade`,
		'version_id, organisation_id, format, language, content',
		`select a.version_id, v.organisation_id, a.format, a.language, a.content
		from briefing_variant a join briefing_version v on v.id = a.version_id`
	);

	await rebuild(
		db,
		'patient_group_briefing',
		`patient_group_id text not null references patient_group (id),
		briefing_id text not null references briefing (id),
		organisation_id text not null references organisation (id),
		position integer not null,
		constraint patient_group_briefing_pk primary key (patient_group_id, briefing_id),
		foreign key (patient_group_id, organisation_id) references patient_group (id, organisation_id),
		foreign key (briefing_id, organisation_id) references briefing (id, organisation_id)`,
		'patient_group_id, briefing_id, organisation_id, position',
		`select l.patient_group_id, l.briefing_id, b.organisation_id, l.position
		from patient_group_briefing l join briefing b on b.id = l.briefing_id`,
		['create index patient_group_briefing_briefing on patient_group_briefing (briefing_id)']
	);

	await rebuild(
		db,
		'patient_link',
		`token_hash text primary key,
		delivery_id text not null references delivery_record (id),
		organisation_id text not null references organisation (id),
		created_at text not null,
		foreign key (delivery_id, organisation_id) references delivery_record (id, organisation_id)`,
		'token_hash, delivery_id, organisation_id, created_at',
		`select l.token_hash, l.delivery_id, d.organisation_id, l.created_at
		from patient_link l join delivery_record d on d.id = l.delivery_id`,
		['create index patient_link_delivery on patient_link (delivery_id)']
	);

	await rebuild(
		db,
		'delivery_record_revision',
		`id integer primary key autoincrement,
		delivery_id text not null references delivery_record (id),
		organisation_id text not null references organisation (id),
		changed_at text not null,
		changed_by text not null references staff_account (id),
		change text not null,
		before text not null,
		foreign key (delivery_id, organisation_id) references delivery_record (id, organisation_id)`,
		'id, delivery_id, organisation_id, changed_at, changed_by, change, before',
		`select r.id, r.delivery_id, d.organisation_id, r.changed_at, r.changed_by, r.change, r.before
		from delivery_record_revision r join delivery_record d on d.id = r.delivery_id`,
		[
			'create index delivery_record_revision_delivery on delivery_record_revision (delivery_id)',
			'create index delivery_record_revision_org on delivery_record_revision (organisation_id, id)'
		]
	);

	await rebuild(
		db,
		'patient_view_event',
		`token_hash text not null references patient_link (token_hash),
		organisation_id text not null references organisation (id),
		event text not null,
		at text not null,
		constraint patient_view_event_pk primary key (token_hash, event)`,
		'token_hash, organisation_id, event, at',
		`select e.token_hash, l.organisation_id, e.event, e.at
		from patient_view_event e join patient_link l on l.token_hash = e.token_hash`
	);
}

/*
 * Down drops the columns and the composite keys, but leaves briefing slugs unique within their
 * organisation: once two organisations share a slug, it cannot be made unique across the
 * service again (as 015 leaves staff emails).
 */
export async function down(db: AnyDb): Promise<void> {
	if (isPostgres(db)) return downPostgres(db);
	await withForeignKeysOff(db, async () => {
		const versionColumns = `id, briefing_id, number, status, review_by, evidence_links,
			user_testing_note, approved_by_name, approved_at, published_at, is_example, created_at,
			revision, retired_at, submitted_at, review_comment, returned_at`;
		await rebuild(
			db,
			'briefing_version',
			`id text primary key,
			briefing_id text not null references briefing (id),
			number integer not null, status text not null, review_by text not null,
			evidence_links text not null, user_testing_note text not null, approved_by_name text,
			approved_at text, published_at text, is_example integer default 0 not null,
			created_at text not null, revision integer default 1 not null, retired_at text,
			submitted_at text, review_comment text, returned_at text,
			constraint briefing_version_number_unique unique (briefing_id, number)`,
			versionColumns,
			`select ${versionColumns} from briefing_version`
		);
		await rebuild(
			db,
			'briefing_variant',
			`version_id text not null references briefing_version (id) on delete cascade,
			format text not null, language text not null, content text not null,
			constraint briefing_variant_pk primary key (version_id, format, language)`,
			'version_id, format, language, content',
			'select version_id, format, language, content from briefing_variant'
		);
		await rebuild(
			db,
			'patient_group_briefing',
			`patient_group_id text not null references patient_group (id),
			briefing_id text not null references briefing (id), position integer not null,
			constraint patient_group_briefing_pk primary key (patient_group_id, briefing_id)`,
			'patient_group_id, briefing_id, position',
			'select patient_group_id, briefing_id, position from patient_group_briefing'
		);
		await rebuild(
			db,
			'patient_link',
			`token_hash text primary key,
			delivery_id text not null references delivery_record (id), created_at text not null`,
			'token_hash, delivery_id, created_at',
			'select token_hash, delivery_id, created_at from patient_link'
		);
		const revisionColumns = 'id, delivery_id, changed_at, changed_by, change, before';
		await rebuild(
			db,
			'delivery_record_revision',
			`id integer primary key autoincrement,
			delivery_id text not null references delivery_record (id), changed_at text not null,
			changed_by text not null references staff_account (id), change text not null,
			before text not null`,
			revisionColumns,
			`select ${revisionColumns} from delivery_record_revision`,
			['create index delivery_record_revision_delivery on delivery_record_revision (delivery_id)']
		);
		await rebuild(
			db,
			'patient_view_event',
			`token_hash text not null, event text not null, at text not null,
			constraint patient_view_event_pk primary key (token_hash, event)`,
			'token_hash, event, at',
			'select token_hash, event, at from patient_view_event'
		);
		await sql`drop index delivery_record_id_org`.execute(db);
		await sql`drop index patient_group_id_org`.execute(db);
	});
}
