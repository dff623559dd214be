// Delivery records into the server, on SQLite and on PostgreSQL side by side: a device catching
// up sends its outbox to POST /api/sync in batches of 500 (the built server on each engine;
// PostgreSQL: BENCH_DATABASE_URL, see server.js), half of the records with a patient token.
//
// The floor (issue #16): the same records inserted straight into the same delivery_record
// table, with the same indexes, in the server's own database (batches of 500, one transaction
// each; better-sqlite3 with the server's pragmas, or one multi-row insert on PostgreSQL). It is
// the records alone: no patient links, no day counts, no HTTP, no checks. The server's figure is
// printed beside it as a ratio (goal ≥ 0.6). A second line is NOT the floor but shows what is
// left once the server's unavoidable writes are counted: the same records and their patient
// links (a random key: each batch's links land on pages all over the link index) straight in.
// A third shows why they cost what they do: the same links keyed in time order instead, which
// the product rules out (the token is random and says nothing, not even when: PRODUCT.md).
// Last, a bare `node:http` server answering "ok" to the same bodies: what Node's HTTP handling
// allows on this machine.
//
// Rounds are interleaved (server, floor, records and links, ordered links; again), so each ratio is taken a
// few seconds apart on a shared machine: a figure is the median of ROUNDS rounds of RECORDS fresh
// records after a warm-up, a ratio the median of the rounds' ratios.
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
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
const ROUNDS = 5;
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

/**
 * The records of `bodies`, with fresh ids, as rows of COLUMNS, in batches as sent; and each
 * batch's patient links (token hash, record, organisation, time) as the server makes them.
 */
function recordRows(all, organisationId, recordedBy) {
	const flag = (b) => (b ? 1 : 0);
	return all.map((body) => {
		const receivedAt = new Date().toISOString();
		const rows = [];
		const links = [];
		const ordered = [];
		for (const { payload: p } of JSON.parse(body).changes) {
			const id = uuidv7();
			rows.push([
				id,
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
				receivedAt,
				recordedBy
			]);
			if (p.patientToken) {
				const hash = createHash('sha256').update(p.patientToken).digest('hex');
				links.push([hash, id, organisationId, receivedAt]);
				// The same link keyed in time order instead (the record's UUID v7, padded to the
				// hash's length): what the links would cost were the token not random.
				ordered.push([`${id}${hash}`.slice(0, hash.length), id, organisationId, receivedAt]);
			}
		}
		return { rows, links, ordered };
	});
}

const LINK_COLUMNS = ['token_hash', 'delivery_id', 'organisation_id', 'created_at'];

/**
 * Records/s of the rows inserted straight into the server's SQLite file, as the server opens
 * it (the server is idle meanwhile); with `withLinks` ('random' or 'ordered'), their patient
 * links too, keyed as the server keys them or in time order.
 */
function directSqlite(file, batches, withLinks) {
	const db = new Database(file);
	try {
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = FULL');
		db.pragma('foreign_keys = ON');
		db.pragma('busy_timeout = 5000');
		const insert = db.prepare(
			`insert into delivery_record (${COLUMNS}) values (${COLUMNS.map(() => '?')})`
		);
		const link = db.prepare(
			`insert into patient_link (${LINK_COLUMNS}) values (${LINK_COLUMNS.map(() => '?')})`
		);
		const insertBatch = db.transaction(({ rows, links, ordered }) => {
			for (const row of rows) insert.run(row);
			if (withLinks) for (const row of withLinks === 'ordered' ? ordered : links) link.run(row);
		});
		const start = performance.now();
		for (const batch of batches) insertBatch(batch);
		return (batches.length * BATCH) / ((performance.now() - start) / 1000);
	} finally {
		db.close();
	}
}

/** The same into PostgreSQL: one multi-row insert (unnest) a table, a transaction a batch. */
async function directPostgres(pool, batches, withLinks) {
	const records = unnestInsert('delivery_record', COLUMNS);
	const links = unnestInsert('patient_link', LINK_COLUMNS);
	const columnsOf = (rows, width) => Array.from({ length: width }, (_, c) => rows.map((r) => r[c]));
	let next = 0;
	async function worker() {
		const client = await pool.connect();
		try {
			while (next < batches.length) {
				const batch = batches[next++];
				await client.query('begin');
				await client.query(records, columnsOf(batch.rows, COLUMNS.length));
				if (withLinks)
					await client.query(
						links,
						columnsOf(withLinks === 'ordered' ? batch.ordered : batch.links, LINK_COLUMNS.length)
					);
				await client.query('commit');
			}
		} finally {
			client.release();
		}
	}
	const start = performance.now();
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	return (batches.length * BATCH) / ((performance.now() - start) / 1000);
}

