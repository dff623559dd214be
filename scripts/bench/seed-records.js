// Shared by the bench scripts (not a bench itself): 1,000,000 delivery records (20 wards, 10
// groups, 4 formats, 10 languages, 3 years; one in 997 undone) plus feedback and admissions,
// written straight into the database of a stopped server that has made the demo organisation:
// its SQLite file (`seedRecords`) or its PostgreSQL database (`seedRecordsPostgres`, in
// multi-row inserts of 5,000 rows through unnest, foreign keys unchecked). Both then count the day counts from the
// records, as migration 019 does (the app keeps them as records are written; this writes
// records behind its back), and PostgreSQL gets the VACUUM ANALYZE autovacuum would run.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { pgPool } from './server.js';

/** BENCH_RECORDS, for a quicker run while developing; else 1,000,000. */
export const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const WARDS = 20;
const LANGUAGES = ['en', 'cy', 'pl', 'ro', 'pa', 'ur', 'pt', 'es', 'ar', 'bn'];
const FORMATS = ['video', 'leaflet', 'easyRead', 'faceToFace'];
const OUTCOMES = [
	'delivered',
	'delivered',
	'delivered',
	'delivered',
	'partly',
	'declined',
	'notPossibleNow'
];
const FFT = ['veryGood', 'veryGood', 'good', 'neither', 'poor', 'dontKnow'];
const DAY_MS = 86_400_000;
const YEARS_MS = 3 * 365 * DAY_MS;
const BATCH = 5_000;

/** The day of an instant in Europe/London (the demo organisation's zone), as the server fixes it. */
const londonDay = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/London',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});
const localDay = (iso) => londonDay.format(new Date(iso));

export const RECORD_COLUMNS = [
	'id',
	'organisation_id',
	'ward_id',
	'patient_group_id',
	'briefing_id',
	'version_id',
	'format',
	'language',
	'outcome',
	'talked_through',
	'interpreter_used',
	'carer_present',
	'teach_back',
	'recorded_at',
	'recorded_day',
	'received_at',
	'recorded_by',
	'voided_at',
	'voided_by'
];
const FEEDBACK_COLUMNS = [
	'id',
	'organisation_id',
	'briefing_id',
	'version_id',
	'delivery_id',
	'language',
	'overall',
	'knows_how_to_get_help',
	'received_at',
	'received_day'
];
const INTEGER_COLUMNS = new Set(['talked_through', 'interpreter_used', 'carer_present']);

/** Record `i` of `records`, and its feedback (every tenth), as rows in the column orders above. */
function row(i, records, start, ctx) {
	const at = new Date(start + Math.floor((i / records) * YEARS_MS)).toISOString();
	const id = randomUUID();
	const day = localDay(at);
	const language = LANGUAGES[(i * 13) % LANGUAGES.length];
	const voided = i % 997 === 0;
	const record = [
		id,
		ctx.organisationId,
		ctx.wards[i % WARDS],
		ctx.groups[(i * 7) % ctx.groups.length],
		ctx.version.briefing_id,
		ctx.version.id,
		FORMATS[(i * 3) % 4],
		language,
		OUTCOMES[i % OUTCOMES.length],
		i % 3 ? 1 : 0,
		0,
		0,
		i % 5 ? 'confirmed' : 'partly',
		at,
		day,
		at,
		ctx.nurse,
		voided ? at : null,
		voided ? ctx.nurse : null
	];
	const feedback =
		i % 10 === 0
			? [
					randomUUID(),
					ctx.organisationId,
					ctx.version.briefing_id,
					ctx.version.id,
					id,
					language,
					FFT[i % FFT.length],
					i % 4 ? 'yes' : 'notSure',
					at,
					day
				]
			: null;
	return { record, feedback };
}

/** Every Monday from before `start` to now, as YYYY-MM-DD. */
function weeks(start, now) {
	const firstMonday = new Date(start - ((new Date(start).getUTCDay() + 6) % 7) * DAY_MS)
		.toISOString()
		.slice(0, 10);
	const result = [];
	for (let w = Date.parse(firstMonday); w <= now; w += 7 * DAY_MS)
		result.push(new Date(w).toISOString().slice(0, 10));
	return result;
}

const admissionsOf = (i) => 330 + (i % 7) * 5;

// Portable: the same statement on both engines (migration 019's count).
const given = `outcome in ('delivered', 'partly')`;
const count = (condition) => `sum(case when ${condition} then 1 else 0 end)`;
const RECOUNT = `insert into measure_day_count (organisation_id, day, patient_group_id, format, total,
		given, talked_through, teach_back, talked_through_answered, teach_back_answered)
	select organisation_id, recorded_day, patient_group_id, format, count(*), ${count(given)},
		${count(`talked_through = 1 and ${given}`)}, ${count(`teach_back = 'confirmed' and ${given}`)},
		${count(`talked_through is not null and ${given}`)}, ${count(`teach_back is not null and ${given}`)}
	from delivery_record where voided_at is null and organisation_id = $1
	group by organisation_id, recorded_day, patient_group_id, format`;

