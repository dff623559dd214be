// Delivery records into the server, on SQLite and on PostgreSQL side by side: a device catching
// up sends its outbox to POST /api/sync in batches of 500 (the built server on each engine;
// PostgreSQL: BENCH_DATABASE_URL, see server.js). Two ceilings: the same records inserted
// straight into each engine (batches of 500, one transaction each, the records alone: no
// patient links, no day counts), and a bare `node:http` server answering "ok" to the same
// bodies, which is what Node's HTTP handling allows on this machine. Each figure is the median
// of ROUNDS rounds of RECORDS fresh records, after a warm-up.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import {
	benchPostgres,
	median,
	pgPool,
	printSideBySide,
	signInCookie,
	startServer
} from './server.js';
import { RECORD_COLUMNS, unnestInsert } from './seed-records.js';

const RECORDS = 20_000;
const ROUNDS = 3;
const BATCH = 500;
const CONCURRENCY = 3;
const BARE_ROUNDS = 5;
const DAY = 24 * 60 * 60_000;

const number = (n) => Math.round(n).toLocaleString('en-GB');

/** What a ward 7 device may record, read from the server's own database file. */
function readCatalogue(file) {
	const db = new Database(file, { readonly: true, fileMustExist: true });
	try {
		const ward = db.prepare("select id, organisation_id from ward where name = 'Ward 7'").get();
		const groups = db
			.prepare('select id from patient_group where organisation_id = ? and archived = 0')
			.all(ward.organisation_id)
			.map((g) => g.id);
		const variants = db
			.prepare(
				`select b.id as briefingId, v.id as versionId, bv.format, bv.language
				 from briefing b
				 join briefing_version v on v.briefing_id = b.id
				 join briefing_variant bv on bv.version_id = v.id
				 where b.organisation_id = ? and v.status = 'published'`
			)
			.all(ward.organisation_id);
		return { wardId: ward.id, groups, variants };
	} finally {
		db.close();
	}
}

/** The same as `readCatalogue`, from the server's PostgreSQL database. */
async function readCataloguePostgres(pool) {
	const one = async (text, values) => (await pool.query(text, values)).rows;
	const [ward] = await one("select id, organisation_id from ward where name = 'Ward 7'");
	const groups = (
		await one('select id from patient_group where organisation_id = $1 and archived = 0', [
			ward.organisation_id
		])
	).map((g) => g.id);
	const variants = await one(
		`select b.id as "briefingId", v.id as "versionId", bv.format, bv.language
		 from briefing b
		 join briefing_version v on v.briefing_id = b.id
		 join briefing_variant bv on bv.version_id = v.id
		 where b.organisation_id = $1 and v.status = 'published'`,
		[ward.organisation_id]
	);
	return { wardId: ward.id, groups, variants };
}

const pick = (items, i) => items[i % items.length];

/** `count` fresh records as JSON request bodies of BATCH changes each. */
function bodies(count, { wardId, groups, variants }) {
	const outcomes = ['delivered', 'delivered', 'delivered', 'partly', 'declined', 'notPossibleNow'];
	const now = Date.now();
	const result = [];
	for (let start = 0; start < count; start += BATCH) {
		const changes = [];
		for (let i = start; i < Math.min(count, start + BATCH); i++) {
			const payload = {
				id: uuidv7(),
				wardId,
				patientGroupId: pick(groups, i),
				...pick(variants, i * 7),
				outcome: pick(outcomes, i),
				talkedThrough: i % 3 !== 0,
				interpreterUsed: i % 11 === 0,
				carerPresent: i % 5 === 0,
				teachBack: pick(['confirmed', 'partly', 'notDone'], i),
				// In the order they were recorded, over the last day.
				recordedAt: new Date(now - ((count - i) * DAY) / count).toISOString(),
				...(i % 2 === 0 ? { patientToken: randomBytes(16).toString('base64url') } : {})
			};
			changes.push({ id: payload.id, kind: 'deliveryRecord', payload });
		}
		result.push(JSON.stringify({ changes }));
	}
	return result;
}

/** POSTs every body, CONCURRENCY at a time over keep-alive; resolves with the seconds taken. */
async function sendAll(url, all, headers, check) {
	let next = 0;
	async function worker() {
		while (next < all.length) {
			const body = all[next++];
			const response = await fetch(url, { method: 'POST', headers, body });
			await check(response);
		}
	}
	const start = performance.now();
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	return (performance.now() - start) / 1000;
}

