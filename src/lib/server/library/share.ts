import { randomUUID } from 'node:crypto';
import { briefingFormats } from '$lib/domain/format';
import type { LibraryContent, ShareForm } from '$lib/domain/library/library';
import { readingAge } from '$lib/domain/readability';
import type { StaffAccount } from '$lib/domain/staff';
import { readableText } from '$lib/domain/variant-fields';
import { inTransaction, type Db } from '../db/database';
import { lockFor } from '../db/sql';
import { loadPublished } from '../content-packs/export-pack';
import { recordAudit } from '../repositories/audit';
import { contentFingerprint } from './versions';

type Actor = Pick<StaffAccount, 'id' | 'organisationId'>;

export type ShareResult =
	{ ok: true; itemId: string; number: number } | { ok: false; reason: 'notFound' | 'notPublished' };

/**
 * The reading age a library item shows: the highest estimate among its English variants (the
 * hardest text a patient may be given), worked out as the studio's version page does. Null
 * when no variant has an estimate (other languages have no formula).
 */
export function itemReadingAge(content: Pick<LibraryContent, 'variants'>): number | null {
	const ages = content.variants
		.map((v) => readingAge(readableText(v), v.language))
		.flatMap((r) => (r.kind === 'estimate' ? [r.age] : []));
	return ages.length ? Math.max(...ages) : null;
}

/**
 * Shares the briefing's published version (only a published one: a draft or a version in
 * review never leaves its organisation). The first share makes the item; sharing again after
 * publishing a new version adds a library version, which adopters are then told about; sharing
 * the same published version again only updates the licence, notes and needs. An item the
 * author withdrew returns to the library when shared again.
 */
export async function shareBriefing(
	db: Db,
	actor: Actor,
	form: ShareForm,
	now = new Date()
): Promise<ShareResult> {
	const found = await loadPublished(db, actor.organisationId, form.briefingId);
	if (!found) return { ok: false, reason: 'notFound' };
	if (!found.version) return { ok: false, reason: 'notPublished' };
	const { briefing, version } = found;
	const content: LibraryContent = {
		slug: briefing.slug,
		topic: briefing.topic,
		sourceVersion: version.number,
		reviewBy: version.reviewBy,
		evidenceLinks: version.evidenceLinks,
		userTestingNote: version.userTestingNote,
		isExample: version.isExample,
		variants: version.variants
	};
	const at = now.toISOString();
	return inTransaction(db, async (trx) => {
		await lockFor(trx, `library-item:${actor.organisationId}:${briefing.id}`);
		const existing = await trx
			.selectFrom('library_item')
			.select('id')
			.where('source_organisation_id', '=', actor.organisationId)
			.where('source_briefing_id', '=', briefing.id)
			.executeTakeFirst();
		const itemId = existing?.id ?? randomUUID();
		const fields = {
			topic: briefing.topic,
			licence: form.licence,
			attribution: form.attribution,
			evidence_note: form.evidenceNote,
			user_testing_note: form.userTestingNote,
			needs: JSON.stringify(form.needs),
			updated_at: at,
			withdrawn_at: null,
			withdrawn_reason: null
		};
		if (existing)
			await trx
				.updateTable('library_item')
				.set(fields)
				.where('id', '=', itemId)
				.where('source_organisation_id', '=', actor.organisationId)
				.execute();
		else
			await trx
				.insertInto('library_item')
				.values({
					id: itemId,
					source_organisation_id: actor.organisationId,
					source_briefing_id: briefing.id,
					created_at: at,
					...fields
				})
				.execute();
		const latest = await trx
			.selectFrom('library_item_version')
			.select(['number', 'source_version_number'])
			.where('library_item_id', '=', itemId)
			.orderBy('number', 'desc')
			.executeTakeFirst();
		let number = latest?.number ?? 0;
		if (latest?.source_version_number !== version.number) {
			number += 1;
			await trx
				.insertInto('library_item_version')
				.values({
					id: randomUUID(),
					library_item_id: itemId,
					number,
					source_version_number: version.number,
					content: JSON.stringify(content),
					fingerprint: contentFingerprint(content),
					formats: JSON.stringify(
						briefingFormats.filter((f) => content.variants.some((v) => v.format === f))
					),
					languages: JSON.stringify([...new Set(content.variants.map((v) => v.language))]),
					reading_age: itemReadingAge(content),
					review_by: content.reviewBy,
					shared_by: actor.id,
					shared_at: at
				})
				.execute();
		}
		await recordAudit(
			trx,
			{
				organisationId: actor.organisationId,
				actorId: actor.id,
				action: 'library.shared',
				subjectType: 'library_item',
				subjectId: itemId,
				detail: { libraryVersion: number, version: version.number, licence: form.licence }
			},
			now
		);
		return { ok: true, itemId, number };
	});
}

/** Takes the author's item out of the library; adopters keep their briefings. */
export async function withdrawItem(
	db: Db,
	actor: Actor,
	itemId: string,
	now = new Date()
): Promise<boolean> {
	return inTransaction(db, async (trx) => {
		const done = await trx
			.updateTable('library_item')
			.set({ withdrawn_at: now.toISOString(), withdrawn_reason: 'author' })
			.where('id', '=', itemId)
			.where('source_organisation_id', '=', actor.organisationId)
			.where('withdrawn_at', 'is', null)
			.executeTakeFirst();
		if (Number(done.numUpdatedRows) === 0) return false;
		await recordAudit(
			trx,
			{
				organisationId: actor.organisationId,
				actorId: actor.id,
				action: 'library.withdrawn',
				subjectType: 'library_item',
				subjectId: itemId
			},
			now
		);
		return true;
	});
}
