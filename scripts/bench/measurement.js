// Measurement at scale, on SQLite and on PostgreSQL side by side: 1,000,000 delivery records
// (BENCH_RECORDS to change it; 20 wards, 10 groups, 4 formats, 10 languages, 3 years) plus
// feedback and admissions (seed-records.js), then on each engine
//   1. every measure's weekly series for the organisation, by the app's own repository code
//      (2 warm-up reads, then the median and p95 of 9);
//   2. a sync batch of 500 new records written with their day counts recounted in the same
//      transaction, as the sync apply does, and the series read right after it;
//   3. one ward's series, counted straight from the records;
//   4. the measurement home's and the coverage chart's server render over HTTP with a lead's
//      session (the built server on that engine; 1 warm-up, then 11);
//   5. the database's size, for the deployment's sizing (docs/deploy.md).
// And once, engine-free: xmr over 10,000 series of 156 points.
// The repository code and spc.ts are bundled from source with rolldown (Vite's own bundler,
// pinned in devDependencies to the version Vite uses), so what is timed is the code the server
// runs, not a copy of its SQL. PostgreSQL: BENCH_DATABASE_URL (server.js, benchPostgres).
import { RECORDS, seedRecords, seedRecordsPostgres } from './seed-records.js';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'rolldown';
import {
	benchPostgres,
	median,
	p95,
	pgPool,
	printSideBySide,
	signInCookie,
	startServer
} from './server.js';

const PORT = 5400;
const RUNS = 9;
const MB = 1024 * 1024;

const ms = (n) => `${n.toFixed(0)} ms`;
const spread = (xs) => `${ms(median(xs))} / ${ms(p95(xs))}`;
const time = async (work) => {
	const start = process.hrtime.bigint();
	await work();
	return Number(process.hrtime.bigint() - start) / 1e6;
};

async function bundleAppCode() {
	const dir = resolve('node_modules/.cache/bench-measurement');
	await build({
		input: {
			measurement: 'src/lib/server/repositories/measurement.ts',
			dayCounts: 'src/lib/server/repositories/day-counts.ts',
			spc: 'src/lib/domain/measurement/spc.ts',
			localTime: 'src/lib/domain/local-time.ts'
		},
		external: [/^kysely/, 'better-sqlite3', 'pg', /^zod/, /^node:/],
		resolve: { alias: { $lib: resolve('src/lib') } },
		platform: 'node',
		logLevel: 'silent',
		output: { dir, format: 'esm', entryFileNames: '[name].js' }
	});
	return {
		repository: await import(join(dir, 'measurement.js')),
		dayCounts: await import(join(dir, 'dayCounts.js')),
		spc: await import(join(dir, 'spc.js')),
		localTime: await import(join(dir, 'localTime.js'))
	};
}

/** Figures 1–3 on an open database; resolves with rows for the table. */
async function measureQueries(db, code) {
	const { repository, dayCounts, localTime } = code;
	const { organisation_id: organisationId, id: ward } = await db
		.selectFrom('ward')
		.select(['organisation_id', 'id'])
		.where('name', '=', 'Ward 7')
		.executeTakeFirstOrThrow();
	const today = localTime.localDay(new Date(), localTime.DEFAULT_TIME_ZONE);
	const series = (slice = {}) =>
		repository.measureSeries(db, organisationId, { slice, kind: 'week', today });
	const timed = async (n, work, warmUp = 2) => {
		for (let i = 0; i < warmUp; i++) await work();
		const runs = [];
		for (let i = 0; i < n; i++) runs.push(await time(work));
		return runs;
	};
	const result = await series();
	const shape = `${Object.keys(result).length} measures × ${result.coverage.length} weeks`;
	const whole = await timed(RUNS, () => series());

	const template = await db.selectFrom('delivery_record').selectAll().limit(1).executeTakeFirst();
	const writes = [];
	const after = [];
	for (let i = 0; i < 5; i++) {
		const at = new Date().toISOString();
		const rows = Array.from({ length: 500 }, () => ({
			...template,
			id: randomUUID(),
			recorded_at: at,
			received_at: at,
			recorded_day: today,
			voided_at: null,
			voided_by: null
		}));
		writes.push(
			await time(() =>
				db.transaction().execute(async (trx) => {
					await trx.insertInto('delivery_record').values(rows).execute();
					await dayCounts.recountDays(trx, [{ organisationId, day: today }]);
				})
			)
		);
		after.push(await time(() => series()));
	}
	const oneWard = await timed(5, () => series({ wardIds: [ward] }), 1);
	return {
		shape,
		rows: [
			[`every measure's weekly series, organisation (median / p95; goal < 300 ms)`, spread(whole)],
			['a sync batch of 500 records with its day counts recounted', spread(writes)],
			['  the series read right after each batch', spread(after)],
			["one ward's series, straight from the records", spread(oneWard)]
		]
	};
}

