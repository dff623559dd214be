import { addressNetwork } from '../address-network';
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
 *
 * An address is counted as the network it stands for (address-network.ts), as the other rate
 * limits count it: an IPv6 client's whole /64, whose addresses a phone may rotate through at will,
 * so that a guesser cannot make a new address for every guess and escape the busy rule. It is
 * stored that way too (`sign_in_attempt.address`), so a day's attempts keep no device's own.
 *
 * An account is an email *in an organisation* (one email may hold accounts in two trusts, 015).
 * Sign-in does not know the organisation until a password matches, so a failed attempt counts
 * against every organisation whose account it was checked against (sign_in_failure, 017), and an
 * organisation whose account has failed too often is not checked at all: a guess never reaches a
 * throttled account, whichever organisation it was meant for. Trust A's admin unlocking
 * x@nhs.net clears trust A's failures only; x's account at trust B stays throttled until B's
 * admin unlocks it or the window passes. An email no account holds is throttled by the email
 * alone, so an unknown email looks the same as a known one from outside.
 */
export const WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
export const MAX_FAILURES_PER_ACCOUNT_FROM_BUSY_ADDRESS = 2;

export type Throttle = { limited: false } | { limited: true; retryAfterMinutes: number };

/** The organisations holding an account with this email: a failed attempt counts against each. */
export async function signInOrganisations(db: Db, email: string): Promise<string[]> {
	const rows = await db
		.selectFrom('staff_account')
		.select('organisation_id')
		.where('email', '=', email.toLowerCase()) // tenancy: signing in decides the organisation
		.orderBy('organisation_id')
		.execute();
	return rows.map((r) => r.organisation_id);
}

/** The throttle now, and the organisations an attempt may still be checked against. */
async function throttleFor(
	db: Db,
	email: string,
	address: string,
	now: Date
): Promise<Throttle & { organisationIds: string[] }> {
	const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000).toISOString();
	const lower = email.toLowerCase();
	const failures = (column: 'email' | 'address', value: string) =>
		db
			.selectFrom('sign_in_attempt')
			.select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('at').as('oldest')])
			.where(column, '=', value)
			.where('succeeded', '=', 0)
			.where('at', '>', since)
			.executeTakeFirstOrThrow();
	const [byAddress, holders] = await Promise.all([
		failures('address', addressNetwork(address)),
		signInOrganisations(db, lower)
	]);
	const busy = Number(byAddress.count) >= MAX_FAILURES_PER_ADDRESS;
	const allowed = busy ? MAX_FAILURES_PER_ACCOUNT_FROM_BUSY_ADDRESS : MAX_FAILURES_PER_ACCOUNT;
	const byOrganisation =
		holders.length === 0
			? [{ organisation_id: null, ...(await failures('email', lower)) }]
			: await db
					.selectFrom('sign_in_failure')
					.select((eb) => [
						'organisation_id',
						eb.fn.countAll<number>().as('count'),
						eb.fn.min('at').as('oldest')
					])
					.where('organisation_id', 'in', holders)
					.where('email', '=', lower)
					.where('at', '>', since)
					.groupBy('organisation_id')
					.execute();
	const full = byOrganisation.filter((r) => Number(r.count) >= allowed);
	const open = holders.filter((id) => !full.some((r) => r.organisation_id === id));
	if (full.length === 0 || open.length > 0) return { limited: false, organisationIds: open };
	const freesAt =
		Math.min(...full.map((r) => Date.parse(String(r.oldest)))) + WINDOW_MINUTES * 60_000;
	return {
		limited: true,
		retryAfterMinutes: Math.max(1, Math.ceil((freesAt - now.getTime()) / 60_000)),
		organisationIds: []
	};
}

export async function checkSignInThrottle(
	db: Db,
	email: string,
	address: string,
	now = new Date()
): Promise<Throttle> {
	const throttle = await throttleFor(db, email, address, now);
	return throttle.limited
		? { limited: true, retryAfterMinutes: throttle.retryAfterMinutes }
		: { limited: false };
}

