import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database';
import type { StaffAccount } from '$lib/domain/staff';
import { toStaffAccount } from '../repositories/staff-accounts';

export const SESSION_COOKIE = 'session';

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
			expires_at: expiresAt.toISOString()
		})
		.execute();
	return { token, expiresAt };
}

/** The signed-in account for a cookie token, or null if unknown, expired or disabled. */
export async function accountForSession(
	db: Db,
	token: string,
	now = new Date()
): Promise<StaffAccount | null> {
	const row = await db
		.selectFrom('session')
		.innerJoin('staff_account', 'staff_account.id', 'session.staff_account_id')
		.selectAll('staff_account')
		.where('session.id', '=', digest(token)) // tenancy: the session decides the organisation
		.where('session.expires_at', '>', now.toISOString())
		.where('staff_account.disabled', '=', 0)
		.executeTakeFirst();
	return row ? toStaffAccount(row) : null;
}

export async function endSession(db: Db, token: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', digest(token)).execute();
}
