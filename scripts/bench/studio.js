// The content studio at size: 200 briefings × 4 formats × 12 languages seeded into the server's
// own SQLite file, then the studio home and the groups × formats × languages matrix rendered
// over HTTP with a lead's cookie; and a content pack holding a 20 MB video exported and imported.
import Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { percentile, signInCookie, startServer } from './server.js';

const BRIEFINGS = 200;
const LANGUAGES = ['en', 'cy', 'pl', 'ro', 'pa', 'ur', 'pt', 'es', 'ar', 'bn', 'gu', 'zh-Hans'];
const PER_GROUP = 20;
const RENDERS = 50;
const PACK_ROUNDS = 3;
const VIDEO_BYTES = 20 * 1024 * 1024;

const ms = (n) => `${n.toFixed(1)} ms`;
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function variant(format, language, n) {
	const base = { language, translationChecked: language !== 'en', format, title: `Briefing ${n}` };
	switch (format) {
		case 'video':
			return {
				...base,
				sources: [{ kind: 'external', url: `https://video.example/briefing-${n}.mp4` }],
				captions: [{ language, path: `/media/demo/your-safety-on-our-ward.en.vtt` }],
				transcript: 'What the video says, in a few sentences.',
				poster: null,
				durationSeconds: 120
			};
		case 'leaflet':
			return {
				...base,
				sections: [
					{
						heading: 'Staying safe',
						blocks: [
							{ kind: 'paragraph', text: 'Ask us if you are not sure about anything.' },
							{ kind: 'list', items: ['Call, don’t fall', 'Clean hands', 'Speak up'] }
						]
					}
				],
				contact: 'PALS: 0300 000 0000'
			};
		case 'easyRead':
			return {
				...base,
				rows: [
					{ picture: { kind: 'symbol', id: 'bed' }, alt: 'A bed', sentence: 'Stay safe in bed.' }
				]
			};
		default:
			return {
				...base,
				talkingPoints: ['Falls', 'Hand hygiene', 'Speaking up'],
				thingsToShow: ['Call bell'],
				teachBackQuestions: ['What will you do if you need to get up?'],
				minutes: 5,
				leaveBehind: ['leaflet']
			};
	}
}

/** A 20 MB "video": random bytes behind a real MP4 `ftyp` box, so it sniffs as MP4. */
function fakeMp4() {
	const bytes = randomBytes(VIDEO_BYTES);
	Buffer.from('000000206674797069736f6d0000020069736f6d69736f32617663316d703431', 'hex').copy(
		bytes
	);
	return bytes;
}

/** Seeds straight into the server's SQLite file (WAL: the idle server reads it as it changes). */
function seed(dataDir) {
	const db = new Database(join(dataDir, 'toolkit.sqlite'), { fileMustExist: true });
	db.pragma('busy_timeout = 5000');
	const lead = db
		.prepare("select id, organisation_id from staff_account where email = 'lead@demo.example'")
		.get();
	const groups = db
		.prepare('select id from patient_group where organisation_id = ? order by position')
		.all(lead.organisation_id);
	const now = new Date().toISOString();
	const reviewBy = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
	const insertBriefing = db.prepare(
		'insert into briefing (id, organisation_id, slug, topic, owner_id, created_at) values (?, ?, ?, ?, ?, ?)'
	);
	const insertVersion = db.prepare(
		`insert into briefing_version (id, organisation_id, briefing_id, number, status, review_by,
		 evidence_links, user_testing_note, approved_by_name, approved_at, published_at, is_example,
		 created_at, revision)
		 values (?, ?, ?, 1, 'published', ?, '["https://www.england.nhs.uk/patient-safety/"]',
		 'Tested with patients.', 'Dr Rhys Reviewer', ?, ?, 1, ?, 1)`
	);
	const insertVariant = db.prepare(
		'insert into briefing_variant (version_id, organisation_id, format, language, content) values (?, ?, ?, ?, ?)'
	);
	const assign = db.prepare(
		'insert into patient_group_briefing (patient_group_id, briefing_id, organisation_id, position) values (?, ?, ?, ?)'
	);
	const publish = (slug, topic, variants) => {
		const id = randomUUID();
		const versionId = randomUUID();
		insertBriefing.run(id, lead.organisation_id, slug, topic, lead.id, now);
		insertVersion.run(versionId, lead.organisation_id, id, reviewBy, now, now, now);
		for (const v of variants)
			insertVariant.run(versionId, lead.organisation_id, v.format, v.language, JSON.stringify(v));
		return id;
	};

	// The pack's briefing: a 20 MB uploaded video with captions, and a leaflet.
	const uploads = join(dataDir, 'uploads');
	mkdirSync(uploads, { recursive: true });
	const video = fakeMp4();
	const videoPath = `/uploads/${sha256(video)}.mp4`;
	writeFileSync(join(dataDir, videoPath), video);
	const vtt = Buffer.from('WEBVTT\n\n00:00.000 --> 00:05.000\nStay safe on the ward.\n');
	const vttPath = `/uploads/${sha256(vtt)}.vtt`;
	writeFileSync(join(dataDir, vttPath), vtt);

	let packBriefingId;
	db.transaction(() => {
		const ids = [];
		// Every format in every language; the demo groups' other usual languages (Somali, BSL)
		// still leave the matrix real gaps to list.
		for (let n = 1; n <= BRIEFINGS; n++) {
			const variants = [];
			for (const format of ['video', 'leaflet', 'easyRead', 'faceToFace'])
				for (const language of LANGUAGES) variants.push(variant(format, language, n));
			ids.push(
				publish(`bench-briefing-${n}`, `Bench briefing ${String(n).padStart(3, '0')}`, variants)
			);
		}
		groups.forEach((group, g) => {
			for (let i = 0; i < PER_GROUP; i++)
				assign.run(group.id, ids[(g * PER_GROUP + i) % ids.length], lead.organisation_id, 100 + i);
		});
		const videoVariant = {
			...variant('video', 'en', 0),
			sources: [{ kind: 'upload', path: videoPath, mimeType: 'video/mp4' }],
			captions: [{ language: 'en', path: vttPath }]
		};
		packBriefingId = publish('bench-video-pack', 'Bench video pack', [
			videoVariant,
			variant('leaflet', 'en', 0)
		]);
	})();
	const variantCount = db.prepare('select count(*) as n from briefing_variant').get().n;
	db.close();
	return { packBriefingId, variantCount, videoFile: join(dataDir, videoPath) };
}

