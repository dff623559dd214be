import { randomUUID } from 'node:crypto';
import { inTransaction, type Db } from '../db/database';
import { isPostgres } from '../db/migrations/portable';
import { countWhere } from '../db/sql';
import type { RenderedMessage } from './messages';

/*
 * The mail outbox (migration 042). A message is written in the transaction of the change it
 * tells of, so a change rolled back sends nothing and a committed one's message is never lost.
 * A sender (sender.ts) then:
 * 1. claims up to a batch of due messages: each gets a lease (claimed_until) in one short
 *    transaction; on PostgreSQL the rows are picked FOR UPDATE SKIP LOCKED, so two servers
 *    claiming at once take different rows, and a message claimed by one is not due for another
 *    until its lease ends (a server that died mid-send frees its messages that way);
 * 2. sends each and marks it sent, or failed: tried again after 1 min, 5 min, 30 min and 2 h,
 *    then given up (failed_at) and shown to the organisation's admin.
 * Sent exactly once unless a server stops between the relay accepting a message and the mark
 * (then the lease ends and it goes again): at least once, never lost.
 */

export type MailEvent = 'submit' | 'return' | 'approve' | 'publish' | 'withdraw' | 'digest';

export interface NewMessage {
	organisationId: string;
	recipientId: string;
	event: MailEvent;
	versionId: string | null;
	language: string;
	message: RenderedMessage;
}

/** Adds a message to the outbox, due now; call inside the transaction of its event. */
export async function queueMessage(trx: Db, m: NewMessage, now: Date): Promise<void> {
	await trx
		.insertInto('mail_outbox')
		.values({
			id: randomUUID(),
			organisation_id: m.organisationId,
			recipient_id: m.recipientId,
			event: m.event,
			version_id: m.versionId,
			language: m.language,
			subject: m.message.subject,
			text_body: m.message.text,
			html_body: m.message.html,
			created_at: now.toISOString(),
			next_attempt_at: now.toISOString()
		})
		.execute();
}

/** The waits after the 1st, 2nd, 3rd and 4th failed attempts; the 5th failure gives up. */
export const RETRY_AFTER_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000] as const;

/** How long a claim holds: well past a send's own timeouts (sender.ts). */
export const LEASE_MS = 5 * 60_000;

export interface ClaimedMessage {
	id: string;
	organisationId: string;
	to: string;
	/** The recipient's account was disabled after the message was queued: not sent. */
	recipientDisabled: boolean;
	subject: string;
	text: string;
	html: string;
	attempts: number;
}

/** Claims up to `limit` due messages for this sender, soonest due first (see above). */
export async function claimDue(db: Db, now: Date, limit = 20): Promise<ClaimedMessage[]> {
	const at = now.toISOString();
	return inTransaction(db, async (trx) => {
		let due = trx
			.selectFrom('mail_outbox') // tenancy: the service's own sender, every organisation's mail
			.select('id')
			.where('sent_at', 'is', null)
			.where('failed_at', 'is', null)
			.where('next_attempt_at', '<=', at)
			.where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', at)]))
			.orderBy('next_attempt_at')
			.limit(limit);
		if (isPostgres(trx)) due = due.forUpdate().skipLocked();
		const ids = (await due.execute()).map((r) => r.id);
		if (!ids.length) return [];
		await trx
			.updateTable('mail_outbox') // tenancy: the rows just claimed, by id
			.set({ claimed_until: new Date(now.getTime() + LEASE_MS).toISOString() })
			.where('id', 'in', ids)
			.execute();
		const rows = await trx
			.selectFrom('mail_outbox as m') // tenancy: the rows just claimed, by id
			.innerJoin('staff_account as s', (j) =>
				j.onRef('s.id', '=', 'm.recipient_id').onRef('s.organisation_id', '=', 'm.organisation_id')
			)
			.select([
				'm.id',
				'm.organisation_id',
				's.email',
				's.disabled',
				'm.subject',
				'm.text_body',
				'm.html_body',
				'm.attempts'
			])
			.where('m.id', 'in', ids)
			.orderBy('m.next_attempt_at')
			.execute();
		return rows.map((r) => ({
			id: r.id,
			organisationId: r.organisation_id,
			to: r.email,
			recipientDisabled: r.disabled !== 0,
			subject: r.subject,
			text: r.text_body,
			html: r.html_body,
			attempts: r.attempts
		}));
	});
}

