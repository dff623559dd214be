import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Where uploaded media lives: `<DATA_DIR>/uploads/<sha256>.<ext>`, served as /uploads/… */
export const uploadsDir = (dataDir: string) => join(dataDir, 'uploads');

/** Bundled media (/media/…, /symbols/…): from `static/` in a checkout, `build/client/` once built. */
function bundledFile(path: string): string | null {
	for (const root of ['static', 'build/client']) {
		const file = resolve(root, `.${path}`);
		if (existsSync(file)) return file;
	}
	return null;
}

/** The bytes behind a local media path, or null when the file is not there. */
export async function readLocalMedia(dataDir: string, path: string): Promise<Uint8Array | null> {
	if (path.includes('..')) return null;
	const file = path.startsWith('/uploads/')
		? join(uploadsDir(dataDir), path.slice('/uploads/'.length))
		: bundledFile(path);
	if (!file || !existsSync(file)) return null;
	return new Uint8Array(await readFile(file));
}

/** Whether this installation bundles the easy-read symbol `/symbols/<id>.svg`. */
export function hasBundledSymbol(path: string): boolean {
	return /^\/symbols\/[a-z0-9-]+\.svg$/.test(path) && bundledFile(path) !== null;
}

/**
 * Moves a file already on disk (unpacked from a pack, its SHA-256 known) into uploads/ under
 * that name: a rename on the same disk, so a reader never sees half a file and no bytes pass
 * through memory. Answers whether it created the file: one already there (same bytes, same
 * name) is left alone, so undoing a failed import never removes media another briefing uses.
 */
export async function moveIntoUploads(
	dataDir: string,
	source: { path: string; sha256: string },
	ext: string
): Promise<{ path: string; file: string; created: boolean }> {
	const name = `${source.sha256}.${ext}`;
	const dir = uploadsDir(dataDir);
	const file = join(dir, name);
	if (existsSync(file)) return { path: `/uploads/${name}`, file, created: false };
	await mkdir(dir, { recursive: true });
	await rename(source.path, file);
	return { path: `/uploads/${name}`, file, created: true };
}
