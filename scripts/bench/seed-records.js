// Shared by the bench scripts (not a bench itself): 1,000,000 delivery records (20 wards, 10
// groups, 4 formats, 10 languages, 3 years; one in 997 undone) plus feedback and admissions,
// written straight into the SQLite file of a stopped server that has made the demo organisation.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';

export const RECORDS = 1_000_000;
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

/** The day of an instant in Europe/London (the demo organisation's zone), as the server fixes it. */
const londonDay = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/London',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});
const localDay = (iso) => londonDay.format(new Date(iso));

/** Adds wards up to 20 and then the records, feedback and admissions, in one transaction. */
export function seedRecords(file, records = RECORDS) {
	const db = new Database(file);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = OFF');
	const organisationId = db
		.prepare("select organisation_id from ward where name = 'Ward 7'")
		.get().organisation_id;
	const nurse = db.prepare("select id from staff_account where role = 'wardStaff'").get().id;
	const version = db
		.prepare("select briefing_id, id from briefing_version where status = 'published' limit 1")
		.get();
	const groups = db
		.prepare('select id from patient_group where organisation_id = ?')
		.all(organisationId)
		.map((g) => g.id);
	const insertWard = db.prepare(
		'insert into ward (id, organisation_id, name, specialty) values (?, ?, ?, ?)'
	);
	const insertRecord = db.prepare(
		`insert into delivery_record (id, organisation_id, ward_id, patient_group_id, briefing_id, version_id,
		 format, language, outcome, talked_through, interpreter_used, carer_present, teach_back,
		 recorded_at, recorded_day, received_at, recorded_by, voided_at, voided_by)
		 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insertFeedback = db.prepare(
		`insert into feedback (id, organisation_id, briefing_id, version_id, delivery_id, language, overall,
		 knows_how_to_get_help, received_at, received_day) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insertAdmissions = db.prepare(
		`insert or replace into admission_count (organisation_id, ward_id, week_start, admissions, updated_at, updated_by)
		 values (?, ?, ?, ?, ?, ?)`
	);
	const now = Date.now();
	const start = now - YEARS_MS;
	db.transaction(() => {
		const wards = db
			.prepare('select id from ward where organisation_id = ?')
			.all(organisationId)
			.map((w) => w.id);
		for (let i = wards.length; i < WARDS; i++) {
			const id = randomUUID();
			insertWard.run(id, organisationId, `Bench ward ${i + 1}`, 'Bench');
			wards.push(id);
		}
		for (let i = 0; i < records; i++) {
			const at = new Date(start + Math.floor((i / records) * YEARS_MS)).toISOString();
			const id = randomUUID();
			const day = localDay(at);
			const outcome = OUTCOMES[i % OUTCOMES.length];
			insertRecord.run(
				id,
				organisationId,
				wards[i % WARDS],
				groups[(i * 7) % groups.length],
				version.briefing_id,
				version.id,
				FORMATS[(i * 3) % 4],
				LANGUAGES[(i * 13) % LANGUAGES.length],
				outcome,
				i % 3 ? 1 : 0,
				i % 5 ? 'confirmed' : 'partly',
				at,
				day,
				at,
				nurse,
				i % 997 === 0 ? at : null,
				i % 997 === 0 ? nurse : null
			);
			if (i % 10 === 0)
				insertFeedback.run(
					randomUUID(),
					organisationId,
					version.briefing_id,
					version.id,
					id,
					LANGUAGES[(i * 13) % LANGUAGES.length],
					FFT[i % FFT.length],
					i % 4 ? 'yes' : 'notSure',
					at,
					day
				);
		}
		const firstMonday = new Date(start - ((new Date(start).getUTCDay() + 6) % 7) * DAY_MS)
			.toISOString()
			.slice(0, 10);
		for (let w = Date.parse(firstMonday); w <= now; w += 7 * DAY_MS)
			for (const [i, ward] of wards.entries())
				insertAdmissions.run(
					organisationId,
					ward,
					new Date(w).toISOString().slice(0, 10),
					330 + (i % 7) * 5,
					new Date().toISOString(),
					nurse
				);
	})();
	db.close();
	return organisationId;
}
