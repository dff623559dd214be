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
 *  - an entry refused for a reason the server now holds records for, by a server that did not
 *    say it holds records (an older app was told `refused`, or the service was rolled back to a
 *    release before held records), is sent once more when the server says it holds them, and is
 *    then held; one refused so by a server that said it holds them is never sent again
 *    (OutboxRepository.sendHoldableAgain);
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
	/**
	 * Resolves with the server's answer; rejects on any failure to get one, with a NotSentError
	 * when the request certainly never left the device (http-transport.ts).
	 */
	send(changes: SyncChange[]): Promise<SyncAnswer>;
}

/**
 * A send that certainly never left the device: the browser had no network when it was made
 * (http-transport.ts). Its batch's entries are not "perhaps sent".
 */
export class NotSentError extends Error {
	constructor(cause: unknown) {
		super(cause instanceof Error ? cause.message : String(cause), { cause });
		this.name = 'NotSentError';
	}
}

/**
 * The server's answer, and whether it said it answered under the held rule (in its
 * X-Sync-Understands header; http-transport.ts): not said, a refusal for a reason it holds
 * records for may be a server's that does not hold them, and the entry is sent once more.
 */
export type SyncAnswer = SyncResponse & { serverHolds?: boolean };

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
	/*
	 * Entries a server that does not hold records refused for a reason one that does holds them
	 * for are made waiting again before the run, if the server last said it holds them (or has
	 * not answered this app yet), and after it, if an answer in it has just said so (the service
	 * moved forward again after a rollback): then the run goes on, once. Twice at most a run,
	 * and a refusal from a server that holds records is final: nothing is sent again and again.
	 */
	await outbox.sendHoldableAgain();
	await sendWaiting(outbox, transport, now, outcome);
	if (!outcome.failed && (await outbox.sendHoldableAgain()) > 0)
		await sendWaiting(outbox, transport, now, outcome);
	return outcome;
}

/** Sends what waits, batch after batch, adding to `outcome`; stops at the first failure. */
async function sendWaiting(
	outbox: OutboxRepository,
	transport: Transport,
	now: () => Date,
	outcome: SyncOutcome
): Promise<void> {
	let batch = await outbox.takeBatch(MAX_BATCH, now());
	let answer = batch.entries.length > 0 ? send(transport, batch.entries) : null;
	while (answer) {
		const ids = new Set(batch.entries.map((e) => e.id));
		const next = await outbox.takeBatch(MAX_BATCH, now(), batch.entries);
		let response: SyncAnswer;
		try {
			response = await answer;
		} catch (error) {
			// The batch taken meanwhile was never sent: its mark goes, and an undo of one of its
			// records forgets it. The failed batch keeps its mark (the next run settles it as
			// perhaps sent, the safe side) unless it certainly never left the device: a tablet
			// offline all shift sends nothing, so a record undone there is simply forgotten and
			// never waits to be sent, voided, with its undo.
			await outbox.release(next.mark, []);
			if (error instanceof NotSentError) await outbox.release(batch.mark, []);
			outcome.failed = error instanceof Error ? error : new Error(String(error));
			return;
		}
		const answered = response.results.filter((r) => ids.has(r.id));
		// A server that answered for none of the batch would loop for ever: stop and retry later.
		if (answered.length === 0) {
			outcome.failed = new Error('The server answered for none of the changes sent');
			return;
		}
		answer = next.entries.length > 0 ? send(transport, next.entries) : null;
		const done = answered.filter((r) => r.status !== 'refused').map((r) => r.id);
		const held = answered.flatMap((r) => (r.status === 'held' ? [r] : []));
		await outbox.hold(held, now());
		await outbox.acknowledge(done);
		await outbox.refuseAll(
			answered.flatMap((r) => (r.status === 'refused' ? [{ id: r.id, reason: r.reason }] : [])),
			response.serverHolds ?? false
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
}

/** Sends a batch; its failure is handled where its answer is awaited, perhaps a little later. */
function send(transport: Transport, batch: OutboxEntry[]): Promise<SyncAnswer> {
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
