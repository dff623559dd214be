import { unzipSync } from 'fflate';
import {
	ContentPackManifest,
	declaredVideoTypes,
	mediaPathsOf,
	PACK_FORMAT,
	PACK_FORMAT_VERSION,
	PACK_MANIFEST
} from '$lib/domain/content-pack';
import { sha256 } from './media-files';
import { sniffMediaType } from '../media/sniff';

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
	| 'typeMismatch'
	| 'unlistedMedia'
	| 'unknownSymbol';

export interface PackProblem {
	reason: PackRefusal;
	/** The file, path or field at fault, shown with the reason. */
	detail?: string;
}

export interface CheckedPack {
	manifest: ContentPackManifest;
	/** Entry name → bytes, for every file the manifest lists (and only those). */
	files: Map<string, Uint8Array>;
}

export const MAX_PACK_ENTRIES = 501;
export const MAX_PACK_UNPACKED_BYTES = 512 * 1024 * 1024;

type Result = { ok: true; pack: CheckedPack } | { ok: false; problem: PackProblem };
const refuse = (reason: PackRefusal, detail?: string): Result => ({
	ok: false,
	problem: { reason, detail }
});

/**
 * Validates a whole pack before anything is written: the zip, the manifest (zod, strict), and
 * every file against the manifest — present, listed, the size and SHA-256 it claims, the type
 * its bytes show (never its name), used by the content, and each video's declared type. The
 * first problem found is the reason given. Pure: reads nothing but the bytes and `hasSymbol`.
 */
export function checkPack(bytes: Uint8Array, hasSymbol: (path: string) => boolean): Result {
	let entries: Record<string, Uint8Array>;
	let unpacked = 0;
	let count = 0;
	try {
		entries = unzipSync(bytes, {
			filter: (file) => {
				count += 1;
				unpacked += file.originalSize;
				if (count > MAX_PACK_ENTRIES || unpacked > MAX_PACK_UNPACKED_BYTES)
					throw new RangeError('tooLarge');
				return true;
			}
		});
	} catch (error) {
		return refuse(
			error instanceof RangeError && error.message === 'tooLarge' ? 'tooLarge' : 'notZip'
		);
	}

	const manifestBytes = entries[PACK_MANIFEST];
	if (!manifestBytes) return refuse('notPack');
	let raw: unknown;
	try {
		raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes));
	} catch {
		return refuse('notPack');
	}
	const head = raw as { format?: unknown; formatVersion?: unknown } | null;
	if (head?.format !== PACK_FORMAT) return refuse('notPack');
	if (head.formatVersion !== PACK_FORMAT_VERSION)
		return refuse('unsupportedVersion', String(head.formatVersion));
	const parsed = ContentPackManifest.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return refuse('manifestInvalid', issue?.path.map(String).join('.') || 'manifest');
	}
	const manifest = parsed.data;

	const keys = manifest.version.variants.map((v) => `${v.format}:${v.language}`);
	if (new Set(keys).size !== keys.length) return refuse('duplicateVariant');

	const files = new Map<string, Uint8Array>();
	const pathTypes = new Map<string, string>();
	for (const file of manifest.files) {
		const content = entries[file.name];
		if (!content) return refuse('missingFile', file.name);
		if (content.length !== file.size) return refuse('sizeMismatch', file.name);
		if (sha256(content) !== file.sha256) return refuse('hashMismatch', file.name);
		if (sniffMediaType(content) !== file.type) return refuse('typeMismatch', file.name);
		for (const path of file.paths) {
			// An SVG is only ever a bundled symbol: never stored as an upload.
			if ((file.type === 'image/svg+xml') !== path.startsWith('/symbols/'))
				return refuse('typeMismatch', file.name);
			pathTypes.set(path, file.type);
		}
		files.set(file.name, content);
	}
	for (const name of Object.keys(entries))
		if (name !== PACK_MANIFEST && !files.has(name)) return refuse('unexpectedFile', name);

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

	return { ok: true, pack: { manifest, files } };
}

const isImage = (type: string) => ['image/png', 'image/jpeg', 'image/webp'].includes(type);

/** Captions must be WebVTT, posters and uploaded pictures images: a path's use fixes its type. */
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
	}
	return kinds;
}
