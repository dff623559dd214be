import { z } from 'zod';
import { Briefing, BriefingVariant, BriefingVersion, givenAs, LocalMediaPath } from './briefing';
import { IsoDateTime } from './ids';

/*
 * A content pack: one briefing's published version, shared between organisations as one zip
 * file. `manifest.json` describes everything; each media file sits beside it as
 * `files/<sha256>.<ext>`, named by the SHA-256 of its bytes, which the manifest repeats with
 * its size and type. Importing checks every byte against the manifest before writing anything.
 *
 * Format 2 adds `fingerprint`: the SHA-256 of every word and file the pack gives patients (its
 * briefing, version and variants, and each file's fingerprint), so that text edited after the
 * export ("take double your dose") is refused like a changed picture (server/content-packs/
 * fingerprint.ts). Format 1 packs, made before it, are still read, with a warning to check
 * every word.
 */

export const PACK_FORMAT = 'nhs-safety-briefing-pack';
export const PACK_FORMAT_VERSION = 2;
/** The formats this toolkit reads. */
export const PACK_FORMAT_VERSIONS = [1, 2] as const;
export const PACK_MANIFEST = 'manifest.json';

/** Media a pack may carry, by type, with the extension it is stored under. */
export const packMediaTypes = {
	'video/mp4': 'mp4',
	'video/webm': 'webm',
	'text/vtt': 'vtt',
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/webp': 'webp',
	'audio/mpeg': 'mp3',
	'audio/ogg': 'opus',
	// Only for bundled symbols, which the importing site must have itself: never stored.
	'image/svg+xml': 'svg'
} as const;
export type PackMediaType = keyof typeof packMediaTypes;
export const PackMediaType = z.enum(
	Object.keys(packMediaTypes) as [PackMediaType, ...PackMediaType[]]
);

export const packLicences = [
	'OGL-UK-3.0',
	'CC-BY-4.0',
	'CC-BY-SA-4.0',
	'all-rights-reserved'
] as const;
export const PackLicence = z.enum(packLicences);
export type PackLicence = z.infer<typeof PackLicence>;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Text = (max: number) => z.string().trim().min(1).max(max);

export const PackFile = z
	.strictObject({
		name: z.string().regex(/^files\/[0-9a-f]{64}\.(mp4|webm|vtt|png|jpg|webp|svg)$/),
		sha256: Sha256,
		size: z
			.number()
			.int()
			.nonnegative()
			.max(1024 * 1024 * 1024),
		type: PackMediaType,
		/** The paths the content uses for this file in the exporting organisation. */
		paths: z.array(LocalMediaPath).min(1).max(200)
	})
	.refine((f) => f.name === `files/${f.sha256}.${packMediaTypes[f.type]}`, {
		message: 'nameMismatch',
		path: ['name']
	});
export type PackFile = z.infer<typeof PackFile>;

/** A pack's variants: each one a format may be given in in its language (givenAs). */
export const PackVariants = z
	.array(BriefingVariant)
	.min(1)
	.max(200)
	.superRefine((variants, ctx) =>
		variants.forEach((v, i) => {
			if (!givenAs(v.format, v.language))
				ctx.addIssue({ code: 'custom', path: [i, 'language'], message: 'invalid' });
		})
	);

export const ContentPackManifest = z
	.strictObject({
		format: z.literal(PACK_FORMAT),
		formatVersion: z.union(PACK_FORMAT_VERSIONS.map((v) => z.literal(v))),
		/** Format 2: the SHA-256 of the pack's words and files (see above); absent in format 1. */
		fingerprint: Sha256.optional(),
		exportedAt: IsoDateTime,
		source: z.strictObject({ organisation: Text(200) }),
		licence: z.strictObject({ id: PackLicence, attribution: Text(600) }),
		/** Others' work the content uses (e.g. OpenMoji symbols), with their own licences. */
		thirdParty: z
			.array(
				z.strictObject({ name: Text(200), licence: Text(200), url: z.url({ protocol: /^https$/ }) })
			)
			.max(20),
		briefing: z.strictObject({ slug: Briefing.shape.slug, topic: Briefing.shape.topic }),
		version: z.strictObject({
			number: z.number().int().positive(),
			reviewBy: BriefingVersion.shape.reviewBy,
			evidenceLinks: BriefingVersion.shape.evidenceLinks,
			userTestingNote: BriefingVersion.shape.userTestingNote,
			isExample: z.boolean(),
			variants: PackVariants
		}),
		files: z.array(PackFile).max(500)
	})
	.refine((m) => m.formatVersion === 1 || m.fingerprint !== undefined, {
		message: 'required',
		path: ['fingerprint']
	});
export type ContentPackManifest = z.infer<typeof ContentPackManifest>;

/** The path a bundled easy-read symbol is served from. */
export const symbolPath = (id: string) => `/symbols/${id}.svg`;

/** Every media path a variant uses, symbols included (as their served path). */
export function mediaPathsOf(variant: BriefingVariant): string[] {
	return [...formatMediaPathsOf(variant), ...audioPathOf(variant)];
}

function formatMediaPathsOf(variant: BriefingVariant): string[] {
	switch (variant.format) {
		case 'video':
			return [
				...variant.sources.flatMap((s) => (s.kind === 'upload' ? [s.path] : [])),
				...variant.captions.map((c) => c.path),
				...(variant.poster ? [variant.poster] : [])
			];
		case 'easyRead':
			return variant.rows.map((r) =>
				r.picture.kind === 'symbol' ? symbolPath(r.picture.id) : r.picture.path
			);
		default:
			return [];
	}
}

/** The recording's path, for a variant that has one. */
const audioPathOf = (variant: BriefingVariant) =>
	variant.format !== 'video' && variant.audio ? [variant.audio.path] : [];

/** The variant with each media path replaced through `to` (symbols are left as they are). */
export function withMediaPaths(
	variant: BriefingVariant,
	to: (path: string) => string
): BriefingVariant {
	const moved = withFormatMediaPaths(variant, to);
	return moved.format !== 'video' && moved.audio
		? { ...moved, audio: { ...moved.audio, path: to(moved.audio.path) } }
		: moved;
}

function withFormatMediaPaths(
	variant: BriefingVariant,
	to: (path: string) => string
): BriefingVariant {
	switch (variant.format) {
		case 'video':
			return {
				...variant,
				sources: variant.sources.map((s) => (s.kind === 'upload' ? { ...s, path: to(s.path) } : s)),
				captions: variant.captions.map((c) => ({ ...c, path: to(c.path) })),
				poster: variant.poster ? to(variant.poster) : null
			};
		case 'easyRead':
			return {
				...variant,
				rows: variant.rows.map((r) =>
					r.picture.kind === 'upload'
						? { ...r, picture: { ...r.picture, path: to(r.picture.path) } }
						: r
				)
			};
		default:
			return variant;
	}
}

/** The media type a video source declares for a path, to check against the file's bytes. */
export function declaredVideoTypes(variants: readonly BriefingVariant[]): Map<string, string> {
	const types = new Map<string, string>();
	for (const v of variants)
		if (v.format === 'video')
			for (const s of v.sources) if (s.kind === 'upload') types.set(s.path, s.mimeType);
	return types;
}

/** A free slug: the pack's own, or with -2, -3… when the site already has it. */
export function freeSlug(slug: string, taken: ReadonlySet<string>): string {
	if (!taken.has(slug)) return slug;
	const base = slug.slice(0, 75);
	for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
