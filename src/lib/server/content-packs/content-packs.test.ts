import { strToU8, unzipSync, Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate';
import { randomUUID } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	utimesSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { createOrganisation } from '../repositories/organisations';
import { createStaffAccount } from '../repositories/staff-accounts';
import { openDemoDatabase } from '../test-support/demo-database';
import { checkPack, discardPack, type PackLimits } from './check-pack';
import { exportPack } from './export-pack';
import { packFingerprint } from './fingerprint';
import { claimStaged, importPack, previewPack, stagePack } from './import-pack';
import { hasBundledSymbol } from './media-files';
import { fileMediaStorage, type MediaStorage } from '../media/storage';

let db: Db;
let dataDir: string;
let media: MediaStorage;
let lead: StaffAccount;
let otherLead: StaffAccount;
let yourSafety: string;

beforeEach(async () => {
	const demo = await openDemoDatabase(new Date('2026-11-26T09:00:00Z'));
	db = demo.db;
	dataDir = mkdtempSync(join(tmpdir(), 'packs-'));
	media = fileMediaStorage(join(dataDir, 'uploads'));
	lead = await demo.account('lead@demo.example');
	const other = await createOrganisation(db, { name: 'Southfield Hospitals' });
	otherLead = await createStaffAccount(db, {
		organisationId: other.id,
		email: 'lead@south.example',
		displayName: 'Sam South',
		role: 'engagementLead',
		password: 'a long enough password'
	});
	yourSafety = (
		await db
			.selectFrom('briefing')
			.select('id')
			.where('slug', '=', 'your-safety-on-our-ward')
			.executeTakeFirstOrThrow()
	).id;
});
afterEach(async () => {
	await db.destroy();
	rmSync(dataDir, { recursive: true, force: true });
});

async function exported(): Promise<Uint8Array> {
	const result = await exportPack(db, media, lead.organisationId, yourSafety, {
		id: 'CC-BY-4.0',
		attribution: '© Northfield'
	});
	if (!result.ok) throw new Error(result.reason);
	return result.bytes;
}

const rezip = (entries: Record<string, Uint8Array>) => zipSync(entries);
/** Media stored (the storage's own folders, for waiting packs and part-written files, aside). */
const uploads = () =>
	existsSync(join(dataDir, 'uploads'))
		? readdirSync(join(dataDir, 'uploads')).filter((f) => !f.startsWith('.'))
		: [];
/** What a check left unpacked (nothing, once refused or discarded). */
const unpacked = () =>
	existsSync(join(dataDir, 'incoming')) ? readdirSync(join(dataDir, 'incoming')) : [];

/** The zip with one entry's size, as its central directory gives it, changed to a lie. */
function claimedSize(zip: Uint8Array, name: string, size: number): Uint8Array {
	const bytes = new Uint8Array(zip);
	const view = new DataView(bytes.buffer);
	for (let p = 0; p + 46 < bytes.length; p++) {
		if (view.getUint32(p, true) !== 0x02014b50) continue;
		const nameLength = view.getUint16(p + 28, true);
		if (new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)) === name) {
			view.setUint32(p + 24, size, true);
			return bytes;
		}
	}
	throw new Error(`no entry ${name}`);
}

/** Checks a pack as the server does: from a file on disk, unpacking beside the uploads. */
function check(bytes: Uint8Array, limits?: Partial<PackLimits>) {
	mkdirSync(join(dataDir, 'sent'), { recursive: true });
	const file = join(dataDir, 'sent', `${randomUUID()}.zip`);
	writeFileSync(file, bytes);
	return checkPack(file, hasBundledSymbol, { workDir: join(dataDir, 'incoming'), limits });
}

