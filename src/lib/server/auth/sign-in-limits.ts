import { inTransaction, type Db } from '../db/database';
import { lockFor } from '../db/sql';

/*
 * Sign-in throttling, kept in the database so that it survives restarts and is shared by
 * every server process. Only failures count; a success clears nothing, so a guesser cannot
 * reset the window by signing in to their own account from the same address.
 *
 * An address is never locked out as a whole. Behind a reverse proxy or a hospital's NAT, one
 * address is everyone: a lock on it would let 20 wrong passwords, typed by anyone, keep every
 * nurse out for 15 minutes. So an address with 20 failures in the window is "busy", and from a
 * busy address each account may fail only twice, not five times: someone guessing across many
 * accounts gets two tries at each, and the only accounts it can lock are the ones it has been
 * failing on — as the per-account limit allows anyway. A nurse with the right password, whose
 * account nobody has been guessing, still signs in. (docs/deployment.md: the proxy set-up that
 * gives each device its own address.)
 */
export const WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
export const MAX_FAILURES_PER_ACCOUNT_FROM_BUSY_ADDRESS = 2;

export type Throttle = { limited: false } | { limited: true; retryAfterMinutes: number };

export async function checkSignInThrottle(
	db: Db,
	email: string,
	address: string,
	now = new Date()
): Promise<Throttle> {
	const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000).toISOString();
	const failures = (column: 'email' | 'address', value: string) =>
		db
			.selectFrom('sign_in_attempt')
			.select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('at').as('oldest')])
			.where(column, '=', value)
			.where('succeeded', '=', 0)
			.where('at', '>', since)
			.executeTakeFirstOrThrow();
	const [byAccount, byAddress] = await Promise.all([
		failures('email', email.toLowerCase()),
		failures('address', address)
	]);
	const busy = Number(byAddress.count) >= MAX_FAILURES_PER_ADDRESS;
	const allowed = busy ? MAX_FAILURES_PER_ACCOUNT_FROM_BUSY_ADDRESS : MAX_FAILURES_PER_ACCOUNT;
	if (Number(byAccount.count) < allowed) return { limited: false };
	const freesAt = Date.parse(String(byAccount.oldest)) + WINDOW_MINUTES * 60_000;
	return {
		limited: true,
		retryAfterMinutes: Math.max(1, Math.ceil((freesAt - now.getTime()) / 60_000))
	};
}

/**
 * Checks the throttle and, when not limited, counts this attempt as a failure straight away,
 * in one transaction. Parallel guesses are then counted before any password is checked; a
 * right password turns its attempt into a success afterwards (`markSignInSucceeded`).
 */
export async function beginSignInAttempt(
	db: Db,
	email: string,
	address: string,
	now = new Date()
): Promise<Throttle & { attemptId?: number }> {
	return inTransaction(db, async (trx) => {
		// Parallel guesses for one account are counted one after another (on PostgreSQL too).
		await lockFor(trx, `sign-in:${email.toLowerCase()}`);
		const throttle = await checkSignInThrottle(trx, email, address, now);
		if (throttle.limited) return throttle;
		// RETURNING, not insertId: PostgreSQL has no last-insert id (see db/sql.ts).
		const { id } = await trx
			.insertInto('sign_in_attempt')
			.values({ email: email.toLowerCase(), address, succeeded: 0, at: now.toISOString() })
			.returning('id')
			.executeTakeFirstOrThrow();
		// Old attempts are of no use to the throttle: keep the table small.
		const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
		await trx.deleteFrom('sign_in_attempt').where('at', '<', dayAgo).execute();
		return { limited: false, attemptId: Number(id) };
	});
}

export async function markSignInSucceeded(db: Db, attemptId: number): Promise<void> {
	await db
		.updateTable('sign_in_attempt')
		.set({ succeeded: 1 })
		.where('id', '=', attemptId)
		.execute();
}

export async function recordSignInAttempt(
	db: Db,
	email: string,
	address: string,
	succeeded: boolean,
	now = new Date()
): Promise<void> {
	await db
		.insertInto('sign_in_attempt')
		.values({
			email: email.toLowerCase(),
			address,
			succeeded: succeeded ? 1 : 0,
			at: now.toISOString()
		})
		.execute();
	// Old attempts are of no use to the throttle: keep the table small.
	const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
	await db.deleteFrom('sign_in_attempt').where('at', '<', dayAgo).execute();
}
