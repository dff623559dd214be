import { holdReasons } from '$lib/domain/sync';
import { addTogether, type NewRow } from './add-together';
import type { DeviceDb, HeldNote, OutboxEntry } from './device-db';

/** Where the device notes what the server held for the lead (a settings row). */
export const HELD_KEY = 'heldRecords';
/**
 * Whether the server's last answer said it answered under the held rule (true or false; not
 * there until the first answer to an app that keeps it). sendHoldableAgain reads it. The
 * setting `holdableSentAgain` of the first app with held records (once a device) is no longer
 * read.
 */
const SERVER_HOLDS_KEY = 'serverHolds';
/** The sync status tells of records held in the last day (`held`). */
const HELD_TOLD_MS = 24 * 60 * 60_000;
/**
 * How long a note is kept: longer than any local day (at most 25 hours, on the day the clocks
 * go back). Today's list shows a record only on the local day it was recorded, in the
 * organisation's time zone (DeliveryRepository.today), and the server held it after it was
 * recorded, so its note is kept for as long as the list shows it, whatever the day's length
 * or the zone: the list reads every note kept (`heldNotes`), not those of the last 24 hours.
 * Older notes are dropped when the next is added.
 */
const HELD_KEPT_MS = 48 * 60 * 60_000;

/** A batch taken to send, and its mark (null when there was nothing to take). */
export interface TakenBatch {
	entries: OutboxEntry[];
	mark: string | null;
}

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
	 * Queues a change. Callers that also keep the change itself pass its new row as `alongside`,
	 * so both land in one transaction, or neither does (add-together.ts). The transaction holds
	 * only those stores and the outbox: one over every store took a quarter longer to commit on
	 * the tablet (issue #16, tap-to-committed), and waited on any other.
	 */
	async enqueue(
		entry: { id: string; kind: string; payload: unknown; madeBy?: string },
		alongside?: NewRow,
		now = new Date()
	): Promise<void> {
		const row: OutboxEntry = {
			...entry,
			createdAt: now.toISOString(),
			attempts: 0,
			lastAttemptAt: null,
			refusal: null
		};
		await addTogether(this.#db, [
			...(alongside ? [alongside] : []),
			{ table: this.#db.outbox, row }
		]);
	}

	/**
	 * Entries to send next, oldest first; refused ones wait for a person, not a retry. The
	 * entries of `onItsWay` (a batch already on its way) are left out.
	 */
	async pending(limit = 500, onItsWay: readonly OutboxEntry[] = []): Promise<OutboxEntry[]> {
		// Bulk reads in time order, wide enough to skip the (rare) refused entries and those on
		// their way: a cursor with a filter steps entry by entry and is tens of times slower on a
		// big outbox.
		return this.#db.transaction('r', this.#db.outbox, async () => {
			const refused = new Set(await this.#db.outbox.orderBy('refusal').primaryKeys());
			const skipping = new Set(onItsWay.map((e) => e.id));
			const next = (entries: OutboxEntry[]) =>
				entries.filter((e) => e.refusal === null && !skipping.has(e.id)).slice(0, limit);
			/*
			 * The batch on its way is almost always the oldest entries but the refused: then the
			 * read starts at its newest, rather than reading the whole batch again only to leave
			 * it out (a third of each batch's time on the tablet). Checked, not assumed, by the
			 * keys alone: anything else older (a clock put back, say) and the whole read is made.
			 */
			const from = onItsWay.reduce(
				(newest, e) => (e.createdAt > newest ? e.createdAt : newest),
				''
			);
			if (from) {
				const older = await this.#db.outbox.where('createdAt').below(from).primaryKeys();
				if (older.every((id) => skipping.has(id) || refused.has(id))) {
					const sameTime = onItsWay.filter((e) => e.createdAt === from).length;
					return next(
						await this.#db.outbox
							.where('createdAt')
							.aboveOrEqual(from)
							.limit(limit + refused.size + sameTime)
							.toArray()
					);
				}
			}
			return next(
				await this.#db.outbox
					.orderBy('createdAt')
					.limit(limit + refused.size + skipping.size)
					.toArray()
			);
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
	 * The next batch to send, marked as on its way in the same transaction: an undo then sees
	 * either an untouched entry (never sent, safe to forget) or one perhaps sent (so it queues an
	 * undo), never a batch on its way unmarked. The mark is one row for the whole batch
	 * (`sending`), settled by `release` once the batch is answered.
	 */
	async takeBatch(
		limit: number,
		now = new Date(),
		onItsWay: readonly OutboxEntry[] = []
	): Promise<TakenBatch> {
		return this.#db.transaction('rw', this.#db.outbox, this.#db.sending, async () => {
			const entries = await this.pending(limit, onItsWay);
			if (entries.length === 0) return { entries, mark: null };
			const mark = crypto.randomUUID();
			await this.#db.sending.add({
				id: mark,
				ids: entries.map((e) => e.id),
				at: now.toISOString()
			});
			return { entries, mark };
		});
	}

	/** Whether the entry may have reached the server: attempted before, or in a batch on its way. */
	async perhapsSent(entry: OutboxEntry): Promise<boolean> {
		if (entry.attempts > 0) return true;
		const batches = await this.#db.sending.toArray();
		return batches.some((batch) => batch.ids.includes(entry.id));
	}

	/**
	 * A batch has been answered (after `acknowledge` and `refuseAll`): those of its entries still
	 * here (`remaining`: refused, or not answered for) are marked attempted one by one, usually
	 * none, and the batch's mark goes, in one transaction.
	 */
	async release(
		mark: string | null,
		remaining: readonly string[],
		now = new Date()
	): Promise<void> {
		if (mark === null) return;
		await this.#db.transaction('rw', this.#db.outbox, this.#db.sending, async () => {
			if (remaining.length > 0) await this.#markEach(remaining, now.toISOString());
			await this.#db.sending.delete(mark);
		});
	}

	/**
	 * Marks left by runs that never had their answer (no network, a closed tab) are turned into
	 * marks on each entry still here, before a run takes anything: their entries stay perhaps
	 * sent, and the marks do not pile up. A batch another context (the service worker) has on
	 * its way is marked the same way, which is as safe.
	 */
	async settleLeftMarks(now = new Date()): Promise<void> {
		await this.#db.transaction('rw', this.#db.outbox, this.#db.sending, async () => {
			const batches = await this.#db.sending.toArray();
			if (batches.length === 0) return;
			await this.#markEach(
				batches.flatMap((batch) => batch.ids),
				now.toISOString()
			);
			await this.#db.sending.clear();
		});
	}

	async #markEach(ids: readonly string[], at: string): Promise<void> {
		const entries = await this.#db.outbox.bulkGet([...new Set(ids)]);
		await this.#db.outbox.bulkPut(
			entries.flatMap((e) => (e ? [{ ...e, attempts: e.attempts + 1, lastAttemptAt: at }] : []))
		);
	}

	async markAttempted(ids: readonly string[], now = new Date()): Promise<void> {
		// Only entries still there: one a concurrent sync (the service worker's) has just
		// acknowledged must not come back.
		await this.#db.transaction('rw', this.#db.outbox, () => this.#markEach(ids, now.toISOString()));
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

	/**
	 * The server refused the change: keep it, with the reason, for a person to see, and whether
	 * that server said it holds records for the lead (`serverHolds`; sendHoldableAgain).
	 */
	async refuse(id: string, reason: string, serverHolds = false): Promise<void> {
		await this.#db.outbox.update(id, { refusal: reason, refusedHolding: serverHolds });
	}

	async refused(): Promise<OutboxEntry[]> {
		const entries = await this.#db.outbox.orderBy('refusal').toArray();
		return entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
	}

	/**
	 * The server holds these for the engagement lead: they leave the outbox (the server has
	 * them, exactly once) and are noted, in one transaction, so the ward is told. Notes older
	 * than two days go (HELD_KEPT_MS says why two).
	 */
	async hold(held: ReadonlyArray<{ id: string; reason: string }>, now = new Date()): Promise<void> {
		if (held.length === 0) return;
		await this.#db.transaction('rw', this.#db.outbox, this.#db.settings, async () => {
			const notes = await this.#heldNotes(now, HELD_KEPT_MS);
			const known = new Set(notes.map((n) => n.id));
			const at = now.toISOString();
			for (const { id, reason } of held) if (!known.has(id)) notes.push({ id, reason, at });
			await this.#db.settings.put({ key: HELD_KEY, value: notes });
			await this.#db.outbox.bulkDelete(held.map((h) => h.id));
		});
	}

	/** What the server held for the lead from this device in the last day: the sync status's. */
	async held(now = new Date()): Promise<HeldNote[]> {
		return this.#db.transaction('r', this.#db.settings, () => this.#heldNotes(now, HELD_TOLD_MS));
	}

	/**
	 * Every note kept of a record the server held for the lead, whatever its age: today's list
	 * and the saved step name a record held by its note for as long as they show the record
	 * (HELD_KEPT_MS). Read inside the caller's transaction, if any.
	 */
	async heldNotes(): Promise<HeldNote[]> {
		return this.#db.transaction('r', this.#db.settings, () => this.#heldNotes());
	}

	async #heldNotes(now?: Date, within = Infinity): Promise<HeldNote[]> {
		const row = await this.#db.settings.get(HELD_KEY);
		const notes = Array.isArray(row?.value) ? (row.value as HeldNote[]) : [];
		if (!now) return notes;
		return notes.filter((n) => now.getTime() - Date.parse(n.at) < within);
	}

	/**
	 * Entries refused for a reason a server that holds records for the lead holds them for
	 * (holdReasons), by a server that did not say it holds them, are made waiting again, to be
	 * sent once more and held; unless the server's last answer said it does not hold them.
	 * Resolves with how many. The sync calls it before each run and after it (sync-engine.ts).
	 *
	 * Keyed by what the server said (its answer's X-Sync-Understands: held, kept with each
	 * refusal and, the last answer's, in SERVER_HOLDS_KEY), not once per device as the first app
	 * with held records did: that left records refused for good by a service rolled back to a
	 * release before held records, after the device's once had been spent, when the service moved
	 * forward again. Never again and again: a refusal from a server that said it holds records
	 * (a version never published) is its last word and is not sent again; one from a server that
	 * did not is sent again only once a server has said it holds them, and is then held or
	 * refused for good; a server that says it does not is sent none of them. Refused before
	 * devices kept what the server said, an entry is sent once more (an older app's, or one
	 * refused during a rollback): the first run of this app has not heard the server yet, and
	 * sends them, which asks it.
	 */
	async sendHoldableAgain(): Promise<number> {
		return this.#db.transaction('rw', this.#db.outbox, this.#db.settings, async () => {
			if ((await this.#db.settings.get(SERVER_HOLDS_KEY))?.value === false) return 0;
			const refused = await this.#db.outbox
				.where('refusal')
				.anyOf([...holdReasons])
				.toArray();
			const again = refused.filter((e) => e.refusedHolding !== true);
			// Undefined: Dexie removes the property, as on an entry never refused.
			for (const { id } of again)
				await this.#db.outbox.update(id, { refusal: null, refusedHolding: undefined });
			return again.length;
		});
	}

	/**
	 * Records an answer's refusals, and whether its server said it holds records for the lead
	 * (with each refusal, and as the server's last word), in one transaction.
	 */
	async refuseAll(
		refusals: ReadonlyArray<{ id: string; reason: string }>,
		serverHolds = false
	): Promise<void> {
		await this.#db.transaction('rw', this.#db.outbox, this.#db.settings, async () => {
			for (const { id, reason } of refusals) await this.refuse(id, reason, serverHolds);
			await this.#db.settings.put({ key: SERVER_HOLDS_KEY, value: serverHolds });
		});
	}
}
