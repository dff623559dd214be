import { MAX_BATCH, type SyncChange, type SyncResponse } from '$lib/domain/sync';
import type { OutboxRepository } from './outbox-repository';

/*
 * Sends the outbox to the server until it is empty or the network fails.
 *
 * Invariants:
 *  - an entry leaves the outbox only when the server has answered for its id: accepted or
 *    duplicate (the server already had it) removes it; refused keeps it with the reason;
 *  - a failure (no network, server down, a 5xx, a cut connection) changes nothing but the
 *    attempt count, so the next run sends the same entries again, and the server's idempotent
 *    apply makes the retry harmless;
 *  - entries go oldest first, in batches of at most MAX_BATCH.
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
	refused: number;
	failed: Error | null;
	serverTime: string | null;
}

export async function syncOutbox(
	outbox: OutboxRepository,
	transport: Transport,
	now: () => Date = () => new Date()
): Promise<SyncOutcome> {
	const outcome: SyncOutcome = { acknowledged: 0, refused: 0, failed: null, serverTime: null };
	for (;;) {
		const batch = await outbox.takeBatch(MAX_BATCH, now());
		if (batch.length === 0) return outcome;
		const ids = batch.map((e) => e.id);
		let response: SyncResponse;
		try {
			response = await transport.send(
				batch.map((e) => ({
					id: e.id,
					kind: e.kind,
					payload: e.payload,
					...(e.madeBy ? { madeBy: e.madeBy } : {})
				}))
			);
		} catch (error) {
			outcome.failed = error instanceof Error ? error : new Error(String(error));
			return outcome;
		}
		const sent = new Set(ids);
		const answered = response.results.filter((r) => sent.has(r.id));
		const done = answered.filter((r) => r.status !== 'refused').map((r) => r.id);
		await outbox.acknowledge(done);
		await outbox.refuseAll(
			answered.flatMap((r) => (r.status === 'refused' ? [{ id: r.id, reason: r.reason }] : []))
		);
		outcome.acknowledged += done.length;
		outcome.refused += answered.length - done.length;
		outcome.serverTime = response.serverTime;
		// A server that answered for none of the batch would loop for ever: stop and retry later.
		if (answered.length === 0) {
			outcome.failed = new Error('The server answered for none of the changes sent');
			return outcome;
		}
	}
}
