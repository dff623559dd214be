import { randomUUID } from 'node:crypto';
import { freeSlug } from '$lib/domain/content-pack';
import type { StaffAccount } from '$lib/domain/staff';
import { diffVersions, type VariantChange } from '$lib/domain/version-diff';
import { inTransaction, type Db } from '../db/database';
import { isUniqueViolation } from '../db/sql';
import { recordAudit } from '../repositories/audit';
import { createBriefing, createVersion } from '../repositories/briefings';
import { takenSlugs } from '../content-packs/import-pack';
import type { MediaStorage } from '../media/storage';
import { mediaIntact, readVersion, withdrawTampered } from './versions';

type Actor = Pick<StaffAccount, 'id' | 'organisationId'>;

export type AdoptResult =
	| { ok: true; briefingId: string }
	| { ok: false; reason: 'notFound' | 'withdrawn' | 'fingerprint' | 'own' | 'alreadyAdopted' };

async function adoptedBy(db: Db, organisationId: string, itemId: string): Promise<boolean> {
	const row = await db
		.selectFrom('library_adoption')
		.select('id')
		.where('organisation_id', '=', organisationId)
		.where('library_item_id', '=', itemId)
		.executeTakeFirst();
	return row !== undefined;
}

/**
 * Adopts an item's latest version: a new briefing in the adopter's own organisation with one
 * DRAFT version (never published here: it goes through that organisation's own review and
 * publishing), its media the same content-addressed files, and the adoption row that names
 * where it came from, all in one transaction with its audit entry. The content is checked
 * against its fingerprint first; one that fails is withdrawn and nothing is adopted.
 */
export async function adoptItem(
	db: Db,
	media: MediaStorage,
	actor: Actor,
	itemId: string,
	now = new Date()
): Promise<AdoptResult> {
	const item = await db
		.selectFrom('library_item')
		.select(['id', 'source_organisation_id', 'withdrawn_at'])
		.where('id', '=', itemId)
		.executeTakeFirst();
	if (!item) return { ok: false, reason: 'notFound' };
	if (item.withdrawn_at) return { ok: false, reason: 'withdrawn' };
	if (item.source_organisation_id === actor.organisationId) return { ok: false, reason: 'own' };
	const version = await readVersion(db, itemId, undefined, now);
	if (!version.ok)
		return { ok: false, reason: version.reason === 'fingerprint' ? 'fingerprint' : 'notFound' };
	const { content } = version;
	// The files travel too: each must still hold the bytes its name (their SHA-256) promises.
	// (Hashed only for an organisation that has not adopted it yet: a video takes a while.)
	if (await adoptedBy(db, actor.organisationId, itemId))
		return { ok: false, reason: 'alreadyAdopted' };
	if (!(await mediaIntact(media, content))) {
		await withdrawTampered(db, itemId, now);
		return { ok: false, reason: 'fingerprint' };
	}
	try {
		return await inTransaction(db, async (trx) => {
			if (await adoptedBy(trx, actor.organisationId, itemId))
				return { ok: false, reason: 'alreadyAdopted' } as const;
			const slug = freeSlug(
				content.slug,
				await takenSlugs(trx, actor.organisationId, content.slug)
			);
			const briefing = await createBriefing(trx, {
				organisationId: actor.organisationId,
				slug,
				topic: content.topic,
				ownerId: actor.id
			});
			const versionId = await createVersion(
				trx,
				{
					briefingId: briefing.id,
					status: 'draft',
					reviewBy: content.reviewBy,
					evidenceLinks: content.evidenceLinks,
					userTestingNote: content.userTestingNote,
					approvedBy: null,
					isExample: content.isExample,
					variants: content.variants
				},
				now
			);
			await trx
				.insertInto('library_adoption')
				.values({
					id: randomUUID(),
					organisation_id: actor.organisationId,
					library_item_id: itemId,
					version_number: version.number,
					seen_version: version.number,
					briefing_id: briefing.id,
					adopted_by: actor.id,
					adopted_at: now.toISOString()
				})
				.execute();
			await recordAudit(
				trx,
				{
					organisationId: actor.organisationId,
					actorId: actor.id,
					action: 'library.adopted',
					subjectType: 'briefing_version',
					subjectId: versionId,
					detail: { libraryItem: itemId, libraryVersion: version.number, slug }
				},
				now
			);
			return { ok: true, briefingId: briefing.id } as const;
		});
	} catch (error) {
		// A second adoption racing the first: the unique (organisation, item) refused it.
		if (isUniqueViolation(error)) return { ok: false, reason: 'alreadyAdopted' };
		throw error;
	}
}

