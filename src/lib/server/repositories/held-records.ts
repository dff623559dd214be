import { BriefingFormat } from '$lib/domain/format';
import { DeliveryOutcome, TeachBack } from '$lib/domain/delivery-record';
import { LocalDays } from '$lib/domain/local-time';
import type { StaffAccount } from '$lib/domain/staff';
import { HoldReason } from '$lib/domain/sync';
import type { ExpressionBuilder, Selectable } from 'kysely';
import { inTransaction, type Db } from '../db/database';
import type { Database, HeldDeliveryRecordTable } from '../db/schema';
import { UNDONE_ON_WARD } from '../sync/write-batch';
import { toAnswer } from './answers';
import { recordAudit } from './audit';
import { countNewRecords } from './day-counts';
import { organisationTimeZone } from './organisations';

/*
 * Records held for the lead to check (migration 046; the sync holds them, sync/batch.ts). The
 * lead counts one (it becomes a delivery record exactly as recorded, counted in the measures
 * from then) or sets it aside with a reason, and may count one set aside after all; each
 * audited, each refuses a record another person has decided meanwhile ('stale'): the decision
 * is the write itself (a delete, an update, each `where` the record is still as the decision
 * found it), so of two at once on either engine exactly one changes a row. Every query names
 * the organisation: another organisation's record is 'notFound'. Records set aside are listed
 * in set-aside-records.ts.
 */

export interface HeldRecordSummary {
	id: string;
	wardName: string;
	/** The organisation's local day it was recorded on. */
	recordedDay: string;
	recordedAt: string;
	groupName: string;
	topic: string;
	versionNumber: number;
	format: BriefingFormat;
	language: string;
	outcome: DeliveryOutcome;
	talkedThrough: boolean | null;
	teachBack: TeachBack | null;
	reason: HoldReason;
	receivedAt: string;
}

const undecided = (db: Db, organisationId: string) =>
	db
		.selectFrom('held_delivery_record as h')
		.where('h.organisation_id', '=', organisationId)
		.where('h.set_aside_at', 'is', null);

/** How many records wait for the lead: the measurement home says so. */
export async function countHeldRecords(db: Db, organisationId: string): Promise<number> {
	const row = await undecided(db, organisationId)
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** The records waiting for the lead, oldest first. */
export async function listHeldRecords(
	db: Db,
	organisationId: string,
	limit = 200
): Promise<HeldRecordSummary[]> {
	const rows = await undecided(db, organisationId)
		.innerJoin('ward', 'ward.id', 'h.ward_id')
		.innerJoin('patient_group as g', 'g.id', 'h.patient_group_id')
		.innerJoin('briefing as b', 'b.id', 'h.briefing_id')
		.innerJoin('briefing_version as v', 'v.id', 'h.version_id')
		.select([
			'h.id',
			'ward.name as ward_name',
			'h.recorded_day',
			'h.recorded_at',
			'g.name as group_name',
			'b.topic',
			'v.number as version_number',
			'h.format',
			'h.language',
			'h.outcome',
			'h.talked_through',
			'h.teach_back',
			'h.reason',
			'h.received_at'
		])
		.orderBy('h.recorded_at')
		.orderBy('h.id')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		wardName: r.ward_name,
		recordedDay: r.recorded_day,
		recordedAt: r.recorded_at,
		groupName: r.group_name,
		topic: r.topic,
		versionNumber: r.version_number,
		format: BriefingFormat.parse(r.format),
		language: r.language,
		outcome: DeliveryOutcome.parse(r.outcome),
		talkedThrough: toAnswer(r.talked_through),
		teachBack: TeachBack.nullable().parse(r.teach_back),
		reason: HoldReason.parse(r.reason),
		receivedAt: r.received_at
	}));
}

/**
 * What a decision did: counted or set aside; or nothing, as someone else had decided meanwhile
 * ('stale'), the organisation has no such record ('notFound'), or (counting a record set
 * aside) the nurse undid it on the ward, so it is no briefing given ('undoneOnWard').
 */
export type Decision = 'counted' | 'setAside' | 'stale' | 'notFound' | 'undoneOnWard';

/** Which held records a count takes: those waiting, or those a lead set aside. */
type CountFrom = 'waiting' | 'setAside';