export async function markSent(db: Db, id: string, now: Date): Promise<void> {
	await db
		.updateTable('mail_outbox') // tenancy: a row this sender claimed, by id
		.set({ sent_at: now.toISOString(), claimed_until: null })
		.where('id', '=', id)
		.execute();
}

/** Records a failed attempt: due again after the next wait, or given up after the last. */
export async function markFailed(
	db: Db,
	message: Pick<ClaimedMessage, 'id' | 'attempts'>,
	reason: string,
	now: Date,
	options: { giveUp?: boolean } = {}
): Promise<'retry' | 'givenUp'> {
	const attempts = message.attempts + 1;
	const wait = RETRY_AFTER_MS[attempts - 1];
	const givenUp = options.giveUp || wait === undefined;
	await db
		.updateTable('mail_outbox') // tenancy: a row this sender claimed, by id
		.set({
			attempts,
			claimed_until: null,
			last_error: reason.slice(0, 500),
			...(givenUp
				? { failed_at: now.toISOString() }
				: { next_attempt_at: new Date(now.getTime() + (wait ?? 0)).toISOString() })
		})
		.where('id', '=', message.id)
		.execute();
	return givenUp ? 'givenUp' : 'retry';
}

/** Sent messages are kept this long (what was sent, to whom), then deleted. */
export const KEEP_SENT_DAYS = 30;

/** Deletes sent messages older than KEEP_SENT_DAYS; given-up ones stay for the admin. */
export async function purgeSent(db: Db, now: Date): Promise<number> {
	const before = new Date(now.getTime() - KEEP_SENT_DAYS * 86_400_000).toISOString();
	const result = await db
		.deleteFrom('mail_outbox') // tenancy: the service's own housekeeping, every organisation
		.where('sent_at', '<', before)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

export interface OutboxProblem {
	id: string;
	recipientName: string;
	recipientEmail: string;
	event: MailEvent;
	subject: string;
	attempts: number;
	lastError: string | null;
	createdAt: string;
	/** Set: given up; null: still being tried. */
	failedAt: string | null;
	nextAttemptAt: string;
}

/** The organisation's messages that failed at least once and were not sent, newest first. */
export async function outboxProblems(
	db: Db,
	organisationId: string,
	limit = 50
): Promise<OutboxProblem[]> {
	const rows = await db
		.selectFrom('mail_outbox as m')
		.innerJoin('staff_account as s', 's.id', 'm.recipient_id')
		.select([
			'm.id',
			's.display_name',
			's.email',
			'm.event',
			'm.subject',
			'm.attempts',
			'm.last_error',
			'm.created_at',
			'm.failed_at',
			'm.next_attempt_at'
		])
		.where('m.organisation_id', '=', organisationId)
		.where('m.sent_at', 'is', null)
		.where('m.attempts', '>', 0)
		.orderBy('m.created_at', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		recipientName: r.display_name,
		recipientEmail: r.email,
		event: r.event as MailEvent,
		subject: r.subject,
		attempts: r.attempts,
		lastError: r.last_error,
		createdAt: r.created_at,
		failedAt: r.failed_at,
		nextAttemptAt: r.next_attempt_at
	}));
}

/** How many of the organisation's messages are waiting and sent in the last KEEP_SENT_DAYS. */
export async function outboxCounts(db: Db, organisationId: string) {
	const row = await db
		.selectFrom('mail_outbox')
		.select([
			(eb) =>
				countWhere(eb.and([eb('sent_at', 'is', null), eb('failed_at', 'is', null)])).as('waiting'),
			(eb) => countWhere(eb('sent_at', 'is not', null)).as('sent')
		])
		.where('organisation_id', '=', organisationId)
		.executeTakeFirst();
	return { waiting: Number(row?.waiting ?? 0), sent: Number(row?.sent ?? 0) };
}
