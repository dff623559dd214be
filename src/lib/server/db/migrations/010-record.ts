import { sql, type Kysely } from 'kysely';
import { isPostgres } from './portable';

/*
 * Record only what was said, unmet need, and every patient answer kept (issue 12).
 *
 * 1. delivery_record: talked_through, interpreter_used, carer_present and teach_back become
 *    nullable (null: "not recorded", a question the nurse left unanswered), and
 *    language_needed is added (the language the patient needed when it differs from the one
 *    given). SQLite cannot drop NOT NULL, so the table is rebuilt, keeping every rowid
 *    (measure_day_count_state counts records by rowid) and recreating every index.
 *
 *    SQLite's own procedure for a table rebuild (sqlite.org/lang_altertable.html, "Making
 *    Other Kinds Of Table Schema Changes"): foreign keys off (Kysely runs SQLite migrations
 *    outside a transaction, where that pragma works), then in one transaction (the whole
 *    migration): create the new table, copy, drop the old, rename the new, and
 *    `foreign_key_check` before committing, so patient_link, delivery_record_revision and
 *    feedback still point at every record they did.
 *
 * 2. measure_day_count: the talked-through and teach-back measures now count answered records
 *    only in their denominators, so the day counts gain `*_answered` columns and are emptied,
 *    to be counted again from the records on the next read (or the server's start).
 *
 * 3. feedback: each response through one QR link is a row of its own (history); the unique
 *    index on token_hash becomes a plain one that finds a link's latest answer.
 *
 * PostgreSQL can drop NOT NULL and add a column in place, inside the Migrator's transaction:
 * no rebuild, no pragmas.
 */

const answerNames = ['talked_through', 'interpreter_used', 'carer_present', 'teach_back'];

const answerColumns = `talked_through integer, interpreter_used integer, carer_present integer,
	teach_back text`;
const strictAnswerColumns = `talked_through integer not null, interpreter_used integer not null,
	carer_present integer not null, teach_back text not null`;

function createDeliveryRecord(name: string, answers: string, extra: string) {
	return sql.raw(`create table ${name} (
		id text primary key,
		organisation_id text not null references organisation (id),
		ward_id text not null references ward (id),
		patient_group_id text not null references patient_group (id),
		briefing_id text not null references briefing (id),
		version_id text not null references briefing_version (id),
		format text not null,
		language text not null,
		outcome text not null,
		${answers},
		recorded_at text not null,
		received_at text not null,
		recorded_by text not null references staff_account (id),
		voided_at text,
		voided_by text references staff_account (id)${extra}
	)`);
}

const columns = `id, organisation_id, ward_id, patient_group_id, briefing_id, version_id, format,
	language, outcome, talked_through, interpreter_used, carer_present, teach_back, recorded_at,
	received_at, recorded_by, voided_at, voided_by`;

