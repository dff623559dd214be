import { randomUUID } from 'node:crypto';
import { freeSlug, packMediaTypes, withMediaPaths } from '$lib/domain/content-pack';
import type { BriefingFormat } from '$lib/domain/format';
import { inTransaction, type Db } from '../db/database';
import type { MediaStorage } from '../media/storage';
import { recordAudit } from '../repositories/audit';
import { createBriefing, createVersion } from '../repositories/briefings';
import type { CheckedPack, UnpackedFile } from './check-pack';

/** What an import will create, shown for the lead to confirm. */
export interface PackPreview {
	topic: string;
	slug: string;
	sourceSlug: string;
	sourceOrganisation: string;
	sourceVersion: number;
	exportedAt: string;
	reviewBy: string;
	isExample: boolean;
	licence: CheckedPack['manifest']['licence'];
	thirdParty: CheckedPack['manifest']['thirdParty'];
	variants: Array<{ format: BriefingFormat; language: string; translationChecked: boolean }>;
	/** Media the import will store (bundled symbols aside). */
	files: Array<{ type: string; size: number }>;
	/** Bundled symbols the content uses, which this toolkit has already. */
	symbols: number;
	/** The fingerprint of its words and files, or null for a format 1 pack (made without one). */
	fingerprint: string | null;
}

/** The organisation's slugs that a new briefing named `slug` could clash with (`freeSlug`). */
export async function takenSlugs(
	db: Db,
	organisationId: string,
	slug: string
): Promise<Set<string>> {
	const rows = await db
		.selectFrom('briefing')
		.select('slug')
		.where('organisation_id', '=', organisationId)
		.where((eb) => eb.or([eb('slug', '=', slug), eb('slug', 'like', `${slug}-%`)]))
		.execute();
	return new Set(rows.map((r) => r.slug));
}

export async function previewPack(
	db: Db,
	organisationId: string,
	{ manifest, files }: CheckedPack
): Promise<PackPreview> {
	return {
		topic: manifest.briefing.topic,
		slug: freeSlug(
			manifest.briefing.slug,
			await takenSlugs(db, organisationId, manifest.briefing.slug)
		),
		sourceSlug: manifest.briefing.slug,
		sourceOrganisation: manifest.source.organisation,
		sourceVersion: manifest.version.number,
		exportedAt: manifest.exportedAt,
		reviewBy: manifest.version.reviewBy,
		isExample: manifest.version.isExample,
		licence: manifest.licence,
		thirdParty: manifest.thirdParty,
		variants: manifest.version.variants.map((v) => ({
			format: v.format,
			language: v.language,
			translationChecked: v.translationChecked
		})),
		files: manifest.files
			.filter((f) => f.type !== 'image/svg+xml')
			.map((f) => ({ type: f.type, size: files.get(f.name)?.size ?? 0 })),
		symbols: manifest.files.filter((f) => f.type === 'image/svg+xml').length,
		fingerprint: manifest.fingerprint ?? null
	};
}

/**
 * Imports a checked pack as a new briefing with one DRAFT version (never published: the
 * organisation reviews it through its own governance). Media are moved first from where the
 * check unpacked them into media storage, under their SHA-256 names, and paths in the content
 * rewritten to /uploads/…; then the briefing, version and audit entry in one transaction. If
 * that fails, the media this import created are removed, so a failed import leaves no orphan
 * files (the caller removes the rest of the unpacked folder with `discardPack`).
 */