/** Figure 4: render times of the measurement pages, through the built server. */
async function measurePages(server) {
	const cookie = await signInCookie(server.origin, 'lead@demo.example', 'demo-lead-pass');
	const rows = [];
	for (const path of ['/studio/measurement', '/studio/measurement/coverage']) {
		const times = [];
		for (let i = 0; i < 12; i++)
			times.push(
				await time(async () => {
					const response = await fetch(`${server.origin}${path}`, { headers: { cookie } });
					if (!response.ok) throw new Error(`${path}: ${response.status}`);
					await response.text();
				})
			);
		times.shift(); // the first request compiles and warms caches
		rows.push([`${path} server render over HTTP (median / p95)`, spread(times)]);
	}
	return rows;
}

async function onSqlite(code) {
	const dataDir = mkdtempSync(join(tmpdir(), 'bench-measurement-'));
	const file = join(dataDir, 'toolkit.sqlite');
	try {
		// The server makes the schema and the demo organisation, then stops while the data goes in.
		const made = await startServer(PORT, { DATA_DIR: dataDir });
		await made.stop();
		const seedMs = await time(async () => seedRecords(file));
		const sqlite = new Database(file);
		sqlite.pragma('wal_checkpoint(TRUNCATE)');
		const size = statSync(file).size;
		const db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
		const queries = await measureQueries(db, code);
		await db.destroy();
		const server = await startServer(PORT, { DATA_DIR: dataDir });
		try {
			const pages = await measurePages(server);
			return { seedMs, size, ...queries, rows: [...queries.rows, ...pages] };
		} finally {
			await server.stop();
		}
	} finally {
		rmSync(dataDir, { recursive: true, force: true });
	}
}

async function onPostgres(code, bench) {
	await bench.fresh();
	try {
		const env = { DATABASE_URL: bench.url };
		const made = await startServer(PORT + 1, env);
		await made.stop();
		const pool = pgPool(bench.url);
		const sizeNow = async () =>
			(await pool.query('select pg_database_size(current_database()) as n')).rows[0].n;
		const empty = await sizeNow();
		const seedMs = await time(() => seedRecordsPostgres(bench.url));
		const size = await sizeNow();
		const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
		const queries = await measureQueries(db, code);
		await db.destroy();
		const server = await startServer(PORT + 1, env);
		try {
			const pages = await measurePages(server);
			return { seedMs, size, empty, ...queries, rows: [...queries.rows, ...pages] };
		} finally {
			await server.stop();
		}
	} finally {
		await bench.drop();
	}
}

// Built from this checkout, so the server has today's migrations.
execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'ignore' });
const code = await bundleAppCode();
const bench = await benchPostgres();
console.log(
	`(load average before measuring: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`
);
const sqlite = await onSqlite(code);
const postgres = bench.skipped ? null : await onPostgres(code, bench);
console.log(
	`${RECORDS.toLocaleString('en-GB')} records (+ ${(RECORDS / 10).toLocaleString('en-GB')} feedback, weekly admissions of 20 wards); series: ${sqlite.shape}`
);
const perRecord = (bytes) => `${(bytes / RECORDS).toFixed(0)} bytes a record`;
printSideBySide(
	[
		[
			'seeded in (straight into the database, not through the server)',
			ms(sqlite.seedMs),
			postgres && ms(postgres.seedMs)
		],
		...sqlite.rows.map(([label, figure], i) => [label, figure, postgres?.rows[i][1]]),
		[
			'database size after seeding (all tables and indexes)',
			`${(sqlite.size / MB).toFixed(0)} MB, ${perRecord(sqlite.size)}`,
			postgres &&
				`${(postgres.size / MB).toFixed(0)} MB, ${perRecord(postgres.size - postgres.empty)} (empty: ${(postgres.empty / MB).toFixed(0)} MB)`
		]
	],
	bench.skipped
);
console.log(`(load average after: ${loadavg()[0].toFixed(1)})`);

const values = Array.from({ length: 156 }, (_, i) => 60 + 10 * Math.sin(i / 5) + ((i * 7919) % 13));
const xmrMs = await time(async () => {
	for (let s = 0; s < 10_000; s++) code.spc.xmr(values, { improvement: 'increase', target: 75 });
});
console.log(
	`xmr over 10,000 series of 156 points: ${ms(xmrMs)} (${(xmrMs / 10_000).toFixed(3)} ms a series)`
);
