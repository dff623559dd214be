// Whether `npm start` must build first (scripts/start.js): when build/ is missing, or older than
// anything it is built from. Plain JavaScript, as scripts/start.js runs before any build.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the build is made from, relative to the project's root. */
export const BUILD_INPUTS = [
	'src',
	'static',
	'locales',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json',
	'package.json',
	'package-lock.json'
];

/** The newest modification time (ms) of a file, or of any file under a folder; 0 if none. */
export function newestChange(/** @type {string} */ path) {
	let stats;
	try {
		stats = statSync(path);
	} catch {
		return 0;
	}
	if (!stats.isDirectory()) return stats.mtimeMs;
	let newest = 0;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
	return newest;
}

/**
 * Why the build at `root` must be made again, or null when it is up to date: it is missing, or
 * an input changed after it was made (build/index.js, written last by the build).
 * @param {string} root
 * @returns {string | null}
 */
export function whyBuild(root) {
	const built = newestChange(join(root, 'build', 'index.js'));
	if (!built) return 'there is no build yet';
	const changed = BUILD_INPUTS.find((input) => newestChange(join(root, input)) > built);
	return changed ? `${changed} changed since the last build` : null;
}