/** Runs `work` as one transaction with foreign keys off, checking every reference before commit. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
async function withForeignKeysOff(db: Kysely<any>, work: () => Promise<void>) {
	await sql`pragma foreign_keys = off`.execute(db);
	try {
		await sql`begin`.execute(db);
		try {
			await work();
			const broken = await sql`pragma foreign_key_check`.execute(db);
			if (broken.rows.length) throw new Error('010-record: a reference would break');
			await sql`commit`.execute(db);
		} catch (error) {
			await sql`rollback`.execute(db);
			throw error;
		}
	} finally {
		await sql`pragma foreign_keys = on`.execute(db);
	}
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
async function rebuildDeliveryRecord(db: Kysely<any>, answers: string, extra: string) {
	const extraColumn = extra ? ', language_needed' : '';
	await createDeliveryRecord('delivery_record_new', answers, extra).execute(db);
	// Every rowid kept: measure_day_count_state remembers how far it counted by rowid.
	await sql
		.raw(
			`insert into delivery_record_new (rowid, ${columns}${extraColumn})
			select rowid, ${columns}${extra ? ', null' : ''} from delivery_record order by rowid`
		)
		.execute(db);
	await sql`drop table delivery_record`.execute(db);
	await sql`alter table delivery_record_new rename to delivery_record`.execute(db);
	// Every index the table had (migrations 001, 002, 006, 009), as they were.
	await sql`create index delivery_record_org_recorded on delivery_record (organisation_id, recorded_at)`.execute(
		db
	);
	await sql`create index delivery_record_org_ward_recorded on delivery_record (organisation_id, ward_id, recorded_at)`.execute(
		db
	);
	await sql`create index delivery_record_measures on delivery_record (
		organisation_id, substr(recorded_at, 1, 10), patient_group_id, format, outcome,
		talked_through, teach_back, voided_at, ward_id, language, recorded_at
	)`.execute(db);
	await sql`create index delivery_record_ward_measures on delivery_record (
		organisation_id, ward_id, substr(recorded_at, 1, 10), patient_group_id, format, outcome,
		talked_through, teach_back, voided_at, language, id
	)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export async function up(db: Kysely<any>): Promise<void> {
	if (isPostgres(db)) await upInTransaction(db);
	else await withForeignKeysOff(db, () => upInTransaction(db));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
async function upInTransaction(db: Kysely<any>): Promise<void> {
	if (isPostgres(db)) {
		for (const column of answerNames)
			await db.schema
				.alterTable('delivery_record')
				.alterColumn(column, (c) => c.dropNotNull())
				.execute();
		await db.schema.alterTable('delivery_record').addColumn('language_needed', 'text').execute();
	} else await rebuildDeliveryRecord(db, answerColumns, ',\n\t\tlanguage_needed text');
	// Unmet need by language: the equity view's table of languages needed.
	await sql`create index delivery_record_language_needed on delivery_record (
		organisation_id, language_needed
	) where language_needed is not null`.execute(db);

	await db.schema
		.alterTable('measure_day_count')
		.addColumn('talked_through_answered', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.alterTable('measure_day_count')
		.addColumn('teach_back_answered', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.deleteFrom('measure_day_count').execute();
	await db.deleteFrom('measure_day_count_state').execute();

	await db.schema.dropIndex('feedback_token_hash_unique').execute();
	await db.schema
		.createIndex('feedback_token_hash')
		.on('feedback')
		.columns(['token_hash', 'received_at'])
		.where('token_hash', 'is not', null)
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
	if (isPostgres(db)) await downInTransaction(db);
	else await withForeignKeysOff(db, () => downInTransaction(db));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
async function downInTransaction(db: Kysely<any>): Promise<void> {
	// Only the latest response per link survives going back to one row per link.
	await sql`delete from feedback where token_hash is not null and exists (
		select 1 from feedback later where later.token_hash = feedback.token_hash
		and (later.received_at, later.id) > (feedback.received_at, feedback.id))`.execute(db);
	await db.schema.dropIndex('feedback_token_hash').execute();
	await db.schema
		.createIndex('feedback_token_hash_unique')
		.on('feedback')
		.column('token_hash')
		.unique()
		.where('token_hash', 'is not', null)
		.execute();
	await db.schema.alterTable('measure_day_count').dropColumn('teach_back_answered').execute();
	await db.schema.alterTable('measure_day_count').dropColumn('talked_through_answered').execute();
	await db.deleteFrom('measure_day_count').execute();
	await db.deleteFrom('measure_day_count_state').execute();
	await db.schema.dropIndex('delivery_record_language_needed').execute();
	// "Not recorded" had no place before: an unanswered question goes back as no / not done.
	await sql`update delivery_record set talked_through = coalesce(talked_through, 0),
		interpreter_used = coalesce(interpreter_used, 0), carer_present = coalesce(carer_present, 0),
		teach_back = coalesce(teach_back, 'notDone')`.execute(db);
	if (isPostgres(db)) {
		for (const column of answerNames)
			await db.schema
				.alterTable('delivery_record')
				.alterColumn(column, (c) => c.setNotNull())
				.execute();
		await db.schema.alterTable('delivery_record').dropColumn('language_needed').execute();
	} else await rebuildDeliveryRecord(db, strictAnswerColumns, '');
}
