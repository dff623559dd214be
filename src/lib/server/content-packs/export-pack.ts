import { zipSync, type Zippable } from 'fflate';
import {
	ContentPackManifest,
	mediaPathsOf,
	PACK_FORMAT,
	PACK_FORMAT_VERSION,
	PACK_MANIFEST,
	packMediaTypes,
	type PackLicence
} from '$lib/domain/content-pack';
import type { Db } from '../db/database';
import { variantsOf } from '../repositories/briefings';
import type { MediaStorage } from '../media/storage';
import { packFingerprint } from './fingerprint';
import { readLocalMedia, sha256 } from './media-files';
import { sniffMediaType } from '../media/sniff';

const OPENMOJI = {
	name: 'OpenMoji symbols (openmoji.org)',
	licence: 'CC BY-SA 4.0',
	url: 'https://openmoji.org'
};

export type ExportResult =
	| { ok: true; fileName: string; bytes: Uint8Array }
	| { ok: false; reason: 'notFound' | 'notPublished' | 'mediaMissing'; path?: string };

/** The briefing's published version as it stands, with what the manifest needs. */
export async function loadPublished(db: Db, organisationId: string, briefingId: string) {
	const briefing = await db
		.selectFrom('briefing')
		.innerJoin('organisation', 'organisation.id', 'briefing.organisation_id')
		.select(['briefing.id', 'briefing.slug', 'briefing.topic', 'organisation.name as organisation'])
		.where('briefing.id', '=', briefingId)
		.where('briefing.organisation_id', '=', organisationId)
		.executeTakeFirst();
	if (!briefing) return null;
	const version = await db
		.selectFrom('briefing_version')
		.selectAll()
		.where('organisation_id', '=', organisationId)
		.where('briefing_id', '=', briefing.id)
		.where('status', '=', 'published')
		.executeTakeFirst();
	if (!version) return { briefing, version: null };
	const variants = await variantsOf(db, organisationId, version.id);
	return {
		briefing,
		version: {
			number: version.number,
			reviewBy: version.review_by,
			evidenceLinks: JSON.parse(version.evidence_links) as string[],
			userTestingNote: version.user_testing_note,
			isExample: version.is_example === 1,
			variants
		}
	};
}

/**
 * Exports a briefing's published version as one zip: the manifest, then each media file once
 * under its SHA-256. Video and images are stored as they are (already compressed: deflating
 * them again costs time and saves nothing); text is deflated.
 */
export async function exportPack(
	db: Db,
	media: MediaStorage,
	organisationId: string,
	briefingId: string,
	licence: { id: PackLicence; attribution: string },
	now = new Date()
): Promise<ExportResult> {
	const found = await loadPublished(db, organisationId, briefingId);
	if (!found) return { ok: false, reason: 'notFound' };
	if (!found.version) return { ok: false, reason: 'notPublished' };
	const { briefing, version } = found;

	const files = new Map<
		string,
		{ bytes: Uint8Array; type: keyof typeof packMediaTypes; paths: string[] }
	>();
	const paths = [...new Set(version.variants.flatMap(mediaPathsOf))];
	for (const path of paths) {
		const bytes = await readLocalMedia(media, path);
		const type = bytes ? sniffMediaType(bytes) : null;
		if (!bytes || !type) return { ok: false, reason: 'mediaMissing', path };
		const hash = sha256(bytes);
		const entry = files.get(hash) ?? { bytes, type, paths: [] };
		entry.paths.push(path);
		files.set(hash, entry);
	}

	const content = {
		briefing: { slug: briefing.slug, topic: briefing.topic },
		version,
		files: [...files].map(([hash, f]) => ({
			name: `files/${hash}.${packMediaTypes[f.type]}`,
			sha256: hash,
			size: f.bytes.length,
			type: f.type,
			paths: f.paths
		}))
	};
	const manifest = ContentPackManifest.parse({
		format: PACK_FORMAT,
		formatVersion: PACK_FORMAT_VERSION,
		// Over the content as the manifest will hold it (parsed, as the importer will parse it).
		fingerprint: packFingerprint(
			ContentPackManifest.parse({
				format: PACK_FORMAT,
				formatVersion: 1,
				exportedAt: now.toISOString(),
				source: { organisation: briefing.organisation },
				licence,
				thirdParty: [],
				...content
			})
		),
		exportedAt: now.toISOString(),
		source: { organisation: briefing.organisation },
		licence,
		thirdParty: paths.some((p) => p.startsWith('/symbols/')) ? [OPENMOJI] : [],
		...content
	});
	const zippable: Zippable = {
		[PACK_MANIFEST]: [new TextEncoder().encode(JSON.stringify(manifest, null, '\t')), { level: 6 }]
	};
	for (const file of manifest.files) {
		const { bytes, type } = files.get(file.sha256) as { bytes: Uint8Array; type: string };
		zippable[file.name] = [
			bytes,
			{ level: type === 'text/vtt' || type === 'image/svg+xml' ? 6 : 0 }
		];
	}
	return {
		ok: true,
		fileName: `${briefing.slug}-v${version.number}.briefing-pack.zip`,
		bytes: zipSync(zippable, { mtime: now })
	};
}
