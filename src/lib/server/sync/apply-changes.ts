import type { StaffAccount } from '$lib/domain/staff';
import type { ChangeResult, SyncChange } from '$lib/domain/sync';
import { inTransaction, type Db } from '../db/database';
import { countSyncResults } from '../operations/metrics';
import { Batch } from './batch';
import { emptyCatalogue, readCatalogue } from './catalogue';
import { parseChange } from './parse-change';
import { patientTokenHash } from './patient-token';
import { readHeld, readLinkedTokenHashes, readMakers, readRecords } from './reads';
import { writeBatch } from './write-batch';

/*
 * Applying the device's outbox: one batch of changes (up to 500; a device may have 10,000
 * queued) gives one result per change, in the same order, and one bad change blocks no other.
 *
 * How: payloads are parsed first, outside the transaction. Then, in ONE transaction, a fixed
 * number of queries read what the batch needs — the organisation's wards, patient groups,
 * briefings, versions and published (format, language) variants, the records the batch names
 * (`where id in (…)`) and the patient links it would add — and each change is decided in order
 * against that picture, which is updated as it goes. Only then is anything written: multi-row
 * inserts chunked under SQLite's limit on bound parameters, one update for all undos.
 *
 * Invariants:
 * - Exactly once: a record id already stored, or accepted earlier in the same batch, is a
 *   `duplicate` whatever its content, so a retried batch (the answer was lost) changes nothing.
 * - Changes apply in outbox order: [record X, undo X] voids X; [undo X, record X] refuses the
 *   undo (`unknownDelivery`) and stores X.
 * - Nothing is half-written: the batch commits whole or, on an error, not at all.
 * - An undo voids, never deletes, and leaves a revision holding the record as it was.
 *
 * Example: [record A, record A again, record B for a retired version, undo A]
 *   → [accepted, duplicate, held versionNotPublished, accepted], and A is stored voided, B held.
 *
 * - Held for the lead: a record otherwise valid but given with content the server no longer
 *   offers (`holdReasons`: a retired version or ward, a variant not in the version) is kept in
 *   held_delivery_record and acknowledged `held`, or `refused` with the reason to a device that
 *   does not say it `understands` held (an older app; see SyncRequest). Sent again, it is held
 *   once and answered the same; once a lead has counted it, it is a `duplicate`.
 *
 * - Under concurrency: a record or undo stored by another batch between this batch's reads and
 *   its writes is skipped and answered `duplicate` (write-batch.ts), never stored twice.
 *
 * Files: parse-change (payloads), catalogue and reads (the queries), batch (the decisions),
 * write-batch (the writes), chunks (SQLite's parameter limit).
 *
 * Source: the contract in $lib/domain/sync.ts; the product brief, "Recording a delivery".
 */

/**
 * Applies a batch of the device's changes for `account`; one result per change, in order.
 * See the comment above.
 */
export async function applyChanges(
	db: Db,
	account: StaffAccount,
	changes: SyncChange[],
	now = new Date(),
	{ understandsHeld = false }: { understandsHeld?: boolean } = {}
): Promise<ChangeResult[]> {
	const parsed = changes.map(parseChange);
	const valid = parsed.filter((p) => 'kind' in p);
	const records = valid.flatMap((p) => (p.kind === 'deliveryRecord' ? [p.payload] : []));
	const namedIds = valid.map((p) =>
		p.kind === 'deliveryRecord' ? p.payload.id : p.payload.deliveryId
	);
	// Each token hashed once: to find links already made, then to make the batch's own.
	const tokenHashes = new Map(
		records.flatMap((r) =>
			r.patientToken ? [[r.patientToken, patientTokenHash(r.patientToken)] as const] : []
		)
	);

	const results = await inTransaction<ChangeResult[]>(db, async (trx) => {
		const catalogue = records.length
			? await readCatalogue(trx, account.organisationId)
			: emptyCatalogue();
		// Links before records: on PostgreSQL each read sees what had committed when it began, so
		// a link seen here (another server's batch, committed with its record) means its record
		// is seen next, and the change is a `duplicate`. The other way round, a record missed and
		// then its link seen refused the same record, sent to two servers, as a reused token.
		const linked = await readLinkedTokenHashes(trx, [...tokenHashes.values()]);
		// Held before records, for the same reason: a lead's counting moves a record from one to
		// the other in one transaction, so a held record missed here is a record seen next.
		const held = await readHeld(trx, [...new Set(namedIds)]);
		const stored = await readRecords(trx, [...new Set(namedIds)]);
		const makers = await readMakers(trx, account, valid);

		const batch = new Batch(
			account,
			makers,
			now,
			catalogue,
			stored,
			linked,
			tokenHashes,
			held,
			understandsHeld
		);
		const decided = parsed.map((p) => ({ p, result: 'kind' in p ? batch.apply(p) : p }));

		const already = await writeBatch(trx, batch, now);
		return decided.map(({ p, result }) => {
			if (result.status !== 'accepted' || !('kind' in p) || p.kind === 'deliveryRecord')
				return result;
			return already.voids.has(p.payload.deliveryId)
				? { id: result.id, status: 'duplicate' }
				: result;
		});
	});
	// Counted once the batch has committed: a retried transaction is not counted twice.
	countSyncResults(results);
	return results;
}