/** One attempt, and (when it failed) a failure against each organisation it was checked against. */
async function insertAttempt(
	db: Db,
	attempt: { email: string; address: string; succeeded: boolean; organisationIds: string[] },
	now: Date
): Promise<number> {
	const email = attempt.email.toLowerCase();
	const at = now.toISOString();
	// RETURNING, not insertId: PostgreSQL has no last-insert id (see db/sql.ts).
	const { id } = await db
		.insertInto('sign_in_attempt')
		.values({
			email,
			address: addressNetwork(attempt.address),
			succeeded: attempt.succeeded ? 1 : 0,
			at
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const attemptId = Number(id);
	if (!attempt.succeeded && attempt.organisationIds.length)
		await db
			.insertInto('sign_in_failure')
			.values(
				attempt.organisationIds.map((organisation_id) => ({
					attempt_id: attemptId,
					organisation_id,
					email,
					at
				}))
			)
			.execute();
	// Old attempts are of no use to the throttle: keep the tables small.
	const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
	await db.deleteFrom('sign_in_failure').where('at', '<', dayAgo).execute(); // tenancy: age only, every organisation's
	await db.deleteFrom('sign_in_attempt').where('at', '<', dayAgo).execute();
	return attemptId;
}

/**
 * Checks the throttle and, when not limited, counts this attempt as a failure straight away,
 * in one transaction. Parallel guesses are then counted before any password is checked; a
 * right password turns its attempt into a success afterwards (`markSignInSucceeded`). The
 * password may be checked only against the accounts of `organisationIds`.
 */
export async function beginSignInAttempt(
	db: Db,
	email: string,
	address: string,
	now = new Date()
): Promise<Throttle & { attemptId?: number; organisationIds: string[] }> {
	return inTransaction(db, async (trx) => {
		// Parallel guesses for one account are counted one after another (on PostgreSQL too).
		await lockFor(trx, `sign-in:${email.toLowerCase()}`);
		const throttle = await throttleFor(trx, email, address, now);
		if (throttle.limited) return throttle;
		const attemptId = await insertAttempt(
			trx,
			{ email, address, succeeded: false, organisationIds: throttle.organisationIds },
			now
		);
		return { ...throttle, attemptId };
	});
}

export async function markSignInSucceeded(db: Db, attemptId: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		await trx
			.updateTable('sign_in_attempt')
			.set({ succeeded: 1 })
			.where('id', '=', attemptId)
			.execute();
		await trx.deleteFrom('sign_in_failure').where('attempt_id', '=', attemptId).execute(); // tenancy: this attempt's own rows
	});
}

export async function recordSignInAttempt(
	db: Db,
	email: string,
	address: string,
	succeeded: boolean,
	now = new Date()
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const organisationIds = await signInOrganisations(trx, email);
		await insertAttempt(trx, { email, address, succeeded, organisationIds }, now);
	});
}

/** Failed sign-ins counting now against each email's account in the organisation. */
export async function failuresByEmail(
	db: Db,
	organisationId: string,
	now = new Date()
): Promise<Map<string, number>> {
	const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000).toISOString();
	const rows = await db
		.selectFrom('sign_in_failure')
		.select((eb) => ['email', eb.fn.countAll<number>().as('count')])
		.where('organisation_id', '=', organisationId)
		.where('at', '>', since)
		.groupBy('email')
		.execute();
	return new Map(rows.map((r) => [r.email, Number(r.count)]));
}

/**
 * Forgets an email's failed sign-ins against one organisation's account; another organisation's
 * account with the same email keeps its own. The attempts stay, for the address limit. How many
 * failures were cleared.
 */
export async function clearSignInFailures(
	db: Db,
	organisationId: string,
	email: string
): Promise<number> {
	const cleared = await db
		.deleteFrom('sign_in_failure')
		.where('organisation_id', '=', organisationId)
		.where('email', '=', email.toLowerCase())
		.executeTakeFirst();
	return Number(cleared.numDeletedRows);
}