/** The held records `from` names; a record undone on the ward is never counted. */
const countable = (from: CountFrom) => (eb: ExpressionBuilder<Database, 'held_delivery_record'>) =>
	from === 'waiting'
		? eb('set_aside_at', 'is', null)
		: eb.and([eb('set_aside_at', 'is not', null), eb('set_aside_reason', '!=', UNDONE_ON_WARD)]);

/**
 * Why nothing changed: decided by someone else meanwhile, or no such record of this
 * organisation; or, counting one set aside, it was undone on the ward.
 */
async function whyNot(
	trx: Db,
	organisationId: string,
	id: string,
	from: CountFrom = 'waiting'
): Promise<'stale' | 'notFound' | 'undoneOnWard'> {
	const held = await trx
		.selectFrom('held_delivery_record')
		.select(['id', 'set_aside_reason'])
		.where('organisation_id', '=', organisationId)
		.where('id', '=', id)
		.executeTakeFirst();
	if (from === 'setAside' && held?.set_aside_reason === UNDONE_ON_WARD) return 'undoneOnWard';
	const counted = await trx
		.selectFrom('delivery_record')
		.select('id')
		.where('organisation_id', '=', organisationId)
		.where('id', '=', id)
		.executeTakeFirst();
	return held || counted ? 'stale' : 'notFound';
}

/**
 * Counts a held record: it becomes a delivery record exactly as recorded (its day worked out
 * in the organisation's zone as it is now), with its patient link if its token is not linked
 * elsewhere, and the measures' day counts follow in the same transaction.
 */
export function countHeldRecord(
	db: Db,
	account: StaffAccount,
	id: string,
	now = new Date()
): Promise<Decision> {
	return countHeld(db, account, id, now, 'waiting');
}

/**
 * Counts after all a record a lead set aside (by mistake, say), as countHeldRecord counts one
 * waiting, exactly once, audited, with its patient link as counting it then would have made
 * (its token's hash is kept while it is set aside), so feedback the patient sent through the QR
 * code joins it. One undone on the ward is refused ('undoneOnWard'): no briefing was given.
 */
export function countSetAsideRecord(
	db: Db,
	account: StaffAccount,
	id: string,
	now = new Date()
): Promise<Decision> {
	return countHeld(db, account, id, now, 'setAside');
}

async function countHeld(
	db: Db,
	account: StaffAccount,
	id: string,
	now: Date,
	from: CountFrom
): Promise<Decision> {
	const organisationId = account.organisationId;
	return inTransaction(db, async (trx) => {
		const held = await trx
			.selectFrom('held_delivery_record')
			.selectAll()
			.where('organisation_id', '=', organisationId)
			.where('id', '=', id)
			.where(countable(from))
			.executeTakeFirst();
		if (!held) return whyNot(trx, organisationId, id, from);
		const { numDeletedRows } = await trx
			.deleteFrom('held_delivery_record')
			.where('organisation_id', '=', organisationId)
			.where('id', '=', id)
			.where(countable(from))
			.executeTakeFirstOrThrow();
		if (numDeletedRows === 0n) return 'stale';
		await countRows(trx, account, [held], from, now);
		return 'counted';
	});
}

/**
 * Makes held rows (already taken out of held_delivery_record) delivery records exactly as
 * recorded, each day worked out in the organisation's zone as it is now, with its patient link
 * if its token is not linked elsewhere; the measures' day counts follow in the same
 * transaction, and each record's count is audited.
 */
