import { createHash } from 'node:crypto';
import { LibraryContent } from '$lib/domain/library/library';
import type { Db } from '../db/database';
import { mediaPathsOf } from '$lib/domain/content-pack';
import { canonicalJson } from '../content-packs/fingerprint';
import type { MediaStorage } from '../media/storage';

/*
 * A library version's content is frozen when shared, and its fingerprint is the SHA-256 of its
 * canonical JSON (the content packs' rule: keys sorted at every depth, no spaces). Every read
 * that serves it — a preview, a diff, an adoption — goes through `readVersion`, which computes
 * the fingerprint again: content that no longer matches (edited in the database, a restore gone
 * wrong) is never served, and its item is withdrawn from the library with the reason
 * 'fingerprint', which the library shows as a notice. Media paths are named by the SHA-256 of
 * their bytes, so the fingerprint covers which pictures and films too; an adoption also hashes
 * each file as stored (`mediaIntact`), so one replaced on disk is caught before it travels.
 */

/**
 * Whether every uploaded file the content names still holds the bytes its name promises (the
 * name is their SHA-256): a file replaced or lost on disk fails, as changed text does.
 */
export async function mediaIntact(media: MediaStorage, content: LibraryContent): Promise<boolean> {
	const names = new Set(
		content.variants
			.flatMap((v) => mediaPathsOf(v))
			.filter((path) => path.startsWith('/uploads/'))
			.map((path) => path.slice('/uploads/'.length))
	);
	for (const name of names) {
		if ((await media.digest(name)) !== name.split('.')[0]) return false;
	}
	return true;
}

export function contentFingerprint(content: LibraryContent): string {
	return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

export type ReadVersion =
	| { ok: true; number: number; content: LibraryContent; fingerprint: string; sharedAt: string }
	| { ok: false; reason: 'notFound' | 'fingerprint' };

/** Withdraws an item whose stored content failed its check; the first such read does it. */
export async function withdrawTampered(db: Db, itemId: string, now: Date) {
	await db
		.updateTable('library_item')
		.set({ withdrawn_at: now.toISOString(), withdrawn_reason: 'fingerprint' })
		.where('id', '=', itemId)
		.where('withdrawn_reason', 'is', null)
		.execute();
}

/** One version of an item (the latest when `number` is absent), checked against its fingerprint. */
export async function readVersion(
	db: Db,
	itemId: string,
	number?: number,
	now = new Date()
): Promise<ReadVersion> {
	let query = db
		.selectFrom('library_item_version')
		.select(['number', 'content', 'fingerprint', 'shared_at'])
		.where('library_item_id', '=', itemId);
	query =
		number === undefined ? query.orderBy('number', 'desc') : query.where('number', '=', number);
	const row = await query.limit(1).executeTakeFirst();
	if (!row) return { ok: false, reason: 'notFound' };
	let content: LibraryContent | null = null;
	try {
		const parsed = LibraryContent.safeParse(JSON.parse(row.content));
		if (parsed.success) content = parsed.data;
	} catch {
		content = null;
	}
	if (!content || contentFingerprint(content) !== row.fingerprint) {
		await withdrawTampered(db, itemId, now);
		return { ok: false, reason: 'fingerprint' };
	}
	return {
		ok: true,
		number: row.number,
		content,
		fingerprint: row.fingerprint,
		sharedAt: row.shared_at
	};
}
