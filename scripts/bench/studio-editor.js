// Content studio editor: saving a variant, uploading a 20 MB video, serving it in ranges, and
// rendering the editor page, against the built server and a real SQLite file.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { percentile, signInCookie, startServer } from './server.js';

const PORT = 4406;
const server = await startServer(PORT, {
	UPLOAD_MAX_BYTES: String(50 * 1024 * 1024),
	BODY_SIZE_LIMIT: '60M'
});
const { origin } = server;
const cookie = await signInCookie(origin, 'lead@demo.example', 'demo-lead-pass');
const headers = { origin, cookie, 'x-sveltekit-action': 'true' };

const db = new Database(join(server.dataDir, 'toolkit.sqlite'), { readonly: true });
const ownerId = db
	.prepare("select id from staff_account where email = 'lead@demo.example'")
	.get().id;
db.close();
let response = await fetch(`${origin}/studio/briefings?/create`, {
	method: 'POST',
	headers,
	body: new URLSearchParams({ topic: 'Bench', slug: `bench-${Date.now()}`, ownerId })
});
const versionPath = JSON.parse(await response.text()).location;
if (!versionPath) throw new Error('could not create a briefing');

const time = async (work) => {
	const start = performance.now();
	await work();
	return performance.now() - start;
};
const summary = (label, times) => {
	const sorted = [...times].sort((a, b) => a - b);
	console.log(
		`${label}: median ${percentile(sorted, 0.5).toFixed(1)} ms, p95 ${percentile(sorted, 0.95).toFixed(1)} ms (n=${sorted.length})`
	);
};

// A leaflet of 12 sections of 3 paragraphs each, saved 40 times (each save a new revision).
let revision = 1;
const leafletForm = () => {
	const form = new FormData();
	form.append('revision', String(revision));
	form.append('intent', 'save');
	form.append('title', 'Bench leaflet');
	form.append('contact', 'Ward 7');
	form.append('sections.count', '12');
	for (let s = 0; s < 12; s++) {
		form.append(`sections.${s}.heading`, `Section ${s + 1}`);
		form.append(`sections.${s}.blocks.count`, '3');
		for (let b = 0; b < 3; b++) {
			form.append(`sections.${s}.blocks.${b}.kind`, 'paragraph');
			form.append(
				`sections.${s}.blocks.${b}.text`,
				'Press the call bell if you feel unwell. '.repeat(8)
			);
		}
	}
	return form;
};
const saves = [];
for (let i = 0; i < 40; i++) {
	saves.push(
		await time(async () => {
			const r = await fetch(`${origin}${versionPath}/leaflet/en?/save`, {
				method: 'POST',
				headers,
				body: leafletForm()
			});
			const body = await r.text();
			if (!body.includes('"redirect"')) throw new Error(`save refused: ${body.slice(0, 200)}`);
		})
	);
	revision++;
}
summary('save a 12-section leaflet', saves);

const pages = [];
for (let i = 0; i < 40; i++)
	pages.push(
		await time(async () => {
			const r = await fetch(`${origin}${versionPath}/leaflet/en`, { headers: { cookie } });
			await r.text();
		})
	);
summary('render the leaflet editor page', pages);

// A 20 MB "video" (an MP4 header then random bytes), uploaded through the editor's form.
const head = readFileSync('static/media/demo/your-safety-on-our-ward.mp4').subarray(0, 32);
const uploads = [];
for (let i = 0; i < 5; i++) {
	const form = new FormData();
	for (const [k, v] of Object.entries({
		revision: String(revision),
		intent: 'save',
		title: 'Bench video',
		sourceKind: 'upload',
		uploadPath: '',
		uploadMime: '',
		posterPath: '',
		'captions.count': '0',
		transcript: 'Words.',
		durationSeconds: '60',
		externalUrl: '',
		captionsLanguage: 'en'
	}))
		form.append(k, v);
	form.append('videoFile', new File([head, randomBytes(20 * 1024 * 1024 - head.length)], 'v.mp4'));
	uploads.push(
		await time(async () => {
			const r = await fetch(`${origin}${versionPath}/video/en?/save`, {
				method: 'POST',
				headers,
				body: form
			});
			await r.text();
		})
	);
	revision++;
}
summary('upload a 20 MB video (checked, hashed, stored)', uploads);

const db2 = new Database(join(server.dataDir, 'toolkit.sqlite'), { readonly: true });
const content = JSON.parse(
	db2
		.prepare("select content from briefing_variant where format = 'video' order by rowid desc")
		.get().content
);
db2.close();
const videoPath = content.sources.find((s) => s.kind === 'upload')?.path;
const ranges = [];
for (let i = 0; i < 100; i++) {
	const start = (i * 193_457) % (19 * 1024 * 1024);
	ranges.push(
		await time(async () => {
			const r = await fetch(`${origin}${videoPath}`, {
				headers: { range: `bytes=${start}-${start + 1024 * 1024 - 1}` }
			});
			if (r.status !== 206) throw new Error(`range answered ${r.status}`);
			await r.arrayBuffer();
		})
	);
}
summary('serve a 1 MB range of the uploaded video', ranges);

server.stop();