async function countRows(
	trx: Db,
	account: StaffAccount,
	rows: ReadonlyArray<Selectable<HeldDeliveryRecordTable>>,
	from: CountFrom,
	now: Date
): Promise<void> {
	const organisationId = account.organisationId;
	const days = new LocalDays(await organisationTimeZone(trx, organisationId));
	for (let start = 0; start < rows.length; start += WRITE_CHUNK) {
		const chunk = rows.slice(start, start + WRITE_CHUNK);
		const records = chunk.map((held) => ({
			id: held.id,
			organisation_id: organisationId,
			ward_id: held.ward_id,
			patient_group_id: held.patient_group_id,
			briefing_id: held.briefing_id,
			version_id: held.version_id,
			format: held.format,
			language: held.language,
			outcome: held.outcome,
			talked_through: held.talked_through,
			interpreter_used: held.interpreter_used,
			carer_present: held.carer_present,
			teach_back: held.teach_back,
			language_needed: held.language_needed,
			recorded_at: held.recorded_at,
			recorded_day: days.of(new Date(held.recorded_at)),
			received_at: held.received_at,
			recorded_by: held.recorded_by,
			voided_at: null,
			voided_by: null
		}));
		await trx.insertInto('delivery_record').values(records).execute();
		const links = chunk.flatMap((held) =>
			held.patient_token_hash
				? [
						{
							token_hash: held.patient_token_hash,
							delivery_id: held.id,
							organisation_id: organisationId,
							// As if made on receipt: counting does not lengthen the link's 30 days.
							created_at: held.received_at
						}
					]
				: []
		);
		if (links.length)
			await trx
				.insertInto('patient_link')
				.values(links)
				.onConflict((oc) => oc.column('token_hash').doNothing())
				.execute();
		await countNewRecords(trx, records);
		for (const held of chunk)
			await recordAudit(
				trx,
				{
					organisationId,
					actorId: account.id,
					action: from === 'waiting' ? 'heldRecord.counted' : 'heldRecord.countedAfterSetAside',
					subjectType: 'delivery_record',
					subjectId: held.id,
					detail: { reason: held.reason }
				},
				now
			);
	}
}

/** Rows written in one statement: well under either engine's limit on bound values. */
const WRITE_CHUNK = 500;

/**
 * Records waiting, gathered by what they have in common: one ward, one briefing version, one
 * reason (a tablet offline all shift while a new version was published sends a run of them).
 * `through` is when the newest of them arrived, so that counting them all counts exactly
 * those the lead saw.
 */
export interface HeldGroup {
	wardId: string;
	wardName: string;
	versionId: string;
	topic: string;
	versionNumber: number;
	reason: HoldReason;
	count: number;
	through: string;
}

/** The waiting records' groups, the one with the oldest record first. */
export async function listHeldGroups(db: Db, organisationId: string): Promise<HeldGroup[]> {
	const rows = await undecided(db, organisationId)
		.innerJoin('ward', 'ward.id', 'h.ward_id')
		.innerJoin('briefing as b', 'b.id', 'h.briefing_id')
		.innerJoin('briefing_version as v', 'v.id', 'h.version_id')
		.select((eb) => [
			'h.ward_id',
			'ward.name as ward_name',
			'h.version_id',
			'b.topic',
			'v.number as version_number',
			'h.reason',
			eb.fn.countAll<number | string>().as('n'),
			eb.fn.max('h.received_at').as('through'),
			eb.fn.min('h.recorded_at').as('oldest')
		])
		.groupBy(['h.ward_id', 'ward.name', 'h.version_id', 'b.topic', 'v.number', 'h.reason'])
		.orderBy('oldest')
		.orderBy('h.ward_id')
		.orderBy('h.version_id')
		.orderBy('h.reason')
		.execute();
	return rows.map((r) => ({
		wardId: r.ward_id,
		wardName: r.ward_name,
		versionId: r.version_id,
		topic: r.topic,
		versionNumber: r.version_number,
		reason: HoldReason.parse(r.reason),
		count: Number(r.n),
		through: r.through
	}));
}

/**
 * Counts every record of a group as the lead saw it (`count` records, none arrived after
 * `through`), each as countHeldRecord would, in one transaction: all or none. If the group is
 * not as the lead saw it (a record arrived, or someone decided one meanwhile), nothing is
 * counted ('stale'), and the page shows the group as it is now.
 */
export function countHeldGroup(
	db: Db,
	account: StaffAccount,
	group: GroupSeen,
	now = new Date()
): Promise<{ counted: number } | 'stale'> {
	return decideGroup(db, account, group, async (trx, rows) => {
		const organisationId = account.organisationId;
		const deleted = await byChunk(
			rows.map((r) => r.id),
			async (ids) => {
				const { numDeletedRows } = await trx
					.deleteFrom('held_delivery_record')
					.where('organisation_id', '=', organisationId)
					.where('id', 'in', ids)
					.where('set_aside_at', 'is', null)
					.executeTakeFirstOrThrow();
				return numDeletedRows;
			}
		);
		if (deleted !== BigInt(rows.length)) throw new StaleGroup();
		await countRows(trx, account, rows, 'waiting', now);
		return { counted: rows.length };
	});
}

/**
 * Sets aside every record of a group as the lead saw it, for one reason, each as
 * setAsideHeldRecord would (audited, each token's hash kept), in one transaction: all or none,
 * and 'stale' as countHeldGroup.
 */
