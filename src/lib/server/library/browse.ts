import { z } from 'zod';
import {
	LibraryLicence,
	matchesFilter,
	type LibraryFilter,
	type LibraryListing
} from '$lib/domain/library/library';
import type { Db } from '../db/database';

/*
 * Reading the library: service-wide by design (every organisation's leads browse it), so these
 * queries name no organisation except to say which items are the reader's own and which the
 * reader adopted. The adoption count is the author's alone to see.
 */

const Strings = z.array(z.string());

export interface LibraryItemSummary extends LibraryListing {
	id: string;
	sourceOrganisation: string;
	/** The reader's organisation shared it. */
	own: boolean;
	/** The briefing it was shared from: for the author only, else null. */
	sourceBriefingId: string | null;
	licence: LibraryLicence;
	attribution: string;
	evidenceNote: string;
	userTestingNote: string;
	reviewBy: string;
	number: number;
	sourceVersion: number;
	withdrawn: null | 'author' | 'fingerprint';
	/** How many organisations adopted it: for the author only, else null. */
	adoptions: number | null;
	/** The reader's own adoption of it, if any. */
	adoptedBriefingId: string | null;
}

function itemQuery(db: Db) {
	return db
		.selectFrom('library_item as i')
		.innerJoin('organisation as o', 'o.id', 'i.source_organisation_id')
		.innerJoin('library_item_version as v', (join) =>
			join.onRef('v.library_item_id', '=', 'i.id').on((eb) =>
				eb(
					'v.number',
					'=',
					eb
						.selectFrom('library_item_version as w')
						.select((w) => w.fn.max('w.number').as('n'))
						.whereRef('w.library_item_id', '=', 'i.id')
				)
			)
		)
		.select([
			'i.id',
			'i.topic',
			'i.source_organisation_id',
			'i.source_briefing_id',
			'o.name as source_name',
			'i.licence',
			'i.attribution',
			'i.evidence_note',
			'i.user_testing_note',
			'i.needs',
			'i.updated_at',
			'i.withdrawn_reason',
			'v.number',
			'v.source_version_number',
			'v.formats',
			'v.languages',
			'v.reading_age',
			'v.review_by'
		]);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>['execute']>>[number];

async function summaries(
	db: Db,
	readerOrganisationId: string,
	rows: ItemRow[]
): Promise<LibraryItemSummary[]> {
	const ids = rows.map((r) => r.id);
	const ownIds = rows
		.filter((r) => r.source_organisation_id === readerOrganisationId)
		.map((r) => r.id);
	const [counts, mine] = await Promise.all([
		ownIds.length
			? db
					.selectFrom('library_adoption')
					.select((eb) => ['library_item_id', eb.fn.countAll<number>().as('n')])
					.where('library_item_id', 'in', ownIds)
					.groupBy('library_item_id')
					.execute() // tenancy: counts other organisations' adoptions of the reader's own items, no more
			: [],
		ids.length
			? db
					.selectFrom('library_adoption')
					.select(['library_item_id', 'briefing_id'])
					.where('organisation_id', '=', readerOrganisationId)
					.where('library_item_id', 'in', ids)
					.execute()
			: []
	]);
	return rows.map((r) => {
		const own = r.source_organisation_id === readerOrganisationId;
		return {
			id: r.id,
			topic: r.topic,
			sourceOrganisation: r.source_name,
			own,
			sourceBriefingId: own ? r.source_briefing_id : null,
			licence: LibraryLicence.parse(r.licence),
			attribution: r.attribution,
			evidenceNote: r.evidence_note,
			userTestingNote: r.user_testing_note,
			needs: Strings.parse(JSON.parse(r.needs)),
			formats: Strings.parse(JSON.parse(r.formats)),
			languages: Strings.parse(JSON.parse(r.languages)),
			readingAge: r.reading_age,
			updatedAt: r.updated_at,
			reviewBy: r.review_by,
			number: r.number,
			sourceVersion: r.source_version_number,
			withdrawn: (r.withdrawn_reason as LibraryItemSummary['withdrawn']) ?? null,
			adoptions: own ? Number(counts.find((c) => c.library_item_id === r.id)?.n ?? 0) : null,
			adoptedBriefingId: mine.find((m) => m.library_item_id === r.id)?.briefing_id ?? null
		};
	});
}

/** The items in the library (withdrawn ones left out), newest first, filtered. */
export async function browseLibrary(
	db: Db,
	readerOrganisationId: string,
	filter: LibraryFilter,
	now = new Date()
): Promise<LibraryItemSummary[]> {
	const rows = await itemQuery(db)
		.where('i.withdrawn_at', 'is', null)
		.orderBy('i.updated_at', 'desc')
		.execute();
	return (await summaries(db, readerOrganisationId, rows)).filter((i) =>
		matchesFilter(i, filter, now)
	);
}

/** The reader's organisation's own items, withdrawn ones included (to share again). */
export async function ownItems(db: Db, organisationId: string): Promise<LibraryItemSummary[]> {
	const rows = await itemQuery(db)
		.where('i.source_organisation_id', '=', organisationId)
		.orderBy('i.updated_at', 'desc')
		.execute();
	return summaries(db, organisationId, rows);
}

/**
 * One item as the reader may see it: any item in the library, or a withdrawn one only to its
 * author and to an organisation that adopted it (to read the notice).
 */
export async function getItem(
	db: Db,
	readerOrganisationId: string,
	itemId: string
): Promise<LibraryItemSummary | null> {
	const row = await itemQuery(db).where('i.id', '=', itemId).executeTakeFirst();
	if (!row) return null;
	const [item] = await summaries(db, readerOrganisationId, [row]);
	if (!item) return null;
	if (item.withdrawn && !item.own && !item.adoptedBriefingId) return null;
	return item;
}