export async function importPack(
	db: Db,
	media: MediaStorage,
	actor: { id: string; organisationId: string },
	pack: CheckedPack,
	now = new Date()
): Promise<{ briefingId: string; versionId: string; slug: string }> {
	const { manifest } = pack;
	const created: string[] = [];
	try {
		const newPath = new Map<string, string>();
		for (const file of manifest.files) {
			if (file.type === 'image/svg+xml') continue; // bundled symbols stay as they are
			const unpacked = pack.files.get(file.name) as UnpackedFile;
			const stored = await media.put(unpacked, packMediaTypes[file.type]);
			if (stored.created) created.push(stored.name);
			for (const path of file.paths) newPath.set(path, stored.path);
		}
		const variants = manifest.version.variants.map((v) =>
			withMediaPaths(v, (path) => newPath.get(path) ?? path)
		);
		return await inTransaction(db, async (trx) => {
			const slug = freeSlug(
				manifest.briefing.slug,
				await takenSlugs(trx, actor.organisationId, manifest.briefing.slug)
			);
			const briefing = await createBriefing(trx, {
				organisationId: actor.organisationId,
				slug,
				topic: manifest.briefing.topic,
				ownerId: actor.id
			});
			const versionId = await createVersion(
				trx,
				{
					briefingId: briefing.id,
					status: 'draft',
					reviewBy: manifest.version.reviewBy,
					evidenceLinks: manifest.version.evidenceLinks,
					userTestingNote: manifest.version.userTestingNote,
					approvedBy: null,
					isExample: manifest.version.isExample,
					variants
				},
				now
			);
			await recordAudit(
				trx,
				{
					organisationId: actor.organisationId,
					actorId: actor.id,
					action: 'imported',
					subjectType: 'briefing_version',
					subjectId: versionId,
					detail: {
						slug,
						from: manifest.source.organisation,
						sourceSlug: manifest.briefing.slug,
						sourceVersion: manifest.version.number,
						licence: manifest.licence.id
					}
				},
				now
			);
			return { briefingId: briefing.id, versionId, slug };
		});
	} catch (error) {
		await Promise.all(created.map((name) => media.remove(name)));
		throw error;
	}
}

/*
 * Between "check" and "confirm" a valid pack waits in media storage (shared by every app
 * server) under a random token, and a `pending_pack_import` row names its organisation and
 * when it expires: the lead need not upload it twice, a confirm that the load balancer sends
 * to another server finds it, and no other organisation can confirm it. Confirming checks it
 * again from scratch. A pack left waiting expires after an hour; its file goes an hour later.
 */
const STAGING_MS = 3_600_000;
const TOKEN = /^[0-9a-f-]{36}$/;

export async function stagePack(
	db: Db,
	media: MediaStorage,
	organisationId: string,
	zipFile: string,
	now = new Date()
): Promise<string> {
	await sweepStaged(db, media, now);
	const token = randomUUID();
	// The uploaded file is moved, not copied, when storage is on the same disk.
	await media.putPendingPack(token, zipFile);
	try {
		await db
			.insertInto('pending_pack_import')
			.values({
				id: token,
				organisation_id: organisationId,
				created_at: now.toISOString(),
				expires_at: new Date(now.getTime() + STAGING_MS).toISOString()
			})
			.execute();
	} catch (error) {
		await media.removePendingPack(token);
		throw error;
	}
	return token;
}

/** Deletes the pack's row, answering whether this call did: one statement, so one caller wins. */
async function takeRow(db: Db, organisationId: string, token: string, now: Date) {
	if (!TOKEN.test(token)) return false;
	const taken = await db
		.deleteFrom('pending_pack_import')
		.where('id', '=', token)
		.where('organisation_id', '=', organisationId)
		.where('expires_at', '>', now.toISOString())
		.returning('id')
		.execute();
	return taken.length > 0;
}

/**
 * Takes a waiting pack for confirming: its row is deleted and returned in one statement, so of
 * two confirms of the same pack (a double click, a second tab, two servers) only one gets it.
 * Answers a file to check and import from, which the caller then removes with
 * `media.removePendingPack(token)`.
 */
export async function claimStaged(
	db: Db,
	media: MediaStorage,
	organisationId: string,
	token: string,
	now = new Date()
): Promise<string | null> {
	return (await takeRow(db, organisationId, token, now)) ? media.pendingPackFile(token) : null;
}

export async function dropStaged(
	db: Db,
	media: MediaStorage,
	organisationId: string,
	token: string,
	now = new Date()
) {
	if (await takeRow(db, organisationId, token, now)) await media.removePendingPack(token);
}

async function sweepStaged(db: Db, media: MediaStorage, now: Date) {
	await db.deleteFrom('pending_pack_import').where('expires_at', '<=', now.toISOString()).execute(); // tenancy: expired rows of every organisation go; nothing is read or shown
	await media.sweep(now.getTime() - 2 * STAGING_MS);
}
