import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
	ContentPackManifest,
	declaredVideoTypes,
	mediaPathsOf,
	PACK_FORMAT,
	PACK_FORMAT_VERSIONS,
	PACK_MANIFEST
} from '$lib/domain/content-pack';
import { packFingerprint } from './fingerprint';
import { sniffMediaType } from '../media/sniff';
import { readZipDirectory, streamEntry, ZipProblem } from './zip-file';

/** Why a pack is refused; each has a message in the catalogue namespace (packs.refused.*). */
export type PackRefusal =
	| 'notZip'
	| 'tooLarge'
	| 'notPack'
	| 'unsupportedVersion'
	| 'manifestInvalid'
	| 'duplicateVariant'
	| 'missingFile'
	| 'unexpectedFile'
	| 'sizeMismatch'
	| 'hashMismatch'
	| 'textChanged'
	| 'typeMismatch'
	| 'unlistedMedia'
	| 'unknownSymbol';

export interface PackProblem {
	reason: PackRefusal;
	/** The file, path or field at fault, shown with the reason. */
	detail?: string;
}

/** A file of the pack, unpacked to disk while it was checked. */
export interface UnpackedFile {
	path: string;
	size: number;
	sha256: string;
}

export interface CheckedPack {
	manifest: ContentPackManifest;
	/** Entry name → the file unpacked on disk, for every file the manifest lists (and only those). */
	files: Map<string, UnpackedFile>;
	/** The folder the files were unpacked into: removed by `discardPack`. */
	dir: string;
}

export const MAX_PACK_ENTRIES = 501;
export const MAX_PACK_UNPACKED_BYTES = 512 * 1024 * 1024;
/** The manifest is read into memory: text and metadata only, never media. */
export const MAX_PACK_MANIFEST_BYTES = 8 * 1024 * 1024;

export interface PackLimits {
	/** All entries together, inflated. */
	totalBytes: number;
	/** Any one media file, inflated (the server's upload limit: a pack carries no larger file). */
	entryBytes: number;
	manifestBytes: number;
}

type Result = { ok: true; pack: CheckedPack } | { ok: false; problem: PackProblem };
const refuse = (reason: PackRefusal, detail?: string): Result => ({
	ok: false,
	problem: { reason, detail }
});

/** Removes a checked pack's unpacked files (whatever an import did not move into place). */
export async function discardPack(pack: CheckedPack): Promise<void> {
	await rm(pack.dir, { recursive: true, force: true });
}

/**
 * Validates a whole pack before anything is written to the database: the zip, the manifest
 * (zod, strict), and every file against the manifest — present, listed, the size and SHA-256 it
 * claims, the type its bytes show (never its name), used by the content, and each video's
 * declared type. The first problem found is the reason given.
 *
 * The zip is read from disk as a stream: each entry is inflated into its own file in a new
 * folder under `workDir` (on the same disk as uploads/, so an import moves rather than copies),
 * hashed and counted on the way; past a cap (total, per entry, manifest) it stops at once. Only
 * the manifest is held in memory. A refused pack leaves nothing behind; a checked one leaves
 * its folder for `importPack`, and the caller removes it with `discardPack`.
 */
export async function checkPack(
	zipFile: string,
	hasSymbol: (path: string) => boolean,
	{ workDir, limits = {} }: { workDir: string; limits?: Partial<PackLimits> }
): Promise<Result> {
	const cap: PackLimits = {
		totalBytes: MAX_PACK_UNPACKED_BYTES,
		entryBytes: MAX_PACK_UNPACKED_BYTES,
		manifestBytes: MAX_PACK_MANIFEST_BYTES,
		...limits
	};
	await mkdir(workDir, { recursive: true });
	await pruneUnpacked(workDir);
	const dir = await mkdtemp(join(workDir, 'pack-'));
	try {
		const result = await checkUnpacking(zipFile, hasSymbol, cap, dir);
		if (!result.ok) await rm(dir, { recursive: true, force: true });
		return result;
	} catch (error) {
		await rm(dir, { recursive: true, force: true });
		if (error instanceof ZipProblem) return refuse(error.reason, error.detail);
		throw error;
	}
}

