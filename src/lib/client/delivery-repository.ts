import type { DeliveryRecordInput } from '$lib/domain/delivery-record';
import { localDay, startOfLocalDay } from '$lib/domain/local-time';
import { UNDO_WINDOW_SECONDS } from '$lib/domain/sync';
import type { DeviceDb, DeviceDelivery, ShownNames, StoredDelivery } from './device-db';
import { OutboxRepository } from './outbox-repository';

export const undoChangeId = (deliveryId: string) => `undo:${deliveryId}`;

/**
 * Delivery records on the device. A record and its outbox entry are written in one
 * transaction, so a record is never saved without being queued for the server, or queued
 * without being saved.
 */
export class DeliveryRepository {
	#db: DeviceDb;
	#outbox: OutboxRepository;

	constructor(db: DeviceDb) {
		this.#db = db;
		this.#outbox = new OutboxRepository(db);
	}

	/**
	 * Resolves, once both have committed, with the record as kept: waiting to be sent. `shown`:
	 * the names the tablet showed, for today's list (StoredDelivery).
	 */
	async save(
		record: DeliveryRecordInput,
		recordedBy: { id?: string; displayName: string },
		shown?: ShownNames
	): Promise<DeviceDelivery> {
		const delivery: StoredDelivery = {
			id: record.id,
			wardId: record.wardId,
			recordedAt: record.recordedAt,
			record,
			recordedByName: recordedBy.displayName,
			recordedById: recordedBy.id,
			voided: false,
			...(shown ? { shown } : {})
		};
		await this.#outbox.enqueue(
			{ id: record.id, kind: 'deliveryRecord', payload: record, madeBy: recordedBy.id },
			{ table: this.#db.deliveries, row: delivery }
		);
		return { ...delivery, syncState: 'waiting', refusal: null };
	}

	/** Whether the record may still be undone: within a minute of recording it. */
	static canUndo(delivery: Pick<StoredDelivery, 'recordedAt' | 'voided'>, now = new Date()) {
		return (
			!delivery.voided &&
			now.getTime() - Date.parse(delivery.recordedAt) <= UNDO_WINDOW_SECONDS * 1000
		);
	}

	/**
	 * Undoes a record. Never sent, or refused by the server: it is simply forgotten, with its
	 * outbox entry. Sent, or perhaps sent (a sync may be under way): it is voided here and an
	 * undo is queued behind it, so the server voids it and keeps it in its audit trail.
	 */
	async undo(id: string, now = new Date()): Promise<void> {
		await this.#db.transaction('rw', this.#db.tables, async () => {
			const delivery = await this.#db.deliveries.get(id);
			if (!delivery || !DeliveryRepository.canUndo(delivery, now)) return;
			const queued = await this.#db.outbox.get(id);
			if (queued && (queued.refusal !== null || !(await this.#outbox.perhapsSent(queued)))) {
				await this.#db.outbox.delete(id);
				await this.#db.deliveries.delete(id);
				return;
			}
			await this.#db.deliveries.update(id, { voided: true });
			await this.#outbox.enqueue({
				id: undoChangeId(id),
				kind: 'deliveryUndo',
				payload: { deliveryId: id, undoneAt: now.toISOString() },
				madeBy: delivery.recordedById
			});
		});
	}

	/**
	 * Adds each delivery's sync state from the outbox in three reads whatever the day's length:
	 * the outbox's keys, its (few) refused entries and its notes of records held for the lead.
	 * One read per record made a list of 10,000 waiting records take 10,000 reads.
	 */
	async #withSyncState(rows: StoredDelivery[]): Promise<DeviceDelivery[]> {
		const [queued, refused, held] = await Promise.all([
			this.#db.outbox.toCollection().primaryKeys(),
			this.#db.outbox.orderBy('refusal').toArray(),
			this.#outbox.heldNotes()
		]);
		const waiting = new Set<string>(queued);
		const reasons = new Map(refused.map((e) => [e.id, e.refusal]));
		const heldIds = new Set(held.map((n) => n.id));
		return rows.map((row) =>
			withState(row, waiting.has(row.id), reasons.get(row.id) ?? null, heldIds.has(row.id))
		);
	}

	/**
	 * This ward's deliveries since midnight in the organisation's zone (not the tablet's, which
	 * may be set to anything), newest first, undone ones left out.
	 */
	async today(wardId: string, timeZone: string, now = new Date()): Promise<DeviceDelivery[]> {
		const midnight = startOfLocalDay(localDay(now, timeZone), timeZone);
		/*
		 * The rows, then their sync states, each in a transaction of its own: a device catching up
		 * holds thousands of today's rows, and one transaction over both tables held the sync's
		 * writes to the outbox back until every row was read (0.7 s of a 10,000-record catch-up).
		 * A change between the two reads is met by the re-read every save, undo and sync makes.
		 */
		const rows = await this.#db.deliveries
			.where('[wardId+recordedAt]')
			.between([wardId, midnight], [wardId, '\uffff'])
			.toArray();
		return this.#db.transaction('r', this.#db.outbox, this.#db.settings, () =>
			this.#withSyncState(rows.filter((d) => !d.voided).reverse())
		);
	}

	async get(id: string): Promise<DeviceDelivery | undefined> {
		const { deliveries, outbox, settings } = this.#db;
		return this.#db.transaction('r', deliveries, outbox, settings, async () => {
			const [row, entry, held] = await Promise.all([
				deliveries.get(id),
				outbox.get(id),
				this.#outbox.heldNotes()
			]);
			const wasHeld = held.some((n) => n.id === id);
			return row && withState(row, entry !== undefined, entry?.refusal ?? null, wasHeld);
		});
	}
}

/**
 * Still in the outbox is waiting (or refused, with the reason); gone from it is sent, or held
 * when the server held it for the lead (noted by the outbox for longer than the local day
 * today's list shows a record: OutboxRepository's HELD_KEPT_MS).
 */
function withState(
	row: StoredDelivery,
	queued: boolean,
	refusal: string | null,
	held: boolean
): DeviceDelivery {
	const sent = held ? 'held' : 'sent';
	return { ...row, syncState: !queued ? sent : refusal ? 'refused' : 'waiting', refusal };
}