export function setAsideHeldGroup(
	db: Db,
	account: StaffAccount,
	group: GroupSeen,
	reason: string,
	now = new Date()
): Promise<{ setAside: number } | 'stale'> {
	return decideGroup(db, account, group, async (trx, rows) => {
		const ids = rows.map((r) => r.id);
		if (!(await setAsideIds(trx, account, ids, reason, now))) throw new StaleGroup();
		return { setAside: rows.length };
	});
}

/** A group as the lead saw it: which one, how many, and when the newest arrived. */
type GroupSeen = Pick<HeldGroup, 'wardId' | 'versionId' | 'reason' | 'count' | 'through'>;

/**
 * Decides a whole group in one transaction: its records waiting that had arrived by `through`,
 * if they are still the `count` the lead saw (else 'stale', nothing done). A decision that
 * finds a record decided meanwhile throws StaleGroup, undoing the transaction: 'stale' too.
 */
async function decideGroup<T>(
	db: Db,
	account: StaffAccount,
	group: GroupSeen,
	decide: (trx: Db, rows: Array<Selectable<HeldDeliveryRecordTable>>) => Promise<T>
): Promise<T | 'stale'> {
	try {
		return await inTransaction(db, async (trx) => {
			const rows = await undecided(trx, account.organisationId)
				.selectAll('h')
				.where('h.ward_id', '=', group.wardId)
				.where('h.version_id', '=', group.versionId)
				.where('h.reason', '=', group.reason)
				.where('h.received_at', '<=', group.through)
				.orderBy('h.recorded_at')
				.orderBy('h.id')
				.execute();
			if (rows.length !== group.count) return 'stale' as const;
			return decide(trx, rows);
		});
	} catch (error) {
		if (error instanceof StaleGroup) return 'stale';
		throw error;
	}
}

/** Writes to the rows' ids WRITE_CHUNK at a time; how many rows the writes changed in all. */
async function byChunk(
	ids: readonly string[],
	write: (ids: string[]) => Promise<bigint>
): Promise<bigint> {
	let changed = 0n;
	for (let start = 0; start < ids.length; start += WRITE_CHUNK)
		changed += await write(ids.slice(start, start + WRITE_CHUNK));
	return changed;
}

/** Another lead's decision between a group's read and its write. */
class StaleGroup extends Error {}

/**
 * Sets a held record aside: it leaves the list and is never counted. The row stays (so the
 * tablet sending it again is answered as before and nothing is held twice) until retention
 * takes it, with its patient token's hash: a lead who counts it after all (set aside by
 * mistake) makes its patient link then, as counting it now would. The hash is a random token's,
 * as patient_link keeps, never a patient identifier; one undone on the ward loses it at once,
 * as it can never be counted (write-batch.ts).
 */
export async function setAsideHeldRecord(
	db: Db,
	account: StaffAccount,
	id: string,
	reason: string,
	now = new Date()
): Promise<Decision> {
	return inTransaction(db, async (trx) => {
		if (!(await setAsideIds(trx, account, [id], reason, now)))
			return whyNot(trx, account.organisationId, id);
		return 'setAside';
	});
}

/**
 * Sets these held records aside, each audited, if every one of them was still waiting; false,
 * with nothing audited, if any was not (the caller says why, or undoes the transaction).
 */
async function setAsideIds(
	trx: Db,
	account: StaffAccount,
	ids: string[],
	reason: string,
	now: Date
): Promise<boolean> {
	const organisationId = account.organisationId;
	const updated = await byChunk(ids, async (chunk) => {
		const { numUpdatedRows } = await trx
			.updateTable('held_delivery_record')
			.set({
				set_aside_at: now.toISOString(),
				set_aside_by: account.id,
				set_aside_reason: reason
			})
			.where('organisation_id', '=', organisationId)
			.where('id', 'in', chunk)
			.where('set_aside_at', 'is', null)
			.executeTakeFirstOrThrow();
		return numUpdatedRows;
	});
	if (updated !== BigInt(ids.length)) return false;
	for (const id of ids)
		await recordAudit(
			trx,
			{
				organisationId,
				actorId: account.id,
				action: 'heldRecord.setAside',
				subjectType: 'delivery_record',
				subjectId: id,
				detail: { reason }
			},
			now
		);
	return true;
}