/** Every change of a sync answer must be accepted, or the figure means nothing. */
async function allAccepted(response) {
	if (response.status !== 200) throw new Error(`sync: ${response.status} ${await response.text()}`);
	const { results } = await response.json();
	const other = results.filter((r) => r.status !== 'accepted');
	if (other.length) throw new Error(`sync: not accepted: ${JSON.stringify(other.slice(0, 3))}`);
}

async function bareServer(port) {
	const server = createServer((request, response) => {
		request.on('data', () => {});
		request.on('end', () => response.end('ok'));
	});
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	return server;
}

/**
 * What `synchronous = FULL` costs a commit (the server's setting: each commit flushed to disk
 * before it returns) against NORMAL (flushed at checkpoints only), one-row commits in WAL mode.
 */
function commitsPerSecond(mode, rows = 2000) {
	const dir = mkdtempSync(join(tmpdir(), 'bench-commit-'));
	const db = new Database(join(dir, 'commit.sqlite'));
	try {
		db.pragma('journal_mode = WAL');
		db.pragma(`synchronous = ${mode}`);
		db.exec('create table t (id integer primary key, body text)');
		const insert = db.prepare('insert into t (body) values (?)');
		const start = performance.now();
		for (let i = 0; i < rows; i++) insert.run('x'.repeat(200));
		return rows / ((performance.now() - start) / 1000);
	} finally {
		db.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

/** A delivery record's columns as the sync writes a new one (not yet voided). */
const COLUMNS = RECORD_COLUMNS.filter((c) => !c.startsWith('voided_'));

/** The records of `bodies`, with fresh ids, as rows of COLUMNS, in batches as sent. */
function recordRows(all, organisationId, recordedBy) {
	const flag = (b) => (b ? 1 : 0);
	return all.map((body) =>
		JSON.parse(body).changes.map(({ payload: p }) => [
			uuidv7(),
			organisationId,
			p.wardId,
			p.patientGroupId,
			p.briefingId,
			p.versionId,
			p.format,
			p.language,
			p.outcome,
			flag(p.talkedThrough),
			flag(p.interpreterUsed),
			flag(p.carerPresent),
			p.teachBack,
			p.recordedAt,
			p.recordedAt.slice(0, 10),
			new Date().toISOString(),
			recordedBy
		])
	);
}

/** Records/s of the rows inserted straight into the server's SQLite file, as the server opens it. */
function directSqlite(file, batches) {
	const db = new Database(file);
	try {
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = FULL');
		db.pragma('foreign_keys = ON');
		const insert = db.prepare(
			`insert into delivery_record (${COLUMNS}) values (${COLUMNS.map(() => '?')})`
		);
		const insertBatch = db.transaction((rows) => {
			for (const row of rows) insert.run(row);
		});
		const start = performance.now();
		for (const rows of batches) insertBatch(rows);
		return (batches.length * BATCH) / ((performance.now() - start) / 1000);
	} finally {
		db.close();
	}
}

/** The same into PostgreSQL: one multi-row insert (unnest) a batch, CONCURRENCY connections. */
async function directPostgres(pool, batches) {
	const statement = unnestInsert('delivery_record', COLUMNS);
	let next = 0;
	async function worker() {
		while (next < batches.length) {
			const rows = batches[next++];
			await pool.query(
				statement,
				COLUMNS.map((_, c) => rows.map((r) => r[c]))
			);
		}
	}
	const start = performance.now();
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	return (batches.length * BATCH) / ((performance.now() - start) / 1000);
}

/** Ingestion on one engine: through the server, then straight in. */
async function onEngine(port, engineEnv, open) {
	// Its own data directory, kept past the server's stop for the straight-in round.
	const dataDir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
	const server = await startServer(port, { ...engineEnv, DATA_DIR: dataDir });
	const database = open(server);
	try {
		const cookie = await signInCookie(server.origin, 'ward7@demo.example', 'demo-ward-pass');
		const catalogue = await database.catalogue();
		const headers = { cookie, origin: server.origin, 'content-type': 'application/json' };
		const url = `${server.origin}/api/sync`;
		// Warm up (connections, JIT, the statements' first run), then measure fresh records.
		await sendAll(url, bodies(2 * BATCH, catalogue), headers, allAccepted);
		const rounds = [];
		let measured;
		for (let i = 0; i < ROUNDS; i++) {
			measured = bodies(RECORDS, catalogue);
			rounds.push(RECORDS / (await sendAll(url, measured, headers, allAccepted)));
		}
		const stored = await database.count();
		const { organisationId, recordedBy } = await database.owner();
		await server.stop();
		const direct = [];
		for (let i = 0; i < ROUNDS; i++)
			direct.push(
				await database.direct(recordRows(bodies(RECORDS, catalogue), organisationId, recordedBy))
			);
		return {
			server: median(rounds),
			direct: median(direct),
			stored,
			measured,
			extra: database.extra?.()
		};
	} finally {
		await server.stop();
		await database.close();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

const sqliteEngine = (server) => {
	const file = `${server.dataDir}/toolkit.sqlite`;
	const query = (text) => {
		const db = new Database(file, { readonly: true });
		try {
			return db.prepare(text).get();
		} finally {
			db.close();
		}
	};
	return {
		catalogue: async () => readCatalogue(file),
		count: async () => query('select count(*) as n from delivery_record').n,
		owner: async () => ({
			organisationId: query("select organisation_id as o from ward where name = 'Ward 7'").o,
			recordedBy: query("select id from staff_account where role = 'wardStaff'").id
		}),
		direct: async (batches) => directSqlite(file, batches),
		extra: () => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size / 1024 / 1024 : 0),
		close: async () => {}
	};
};

const postgresEngine = (url) => () => {
	const pool = pgPool(url, CONCURRENCY);
	const one = async (text) => (await pool.query(text)).rows[0];
	return {
		catalogue: () => readCataloguePostgres(pool),
		count: async () => (await one('select count(*) as n from delivery_record')).n,
		owner: async () => ({
			organisationId: (await one("select organisation_id as o from ward where name = 'Ward 7'")).o,
			recordedBy: (await one("select id from staff_account where role = 'wardStaff' limit 1")).id
		}),
		direct: (batches) => directPostgres(pool, batches),
		close: () => pool.end()
	};
};

const port = Number(process.env.BENCH_PORT ?? 5402);
const sqlite = await onEngine(port, {}, sqliteEngine);
const bench = await benchPostgres();
let postgres = null;
if (!bench.skipped) {
	await bench.fresh();
	try {
		postgres = await onEngine(port, { DATABASE_URL: bench.url }, postgresEngine(bench.url));
	} finally {
		await bench.drop();
	}
}

const bare = await bareServer(port + 1);
try {
	const { measured } = sqlite;
	const kb = measured.reduce((sum, b) => sum + b.length, 0) / measured.length / 1024;
	const bareUrl = `http://127.0.0.1:${port + 1}/`;
	const okText = async (response) => {
		if ((await response.text()) !== 'ok') throw new Error('bare server: unexpected answer');
	};
	await sendAll(bareUrl, measured.slice(0, 4), {}, okText);
	const rounds = [];
	for (let i = 0; i < BARE_ROUNDS; i++) rounds.push(await sendAll(bareUrl, measured, {}, okText));
	const bareRequests = measured.length / median(rounds);

	console.log(
		`${number(RECORDS)} records in ${measured.length} requests of ${BATCH} ` +
			`(${kb.toFixed(0)} KB each, half with a patient token), ${CONCURRENCY} at a time over keep-alive; median of ${ROUNDS} rounds`
	);
	const perSecond = (r) => r && `${number(r)} records/s`;
	const share = (engine) =>
		engine && `${((100 * engine.server) / engine.direct).toFixed(0)}% of straight in`;
	printSideBySide(
		[
			[
				'through POST /api/sync to the built server',
				perSecond(sqlite.server),
				perSecond(postgres?.server)
			],
			[
				'the same records straight into the database (ceiling)',
				perSecond(sqlite.direct),
				perSecond(postgres?.direct)
			],
			['  the server ingests at', share(sqlite), share(postgres)],
			[
				'records stored by the server (warm-up included)',
				number(sqlite.stored),
				postgres && number(postgres.stored)
			]
		],
		bench.skipped
	);
	console.log(
		`Bare Node http "ok": ${number(bareRequests)} requests/s of the same bodies ` +
			`(= ${number(bareRequests * BATCH)} records/s, the HTTP ceiling; median of ${BARE_ROUNDS} rounds). SQLite WAL after: ${sqlite.extra.toFixed(1)} MB.`
	);
	const normal = commitsPerSecond('NORMAL');
	const full = commitsPerSecond('FULL');
	console.log(
		`SQLite one-row commits in WAL mode: ${number(full)}/s with synchronous = FULL (the server's), ` +
			`${number(normal)}/s with NORMAL: FULL adds ${(1000 / full - 1000 / normal).toFixed(2)} ms ` +
			`a commit, ${((1000 / full - 1000 / normal) / BATCH).toFixed(4)} ms a record in batches of ${BATCH}.`
	);
} finally {
	bare.closeAllConnections();
	bare.close();
}
