import type { Db } from '../db/database';
import { insertRows, ReadChangedSince } from '../db/sql';
import { countNewRecords, recountDays, type OrganisationDay } from '../repositories/day-counts';
import type { Batch } from './batch';

/** The reason a held record undone on the ward is set aside with. */
export const UNDONE_ON_WARD = 'undoneOnWard';
import { columnsOf, inChunks } from './chunks';

/** What another batch had done between this batch's reads and its writes. */
export interface AlreadyThere {
	/** Records, by id, that this batch found voided when it came to void them. */
	voids: Set<string>;
}

/**
 * Writes what a batch decided, in the caller's transaction. The batch decided against what it
 * read; an engine whose transactions see each other's commits (PostgreSQL's READ COMMITTED)
 * may let another batch store the same record or undo in between. (SQLite refuses a write after
 * a stale read instead: `inTransaction` then runs the batch again, and it finds those records
 * stored. Both engines: sync/two-servers.test.ts.)
 * - A record stored in between is skipped by the insert (`on conflict do nothing`), which then
 *   stores fewer rows than it was given: the whole batch is run again (`ReadChangedSince`), and
 *   reading afresh it finds the record stored and answers `duplicate`. Rare (one device's
 *   records sent to two servers at once), so the usual insert asks for nothing back: having
 *   SQLite return the ids of 500 inserted rows cost the server ~7% of its ingestion rate.
 * - An undo applied in between is skipped (`where voided_at is null`) and said: it is answered
 *   `duplicate`.
 */
export async function writeBatch(trx: Db, batch: Batch, now: Date): Promise<AlreadyThere> {
	await inChunks(batch.newRecords, columnsOf(batch.newRecords), async (rows) => {
		const { numAffectedRows } = await trx.executeQuery(
			insertRows(trx, 'delivery_record', rows, {
				// No conflict target: on PostgreSQL only the target's index is an arbiter, and a
				// record another batch is inserting at that moment also meets the unique
				// (id, organisation_id) index, which then fails the batch (sync/two-servers.test.ts).
				tail: 'on conflict do nothing',
				integers: ['talked_through', 'interpreter_used', 'carer_present']
			})
		);
		if (Number(numAffectedRows) !== rows.length) throw new ReadChangedSince('delivery records');
	});
	// Held for the lead: one held by another batch meanwhile is the same record, already held.
	await inChunks(batch.newHeld, columnsOf(batch.newHeld), (rows) =>
		trx.executeQuery(
			insertRows(trx, 'held_delivery_record', rows, {
				tail: 'on conflict do nothing',
				integers: ['talked_through', 'interpreter_used', 'carer_present']
			})
		)
	);
	// Undone on the ward while held: set aside as such (never counted, not even after all),
	// unless counted or undone meanwhile.
	for (const { id, by, organisationId } of batch.heldUndone)
		await trx
			.updateTable('held_delivery_record')
			.set({
				set_aside_at: now.toISOString(),
				set_aside_by: by,
				set_aside_reason: UNDONE_ON_WARD,
				patient_token_hash: null
			})
			.where('organisation_id', '=', organisationId)
			.where('id', '=', id)
			.where((eb) =>
				eb.or([eb('set_aside_reason', 'is', null), eb('set_aside_reason', '!=', UNDONE_ON_WARD)])
			)
			.execute();
	await inChunks(batch.newLinks, columnsOf(batch.newLinks), (rows) =>
		trx.executeQuery(
			insertRows(trx, 'patient_link', rows, { tail: 'on conflict ("token_hash") do nothing' })
		)
	);

	const voided = new Set<string>();
	for (const { id, by, organisationId } of batch.voidedNow) {
		const { numUpdatedRows } = await trx
			.updateTable('delivery_record')
			.set({ voided_at: now.toISOString(), voided_by: by })
			.where('organisation_id', '=', organisationId)
			.where('id', '=', id)
			.where('voided_at', 'is', null)
			.executeTakeFirstOrThrow();
		if (numUpdatedRows > 0n) voided.add(id);
	}
	const revisions = batch.revisions.filter((r) => voided.has(r.delivery_id));
	await inChunks(revisions, columnsOf(revisions), (rows) =>
		trx.insertInto('delivery_record_revision').values(rows).execute()
	);

	// The measures' day counts, before it commits (day-counts.ts): the new records added to
	// their days in the same pass, the days of records voided counted again.
	await countNewRecords(trx, batch.newRecords);
	const days: OrganisationDay[] = [];
	for (const { id, organisationId } of batch.voidedNow.filter((v) => voided.has(v.id))) {
		const row = await trx
			.selectFrom('delivery_record')
			.select('recorded_day')
			.where('organisation_id', '=', organisationId)
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		days.push({ organisationId, day: row.recorded_day ?? '' });
	}
	await recountDays(trx, days);

	return {
		voids: new Set(batch.voidedNow.map((v) => v.id).filter((id) => !voided.has(id)))
	};
}
