import type { DeviceDb, OutboxEntry } from './device-db';

/**
 * The outbox: changes made on the device, kept until the server acknowledges them.
 * Components and the sync engine use these functions, never the table directly.
 */
export class OutboxRepository {
	#db: DeviceDb;

	constructor(db: DeviceDb) {
		this.#db = db;
	}

	/**
	 * Queues a change. Callers that also write the change itself pass their work as `alongside`
	 * so both land in one transaction, or neither does.
	 */
	async enqueue(
		entry: { id: string; kind: string; payload: unknown },
		alongside?: () => Promise<unknown>,
		now = new Date()
	): Promise<void> {
		const row: OutboxEntry = {
			...entry,
			createdAt: now.toISOString(),
			attempts: 0,
			lastAttemptAt: null,
			refusal: null
		};
		const tables = this.#db.tables;
		await this.#db.transaction('rw', tables, async () => {
			await alongside?.();
			await this.#db.outbox.add(row);
		});
	}

	/** Entries to send next, oldest first; refused ones wait for a person, not a retry. */
	async pending(limit = 500): Promise<OutboxEntry[]> {
		const all = await this.#db.outbox.orderBy('createdAt').toArray();
		return all.filter((e) => e.refusal === null).slice(0, limit);
	}

	async counts(): Promise<{ waiting: number; refused: number }> {
		const all = await this.#db.outbox.toArray();
		const refused = all.filter((e) => e.refusal !== null).length;
		return { waiting: all.length - refused, refused };
	}

	async markAttempted(ids: readonly string[], now = new Date()): Promise<void> {
		await this.#db.transaction('rw', this.#db.outbox, async () => {
			for (const id of ids)
				await this.#db.outbox
					.where('id')
					.equals(id)
					.modify((e) => {
						e.attempts += 1;
						e.lastAttemptAt = now.toISOString();
					});
		});
	}

	/** The server has the change (accepted or already had it): the device may forget it. */
	async acknowledge(ids: readonly string[]): Promise<void> {
		await this.#db.outbox.bulkDelete([...ids]);
	}

	/** The server refused the change: keep it, with the reason, for a person to see. */
	async refuse(id: string, reason: string): Promise<void> {
		await this.#db.outbox.update(id, { refusal: reason });
	}

	async refused(): Promise<OutboxEntry[]> {
		return (await this.#db.outbox.orderBy('createdAt').toArray()).filter((e) => e.refusal !== null);
	}
}