export interface Adoption {
	itemId: string;
	briefingId: string;
	topic: string;
	sourceOrganisation: string;
	/** The library version adopted, and the source's own version number it held. */
	version: number;
	sourceVersion: number;
	latest: number;
	latestSourceVersion: number;
	seen: number;
	withdrawn: null | 'author' | 'fingerprint';
}

function adoptionQuery(db: Db, organisationId: string) {
	return db
		.selectFrom('library_adoption as a')
		.innerJoin('library_item as i', 'i.id', 'a.library_item_id')
		.innerJoin('organisation as o', 'o.id', 'i.source_organisation_id')
		.innerJoin('library_item_version as adopted', (join) =>
			join
				.onRef('adopted.library_item_id', '=', 'a.library_item_id')
				.onRef('adopted.number', '=', 'a.version_number')
		)
		.innerJoin('library_item_version as latest', (join) =>
			join.onRef('latest.library_item_id', '=', 'a.library_item_id').on((eb) =>
				eb(
					'latest.number',
					'=',
					eb
						.selectFrom('library_item_version as w')
						.select((w) => w.fn.max('w.number').as('n'))
						.whereRef('w.library_item_id', '=', 'a.library_item_id')
				)
			)
		)
		.select([
			'a.library_item_id',
			'a.briefing_id',
			'a.version_number',
			'a.seen_version',
			'i.topic',
			'i.withdrawn_reason',
			'o.name',
			'adopted.source_version_number as adopted_source',
			'latest.number as latest',
			'latest.source_version_number as latest_source'
		])
		.where('a.organisation_id', '=', organisationId);
}

function toAdoption(r: Awaited<ReturnType<ReturnType<typeof adoptionQuery>['execute']>>[number]) {
	return {
		itemId: r.library_item_id,
		briefingId: r.briefing_id,
		topic: r.topic,
		sourceOrganisation: r.name,
		version: r.version_number,
		sourceVersion: r.adopted_source,
		latest: r.latest,
		latestSourceVersion: r.latest_source,
		seen: r.seen_version,
		withdrawn: (r.withdrawn_reason as Adoption['withdrawn']) ?? null
	} satisfies Adoption;
}

/** The organisation's adoptions, with whether the source has shared a newer version since. */
export async function listAdoptions(db: Db, organisationId: string): Promise<Adoption[]> {
	return (await adoptionQuery(db, organisationId).orderBy('i.topic').execute()).map(toAdoption);
}

/** Where one of the organisation's briefings came from, if it was adopted from the library. */
export async function adoptionOfBriefing(
	db: Db,
	organisationId: string,
	briefingId: string
): Promise<Adoption | null> {
	const row = await adoptionQuery(db, organisationId)
		.where('a.briefing_id', '=', briefingId)
		.executeTakeFirst();
	return row ? toAdoption(row) : null;
}

export async function adoptionOfItem(db: Db, organisationId: string, itemId: string) {
	const row = await adoptionQuery(db, organisationId)
		.where('a.library_item_id', '=', itemId)
		.executeTakeFirst();
	return row ? toAdoption(row) : null;
}

export type AdoptionChanges =
	| { ok: true; adoption: Adoption; changes: VariantChange[] }
	| { ok: false; reason: 'notFound' | 'fingerprint' };

/** What changed in the library between the version the organisation adopted and the latest. */
export async function adoptionChanges(
	db: Db,
	organisationId: string,
	itemId: string,
	now = new Date()
): Promise<AdoptionChanges> {
	const adoption = await adoptionOfItem(db, organisationId, itemId);
	if (!adoption) return { ok: false, reason: 'notFound' };
	const [from, to] = await Promise.all([
		readVersion(db, itemId, adoption.version, now),
		readVersion(db, itemId, adoption.latest, now)
	]);
	if (!from.ok || !to.ok) return { ok: false, reason: 'fingerprint' };
	return { ok: true, adoption, changes: diffVersions(from.content.variants, to.content.variants) };
}

/** The lead has read the changes up to the latest version: the notice goes. */
export async function markChangesSeen(db: Db, organisationId: string, itemId: string) {
	const adoption = await adoptionOfItem(db, organisationId, itemId);
	if (!adoption) return false;
	await db
		.updateTable('library_adoption')
		.set({ seen_version: adoption.latest })
		.where('organisation_id', '=', organisationId)
		.where('library_item_id', '=', itemId)
		.execute();
	return true;
}
