import { MAX_BATCH, type SyncChange, type SyncResponse } from '$lib/domain/sync';
import type { OutboxEntry } from './device-db';
import type { OutboxRepository } from './outbox-repository';

/*
 * Sends the outbox to the server until it is empty or the network fails.
 *
 * Invariants:
 *  - an entry leaves the outbox only when the server has answered for its id: accepted or
 *    duplicate (the server already had it) removes it; held (the server keeps it for the
 *    engagement lead to check) removes it and notes it, so the ward is told; refused keeps it
 *    with the reason;
 *  - an entry refused for a reason the server now holds records for (an older app was told
 *    `refused`) is sent once more, at the start of each run, and is then held;
 *  - a failure (no network, server down, a 5xx, a cut connection) changes nothing but the
 *    attempt count, so the next run sends the same entries again, and the server's idempotent
 *    apply makes the retry harmless;
 *  - entries go oldest first, in batches of at most MAX_BATCH, one batch at the server at a
 *    time: the next is sent only once the last has been answered, so the server applies them
 *    in order (an undo never arrives before its record).
 *
 * The device's work overlaps the server's: while a batch is at the server the next is taken
 * (marked attempted), and while that one is at the server the last one's answer is written.
 * Marking is what lets an undo tell "never sent" from "perhaps sent"; a batch marked but not
 * sent because the one before it failed is only ever taken as perhaps sent, the safe side. A
 * batch's mark is one row (outbox-repository.ts `takeBatch`); marks a failed run leaves are
 * settled on each entry when the next run starts.
 *
 * Example: 1,200 waiting, the connection drops during the second batch → after the run 700
 * remain (the first 500 were acknowledged), `failed` is set, and a later run sends the 700.
 */
export interface Transport {
	/** Resolves with the server's answer; rejects on any failure to get one. */
	send(changes: SyncChange[]): Promise<SyncResponse>;
}

export interface SyncOutcome {
	acknowledged: number;
	/** Of those acknowledged, how many the server holds for the lead to check. */
	held: number;
	refused: number;
	failed: Error | null;
	serverTime: string | null;
}

export async function syncOutbox(
	outbox: OutboxRepository,
	transport: Transport,
	now: () => Date = () => new Date()
): Promise<SyncOutcome> {
	const outcome: SyncOutcome = {
		acknowledged: 0,
		held: 0,
		refused: 0,
		failed: null,
		serverTime: null
	};
	await outbox.settleLeftMarks(now());
	await outbox.sendHoldableAgain();
	let batch = await outbox.takeBatch(MAX_BATCH, now());
	let answer = batch.entries.length > 0 ? send(transport, batch.entries) : null;
	while (answer) {
		const ids = new Set(batch.entries.map((e) => e.id));
		const next = await outbox.takeBatch(MAX_BATCH, now(), batch.entries);
		let response: SyncResponse;
		try {
			response = await answer;
		} catch (error) {
			// Both batches keep their marks: the next run settles them as perhaps sent.
			outcome.failed = error instanceof Error ? error : new Error(String(error));
			return outcome;
		}
		const answered = response.results.filter((r) => ids.has(r.id));
		// A server that answered for none of the batch would loop for ever: stop and retry later.
		if (answered.length === 0) {
			outcome.failed = new Error('The server answered for none of the changes sent');
			return outcome;
		}
		answer = next.entries.length > 0 ? send(transport, next.entries) : null;
		const done = answered.filter((r) => r.status !== 'refused').map((r) => r.id);
		const held = answered.flatMap((r) => (r.status === 'held' ? [r] : []));
		await outbox.hold(held, now());
		await outbox.acknowledge(done);
		await outbox.refuseAll(
			answered.flatMap((r) => (r.status === 'refused' ? [{ id: r.id, reason: r.reason }] : []))
		);
		const acknowledged = new Set(done);
		await outbox.release(
			batch.mark,
			batch.entries.flatMap((e) => (acknowledged.has(e.id) ? [] : [e.id])),
			now()
		);
		batch = next;
		outcome.acknowledged += done.length;
		outcome.held += held.length;
		outcome.refused += answered.length - done.length;
		outcome.serverTime = response.serverTime;
	}
	return outcome;
}

/** Sends a batch; its failure is handled where its answer is awaited, perhaps a little later. */
function send(transport: Transport, batch: OutboxEntry[]): Promise<SyncResponse> {
	const answer = transport.send(
		batch.map((e) => ({
			id: e.id,
			kind: e.kind,
			payload: e.payload,
			...(e.madeBy ? { madeBy: e.madeBy } : {})
		}))
	);
	answer.catch(() => {});
	return answer;
}