/** Folders a check left behind when the server stopped mid-way: removed after an hour. */
async function pruneUnpacked(workDir: string) {
	for (const name of await readdir(workDir)) {
		if (!name.startsWith('pack-')) continue;
		const dir = join(workDir, name);
		const { mtimeMs } = await stat(dir).catch(() => ({ mtimeMs: Date.now() }));
		if (Date.now() - mtimeMs > 3_600_000) await rm(dir, { recursive: true, force: true });
	}
}

interface Unpacked extends UnpackedFile {
	head: Uint8Array;
}

/** Enough of a file's start for `sniffMediaType` (which reads at most 1 KB). */
const HEAD_BYTES = 1024;

async function checkUnpacking(
	zipFile: string,
	hasSymbol: (path: string) => boolean,
	cap: PackLimits,
	dir: string
): Promise<Result> {
	const listed = packEntries(await readZipDirectory(zipFile, MAX_PACK_ENTRIES));
	const seen = new Set<string>();
	let claimed = 0;
	for (const entry of listed) {
		if (seen.has(entry.name)) return refuse('unexpectedFile', entry.name); // two of one name
		seen.add(entry.name);
		claimed += entry.size;
		const entryCap = entry.name === PACK_MANIFEST ? cap.manifestBytes : cap.entryBytes;
		// What the directory claims is checked first (cheap); what inflates is counted anyway.
		if (entry.size > entryCap || claimed > cap.totalBytes) return refuse('tooLarge', entry.name);
	}

	let total = 0;
	const count = (name: string, entryCap: number) => {
		let size = 0;
		return (chunk: Buffer) => {
			size += chunk.length;
			total += chunk.length;
			if (size > entryCap || total > cap.totalBytes) throw new ZipProblem('tooLarge', name);
		};
	};

	const manifestEntry = listed.find((e) => e.name === PACK_MANIFEST);
	if (!manifestEntry) return refuse('notPack');
	const chunks: Buffer[] = [];
	await streamEntry(
		zipFile,
		manifestEntry,
		new Writable({
			write(chunk: Buffer, _encoding, done) {
				chunks.push(chunk);
				done();
			}
		}),
		count(PACK_MANIFEST, cap.manifestBytes)
	);
	let raw: unknown;
	try {
		raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
	} catch {
		return refuse('notPack');
	}
	const head = raw as { format?: unknown; formatVersion?: unknown } | null;
	if (head?.format !== PACK_FORMAT) return refuse('notPack');
	if (!(PACK_FORMAT_VERSIONS as readonly unknown[]).includes(head.formatVersion))
		return refuse('unsupportedVersion', String(head.formatVersion));
	const parsed = ContentPackManifest.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return refuse('manifestInvalid', issue?.path.map(String).join('.') || 'manifest');
	}
	const manifest = parsed.data;

	const keys = manifest.version.variants.map((v) => `${v.format}:${v.language}`);
	if (new Set(keys).size !== keys.length) return refuse('duplicateVariant');
	// Any word changed since the export (format 2; a format 1 pack is previewed with a warning).
	if (manifest.fingerprint !== undefined && packFingerprint(manifest) !== manifest.fingerprint)
		return refuse('textChanged');

	// Every other entry to its own file, named by its place in the zip (never by its name).
	const entries = new Map<string, Unpacked>();
	for (const [index, entry] of listed.entries()) {
		if (entry === manifestEntry) continue;
		const path = join(dir, String(index));
		const hash = createHash('sha256');
		let head = new Uint8Array();
		const counted = count(entry.name, cap.entryBytes);
		const size = await streamEntry(
			zipFile,
			entry,
			createWriteStream(path, { flags: 'wx' }),
			(chunk) => {
				counted(chunk);
				hash.update(chunk);
				if (head.length < HEAD_BYTES)
					head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
			}
		);
		entries.set(entry.name, { path, size, sha256: hash.digest('hex'), head });
	}

	const files = new Map<string, UnpackedFile>();
	const pathTypes = new Map<string, string>();
	for (const file of manifest.files) {
		const content = entries.get(file.name);
		if (!content) return refuse('missingFile', file.name);
		if (content.size !== file.size) return refuse('sizeMismatch', file.name);
		if (content.sha256 !== file.sha256) return refuse('hashMismatch', file.name);
		if (sniffMediaType(content.head) !== file.type) return refuse('typeMismatch', file.name);
		for (const path of file.paths) {
			// An SVG is only ever a bundled symbol: never stored as an upload.
			if ((file.type === 'image/svg+xml') !== path.startsWith('/symbols/'))
				return refuse('typeMismatch', file.name);
			pathTypes.set(path, file.type);
		}
		files.set(file.name, { path: content.path, size: content.size, sha256: content.sha256 });
	}
	for (const name of entries.keys()) if (!files.has(name)) return refuse('unexpectedFile', name);

	const used = new Set(manifest.version.variants.flatMap(mediaPathsOf));
	for (const path of used) {
		if (!pathTypes.has(path)) return refuse('unlistedMedia', path);
		if (path.startsWith('/symbols/') && !hasSymbol(path)) return refuse('unknownSymbol', path);
	}
	for (const path of pathTypes.keys()) if (!used.has(path)) return refuse('unexpectedFile', path);
	for (const [path, type] of declaredVideoTypes(manifest.version.variants))
		if (pathTypes.get(path) !== type) return refuse('typeMismatch', path);
	for (const [path, fits] of expectedKinds(manifest))
		if (!fits(pathTypes.get(path) ?? '')) return refuse('typeMismatch', path);

	return { ok: true, pack: { manifest, files, dir } };
}

