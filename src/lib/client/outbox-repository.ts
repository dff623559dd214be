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
		entry: { id: string; kind: string; payload: unknown; madeBy?: string },
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

	/**
	 * Entries to send next, oldest first; refused ones wait for a person, not a retry. Entries
	 * in `skipping` (a batch already on its way) are left out.
	 */
	async pending(limit = 500, skipping: ReadonlySet<string> = new Set()): Promise<OutboxEntry[]> {
		// One bulk read in time order, wide enough to skip the (rare) refused entries and those
		// on their way: a cursor with a filter steps entry by entry and is tens of times slower
		// on a big outbox.
		return this.#db.transaction('r', this.#db.outbox, async () => {
			const refused = await this.#db.outbox.orderBy('refusal').count();
			const entries = await this.#db.outbox
				.orderBy('createdAt')
				.limit(limit + refused + skipping.size)
				.toArray();
			return entries.filter((e) => e.refusal === null && !skipping.has(e.id)).slice(0, limit);
		});
	}

	/** Counts without reading entries: null refusals are absent from the `refusal` index. */
	async counts(): Promise<{ waiting: number; refused: number }> {
		const [all, refused] = await Promise.all([
			this.#db.outbox.count(),
			this.#db.outbox.orderBy('refusal').count()
		]);
		return { waiting: all - refused, refused };
	}

	/**
	 * The next batch to send, marked as attempted in the same transaction: an undo then sees
	 * either an untouched entry (never sent, safe to forget) or an attempted one (perhaps sent,
	 * so it queues an undo), never a batch on its way with attempts still at zero.
	 */
	async takeBatch(
		limit: number,
		now = new Date(),
		skipping: ReadonlySet<string> = new Set()
	): Promise<OutboxEntry[]> {
		return this.#db.transaction('rw', this.#db.outbox, async () => {
			const batch = await this.pending(limit, skipping);
			const at = now.toISOString();
			const marked = batch.map((e) => ({ ...e, attempts: e.attempts + 1, lastAttemptAt: at }));
			await this.#db.outbox.bulkPut(marked);
			return marked;
		});
	}

	async markAttempted(ids: readonly string[], now = new Date()): Promise<void> {
		const at = now.toISOString();
		// Read and write in bulk, in one transaction, and only entries still there: one a
		// concurrent sync (the service worker's) has just acknowledged must not come back.
		await this.#db.transaction('rw', this.#db.outbox, async () => {
			const entries = await this.#db.outbox.bulkGet([...ids]);
			await this.#db.outbox.bulkPut(
				entries.flatMap((e) => (e ? [{ ...e, attempts: e.attempts + 1, lastAttemptAt: at }] : []))
			);
		});
	}

	/**
	 * The server has the changes (accepted or already had them): the device may forget them.
	 * A batch is usually one run of keys with nothing else between them (record ids are UUID v7,
	 * and a batch is the oldest entries): then one range delete, about ten times cheaper in
	 * Chromium than a delete per entry. Otherwise (an entry not acknowledged lies between), one
	 * delete each. The check and the delete are one transaction, so nothing else can slip in.
	 */
	async acknowledge(ids: readonly string[]): Promise<void> {
		if (ids.length === 0) return;
		const sorted = [...ids].sort();
		const done = new Set(sorted);
		const [first, last] = [sorted[0] as string, sorted[sorted.length - 1] as string];
		await this.#db.transaction('rw', this.#db.outbox, async () => {
			const run = this.#db.outbox.where(':id').between(first, last, true, true);
			if ((await run.primaryKeys()).every((id) => done.has(id))) await run.delete();
			else await this.#db.outbox.bulkDelete(sorted);
		});
	}

	/** The server refused the change: keep it, with the reason, for a person to see. */
	async refuse(id: string, reason: string): Promise<void> {
		await this.#db.outbox.update(id, { refusal: reason });
	}

	async refused(): Promise<OutboxEntry[]> {
		const entries = await this.#db.outbox.orderBy('refusal').toArray();
		return entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
	}

	/** Records several refusals in one transaction. */
	async refuseAll(refusals: ReadonlyArray<{ id: string; reason: string }>): Promise<void> {
		for (const { id, reason } of refusals) await this.refuse(id, reason);
	}
}
