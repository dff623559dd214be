import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Role, StaffAccount } from '$lib/domain/staff';
import { toStaffAccount } from '../repositories/staff-accounts';

export const SESSION_COOKIE = 'session';

/**
 * How long a session may sit unused before it ends. Ward staff share a tablet through a
 * shift and must not be signed out between admissions; everyone else (studio, admin,
 * platform) works at a desk where a 30-minute idle limit is the NHS norm.
 */
export interface IdleLimits {
	staffMinutes: number;
	wardStaffMinutes: number;
}
export const DEFAULT_IDLE_LIMITS: IdleLimits = { staffMinutes: 30, wardStaffMinutes: 12 * 60 };

/** `last_seen_at` is written at most this often per session, not on every request. */
export const LAST_SEEN_EVERY_MS = 60_000;

export function idleMinutesFor(role: Role, limits: IdleLimits): number {
	return role === 'wardStaff' ? limits.wardStaffMinutes : limits.staffMinutes;
}

function digest(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** Starts a session; the returned token goes in the cookie, only its digest in the database. */
export async function createSession(
	db: Db,
	staffAccountId: string,
	hours: number,
	now = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + hours * 3_600_000);
	await db
		.insertInto('session')
		.values({
			id: digest(token),
			staff_account_id: staffAccountId,
			created_at: now.toISOString(),
			expires_at: expiresAt.toISOString(),
			last_seen_at: now.toISOString()
		})
		.execute();
	return { token, expiresAt };
}

/**
 * The signed-in account for a cookie token, or null if unknown, expired, idle too long,
 * disabled, or of a suspended organisation. One read per request; `last_seen_at` is written
 * only when it is more than a minute old, so a busy page costs no write.
 */
export async function accountForSession(
	db: Db,
	token: string,
	now = new Date(),
	limits: IdleLimits = DEFAULT_IDLE_LIMITS
): Promise<StaffAccount | null> {
	const id = digest(token);
	const row = await db
		.selectFrom('session')
		.innerJoin('staff_account', 'staff_account.id', 'session.staff_account_id')
		.innerJoin('organisation', 'organisation.id', 'staff_account.organisation_id')
		.selectAll('staff_account')
		.select(['session.created_at as session_created_at', 'session.last_seen_at'])
		.where('session.id', '=', id) // tenancy: the session decides the organisation
		.where('session.expires_at', '>', now.toISOString())
		.where('staff_account.disabled', '=', 0)
		.where('organisation.suspended_at', 'is', null)
		.executeTakeFirst();
	if (!row) return null;
	const account = toStaffAccount(row);
	const lastSeen = Date.parse(row.last_seen_at ?? row.session_created_at);
	const idleMs = now.getTime() - lastSeen;
	if (idleMs >= idleMinutesFor(account.role, limits) * 60_000) {
		await db.deleteFrom('session').where('id', '=', id).execute();
		return null;
	}
	if (idleMs >= LAST_SEEN_EVERY_MS)
		await db
			.updateTable('session')
			.set({ last_seen_at: now.toISOString() })
			.where('id', '=', id)
			.execute();
	return account;
}

export async function endSession(db: Db, token: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', digest(token)).execute();
}

/**
 * What a shared tablet keeps so that a sign-out made offline can end the session later, when
 * the network is back: the token's digest (the session's key). It signs no one in; whoever
 * holds it can only end that one session. The ward page hands it to the device.
 */
export function signOutKeyOf(token: string): string {
	return digest(token);
}

/**
 * Ends the session with this sign-out key. True when this call ended it; false when it had
 * already ended (signed out online, expired, or this key sent before): a retry changes nothing.
 */
export async function endSessionByKey(db: Db, key: string): Promise<boolean> {
	const result = await db.deleteFrom('session').where('id', '=', key).executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

/**
 * Deletes sessions past their expiry or idle limit, and sign-ins through an OpenID provider
 * that were never finished. Runs at start and then on a timer: both deletes use an index
 * (`session_expires`, the oidc_login key), and the idle one reads only sessions unused for
 * the shorter limit.
 */
export async function sweepSessions(
	db: Db,
	now = new Date(),
	limits: IdleLimits = DEFAULT_IDLE_LIMITS
): Promise<number> {
	const iso = now.toISOString();
	const staffCutoff = new Date(now.getTime() - limits.staffMinutes * 60_000).toISOString();
	const wardCutoff = new Date(now.getTime() - limits.wardStaffMinutes * 60_000).toISOString();
	const expired = await db.deleteFrom('session').where('expires_at', '<=', iso).execute();
	const idle = await db
		.deleteFrom('session') // tenancy: the service's own sweep, across every organisation
		.where(({ eb, selectFrom }) =>
			eb(
				'id',
				'in',
				selectFrom('session as s')
					.innerJoin('staff_account as a', 'a.id', 's.staff_account_id')
					.select('s.id')
					.where(
						sql<boolean>`coalesce(s.last_seen_at, s.created_at) <= case when a.role = 'wardStaff' then ${wardCutoff} else ${staffCutoff} end`
					)
			)
		)
		.execute();
	await db.deleteFrom('oidc_login').where('expires_at', '<=', iso).execute(); // tenancy: service-wide sweep
	return Number(expired[0]?.numDeletedRows ?? 0) + Number(idle[0]?.numDeletedRows ?? 0);
}
