// Delivery records into the server: a device catching up sends its outbox to POST /api/sync in
// batches of 500. Compared with a bare `node:http` server answering "ok" to the same bodies,
// which is the ceiling Node's HTTP handling sets on this machine.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { signInCookie, startServer } from './server.js';

const RECORDS = 20_000;
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

const port = Number(process.env.BENCH_PORT ?? 4391);
const server = await startServer(port);
let bare;
try {
	const cookie = await signInCookie(server.origin, 'ward7@demo.example', 'demo-ward-pass');
	const file = `${server.dataDir}/toolkit.sqlite`;
	const catalogue = readCatalogue(file);
	const headers = { cookie, origin: server.origin, 'content-type': 'application/json' };
	const url = `${server.origin}/api/sync`;

	// Warm up (connections, JIT, the statements' first run), then measure fresh records.
	await sendAll(url, bodies(2 * BATCH, catalogue), headers, allAccepted);
	const measured = bodies(RECORDS, catalogue);
	const kb = measured.reduce((sum, b) => sum + b.length, 0) / measured.length / 1024;
	const seconds = await sendAll(url, measured, headers, allAccepted);
	const serverRecords = RECORDS / seconds;

	const db = new Database(file, { readonly: true });
	const stored = db.prepare('select count(*) as n from delivery_record').get().n;
	db.close();
	const wal = existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size / 1024 / 1024 : 0;

	bare = await bareServer(port + 1);
	const bareUrl = `http://127.0.0.1:${port + 1}/`;
	const okText = async (response) => {
		if ((await response.text()) !== 'ok') throw new Error('bare server: unexpected answer');
	};
	await sendAll(bareUrl, measured.slice(0, 4), {}, okText);
	const rounds = [];
	for (let i = 0; i < BARE_ROUNDS; i++) rounds.push(await sendAll(bareUrl, measured, {}, okText));
	const bareSeconds = rounds.sort((a, b) => a - b)[Math.floor(BARE_ROUNDS / 2)];
	const bareRequests = measured.length / bareSeconds;

	console.log(
		`${number(RECORDS)} records in ${measured.length} requests of ${BATCH} ` +
			`(${kb.toFixed(0)} KB each, half with a patient token), ${CONCURRENCY} at a time over keep-alive`
	);
	console.log(
		`Server ingestion: ${number(serverRecords)} records/s (${(measured.length / seconds).toFixed(1)} requests of ${BATCH}/s); ` +
			`bare Node http "ok": ${number(bareRequests)} requests/s of the same bodies ` +
			`(= ${number(bareRequests * BATCH)} records/s ceiling; median of ${BARE_ROUNDS} rounds)`
	);
	console.log(
		`Ratio: the server ingests at ${((100 * serverRecords) / (bareRequests * BATCH)).toFixed(1)}% ` +
			`of the bare ceiling. Stored ${number(stored)} records; WAL ${wal.toFixed(1)} MB.`
	);
	const normal = commitsPerSecond('NORMAL');
	const full = commitsPerSecond('FULL');
	console.log(
		`One-row commits in WAL mode: ${number(full)}/s with synchronous = FULL (the server's), ` +
			`${number(normal)}/s with NORMAL: FULL adds ${(1000 / full - 1000 / normal).toFixed(2)} ms ` +
			`a commit, ${((1000 / full - 1000 / normal) / BATCH).toFixed(4)} ms a record in batches of ${BATCH}.`
	);
} finally {
	bare?.closeAllConnections();
	bare?.close();
	server.stop();
}
