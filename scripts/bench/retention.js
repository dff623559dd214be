// The retention job at scale: the demo organisation with 1,000,000 delivery records over three
// years (seed-records.js) in its SQLite file, its limits set to one year, then
// `npm run admin -- apply-retention` run twice. Prints how long the deleting run took beside the
// second run (nothing left to delete: the command's own start, build and migrate check), records
// deleted per second, and whether every day count stayed as it was (the measures keep their
// history). `node scripts/bench/retention.js 100000` seeds fewer records.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECORDS as DEFAULT_RECORDS, seedRecords } from './seed-records.js';
import { startServer } from './server.js';

const PORT = 4307;
const RECORDS = Number(process.argv[2] ?? DEFAULT_RECORDS);
const dataDir = mkdtempSync(join(tmpdir(), 'bench-retention-'));
const file = join(dataDir, 'toolkit.sqlite');
const load = () => `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`;
const fmt = (n) => Math.round(n).toLocaleString('en-GB');

/** The organisation's records, feedback and day counts (sum of totals), read straight off the file. */
function counts(organisationId) {
	const db = new Database(file, { readonly: true });
	try {
		const one = (q) => db.prepare(q).pluck().get(organisationId);
		return {
			records: one('select count(*) from delivery_record where organisation_id = ?'),
			feedback: one('select count(*) from feedback where organisation_id = ?'),
			counted: one('select sum(total) from measure_day_count where organisation_id = ?'),
			days: one('select count(distinct day) from measure_day_count where organisation_id = ?')
		};
	} finally {
		db.close();
	}
}

function timedRun() {
	const started = process.hrtime.bigint();
	const out = execFileSync('node', ['scripts/admin.js', 'apply-retention'], {
		encoding: 'utf8',
		env: { ...process.env, DATA_DIR: dataDir }
	});
	return { seconds: Number(process.hrtime.bigint() - started) / 1e9, out };
}

try {
	await (await startServer(PORT, { DATA_DIR: dataDir })).stop();
	const organisationId = seedRecords(file, RECORDS);
	const db = new Database(file);
	db.prepare(
		'update organisation set retain_records_years = 1, retain_feedback_years = 1 where id = ?'
	).run(organisationId);
	db.close();
	const before = counts(organisationId);
	console.log(`(${load()} before the run)`);
	const first = timedRun();
	const second = timedRun();
	const after = counts(organisationId);
	const deleted = before.records - after.records;
	const seconds = first.seconds - second.seconds;
	console.log(
		`retention at ${fmt(before.records)} records over 3 years, limits 1 year: deleted ${fmt(deleted)} records and ${fmt(before.feedback - after.feedback)} feedback in ${first.seconds.toFixed(1)} s (${seconds.toFixed(1)} s beyond a run with nothing to delete, ${second.seconds.toFixed(1)} s): ${fmt(deleted / seconds)} records/s; ${load()} after`
	);
	console.log(
		`day counts kept: ${before.counted === after.counted && before.days === after.days ? 'yes' : 'NO'} (${fmt(after.counted)} counted over ${fmt(after.days)} days; ${fmt(after.records)} records remain)`
	);
	if (before.counted !== after.counted) process.exitCode = 1;
} finally {
	rmSync(dataDir, { recursive: true, force: true });
}