const isImage = (type: string) => ['image/png', 'image/jpeg', 'image/webp'].includes(type);

/**
 * Captions must be WebVTT, posters and uploaded pictures images, a recording the audio type it
 * declares: a path's use fixes its type.
 */
function expectedKinds(manifest: ContentPackManifest): Array<[string, (type: string) => boolean]> {
	const kinds: Array<[string, (type: string) => boolean]> = [];
	for (const v of manifest.version.variants) {
		if (v.format === 'video') {
			for (const c of v.captions) kinds.push([c.path, (t) => t === 'text/vtt']);
			if (v.poster) kinds.push([v.poster, isImage]);
		}
		if (v.format === 'easyRead')
			for (const r of v.rows)
				if (r.picture.kind === 'upload') kinds.push([r.picture.path, isImage]);
		if (v.format !== 'video' && v.audio) {
			const declared = v.audio.mimeType;
			kinds.push([v.audio.path, (t) => t === declared]);
		}
	}
	return kinds;
}

/** What an operating system adds when it zips a folder: never part of a pack. */
function isSystemFile(name: string): boolean {
	const parts = name.split('/');
	const base = parts[parts.length - 1] ?? '';
	return (
		parts.includes('__MACOSX') ||
		['.DS_Store', 'Thumbs.db', 'desktop.ini'].includes(base) ||
		base.startsWith('._')
	);
}

/**
 * The pack's own entries, as a lead's computer may have re-zipped it: folder entries (a name
 * ending in "/", empty) and the files Windows and macOS add (__MACOSX/, .DS_Store, Thumbs.db,
 * desktop.ini, ._*) are passed over, and when everything sits in one folder (a pack unzipped
 * and zipped again as a folder) its name is taken off the front.
 */
export function packEntries<E extends { name: string; size: number }>(listed: E[]): E[] {
	const own = listed.filter(
		(e) => !(e.name.endsWith('/') && e.size === 0) && !isSystemFile(e.name)
	);
	if (own.some((e) => e.name === PACK_MANIFEST)) return own;
	const folder = /^([^/]+\/)manifest\.json$/.exec(
		own.find((e) => e.name.endsWith(`/${PACK_MANIFEST}`))?.name ?? ''
	)?.[1];
	if (!folder || !own.every((e) => e.name.startsWith(folder))) return own;
	return own.map((e) => ({ ...e, name: e.name.slice(folder.length) }));
}
