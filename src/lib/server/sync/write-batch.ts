import type { Db } from '../db/database';
import { insertRows } from '../db/sql';
import { countNewRecords, recountDays, type OrganisationDay } from '../repositories/day-counts';
import type { Batch } from './batch';
import { columnsOf, inChunks } from './chunks';

/** What another batch had stored between this batch's reads and its writes. */
export interface AlreadyThere {
	/** Records, by id, that this batch found stored when it came to insert them. */
	records: Set<string>;
	/** Records, by id, that this batch found voided when it came to void them. */
	voids: Set<string>;
}

/**
 * Writes what a batch decided, in the caller's transaction. The batch decided against what it
 * read; an engine whose transactions see each other's commits (PostgreSQL's READ COMMITTED)
 * may let another batch store the same record or undo in between. So each write skips what is
 * there already (`on conflict do nothing`, `where voided_at is null`) rather than failing or
 * writing it twice, and says what it skipped: those changes are answered `duplicate`.
 * (SQLite refuses a write after a stale read instead: `inTransaction` then runs the batch
 * again, and it finds those records stored. Both engines: sync/two-servers.test.ts.)
 */
export async function writeBatch(trx: Db, batch: Batch, now: Date): Promise<AlreadyThere> {
	const inserted = new Set<string>();
	await inChunks(batch.newRecords, columnsOf(batch.newRecords), async (rows) => {
		const { rows: written } = await trx.executeQuery(
			insertRows(trx, 'delivery_record', rows, {
				// No conflict target: on PostgreSQL only the target's index is an arbiter, and a
				// record another batch is inserting at that moment also meets the unique
				// (id, organisation_id) index, which then fails the batch (sync/two-servers.test.ts).
				tail: 'on conflict do nothing returning "id"',
				integers: ['talked_through', 'interpreter_used', 'carer_present']
			})
		);
		for (const { id } of written) inserted.add(id as string);
	});
	const links = batch.newLinks.filter((l) => inserted.has(l.delivery_id));
	await inChunks(links, columnsOf(links), (rows) =>
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
	await countNewRecords(
		trx,
		batch.newRecords.filter((r) => inserted.has(r.id))
	);
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
		records: new Set(batch.newRecords.map((r) => r.id).filter((id) => !inserted.has(id))),
		voids: new Set(batch.voidedNow.map((v) => v.id).filter((id) => !voided.has(id)))
	};
}
