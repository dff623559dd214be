import { BriefingFormat } from '$lib/domain/format';
import { SetAsideReason } from '$lib/domain/held-record';
import { pageWindow, pagingOf, type PageWindow } from '$lib/domain/pagination';
import { HoldReason } from '$lib/domain/sync';
import type { Db } from '../db/database';
import { UNDONE_ON_WARD } from '../sync/write-batch';

/*
 * Records held for checking that were set aside (migration 046): by a lead, with a reason, or
 * undone on the ward while held. None is counted; the lead may count one of the first kind
 * after all (held-records.ts, countSetAsideRecord). Record-level: for the organisation's lead
 * and admin, as the held list is, and every query names the organisation.
 */

/** Records set aside listed a page. */
export const SET_ASIDE_PER_PAGE = 20;

/** Why it was set aside: a reason from the list, a lead's sentence ('other'), or undone on the ward. */
export type SetAsideWhy =
	| { kind: 'listed'; reason: Exclude<SetAsideReason, 'other'> }
	| { kind: 'other'; note: string }
	| { kind: 'undoneOnWard' };

export interface SetAsideRecordSummary {
	id: string;
	wardName: string;
	recordedAt: string;
	topic: string;
	versionNumber: number;
	format: BriefingFormat;
	language: string;
	/** Why the sync held it. */
	reason: HoldReason;
	setAsideAt: string;
	/** Who set it aside: the lead, or the nurse who undid it on the ward. */
	setAsideBy: string;
	why: SetAsideWhy;
}

const setAside = (db: Db, organisationId: string) =>
	db
		.selectFrom('held_delivery_record as h')
		.where('h.organisation_id', '=', organisationId)
		.where('h.set_aside_at', 'is not', null);

/** The stored reason, read back: SetAsideForm keeps a listed reason's name, or the lead's note. */
export function setAsideWhy(stored: string): SetAsideWhy {
	if (stored === UNDONE_ON_WARD) return { kind: 'undoneOnWard' };
	const listed = SetAsideReason.exclude(['other']).safeParse(stored);
	return listed.success ? { kind: 'listed', reason: listed.data } : { kind: 'other', note: stored };
}

export async function countSetAsideRecords(db: Db, organisationId: string): Promise<number> {
	const row = await setAside(db, organisationId)
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** One page of the records set aside, the latest set aside first. */
export async function listSetAsideRecords(
	db: Db,
	organisationId: string,
	{ limit, offset }: Pick<PageWindow, 'limit' | 'offset'>
): Promise<SetAsideRecordSummary[]> {
	const rows = await setAside(db, organisationId)
		.innerJoin('ward', 'ward.id', 'h.ward_id')
		.innerJoin('briefing as b', 'b.id', 'h.briefing_id')
		.innerJoin('briefing_version as v', 'v.id', 'h.version_id')
		.innerJoin('staff_account as s', 's.id', 'h.set_aside_by')
		.select([
			'h.id',
			'ward.name as ward_name',
			'h.recorded_at',
			'b.topic',
			'v.number as version_number',
			'h.format',
			'h.language',
			'h.reason',
			'h.set_aside_at',
			's.display_name as set_aside_by',
			'h.set_aside_reason'
		])
		.orderBy('h.set_aside_at', 'desc')
		.orderBy('h.id', 'desc')
		.limit(limit)
		.offset(offset)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		wardName: r.ward_name,
		recordedAt: r.recorded_at,
		topic: r.topic,
		versionNumber: r.version_number,
		format: BriefingFormat.parse(r.format),
		language: r.language,
		reason: HoldReason.parse(r.reason),
		setAsideAt: r.set_aside_at ?? '',
		setAsideBy: r.set_aside_by,
		why: setAsideWhy(r.set_aside_reason ?? '')
	}));
}

/** The page of records set aside the address asks for, and how it pages. */
export async function setAsideRecordsPage(db: Db, organisationId: string, page?: number) {
	const slice = pageWindow(
		page,
		await countSetAsideRecords(db, organisationId),
		SET_ASIDE_PER_PAGE
	);
	const records = await listSetAsideRecords(db, organisationId, slice);
	return { records, paging: pagingOf(slice, records.length) };
}