async function timed(count, run) {
	const times = [];
	for (let i = 0; i < count; i++) {
		const start = performance.now();
		await run(i);
		times.push(performance.now() - start);
	}
	return times.sort((a, b) => a - b);
}

const summary = (times) =>
	`median ${ms(percentile(times, 0.5))}, p95 ${ms(percentile(times, 0.95))}`;

const server = await startServer(4502, { BODY_SIZE_LIMIT: '64M' });
const { origin, dataDir } = server;
try {
	const seeded = seed(dataDir);
	console.log(
		`Seeded ${BRIEFINGS} published briefings × 4 formats × ${LANGUAGES.length} languages (${seeded.variantCount.toLocaleString('en-GB')} variants in all), ${PER_GROUP} briefings per group`
	);
	const cookie = await signInCookie(origin, 'lead@demo.example', 'demo-lead-pass');
	const get = async (path) => {
		const response = await fetch(`${origin}${path}`, { headers: { cookie } });
		if (!response.ok) throw new Error(`${path}: ${response.status}`);
		return response.text();
	};

	for (const path of ['/studio', '/studio/matrix']) {
		const html = await get(path); // warm up, and check it renders
		for (let i = 0; i < 4; i++) await get(path);
		const times = await timed(RENDERS, () => get(path));
		console.log(
			`${path} server render (${RENDERS} sequential requests, ${(html.length / 1024).toFixed(0)} KB of HTML): ${summary(times)}`
		);
	}

	// Export: a GET that answers the zip.
	const exportUrl = `${origin}/studio/packs/export?briefingId=${seeded.packBriefingId}&licence=OGL-UK-3.0&attribution=${encodeURIComponent('© Bench')}`;
	let pack;
	const exportTimes = await timed(PACK_ROUNDS, async () => {
		const response = await fetch(exportUrl, { headers: { cookie } });
		if (!response.ok) throw new Error(`export: ${response.status}`);
		pack = new Uint8Array(await response.arrayBuffer());
	});
	console.log(
		`Content pack export with a 20 MB video (${(pack.length / 1024 / 1024).toFixed(1)} MB zip, ${PACK_ROUNDS} rounds): ${summary(exportTimes)}`
	);

	// Import: check (validate all, stage) then confirm (validate again, write media, one
	// transaction). The video is removed first each round, so every import really writes it.
	const waiting = join(dataDir, 'pack-imports');
	const checkTimes = [];
	const confirmTimes = [];
	for (let round = 0; round < PACK_ROUNDS; round++) {
		rmSync(seeded.videoFile, { force: true });
		const body = new FormData();
		body.append('pack', new Blob([pack], { type: 'application/zip' }), 'bench.zip');
		let start = performance.now();
		const check = await fetch(`${origin}/studio/packs?/check`, {
			method: 'POST',
			headers: { cookie, origin },
			body
		});
		const answer = await check.json();
		checkTimes.push(performance.now() - start);
		if (answer.type !== 'success') throw new Error(`check: ${JSON.stringify(answer)}`);
		const token = readdirSync(waiting)[0].split('.')[1];
		start = performance.now();
		const confirm = await fetch(`${origin}/studio/packs?/confirm`, {
			method: 'POST',
			headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ token })
		});
		const confirmed = await confirm.json();
		confirmTimes.push(performance.now() - start);
		if (confirmed.type !== 'redirect') throw new Error(`confirm: ${JSON.stringify(confirmed)}`);
		if (statSync(seeded.videoFile).size !== VIDEO_BYTES) throw new Error('video not written');
	}
	checkTimes.sort((a, b) => a - b);
	confirmTimes.sort((a, b) => a - b);
	console.log(
		`Content pack import with a 20 MB video (${PACK_ROUNDS} rounds): check and upload ${summary(checkTimes)}; confirm (check again, write media, store the draft) ${summary(confirmTimes)}`
	);
} finally {
	server.stop();
}
