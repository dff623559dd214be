import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { freeSlug, packMediaTypes, withMediaPaths } from '$lib/domain/content-pack';
import type { BriefingFormat } from '$lib/domain/format';
import { inTransaction, type Db } from '../db/database';
import { recordAudit } from '../repositories/audit';
import { createBriefing, createVersion } from '../repositories/briefings';
import type { CheckedPack, UnpackedFile } from './check-pack';
import { moveIntoUploads } from './media-files';

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
	files: Array<{ type: string; size: number }>;
}

async function takenSlugs(db: Db, organisationId: string, slug: string): Promise<Set<string>> {
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
			.map((f) => ({ type: f.type, size: files.get(f.name)?.size ?? 0 }))
	};
}

/**
 * Imports a checked pack as a new briefing with one DRAFT version (never published: the
 * organisation reviews it through its own governance). Media are moved first from where the
 * check unpacked them into uploads/, under their SHA-256 names, and paths in the content
 * rewritten to /uploads/…; then the briefing, version and audit entry in one transaction. If
 * that fails, the media this import created are removed, so a failed import leaves no orphan
 * files (the caller removes the rest of the unpacked folder with `discardPack`).
 */
export async function importPack(
	db: Db,
	dataDir: string,
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
			const stored = await moveIntoUploads(dataDir, unpacked, packMediaTypes[file.type]);
			if (stored.created) created.push(stored.file);
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
		await Promise.all(created.map((file) => rm(file, { force: true })));
		throw error;
	}
}

/*
 * Between "check" and "confirm" a valid pack waits in `<DATA_DIR>/pack-imports/`, named by the
 * organisation and a random token, so the lead need not upload it twice and no other
 * organisation can confirm it. Confirming checks it again from scratch. Packs left waiting
 * are removed after an hour.
 */
const STAGING_HOURS = 1;
const stagingDir = (dataDir: string) => join(dataDir, 'pack-imports');
const stagedFile = (dataDir: string, organisationId: string, token: string) =>
	join(stagingDir(dataDir), `${organisationId}.${token}.zip`);
const TOKEN = /^[0-9a-f-]{36}$/;

export async function stagePack(
	dataDir: string,
	organisationId: string,
	zipFile: string,
	now = new Date()
): Promise<string> {
	await pruneStaged(dataDir, now);
	await mkdir(stagingDir(dataDir), { recursive: true });
	const token = randomUUID();
	// The uploaded file is moved, not copied: it arrived on the same disk (DATA_DIR/incoming).
	await rename(zipFile, stagedFile(dataDir, organisationId, token));
	return token;
}

/**
 * Takes a waiting pack for confirming: renamed away first (atomic), so of two confirms of the
 * same pack (a double click, a second tab) only one gets it. Answers the claimed file, which
 * the caller removes once it has checked and imported it.
 */
export async function claimStaged(
	dataDir: string,
	organisationId: string,
	token: string
): Promise<string | null> {
	if (!TOKEN.test(token)) return null;
	const claimed = join(stagingDir(dataDir), `.claimed-${randomUUID()}`);
	try {
		await rename(stagedFile(dataDir, organisationId, token), claimed);
	} catch {
		return null; // never staged, expired, or claimed by another request
	}
	return claimed;
}

export async function dropStaged(dataDir: string, organisationId: string, token: string) {
	if (TOKEN.test(token)) await rm(stagedFile(dataDir, organisationId, token), { force: true });
}

async function pruneStaged(dataDir: string, now: Date) {
	const dir = stagingDir(dataDir);
	if (!existsSync(dir)) return;
	for (const name of await readdir(dir)) {
		const file = join(dir, name);
		const { mtimeMs } = await stat(file);
		if (now.getTime() - mtimeMs > STAGING_HOURS * 3_600_000) await rm(file, { force: true });
	}
}
