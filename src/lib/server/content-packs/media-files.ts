import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { MediaStorage } from '../media/storage';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Bundled media (/media/…, /symbols/…): from `static/` in a checkout, `build/client/` once built. */
function bundledFile(path: string): string | null {
	for (const root of ['static', 'build/client']) {
		const file = resolve(root, `.${path}`);
		if (existsSync(file)) return file;
	}
	return null;
}

/** The bytes behind a media path (uploaded, or bundled), or null when the file is not there. */
export async function readLocalMedia(
	media: MediaStorage,
	path: string
): Promise<Uint8Array | null> {
	if (path.includes('..')) return null;
	if (path.startsWith('/uploads/')) return media.read(path.slice('/uploads/'.length));
	const file = bundledFile(path);
	return file ? new Uint8Array(await readFile(file)) : null;
}

/** Whether this installation bundles the easy-read symbol `/symbols/<id>.svg`. */
export function hasBundledSymbol(path: string): boolean {
	return /^\/symbols\/[a-z0-9-]+\.svg$/.test(path) && bundledFile(path) !== null;
}
