// The server's memory while a lead uploads a 200 MB video (issue 11): the form is read as a
// stream and the file goes straight to disk, so the server's peak resident memory (VmHWM, from
// /proc) should stay under 150 MB. Prints the figure, the server's resident memory at rest
// before the upload, and whether the upload was stored.
import Database from 'better-sqlite3';
import { openAsBlob } from 'node:fs';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInCookie, startServer } from './server.js';

const MB = 1024 * 1024;
const UPLOAD = 200 * MB;
const GOAL_MB = 150;

/** Resident memory now and at its peak, in MB, from the kernel's account of the process. */
async function memoryOf(pid) {
	const status = await readFile(`/proc/${pid}/status`, 'utf8');
	const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
	return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** A 200 MB file whose first bytes say MP4, made on disk (the bench holds none of it in memory). */
function makeVideo() {
	const dir = mkdtempSync(join(tmpdir(), 'bench-video-'));
	const file = join(dir, 'video.mp4');
	const head = Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);
	writeFileSync(file, head);
	const chunk = Buffer.alloc(4 * MB, 1);
	for (let written = head.length; written < UPLOAD; written += chunk.length)
		writeFileSync(file, chunk.subarray(0, Math.min(chunk.length, UPLOAD - written)), { flag: 'a' });
	return { dir, file };
}

const server = await startServer(4390, {
	SEED_DEMO_HISTORY: 'false',
	UPLOAD_MAX_BYTES: String(UPLOAD + MB),
	BODY_SIZE_LIMIT: String(UPLOAD + 2 * MB)
});
const video = makeVideo();
try {
	const cookie = await signInCookie(server.origin, 'lead@demo.example', 'demo-lead-pass');
	const headers = { origin: server.origin, cookie, accept: 'text/html' };
	const db = new Database(join(server.dataDir, 'toolkit.sqlite'), { readonly: true });
	const owner = db.prepare("select id from staff_account where email = 'lead@demo.example'").get();
	const created = await fetch(`${server.origin}/studio/briefings?/create`, {
		method: 'POST',
		headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ topic: 'Bench upload', slug: 'bench-upload', ownerId: owner.id }),
		redirect: 'manual'
	});
	const versionUrl = created.headers.get('location');
	const versionId = db
		.prepare(
			`select v.id, v.revision from briefing_version v join briefing b on b.id = v.briefing_id
			 where b.slug = 'bench-upload'`
		)
		.get();
	db.close();

	const atRest = await memoryOf(server.pid);
	const form = new FormData();
	form.set('revision', String(versionId.revision));
	form.set('title', 'A bench video');
	form.set('sourceKind', 'upload');
	form.set('transcript', 'A bench video.');
	form.set('durationSeconds', '60');
	form.set('videoFile', await openAsBlob(video.file), 'video.mp4');
	const started = performance.now();
	const saved = await fetch(`${server.origin}${versionUrl}/video/en?/save`, {
		method: 'POST',
		headers: { ...headers, accept: 'application/json' },
		body: form,
		redirect: 'manual'
	});
	const seconds = (performance.now() - started) / 1000;
	const after = await memoryOf(server.pid);
	const stored = readdirSync(join(server.dataDir, 'uploads')).filter((f) => f.endsWith('.mp4'));
	console.log(
		`resident memory before the upload: ${atRest.rss.toFixed(0)} MB (peak so far ${atRest.peak.toFixed(0)} MB)`
	);
	const answer = await saved.json();
	if (answer.type !== 'redirect') console.log(`the form was refused: ${JSON.stringify(answer)}`);
	console.log(
		`200 MB upload: peak resident memory ${after.peak.toFixed(0)} MB (goal < ${GOAL_MB} MB) ` +
			`${after.peak < GOAL_MB ? 'OK' : 'OVER'}; ${seconds.toFixed(1)} s; ` +
			`stored: ${stored.length === 1 ? 'yes' : 'no'}; draft saved: ${answer.type === 'redirect' ? 'yes' : 'no'}`
	);
} finally {
	server.stop();
	rmSync(video.dir, { recursive: true, force: true });
}
