import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ShellPictures } from './shell-pictures';

/*
 * Which of the built app's files a device keeps for use offline (the service worker's precache).
 *
 * Only the pages the worker serves offline need their code there: the ward's and the patient's
 * (service-worker/navigation.ts, OFFLINE_PAGES), with the root layout and error page they sit in.
 * The studio, admin and platform pages are online only, and a ward tablet on weak Wi-Fi should
 * not fetch their JavaScript and styles (about 0.6 MB) to keep it. Everything outside
 * `_app/immutable/` (symbols, icons, the offline page) is kept as before.
 *
 * Read at build time from SvelteKit's output: each server node file names its route files and the
 * client file it loads; Vite's client manifest gives that file's imports, dynamic imports and CSS,
 * followed to the end (a page's lazily loaded module must be there offline too).
 */

/** Route directories (under src/routes) whose pages and layouts are kept. '' is the root. */
const OFFLINE_ROUTE = /^(?:|\(ward\)(?:\/.*)?|\(patient\)(?:\/.*)?)$/;

/** Code the built app's own start-up needs on every page, whatever the route. */
const ALWAYS = /^_app\/immutable\/(?:entry|workers)\//;

interface ViteChunk {
	file: string;
	imports?: string[];
	dynamicImports?: string[];
	css?: string[];
	assets?: string[];
}

/** The route directories a server node file was built from (its page, layout, load files). */
export function routeDirsOf(nodeSource: string): string[] {
	const dirs = new Set<string>();
	for (const [, dir = ''] of nodeSource.matchAll(/entries\/pages\/(.*?)_(?:page|layout|error)\.svelte\.js/g))
		dirs.add(dir.replace(/\/$/, ''));
	for (const [, dir = ''] of nodeSource.matchAll(/_id = "src\/routes\/(.*?)\/?\+[a-z.]+\.ts"/g))
		dirs.add(dir.replace(/\/$/, ''));
	return [...dirs];
}

/** The client file a server node loads first: `_app/immutable/nodes/N.<hash>.js`. */
function clientFileOf(nodeSource: string): string | undefined {
	return /"(_app\/immutable\/nodes\/[^"]+\.js)"/.exec(nodeSource)?.[1];
}

/**
 * Every `_app/immutable/` file the offline pages need, from `.svelte-kit/output` (`outputDir`).
 * Throws when the build's output is not where it should be: a worker that precached nothing of
 * the app would fail offline only on a ward.
 */
export function offlineAppFiles(outputDir: string): Set<string> {
	const nodesDir = join(outputDir, 'server', 'nodes');
	const manifestFile = join(outputDir, 'client', '.vite', 'manifest.json');
	if (!existsSync(nodesDir) || !existsSync(manifestFile))
		throw new Error(`offline shell: no SvelteKit build output in ${outputDir}`);
	const manifest: Record<string, ViteChunk> = JSON.parse(readFileSync(manifestFile, 'utf8'));
	const byFile = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));

	const keep = new Set<string>();
	const visit = (key: string) => {
		const chunk = manifest[key];
		if (!chunk || keep.has(chunk.file)) return;
		keep.add(chunk.file);
		for (const file of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) keep.add(file);
		for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next);
	};
	for (const name of readdirSync(nodesDir)) {
		const source = readFileSync(join(nodesDir, name), 'utf8');
		const dirs = routeDirsOf(source);
		// A node built from the framework's fallbacks alone (no route file) is kept: it is tiny.
		if (dirs.length && !dirs.some((dir) => OFFLINE_ROUTE.test(dir))) continue;
		const file = clientFileOf(source);
		const key = file && byFile.get(file);
		if (!key) throw new Error(`offline shell: ${name} names no client file in the manifest`);
		visit(key);
	}
	return keep;
}

/** The precache list with the app's code cut to what the offline pages need. */
export function offlineShell<T extends { url: string }>(entries: T[], appFiles: Set<string>): T[] {
	return entries.filter(
		(entry) =>
			!entry.url.startsWith('_app/immutable/') || ALWAYS.test(entry.url) || appFiles.has(entry.url)
	);
}

/**
 * The precache's addresses as the worker asks for them: files of the client build from the
 * site's root, a prerendered page by its clean address (`prerendered/pages/offline.html` is
 * `offline`). @vite-pwa/sveltekit does this itself unless given transforms of our own.
 */
export function siteUrl(url: string): string {
	if (url.startsWith('client/')) return url.slice('client/'.length);
	const page = /^prerendered\/pages\/(.+)\.html$/.exec(url)?.[1];
	if (page) return page === 'index' ? '/' : page.replace(/\/index$/, '');
	return url;
}

/** The shell's pictures sent to a staff device's worker in one file: SVG text, named by no hash. */
const PICTURE = /^(?:symbols|nhsuk-images|icons)\/[^/]+\.svg$/;

/**
 * The shell's small pictures (the symbols, NHS icons and the app's icon, ~50 SVG files) written
 * into one file beside the client build, so that a new ward tablet's worker gets them in one
 * request. An installing worker may have three requests out at a time, and each file with a
 * revision must come from the network on a first visit: on a ward's weak Wi-Fi every three of
 * them waited a round trip (docs/testing.md). `entries` are the precache's, by site address
 * (siteUrl); `clientDir` is the client build they are in. Returns the precache entry naming the
 * file (by its content's hash, under `_app/immutable/`, which the browser may keep for good), or
 * null when the shell has no such pictures. The worker keeps each picture under its own address
 * and revision, as if fetched alone (service-worker/install-shell.ts); the file itself is not
 * kept.
 */
export function bundleShellPictures(
	entries: Array<{ url: string; revision?: string | null }>,
	clientDir: string
): { url: string; revision: null; size: number } | null {
	const pictures: ShellPictures['pictures'] = entries.flatMap(({ url, revision }) =>
		revision && PICTURE.test(url)
			? [{ url: `/${url}`, revision, body: readFileSync(join(clientDir, url), 'utf8') }]
			: []
	);
	if (pictures.length === 0) return null;
	const json = JSON.stringify({ pictures } satisfies ShellPictures);
	const hash = createHash('sha256').update(json).digest('hex').slice(0, 12);
	const url = `_app/immutable/shell/pictures.${hash}.json`;
	mkdirSync(join(clientDir, '_app', 'immutable', 'shell'), { recursive: true });
	writeFileSync(join(clientDir, url), json);
	return { url, revision: null, size: Buffer.byteLength(json) };
}
