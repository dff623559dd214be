import { createHash, randomUUID } from 'node:crypto';
import {
	copyFile,
	link,
	mkdir,
	readdir,
	readFile,
	rename,
	rm,
	stat,
	writeFile
} from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { serveFile } from './serve-file';

/*
 * Media storage: every file the toolkit keeps from an upload or a content pack, in one folder,
 * UPLOADS_DIR (default DATA_DIR/uploads), which several app servers may share (an NFS mount, a
 * cloud file share). Media is named by the SHA-256 of its bytes (`<sha256>.<ext>`, served as
 * /uploads/<sha256>.<ext>), so a name always holds the same bytes, on any server.
 *
 * Writes are atomic on a shared mount too: bytes go to a temporary file inside the folder (so
 * on the same file system), which is then hard-linked to its name — a link either makes the
 * name, whole, or finds it there already — and the temporary file removed. A reader on any
 * server sees the whole file or none, and of two servers storing the same bytes at once exactly
 * one is told it created the file (so undoing a failed import never removes a file another
 * briefing uses). A file system without hard links gets a rename, equally atomic.
 *
 * Content packs waiting for their lead's confirmation are kept here too, in `.pending-packs/`
 * (a name the /uploads route never serves), so a confirm on another server finds them; the
 * database row that says whose each one is lives in `pending_pack_import`.
 */

export interface StoredMedia {
	/** `<sha256>.<ext>` */
	name: string;
	/** What content refers to: `/uploads/<name>`. */
	path: string;
	/** Whether this call made the file (false: the same bytes were there already). */
	created: boolean;
}

export interface MediaStorage {
	/** Stores a file from this server's own disk, its SHA-256 known; the source is moved away. */
	put(source: { path: string; sha256: string }, ext: string): Promise<StoredMedia>;
	/** Stores bytes held in memory (small files only). */
	putBytes(bytes: Uint8Array, ext: string): Promise<StoredMedia>;
	exists(name: string): Promise<boolean>;
	/** The SHA-256 (hex) of the file's bytes as stored now, or null when there is none. */
	digest(name: string): Promise<string | null>;
	/** The whole file, or null when there is none of that name. */
	read(name: string): Promise<Uint8Array | null>;
	/** The file as an HTTP answer, whole or the range asked for; null when there is none. */
	serve(name: string, contentType: string, range: string | null): Promise<Response | null>;
	remove(name: string): Promise<void>;
	/** Moves a checked pack from this server's disk into the shared waiting room. */
	putPendingPack(id: string, source: string): Promise<void>;
	/** A file path the waiting pack can be read from (on any server sharing the folder). */
	pendingPackFile(id: string): string;
	removePendingPack(id: string): Promise<void>;
	/**
	 * Removes waiting packs, and temporary files a crash left half-written, last changed before
	 * `before` (ms since the epoch): a waiting pack's row expires sooner (see import-pack.ts).
	 */
	sweep(before: number): Promise<void>;
}

export const MEDIA_NAME = /^[0-9a-f]{64}\.[a-z0-9]{1,8}$/;
const PENDING_ID = /^[0-9a-f-]{36}$/;

function checked(pattern: RegExp, name: string): string {
	if (!pattern.test(name)) throw new Error(`not a media storage name: ${name}`);
	return name;
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code;

/** Media storage in a folder of files, shared between servers or not. */
export function fileMediaStorage(dir: string): MediaStorage {
	const pendingDir = join(dir, '.pending-packs');
	const tempDir = join(dir, '.partial');
	const pendingFile = (id: string) => join(pendingDir, `${checked(PENDING_ID, id)}.zip`);

	/** Moves (or, from another file system, copies) a file to a fresh temporary name here. */
	async function intoTemp(source: string): Promise<string> {
		await mkdir(tempDir, { recursive: true });
		const temp = join(tempDir, randomUUID());
		try {
			await rename(source, temp);
		} catch (error) {
			if (errorCode(error) !== 'EXDEV') throw error;
			await copyFile(source, temp);
			await rm(source, { force: true });
		}
		return temp;
	}

	/** Gives the temporary file its name, unless the name is taken (then it holds the same bytes). */
	async function publish(temp: string, name: string): Promise<StoredMedia> {
		const target = join(dir, name);
		let created = true;
		try {
			await link(temp, target);
		} catch (error) {
			const code = errorCode(error);
			if (code === 'EEXIST') created = false;
			else if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP') {
				created = !(await exists(name));
				if (created) await rename(temp, target);
			} else throw error;
		} finally {
			await rm(temp, { force: true });
		}
		return { name, path: `/uploads/${name}`, created };
	}

	async function exists(name: string): Promise<boolean> {
		if (!MEDIA_NAME.test(name)) return false;
		return stat(join(dir, name)).then(
			(s) => s.isFile(),
			() => false
		);
	}

	return {
		async put(source, ext) {
			const name = checked(MEDIA_NAME, `${source.sha256}.${ext}`);
			if (await exists(name)) {
				await rm(source.path, { force: true });
				return { name, path: `/uploads/${name}`, created: false };
			}
			return publish(await intoTemp(source.path), name);
		},
		async putBytes(bytes, ext) {
			const name = checked(
				MEDIA_NAME,
				`${createHash('sha256').update(bytes).digest('hex')}.${ext}`
			);
			if (await exists(name)) return { name, path: `/uploads/${name}`, created: false };
			await mkdir(tempDir, { recursive: true });
			const temp = join(tempDir, randomUUID());
			await writeFile(temp, bytes);
			return publish(temp, name);
		},
		exists,
		async digest(name) {
			if (!MEDIA_NAME.test(name)) return null;
			const hash = createHash('sha256');
			try {
				await pipeline(createReadStream(join(dir, name)), hash);
			} catch (error) {
				// Only a file that is not there is missing; a disk's passing error is an error.
				if (errorCode(error) === 'ENOENT') return null;
				throw error;
			}
			return hash.digest('hex');
		},
		async read(name) {
			if (!(await exists(name))) return null;
			return new Uint8Array(await readFile(join(dir, name)));
		},
		async serve(name, contentType, range) {
			return MEDIA_NAME.test(name) ? serveFile(join(dir, name), contentType, range) : null;
		},
		async remove(name) {
			await rm(join(dir, checked(MEDIA_NAME, name)), { force: true });
		},
		async putPendingPack(id, source) {
			const target = pendingFile(id);
			await mkdir(pendingDir, { recursive: true });
			await rename(await intoTemp(source), target);
		},
		pendingPackFile: pendingFile,
		async removePendingPack(id) {
			await rm(pendingFile(id), { force: true });
		},
		async sweep(before) {
			for (const folder of [pendingDir, tempDir])
				for (const name of await readdir(folder).catch(() => [] as string[])) {
					const file = join(folder, name);
					const info = await stat(file).catch(() => null);
					if (info && info.mtimeMs < before) await rm(file, { force: true });
				}
		}
	};
}