/** Ingestion on one engine: through the server, the floor, and records with links, in turn. */
async function onEngine(port, engineEnv, open) {
	const dataDir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
	// Keep-alive past the straight-in rounds, which block this process: else the server closes
	// the idle connections meanwhile and the next round's first request meets a closed socket.
	const server = await startServer(port, {
		...engineEnv,
		DATA_DIR: dataDir,
		KEEP_ALIVE_TIMEOUT: '600'
	});
	const database = open(server);
	try {
		const cookie = await signInCookie(server.origin, 'ward7@demo.example', 'demo-ward-pass');
		const catalogue = await database.catalogue();
		const { organisationId, recordedBy } = await database.owner();
		const headers = { cookie, origin: server.origin, 'content-type': 'application/json' };
		const url = `${server.origin}/api/sync`;
		const straightIn = (withLinks) =>
			database.direct(
				recordRows(bodies(RECORDS, catalogue), organisationId, recordedBy),
				withLinks
			);
		// Warm up (connections, JIT, the statements' first run), then measure fresh records.
		await sendAll(url, bodies(2 * BATCH, catalogue), headers, allAccepted);
		let stored = 2 * BATCH;
		const rounds = [];
		let measured;
		for (let i = 0; i < ROUNDS; i++) {
			measured = bodies(RECORDS, catalogue);
			const before = await database.count();
			const throughServer = RECORDS / (await sendAll(url, measured, headers, allAccepted));
			const after = await database.count();
			if (after - before !== RECORDS)
				throw new Error(`the server stored ${after - before} of ${RECORDS} records`);
			stored += after - before;
			const floor = await straightIn(false);
			const withLinks = await straightIn('random');
			const withOrderedLinks = await straightIn('ordered');
			rounds.push({ throughServer, floor, withLinks, withOrderedLinks });
		}
		const middle = (f) => median(rounds.map(f));
		return {
			server: middle((r) => r.throughServer),
			direct: middle((r) => r.floor),
			withLinks: middle((r) => r.withLinks),
			withOrderedLinks: middle((r) => r.withOrderedLinks),
			ratio: middle((r) => r.throughServer / r.floor),
			ratioWithLinks: middle((r) => r.throughServer / r.withLinks),
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
		direct: async (batches, withLinks) => directSqlite(file, batches, withLinks),
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
		direct: (batches, withLinks) => directPostgres(pool, batches, withLinks),
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
	const ratio = (engine, key) => engine && engine[key].toFixed(2);
	printSideBySide(
		[
			[
				'through POST /api/sync to the built server',
				perSecond(sqlite.server),
				perSecond(postgres?.server)
			],
			[
				'floor: the same records straight into delivery_record',
				perSecond(sqlite.direct),
				perSecond(postgres?.direct)
			],
			['  ratio to the floor (goal ≥ 0.6)', ratio(sqlite, 'ratio'), ratio(postgres, 'ratio')],
			[
				'(not the floor) the records and their patient links straight in',
				perSecond(sqlite.withLinks),
				perSecond(postgres?.withLinks)
			],
			[
				'(not possible: the token is random) the same with links keyed in time order',
				perSecond(sqlite.withOrderedLinks),
				perSecond(postgres?.withOrderedLinks)
			],
			[
				'  ratio to records and links',
				ratio(sqlite, 'ratioWithLinks'),
				ratio(postgres, 'ratioWithLinks')
			],
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
			`(= ${number(bareRequests * BATCH)} records/s, the HTTP ceiling; median of ${BARE_ROUNDS} rounds). SQLite WAL at the end, server still open: ${sqlite.extra.toFixed(1)} MB (its high-water mark: the server's backstop checkpoint is at 40 MB, checkpointer.ts; it grew without end when a RETURNING statement was left unfinished).`
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