describe('content packs', () => {
	it('round-trip into another organisation as a draft, media under their SHA-256', async () => {
		const checked = await check(await exported());
		if (!checked.ok) throw new Error(checked.problem.reason);
		expect(checked.pack.manifest.licence).toEqual({ id: 'CC-BY-4.0', attribution: '© Northfield' });
		expect(checked.pack.manifest.thirdParty.map((p) => p.licence)).toEqual(['CC BY-SA 4.0']);

		const result = await importPack(db, media, otherLead, checked.pack);
		await discardPack(checked.pack);
		expect(unpacked()).toEqual([]);
		// Slugs are unique within an organisation (016): the other one keeps the slug as it was.
		expect(result.slug).toBe('your-safety-on-our-ward');
		const version = await db
			.selectFrom('briefing_version')
			.innerJoin('briefing', 'briefing.id', 'briefing_version.briefing_id')
			.select(['status', 'briefing.organisation_id', 'owner_id'])
			.where('briefing_version.id', '=', result.versionId)
			.executeTakeFirstOrThrow();
		expect(version).toEqual({
			status: 'draft',
			organisation_id: otherLead.organisationId,
			owner_id: otherLead.id
		});
		const video = await db
			.selectFrom('briefing_variant')
			.select('content')
			.where('version_id', '=', result.versionId)
			.where('format', '=', 'video')
			.where('language', '=', 'en')
			.executeTakeFirstOrThrow();
		const paths = JSON.stringify(JSON.parse(video.content));
		expect(paths).toMatch(/"\/uploads\/[0-9a-f]{64}\.mp4"/);
		expect(paths).not.toContain('/media/');
		expect(uploads().filter((f) => f.endsWith('.mp4'))).toHaveLength(1);
		expect(uploads().some((f) => f.endsWith('.svg'))).toBe(false);
	});

	it('refuses a pack with one byte changed, naming the file, and writes nothing', async () => {
		const entries = unzipSync(await exported());
		const video = Object.keys(entries).find((n) => n.endsWith('.mp4')) as string;
		const changed = entries[video] as Uint8Array;
		changed[1000] = (changed[1000] as number) ^ 0xff;
		const result = await check(rezip(entries));
		expect(result).toEqual({ ok: false, problem: { reason: 'hashMismatch', detail: video } });
		expect(uploads()).toEqual([]);
		expect(unpacked()).toEqual([]);
	});

	it('refuses what is not a pack, with the reason', async () => {
		const reason = async (bytes: Uint8Array) => {
			const result = await check(bytes);
			return result.ok ? 'ok' : result.problem.reason;
		};
		expect(await reason(strToU8('just some text'))).toBe('notZip');
		expect(await reason(rezip({ 'notes.txt': strToU8('hello') }))).toBe('notPack');
		expect(await reason(rezip({ 'manifest.json': strToU8('{"format":"something-else"}') }))).toBe(
			'notPack'
		);
		expect(
			await reason(
				rezip({
					'manifest.json': strToU8('{"format":"nhs-safety-briefing-pack","formatVersion":3}')
				})
			)
		).toBe('unsupportedVersion');
	});

	it('refuses an extra file, a missing file, a wrong type and an edited manifest', async () => {
		const entries = unzipSync(await exported());
		const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json']));
		const reason = async (changed: Record<string, Uint8Array>) => {
			const result = await check(rezip(changed));
			return result.ok ? 'ok' : result.problem.reason;
		};
		expect(await reason({ ...entries, 'files/extra.js': strToU8('alert(1)') })).toBe(
			'unexpectedFile'
		);
		const video = Object.keys(entries).find((n) => n.endsWith('.mp4')) as string;
		const withoutVideo = { ...entries };
		delete withoutVideo[video];
		expect(await reason(withoutVideo)).toBe('missingFile');
		const withPatient = { ...manifest, patientName: 'Jane Doe' };
		expect(
			await reason({ ...entries, 'manifest.json': strToU8(JSON.stringify(withPatient)) })
		).toBe('manifestInvalid');
		// A WebM declared as MP4 (its bytes say otherwise) is refused.
		const webm = manifest.files.find((f: { type: string }) => f.type === 'video/webm') as {
			type: string;
			name: string;
		};
		webm.type = 'video/mp4';
		webm.name = webm.name.replace('.webm', '.mp4');
		// Whoever renamed it recomputed the fingerprint too: the bytes still give it away.
		manifest.fingerprint = packFingerprint(manifest);
		const renamed: Record<string, Uint8Array> = {
			...entries,
			[webm.name]: entries[webm.name.replace('.mp4', '.webm')] as Uint8Array
		};
		delete renamed[webm.name.replace('.mp4', '.webm')];
		expect(await reason({ ...renamed, 'manifest.json': strToU8(JSON.stringify(manifest)) })).toBe(
			'typeMismatch'
		);
		expect(unpacked()).toEqual([]);
	});

	it('removes the media it wrote when the database refuses the import', async () => {
		const checked = await check(await exported());
		if (!checked.ok) throw new Error(checked.problem.reason);
		const ghost = {
			id: '00000000-0000-4000-8000-000000000000',
			organisationId: otherLead.organisationId
		};
		await expect(importPack(db, media, ghost, checked.pack)).rejects.toThrow();
		await discardPack(checked.pack);
		expect(uploads()).toEqual([]);
		expect(unpacked()).toEqual([]);
		// Nothing reached the importing organisation (the demo's own briefings are Northfield's
		// and Southmoor's).
		const count = await db
			.selectFrom('briefing')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('organisation_id', '=', otherLead.organisationId)
			.executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(0);
	});

	it('refuses a pack that inflates past the cap, naming the file, and writes nothing', async () => {
		const entries = unzipSync(await exported());
		const video = Object.keys(entries).find((n) => n.endsWith('.mp4')) as string;
		// 8 MB of zeros packs into a few KB: a small zip bomb.
		entries[video] = new Uint8Array(8 * 1024 * 1024);
		const bomb = rezip(entries);
		expect(bomb.length).toBeLessThan(1024 * 1024);
		const refusal = { ok: false, problem: { reason: 'tooLarge', detail: video } };
		expect(await check(bomb, { entryBytes: 1024 * 1024 })).toEqual(refusal);
		expect(await check(bomb, { totalBytes: 2 * 1024 * 1024 })).toEqual(refusal);
		// The zip lies about the size: the bytes are counted as they inflate, and stopped.
		expect(await check(claimedSize(bomb, video, 1000), { entryBytes: 1024 * 1024 })).toEqual(
			refusal
		);
		expect(await check(claimedSize(bomb, video, 1000), { totalBytes: 2 * 1024 * 1024 })).toEqual(
			refusal
		);
		expect(uploads()).toEqual([]);
		expect(unpacked()).toEqual([]);
		// A folder left by a check the server never finished is removed after an hour.
		mkdirSync(join(dataDir, 'incoming', 'pack-left'), { recursive: true });
		mkdirSync(join(dataDir, 'incoming', 'pack-recent'));
		const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
		utimesSync(join(dataDir, 'incoming', 'pack-left'), twoHoursAgo, twoHoursAgo);
		// Within the caps, the same bytes are read whole (and refused only for not being the video).
		expect(await check(bomb)).toEqual({
			ok: false,
			problem: { reason: 'sizeMismatch', detail: video }
		});
		expect(unpacked()).toEqual(['pack-recent']);
	});

	it('refuses a manifest past its own cap and a cut-short zip', async () => {
		const good = await exported();
		expect(await check(good, { manifestBytes: 100 })).toEqual({
			ok: false,
			problem: { reason: 'tooLarge', detail: 'manifest.json' }
		});
		const reason = async (bytes: Uint8Array) => {
			const result = await check(bytes);
			return result.ok ? 'ok' : result.problem.reason;
		};
		expect(await reason(good.subarray(0, good.length - 100))).toBe('notZip');
		expect(await reason(good.subarray(0, Math.floor(good.length / 2)))).toBe('notZip');
		expect(unpacked()).toEqual([]);
	});

	it('refuses a pack whose words were changed after the export, as it does a changed file', async () => {
		const entries = unzipSync(await exported());
		const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json']));
		const leaflet = manifest.version.variants.find(
			(v: { format: string }) => v.format === 'leaflet'
		);
		leaflet.sections[0].blocks[0] = { kind: 'paragraph', text: 'Take double your dose.' };
		const result = await check(
			rezip({ ...entries, 'manifest.json': strToU8(JSON.stringify(manifest, null, 2)) })
		);
		expect(result).toEqual({ ok: false, problem: { reason: 'textChanged', detail: undefined } });
		// Re-saved with other spacing and key order, and nothing else changed: still the same words.
		const unchanged = JSON.parse(new TextDecoder().decode(entries['manifest.json']));
		const reordered = Object.fromEntries(Object.entries(unchanged).reverse());
		const again = await check(
			rezip({ ...entries, 'manifest.json': strToU8(JSON.stringify(reordered)) })
		);
		expect(again.ok).toBe(true);
		if (again.ok) await discardPack(again.pack);
		expect(unpacked()).toEqual([]);
	});

	it('reads a format 1 pack (made before fingerprints), flagged for every word to be checked', async () => {
		const entries = unzipSync(await exported());
		const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json']));
		delete manifest.fingerprint;
		manifest.formatVersion = 1;
		const checked = await check(
			rezip({ ...entries, 'manifest.json': strToU8(JSON.stringify(manifest)) })
		);
		if (!checked.ok) throw new Error(checked.problem.reason);
		expect((await previewPack(db, otherLead.organisationId, checked.pack)).fingerprint).toBeNull();
		await discardPack(checked.pack);
		// A format 2 pack without its fingerprint is not one.
		manifest.formatVersion = 2;
		const unsigned = await check(
			rezip({ ...entries, 'manifest.json': strToU8(JSON.stringify(manifest)) })
		);
		expect(unsigned).toEqual({
			ok: false,
			problem: { reason: 'manifestInvalid', detail: 'fingerprint' }
		});
	});

	it('accepts a pack unzipped and zipped again on Windows or macOS, and counts its symbols', async () => {
		const entries = unzipSync(await exported());
		const inFolder: Record<string, Uint8Array> = {
			'your-safety/': new Uint8Array(),
			'your-safety/files/': new Uint8Array(),
			'__MACOSX/your-safety/._manifest.json': strToU8('resource fork'),
			'your-safety/.DS_Store': strToU8('finder'),
			'your-safety/files/Thumbs.db': strToU8('thumbnails')
		};
		for (const [name, bytes] of Object.entries(entries)) inFolder[`your-safety/${name}`] = bytes;
		const checked = await check(rezip(inFolder));
		if (!checked.ok) throw new Error(checked.problem.reason);
		const preview = await previewPack(db, otherLead.organisationId, checked.pack);
		const svgs = Object.keys(entries).filter((n) => n.endsWith('.svg')).length;
		expect(svgs).toBeGreaterThan(0);
		expect(preview.symbols).toBe(svgs);
		expect(preview.files).toHaveLength(Object.keys(entries).length - 1 - svgs);
		expect(preview.fingerprint).toMatch(/^[0-9a-f]{64}$/);
		await importPack(db, media, otherLead, checked.pack);
		await discardPack(checked.pack);
		expect(unpacked()).toEqual([]);
	});

	it('accepts a pack re-zipped by a streaming zipper (sizes after the data, not stored)', async () => {
		const entries = unzipSync(await exported());
		const parts: Uint8Array[] = [];
		const zip = new Zip((error, chunk) => {
			if (error) throw error;
			parts.push(chunk);
		});
		for (const [name, bytes] of Object.entries(entries)) {
			const entry = name.endsWith('.mp4') ? new ZipPassThrough(name) : new ZipDeflate(name);
			zip.add(entry);
			entry.push(bytes, true);
		}
		zip.end();
		const streamed = new Uint8Array(Buffer.concat(parts));
		expect(new DataView(streamed.buffer).getUint16(6, true) & 8).toBe(8); // a data descriptor
		const checked = await check(streamed);
		expect(checked.ok).toBe(true);
		if (checked.ok) await discardPack(checked.pack);
		expect(unpacked()).toEqual([]);
	});

	it('lets a waiting pack be confirmed once, and only by its own organisation', async () => {
		const sent = join(dataDir, 'sent.zip');
		writeFileSync(sent, new Uint8Array([1, 2, 3]));
		const token = await stagePack(db, media, otherLead.organisationId, sent);
		expect(existsSync(sent)).toBe(false); // moved, not copied
		expect(await claimStaged(db, media, lead.organisationId, token)).toBeNull();
		// Two confirms at once: a double click, or two servers sharing the database and the folder.
		const [first, second] = await Promise.all([
			claimStaged(db, media, otherLead.organisationId, token),
			claimStaged(db, fileMediaStorage(join(dataDir, 'uploads')), otherLead.organisationId, token)
		]);
		const claimed = [first, second].filter((f) => f !== null);
		expect(claimed.map((f) => new Uint8Array(readFileSync(f)))).toEqual([
			new Uint8Array([1, 2, 3])
		]);
		await media.removePendingPack(token);
		expect(readdirSync(join(dataDir, 'uploads', '.pending-packs'))).toEqual([]);
		expect(await claimStaged(db, media, otherLead.organisationId, '../../etc/passwd')).toBeNull();
	});

	it('lets a pack wait an hour, then sweeps its row and, an hour later, its file', async () => {
		const stage = (at: Date) => {
			const sent = join(dataDir, `${randomUUID()}.zip`);
			writeFileSync(sent, new Uint8Array([4, 5, 6]));
			return stagePack(db, media, otherLead.organisationId, sent, at);
		};
		const waiting = () => readdirSync(join(dataDir, 'uploads', '.pending-packs')).sort();
		const nine = new Date('2026-11-26T09:00:00Z');
		const late = await stage(nine);
		expect(
			await claimStaged(db, media, otherLead.organisationId, late, new Date('2026-11-26T10:00:01Z'))
		).toBeNull();
		const token = await stage(new Date('2026-11-26T10:00:01Z'));
		const rows = await db.selectFrom('pending_pack_import').select('id').execute();
		expect(rows).toEqual([{ id: token }]);
		// Its file was written now: the storage sweeps by the file's age, two hours on.
		expect(waiting()).toEqual([`${late}.zip`, `${token}.zip`].sort());
		const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000 - 1000);
		utimesSync(media.pendingPackFile(late), twoHoursAgo, twoHoursAgo);
		await media.sweep(Date.now() - 2 * 3_600_000);
		expect(waiting()).toEqual([`${token}.zip`]);
	});
});
