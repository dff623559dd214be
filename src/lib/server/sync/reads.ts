import type { Selectable } from 'kysely';
import { mayUse, Role, type StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import type { DeliveryRecordTable, HeldDeliveryRecordTable } from '../db/schema';
import { inChunks } from './chunks';
import type { Parsed } from './parse-change';

export type StoredRecord = Selectable<DeliveryRecordTable>;
export type HeldRow = Selectable<HeldDeliveryRecordTable>;

/** The accounts changes say they were made by that may make them: active, same organisation, ward roles. */
export async function readMakers(
	trx: Db,
	account: StaffAccount,
	changes: Parsed[]
): Promise<Set<string>> {
	const ids = [...new Set(changes.flatMap((c) => (c.madeBy ? [c.madeBy] : [])))];
	if (ids.length === 0) return new Set();
	const rows = await trx
		.selectFrom('staff_account')
		.select(['id', 'role'])
		.where('organisation_id', '=', account.organisationId)
		.where('disabled', '=', 0)
		.where('id', 'in', ids)
		.execute();
	return new Set(rows.filter((r) => mayUse('ward', Role.parse(r.role))).map((r) => r.id));
}

/**
 * The records a batch names, whichever organisation holds them: record ids are the service's
 * (UUID v7, made on the device), so an id already stored anywhere is a `duplicate` and is never
 * stored again. The batch acts only on its own organisation's (an undo of another's is
 * `unknownDelivery`), and nothing of them is sent back.
 */
export async function readRecords(trx: Db, ids: string[]): Promise<StoredRecord[]> {
	const rows: StoredRecord[] = [];
	await inChunks(ids, 1, async (slice) => {
		rows.push(
			...(await trx
				.selectFrom('delivery_record')
				.selectAll()
				.where('id', 'in', slice) // tenancy: ids are the service's; see above
				.execute())
		);
	});
	return rows;
}

export async function readLinkedTokenHashes(trx: Db, hashes: string[]): Promise<string[]> {
	const linked: string[] = [];
	await inChunks(hashes, 1, async (slice) => {
		const rows = await trx
			.selectFrom('patient_link')
			.select('token_hash')
			.where('token_hash', 'in', slice) // tenancy: tokens are the service's, one link each
			.execute();
		linked.push(...rows.map((r) => r.token_hash));
	});
	return linked;
}

/**
 * The records a batch names that are held for a lead (set aside ones too), whichever
 * organisation holds them: as `readRecords`, an id already held anywhere is never held again.
 */
export async function readHeld(trx: Db, ids: string[]): Promise<HeldRow[]> {
	const rows: HeldRow[] = [];
	await inChunks(ids, 1, async (slice) => {
		rows.push(
			...(await trx
				.selectFrom('held_delivery_record')
				.selectAll()
				.where('id', 'in', slice) // tenancy: ids are the service's; see readRecords
				.execute())
		);
	});
	return rows;
}
