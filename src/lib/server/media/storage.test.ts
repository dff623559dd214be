import { createHash, randomUUID } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	rmSync,
	utimesSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileMediaStorage, type MediaStorage } from './storage';

let root: string;
let dir: string;
let media: MediaStorage;
beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'media-'));
	dir = join(root, 'uploads');
	media = fileMediaStorage(dir);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const hash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** A file on "this server's disk", as an upload form or a pack check leaves one. */
function local(bytes: Uint8Array, folder = root) {
	const path = join(folder, `${randomUUID()}.part`);
	writeFileSync(path, bytes);
	return { path, sha256: hash(bytes) };
}
const mediaFiles = () => readdirSync(dir).filter((f) => !f.startsWith('.'));
const leftovers = () =>
	existsSync(join(dir, '.partial')) ? readdirSync(join(dir, '.partial')) : [];

describe('fileMediaStorage', () => {
	it('stores a file once under its SHA-256, moving it from where it arrived', async () => {
		const bytes = new Uint8Array([1, 2, 3, 4]);
		const first = local(bytes);
		const stored = await media.put(first, 'mp4');
		expect(stored).toEqual({
			name: `${hash(bytes)}.mp4`,
			path: `/uploads/${hash(bytes)}.mp4`,
			created: true
		});
		expect(existsSync(first.path)).toBe(false);
		const again = local(bytes);
		expect(await media.put(again, 'mp4')).toEqual({ ...stored, created: false });
		expect(existsSync(again.path)).toBe(false);
		expect(await media.read(stored.name)).toEqual(bytes);
		expect(await media.exists(stored.name)).toBe(true);
		expect(mediaFiles()).toEqual([stored.name]);
		expect(leftovers()).toEqual([]);
		await media.remove(stored.name);
		expect(await media.exists(stored.name)).toBe(false);
		expect(await media.read(stored.name)).toBeNull();
	});

	it('tells exactly one of two servers storing the same bytes at once that it created them', async () => {
		const bytes = new Uint8Array(256 * 1024).fill(7);
		const other = fileMediaStorage(dir); // another server, the same shared folder
		const results = await Promise.all([
			media.put(local(bytes), 'webm'),
			other.put(local(bytes), 'webm'),
			other.putBytes(bytes, 'webm')
		]);
		expect(results.filter((r) => r.created)).toHaveLength(1);
		const read = await media.read(`${hash(bytes)}.webm`);
		expect(read && hash(read)).toBe(hash(bytes)); // whole: its name is its hash
		expect(mediaFiles()).toEqual([`${hash(bytes)}.webm`]);
		expect(leftovers()).toEqual([]);
	});

	it('copies a file that arrived on another file system, then removes it there', async () => {
		// /dev/shm is memory, not the disk the folder is on (where there is one).
		const elsewhere = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'media-'));
		try {
			const bytes = new Uint8Array([9, 8, 7]);
			const source = local(bytes, elsewhere);
			expect((await media.put(source, 'png')).created).toBe(true);
			expect(existsSync(source.path)).toBe(false);
			expect(await media.read(`${hash(bytes)}.png`)).toEqual(bytes);
		} finally {
			rmSync(elsewhere, { recursive: true, force: true });
		}
	});

	it('answers only names it could have made', async () => {
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(root, 'secret.txt'), 'not media');
		expect(await media.read('../secret.txt')).toBeNull();
		expect(await media.serve('../secret.txt', 'text/plain', null)).toBeNull();
		expect(await media.exists('.pending-packs')).toBe(false);
		await expect(media.remove('../secret.txt')).rejects.toThrow(/not a media storage name/);
		expect(() => media.pendingPackFile('../../etc/passwd')).toThrow(/not a media storage name/);
	});

	it('tells the SHA-256 of a file as stored now, and null for none', async () => {
		const stored = await media.putBytes(new Uint8Array([7, 8, 9]), 'vtt');
		expect(await media.digest(stored.name)).toBe(stored.name.split('.')[0]);
		expect(await media.digest(`${'0'.repeat(64)}.vtt`)).toBeNull();
		expect(await media.digest('../etc/passwd')).toBeNull();
		// Anything but a missing file is an error, never "not there" (a passing disk error must
		// not look like a file replaced).
		mkdirSync(join(dir, `${'1'.repeat(64)}.vtt`));
		await expect(media.digest(`${'1'.repeat(64)}.vtt`)).rejects.toThrow();
	});

	it('serves a stored file whole or in part', async () => {
		const stored = await media.putBytes(new Uint8Array([0, 1, 2, 3, 4, 5]), 'vtt');
		const part = await media.serve(stored.name, 'text/vtt', 'bytes=2-3');
		expect(part?.status).toBe(206);
		expect(new Uint8Array(await (part as Response).arrayBuffer())).toEqual(new Uint8Array([2, 3]));
	});

	it('sweeps waiting packs and part-written files by age, keeping fresh ones', async () => {
		const [old, fresh] = [randomUUID(), randomUUID()];
		await media.putPendingPack(old, local(new Uint8Array([1])).path);
		await media.putPendingPack(fresh, local(new Uint8Array([2])).path);
		mkdirSync(join(dir, '.partial'), { recursive: true });
		writeFileSync(join(dir, '.partial', 'crashed'), 'half');
		const longAgo = new Date(Date.now() - 3 * 3_600_000);
		utimesSync(media.pendingPackFile(old), longAgo, longAgo);
		utimesSync(join(dir, '.partial', 'crashed'), longAgo, longAgo);
		await media.sweep(Date.now() - 2 * 3_600_000);
		expect(readdirSync(join(dir, '.pending-packs'))).toEqual([`${fresh}.zip`]);
		expect(leftovers()).toEqual([]);
	});
});
