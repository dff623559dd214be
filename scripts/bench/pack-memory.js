// The server's memory while a lead checks and imports a 500 MB content pack (issue 11): the
// upload goes to disk as it arrives, the zip is read from there entry by entry and each file
// is inflated, hashed and counted into its own file, so the server's peak resident memory
// (VmHWM, from /proc) should stay well under 200 MB. The pack is the demo briefing's own
// export with its video swapped for 500 MB of random bytes, made on disk (the bench holds none
// of it in memory either): once stored, as an export stores video, and once deflated, as a
// zip tool re-zipping a pack would, so the server inflates it too. Each on a fresh server.
import Database from 'better-sqlite3';
import { unzipSync, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { createHash, randomBytes } from 'node:crypto';
import {
	closeSync,
	mkdtempSync,
	openAsBlob,
	openSync,
	readdirSync,
	rmSync,
	statSync
} from 'node:fs';
import { writeSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInCookie, startServer } from './server.js';

const MB = 1024 * 1024;
const VIDEO = 500 * MB;
const GOAL_MB = 200;

async function memoryOf(pid) {
	const status = await readFile(`/proc/${pid}/status`, 'utf8');
	const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
	return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** 500 MB whose first bytes say MP4 and the rest random (incompressible), with its SHA-256. */
function makeVideo(dir) {
	const file = join(dir, 'video.mp4');
	const fd = openSync(file, 'w');
	const hash = createHash('sha256');
	const head = Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);
	writeSync(fd, head);
	hash.update(head);
	for (let written = head.length; written < VIDEO;) {
		const chunk = randomBytes(Math.min(4 * MB, VIDEO - written));
		writeSync(fd, chunk);
		hash.update(chunk);
		written += chunk.length;
	}
	closeSync(fd);
	return { file, sha256: hash.digest('hex') };
}

/** The exported pack with its video replaced, written to disk as a stream. */
async function makePack(dir, exported, deflate) {
	const entries = unzipSync(exported);
	const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json']));
	const listed = manifest.files.find((f) => f.type === 'video/mp4');
	const video = makeVideo(dir);
	delete entries[listed.name];
	listed.name = `files/${video.sha256}.mp4`;
	listed.sha256 = video.sha256;
	listed.size = VIDEO;
	// The manifest is edited, so it can no longer carry the exporter's fingerprint of its words:
	// sent as a format 1 pack (read the same way, previewed with a warning).
	delete manifest.fingerprint;
	manifest.formatVersion = 1;
	entries['manifest.json'] = new TextEncoder().encode(JSON.stringify(manifest));

	const file = join(dir, 'bench.briefing-pack.zip');
	const fd = openSync(file, 'w');
	const zip = new Zip((error, chunk) => {
		if (error) throw error;
		writeSync(fd, chunk);
	});
	for (const [name, bytes] of Object.entries(entries)) {
		const entry = new ZipDeflate(name, { level: 6 });
		zip.add(entry);
		entry.push(bytes, true);
	}
	const entry = deflate
		? new ZipDeflate(listed.name, { level: 1 })
		: new ZipPassThrough(listed.name);
	zip.add(entry);
	for await (const chunk of createReadStream(video.file, { highWaterMark: 4 * MB }))
		entry.push(chunk);
	entry.push(new Uint8Array(), true);
	zip.end();
	closeSync(fd);
	rmSync(video.file);
	return file;
}

async function measure(deflate) {
	const server = await startServer(Number(process.env.BENCH_PORT ?? 4391), {
		SEED_DEMO_HISTORY: 'false',
		UPLOAD_MAX_BYTES: String(VIDEO + MB),
		BODY_SIZE_LIMIT: String(VIDEO + 16 * MB)
	});
	const dir = mkdtempSync(join(tmpdir(), 'bench-pack-'));
	try {
		const cookie = await signInCookie(server.origin, 'lead@demo.example', 'demo-lead-pass');
		const headers = { origin: server.origin, cookie };
		const db = new Database(join(server.dataDir, 'toolkit.sqlite'), { readonly: true });
		const briefing = db
			.prepare("select id from briefing where slug = 'your-safety-on-our-ward'")
			.get();
		db.close();
		const query = new URLSearchParams({
			briefingId: briefing.id,
			licence: 'CC-BY-4.0',
			attribution: '© Bench'
		});
		const exported = await fetch(`${server.origin}/studio/packs/export?${query}`, { headers });
		if (!exported.ok) throw new Error(`export failed: ${exported.status}`);
		const pack = await makePack(dir, new Uint8Array(await exported.arrayBuffer()), deflate);
		const packMB = statSync(pack).size / MB;

		const atRest = await memoryOf(server.pid);
		const form = new FormData();
		form.set('pack', await openAsBlob(pack), 'bench.briefing-pack.zip');
		let started = performance.now();
		const checked = await fetch(`${server.origin}/studio/packs?/check`, {
			method: 'POST',
			headers: { ...headers, accept: 'application/json' },
			body: form
		});
		const checkSeconds = (performance.now() - started) / 1000;
		const answer = await checked.json();
		const token = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(
			answer.data ?? ''
		)?.[0];
		if (answer.type !== 'success' || !token)
			throw new Error(`the pack was refused: ${JSON.stringify(answer)}`);
		const afterCheck = await memoryOf(server.pid);

		started = performance.now();
		const confirmed = await fetch(`${server.origin}/studio/packs?/confirm`, {
			method: 'POST',
			headers: {
				...headers,
				accept: 'application/json',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ token })
		});
		const confirmSeconds = (performance.now() - started) / 1000;
		const imported = await confirmed.json();
		const after = await memoryOf(server.pid);
		const stored = readdirSync(join(server.dataDir, 'uploads')).filter(
			(f) => f.endsWith('.mp4') && statSync(join(server.dataDir, 'uploads', f)).size === VIDEO
		);
		console.log(
			`resident memory before the pack: ${atRest.rss.toFixed(0)} MB (peak so far ${atRest.peak.toFixed(0)} MB)`
		);
		console.log(
			`${packMB.toFixed(0)} MB pack: check (upload, unzip, hash) peak ${afterCheck.peak.toFixed(0)} MB ` +
				`in ${checkSeconds.toFixed(1)} s; confirm (check again, import) in ${confirmSeconds.toFixed(1)} s`
		);
		console.log(
			`500 MB content pack, video ${deflate ? 'deflated' : 'stored'}: peak resident memory ${after.peak.toFixed(0)} MB (goal < ${GOAL_MB} MB) ` +
				`${after.peak < GOAL_MB ? 'OK' : 'OVER'}; imported: ${imported.type === 'redirect' ? 'yes' : 'no'}; ` +
				`video stored: ${stored.length === 1 ? 'yes' : 'no'}`
		);
	} finally {
		server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

await measure(false);
await measure(true);
