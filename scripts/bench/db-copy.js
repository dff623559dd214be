// `npm run db:copy` at scale: the demo organisation plus 1,000,000 delivery records (with their
// feedback and admissions, seed-records.js) copied from the SQLite file into a database made for
// the run on the PostgreSQL server of BENCH_DATABASE_URL (default: the machine's own, as CI's),
// and dropped after. Prints rows per second of the whole command: migrate, copy, verify counts.
// `node scripts/bench/db-copy.js 100000` seeds fewer records.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { RECORDS as DEFAULT_RECORDS, seedRecords } from './seed-records.js';
import { startServer } from './server.js';

const PORT = 4306;
const RECORDS = Number(process.argv[2] ?? DEFAULT_RECORDS);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = new pg.Client({ connectionString: adminUrl });
try {
	await admin.connect();
} catch (error) {
	console.log(`no PostgreSQL at ${new URL(adminUrl).host} (${error.message}): not measured`);
	process.exit(0);
}

const name = `bench_db_copy_${process.pid}`;
const target = new URL(adminUrl);
target.pathname = `/${name}`;
const dataDir = mkdtempSync(join(tmpdir(), 'bench-db-copy-'));
const file = join(dataDir, 'toolkit.sqlite');
try {
	// Built from this checkout, so the server makes today's schema and the demo organisation.
	execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'ignore' });
	await (await startServer(PORT, { DATA_DIR: dataDir })).stop();
	seedRecords(file, RECORDS);
	await admin.query(`create database ${name}`);
	const load = () => `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`;
	console.log(`(${load()} before the copy)`);
	const started = process.hrtime.bigint();
	const out = execFileSync('node', ['scripts/db-copy.js', '--from', file, '--to', target.href], {
		encoding: 'utf8'
	});
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const rows = Number(/Copied \d+ tables, (\d+) rows/.exec(out)?.[1]);
	const records = /\ndelivery_record\s+(\d+)/.exec(out)?.[1];
	console.log(
		`db:copy of ${rows.toLocaleString('en-GB')} rows (${Number(records).toLocaleString('en-GB')} delivery records, ${RECORDS.toLocaleString('en-GB')} seeded) SQLite → PostgreSQL: ${seconds.toFixed(1)} s, ${Math.round(rows / seconds).toLocaleString('en-GB')} rows/s (command included: build, migrate, verify; ${load()} after)`
	);
} finally {
	await admin.query(`drop database if exists ${name} with (force)`);
	await admin.end();
	rmSync(dataDir, { recursive: true, force: true });
}