/** Adds wards up to 20 and then the records, feedback and admissions, in one transaction. */
export function seedRecords(file, records = RECORDS) {
	const db = new Database(file);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = OFF');
	const organisationId = db
		.prepare("select organisation_id from ward where name = 'Ward 7'")
		.get().organisation_id;
	const ctx = {
		organisationId,
		nurse: db.prepare("select id from staff_account where role = 'wardStaff'").get().id,
		version: db
			.prepare("select briefing_id, id from briefing_version where status = 'published' limit 1")
			.get(),
		groups: db
			.prepare('select id from patient_group where organisation_id = ?')
			.all(organisationId)
			.map((g) => g.id),
		wards: []
	};
	const insertWard = db.prepare(
		'insert into ward (id, organisation_id, name, specialty) values (?, ?, ?, ?)'
	);
	const insertRecord = db.prepare(
		`insert into delivery_record (${RECORD_COLUMNS}) values (${RECORD_COLUMNS.map(() => '?')})`
	);
	const insertFeedback = db.prepare(
		`insert into feedback (${FEEDBACK_COLUMNS}) values (${FEEDBACK_COLUMNS.map(() => '?')})`
	);
	const insertAdmissions = db.prepare(
		`insert or replace into admission_count (organisation_id, ward_id, week_start, admissions, updated_at, updated_by)
		 values (?, ?, ?, ?, ?, ?)`
	);
	const now = Date.now();
	const start = now - YEARS_MS;
	db.transaction(() => {
		ctx.wards = db
			.prepare('select id from ward where organisation_id = ?')
			.all(organisationId)
			.map((w) => w.id);
		for (let i = ctx.wards.length; i < WARDS; i++) {
			const id = randomUUID();
			insertWard.run(id, organisationId, `Bench ward ${i + 1}`, 'Bench');
			ctx.wards.push(id);
		}
		for (let i = 0; i < records; i++) {
			const { record, feedback } = row(i, records, start, ctx);
			insertRecord.run(record);
			if (feedback) insertFeedback.run(feedback);
		}
		for (const week of weeks(start, now))
			for (const [i, ward] of ctx.wards.entries())
				insertAdmissions.run(
					organisationId,
					ward,
					week,
					admissionsOf(i),
					new Date().toISOString(),
					ctx.nurse
				);
		db.prepare('delete from measure_day_count where organisation_id = ?').run(organisationId);
		db.prepare(RECOUNT.replace('$1', '?')).run(organisationId);
	})();
	db.close();
	return organisationId;
}

/** `insert … select * from unnest($1::text[], …)`: one statement for many rows. */
export function unnestInsert(table, columns) {
	const arrays = columns.map(
		(c, n) => `$${n + 1}::${INTEGER_COLUMNS.has(c) ? 'integer' : 'text'}[]`
	);
	return `insert into ${table} (${columns}) select * from unnest(${arrays})`;
}

async function insertRows(client, statement, rows) {
	if (!rows.length) return;
	const columns = rows[0].map((_, c) => rows.map((r) => r[c]));
	await client.query(statement, columns);
}

/** The same as `seedRecords`, into the PostgreSQL database at `url`. */
export async function seedRecordsPostgres(url, records = RECORDS) {
	const pool = pgPool(url, 1);
	const client = await pool.connect();
	try {
		const one = async (text, values) => (await client.query(text, values)).rows[0];
		const all = async (text, values) => (await client.query(text, values)).rows;
		const { organisation_id: organisationId } = await one(
			"select organisation_id from ward where name = 'Ward 7'"
		);
		const ctx = {
			organisationId,
			nurse: (await one("select id from staff_account where role = 'wardStaff' limit 1")).id,
			version: await one(
				"select briefing_id, id from briefing_version where status = 'published' limit 1"
			),
			groups: (
				await all('select id from patient_group where organisation_id = $1', [organisationId])
			).map((g) => g.id),
			wards: (await all('select id from ward where organisation_id = $1', [organisationId])).map(
				(w) => w.id
			)
		};
		await client.query('begin');
		await client.query('set local synchronous_commit = off');
		// The rows are made consistent here: skip the foreign-key triggers (a superuser's right;
		// 5 min for 1,000,000 records with them, on a loaded machine).
		await client.query('set local session_replication_role = replica').catch(() => {});
		for (let i = ctx.wards.length; i < WARDS; i++) {
			const id = randomUUID();
			await client.query(
				'insert into ward (id, organisation_id, name, specialty) values ($1, $2, $3, $4)',
				[id, organisationId, `Bench ward ${i + 1}`, 'Bench']
			);
			ctx.wards.push(id);
		}
		const now = Date.now();
		const start = now - YEARS_MS;
		const insertRecords = unnestInsert('delivery_record', RECORD_COLUMNS);
		const insertFeedback = unnestInsert('feedback', FEEDBACK_COLUMNS);
		for (let from = 0; from < records; from += BATCH) {
			const batch = [];
			const feedback = [];
			for (let i = from; i < Math.min(records, from + BATCH); i++) {
				const made = row(i, records, start, ctx);
				batch.push(made.record);
				if (made.feedback) feedback.push(made.feedback);
			}
			await insertRows(client, insertRecords, batch);
			await insertRows(client, insertFeedback, feedback);
		}
		const admissions = weeks(start, now).flatMap((week) =>
			ctx.wards.map((ward, i) => [
				organisationId,
				ward,
				week,
				String(admissionsOf(i)),
				new Date().toISOString(),
				ctx.nurse
			])
		);
		await insertRows(
			client,
			`insert into admission_count (organisation_id, ward_id, week_start, admissions, updated_at, updated_by)
			 select o, w, s, a::integer, u, b from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as t(o, w, s, a, u, b)
			 on conflict (ward_id, week_start) do update set admissions = excluded.admissions`,
			admissions
		);
		await client.query('delete from measure_day_count where organisation_id = $1', [
			organisationId
		]);
		await client.query(RECOUNT, [organisationId]);
		await client.query('commit');
		await client.query('vacuum analyze');
		return organisationId;
	} catch (error) {
		await client.query('rollback');
		throw error;
	} finally {
		client.release();
		await pool.end();
	}
}
